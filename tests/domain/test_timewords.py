"""The one vocabulary for time: the cases issue 14 found reading differently on two screens."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.timewords import count, describe

ZONE = ZoneInfo("Europe/Berlin")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


@pytest.mark.parametrize(
    ("state", "opens", "due", "now", "expected"),
    [
        # Mon 09:00, a window opening Tue 00:00: tomorrow, not "later today", not "in 15h".
        ("upcoming", "2026-11-24 00:00", "2026-11-26 00:00", "2026-11-23 09:00", "in 1d"),
        ("upcoming", "2026-11-23 14:00", "2026-11-26 00:00", "2026-11-23 09:00", "in 5h"),
        ("upcoming", "2026-11-23 09:20", "2026-11-26 00:00", "2026-11-23 09:00", "in 1h"),
        ("upcoming", "2026-11-30 08:00", None, "2026-11-23 09:00", "in 7d"),
        # A thank-you due Sun 00:30 is not "today" on Sat 20:00.
        ("due", "2026-11-20 23:30", "2026-11-22 00:30", "2026-11-21 20:00", "due in 1d"),
        ("due", "2026-11-20 23:30", "2026-11-21 23:30", "2026-11-21 20:00", "due today"),
        # A deadline at midnight closes the day before.
        ("due", "2026-11-20 09:00", "2026-11-22 00:00", "2026-11-21 20:00", "due today"),
        ("due", "2026-11-20 09:00", "2026-11-25 00:00", "2026-11-21 20:00", "due in 3d"),
        ("due", "2026-11-20 09:00", None, "2026-11-21 20:00", "no deadline"),
        # The same moment late is "1h overdue" everywhere: never "0h".
        ("overdue", "2026-11-20 09:00", "2026-11-23 08:30", "2026-11-23 09:00", "1h overdue"),
        ("overdue", "2026-11-20 09:00", "2026-11-23 06:00", "2026-11-23 09:30", "3h overdue"),
        ("overdue", "2026-11-20 09:00", "2026-11-23 00:00", "2026-11-23 09:00", "1d overdue"),
        ("overdue", "2026-11-20 09:00", "2026-11-20 23:00", "2026-11-23 01:00", "3d overdue"),
        ("hold", "2026-11-20 09:00", "2026-11-27 09:00", "2026-11-23 09:00", "waiting"),
        # A row read just before its deadline passed: the words follow the moment, not the row.
        ("due", "2026-11-20 09:00", "2026-11-23 08:00", "2026-11-23 10:00", "2h overdue"),
    ],
)
def test_words(state, opens, due, now, expected):
    timing = describe(state, t(opens), t(due) if due else None, t(now), ZONE)
    assert timing.words == expected


def test_header_counts_are_the_agenda_groups():
    now = t("2026-11-21 20:00")
    timings = [
        describe("due", t("2026-11-20 23:30"), t("2026-11-22 00:30"), now, ZONE),  # tomorrow
        describe("due", t("2026-11-20 23:30"), t("2026-11-21 23:30"), now, ZONE),  # today
        describe("due", t("2026-11-14 09:00"), None, now, ZONE),  # no deadline: not today
        describe("due", t("2026-11-20 09:00"), t("2026-11-21 19:00"), now, ZONE),  # late
        describe("hold", t("2026-11-20 09:00"), t("2026-11-27 09:00"), now, ZONE),
        describe("upcoming", t("2026-11-24 09:00"), None, now, ZONE),
    ]
    assert [timing.group for timing in timings] == [
        "Coming up",
        "Due today",
        "Coming up",
        "Overdue",
        "Waiting for a reply",
        "Coming up",
    ]
    assert tuple(count(timings)) == (1, 1, 1)
