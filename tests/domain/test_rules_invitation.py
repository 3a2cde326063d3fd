"""An invitation to talk is a rule of its own: the reply that schedules it, due soon, and no
check-in or timeline question while it is unanswered."""

from __future__ import annotations

from dataclasses import replace

from followup.domain.model import Direction, Stage, Touchpoint, TouchpointKind
from followup.domain.policy import Policy
from followup.domain.rules import RulesEngine
from tests.domain.test_rules_table import ZONE, app, interview, out, t


def invitation(at: str) -> Touchpoint:
    return Touchpoint(t(at), Direction.IN, TouchpointKind.REPLY, id=7, invites=True)


def _found(application, now: str) -> dict[str, tuple[str, str, str | None]]:
    actions = RulesEngine(Policy(), ZONE).evaluate([application], t(now)).actions
    return {
        a.rule.value: (a.state.value, a.opens_at, a.due_by)
        for a in actions
        if a.application_id is not None
    }


def test_an_invitation_asks_for_the_reply_by_the_end_of_the_next_working_day():
    applied = app(stage=Stage.APPLIED, touchpoints=[invitation("2026-11-20 16:00")])  # a Friday
    found = _found(applied, "2026-11-20 17:00")
    assert found == {"schedule-reply": ("due", t("2026-11-20 16:00"), t("2026-11-24 00:00"))}
    assert _found(applied, "2026-11-24 08:00")["schedule-reply"][0] == "overdue"


def test_a_plain_reply_starts_a_check_in_cycle_instead():
    plain = replace(invitation("2026-11-20 16:00"), invites=False)
    found = _found(app(stage=Stage.APPLIED, touchpoints=[plain]), "2026-11-20 17:00")
    assert set(found) == {"check-in"}


def test_an_invitation_after_an_interview_hides_the_timeline_question_and_the_check_in():
    done = app(
        interviews=[interview("2026-11-17 10:00")],
        touchpoints=[
            out("2026-11-17 15:00", TouchpointKind.THANK_YOU),
            invitation("2026-11-19 09:00"),
        ],
    )
    found = _found(done, "2026-11-19 10:00")
    assert set(found) == {"schedule-reply"}


def test_answered_by_a_message_or_by_a_booked_interview_it_goes_away():
    sent = app(
        stage=Stage.APPLIED,
        touchpoints=[invitation("2026-11-20 16:00"), out("2026-11-20 17:00", TouchpointKind.OTHER)],
    )
    assert "schedule-reply" not in _found(sent, "2026-11-20 18:00")
    booked = app(
        stage=Stage.APPLIED,
        touchpoints=[invitation("2026-11-20 16:00")],
        interviews=[interview("2026-11-26 10:00")],
    )
    assert "schedule-reply" not in _found(booked, "2026-11-20 18:00")
