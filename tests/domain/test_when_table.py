"""What people type for interviews, applied dates and decision dates, each with the moment it
must mean; and what must be refused, with a message that says what was understood.

The clock is fixed: Monday 30 November 2026, 09:00 in London, plus a Saturday evening and
both DST changes. The rules behind the table are written down in `followup.domain.phrases`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import InputError
from followup.domain.when import CENTURY_AHEAD, parse_day, parse_when

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)
SATURDAY_EVENING = datetime(2026, 12, 5, 19, 30, tzinfo=LONDON)


def at(text: str) -> datetime:
    """'2026-12-03 10:00' as a London moment."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


# (what is typed, prefer, date order, the moment it means)
INTERVIEWS = [
    ("dec 3 at 10", "future", "MDY", "2026-12-03 10:00"),
    ("tomorrow at 2", "future", "MDY", "2026-12-01 14:00"),
    ("tomorrow 2pm", "future", "MDY", "2026-12-01 14:00"),
    ("tomorrow at 2pm", "future", "MDY", "2026-12-01 14:00"),
    ("tomorrow 14:00", "future", "MDY", "2026-12-01 14:00"),
    ("tomorrow at 14:00", "future", "MDY", "2026-12-01 14:00"),
    ("tomorrow noon", "future", "MDY", "2026-12-01 12:00"),
    ("tomorrow at noon", "future", "MDY", "2026-12-01 12:00"),
    ("tomorrow 9:30", "future", "MDY", "2026-12-01 09:30"),
    ("tomorrow at 9", "future", "MDY", "2026-12-01 09:00"),
    ("tomorrow at 10am", "future", "MDY", "2026-12-01 10:00"),
    ("tomorrow 10 am", "future", "MDY", "2026-12-01 10:00"),
    ("tomorrow 10a.m.", "future", "MDY", "2026-12-01 10:00"),
    ("tomorrow 2.30pm", "future", "MDY", "2026-12-01 14:30"),
    ("tomorrow 2:30 pm", "future", "MDY", "2026-12-01 14:30"),
    ("Tomorrow 3 P.M.", "future", "MDY", "2026-12-01 15:00"),
    ("2pm tomorrow", "future", "MDY", "2026-12-01 14:00"),
    ("at 3 tomorrow", "future", "MDY", "2026-12-01 15:00"),
    ("tmrw 11am", "future", "MDY", "2026-12-01 11:00"),
    ("14h30 tomorrow", "future", "MDY", "2026-12-01 14:30"),
    ("tue 10am", "future", "MDY", "2026-12-01 10:00"),
    ("tue at 2", "future", "MDY", "2026-12-01 14:00"),
    ("next tue", "future", "MDY", "2026-12-01 00:00"),
    ("next tue at 3pm", "future", "MDY", "2026-12-01 15:00"),
    ("this tue 11:00", "future", "MDY", "2026-12-01 11:00"),
    ("tue @ 10:00", "future", "MDY", "2026-12-01 10:00"),
    ("wed 9:30", "future", "MDY", "2026-12-02 09:30"),
    ("weds 4pm", "future", "MDY", "2026-12-02 16:00"),
    ("wednesday at 1", "future", "MDY", "2026-12-02 13:00"),
    ("thu 14:30", "future", "MDY", "2026-12-03 14:30"),
    ("thursday, 11:15am", "future", "MDY", "2026-12-03 11:15"),
    ("friday at 2pm", "future", "MDY", "2026-12-04 14:00"),
    ("fri 9am", "future", "MDY", "2026-12-04 09:00"),
    ("fri noon", "future", "MDY", "2026-12-04 12:00"),
    ("on friday at 11", "future", "MDY", "2026-12-04 11:00"),
    ("friday afternoon at 3", "future", "MDY", "2026-12-04 15:00"),
    ("mon 10am", "future", "MDY", "2026-12-07 10:00"),
    ("monday at 9", "future", "MDY", "2026-12-07 09:00"),
    ("next monday at 10", "future", "MDY", "2026-12-07 10:00"),
    ("mon 14h", "future", "MDY", "2026-12-07 14:00"),
    ("sat 10am", "future", "MDY", "2026-12-05 10:00"),
    ("sun 3pm", "future", "MDY", "2026-12-06 15:00"),
    ("dec 3", "future", "MDY", "2026-12-03 00:00"),
    ("dec 3 10am", "future", "MDY", "2026-12-03 10:00"),
    ("december 3rd at 2pm", "future", "MDY", "2026-12-03 14:00"),
    ("3 dec 14:00", "future", "DMY", "2026-12-03 14:00"),
    ("3rd dec at 9:30", "future", "DMY", "2026-12-03 09:30"),
    ("the 3rd at 10", "future", "MDY", "2026-12-03 10:00"),
    ("the 3rd", "future", "MDY", "2026-12-03 00:00"),
    ("on the 3rd at 2", "future", "MDY", "2026-12-03 14:00"),
    ("3rd of december 11am", "future", "DMY", "2026-12-03 11:00"),
    ("dec 3rd, 2026 at 3pm", "future", "MDY", "2026-12-03 15:00"),
    ("Dec. 10", "future", "MDY", "2026-12-10 00:00"),
    ("dec 10 at 4:15pm", "future", "MDY", "2026-12-10 16:15"),
    ("jan 5 at 10", "future", "MDY", "2027-01-05 10:00"),
    ("jan 12 2027 2pm", "future", "MDY", "2027-01-12 14:00"),
    ("2026-12-03 10:00", "future", "DMY", "2026-12-03 10:00"),
    ("2026-12-03T10:00", "future", "MDY", "2026-12-03 10:00"),
    ("2026-12-03", "future", "MDY", "2026-12-03 00:00"),
    ("noon", "future", "MDY", "2026-11-30 12:00"),
    ("2pm", "future", "MDY", "2026-11-30 14:00"),
    ("at 2", "future", "MDY", "2026-11-30 14:00"),
    ("at 9", "future", "MDY", "2026-11-30 09:00"),
    ("8am", "future", "MDY", "2026-12-01 08:00"),
    ("14:00", "future", "MDY", "2026-11-30 14:00"),
    ("9:30", "future", "MDY", "2026-11-30 09:30"),
    ("4:45pm", "future", "MDY", "2026-11-30 16:45"),
    ("at 5:30", "future", "MDY", "2026-11-30 17:30"),
    ("at 6", "future", "MDY", "2026-11-30 18:00"),
    ("at 7", "future", "MDY", "2026-12-01 07:00"),
    ("at 12", "future", "MDY", "2026-11-30 12:00"),
    ("at 02:00", "future", "MDY", "2026-12-01 02:00"),
    ("12pm", "future", "MDY", "2026-11-30 12:00"),
    ("12am", "future", "MDY", "2026-12-01 00:00"),
    ("midnight", "future", "MDY", "2026-12-01 00:00"),
    ("fri midnight", "future", "MDY", "2026-12-05 00:00"),
    ("tonight", "future", "MDY", "2026-11-30 20:00"),
    ("tonight at 8", "future", "MDY", "2026-11-30 20:00"),
    ("this afternoon", "future", "MDY", "2026-11-30 14:00"),
    ("tomorrow morning", "future", "MDY", "2026-12-01 09:00"),
    ("tomorrow afternoon", "future", "MDY", "2026-12-01 14:00"),
    ("tomorrow evening", "future", "MDY", "2026-12-01 18:00"),
    ("in 2 hours", "future", "MDY", "2026-11-30 11:00"),
    ("in 30 minutes", "future", "MDY", "2026-11-30 09:30"),
    ("in 3 days", "future", "MDY", "2026-12-03 09:00"),
    ("in 3 days at 2pm", "future", "MDY", "2026-12-03 14:00"),
    ("in a week", "future", "MDY", "2026-12-07 09:00"),
    ("next week", "future", "MDY", "2026-12-07 09:00"),
    ("in 2 weeks", "future", "MDY", "2026-12-14 09:00"),
    ("in 2 weeks at 10am", "future", "MDY", "2026-12-14 10:00"),
    ("day after tomorrow at 11", "future", "MDY", "2026-12-02 11:00"),
    ("today 4pm", "future", "MDY", "2026-11-30 16:00"),
    ("today at 3", "future", "MDY", "2026-11-30 15:00"),
    ("now", "future", "MDY", "2026-11-30 09:00"),
    ("@ 3", "future", "MDY", "2026-11-30 15:00"),
    ("  TOMORROW   AT   2  ", "future", "MDY", "2026-12-01 14:00"),
    ("12/3 10:00", "future", "MDY", "2026-12-03 10:00"),
    ("3/12 10:00", "future", "DMY", "2026-12-03 10:00"),
    ("2026/12/03 10:00", "future", "MDY", "2026-12-03 10:00"),
    ("12/03/2026 2pm", "future", "MDY", "2026-12-03 14:00"),
    ("03/12/2026 2pm", "future", "DMY", "2026-12-03 14:00"),
    ("3.12.2026 14:00", "future", "DMY", "2026-12-03 14:00"),
    ("12/3/26", "future", "MDY", "2026-12-03 00:00"),
    ("2026/12/3", "future", "YMD", "2026-12-03 00:00"),
    ("12/3", "future", "YMD", "2026-12-03 00:00"),
]

