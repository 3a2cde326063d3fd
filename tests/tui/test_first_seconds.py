"""The first seconds: keys pressed as soon as the rows show are answered at once, while the
store's SQLAlchemy side is still being imported (one to three seconds on a busy machine)."""

from __future__ import annotations

import threading
from datetime import timedelta

from followup.config import Settings
from followup.domain.clock import FixedClock
from followup.store import repository
from followup.store.db import Store
from followup.store.deferred import DeferredStore
from followup.tui.app import FollowupApp
from followup.tui.widgets.detail import ApplicationDetail
from tests.tui.conftest import NOW, ZONE, burst, list_lines, wait_for


class SlowToOpen(DeferredStore):
    """A current file whose SQLAlchemy side opens only when `opened` is set: the import that
    takes seconds at start-up, held for as long as the test needs."""

    def __init__(self, path) -> None:
        super().__init__(path)
        self.opened = threading.Event()

    @property
    def real(self) -> Store:
        self.opened.wait(30)
        return super().real


def _seed(db_path) -> None:
    """Northwind, interviewed yesterday (a thank-you to write), and Bluefin, applied today."""
    store = Store.open(db_path, create=True)
    interviewed = repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=10),
    )
    repository.add_interview(store, interviewed, starts_at=NOW - timedelta(hours=20))
    repository.add_application(
        store,
        repository.NewApplication("Bluefin", "Data Analyst", applied_on=NOW.date()),
        now=NOW,
    )
    store.close()


def _details(app) -> str:
    return app.screen.query_one("#detail-body").render().plain


async def test_details_follow_the_cursor_before_the_store_is_open(db_path, tmp_path):
    _seed(db_path)
    store = SlowToOpen(db_path)
    app = FollowupApp(
        store,
        Settings(your_name="Sam Taylor"),
        FixedClock(NOW),
        ZONE,
        config_path=tmp_path / "c.toml",
        separate_process=False,
    )
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: len(list_lines(app)) == 2)
            first, second = ("Northwind", "Bluefin")
            if "Northwind" not in list_lines(app)[0]:
                first, second = second, first
            await wait_for(pilot, lambda: _details(app).startswith(first))
            await burst(pilot, "down")
            # Read in plain SQL: the details of the row moved to do not wait for SQLAlchemy.
            await wait_for(pilot, lambda: _details(app).startswith(second), timeout=5)
            assert not store.is_open
            await burst(pilot, "up", "down", "up")
            await wait_for(pilot, lambda: _details(app).startswith(first), timeout=5)
            # Once it is open, the row's draft comes (Northwind's thank-you).
            store.opened.set()
            await burst(pilot, "home")
            await wait_for(pilot, lambda: _details(app).startswith("Northwind"))
            await wait_for(pilot, lambda: app.screen.query("#draft"))
            assert "Dear" in app.screen.query_one("#draft").text
            assert app.screen.query_one(ApplicationDetail).display
    finally:
        store.opened.set()
        store.close()


def test_a_cursor_move_redraws_the_two_rows_it_changes_not_the_whole_list(cli, db_path, tmp_path):
    """In a real terminal: a move sent every row of the list again (the cursor's change
    repainted the whole widget), and at 120x40 that was most of what a key cost."""
    import os
    import re
    import select

    from followup.bench.terminal import launch

    made = cli("demo", "--size", "60", "--no-open")
    assert made.code == 0, made
    session = launch(
        ["-m", "followup", "--db", str(db_path)],
        (120, 40),
        env={"FOLLOWUP_CONFIG": str(tmp_path / "config.toml")},
    )

    def written(quiet: float) -> bytes:
        out = b""
        while select.select([session.master], [], [], quiet)[0]:
            out += os.read(session.master, 1 << 16)
        return out

    try:
        session.read_until(b"overdue")
        written(1.5)  # the first rows, the details, the rules pass: settled
        list_rows = []
        for key in (b"j", b"k", b"j"):
            os.write(session.master, key)
            # Rows of the list written at its left edge (row 1 is the header).
            starts = re.findall(rb"\x1b\[(\d+);1H", written(0.5))
            list_rows.append({int(row) for row in starts} - {1})
        assert min(len(rows) for rows in list_rows) <= 2, list_rows
    finally:
        session.close()
