"""Date arguments on the command line: read as a person means them, echoed, and refused with
what was understood (exit 2, one line, nothing written) when the reading cannot be right."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import file_hash

MONDAY = "2026-11-30 09:00"


@pytest.fixture
def one(cli):
    assert cli("--now", MONDAY, "add", "Acme", "Developer", "--applied", "2026-11-20").code == 0


def test_the_issue_phrases_mean_what_a_person_meant(cli, one):
    done = cli("--now", MONDAY, "interview", "1", "--at", "dec 3 at 10")
    assert done.code == 0 and "Thu 3 Dec 2026 10:00" in done.err
    done = cli("--now", MONDAY, "interview", "1", "--at", "tomorrow at 2", "--decision-by", "eow")
    assert done.code == 0, done.err
    assert "Tue 1 Dec 2026 14:00" in done.err and "they decide by Fri 4 Dec 2026" in done.err
    done = cli("--now", MONDAY, "log", "1", "--kind", "thank-you", "--at", "last wed")
    assert done.code == 0 and "at Wed 25 Nov 2026 00:00" in done.err
    done = cli("--now", MONDAY, "due", "--at", "nov 25")
    assert done.code == 0 and "Wed 25 Nov 2026" in done.err  # the closest 25 Nov, not 2027


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["add", "Poison", "Role", "--applied", "9999-12-30"],
            "followup: --applied '9999-12-30' read as Thu 30 Dec 9999: "
            "that is more than a year from now",
        ),
        (
            ["interview", "1", "--at", "dec 3 2027"],
            "followup: --at 'dec 3 2027' read as Fri 3 Dec 2027 00:00: "
            "that is more than a year from now",
        ),
        (
            ["interview", "1", "--at", "tomorrow 10am", "--decision-by", "9999-12-31"],
            "followup: --decision-by '9999-12-31' read as Fri 31 Dec 9999: "
            "that is more than a year from now",
        ),
        (
            ["log", "1", "--kind", "reply", "--at", "1969-12-31"],
            "followup: --at '1969-12-31' read as Wed 31 Dec 1969 00:00: "
            "dates before 1970 are not accepted",
        ),
        (
            ["snooze", "1", "check-in", "--until", "2110-01-01"],
            "followup: --until '2110-01-01' read as Wed 1 Jan 2110 00:00: "
            "that is more than a year from now",
        ),
        (
            ["due", "--at", "9999-12-31"],
            "followup: --at '9999-12-31' read as Fri 31 Dec 9999 00:00: "
            "that is more than 100 years from now",
        ),
        # Each date a person types may lie on one side of now: applied and logged in the past.
        (
            ["add", "Hooli", "Engineer", "--applied", "next friday"],
            "followup: --applied 'next friday' read as Fri 4 Dec 2026: that is in the future; "
            "it must be today (Mon 30 Nov 2026) or earlier",
        ),
        (
            ["add", "Hooli", "Engineer", "--applied", "in 3 days"],
            "followup: --applied 'in 3 days' read as Thu 3 Dec 2026: that is in the future; "
            "it must be today (Mon 30 Nov 2026) or earlier",
        ),
        (
            ["log", "1", "--kind", "reply", "--at", "tomorrow 10am"],
            "followup: --at 'tomorrow 10am' read as Tue 1 Dec 2026 10:00: that is in the "
            "future; it must be now (Mon 30 Nov 2026 09:00) or earlier",
        ),
        (
            ["log", "1", "--kind", "thank-you", "--at", "2026-11-30 17:00"],
            "followup: --at '2026-11-30 17:00' read as Mon 30 Nov 2026 17:00: that is in the "
            "future; it must be now (Mon 30 Nov 2026 09:00) or earlier",
        ),
        # An interview needs a time of day: a date alone is not read as midnight.
        (
            ["interview", "1", "--at", "fri"],
            "followup: --at 'fri' read as Fri 4 Dec 2026, with no time of day: an interview "
            "needs one (e.g. 'fri 10am')",
        ),
        (
            ["interview", "1", "--at", "2026-12-03"],
            "followup: --at '2026-12-03' read as Thu 3 Dec 2026, with no time of day: an "
            "interview needs one (e.g. '2026-12-03 10am')",
        ),
        (
            ["interview", "1", "--at", "wed 3 dec 10am"],
            "followup: cannot read --at 'wed 3 dec 10am' as a date or time: '3 dec' is a "
            "Thursday (Thu 3 Dec 2026)",
        ),
        (
            ["interview", "1", "--at", "tomorrow 25:00"],
            "followup: cannot read --at 'tomorrow 25:00' as a date or time: "
            "'25:00' is not a time of day",
        ),
    ],
)
def test_a_reading_that_cannot_be_right_is_refused_and_nothing_is_written(
    cli, one, db_path, args, message
):
    before = file_hash(db_path)
    done = cli("--now", MONDAY, *args)
    assert (done.code, done.err.strip(), done.out) == (2, message, "")
    assert file_hash(db_path) == before


@pytest.mark.parametrize(
    "zone, now",
    [
        ("Pacific/Kiritimati", "9999-12-31"),
        ("Pacific/Kiritimati", "0001-01-01"),
        ("America/Adak", "0001-01-01"),
        ("America/Adak", "9999-12-31 23:59"),
    ],
)
def test_now_at_the_ends_of_the_calendar_is_one_clear_line(cli, monkeypatch, zone, now):
    monkeypatch.setenv("TZ", zone)
    done = cli("--now", now, "due")
    assert done.code == 2
    assert done.err.startswith(f"followup: --now {now!r}") and len(done.err.splitlines()) == 1
    assert "unexpected" not in done.err


@pytest.mark.parametrize(
    "args, echoed",
    [
        (["interview", "1", "--at", "fri 10am"], "Fri 4 Dec 2026 10:00"),
        (["interview", "1", "--at", "2026-12-03 10am"], "Thu 3 Dec 2026 10:00"),
        (["interview", "1", "--at", "2026-12-03T00:00"], "Thu 3 Dec 2026 00:00"),
        (["interview", "1", "--at", "tomorrow morning"], "Tue 1 Dec 2026 09:00"),
        (["interview", "1", "--at", "in 2 hours"], "Mon 30 Nov 2026 11:00"),
        # An interview may be in the past (recorded afterwards), a decision date either side.
        (["interview", "1", "--at", "last wed 2pm"], "Wed 25 Nov 2026 14:00"),
        (["interview", "1", "--at", "fri 10am", "--decision-by", "nov 27"], "Fri 27 Nov 2026"),
        (["add", "Hooli", "Engineer", "--applied", "today"], "applied on Mon 30 Nov 2026"),
        (["add", "Hooli", "Engineer", "--applied", "fri"], "applied on Fri 27 Nov 2026"),
        (["log", "1", "--kind", "reply", "--at", "5pm"], "Sun 29 Nov 2026 17:00"),
        (["log", "1", "--kind", "reply", "--decision-by", "dec 11"], "Fri 11 Dec 2026"),
        # A weekday before a date, as calendars write it.
        (["log", "1", "--kind", "reply", "--decision-by", "fri 11 dec"], "Fri 11 Dec 2026"),
        (["interview", "1", "--at", "Thursday, December 3 at 3pm"], "Thu 3 Dec 2026 15:00"),
    ],
)
def test_dates_on_their_allowed_side_are_taken(cli, one, args, echoed):
    done = cli("--now", MONDAY, *args)
    assert done.code == 0, done.err
    assert echoed in done.err


def test_now_may_look_far_ahead(cli, one):
    done = cli("--now", "2100-01-04 09:00", "due", "--json")
    assert done.code == 0, done.err


@pytest.mark.parametrize(
    "setting, locale, typed, expected",
    [
        ('date_order = "DMY"\n', "en_US.UTF-8", "3/11", "2026-11-03"),
        ('date_order = "MDY"\n', "en_GB.UTF-8", "3/11", "2026-03-11"),
        ("", "en_US.UTF-8", "11/3/2026", "2026-11-03"),
        ("", "en_GB.UTF-8", "3/11/2026", "2026-11-03"),
        ("", "de_DE.UTF-8", "3.11.2026", "2026-11-03"),
        ('date_order = "YMD"\n', "fr_FR.UTF-8", "2026/11/3", "2026-11-03"),
    ],
)
def test_numeric_dates_follow_the_setting_or_else_the_locale(
    cli, monkeypatch, tmp_path, setting, locale, typed, expected
):
    (tmp_path / "config.toml").write_text(setting)
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_TIME", locale)
    done = cli("--now", MONDAY, "add", "Acme", "Dev", "--applied", typed)
    assert done.code == 0, done.err
    assert json.loads(cli("show", "1", "--json").out)["applied_on"] == expected


def test_a_wrong_date_order_setting_is_one_clear_line(cli, tmp_path):
    (tmp_path / "config.toml").write_text('date_order = "DDMM"\n')
    done = cli("due")
    assert done.code == 2
    assert "date_order must be" in done.err


def test_a_csv_row_with_a_date_out_of_range_is_refused_by_line(cli, one, db_path, tmp_path):
    rows = tmp_path / "in.csv"
    rows.write_text("company,role,applied_on\nFine,Dev,2026-11-01\nPoison,Role,9999-12-30\n")
    done = cli("--now", MONDAY, "import", str(rows))
    assert done.code == 2
    assert "line 3" in done.err and "9999" in done.err and "more than" in done.err
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM applications").fetchone() == (1,)
