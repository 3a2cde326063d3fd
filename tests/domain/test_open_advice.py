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


def test_what_has_a_deadline_comes_before_what_has_none():
    """The thank-you and the notes, due within a day, come before "find out their timeline",
    which has no deadline (it reads so: it can wait a day; the thank-you cannot)."""
    from followup.domain.rules import most_urgent_first
    from followup.domain.timewords import describe

    engine = RulesEngine(Policy(), ZONE)
    # The interview ended Wed 15:00: notes and thank-you are due by Thu 15:00, and with no
    # decision date the timeline question has no deadline.
    ended = app(interviews=[interview("2026-12-09 14:00", notes=False)])

    def words(now: str) -> list[tuple[str, str]]:
        found, _ = engine.for_application(ended, t(now))
        return [
            (a.rule.value, describe(a.state, a.opens_at, a.due_by, t(now), ZONE).words)
            for a in most_urgent_first(found)
            if a.rule.value != "check-in"  # upcoming, after all of these
        ]

    assert words("2026-12-09 16:00") == [
        ("notes", "due in 1d"),
        ("thank-you", "due in 1d"),
        ("timeline", "no deadline"),
    ]
    assert words("2026-12-10 09:00") == [
        ("notes", "due today"),
        ("thank-you", "due today"),
        ("timeline", "no deadline"),
    ]
