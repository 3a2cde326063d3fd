"""A quit while another program holds the database's write lock ends at once, whatever the
busy timeout: what could not be saved is kept in the unsaved file, and one line says where.
The other program still holds the lock when the app has ended.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from tests.reliability.test_busy_database import (  # noqa: F401  (fixtures used by name)
    _typing_in_the_draft,
    holders,
)
from tests.tui.conftest import NOW
from tests.tui.test_app import _seed


@pytest.fixture
def long_busy_timeout(monkeypatch):
    """A minute: a quit that waited for the lock would plainly outlast the test's patience,
    whatever the load on the machine."""
    from followup.store import db, header

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 60_000)
    monkeypatch.setattr(header, "BUSY_TIMEOUT_MS", 60_000)


async def test_a_quit_under_a_held_lock_ends_without_waiting_for_it_and_keeps_the_draft(
    make_app,
    db_path,
    long_busy_timeout,
    holders,  # noqa: F811
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    async with app.run_test(size=(100, 30)) as pilot:
        await _typing_in_the_draft(app, pilot, interviewed)
        holder = holders(db_path)
        await pilot.press(*"Kept under a lock.")
        await pilot.press("escape")
        # Not awaited: pressing a key returns only once its action is over.
        quitting = asyncio.ensure_future(pilot.press("q"))
        deadline = time.monotonic() + 20  # a third of the busy timeout the write waits out
        while app.is_running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert not app.is_running, "the quit waited for the other program's lock"
        await quitting
        assert holder.process.poll() is None  # the lock is still held: the quit did not wait
    assert app.return_code == 1  # not "all was well"
    kept = sorted(db_path.parent.glob("followup.db.unsaved-*.txt"))
    assert len(kept) == 1
    assert app.farewell == (
        f"followup: 1 thing not saved in the database; what you typed is in {kept[0]}"
    )
    text = kept[0].read_text()
    assert text.count("Kept under a lock.") == 1
    assert "1. The thank-you draft for Northwind" in text
