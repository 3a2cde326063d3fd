"""The follow-up rules: applications, a policy and a moment in; actions and the next change out.

A pure module, the etiquette of `shared/seeds/` as DESIGN.md's table states it. No database, no
Textual and no wall clock: `now` and the local zone are passed in.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from followup.domain.model import Application, Direction, Snooze, TouchpointKind
from followup.domain.policy import Policy
from followup.domain.when import end_of_day, start_of_day
from followup.domain.workdays import WorkingDays


class FollowUpRule(StrEnum):
    PREP = "prep"
    NOTES = "notes"
    THANK_YOU = "thank-you"
    TIMELINE = "timeline"
    CHECK_IN = "check-in"
    WAIT = "wait"
    SECOND_FOLLOW_UP = "second-follow-up"
    MOVE_ON = "move-on"
    REFERENCES = "references"
    KEEP_SEARCHING = "keep-searching"


class State(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    HOLD = "hold"
    UPCOMING = "upcoming"


# A due action without a deadline (timeline, move-on) sorts after the ones with a deadline.
UNDATED = timedelta(days=3650)

# Most urgent first: the order of the list, the agenda and `followup due`.
STATE_ORDER = {State.OVERDUE: 0, State.DUE: 1, State.HOLD: 2, State.UPCOMING: 3}


@dataclass(frozen=True, slots=True)
class Action:
    application_id: int | None
    company: str
    role: str
    rule: FollowUpRule
    state: State
    opens_at: datetime
    due_by: datetime | None
    message: str
    # The sentence saying why, made when asked for: most actions are never shown.
    explain: Callable[[], str] = field(compare=False, repr=False)
    # What a "done" dismisses: the same rule comes back only in a new cycle.
    cycle: str = ""

    @property
    def why(self) -> str:
        return self.explain()

    def sort_key(self) -> tuple:
        return (
            STATE_ORDER[self.state],
            self.sort_moment,
            self.application_id or 0,
            self.rule.value,
        )

    @property
    def sort_moment(self) -> datetime:
        """Within a state: the nearest deadline first; one with no deadline after those."""
        if self.state is State.UPCOMING:
            return self.opens_at
        if self.due_by is not None:
            return self.due_by
        return self.opens_at + UNDATED


@dataclass(frozen=True, slots=True)
class Evaluation:
    actions: tuple[Action, ...]
    # The earliest moment after `now` at which any action would appear, change state or vanish.
    next_change: datetime | None


@dataclass(frozen=True, slots=True)
class _Window:
    rule: FollowUpRule
    opens_at: datetime
    due_by: datetime | None
    message: str
    why: Callable[[], str]  # made only when shown: formatting dates is most of the cost
    cycle: str
    hold: bool = False


def _later(moment: datetime, delta: timedelta, zone: tzinfo) -> datetime:
    """`moment` plus a span of real time (24 hours are 24 hours across a DST change)."""
    return (moment.astimezone(UTC) + delta).astimezone(zone)


def _short(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class RulesEngine:
    """Evaluates the rules for many applications against one policy and calendar."""

    def __init__(self, policy: Policy, zone: tzinfo, calendar: WorkingDays | None = None) -> None:
        self.policy = policy
        self.zone = zone
        self.calendar = calendar or WorkingDays(
            policy.holidays_country, policy.holidays_subdivision
        )

    # Public API.

    def evaluate(
        self,
        applications: Iterable[Application],
        now: datetime,
        *,
        last_added: datetime | None = None,
        any_open: bool | None = None,
        general_snoozes: tuple[Snooze, ...] = (),
    ) -> Evaluation:
        actions: list[Action] = []
        evaluated: list[tuple[Application | None, list[Action], list[datetime]]] = []
        seen_open = False
        for application in applications:
            if application.stage.is_open:
                seen_open = True
            found, moments = self.for_application(application, now)
            actions.extend(found)
            if moments:
                evaluated.append((application, found, moments))
        if any_open is None:
            any_open = seen_open
        if any_open and last_added is not None:
            found, moments = self._keep_searching_at(last_added, now, general_snoozes)
            actions.extend(found)
            evaluated.append((None, found, moments))
        actions.sort(key=Action.sort_key)

        def probe(application: Application | None, moment: datetime) -> list[Action]:
            if application is None:
                assert last_added is not None
                return self._keep_searching_at(last_added, moment, general_snoozes)[0]
            return self.for_application(application, moment)[0]

        return Evaluation(tuple(actions), _next_change(evaluated, now, probe))

    def _keep_searching_at(
        self, last_added: datetime, now: datetime, snoozes: tuple[Snooze, ...]
    ) -> tuple[list[Action], list[datetime]]:
        changes: list[datetime] = []
        window = self._keep_searching(last_added)
        action = self._resolve(None, "", "", window, now, snoozes, changes)
        return ([action] if action else []), changes

    def for_application(
        self, application: Application, now: datetime
    ) -> tuple[list[Action], list[datetime]]:
        """The actions of one application, and the future moments at which they may change."""
        changes: list[datetime] = []
        if not application.stage.is_open or application.stage.value == "wishlist":
            return [], changes
        windows = self._windows(application, now, changes)
        actions = []
        for window in windows:
            action = self._resolve(
                application.id,
                application.company,
                application.role,
                window,
                now,
                application.snoozes,
                changes,
            )
            if action is not None:
                actions.append(action)
        return actions, changes

    # The rules.

    def _windows(self, app: Application, now: datetime, changes: list[datetime]) -> list[_Window]:
        policy, zone = self.policy, self.zone
        windows: list[_Window] = []
        # Only what happened at or before now counts; what lies ahead is a future change.
        past_interviews = []
        for interview in app.interviews:
            if interview.ends_at <= now:
                past_interviews.append(interview)
            else:
                changes.append(interview.ends_at)
                if interview.starts_at > now:
                    changes.append(interview.starts_at)
        touchpoints = []
        for touchpoint in app.touchpoints:
            if touchpoint.at <= now:
                touchpoints.append(touchpoint)
            else:
                changes.append(touchpoint.at)

        # prep: the next interview to start (seeds 001, 003).
        upcoming = [i for i in app.interviews if i.starts_at > now]
        if upcoming:
            nxt = min(upcoming, key=lambda i: i.starts_at)
            windows.append(
                _Window(
                    FollowUpRule.PREP,
                    _later(nxt.starts_at, -timedelta(hours=policy.prep_hours), zone),
                    nxt.starts_at,
                    "Prepare: ask about their timeline and for the interviewer's card",
                    lambda: (
                        f"Interview starts {_short(nxt.starts_at, zone)}; before you go, plan to "
                        "ask "
                        "when they expect to decide and whom to contact afterwards."
                    ),
                    f"interview-{nxt.id or nxt.starts_at.isoformat()}",
                )
            )

        last = max(past_interviews, key=lambda i: i.ends_at) if past_interviews else None
        incoming = [t for t in touchpoints if t.direction is Direction.IN]
        last_reply = max(incoming, key=lambda t: t.at) if incoming else None
        anchor = None  # L
        if last is not None:
            anchor = last.ends_at
        if last_reply is not None and (anchor is None or last_reply.at > anchor):
            anchor = last_reply.at
        decision = app.decision_by
        if (
            decision is not None
            and anchor is not None
            and decision < anchor.astimezone(zone).date()
        ):
            decision = None  # stated before the latest news: stale
        follow_ups = [
            t
            for t in touchpoints
            if t.direction is Direction.OUT
            and t.kind is TouchpointKind.FOLLOW_UP
            and (anchor is None or t.at > anchor)
        ]
        k = len(follow_ups)

        if last is not None:
            ended = last.ends_at
            cycle = f"interview-{last.id or last.starts_at.isoformat()}"
            if not last.has_notes:
                windows.append(
                    _Window(
                        FollowUpRule.NOTES,
                        ended,
                        _later(ended, timedelta(hours=policy.notes_hours), zone),
                        "Write down your interview notes while they are fresh",
                        lambda: (
                            f"Interview ended {_short(ended, zone)}; notes taken within "
                            f"{policy.notes_hours} hours keep the conversation, your strong "
                            "points and "
                            "the answers to improve in mind."
                        ),
                        cycle,
                    )
                )
            thanked = any(
                t.direction is Direction.OUT
                and t.kind is TouchpointKind.THANK_YOU
                and t.at >= last.starts_at
                for t in touchpoints
            )
            if not thanked:
                windows.append(
                    _Window(
                        FollowUpRule.THANK_YOU,
                        ended,
                        _later(ended, timedelta(hours=policy.thank_you_hours), zone),
                        "Send a thank-you note",
                        lambda: (
                            f"Interview ended {_short(ended, zone)}; a thank-you note is due "
                            "within "
                            f"{policy.thank_you_hours} hours."
                        ),
                        cycle,
                    )
                )
            if decision is None:
                windows.append(
                    _Window(
                        FollowUpRule.TIMELINE,
                        ended,
                        None,
                        "Find out when they expect to decide",
                        lambda: (
                            f"Interview ended {_short(ended, zone)} and no decision date is "
                            "recorded; "
                            "knowing their timeline tells you when to follow up."
                        ),
                        cycle,
                    )
                )

        if k == 0:
            window = self._check_in(app, anchor, last_reply, last, decision)
            if window is not None:
                windows.append(window)
        else:
            latest = follow_ups[-1].at
            quiet_until = _later(latest, timedelta(days=policy.wait_days), zone)
            if now < quiet_until:
                windows.append(
                    _Window(
                        FollowUpRule.WAIT,
                        latest,
                        quiet_until,
                        "Wait for a reply: do not send another message yet",
                        lambda: (
                            f"You followed up {_short(latest, zone)} and have no reply; a second "
                            "message within "
                            f"{_plural(policy.wait_days, 'day')} can irritate. Wait until "
                            f"{_short(quiet_until, zone)}."
                        ),
                        f"follow-up-{latest.isoformat()}",
                        hold=True,
                    )
                )
            elif k < policy.max_unanswered:
                windows.append(
                    _Window(
                        FollowUpRule.SECOND_FOLLOW_UP,
                        quiet_until,
                        _later(latest, timedelta(days=policy.second_follow_up_due_days), zone),
                        "Send one more, short follow-up",
                        lambda: (
                            f"Your follow-up of {_short(latest, zone)} has had no reply for "
                            f"{_plural(policy.wait_days, 'day')}; one more polite message is fair."
                        ),
                        f"follow-up-{latest.isoformat()}",
                    )
                )
            else:
                windows.append(
                    _Window(
                        FollowUpRule.MOVE_ON,
                        quiet_until,
                        None,
                        "Consider moving on: close as no-response",
                        lambda: (
                            f"{_plural(k, 'follow-up')} without a reply, the last on "
                            f"{_short(latest, zone)}; "
                            "let this one go and put the energy into the next applications."
                        ),
                        f"follow-up-{latest.isoformat()}",
                    )
                )

        references = self._references(app, touchpoints, past_interviews)
        if references is not None:
            windows.append(references)
        return windows

    def _check_in(self, app, anchor, last_reply, last, decision) -> _Window | None:
        policy, zone, calendar = self.policy, self.zone, self.calendar
        if decision is not None:
            first = calendar.add(decision, policy.check_in_after_decision_open_wd)
            final = calendar.add(decision, policy.check_in_after_decision_due_wd)
            opens, due = start_of_day(first, zone), end_of_day(final, zone)

            def why() -> str:
                return (
                    f"They said they would decide by {_day(decision)}; check in "
                    f"{policy.check_in_after_decision_open_wd}-"
                    f"{policy.check_in_after_decision_due_wd} working days after it "
                    f"({_day(first)} to {_day(final)})"
                )

            span = (decision, final)
            cycle = f"decision-{decision.isoformat()}"
        elif anchor is not None:
            after_reply = last_reply is not None and (last is None or last_reply.at > last.ends_at)
            opens = calendar.add_to(anchor, policy.check_in_after_interview_open_wd, zone)
            due = calendar.add_to(anchor, policy.check_in_after_interview_due_wd, zone)
            what = "Their last reply came" if after_reply else "Interview ended"

            def why() -> str:
                return (
                    f"{what} {_short(anchor, zone)} with no date for a decision; check in "
                    f"{policy.check_in_after_interview_open_wd}-"
                    f"{policy.check_in_after_interview_due_wd} working days later"
                )

            span = (anchor.astimezone(zone).date(), due.astimezone(zone).date())
            cycle = f"after-{anchor.isoformat()}"
        else:
            applied = app.applied_on or app.created_at.astimezone(zone).date()
            first = calendar.add(applied, policy.check_in_after_applying_open_wd)
            final = calendar.add(applied, policy.check_in_after_applying_due_wd)
            opens, due = start_of_day(first, zone), end_of_day(final, zone)

            def why() -> str:
                return (
                    f"You applied on {_day(applied)} and have heard nothing; check in "
                    f"{policy.check_in_after_applying_open_wd}-"
                    f"{policy.check_in_after_applying_due_wd} working days later "
                    f"({_day(first)} to {_day(final)})"
                )

            span = (applied, final)
            cycle = f"applied-{applied.isoformat()}"
        if anchor is not None:
            opens = max(opens, _later(anchor, timedelta(days=policy.check_in_min_days), zone))

        def explained() -> str:
            holidays = calendar.holidays_between(*span)
            names = ", ".join(f"{name} ({_day(day)})" for day, name in holidays)
            return why() + (f", not counting {names}" if names else "") + "."

        return _Window(
            FollowUpRule.CHECK_IN,
            opens,
            max(due, opens),
            "Check in: are you still being considered?",
            explained,
            cycle,
        )

    def _references(self, app, touchpoints, past_interviews) -> _Window | None:
        policy, zone = self.policy, self.zone
        triggers: list[tuple[datetime, str]] = []
        requests = [t for t in touchpoints if t.kind is TouchpointKind.REFERENCES_REQUESTED]
        if requests:
            first = min(requests, key=lambda t: t.at)
            triggers.append((first.at, "They asked for references on {}"))
        if len(past_interviews) >= policy.references_min_interviews > 0:
            ordered = sorted(past_interviews, key=lambda i: i.ends_at)
            nth = ordered[policy.references_min_interviews - 1].ends_at
            triggers.append((nth, f"Interview {policy.references_min_interviews} ended {{}}"))
        if not triggers:
            return None
        moment, because = min(triggers)
        since = moment.astimezone(zone).date()
        if any(briefed >= since for briefed in app.references_briefed):
            return None
        return _Window(
            FollowUpRule.REFERENCES,
            moment,
            self.calendar.add_to(moment, policy.references_due_wd, zone),
            "Brief your references before they get a call",
            lambda: (
                f"{because.format(_short(moment, zone))}; tell your references about the role and "
                "what to stress within "
                f"{_plural(policy.references_due_wd, 'working day')}."
            ),
            f"references-{moment.isoformat()}",
        )

    def _keep_searching(self, last_added: datetime) -> _Window:
        opens = _later(last_added, timedelta(days=self.policy.keep_searching_days), self.zone)
        return _Window(
            FollowUpRule.KEEP_SEARCHING,
            opens,
            None,
            "Keep searching: send out a new application",
            lambda: (
                f"Your last application was added {_short(last_added, self.zone)}; waiting on one "
                "company is no plan, so keep applications going out."
            ),
            f"last-added-{last_added.isoformat()}",
        )

    # Turning a window into an action at `now`.

    def _resolve(
        self,
        application_id: int | None,
        company: str,
        role: str,
        window: _Window,
        now: datetime,
        snoozes: tuple[Snooze, ...],
        changes: list[datetime],
    ) -> Action | None:
        for snooze in snoozes:
            if snooze.rule != window.rule.value:
                continue
            if snooze.until is None:
                if snooze.cycle == window.cycle:
                    return None  # done for this cycle: nothing changes until a new cycle
            elif snooze.until > now:
                changes.append(snooze.until)
                return None
        changes.append(window.opens_at)
        if window.due_by is not None:
            changes.append(window.due_by)
        if now < window.opens_at:
            state = State.UPCOMING
        elif window.hold:
            state = State.HOLD
        elif window.due_by is not None and now >= window.due_by:
            state = State.OVERDUE
        else:
            state = State.DUE
        return Action(
            application_id=application_id,
            company=company,
            role=role,
            rule=window.rule,
            state=state,
            opens_at=window.opens_at,
            due_by=window.due_by,
            message=window.message,
            explain=window.why,
            cycle=window.cycle,
        )


def _next_change(evaluated, now: datetime, probe) -> datetime | None:
    """The earliest moment after `now` at which some application's actions really differ.

    Each application lists the moments at which its actions may change (windows opening or
    closing, snoozes ending, interviews and messages falling into the past). Walking them in
    order and re-evaluating just that application at each one makes the answer exact, at the
    cost of usually one extra evaluation.
    """
    heap: list[tuple[datetime, int, int]] = []
    pending: list[list[datetime]] = []
    for index, (_, _, moments) in enumerate(evaluated):
        future = sorted({moment for moment in moments if moment > now})
        pending.append(future)
        if future:
            heap.append((future[0], index, 0))
    heapq.heapify(heap)
    while heap:
        moment, index, position = heapq.heappop(heap)
        application, current, _ = evaluated[index]
        if _signature(probe(application, moment)) != _signature(current):
            return moment
        if position + 1 < len(pending[index]):
            heapq.heappush(heap, (pending[index][position + 1], index, position + 1))
    return None


def _signature(actions: list[Action]) -> list[tuple]:
    return sorted(
        (a.rule.value, a.state.value, a.opens_at, a.due_by, a.message, a.why, a.cycle)
        for a in actions
    )
