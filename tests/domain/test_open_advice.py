"""Right advice in right words, in the rules and templates: what was still open in issue 14."""

from __future__ import annotations

from followup.domain.policy import Policy
from followup.domain.rules import RulesEngine
from tests.domain.test_rules_table import ZONE, app, d, interview, t


def _prep(application, now: str):
    found, _ = RulesEngine(Policy(), ZONE).for_application(application, t(now))
    [prep] = [a for a in found if a.rule.value == "prep"]
    return prep.message, prep.why


def test_prep_asks_for_their_timeline_only_when_none_is_recorded():
    booked = [interview("2026-11-24 10:00")]
    message, why = _prep(app(interviews=booked), "2026-11-23 09:00")
    assert "timeline" in message and "when they expect to decide" in why

    told = app(interviews=booked, decision_by=d("2026-12-04"))
    message, why = _prep(told, "2026-11-23 09:00")
    assert message == "Prepare: ask for the interviewer's card"
    assert "timeline" not in message and "when they expect to decide" not in why
    assert "they said they would decide by Fri 4 Dec" in why

    # A date that falls before the interview is no longer their timeline: ask again.
    moved = app(interviews=booked, decision_by=d("2026-11-20"))
    message, _ = _prep(moved, "2026-11-23 09:00")
    assert "timeline" in message
