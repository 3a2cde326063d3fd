"""Calendar events sit at the start of their window, in working hours on working days, and
read like a task (issue 14: a check-in at 23:30 on Christmas Eve, a follow-up on Christmas Day);
applications per week count the week they went out."""

import io
from datetime import date, datetime

from icalendar import Calendar

from followup.config import Settings
from followup.domain.model import TouchpointKind
from followup.domain.policy import Policy
from followup.store import calendar, repository
from tests.store.test_calendar_and_stats import ZONE


def _events(store, now, settings=None, horizon=14):
    out = io.StringIO()
    calendar.write(
        store, settings or Settings(), None, now=now, zone=ZONE, horizon_days=horizon, stdout=out
    )
    parsed = Calendar.from_ical(out.getvalue())
    return {str(e["summary"]): e.decoded("dtstart").astimezone(ZONE) for e in parsed.walk("VEVENT")}


def test_a_check_in_window_starts_at_nine_on_its_first_day_not_before_midnight(store):
    # Applied Tue 15 Dec: the check-in opens on the 7th working day, Thu 24 Dec.
    repository.add_application(
        store,
        repository.NewApplication("Hooli", "Engineer", applied_on=date(2026, 12, 15)),
        now=datetime(2026, 12, 15, 9, 0, tzinfo=ZONE),
    )
    events = _events(store, datetime(2026, 12, 20, 12, 0, tzinfo=ZONE))
    assert events["Check in with Hooli"] == datetime(2026, 12, 24, 9, 0, tzinfo=ZONE)


def test_a_second_follow_up_skips_the_holiday_and_the_weekend(store):
    ident = repository.add_application(
        store,
        repository.NewApplication("Initech", "Analyst", applied_on=date(2026, 12, 1)),
        now=datetime(2026, 12, 1, 9, 0, tzinfo=ZONE),
    )
    repository.log_touchpoint(
        store,
        ident,
        kind=TouchpointKind.FOLLOW_UP,
        at=datetime(2026, 12, 18, 10, 30, tzinfo=ZONE),
    )
    german = Settings(policy=Policy(holidays_country="DE"))
    # The quiet week ended Fri 25 Dec 10:30, a public holiday; Sat and Sun follow.
    events = _events(store, datetime(2026, 12, 25, 10, 45, tzinfo=ZONE), german)
    assert events["Send Initech one more short follow-up"] == datetime(
        2026, 12, 28, 9, 0, tzinfo=ZONE
    )


def test_a_thank_you_after_a_late_interview_keeps_its_own_time(store):
    ident = repository.add_application(
        store,
        repository.NewApplication("Umbrella", "Engineer", applied_on=date(2026, 11, 2)),
        now=datetime(2026, 11, 2, 9, 0, tzinfo=ZONE),
    )
    repository.add_interview(
        store, ident, starts_at=datetime(2026, 11, 19, 18, 0, tzinfo=ZONE), notes="ok"
    )
    # At Thu 20:00 the thank-you is open; 09:00 Fri is well before its deadline (Fri 19:00).
    events = _events(store, datetime(2026, 11, 19, 20, 0, tzinfo=ZONE))
    assert events["Send a thank-you note to Umbrella"] == datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)
    # At Fri 18:45 the next working morning is past the deadline: it is now.
    late = _events(store, datetime(2026, 11, 20, 18, 45, tzinfo=ZONE))
    assert late["Send a thank-you note to Umbrella"] == datetime(2026, 11, 20, 18, 45, tzinfo=ZONE)


def test_applications_per_week_count_the_day_applied_not_the_day_typed_in(store):
    from followup.store import stats

    now = datetime(2026, 11, 25, 12, 0, tzinfo=ZONE)  # a Wednesday
    for day in (date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 24)):
        repository.add_application(
            store, repository.NewApplication("Acme", "Dev", applied_on=day), now=now
        )
    found = stats.compute(store, now, ZONE, weeks=4)
    assert [(week.isoformat(), n) for week, n in found.weeks] == [
        ("2026-11-02", 2),
        ("2026-11-09", 0),
        ("2026-11-16", 0),
        ("2026-11-23", 1),
    ]
