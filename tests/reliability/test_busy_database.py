"""Another program holds the write lock longer than the busy timeout: nothing the person did
in the app is dropped. It says "not saved yet", saves when the lock is free, and what cannot
be saved before the app closes is kept in a file beside the data file.

The busy timeout is made short here so that waiting it out takes a moment, not ten seconds.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from followup.store import drafts, repository
from followup.store.db import Store
from followup.tui.widgets.compose import ComposePane
from followup.tui.widgets.counts import CountsBar
from tests.tui.conftest import NOW, wait_for
from tests.tui.test_app import _seed

HOLD = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
"""


class LockHolder:
    """Another program with the write lock, until `release()`."""

    def __init__(self, db) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.communicate("\n", timeout=30)


@pytest.fixture
def short_busy_timeout(monkeypatch):
    from followup.store import db, header

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(header, "BUSY_TIMEOUT_MS", 200)


@pytest.fixture
def holders():
    made: list[LockHolder] = []
    yield lambda db: made.append(LockHolder(db)) or made[-1]
    for holder in made:
        holder.release()


def top_line(app) -> str:
    return app.screen.query_one(CountsBar).render().plain


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _typing_in_the_draft(app, pilot, interviewed):
    await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
    await pilot.press("w")
    await wait_for(pilot, lambda: app.screen.query(ComposePane))
    pane = app.screen.query_one(ComposePane)
    area = pane.query_one("#draft")
    await wait_for(pilot, lambda: area.has_focus and pane.prepared is not None)
    return pane


async def test_a_draft_typed_while_the_database_is_locked_is_saved_once_it_is_free(
    make_app, db_path, short_busy_timeout, holders
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    async with app.run_test(size=(100, 30)) as pilot:
        await _typing_in_the_draft(app, pilot, interviewed)
        holder = holders(db_path)
        await pilot.press(*"Kept words.")
        await wait_for(pilot, lambda: "not saved yet" in top_line(app))
        assert "Another program is writing" in notices(app)
        reader = Store.open(db_path)
        before = drafts.newest(reader, interviewed)
        assert before is None or "Kept words." not in before[1]  # really not saved yet
        holder.release()
        await wait_for(pilot, lambda: "not saved yet" not in top_line(app))
        saved = drafts.newest(reader, interviewed)
        assert saved is not None and "Kept words." in saved[1]
        assert "Saved: the database is free again." in notices(app)
        reader.close()


async def test_closing_while_the_database_stays_locked_keeps_the_text_in_a_file(
    make_app, db_path, short_busy_timeout, holders
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    async with app.run_test(size=(100, 30)) as pilot:
        await _typing_in_the_draft(app, pilot, interviewed)
        holders(db_path)
        await pilot.press(*"Words that must survive.")
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: not app.is_running)
    kept = list(db_path.parent.glob("followup.db.unsaved-*.txt"))
    assert len(kept) == 1
    assert kept[0].stat().st_mode & 0o777 == 0o600
    text = kept[0].read_text()
    assert "The thank-you draft for Northwind" in text
    assert "Words that must survive." in text


async def test_a_form_saved_while_the_database_is_locked_says_so_and_lands_after_escape(
    make_app, db_path, short_busy_timeout, holders
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        holder = holders(db_path)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.query("#field-notes"))
        app.screen.query_one("#field-notes").insert("Ask about on-call. ", (0, 0))
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#form-error")
        await wait_for(pilot, lambda: "Not saved yet" in str(error.content))
        await pilot.press("escape")  # leave it: it still lands
        await wait_for(pilot, lambda: "not saved yet" in top_line(app))
        holder.release()
        await wait_for(pilot, lambda: "Saved: Notes." in notices(app))
        record = repository.application_detail(app.store, interviewed)
        assert record["notes"].startswith("Ask about on-call. ")


async def test_a_form_saved_again_while_it_waits_saves_the_latest_text(
    make_app, db_path, short_busy_timeout, holders
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        holder = holders(db_path)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.query("#field-notes"))
        notes = app.screen.query_one("#field-notes")
        notes.insert("First thought. ", (0, 0))
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#form-error")
        await wait_for(pilot, lambda: "Not saved yet" in str(error.content))
        notes.insert("Second thought. ", (0, 0))  # typed on while it waits, saved again
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "What the form holds now" in str(error.content))
        await pilot.press("escape")
        await wait_for(pilot, lambda: "not saved yet" in top_line(app))
        holder.release()
        await wait_for(pilot, lambda: "Saved: Notes." in notices(app))
        record = repository.application_detail(app.store, interviewed)
        assert record["notes"].startswith("Second thought. First thought. ")


async def test_a_form_saved_again_while_it_waits_keeps_the_latest_text_on_the_way_out(
    make_app, db_path, short_busy_timeout, holders
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        holders(db_path)  # never released while the app runs
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.query("#field-notes"))
        notes = app.screen.query_one("#field-notes")
        notes.insert("First thought. ", (0, 0))
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#form-error")
        await wait_for(pilot, lambda: "Not saved yet" in str(error.content))
        notes.insert("Second thought. ", (0, 0))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "What the form holds now" in str(error.content))
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: not app.is_running)
    kept = list(db_path.parent.glob("followup.db.unsaved-*.txt"))
    assert len(kept) == 1
    assert "Second thought. First thought." in kept[0].read_text()
