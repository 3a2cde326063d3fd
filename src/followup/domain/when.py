"""Turning what a person types for WHEN into an aware moment, and moments back into words.

ISO 8601 is read directly; plain English ("tomorrow 3pm", "fri", "in 3 days") goes through
dateparser, imported only when needed because it is slow to load.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from followup.domain.model import InputError

Prefer = Literal["future", "past"]


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


def parse_when(text: str, now: datetime, *, prefer: Prefer = "future") -> datetime:
    """An aware local moment for `text`, read relative to `now`; InputError quoting the text."""
    zone = now.tzinfo or local_zone()
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError("a date or time is needed, got nothing")
    if len(cleaned) > 100:
        raise InputError(f"cannot read {cleaned[:40]!r}... as a date or time")
    iso = _parse_iso(cleaned)
    if iso is not None:
        if iso.tzinfo is None:
            return localize(iso, zone)
        return iso.astimezone(zone)
    parsed = _parse_english(cleaned, now, zone, prefer)
    if parsed is None:
        raise InputError(
            f"cannot read {cleaned!r} as a date or time "
            "(try 2026-11-30, '2026-11-30 14:00', 'tomorrow 3pm', 'fri' or 'in 3 days')"
        )
    return parsed


def parse_day(text: str, now: datetime, *, prefer: Prefer = "future") -> date:
    """A local calendar date for `text` (for applied and decision dates)."""
    return parse_when(text, now, prefer=prefer).date()


def _parse_iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    if not candidate[:1].isdigit():
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _parse_english(text: str, now: datetime, zone: tzinfo, prefer: Prefer) -> datetime | None:
    import dateparser  # slow to import: only when plain English is typed

    base = now.astimezone(zone).replace(tzinfo=None)
    try:
        result = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "PREFER_DATES_FROM": prefer,
                "RELATIVE_BASE": base,
                "STRICT_PARSING": False,
            },
        )
    except Exception:  # dateparser raises assorted errors on odd text
        return None
    if result is None:
        return None
    if result.tzinfo is not None:
        return result.astimezone(zone)
    return localize(result, zone)


# Showing moments to a person.


def show_moment(moment: datetime, zone: tzinfo | None = None) -> str:
    """'Tue 17 Nov 2026 11:00' in local time."""
    local = moment.astimezone(zone or local_zone())
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def show_day(day: date) -> str:
    """'Tue 17 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"
