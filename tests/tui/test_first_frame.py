"""The first frame is true: before the new rules pass lands, the rows and the header show what
the last pass stored, as of now."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, timedelta

from followup.store import repository
from followup.store.db import Store
from followup.store.evaluation import Evaluator
from tests.tui.conftest import NOW, header, list_lines, wait_for


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _stored_pass(db_path, ident, rank, rule, state, message, opens_at, due_by) -> None:
    """What a rules pass stored for one application (it opened, and sorts, at `opens_at`)."""
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE application_urgency SET rank = ?, sort_at = ?, rule = ?, state = ?, "
            "message = ?, opens_at = ?, due_by = ?, evaluated = changed "
            "WHERE application_id = ?",
            [rank, _stamp(opens_at), rule, state, message, _stamp(opens_at), _stamp(due_by), ident],
        )


def _hold_the_rules(monkeypatch) -> threading.Event:
    """The app's rules pass waits until the returned event is set: what shows meanwhile is
    the first frame, from what was stored."""
    release = threading.Event()
    summarize = Evaluator.summarize

    def held(self, now):
        release.wait(30)
        return summarize(self, now)

    monkeypatch.setattr(Evaluator, "summarize", held)
    return release


async def test_rows_and_header_show_the_stored_urgency_as_of_now(make_app, db_path, monkeypatch):
    store = Store.open(db_path, create=True)
    late = repository.add_application(store, repository.NewApplication("Northwind", "Engineer"))
    repository.add_application(store, repository.NewApplication("Bluefin", "Analyst"))
    store.close()
    # What the last pass stored, three days ago: a check-in due by yesterday (overdue now).
    _stored_pass(
        db_path,
        late,
        1,
        "check-in",
        "due",
        "Check in",
        NOW - timedelta(days=3),
        NOW - timedelta(days=1),
    )
    release = _hold_the_rules(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: "1 overdue" in header(app))
            await wait_for(pilot, lambda: len(list_lines(app)) == 2)
            first = list_lines(app)[0]
            assert "Northwind" in first and "●" in first and "1d overdue" in first, first
            assert app.summary is None  # all of that before the new pass landed
        finally:
            release.set()
        await wait_for(pilot, lambda: app.ticks >= 1)
        assert "reading the rules" not in header(app)


async def test_a_new_demo_shows_what_is_overdue_on_its_first_frame(
    make_app, db_path, cli, monkeypatch
):
    """`followup demo` stores one rules pass: the first frame of the app opened on it already
    marks the overdue rows, before the app's own pass lands."""
    made = cli("demo", "--size", "30", "--no-open", "--now", NOW.isoformat())
    assert made.code == 0, made
    release = _hold_the_rules(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: len(list_lines(app)) > 5)
            first = list_lines(app)[0]
            assert "●" in first and "overdue" in first, first
            assert " 0 overdue" not in header(app)
            assert app.summary is None  # before the app's own pass
        finally:
            release.set()


async def test_a_stored_prep_for_an_interview_that_has_started_is_not_overdue(
    make_app, db_path, monkeypatch
):
    """The last pass stored "prepare" for an interview that has since begun: the first frame
    shows no overdue preparation (the new pass then shows the notes and the thank-you)."""
    store = Store.open(db_path, create=True)
    ident = repository.add_application(store, repository.NewApplication("Northwind", "Engineer"))
    store.close()
    _stored_pass(
        db_path,
        ident,
        1,
        "prep",
        "due",
        "Prepare",
        NOW - timedelta(days=2),
        NOW - timedelta(hours=2),
    )
    release = _hold_the_rules(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: len(list_lines(app)) == 1)
            await wait_for(pilot, lambda: "overdue" in header(app))
            assert "overdue" not in list_lines(app)[0], list_lines(app)[0]
            assert "0 overdue" in header(app)
            assert app.summary is None
        finally:
            release.set()


async def test_a_check_in_logged_from_the_shell_is_not_shown_overdue_on_the_first_frame(
    make_app, db_path, cli, monkeypatch
):
    """The last pass stored an overdue check-in; the person then logged it from the shell.
    The app's first frame must not tell them to check in again."""
    store = Store.open(db_path, create=True)
    ident = repository.add_application(store, repository.NewApplication("Initech", "Developer"))
    store.close()
    _stored_pass(
        db_path,
        ident,
        0,
        "check-in",
        "overdue",
        "Check in",
        NOW - timedelta(days=5),
        NOW - timedelta(days=2),
    )
    logged = cli("log", str(ident), "--kind", "check-in", "--now", NOW.isoformat())
    assert logged.code == 0, logged
    release = _hold_the_rules(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: len(list_lines(app)) == 1)
            await wait_for(pilot, lambda: "overdue" in header(app))
            row = list_lines(app)[0]
            assert "Initech" in row and "overdue" not in row and "check-in" not in row, row
            assert "0 overdue" in header(app)
            assert app.summary is None
        finally:
            release.set()
        await wait_for(pilot, lambda: "wait" in list_lines(app)[0])