DECISIONS = [
    ("end of week", "future", "MDY", "2026-12-04 17:00"),
    ("eow", "future", "MDY", "2026-12-04 17:00"),
    ("end of the week", "future", "MDY", "2026-12-04 17:00"),
    ("end of next week", "future", "MDY", "2026-12-11 17:00"),
    ("eod", "future", "MDY", "2026-11-30 17:00"),
    ("end of day", "future", "MDY", "2026-11-30 17:00"),
    ("eod tomorrow", "future", "MDY", "2026-12-01 17:00"),
    ("eod fri", "future", "MDY", "2026-12-04 17:00"),
    ("fri eod", "future", "MDY", "2026-12-04 17:00"),
    ("cob friday", "future", "MDY", "2026-12-04 17:00"),
    ("close of business tomorrow", "future", "MDY", "2026-12-01 17:00"),
    ("end of month", "future", "MDY", "2026-11-30 17:00"),
    ("eom", "future", "MDY", "2026-11-30 17:00"),
    ("end of next month", "future", "MDY", "2026-12-31 17:00"),
    ("next fri", "future", "MDY", "2026-12-04 00:00"),
    ("fri", "future", "MDY", "2026-12-04 00:00"),
    ("this friday", "future", "MDY", "2026-12-04 00:00"),
    ("friday next week", "future", "MDY", "2026-12-11 00:00"),
    ("friday this week", "future", "MDY", "2026-12-04 00:00"),
    ("dec 11", "future", "MDY", "2026-12-11 00:00"),
    ("the 15th", "future", "MDY", "2026-12-15 00:00"),
    ("15th", "future", "MDY", "2026-12-15 00:00"),
    ("the 1st", "future", "MDY", "2026-12-01 00:00"),
    ("the 30th", "future", "MDY", "2026-11-30 00:00"),
    ("the 31st", "future", "MDY", "2026-12-31 00:00"),
    ("dec 18th", "future", "MDY", "2026-12-18 00:00"),
    ("18 december", "future", "DMY", "2026-12-18 00:00"),
    ("january 8", "future", "MDY", "2027-01-08 00:00"),
    ("jan 8th 2027", "future", "MDY", "2027-01-08 00:00"),
    ("8 jan 2027", "future", "DMY", "2027-01-08 00:00"),
    ("sept 15 2027", "future", "MDY", "2027-09-15 00:00"),
    # No year: the closest such date, so that a date just passed is not a year away.
    ("nov 25", "future", "MDY", "2026-11-25 00:00"),
    ("nov 30", "future", "MDY", "2026-11-30 00:00"),
    ("dec 1", "future", "MDY", "2026-12-01 00:00"),
    ("may 30", "future", "MDY", "2027-05-30 00:00"),
    ("jun 1", "future", "MDY", "2026-06-01 00:00"),
    ("tomorrow", "future", "MDY", "2026-12-01 00:00"),
    ("today", "future", "MDY", "2026-11-30 00:00"),
    ("in 10 days", "future", "MDY", "2026-12-10 09:00"),
    ("2026-12-11", "future", "MDY", "2026-12-11 00:00"),
    ("12/11", "future", "MDY", "2026-12-11 00:00"),
    ("11/12", "future", "DMY", "2026-12-11 00:00"),
]

