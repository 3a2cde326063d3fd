"""A damaged file whose restore the person declines: the app shows what it can read of it,
says in the header that it only reads it, and writes nothing to it (the list order of the
rules included); a write tried anyway is refused and said, the form kept."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime

from followup.store import backups
from followup.tui.screens.form import ConfirmScreen, FormScreen
from tests.conftest import file_hash
from tests.reliability.test_busy_database import top_line
from tests.reliability.test_file_replaced import _app, _holding, _quick_add
from tests.tui.conftest import answer, list_lines, wait_for


def _damage_an_index(path) -> None:
    """Random bytes over the first page of an index of the applications: a plain read of
    the table still works, the whole check (and what uses the index) does not."""
    connection = sqlite3.connect(path)
    page = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'applications'"
    ).fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * 4096)
        handle.write(os.urandom(4096))


async def test_declining_the_restore_leaves_the_file_read_and_never_written(db_path):
    _holding(db_path, *(f"Company {i}" for i in range(12)))
    backups.make(db_path, now=datetime(2026, 11, 1, tzinfo=UTC))
    _damage_an_index(db_path)
    damaged = file_hash(db_path)
    app = _app(db_path, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "damaged" in str(app.screen.query_one("#confirm-question").content)
        await answer(pilot, yes=False)
        await wait_for(pilot, lambda: "only read: nothing is saved" in top_line(app))
        assert len(list_lines(app)) >= 10  # what can be read is shown
        await _quick_add(pilot, app, "Typed after")
        error = app.screen.query_one("#form-error")
        await wait_for(pilot, lambda: "Not saved" in str(error.content))
        assert "damaged" in str(error.content)
        assert isinstance(app.screen, FormScreen)  # what was typed is still there
        await pilot.pause(0.5)
    app.store.close()
    assert file_hash(db_path) == damaged
