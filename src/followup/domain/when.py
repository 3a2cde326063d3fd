"""Turning what a person types for WHEN into an aware moment, and moments back into words.

ISO 8601 is read directly; the phrases people type ("dec 3 at 10", "tomorrow at 2", "last
wed", "eow") by the grammar in `followup.domain.phrases`; only spans counted from now ("in 3
days", "2 weeks ago") go to dateparser, imported when needed because it is slow to load.
Every reading is checked: before 1970, or further ahead than its use allows, it is refused
with what was understood, never stored.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from followup.domain.model import InputError
from followup.domain.phrases import PhraseError, normalise, read_phrase, split_time

Prefer = Literal["future", "past"]
# Which way from now a date may lie: an applied date or a message logged is in the past; a
# decision date or an interview may be on either side.
MayBe = Literal["past", "future", "either"]


def local_zone() -> tzinfo:
    """The local IANA zone (TZ is respected), so that wall-clock arithmetic survives DST."""
    import tzlocal

    try:
        return tzlocal.get_localzone()
    except Exception:  # an unreadable TZ setting: fall back to the fixed current offset
        return datetime.now().astimezone().tzinfo or UTC


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in `zone`; a time skipped by a DST change moves forward past the gap."""
    aware = naive.replace(tzinfo=zone)
    # Round-trip through UTC: a non-existent wall time comes back as the real instant after it.
    return aware.astimezone(UTC).astimezone(zone)


def start_of_day(day: date, zone: tzinfo) -> datetime:
    return localize(datetime.combine(day, time()), zone)


def end_of_day(day: date, zone: tzinfo) -> datetime:
    """The last moment of a local calendar day: the start of the next one."""
    return start_of_day(day + timedelta(days=1), zone)


YEAR_AHEAD = timedelta(days=366)
CENTURY_AHEAD = timedelta(days=366 * 100)
EARLIEST = date(1970, 1, 1)


def default_date_order() -> str:
    """DMY, MDY or YMD for numbers like 3/12, from the locale (LC_ALL, LC_TIME, then LANG):
    the United States (and the plain C locale) read MDY; East Asian locales YMD; others DMY."""
    value = ""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(name, "")
        if value:
            break
    region = value.split(".")[0].split("@")[0].replace("-", "_").upper()
    if region in ("", "C", "POSIX") or region.endswith(("_US", "_PH", "_AS", "_GU", "_PR")):
        return "MDY"
    if region.startswith(("ZH", "JA", "KO", "HU", "LT", "MN")):
        return "YMD"
    return "DMY"


def parse_when(
    text: str,
    now: datetime,
    *,
    prefer: Prefer = "future",
    order: str | None = None,
    ahead: timedelta = YEAR_AHEAD,
    what: str = "",
    as_day: bool = False,
    may_be: MayBe = "either",
    needs_time: str = "",
) -> datetime:
    """An aware local moment for `text`, read relative to `now`; InputError quoting the text.

    A reading is refused, with what was understood, when it lands before 1970 or more than
    `ahead` after now, or on the side of now that `may_be` rules out. A time of day in the
    text is read by our grammar, so it is never lost; `needs_time` (what needs one, "an
    interview") refuses a text that gives none rather than reading it as midnight.
    `order` is DMY, MDY or YMD (None: from the locale); `what` names the field in messages.
    """
    zone = now.tzinfo or local_zone()
    cleaned = (text or "").strip()
    label = f"{what} " if what else ""
    if not cleaned:
        raise InputError(f"{label}needs a date or time, got nothing".strip())
    if len(cleaned) > 100:
        raise InputError(f"cannot read {label}{cleaned[:40]!r}... as a date or time")
    try:
        moment = _read(cleaned, now, zone, prefer, order or default_date_order())
    except PhraseError as error:
        raise InputError(f"cannot read {label}{cleaned!r} as a date or time: {error}") from None
    except (OverflowError, ValueError):
        raise InputError(
            f"{label}{cleaned!r} is outside the dates followup accepts "
            f"({EARLIEST.year} to {_latest(now, ahead, zone).year})"
        ) from None
    if moment is None:
        raise InputError(
            f"cannot read {label}{cleaned!r} as a date or time "
            "(try 2026-11-30, '2026-11-30 14:00', 'tomorrow 3pm', 'fri' or 'in 3 days')"
        )
    shown = moment.astimezone(zone).date() if as_day else moment
    check_range(shown, now, what or "date", ahead=ahead, text=cleaned)
    if needs_time and not holds_time(cleaned):
        raise InputError(
            f"{label}{cleaned!r} read as {show_day(moment.astimezone(zone).date())}, with no "
            f"time of day: {needs_time} needs one (e.g. '{cleaned} 10am')"
        )
    check_side(shown, now, may_be, what or "date", text=cleaned)
    return moment


def check_side(
    moment: datetime | date, now: datetime, may_be: MayBe, what: str = "date", *, text: str = ""
) -> None:
    """InputError when `moment` lies on the side of now that `may_be` rules out (a date is
    compared with today's date, so "today" is always both)."""
    if may_be == "either":
        return
    zone = now.tzinfo or local_zone()
    if isinstance(moment, datetime):
        ahead, shown = moment > now, show_moment(moment, zone)
        limit = f"now ({show_moment(now, zone)})"
    else:
        today = now.astimezone(zone).date()
        ahead, shown = moment > today, show_day(moment)
        limit = f"today ({show_day(today)})"
    understood = f"{what} {text!r} read as {shown}" if text else f"{what} {shown}"
    if may_be == "past" and ahead:
        raise InputError(f"{understood}: that is in the future; it must be {limit} or earlier")
    if may_be == "future" and not ahead:
        raise InputError(f"{understood}: that has passed; it must be after {limit}")