APPLIED = [
    ("yesterday", "past", "MDY", "2026-11-29 00:00"),
    ("today", "past", "MDY", "2026-11-30 00:00"),
    ("last wed", "past", "MDY", "2026-11-25 00:00"),
    ("last wed", "future", "MDY", "2026-11-25 00:00"),
    ("last wednesday", "past", "MDY", "2026-11-25 00:00"),
    ("wed", "past", "MDY", "2026-11-25 00:00"),
    ("last mon", "past", "MDY", "2026-11-23 00:00"),
    ("mon", "past", "MDY", "2026-11-23 00:00"),
    ("last fri", "past", "MDY", "2026-11-27 00:00"),
    ("fri", "past", "MDY", "2026-11-27 00:00"),
    ("last friday", "past", "MDY", "2026-11-27 00:00"),
    ("past tuesday", "past", "MDY", "2026-11-24 00:00"),
    ("sun", "past", "MDY", "2026-11-29 00:00"),
    ("last sat", "past", "MDY", "2026-11-28 00:00"),
    ("friday last week", "past", "MDY", "2026-11-27 00:00"),
    ("monday last week", "past", "MDY", "2026-11-23 00:00"),
    ("day before yesterday", "past", "MDY", "2026-11-28 00:00"),
    ("2 days ago", "past", "MDY", "2026-11-28 09:00"),
    ("3 days ago", "past", "MDY", "2026-11-27 09:00"),
    ("a week ago", "past", "MDY", "2026-11-23 09:00"),
    ("2 weeks ago", "past", "MDY", "2026-11-16 09:00"),
    ("a fortnight ago", "past", "MDY", "2026-11-16 09:00"),
    ("last week", "past", "MDY", "2026-11-23 09:00"),
    ("a month ago", "past", "MDY", "2026-10-30 09:00"),
    ("last month", "past", "MDY", "2026-10-30 09:00"),
    ("nov 25", "past", "MDY", "2026-11-25 00:00"),
    ("25 nov", "past", "DMY", "2026-11-25 00:00"),
    ("november 25th", "past", "MDY", "2026-11-25 00:00"),
    ("dec 3", "past", "MDY", "2025-12-03 00:00"),
    ("jan 5", "past", "MDY", "2026-01-05 00:00"),
    ("the 3rd", "past", "MDY", "2026-11-03 00:00"),
    ("3rd", "past", "MDY", "2026-11-03 00:00"),
    ("the 30th", "past", "MDY", "2026-11-30 00:00"),
    ("the 31st", "past", "MDY", "2026-10-31 00:00"),
    ("11/25", "past", "MDY", "2026-11-25 00:00"),
    ("25/11", "past", "DMY", "2026-11-25 00:00"),
    ("25/11/2026", "past", "DMY", "2026-11-25 00:00"),
    ("11/25/2026", "past", "MDY", "2026-11-25 00:00"),
    ("25.11.2026", "past", "DMY", "2026-11-25 00:00"),
    ("2026/11/25", "past", "DMY", "2026-11-25 00:00"),
    ("2026-11-25", "past", "MDY", "2026-11-25 00:00"),
    ("11-25", "past", "MDY", "2026-11-25 00:00"),
    ("1/2/2026", "past", "MDY", "2026-01-02 00:00"),
    ("1/2/2026", "past", "DMY", "2026-02-01 00:00"),
    ("1/2", "past", "DMY", "2026-02-01 00:00"),
    ("1/12", "past", "DMY", "2025-12-01 00:00"),
    ("yesterday at 3", "past", "MDY", "2026-11-29 15:00"),
    ("yesterday 4:30pm", "past", "MDY", "2026-11-29 16:30"),
    ("yesterday noon", "past", "MDY", "2026-11-29 12:00"),
    ("last wed at 2", "past", "MDY", "2026-11-25 14:00"),
    ("fri 10am", "past", "MDY", "2026-11-27 10:00"),
    ("tue 10am", "past", "MDY", "2026-11-24 10:00"),
    ("this morning", "past", "MDY", "2026-11-30 09:00"),
    ("9am", "past", "MDY", "2026-11-30 09:00"),
    ("2pm", "past", "MDY", "2026-11-29 14:00"),
    ("noon", "past", "MDY", "2026-11-29 12:00"),
    ("midnight", "past", "MDY", "2026-11-30 00:00"),
    ("2 hours ago", "past", "MDY", "2026-11-30 07:00"),
    ("30 minutes ago", "past", "MDY", "2026-11-30 08:30"),
    ("2020-02-29", "past", "MDY", "2020-02-29 00:00"),
    ("1970-01-01", "past", "MDY", "1970-01-01 00:00"),
]

