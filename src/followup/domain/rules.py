"""The follow-up rules: applications, a policy and a moment in; actions and the next change out.

A pure module, the etiquette of `shared/seeds/` as DESIGN.md's table states it. No database, no
Textual and no wall clock: `now` and the local zone are passed in.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from followup.domain.model import (
    OPEN_STAGES,
    Application,
    Direction,
    Snooze,
    Stage,
    TouchpointKind,
)
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
    OFFER = "offer"
    SCHEDULE_REPLY = "schedule-reply"


class State(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    HOLD = "hold"
    UPCOMING = "upcoming"


# A due action without a deadline (timeline, move-on) sorts after the ones with a deadline:
# a thank-you due tomorrow comes before "find out their timeline".
UNDATED = timedelta(days=3650)

# Most urgent first: the order of the list, the agenda and `followup due`.
STATE_ORDER = {State.OVERDUE: 0, State.DUE: 1, State.HOLD: 2, State.UPCOMING: 3}


# Not frozen: a frozen dataclass pays object.__setattr__ per field, and a pass over 100,000
# applications builds some 140,000 actions. Treat them as read-only all the same.
@dataclass(slots=True)
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
    # Within a state: the nearest deadline first; one with no deadline after those.
    sort_moment: datetime = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    @property
    def why(self) -> str:
        return self.explain()

    def sort_key(self) -> tuple:
        return (
            STATE_ORDER[self.state],
            self.sort_moment,
            self.application_id or 0,
            self.rule,  # a StrEnum: orders as its text
        )


def most_urgent_first(actions: Iterable[Action]) -> list[Action]:
    return sorted(actions, key=Action.sort_key)


@dataclass(frozen=True, slots=True)
class Evaluation:
    # Application by application, not sorted: sorting 140,000 actions costs more than a
    # quarter of a pass, and what is shown (a screenful, an agenda, the due list) is sorted
    # with `most_urgent_first` where it is shown.
    actions: tuple[Action, ...]
    # The earliest moment after `now` at which any action would appear, change state or vanish.
    next_change: datetime | None
    # Applications whose actions could not be worked out: each is reported, none stops the pass.
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """One application the rules could not evaluate (a date stored by an older version, say)."""

    application_id: int
    company: str
    role: str
    reason: str

    @property
    def message(self) -> str:
        return (
            f"application {self.application_id} ({self.company} / {self.role}) has no actions: "
            f"{self.reason}"
        )


def failure_of(application: Application, error: Exception) -> Failure:
    if isinstance(error, OverflowError):
        reason = "one of its dates is too far from now to count with; correct or close it"
    else:
        reason = f"{type(error).__name__}: {error}"
    return Failure(application.id, application.company, application.role, reason)


class _Window(NamedTuple):  # a tuple: cheap to make, and one is made per rule per application
    rule: FollowUpRule
    opens_at: datetime
    due_by: datetime | None
    message: str
    why: Callable[[], str]  # made only when shown: formatting dates is most of the cost
    cycle: str
    hold: bool = False


# Moments are worked out in UTC: comparing two datetimes that share one tzinfo object is a
# plain field comparison, while a named zone is asked for its offset on every comparison.
# Local time matters only for calendar days, and those are converted where they are counted.


def _later(moment: datetime, delta: timedelta) -> datetime:
    """`moment` plus a span of real time (24 hours are 24 hours across a DST change)."""
    return moment.astimezone(UTC) + delta


def _short(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _local_day(moment: date | datetime, zone: tzinfo) -> date:
    return moment.astimezone(zone).date() if isinstance(moment, datetime) else moment


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _lapsing(now: datetime, due_by: datetime, lapses: datetime, zone: tzinfo) -> str:
    """The end of a `why`: once late, say (once, in the same words everywhere) until when the
    reminder still stands, so that it going away is no surprise."""
    if now < due_by:
        return "."
    return f"; still worth doing until {_short(lapses, zone)}, after that this reminder goes away."


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
        self._starts: dict[tuple[date, int], datetime] = {}
        self._by_day: dict[tuple[str, date], _Window] = {}
        self._tonight_cache: tuple[datetime, datetime] | None = None
        # The policy's spans, made once rather than once per application.
        self._prep = timedelta(hours=policy.prep_hours)
        self._notes = timedelta(hours=policy.notes_hours)
        self._thank_you = timedelta(hours=policy.thank_you_hours)
        self._wait = timedelta(days=policy.wait_days)
        self._second = timedelta(days=policy.second_follow_up_due_days)
        self._quiet = timedelta(days=policy.check_in_min_days)
        # Never before the reminders are even due.
        self._lapse = max(timedelta(days=policy.lapse_days), self._notes, self._thank_you)

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
        # The pass makes about a million small, acyclic objects: the cyclic collector would walk
        # every fact again and again for nothing, so it waits until the pass is over.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._evaluate(applications, now, last_added, any_open, general_snoozes)
        finally:
            if collecting:
                gc.enable()

    def _evaluate(self, applications, now, last_added, any_open, general_snoozes) -> Evaluation:
        now = now.astimezone(UTC)
        actions: list[Action] = []
        evaluated: list[tuple[Application | None, list[Action], list[datetime]]] = []
        failures: list[Failure] = []
        seen_open = False
        for_application = self.for_application
        for application in applications:
            if application.stage in OPEN_STAGES:
                seen_open = True
            try:
                found, moments = for_application(application, now)
            except Exception as error:  # one application's bad data never stops the others
                failures.append(failure_of(application, error))
                continue
            if found:
                actions.extend(found)
            if moments:
                evaluated.append((application, found, moments))
        if any_open is None:
            any_open = seen_open
        if any_open and last_added is not None:
            found, moments = self._keep_searching_at(last_added, now, general_snoozes)
            actions.extend(found)
            evaluated.append((None, found, moments))

        def probe(
            application: Application | None, moment: datetime
        ) -> tuple[list[Action], list[datetime]]:
            if application is None:
                assert last_added is not None
                return self._keep_searching_at(last_added, moment, general_snoozes)
            return self.for_application(application, moment)

        return Evaluation(tuple(actions), _next_change(evaluated, now, probe), tuple(failures))

    def _keep_searching_at(
        self, last_added: datetime, now: datetime, snoozes: tuple[Snooze, ...]
    ) -> tuple[list[Action], list[datetime]]:
        changes: list[datetime] = []
        window = self._keep_searching(last_added)
        action = self._resolve(None, "", "", window, now.astimezone(UTC), snoozes, changes)
        return ([action] if action else []), changes

    def for_application(
        self, application: Application, now: datetime
    ) -> tuple[list[Action], list[datetime]]:
        """The actions of one application, and the future moments at which they may change."""
        changes: list[datetime] = []
        stage = application.stage
        if stage not in OPEN_STAGES or stage is WISHLIST:
            return [], changes
        now = now.astimezone(UTC)  # free when it already is
        resolve = self._resolve
        ident, company, role, snoozes = (
            application.id,
            application.company,
            application.role,
            application.snoozes,
        )
        actions = []
        for window in self._windows(application, now, changes):
            action = resolve(ident, company, role, window, now, snoozes, changes)
            if action is not None:
                actions.append(action)
        return actions, changes

    # The rules.

    def _windows(self, app: Application, now: datetime, changes: list[datetime]) -> list[_Window]:
        policy, zone = self.policy, self.zone
        windows: list[_Window] = []
        # Only what happened at or before now counts; what lies ahead is a future change.
        last = None  # the interview that ended last
        nxt = None  # the next interview to start
        past_count = 0
        for interview in app.interviews:
            ends_at = interview.ends_at
            if ends_at <= now:
                past_count += 1
                if last is None or ends_at > last.ends_at:
                    last = interview
            else:
                changes.append(ends_at)
                starts_at = interview.starts_at
                if starts_at > now:
                    changes.append(starts_at)
                    if nxt is None or starts_at < nxt.starts_at:
                        nxt = interview
        # One pass over what was said: the latest reply, the first request for references,
        # the follow-ups and thank-yous sent (in time order, as the store keeps them).
        last_reply = None
        first_request = None
        sent_follow_ups = []
        thank_yous = []
        last_touch = None  # the latest message either way: contact, for `stale_days`
        last_out = None  # the latest message sent
        for touchpoint in app.touchpoints:
            at = touchpoint.at
            if at > now:
                changes.append(at)
                continue
            if last_touch is None or at > last_touch:
                last_touch = at
            kind = touchpoint.kind
            if touchpoint.direction is IN:
                if last_reply is None or at > last_reply.at:
                    last_reply = touchpoint
            else:
                if last_out is None or at > last_out:
                    last_out = at
                if kind is FOLLOW_UP:
                    sent_follow_ups.append(touchpoint)
                elif kind is THANK_YOU:
                    thank_yous.append(at)
            if kind is REFERENCES_REQUESTED and (first_request is None or at < first_request.at):
                first_request = touchpoint

        # prep: the next interview to start (seeds 001, 003).
        if nxt is not None:
            starts = nxt.starts_at
            known = app.decision_by
            if known is not None and known < starts.astimezone(zone).date():
                known = None  # a date before this interview: their timeline has moved
            if known is None:
                prep_message = "Prepare: ask about their timeline and for the interviewer's card"

                def prep_why() -> str:
                    return (
                        f"Interview starts {_short(starts, zone)}; before you go, plan to ask "
                        "when they expect to decide and whom to contact afterwards."
                    )

            else:
                # Their date is recorded: asking for it again would tell them you did not listen.
                prep_message = "Prepare: ask for the interviewer's card"

                def prep_why() -> str:
                    return (
                        f"Interview starts {_short(starts, zone)}; they said they would decide "
                        f"by {_day(known)}, so before you go, plan to ask whom to contact "
                        "afterwards."
                    )

            windows.append(
                _Window(
                    PREP,
                    _later(starts, -self._prep),
                    starts,
                    prep_message,
                    prep_why,
                    f"interview-{nxt.id or nxt.starts_at.isoformat()}",
                )
            )

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
        if anchor is None:
            follow_ups = sent_follow_ups
        else:
            follow_ups = [t for t in sent_follow_ups if t.at > anchor]
        k = len(follow_ups)
        # While a follow-up waits for its reply, nothing asks to send another message (seed 004).
        latest = follow_ups[-1].at if k else None
        quiet_until = _later(latest, self._wait) if latest is not None else None
        holding = quiet_until is not None and now < quiet_until
        if holding:
            changes.append(quiet_until)
        offer = app.stage is OFFER_STAGE
        # Their invitation to talk, not yet answered by a message or a booked interview: the
        # reply that schedules it comes before any check-in or question about their timeline.
        invited = None
        if (
            last_reply is not None
            and last_reply.invites
            and not offer
            and (last_out is None or last_out < last_reply.at)
            and not any(i.starts_at >= last_reply.at for i in app.interviews)
        ):
            invited = last_reply
        # Months without a word: one suggestion to move on replaces every overdue reminder.
        stale = None
        if not holding and not offer and nxt is None:
            stale = self._stale(app, anchor, last_touch, now, changes)
        if stale is not None:
            return [*windows, stale]

        # A thank-you or notes days late help no one: past `lapse_days` the reminders go
        # away (the check-in is what comes next), and an offer has moved past both.
        lapses = None
        if last is not None and not offer:
            lapses = _later(last.ends_at, self._lapse)
            if now < lapses:
                changes.append(lapses)
        if lapses is not None and now < lapses:
            assert last is not None
            ended = last.ends_at
            cycle = f"interview-{last.id or last.starts_at.isoformat()}"
            notes_at = app.notes_at
            if notes_at is not None and notes_at > now:
                changes.append(notes_at)
            noted = notes_at is not None and ended <= notes_at <= now
            if not last.has_notes and not noted:
                windows.append(
                    _Window(
                        NOTES,
                        ended,
                        ended + self._notes,
                        "Write down your interview notes while they are fresh",
                        lambda: (
                            f"Interview ended {_short(ended, zone)}; notes taken within "
                            f"{policy.notes_hours} hours keep the conversation, your strong "
                            "points and the answers to improve in mind"
                            + _lapsing(now, ended + self._notes, lapses, zone)
                        ),
                        cycle,
                    )
                )
            began = last.starts_at
            # Any message sent since it began thanks them: a second one would be one too many.
            thanked = any(at >= began for at in thank_yous) or any(
                t.at >= began for t in sent_follow_ups
            )
            if not holding and not thanked:
                windows.append(
                    _Window(
                        THANK_YOU_RULE,
                        ended,
                        ended + self._thank_you,
                        "Send a thank-you note",
                        lambda: (
                            f"Interview ended {_short(ended, zone)}; a thank-you note is due "
                            f"within {policy.thank_you_hours} hours"
                            + _lapsing(now, ended + self._thank_you, lapses, zone)
                        ),
                        cycle,
                    )
                )
        if last is not None:
            ended = last.ends_at
            cycle = f"interview-{last.id or last.starts_at.isoformat()}"
            # The question goes in the thank-you (its draft asks it), not in a message of its
            # own: once anything is sent after the interview (or after their latest news),
            # only their answer is awaited.
            since = last.starts_at
            if last_reply is not None and last_reply.at > since:
                since = last_reply.at
            asked = last_out is not None and last_out >= since
            if decision is None and not holding and not offer and invited is None and not asked:
                windows.append(
                    _Window(
                        TIMELINE,
                        ended,
                        None,
                        "Find out when they expect to decide",
                        lambda: (
                            f"Interview ended {_short(ended, zone)} and no decision date is "
                            "recorded; knowing their timeline tells you when to follow up, so "
                            "ask in your thank-you note."
                            if app.decision_by is None
                            else f"The date they gave ({app.decision_by:%a} {app.decision_by.day} "
                            f"{app.decision_by:%b}) is older than your last contact; ask when they "
                            "now expect to decide."
                        ),
                        cycle,
                    )
                )

        if offer:
            windows.append(self._offer(app, anchor, decision))
        elif invited is not None:
            windows.append(self._schedule_reply(invited))
        elif k == 0:
            # With an interview booked, that interview is the next contact: no check-in before it.
            if nxt is None:
                windows.append(self._check_in(app, anchor, last_reply, last, decision))
        else:
            assert latest is not None and quiet_until is not None
            if holding:
                windows.append(
                    _Window(
                        WAIT,
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
                opens, due = quiet_until, _later(latest, self._second)
                decided = None
                if decision is not None:
                    # A date they gave for deciding holds a second message back as it holds
                    # the check-in: not before the working days after it.
                    decided = self._check_in_by_day(DECIDED, decision)
                    opens, due = max(opens, decided.opens_at), max(due, decided.due_by)

                def second_why(decided=decided) -> str:
                    said = (
                        f"Your follow-up of {_short(latest, zone)} has had no reply for "
                        f"{_plural(policy.wait_days, 'day')}; one more polite message is fair"
                    )
                    if decided is not None and decided.opens_at > quiet_until:
                        said += (
                            f", once their decision date ({_day(decision)}) has passed: "
                            f"from {_short(decided.opens_at, zone)}"
                        )
                    return said + "."

                windows.append(
                    _Window(
                        SECOND_FOLLOW_UP,
                        opens,
                        due,
                        "Send one more, short follow-up",
                        second_why,
                        f"follow-up-{latest.isoformat()}",
                    )
                )
            else:
                windows.append(
                    _Window(
                        MOVE_ON,
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

        # Seed 000, "ready your references": brief the ones recorded once a second interview
        # is over; with none recorded, only their asking for references calls for them.
        needed = policy.references_min_interviews if app.references else 0
        if first_request is not None or 0 < needed <= past_count:
            references = self._references(app, first_request, needed, past_count, now)
            if references is not None:
                windows.append(references)
        return windows

    def _stale(self, app, anchor, last_touch, now, changes) -> _Window | None:
        """Move on, once nothing has been heard or sent for `stale_days` (seeds 001, 003):
        an imported application from months ago is not "check-in 115d overdue"."""
        zone = self.zone
        applied = app.applied_on or app.created_at.astimezone(zone).date()
        contact = self._day_starts(applied)
        for moment in (anchor, last_touch):
            if moment is not None and moment > contact:
                contact = moment
        stale_at = _later(contact, timedelta(days=self.policy.stale_days))
        if now < stale_at:
            changes.append(stale_at)
            return None
        days = self.policy.stale_days

        def why() -> str:
            return (
                f"No contact since {_short(contact, zone)}, more than {_plural(days, 'day')}; "
                "after this long without a word, close it as no-response and put the energy "
                "into the next applications."
            )

        return _Window(
            MOVE_ON,
            stale_at,
            None,
            "Consider moving on: close as no-response",
            why,
            f"stale-{contact.isoformat()}",
        )

    def _offer(self, app, anchor, decision) -> _Window:
        """An offer is answered by their deadline and asked for in writing; never a check-in."""
        zone = self.zone
        created = app.created_at.astimezone(zone).date()
        since = anchor if anchor is not None else self._day_starts(app.applied_on or created)
        if decision is not None:
            deadline = self._day_starts(decision, 1)

            def why() -> str:
                return (
                    f"They want your answer by {_day(decision)}; ask for the offer in writing "
                    "(role, salary, start date) and answer by then, even if the answer is a "
                    "question."
                )

        else:
            deadline = None

            def why() -> str:
                return (
                    "You have an offer; ask for it in writing (role, salary, start date) and "
                    "ask by when they need your answer, then record it as the decision date."
                )

        return _Window(
            OFFER_RULE,
            min(since, deadline) if deadline is not None else since,
            deadline,
            "Answer the offer: ask for it in writing, reply by their deadline",
            why,
            f"offer-{decision.isoformat() if decision else 'open'}",
        )

    def _schedule_reply(self, invitation) -> _Window:
        """An invitation to talk is answered soon: its slots go to whoever answers first, and a
        slow answer reads as little interest. The seeds say nothing of it; the reply with times
        is due by the end of the next working day."""
        zone = self.zone
        at = invitation.at
        day = self.calendar.add(at.astimezone(zone).date(), 1)
        return _Window(
            SCHEDULE_REPLY,
            at,
            self._day_starts(day, 1),
            "Reply to their invitation with times to talk",
            lambda: (
                f"They invited you to talk on {_short(at, zone)}; answer by the end of "
                f"{_day(day)} with times that suit you, before the slots go to others."
            ),
            f"invitation-{invitation.id or at.isoformat()}",
        )

    def _check_in(self, app, anchor, last_reply, last, decision) -> _Window:
        policy, zone, calendar = self.policy, self.zone, self.calendar
        if decision is not None:
            window = self._check_in_by_day(DECIDED, decision)
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

            window = _Window(
                CHECK_IN,
                opens,
                due,
                "Check in: are you still being considered?",
                self._explained(why, anchor, due),  # days are worked out only if asked for
                f"after-{anchor.isoformat()}",
            )
        else:
            applied = app.applied_on or app.created_at.astimezone(zone).date()
            window = self._check_in_by_day(APPLIED, applied)
        if anchor is not None:
            opens = max(window.opens_at, _later(anchor, self._quiet))
            rule, _opens, due, message, explain, cycle, _hold = window
            return _Window(rule, opens, max(due, opens), message, explain, cycle)
        return window

    def _check_in_by_day(self, kind: str, day: date) -> _Window:
        """The check-in after a decision date or after applying: it depends on the day alone,
        so it is made once per day and shared by the applications that have that day."""
        key = (kind, day)
        window = self._by_day.get(key)
        if window is not None:
            return window
        policy, calendar = self.policy, self.calendar
        if kind == DECIDED:
            open_wd = policy.check_in_after_decision_open_wd
            due_wd = policy.check_in_after_decision_due_wd
            said = f"They said they would decide by {_day(day)}"
            cycle = f"decision-{day.isoformat()}"
        else:
            open_wd = policy.check_in_after_applying_open_wd
            due_wd = policy.check_in_after_applying_due_wd
            said = f"You applied on {_day(day)} and have heard nothing"
            cycle = f"applied-{day.isoformat()}"
        first, final = calendar.add(day, open_wd), calendar.add(day, due_wd)
        how = "after it" if kind == DECIDED else "later"

        def why() -> str:
            return (
                f"{said}; check in {open_wd}-{due_wd} working days {how} "
                f"({_day(first)} to {_day(final)})"
            )

        opens, due = self._day_starts(first), self._day_starts(final, 1)
        window = self._by_day[key] = _Window(
            CHECK_IN,
            opens,
            max(due, opens),
            "Check in: are you still being considered?",
            self._explained(why, day, final),
            cycle,
        )
        return window

    def _explained(self, why, start: date | datetime, end: date | datetime):
        """`why`, naming the public holidays that were not counted from `start` to `end`."""
        calendar, zone = self.calendar, self.zone

        def explained() -> str:
            span = (_local_day(start, zone), _local_day(end, zone))
            holidays = calendar.holidays_between(*span)
            names = ", ".join(f"{name} ({_day(day)})" for day, name in holidays)
            return why() + (f", not counting {names}" if names else "") + "."

        return explained

    def _tonight(self, now: datetime) -> datetime:
        """Where a due action without a deadline sorts: with what is due by the end of today
        (it reads "now", in the agenda's Due today), so never below "due in 3d"."""
        cached = self._tonight_cache
        if cached is not None and cached[0] == now:
            return cached[1]
        found = self._day_starts(now.astimezone(self.zone).date(), 1)
        self._tonight_cache = (now, found)
        return found

    def _day_starts(self, day: date, later: int = 0) -> datetime:
        """The start of a local day (or of the day `later` days after it), in UTC; remembered,
        as many applications share their days."""
        key = (day, later)
        found = self._starts.get(key)
        if found is None:
            if later:
                found = end_of_day(day, self.zone).astimezone(UTC)
            else:
                found = start_of_day(day, self.zone).astimezone(UTC)
            self._starts[key] = found
        return found

    def _references(self, app, first_request, needed, past_count, now) -> _Window | None:
        policy, zone = self.policy, self.zone
        triggers: list[tuple[datetime, str]] = []
        if first_request is not None:
            triggers.append((first_request.at, "They asked for references on {}"))
        if 0 < needed <= past_count:
            ordered = sorted(i.ends_at for i in app.interviews if i.ends_at <= now)
            triggers.append((ordered[needed - 1], f"Interview {needed} ended {{}}"))
        moment, because = min(triggers)
        since = moment.astimezone(zone).date()
        if any(briefed >= since for briefed in app.references_briefed):
            return None
        within = _plural(policy.references_due_wd, "working day")
        if app.references:
            message = "Brief your references before they get a call"
            advice = f"tell your references about the role and what to stress within {within}."
        else:
            message = "Ready your references: they asked for them"
            advice = (
                "none is recorded for this application; list who can speak for you, with "
                f"their contact details, and brief them within {within}."
            )
        return _Window(
            REFERENCES,
            moment,
            self.calendar.add_to(moment, policy.references_due_wd, zone),
            message,
            lambda: f"{because.format(_short(moment, zone))}; {advice}",
            f"references-{moment.isoformat()}",
        )

    def _keep_searching(self, last_added: datetime) -> _Window:
        opens = _later(last_added, timedelta(days=self.policy.keep_searching_days))
        return _Window(
            KEEP_SEARCHING,
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
        rule, opens_at, due_by, message, why, cycle, hold = window
        for snooze in snoozes:
            if snooze.rule != rule:
                continue
            if snooze.until is None:
                if snooze.cycle == cycle:
                    return None  # done for this cycle: nothing changes until a new cycle
            elif snooze.until > now:
                changes.append(snooze.until)
                return None
        changes.append(opens_at)
        if due_by is not None:
            changes.append(due_by)
        if now < opens_at:
            state, moment = UPCOMING, opens_at
        else:
            moment = opens_at + UNDATED if due_by is None else due_by
            if hold:
                state = HOLD
            elif due_by is not None and now >= due_by:
                state = OVERDUE
            else:
                state = DUE
        return Action(
            application_id,
            company,
            role,
            rule,
            state,
            opens_at,
            due_by,
            message,
            why,
            cycle,
            moment,
        )


# Looked up once: attribute access on an enum class costs more than a global.
WISHLIST = Stage.WISHLIST
OFFER_STAGE = Stage.OFFER
IN = Direction.IN
FOLLOW_UP = TouchpointKind.FOLLOW_UP
THANK_YOU = TouchpointKind.THANK_YOU
REFERENCES_REQUESTED = TouchpointKind.REFERENCES_REQUESTED
PREP, NOTES, THANK_YOU_RULE, TIMELINE = (
    FollowUpRule.PREP,
    FollowUpRule.NOTES,
    FollowUpRule.THANK_YOU,
    FollowUpRule.TIMELINE,
)
CHECK_IN, WAIT, SECOND_FOLLOW_UP, MOVE_ON = (
    FollowUpRule.CHECK_IN,
    FollowUpRule.WAIT,
    FollowUpRule.SECOND_FOLLOW_UP,
    FollowUpRule.MOVE_ON,
)
REFERENCES, KEEP_SEARCHING = FollowUpRule.REFERENCES, FollowUpRule.KEEP_SEARCHING
OFFER_RULE = FollowUpRule.OFFER
SCHEDULE_REPLY = FollowUpRule.SCHEDULE_REPLY
DECIDED, APPLIED = "decided", "applied"  # what a check-in counts its days from
OVERDUE, DUE, HOLD, UPCOMING = State.OVERDUE, State.DUE, State.HOLD, State.UPCOMING


def _next_change(evaluated, now: datetime, probe) -> datetime | None:
    """The earliest moment after `now` at which some application's actions really differ.

    Each application lists the moments at which its actions may change (windows opening or
    closing, snoozes ending, interviews and messages falling into the past). Walking them in
    order and re-evaluating just that application at each one makes the answer exact, at the
    cost of usually one extra evaluation. Only the applications reached are sorted.
    """
    heap: list[tuple[datetime, int]] = []
    for index, (_, _, moments) in enumerate(evaluated):
        soonest = None
        for moment in moments:
            if moment > now and (soonest is None or moment < soonest):
                soonest = moment
        if soonest is not None:
            heap.append((soonest, index))
    heapq.heapify(heap)
    while heap:
        moment, index = heapq.heappop(heap)
        application, current, moments = evaluated[index]
        try:
            later_actions, later_moments = probe(application, moment)
        except Exception:  # fails later on (a date that overflows then): no change to wait for
            continue
        if _signature(later_actions) != _signature(current):
            return moment
        # The moments as seen from then: a message that has fallen into the past by then
        # moves the day the application goes quiet, which `now` could not know.
        later = [m for m in (*moments, *later_moments) if m > moment]
        if later:
            heapq.heappush(heap, (min(later), index))
            evaluated[index] = (application, current, later)
    return None


def _signature(actions: list[Action]) -> list[tuple]:
    return sorted(
        (a.rule.value, a.state.value, a.opens_at, a.due_by, a.message, a.why, a.cycle)
        for a in actions
    )