# A text that gives a time of day: ISO with a time, "now", a time our grammar reads ("10am",
# "at 2", "noon", "tonight"), or a span counted in hours or minutes ("in 2 hours").
_ISO_TIME = re.compile(r"^\d{4}-?\d{2}-?\d{2}[T ]\d", re.IGNORECASE)
_SPAN_OF_HOURS = re.compile(r"\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\b")
_PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|tonight)\b")


def holds_time(text: str) -> bool:
    """Whether `text` names a time of day, not only a date (a date alone reads as midnight)."""
    cleaned = text.strip()
    if _parse_iso(cleaned) is not None:
        return bool(_ISO_TIME.match(cleaned))
    words = normalise(cleaned)
    if words in ("now", "right now", "just now"):
        return True
    try:
        split = split_time(words)
    except PhraseError:
        return False
    return split.clock is not None or bool(
        _PART_OF_DAY.search(words) or _SPAN_OF_HOURS.search(words)
    )


def check_range(
    moment: datetime | date,
    now: datetime,
    what: str = "date",
    *,
    ahead: timedelta = YEAR_AHEAD,
    text: str | None = None,
) -> None:
    """InputError unless `moment` lies between 1970 and `ahead` after now; the message says
    what was understood, so that no misreading is ever stored silently."""
    zone = now.tzinfo or local_zone()
    if isinstance(moment, datetime):
        local = moment.astimezone(zone)
        day, shown = local.date(), show_moment(local, zone)
    else:
        day, shown = moment, show_day(moment)
    understood = f"{what} {text!r} read as {shown}" if text else f"{what} {shown}"
    if day < EARLIEST:
        raise InputError(f"{understood}: dates before {EARLIEST.year} are not accepted")
    if day > _latest(now, ahead, zone):
        span = "a year" if ahead <= YEAR_AHEAD else f"{round(ahead.days / 365.25)} years"
        raise InputError(f"{understood}: that is more than {span} from now")


def _latest(now: datetime, ahead: timedelta, zone: tzinfo) -> date:
    today = now.astimezone(zone).date()
    try:
        return today + ahead
    except OverflowError:
        return date.max


def parse_day(
    text: str,
    now: datetime,
    *,
    prefer: Prefer = "future",
    order: str | None = None,
    what: str = "",
    may_be: MayBe = "either",
) -> date:
    """A local calendar date for `text` (for applied and decision dates)."""
    moment = parse_when(
        text, now, prefer=prefer, order=order, what=what, as_day=True, may_be=may_be
    )
    return moment.date()


def _read(text: str, now: datetime, zone: tzinfo, prefer: Prefer, order: str) -> datetime | None:
    iso = _parse_iso(text)
    if iso is not None:
        if iso.tzinfo is None:
            return localize(iso, zone)
        return iso.astimezone(zone)
    if normalise(text) in ("now", "right now", "just now"):
        return now.astimezone(zone)
    if text.isdigit():  # dateparser makes a month, a day or a year of a lone number: a guess
        return None
    local_now = now.astimezone(zone).replace(tzinfo=None)
    reading = read_phrase(text, local_now, prefer, order)
    if reading is not None:
        return localize(reading, zone)
    # dateparser reads the rest ("in 3 days", "next week", "2 weeks ago"); a time of day that
    # the text holds is read by our grammar and put on dateparser's date, never lost.
    split = split_time(normalise(text))
    if not _RELATIVE.search(split.rest):
        return None  # a form of date our grammar does not know: dateparser would guess
    parsed = _parse_english(split.rest, local_now, prefer, order)
    if parsed is None:
        return None
    if split.clock is not None:
        day = parsed.date() + timedelta(days=1 if split.midnight else 0)
        parsed = datetime.combine(day, split.clock)
    return localize(parsed, zone)


# What dateparser is trusted with: spans counted from now ("in 3 days", "2 weeks ago").
_RELATIVE = re.compile(
    r"\b(?:ago|in|next|last|this|coming|past|fortnight|(?:second|minute|min|hour|hr|day|week|"
    r"month|year)s?)\b"
)


def _parse_iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    if not candidate[:1].isdigit():
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _parse_english(text: str, base: datetime, prefer: Prefer, order: str) -> datetime | None:
    """dateparser's local wall-clock reading of `text`, or None when it has none."""
    import dateparser  # slow to import: only when plain English is typed

    try:
        result = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "PREFER_DATES_FROM": prefer,
                "RELATIVE_BASE": base,
                "DATE_ORDER": order,
                "STRICT_PARSING": False,
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # dateparser raises assorted errors on odd text
        return None
    return result


# Showing moments to a person.


def show_moment(moment: datetime, zone: tzinfo | None = None) -> str:
    """'Tue 17 Nov 2026 11:00' in local time."""
    local = moment.astimezone(zone or local_zone())
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def show_day(day: date) -> str:
    """'Tue 17 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"
