"""The follow-up rules, case by case, each written from a seed's advice (shared/seeds/).

Times are local to Europe/Berlin so daylight-saving weekends are real. Each case names the
seed it comes from, the moment it is evaluated at, and for each rule it checks either the
expected (state, opens_at, due_by) or that the rule is absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import (
    Application,
    Direction,
    Interview,
    Snooze,
    Stage,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.policy import STRICT, Policy
from followup.domain.rules import RulesEngine

ZONE = ZoneInfo("Europe/Berlin")
ABSENT = None


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


def d(text: str) -> date:
    return date.fromisoformat(text)


def interview(start: str, minutes: int = 60, notes: bool = True, id: int = 1) -> Interview:
    return Interview(starts_at=t(start), duration_minutes=minutes, has_notes=notes, id=id)


def out(at: str, kind: TouchpointKind = TouchpointKind.FOLLOW_UP) -> Touchpoint:
    return Touchpoint(at=t(at), direction=Direction.OUT, kind=kind)


def reply(at: str, kind: TouchpointKind = TouchpointKind.REPLY) -> Touchpoint:
    return Touchpoint(at=t(at), direction=Direction.IN, kind=kind)


THANKS = TouchpointKind.THANK_YOU


def app(**changes) -> Application:
    base = dict(
        id=1,
        company="Northwind",
        role="Backend Engineer",
        stage=Stage.INTERVIEWING,
        created_at=t("2026-11-02 09:00"),
        applied_on=d("2026-11-02"),
    )
    base.update(changes)
    for key in ("interviews", "touchpoints", "snoozes", "references_briefed"):
        if key in base:
            base[key] = tuple(base[key])
    return Application(**base)


@dataclass
class Case:
    name: str
    seed: str
    application: Application
    now: str
    expect: dict[str, tuple[str, str | None, str | None] | None]
    policy: Policy = field(default_factory=Policy)
    last_added: str | None = None


# One interview on Tue 17 Nov 2026, 10:00-11:00, with notes unless a case says otherwise.
INTERVIEWED = dict(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-27"))

CASES = [
    # prep: seeds 001 and 003, ask their timeline and for a card before the interview.
    Case(
        "prep one minute before it opens",
        "001",
        app(interviews=[interview("2026-11-24 10:00")]),
        "2026-11-22 09:59",
        {"prep": ("upcoming", "2026-11-22 10:00", "2026-11-24 10:00")},
    ),
    Case(
        "prep inside its window",
        "003",
        app(interviews=[interview("2026-11-24 10:00")]),
        "2026-11-23 18:00",
        {"prep": ("due", "2026-11-22 10:00", "2026-11-24 10:00")},
    ),
    Case(
        "prep one minute before the start",
        "003",
        app(interviews=[interview("2026-11-24 10:00")]),
        "2026-11-24 09:59",
        {"prep": ("due", "2026-11-22 10:00", "2026-11-24 10:00")},
    ),
    Case(
        "prep cleared once the interview starts",
        "001",
        app(interviews=[interview("2026-11-24 10:00")]),
        "2026-11-24 10:01",
        {"prep": ABSENT},
    ),
    # notes: seed 002, take detailed notes right after.
    Case(
        "notes not before the interview ends",
        "002",
        app(interviews=[interview("2026-11-17 10:00", notes=False)]),
        "2026-11-17 10:59",
        {"notes": ABSENT},
    ),
    Case(
        "notes due right after",
        "002",
        app(interviews=[interview("2026-11-17 10:00", notes=False)]),
        "2026-11-17 11:01",
        {"notes": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "notes overdue a minute after the day",
        "002",
        app(interviews=[interview("2026-11-17 10:00", notes=False)]),
        "2026-11-18 11:01",
        {"notes": ("overdue", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "notes written: nothing to do",
        "002",
        app(**INTERVIEWED),
        "2026-11-17 12:00",
        {"notes": ABSENT},
    ),
    # thank-you: seed 004, within 24 hours; seeds 000, 001, 003 too.
    Case(
        "thank-you not before the interview ends",
        "004",
        app(**INTERVIEWED),
        "2026-11-17 10:59",
        {"thank-you": ABSENT},
    ),
    Case(
        "thank-you due right after",
        "004",
        app(**INTERVIEWED),
        "2026-11-17 11:01",
        {"thank-you": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "thank-you due one minute before its deadline",
        "004",
        app(**INTERVIEWED),
        "2026-11-18 10:59",
        {"thank-you": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "thank-you overdue one minute after 24 hours",
        "004",
        app(**INTERVIEWED),
        "2026-11-18 11:01",
        {"thank-you": ("overdue", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "thank-you logged clears it",
        "003",
        app(**INTERVIEWED, touchpoints=[out("2026-11-17 15:00", THANKS)]),
        "2026-11-18 12:00",
        {"thank-you": ABSENT},
    ),
    Case(
        "a second interview starts a new thank-you cycle",
        "000",
        app(
            interviews=[interview("2026-11-10 10:00", id=1), interview("2026-11-17 10:00", id=2)],
            touchpoints=[out("2026-11-10 15:00", THANKS)],
            decision_by=d("2026-11-27"),
        ),
        "2026-11-17 12:00",
        {"thank-you": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    # timeline: seed 001, find out their timeline.
    Case(
        "no decision date: find out the timeline",
        "001",
        app(interviews=[interview("2026-11-17 10:00")]),
        "2026-11-17 11:01",
        {"timeline": ("due", "2026-11-17 11:00", None)},
    ),
    Case(
        "timeline never goes overdue",
        "001",
        app(interviews=[interview("2026-11-17 10:00")]),
        "2026-12-17 11:01",
        {"timeline": ("due", "2026-11-17 11:00", None)},
    ),
    Case(
        "a recorded decision date clears timeline",
        "001",
        app(**INTERVIEWED),
        "2026-11-17 11:01",
        {"timeline": ABSENT},
    ),
    Case(
        "a decision date older than the interview is stale",
        "001",
        app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-16")),
        "2026-11-17 11:01",
        {"timeline": ("due", "2026-11-17 11:00", None)},
    ),
    # check-in after the decision date: seeds 000 (three days after) and 001 (2-3 days past).
    Case(
        "decision on a Friday: one minute before the check-in opens",
        "001",
        app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-20")),
        "2026-11-23 23:59",
        {"check-in": ("upcoming", "2026-11-24 00:00", "2026-11-26 00:00")},
    ),
    Case(
        "decision on a Friday: check in Tuesday or Wednesday",
        "001",
        app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-20")),
        "2026-11-24 09:00",
        {"check-in": ("due", "2026-11-24 00:00", "2026-11-26 00:00")},
    ),
    Case(
        "decision on a Friday: overdue from Thursday",
        "000",
        app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-20")),
        "2026-11-26 00:01",
        {"check-in": ("overdue", "2026-11-24 00:00", "2026-11-26 00:00")},
    ),
    Case(
        "a holiday inside the window moves it (US Thanksgiving)",
        "001",
        app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-25")),
        "2026-11-27 12:00",
        {"check-in": ("upcoming", "2026-11-30 00:00", "2026-12-02 00:00")},
        policy=Policy(holidays_country="US"),
    ),
    Case(
        "without holidays the same window is earlier",
        "001",
        app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-25")),
        "2026-11-27 12:00",
        {"check-in": ("due", "2026-11-27 00:00", "2026-12-01 00:00")},
    ),
    Case(
        "no date given: call five to seven working days after",
        "002",
        app(interviews=[interview("2026-11-17 10:00")]),
        "2026-11-24 10:59",
        {"check-in": ("upcoming", "2026-11-24 11:00", "2026-11-26 11:00")},
    ),
    Case(
        "no date given: overdue after seven working days",
        "002",
        app(interviews=[interview("2026-11-17 10:00")]),
        "2026-11-26 11:01",
        {"check-in": ("overdue", "2026-11-24 11:00", "2026-11-26 11:00")},
    ),
    Case(
        "no interview yet: check in seven to ten working days after applying",
        "001",
        app(stage=Stage.APPLIED),
        "2026-11-11 00:01",
        {"check-in": ("due", "2026-11-11 00:00", "2026-11-17 00:00"), "thank-you": ABSENT},
    ),
    Case(
        "never before two days after the interview",
        "000",
        app(interviews=[interview("2026-11-16 16:00")], decision_by=d("2026-11-16")),
        "2026-11-18 16:59",
        {"check-in": ("upcoming", "2026-11-18 17:00", "2026-11-20 00:00")},
    ),
    Case(
        "a follow-up clears the check-in and holds",
        "004",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00")]),
        "2026-11-30 09:01",
        {"check-in": ABSENT, "wait": ("hold", "2026-11-30 09:00", "2026-12-07 09:00")},
    ),
    # wait and the second follow-up: seeds 003 (a week, then trust your gut) and 004 (once!).
    Case(
        "still waiting one minute before the week is over",
        "003",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00")]),
        "2026-12-07 08:59",
        {"wait": ("hold", "2026-11-30 09:00", "2026-12-07 09:00"), "second-follow-up": ABSENT},
    ),
    Case(
        "a week without a reply: one more follow-up",
        "003",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00")]),
        "2026-12-07 09:01",
        {"wait": ABSENT, "second-follow-up": ("due", "2026-12-07 09:00", "2026-12-10 09:00")},
    ),
    Case(
        "the second follow-up overdue after ten days",
        "003",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00")]),
        "2026-12-10 09:01",
        {"second-follow-up": ("overdue", "2026-12-07 09:00", "2026-12-10 09:00")},
    ),
    Case(
        "strict preset: do it only once, then move on",
        "004",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00")]),
        "2026-12-07 09:01",
        {"second-follow-up": ABSENT, "move-on": ("due", "2026-12-07 09:00", None)},
        policy=STRICT,
    ),
    Case(
        "two follow-ups unanswered: waiting again",
        "003",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00"), out("2026-12-07 10:00")]),
        "2026-12-14 09:59",
        {"wait": ("hold", "2026-12-07 10:00", "2026-12-14 10:00"), "move-on": ABSENT},
    ),
    Case(
        "two follow-ups unanswered for a week: move on",
        "003",
        app(**INTERVIEWED, touchpoints=[out("2026-11-30 09:00"), out("2026-12-07 10:00")]),
        "2026-12-14 10:01",
        {"move-on": ("due", "2026-12-14 10:00", None), "second-follow-up": ABSENT},
    ),
    Case(
        "a reply resets the count and starts a new check-in cycle",
        "004",
        app(
            **INTERVIEWED,
            touchpoints=[
                out("2026-11-30 09:00"),
                out("2026-12-07 10:00"),
                reply("2026-12-08 14:00"),
            ],
        ),
        "2026-12-14 10:01",
        {
            "move-on": ABSENT,
            "wait": ABSENT,
            "check-in": ("upcoming", "2026-12-15 14:00", "2026-12-17 14:00"),
        },
    ),
    Case(
        "a reply with a new decision date anchors the check-in on it",
        "001",
        app(
            interviews=[interview("2026-11-17 10:00")],
            decision_by=d("2026-12-11"),
            touchpoints=[out("2026-11-30 09:00"), reply("2026-12-01 10:00")],
        ),
        "2026-12-01 10:01",
        {"check-in": ("upcoming", "2026-12-15 00:00", "2026-12-17 00:00"), "wait": ABSENT},
    ),
    # references: seed 000, ready your references.
    Case(
        "references requested: brief them within a working day",
        "000",
        app(
            **INTERVIEWED,
            touchpoints=[reply("2026-11-19 14:00", TouchpointKind.REFERENCES_REQUESTED)],
        ),
        "2026-11-19 14:01",
        {"references": ("due", "2026-11-19 14:00", "2026-11-20 14:00")},
    ),
    Case(
        "references overdue a minute after",
        "000",
        app(
            **INTERVIEWED,
            touchpoints=[reply("2026-11-19 14:00", TouchpointKind.REFERENCES_REQUESTED)],
        ),
        "2026-11-20 14:01",
        {"references": ("overdue", "2026-11-19 14:00", "2026-11-20 14:00")},
    ),
    Case(
        "a briefed reference clears it",
        "000",
        app(
            **INTERVIEWED,
            references_briefed=[d("2026-11-20")],
            touchpoints=[reply("2026-11-19 14:00", TouchpointKind.REFERENCES_REQUESTED)],
        ),
        "2026-11-20 14:01",
        {"references": ABSENT},
    ),
    Case(
        "a second interview means references soon",
        "000",
        app(
            interviews=[interview("2026-11-10 10:00", id=1), interview("2026-11-20 10:00", id=2)],
            decision_by=d("2026-11-30"),
            references=1,
        ),
        "2026-11-20 11:01",
        {"references": ("due", "2026-11-20 11:00", "2026-11-23 11:00")},
    ),
    Case(
        "one interview is not yet a reason",
        "000",
        app(**INTERVIEWED),
        "2026-11-17 11:01",
        {"references": ABSENT},
    ),
    # keep-searching: seed 001, do not put the search on hold.
    Case(
        "no application for eight days: keep searching",
        "001",
        app(**INTERVIEWED),
        "2026-11-22 12:00",
        {"keep-searching": ("due", "2026-11-21 09:00", None)},
        last_added="2026-11-14 09:00",
    ),
    Case(
        "a recent application: nothing to nag about yet",
        "001",
        app(**INTERVIEWED),
        "2026-11-22 12:00",
        {"keep-searching": ("upcoming", "2026-11-27 09:00", None)},
        last_added="2026-11-20 09:00",
    ),
    Case(
        "every application closed: no keep-searching",
        "001",
        app(**INTERVIEWED, stage=Stage.REJECTED),
        "2026-11-22 12:00",
        {"keep-searching": ABSENT},
        last_added="2026-11-01 09:00",
    ),
    # Daylight saving: 24 hours are real hours, working days keep the wall clock.
    Case(
        "thank-you across the autumn change is 24 real hours",
        "004",
        app(interviews=[interview("2026-10-24 10:00")], decision_by=d("2026-11-27")),
        "2026-10-25 09:30",
        {"thank-you": ("due", "2026-10-24 11:00", "2026-10-25 10:00")},
    ),
    Case(
        "thank-you across the spring change is 24 real hours",
        "004",
        app(interviews=[interview("2026-03-28 11:00")], decision_by=d("2026-04-30")),
        "2026-03-29 12:30",
        {"thank-you": ("due", "2026-03-28 12:00", "2026-03-29 13:00")},
    ),
    Case(
        "five working days across the change keep 11:00",
        "002",
        app(interviews=[interview("2026-10-23 10:00")]),
        "2026-10-30 11:01",
        {"check-in": ("due", "2026-10-30 11:00", "2026-11-03 11:00")},
    ),
    # Closed and wishlist applications produce nothing.
    Case(
        "a rejected application produces nothing",
        "003",
        app(interviews=[interview("2026-11-17 10:00", notes=False)], stage=Stage.REJECTED),
        "2026-11-18 12:00",
        {"thank-you": ABSENT, "notes": ABSENT, "timeline": ABSENT, "check-in": ABSENT},
    ),
    Case(
        "a wishlist entry produces nothing",
        "001",
        app(stage=Stage.WISHLIST, applied_on=None),
        "2026-12-18 12:00",
        {"check-in": ABSENT},
    ),
    # Snoozes and dismissals.
    Case(
        "a snoozed action is hidden until the snooze ends",
        "004",
        app(**INTERVIEWED, snoozes=[Snooze("thank-you", until=t("2026-11-18 09:00"))]),
        "2026-11-17 12:00",
        {"thank-you": ABSENT},
    ),
    Case(
        "after the snooze it is back",
        "004",
        app(**INTERVIEWED, snoozes=[Snooze("thank-you", until=t("2026-11-18 09:00"))]),
        "2026-11-18 09:01",
        {"thank-you": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "done dismisses only its own cycle",
        "000",
        app(
            interviews=[interview("2026-11-10 10:00", id=1), interview("2026-11-17 10:00", id=2)],
            decision_by=d("2026-11-27"),
            snoozes=[Snooze("thank-you", cycle="interview-1")],
        ),
        "2026-11-17 12:00",
        {"thank-you": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "done hides the current cycle",
        "000",
        app(**INTERVIEWED, snoozes=[Snooze("thank-you", cycle="interview-1")]),
        "2026-11-17 12:00",
        {"thank-you": ABSENT},
    ),
    # Issue 14: the rules know the context.
    Case(
        "no timeline while wait holds: nothing asks to send a message",
        "004",
        app(
            interviews=[interview("2026-11-17 10:00")],
            touchpoints=[out("2026-11-17 12:00", THANKS), out("2026-11-19 10:00")],
        ),
        "2026-11-20 09:00",
        {"wait": ("hold", "2026-11-19 10:00", "2026-11-26 10:00"), "timeline": ABSENT},
    ),
    Case(
        "a follow-up sent after the interview thanks them: no thank-you on top of it",
        "004",
        app(
            interviews=[interview("2026-11-17 10:00")],
            touchpoints=[out("2026-11-17 15:00")],
            decision_by=d("2026-11-27"),
        ),
        "2026-11-17 16:00",
        {"thank-you": ABSENT, "wait": ("hold", "2026-11-17 15:00", "2026-11-24 15:00")},
    ),
    Case(
        "an offer gets its own advice, due by their deadline, never a check-in",
        "000",
        app(stage=Stage.OFFER, **INTERVIEWED),
        "2026-11-25 09:00",
        {
            "offer": ("due", "2026-11-17 11:00", "2026-11-28 00:00"),
            "check-in": ABSENT,
            "timeline": ABSENT,
        },
    ),
    Case(
        "an offer without a deadline: ask for it in writing and by when, no timeline",
        "000",
        app(stage=Stage.OFFER, interviews=[interview("2026-11-17 10:00")]),
        "2026-11-30 09:00",
        {"offer": ("due", "2026-11-17 11:00", None), "check-in": ABSENT, "timeline": ABSENT},
    ),
    Case(
        "an application imported from months ago: move on, not a check-in 115d overdue",
        "001",
        app(stage=Stage.APPLIED, applied_on=d("2026-07-01"), created_at=t("2026-11-20 09:00")),
        "2026-11-23 09:00",
        {"move-on": ("due", "2026-08-30 00:00", None), "check-in": ABSENT},
    ),
    Case(
        "no contact for stale_days after an interview: move on replaces every reminder",
        "003",
        app(interviews=[interview("2026-09-01 10:00", notes=False)], applied_on=d("2026-08-20")),
        "2026-11-23 09:00",
        {
            "move-on": ("due", "2026-10-31 10:00", None),  # 60 x 24 h, across the clock change
            "check-in": ABSENT,
            "thank-you": ABSENT,
            "notes": ABSENT,
        },
    ),
    Case(
        "a day before stale_days the check-in still stands",
        "001",
        app(stage=Stage.APPLIED, applied_on=d("2026-09-25"), created_at=t("2026-09-25 09:00")),
        "2026-11-23 09:00",
        {"move-on": ABSENT, "check-in": ("overdue", "2026-10-06 00:00", "2026-10-10 00:00")},
    ),
    Case(
        "a wishlist item has not been applied to: no follow-ups",
        "000",
        app(stage=Stage.WISHLIST, applied_on=None, created_at=t("2026-11-02 09:00")),
        "2026-11-23 09:00",
        {"check-in": ABSENT, "move-on": ABSENT},
    ),
    Case(
        "notes written on the application after the interview ended count",
        "002",
        app(
            interviews=[interview("2026-11-17 10:00", notes=False)],
            notes_at=t("2026-11-17 13:00"),
        ),
        "2026-11-17 14:00",
        {"notes": ABSENT, "thank-you": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "notes written before the interview do not",
        "002",
        app(
            interviews=[interview("2026-11-17 10:00", notes=False)],
            notes_at=t("2026-11-16 13:00"),
        ),
        "2026-11-17 14:00",
        {"notes": ("due", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    # Issue 14, session h14e: reminders that lapse, and references that exist.
    Case(
        "a thank-you a day late is still worth sending",
        "000",
        app(**INTERVIEWED),
        "2026-11-19 12:00",
        {"thank-you": ("overdue", "2026-11-17 11:00", "2026-11-18 11:00")},
    ),
    Case(
        "past its window a thank-you is no longer asked for",
        "004",
        app(**INTERVIEWED),
        "2026-11-20 11:01",
        {"thank-you": ABSENT},
    ),
    Case(
        "ten days after the interview: no thank-you, no notes, the check-in stands",
        "001",
        app(interviews=[interview("2026-11-17 10:00", notes=False)], decision_by=d("2026-11-23")),
        "2026-11-27 12:00",
        {
            "thank-you": ABSENT,
            "notes": ABSENT,
            "check-in": ("overdue", "2026-11-25 00:00", "2026-11-27 00:00"),
        },
    ),
    Case(
        "notes past their window are no longer asked for",
        "002",
        app(interviews=[interview("2026-11-17 10:00", notes=False)]),
        "2026-11-20 11:01",
        {"notes": ABSENT, "timeline": ("due", "2026-11-17 11:00", None)},
    ),
    Case(
        "an offer the day after the interview: neither a thank-you nor notes",
        "004",
        app(stage=Stage.OFFER, interviews=[interview("2026-11-17 10:00", notes=False)]),
        "2026-11-17 16:00",
        {"thank-you": ABSENT, "notes": ABSENT, "offer": ("due", "2026-11-17 11:00", None)},
    ),
    Case(
        "an application closed after an interview asks for nothing",
        "004",
        app(stage=Stage.WITHDRAWN, interviews=[interview("2026-11-17 10:00", notes=False)]),
        "2026-11-17 16:00",
        {"thank-you": ABSENT, "notes": ABSENT},
    ),
    Case(
        "two interviews and no reference recorded: nothing to brief",
        "000",
        app(
            interviews=[interview("2026-11-10 10:00", id=1), interview("2026-11-20 10:00", id=2)],
            decision_by=d("2026-11-30"),
        ),
        "2026-11-20 11:01",
        {"references": ABSENT},
    ),
    Case(
        "they asked for references and none is recorded: ready them",
        "000",
        app(
            **INTERVIEWED,
            touchpoints=[reply("2026-11-19 14:00", TouchpointKind.REFERENCES_REQUESTED)],
        ),
        "2026-11-19 14:01",
        {"references": ("due", "2026-11-19 14:00", "2026-11-20 14:00")},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"seed {c.seed}: {c.name}" for c in CASES])
def test_rule(case: Case):
    engine = RulesEngine(case.policy, ZONE)
    evaluation = engine.evaluate(
        [case.application],
        t(case.now),
        last_added=t(case.last_added) if case.last_added else None,
    )
    found = {a.rule.value: a for a in evaluation.actions}
    for rule, expected in case.expect.items():
        if expected is None:
            assert rule not in found, f"{rule} should be absent, got {found.get(rule)}"
            continue
        assert rule in found, f"{rule} missing; have {sorted(found)}"
        action = found[rule]
        state, opens, due = expected
        assert action.state.value == state
        assert action.opens_at == t(opens)
        assert action.due_by == (t(due) if due else None)
        assert action.why and action.message


def test_there_are_at_least_forty_cases_naming_a_seed():
    assert len(CASES) >= 40
    assert all(case.seed in {"000", "001", "002", "003", "004"} for case in CASES)


def test_why_names_the_date_it_counts_from():
    engine = RulesEngine(Policy(), ZONE)
    found = engine.evaluate(
        [app(interviews=[interview("2026-11-17 10:00")])], t("2026-11-17 12:00")
    ).actions
    thank = next(a for a in found if a.rule.value == "thank-you")
    assert thank.why == (
        "Interview ended Tue 17 Nov 11:00; a thank-you note is due within 24 hours."
    )
    decision = engine.evaluate(
        [app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-20"))],
        t("2026-11-24 09:00"),
    ).actions
    check = next(a for a in decision if a.rule.value == "check-in")
    assert "Fri 20 Nov" in check.why and "Tue 24 Nov" in check.why


def test_a_holiday_is_named_in_why():
    engine = RulesEngine(Policy(holidays_country="US"), ZONE)
    found = engine.evaluate(
        [app(interviews=[interview("2026-11-17 10:00")], decision_by=d("2026-11-25"))],
        t("2026-11-27 12:00"),
    ).actions
    check = next(a for a in found if a.rule.value == "check-in")
    assert "Thanksgiving" in check.why


def test_references_name_what_to_do():
    """Seed 000: with references recorded, brief them; with none, ready a list when asked."""
    engine = RulesEngine(Policy(), ZONE)
    asked = [reply("2026-11-19 14:00", TouchpointKind.REFERENCES_REQUESTED)]
    none = engine.evaluate([app(**INTERVIEWED, touchpoints=asked)], t("2026-11-19 15:00"))
    action = next(a for a in none.actions if a.rule.value == "references")
    assert action.message == "Ready your references: they asked for them"
    assert "none is recorded" in action.why
    two = engine.evaluate(
        [app(**INTERVIEWED, touchpoints=asked, references=2)], t("2026-11-19 15:00")
    )
    action = next(a for a in two.actions if a.rule.value == "references")
    assert action.message == "Brief your references before they get a call"


def test_a_late_thank_you_says_until_when_it_stands():
    engine = RulesEngine(Policy(), ZONE)
    found = engine.evaluate([app(**INTERVIEWED)], t("2026-11-19 12:00")).actions
    thank = next(a for a in found if a.rule.value == "thank-you")
    assert thank.why == (
        "Interview ended Tue 17 Nov 11:00; a thank-you note is due within 24 hours; still worth "
        "doing until Fri 20 Nov 11:00, after that this reminder goes away."
    )
