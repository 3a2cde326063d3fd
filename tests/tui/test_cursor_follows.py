"""The cursor follows the application, not the place: when the first rules pass re-sorts the
list, the row a person was reading (or had just moved to) stays under the cursor."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, timedelta

from followup.store import listing, repository
from followup.store.db import Store
from tests.tui.conftest import NOW, burst, list_lines, screen_text, wait_for
from tests.tui.test_first_frame import _hold_the_rules

COMPANIES = ["Acme", "Bluefin", "Contoso", "Dunder"]


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _stored_in_reverse(db_path) -> None:
    """Four applications; the last pass stored them in reverse order (Dunder first), the
    new pass puts them in the order they were added (Acme first)."""
    store = Store.open(db_path, create=True)
    ids = [
        repository.add_application(
            store, repository.NewApplication(name, "Engineer", applied_on=NOW.date()), now=NOW
        )
        for name in COMPANIES
    ]
    store.close()
    with sqlite3.connect(db_path) as connection:
        for place, ident in enumerate(reversed(ids)):
            connection.execute(
                "UPDATE application_urgency SET rank = 1, sort_at = ?, rule = 'check-in', "
                "state = 'due', message = 'Check in', opens_at = ?, due_by = ?, "
                "evaluated = changed WHERE application_id = ?",
                [
                    _stamp(NOW - timedelta(days=3, hours=-place)),
                    _stamp(NOW - timedelta(days=3)),
                    _stamp(NOW + timedelta(days=1)),
                    ident,
                ],
            )


def _under_cursor(app) -> str:
    """The company of the highlighted row, and the company the details show."""
    rows = app.screen.list
    line = list_lines(app)[rows.cursor]
    details = str(app.screen.query_one("#detail-body").content).split("\n", 1)[0]
    return f"{line.split()[1]} / {details}"


async def test_the_row_being_read_stays_under_the_cursor_when_the_pass_lands(
    make_app, db_path, monkeypatch
):
    _stored_in_reverse(db_path)
    release = _hold_the_rules(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: "Dunder" in screen_text(app).split("What to do")[0])
            assert [line.split()[1] for line in list_lines(app)] == COMPANIES[::-1]
            await wait_for(pilot, lambda: _under_cursor(app) == "Dunder / Dunder", timeout=5)
        finally:
            release.set()
        await wait_for(pilot, lambda: app.ticks >= 1)
        await wait_for(pilot, lambda: list_lines(app)[0].split()[1] == "Acme")
        await pilot.pause(0.2)
        assert _under_cursor(app) == "Dunder / Dunder"


async def test_keys_pressed_while_the_new_order_is_read_land_where_they_were_aimed(
    make_app, db_path, monkeypatch
):
    _stored_in_reverse(db_path)
    release = _hold_the_rules(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: "Dunder" in screen_text(app).split("What to do")[0])
        finally:
            # The list's reading after the pass waits until the keys below are in.
            reading, go_on = threading.Event(), threading.Event()
            count = listing.count

            def held(*args, **kwargs):
                reading.set()
                go_on.wait(30)
                return count(*args, **kwargs)

            monkeypatch.setattr(listing, "count", held)
            release.set()
        try:
            await wait_for(pilot, reading.is_set)
            # Two rows down on the rows shown (Dunder, Contoso, Bluefin, Acme): Bluefin.
            await burst(pilot, "j", "j")
            await wait_for(pilot, lambda: _under_cursor(app).startswith("Bluefin /"))
        finally:
            go_on.set()
        await wait_for(pilot, lambda: list_lines(app)[0].split()[1] == "Acme")
        await pilot.pause(0.3)
        assert _under_cursor(app) == "Bluefin / Bluefin"
        await burst(pilot, "j")  # and on from there, in the new order
        await wait_for(pilot, lambda: _under_cursor(app) == "Contoso / Contoso")
