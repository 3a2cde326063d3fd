"""Reading WHEN: ISO 8601 and plain English, relative to now, in local time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import InputError
from followup.domain.when import parse_day, parse_when

ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 22, 10, 30, tzinfo=ZONE)  # a Sunday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-30", datetime(2026, 11, 30, 0, 0)),
        ("2026-11-30 14:00", datetime(2026, 11, 30, 14, 0)),
        ("2026-11-30T14:00", datetime(2026, 11, 30, 14, 0)),
        ("tomorrow 3pm", datetime(2026, 11, 23, 15, 0)),
        ("fri", datetime(2026, 11, 27, 0, 0)),
        ("in 3 days", datetime(2026, 11, 25, 10, 30)),
        ("tue 10am", datetime(2026, 11, 24, 10, 0)),
    ],
)
def test_readable_forms(text, expected):
    assert parse_when(text, NOW) == expected.replace(tzinfo=ZONE)


def test_an_explicit_offset_is_the_same_instant_shown_locally():
    moment = parse_when("2026-11-30T14:00:00+00:00", NOW)
    assert moment.tzinfo == ZONE and moment.hour == 9


def test_past_preference_for_dates_already_behind_us():
    assert parse_day("mon", NOW, prefer="past") == date(2026, 11, 16)
    assert parse_day("mon", NOW) == date(2026, 11, 23)


def test_a_time_skipped_by_dst_moves_forward():
    moment = parse_when("2026-03-08 02:30", NOW)  # New York springs forward at 02:00
    assert (moment.hour, moment.minute) == (3, 30)


@pytest.mark.parametrize("text", ["", "   ", "someday maybe", "blurgh o'clock", "x" * 500])
def test_unreadable_text_is_quoted_in_the_error(text):
    with pytest.raises(InputError) as raised:
        parse_when(text, NOW)
    if text.strip() and len(text) < 100:
        assert repr(text.strip()) in str(raised.value)