SATURDAY = [
    ("tomorrow at 2", "future", "MDY", "2026-12-06 14:00"),
    ("mon 10am", "future", "MDY", "2026-12-07 10:00"),
    ("next mon", "future", "MDY", "2026-12-07 00:00"),
    ("end of week", "future", "MDY", "2026-12-11 17:00"),
    ("end of week", "past", "MDY", "2026-12-04 17:00"),
    ("eod", "future", "MDY", "2026-12-06 17:00"),
    ("fri", "future", "MDY", "2026-12-11 00:00"),
    ("last fri", "future", "MDY", "2026-12-04 00:00"),
    ("sat", "future", "MDY", "2026-12-12 00:00"),
    ("last sat", "past", "MDY", "2026-11-28 00:00"),
    ("8pm", "future", "MDY", "2026-12-05 20:00"),
    ("7pm", "future", "MDY", "2026-12-06 19:00"),
    ("at 7", "future", "MDY", "2026-12-06 07:00"),
    ("tonight", "future", "MDY", "2026-12-05 20:00"),
    ("midnight", "future", "MDY", "2026-12-06 00:00"),
    ("the 7th", "future", "MDY", "2026-12-07 00:00"),
    ("dec 5", "future", "MDY", "2026-12-05 00:00"),
    ("yesterday", "past", "MDY", "2026-12-04 00:00"),
    ("friday this week", "past", "MDY", "2026-12-04 00:00"),
    ("in 2 hours", "future", "MDY", "2026-12-05 21:30"),
]


