"""The calendar file parses back with the expected events and stable UIDs; the statistics of a
small hand-built search are the numbers one can count by hand.
"""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from followup.config import Settings
from followup.domain.model import Direction, Stage, TouchpointKind
from followup.store import calendar, repository, stats

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)


def _interviewed(store):
    app = repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=date(2026, 11, 2)),
    )
    repository.add_interview(
        store,
        app,
        starts_at=NOW - timedelta(hours=20),
        notes="fine",
        decision_by=date(2026, 11, 27),
    )
    return app


def _events(store, now=NOW, horizon=7):
    out = io.StringIO()
    calendar.write(store, Settings(), None, now=now, zone=ZONE, horizon_days=horizon, stdout=out)
    parsed = Calendar.from_ical(out.getvalue())
    return {str(e["summary"]): e for e in parsed.walk("VEVENT")}


def test_calendar_has_an_event_per_due_or_upcoming_action_with_a_reminder(store):
    _interviewed(store)
    events = _events(store, horizon=30)
    thank = events["Send a thank-you note to Northwind"]
    assert "thank-you note is due within 24 hours" in str(thank["description"])
    # Already open on a working day in working hours: now, not at the last minute.
    assert thank.decoded("dtstart") == NOW
    assert [c.name for c in thank.subcomponents] == ["VALARM"]
    check_in = next(e for s, e in events.items() if s.startswith("Check in"))
    assert check_in.decoded("dtstart").astimezone(ZONE).date() == date(2026, 12, 1)
    assert len(events) == len({str(e["uid"]) for e in events.values()})


def test_re_export_keeps_the_uids(store):
    _interviewed(store)
    first = {s: str(e["uid"]) for s, e in _events(store).items()}
    later = {s: str(e["uid"]) for s, e in _events(store, now=NOW + timedelta(hours=2)).items()}
    assert first == later


def test_the_horizon_limits_upcoming_events(store):
    _interviewed(store)
    near = _events(store, horizon=1)
    far = _events(store, horizon=30)
    assert not any(s.startswith("Check in") for s in near)
    assert any(s.startswith("Check in") for s in far)


def test_stats_on_a_small_search(store):
    def app(name, stage, applied, replies=(), follow_ups=(), interview=False):
        ident = repository.add_application(
            store,
            repository.NewApplication(name, "Dev", stage=Stage(stage), applied_on=applied),
            now=datetime.combine(applied, datetime.min.time(), ZONE) if applied else NOW,
        )
        for day in follow_ups:
            repository.log_touchpoint(
                store,
                ident,
                kind=TouchpointKind.FOLLOW_UP,
                at=datetime.combine(day, datetime.min.time(), ZONE),
            )
        for day in replies:
            repository.log_touchpoint(
                store,
                ident,
                kind=TouchpointKind.REPLY,
                direction=Direction.IN,
                at=datetime.combine(day, datetime.min.time(), ZONE),
            )
        if interview:
            repository.add_interview(store, ident, starts_at=NOW - timedelta(days=3))
        return ident

    d = date
    app("A", "applied", d(2026, 9, 1), follow_ups=[d(2026, 9, 10)], replies=[d(2026, 9, 12)])
    app("B", "applied", d(2026, 9, 2), replies=[d(2026, 9, 6)])
    app("C", "applied", d(2026, 9, 3), follow_ups=[d(2026, 9, 12), d(2026, 9, 20)])
    app("D", "no-response", d(2026, 9, 4))
    app("E", "offer", d(2026, 10, 1), replies=[d(2026, 10, 11)], interview=True)
    app("F", "applied", d(2026, 11, 10))
    app("G", "wishlist", None)
    found = stats.compute(store, NOW, ZONE)
    # The interview made E "interviewing" on the way.
    assert found.funnel == {
        "applied": 6,
        "screening": 1,
        "interviewing": 1,
        "offer": 1,
        "accepted": 0,
    }
    assert (found.response.part, found.response.whole) == (3, 6)
    assert str(found.response) == "50% (3 of 6)"
    assert found.median_days_to_reply is None and found.replies_measured == 3
    assert (found.first_follow_ups.part, found.first_follow_ups.whole) == (1, 2)
    assert not found.first_follow_ups.enough
    assert "not enough data" in str(found.first_follow_ups)
    assert (found.second_follow_ups.part, found.second_follow_ups.whole) == (0, 1)
    # Applied 30+ days ago: A, B, C, D, E; no word from C and D.
    assert (found.ghosted.part, found.ghosted.whole) == (2, 5)
    assert sum(n for _, n in found.weeks) >= 1
    text = "\n".join(stats.lines(found))
    assert "Response rate          50% (3 of 6)" in text
    assert "Days to first reply    not enough data (3 replies)" in text
