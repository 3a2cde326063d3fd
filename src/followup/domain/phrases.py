"""The date and time phrases people type for WHEN, read by a small grammar of our own.

dateparser misreads the short forms that matter most ("dec 3 at 10" in the year 2110, "tomorrow
at 2" at 09:00, "last wed" refused), so they are read here, and only what this grammar does not
know goes on to dateparser. The rules, in a person's words:

- A time with am/pm is as written. A time without one from 1 to 6 o'clock is in the afternoon,
  because interviews and deadlines fall in working hours: "at 2" is 14:00, "at 9" is 09:00,
  "6:30" is 18:30. A leading zero or a 24-hour value is as written ("02:00", "14:00").
- "noon" is 12:00; "midnight" is the end of the day it is on; "eod" (end of day, close of
  business) is 17:00; "end of week" ("eow") is Friday 17:00; "end of month" ("eom") is the
  month's last day at 17:00.
- A weekday is the next one after today ("fri", "next fri", "this fri"), or the last one before
  today when the date looks back ("last wed", or an applied date). Before a date ("tue 24
  nov") it must be that date's weekday.
- A date without a year ("dec 3", "the 3rd", "3/12") is the closest such date to today; a date
  that looks back takes the latest one not after today.
- A date without a time is the start of that day.
- Numbers like 3/12 follow the `date_order` setting: DMY, MDY or YMD.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {"sept": 9}
DATE_ORDERS = ("DMY", "MDY", "YMD")
END_OF_DAY = time(17, 0)

_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)"

# Time of day, looked for anywhere in the text; what is left is the date.
_TIMES = [
    (
        "eod",
        re.compile(
            r"\b(?:at\s+)?(?:eod|cob|end of (?:the )?(?:business )?day|close of business)\b"
        ),
    ),
    ("noon", re.compile(r"\b(?:at\s+)?(?:noon|midday|12\s*noon)\b")),
    ("midnight", re.compile(r"\b(?:at\s+)?midnight\b")),
    ("ampm", re.compile(r"(?:\bat\s+|@\s*|\b)(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m?\.?(?=\s|$)")),
    ("clock", re.compile(r"(?:\bat\s+|@\s*|\b)(\d{1,2})(?::|h)(\d{2})?\b")),
    ("bare", re.compile(r"(?:\bat\s+|@\s*)(\d{1,2})\b(?![/.:-]\d)")),
]


class PhraseError(ValueError):
    """The text holds something that looks like a date or a time but is not a valid one."""


@dataclass(frozen=True)
class Split:
    """The text cut into its time of day (if any) and the rest, the date words."""

    rest: str
    clock: time | None
    midnight: bool = False


def normalise(text: str) -> str:
    cleaned = text.lower().replace(",", " ")
    cleaned = re.sub(r"\ba\.m\.", "am", cleaned)
    cleaned = re.sub(r"\bp\.m\.", "pm", cleaned)
    return " ".join(cleaned.split())


def split_time(text: str) -> Split:
    """The time of day in `text`, and the text without it; PhraseError for an impossible time."""
    for kind, pattern in _TIMES:
        found = pattern.search(text)
        if found is None:
            continue
        rest = " ".join((text[: found.start()] + " " + text[found.end() :]).split())
        if any(p.search(rest) for _, p in _TIMES):
            raise PhraseError("it holds two times of day")
        rest = re.sub(r"(?:\s+|^)(?:at|@)$", "", rest).strip()
        if kind == "eod":
            return Split(rest, END_OF_DAY)
        if kind == "noon":
            return Split(rest, time(12, 0))
        if kind == "midnight":
            return Split(rest, time(0, 0), midnight=True)
        return Split(rest, _clock(kind, found))
    return Split(text, None)


# Parts of a day: a default time, and what a bare hour means in them ("tonight at 8" is 20:00).
_PERIODS = {
    "morning": time(9, 0),
    "afternoon": time(14, 0),
    "evening": time(18, 0),
    "tonight": time(20, 0),
}
_PERIOD = re.compile(r"(?:\b(?:this|in the)\s+)?\b(morning|afternoon|evening|tonight)\b")


def _with_period(split: Split) -> Split:
    found = _PERIOD.search(split.rest)
    if found is None:
        return split
    period = found.group(1)
    rest = " ".join((split.rest[: found.start()] + " " + split.rest[found.end() :]).split())
    if period == "tonight":
        rest = " ".join(("today", rest)).strip()
    clock = split.clock
    if clock is None:
        clock = _PERIODS[period]
    elif period != "morning" and clock.hour < 12:
        clock = clock.replace(hour=clock.hour + 12)
    elif period == "morning" and clock.hour >= 12 and clock.hour < 19:
        clock = clock.replace(hour=clock.hour - 12)  # "tomorrow morning at 8" after the pm rule
    return Split(rest, clock, split.midnight)


def _clock(kind: str, found: re.Match[str]) -> time:
    digits = found.group(1)
    hour = int(digits)
    minute = int(found.group(2) or 0) if kind != "bare" else 0
    if minute > 59:
        raise PhraseError(f"{found.group(0).strip()!r} is not a time of day")
    if kind == "ampm":
        if not 1 <= hour <= 12:
            raise PhraseError(f"{found.group(0).strip()!r} is not a time of day")
        hour = hour % 12 + (12 if found.group(3) == "p" else 0)
    elif hour > 23:
        raise PhraseError(f"{found.group(0).strip()!r} is not a time of day")
    elif 1 <= hour <= 6 and not digits.startswith("0"):
        hour += 12  # working hours: "at 2" is 2 pm
    return time(hour, minute)


def read_phrase(text: str, now: datetime, prefer: str, order: str) -> datetime | None:
    """The local wall-clock moment (naive, like `now`) for a phrase this grammar knows; None for
    a phrase it does not know."""
    split = _with_period(split_time(normalise(text)))
    day = read_day(split.rest, now.date(), prefer, order) if split.rest else None
    if split.rest and day is None:
        return None
    if day is None:
        return _time_only(split, now, prefer)
    clock = split.clock
    if clock is None and _ends_a_span(split.rest):
        clock = END_OF_DAY
    if split.midnight:
        return datetime.combine(day + timedelta(days=1), time())
    return datetime.combine(day, clock or time())


def _time_only(split: Split, now: datetime, prefer: str) -> datetime:
    today = now.date()
    if split.midnight:
        return datetime.combine(today + timedelta(days=0 if prefer == "past" else 1), time())
    assert split.clock is not None
    moment = datetime.combine(today, split.clock)
    if prefer == "past" and moment > now:
        return moment - timedelta(days=1)
    if prefer == "future" and moment < now:
        return moment + timedelta(days=1)
    return moment


def _ends_a_span(rest: str) -> bool:
    return bool(
        re.fullmatch(r"(?:the )?(?:end of (?:the |this |next )?(?:week|month)|eow|eom)", rest)
    )


def read_day(rest: str, today: date, prefer: str, order: str) -> date | None:
    """The calendar date that the date words name, or None when they are not ours."""
    words = re.sub(r"^(?:on\s+)", "", rest).strip()
    simple = {
        "today": 0,
        "tod": 0,
        "tomorrow": 1,
        "tmrw": 1,
        "tmr": 1,
        "tomorow": 1,
        "yesterday": -1,
        "day after tomorrow": 2,
        "the day after tomorrow": 2,
        "day before yesterday": -2,
        "the day before yesterday": -2,
    }
    if words in simple:
        return today + timedelta(days=simple[words])
    span = _span_end(words, today, prefer)
    if span is not None:
        return span
    found = re.fullmatch(
        rf"(?:(this|next|last|past|coming)\s+)?({_WEEKDAY})(?:\s+(this|next|last) week)?", words
    )
    if found:
        return _weekday(found, today, prefer)
    found = re.fullmatch(rf"({_WEEKDAY})\.?\s+(.+)", words)
    if found:  # "tue 24 nov", as calendars write it: the weekday must be that date's
        day = _calendar_date(found.group(2), today, prefer, order)
        if day is not None and day.weekday() != WEEKDAYS[found.group(1)]:
            raise PhraseError(f"{found.group(2)!r} is a {day:%A} ({day:%a} {day.day} {day:%b %Y})")
        return day
    return _calendar_date(words, today, prefer, order)


def _span_end(words: str, today: date, prefer: str) -> date | None:
    found = re.fullmatch(r"(?:the )?(?:end of (the |this |next )?(week|month)|(eow|eom))", words)
    if not found:
        return None
    which, unit, short = found.group(1), found.group(2), found.group(3)
    if unit == "month" or short == "eom":
        month = today.replace(day=1)
        if which == "next ":
            month = (month + timedelta(days=32)).replace(day=1)
        return month.replace(day=calendar.monthrange(month.year, month.month)[1])
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    if prefer == "past" and friday > today:
        friday -= timedelta(days=7)
    if which == "next ":
        friday += timedelta(days=7)
    return friday


def _weekday(found: re.Match[str], today: date, prefer: str) -> date:
    modifier, name, week = found.group(1), found.group(2), found.group(3)
    target = WEEKDAYS[name]
    if week == "next":
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return monday + timedelta(days=target)
    if week == "this":
        return today - timedelta(days=today.weekday()) + timedelta(days=target)
    if week == "last":
        return today - timedelta(days=today.weekday() + 7) + timedelta(days=target)
    if modifier in ("last", "past") or (modifier is None and prefer == "past"):
        return today - timedelta(days=(today.weekday() - target - 1) % 7 + 1)
    return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)


def _calendar_date(words: str, today: date, prefer: str, order: str) -> date | None:
    words = re.sub(r"^the\s+", "", words)
    found = re.fullmatch(rf"{_ORDINAL}", words)
    if found:
        return _day_of_month(today, prefer, int(found.group(1)), words)
    found = re.fullmatch(
        rf"({_MONTH})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?", words
    )
    if found:
        return _dated(
            today, prefer, found.group(3), MONTHS[found.group(1)], int(found.group(2)), words
        )
    found = re.fullmatch(
        rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?(?:\s+(\d{{4}}))?", words
    )
    if found:
        return _dated(
            today, prefer, found.group(3), MONTHS[found.group(2)], int(found.group(1)), words
        )
    found = re.fullmatch(r"(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?", words)
    if found:
        return _numeric(found, today, prefer, order, words)
    return None


def _numeric(found: re.Match[str], today: date, prefer: str, order: str, words: str) -> date:
    first, second, third = found.group(1), int(found.group(3)), found.group(4)
    if len(first) == 4 or order == "YMD":
        if third is None:  # YMD without a year is month/day
            return _dated(today, prefer, None, int(first), second, words)
        if len(first) != 4 or len(third) > 2:
            raise PhraseError(f"{words!r} is not a date in YMD order (the date_order setting)")
        return _dated(today, prefer, first, second, int(third), words)
    if len(first) > 2:
        raise PhraseError(f"{words!r} is not a date")
    month, day = (int(first), second) if order == "MDY" else (second, int(first))
    year = None
    if third is not None:
        if len(third) not in (2, 4):
            raise PhraseError(f"{words!r} is not a date (a year has 2 or 4 digits)")
        # Two digits: 70-99 are the 1900s, the rest this century (dates start in 1970).
        year = third if len(third) == 4 else str((1900 if int(third) >= 70 else 2000) + int(third))
    if not 1 <= month <= 12:
        raise PhraseError(f"{words!r} is not a date in {order} order (the date_order setting)")
    return _dated(today, prefer, year, month, day, words)


def _dated(today: date, prefer: str, year: str | None, month: int, day: int, words: str) -> date:
    if year is not None:
        try:
            return date(int(year), month, day)
        except ValueError:
            raise PhraseError(f"{words!r} is not a date") from None
    return _closest(today, prefer, month, day, words)


def _day_of_month(today: date, prefer: str, day: int, words: str) -> date:
    """ "The 3rd": the next one from today on, or looking back the latest one up to today."""
    step = -1 if prefer == "past" else 1
    year, month = today.year, today.month
    for _ in range(3):  # a 31st is at most two months away
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            found = date(year, month, day)
            if (found >= today) if step > 0 else (found <= today):
                return found
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    raise PhraseError(f"{words!r} is not a day of the month")


def _closest(today: date, prefer: str, month: int, day: int, words: str) -> date:
    """The date with this month and day nearest today; looking back, the latest one not after
    today."""
    if not 1 <= month <= 12:
        raise PhraseError(f"{words!r} is not a date")
    candidates = [
        date(year, month, day)
        for year in (today.year - 1, today.year, today.year + 1)
        if 1 <= year <= 9999 and 1 <= day <= calendar.monthrange(year, month)[1]
    ]
    if not candidates:
        raise PhraseError(f"{words!r} is not a date")
    if prefer == "past":
        earlier = [c for c in candidates if c <= today]
        if earlier:
            return max(earlier)
    # The nearest; on a tie, the one ahead.
    return min(candidates, key=lambda c: (abs((c - today).days), c < today))