@pytest.mark.parametrize("text, prefer, order, expected", INTERVIEWS + DECISIONS + APPLIED)
def test_a_monday_morning(text, prefer, order, expected):
    moment = parse_when(text, MONDAY, prefer=prefer, order=order)
    assert moment.astimezone(LONDON).replace(tzinfo=None) == datetime.fromisoformat(expected)


@pytest.mark.parametrize("text, prefer, order, expected", SATURDAY)
def test_a_saturday_evening(text, prefer, order, expected):
    moment = parse_when(text, SATURDAY_EVENING, prefer=prefer, order=order)
    assert moment.astimezone(LONDON).replace(tzinfo=None) == datetime.fromisoformat(expected)


def test_the_table_is_big_enough_to_mean_something():
    assert len(INTERVIEWS + DECISIONS + APPLIED + SATURDAY) >= 150


# Across the DST changes (London: back on Sun 25 Oct 2026, forward on Sun 28 Mar 2027), the
# wall clock a person typed is kept, and the instant carries the right offset.
DST = [
    (datetime(2026, 10, 24, 19, 0, tzinfo=LONDON), "tomorrow 9am", "2026-10-25 09:00+00:00"),
    (datetime(2026, 10, 24, 19, 0, tzinfo=LONDON), "mon at 9", "2026-10-26 09:00+00:00"),
    (datetime(2026, 10, 24, 19, 0, tzinfo=LONDON), "in 2 days", "2026-10-26 19:00+00:00"),
    (datetime(2026, 10, 24, 19, 0, tzinfo=LONDON), "tomorrow 1:30am", "2026-10-25 01:30+01:00"),
    (datetime(2027, 3, 27, 12, 0, tzinfo=LONDON), "tomorrow 9am", "2027-03-28 09:00+01:00"),
    # 01:30 does not exist that night: the moment after the gap, never an error or a loss.
    (datetime(2027, 3, 27, 12, 0, tzinfo=LONDON), "tomorrow at 01:30", "2027-03-28 02:30+01:00"),
    (datetime(2027, 3, 27, 12, 0, tzinfo=LONDON), "eod tomorrow", "2027-03-28 17:00+01:00"),
]


