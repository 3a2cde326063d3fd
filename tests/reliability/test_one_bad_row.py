"""One application with a date the rules cannot count with (year 9999, written by an older
version or straight into the file) is reported by name; every other application still gets
its actions, in the shell and in the app's background pass.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.policy import Policy
from followup.store.db import Store
from followup.store.evaluation import Evaluator

NOW = "2026-11-30 09:00"


@pytest.fixture
def poisoned(cli, db_path):
    """Two applications; the second holds year-9999 dates, written with raw SQL."""
    assert cli("--now", NOW, "add", "Acme", "Developer", "--applied", "2026-11-10").code == 0
    assert cli("--now", NOW, "add", "Poison", "Role", "--applied", "2026-11-12").code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE applications SET applied_on = '9999-12-30', decision_by = '9999-12-31' "
            "WHERE company = 'Poison'"
        )
    return db_path


def _named_once(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [
        "followup: application 2 (Poison / Role) has no actions: one of its dates is too far "
        "from now to count with; correct or close it"
    ], err


def test_due_reports_the_bad_application_and_lists_the_others(cli, poisoned):
    done = cli("--now", NOW, "due", "--json")
    assert done.code == 0, done.err
    _named_once(done.err)
    found = json.loads(done.out)
    assert {(a["company"], a["rule"]) for a in found} >= {("Acme", "check-in")}
    assert all(a["company"] != "Poison" for a in found)


def test_show_still_shows_the_bad_application_itself(cli, poisoned):
    done = cli("--now", NOW, "show", "2")
    assert done.code == 0, done.err
    assert "Poison / Role" in done.out and "9999-12-30" in done.out
    _named_once(done.err)
    other = cli("--now", NOW, "show", "1", "--json")
    assert other.code == 0 and other.err == ""
    assert [a["rule"] for a in json.loads(other.out)["actions"]] == ["check-in"]


def test_the_calendar_keeps_the_other_applications(cli, poisoned):
    done = cli("--now", NOW, "calendar", "-", "--horizon", "30")
    assert done.code == 0, done.err
    _named_once(done.err)
    assert "Acme (Developer)" in done.out.replace("\r\n ", "")


def test_a_draft_for_the_bad_application_is_one_clear_line(cli, poisoned):
    done = cli("--now", NOW, "draft", "2")
    assert done.code == 1
    _named_once(done.err)
    assert "unexpected" not in done.err


def test_the_apps_rules_pass_tells_once_and_counts_the_others(poisoned):
    zone = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 11, 30, 9, 0, tzinfo=zone)
    store = Store.open(poisoned)
    try:
        evaluator = Evaluator(store, Policy(), zone)
        first = evaluator.summarize(now)
        second = evaluator.summarize(now)
    finally:
        store.close()
    told = [n for n in first.notices if n.company == "Poison" and n.problem]
    assert [n.message for n in told] == [
        "application 2 (Poison / Role) has no actions: one of its dates is too far from now "
        "to count with; correct or close it"
    ]
    assert first.due_today + first.overdue >= 1  # Acme's check-in (applied 14 days ago)
    assert not [n for n in second.notices if n.company == "Poison"]  # told once, not every pass


def test_a_stored_value_that_cannot_be_read_stops_only_its_application(cli, db_path):
    assert cli("--now", NOW, "add", "Acme", "Developer", "--applied", "2026-11-10").code == 0
    assert cli("--now", NOW, "add", "Garbled", "Role", "--applied", "2026-11-12").code == 0
    with sqlite3.connect(db_path) as connection:  # another tool wrote text where a date goes
        connection.execute(
            "INSERT INTO interviews (application_id, starts_at, duration_minutes, kind, notes,"
            " strong_points, weak_answers, they_said, created_at) "
            "VALUES (2, 'next tuesday', 60, 'video', '', '', '', '', '2026-11-20 10:00:00')"
        )
    done = cli("--now", NOW, "due", "--json")
    assert done.code == 0, done.err
    assert done.err.startswith(
        "followup: application 2 (Garbled / Role) has no actions: a stored value cannot be read"
    )
    assert len(done.err.splitlines()) == 1
    assert {(a["company"], a["rule"]) for a in json.loads(done.out)} >= {("Acme", "check-in")}