@pytest.mark.parametrize("now, text, expected", DST)
def test_across_a_dst_change(now, text, expected):
    moment = parse_when(text, now, order="DMY")
    assert moment.astimezone(UTC) == datetime.fromisoformat(expected).astimezone(UTC)


# Refused, with what was understood: never stored as something else.
REFUSED = [
    ("dec 3 2027", {}, "--at 'dec 3 2027' read as Fri 3 Dec 2027 00:00: that is more than a year"),
    ("in 2 years", {}, "--at 'in 2 years' read as Thu 30 Nov 2028 09:00: that is more than a year"),
    ("2110-12-03", {}, "--at '2110-12-03' read as Wed 3 Dec 2110 00:00: that is more than a year"),
    ("9999-12-30", {}, "read as Thu 30 Dec 9999 00:00: that is more than a year from now"),
    ("1969-07-20", {}, "--at '1969-07-20' read as Sun 20 Jul 1969 00:00: dates before 1970"),
    ("9999-12-31", {"ahead": CENTURY_AHEAD}, "that is more than 100 years from now"),
    ("tomorrow 2pm 3pm", {}, "it holds two times of day"),
    ("13pm", {}, "'13pm' is not a time of day"),
    ("25:00", {}, "'25:00' is not a time of day"),
    ("tomorrow 9:75", {}, "'9:75' is not a time of day"),
    ("feb 30", {}, "'feb 30' is not a date"),
    ("the 32nd", {}, "'32nd' is not a day of the month"),
    ("13/25", {"order": "MDY"}, "'13/25' is not a date in MDY order (the date_order setting)"),
    ("25/13/2026", {"order": "DMY"}, "is not a date in DMY order"),
    ("3/12/2026", {"order": "YMD"}, "is not a date in YMD order"),
    ("10", {}, "cannot read --at '10' as a date or time"),
    ("thurs 10", {}, "cannot read --at 'thurs 10' as a date or time"),
    ("someday", {}, "cannot read --at 'someday' as a date or time"),
    ("asap", {}, "cannot read --at 'asap' as a date or time"),
    ("dec 2026", {}, "cannot read --at 'dec 2026' as a date or time"),
]


@pytest.mark.parametrize("text, how, message", REFUSED)
def test_refused_with_what_was_understood(text, how, message):
    with pytest.raises(InputError) as refused:
        parse_when(text, MONDAY, what="--at", **{"order": "MDY", **how})
    assert message in str(refused.value)


def test_a_day_is_refused_as_a_day():
    with pytest.raises(InputError) as refused:
        parse_day("9999-12-30", MONDAY, prefer="past", what="--applied")
    assert str(refused.value) == (
        "--applied '9999-12-30' read as Thu 30 Dec 9999: that is more than a year from now"
    )


@pytest.mark.parametrize(
    "zone, text", [("Pacific/Kiritimati", "0001-01-01"), ("America/Adak", "9999-12-31 23:00")]
)
def test_the_ends_of_the_calendar_in_odd_zones_are_one_clear_refusal(zone, text):
    now = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo(zone))
    with pytest.raises(InputError) as refused:
        parse_when(text, now, what="--now", ahead=CENTURY_AHEAD)
    assert str(refused.value).startswith(f"--now {text!r}")


def test_a_year_ahead_is_accepted_and_a_day_more_is_not():
    assert parse_day("2027-11-30", MONDAY).isoformat() == "2027-11-30"
    with pytest.raises(InputError):
        parse_day("2027-12-02", MONDAY)
