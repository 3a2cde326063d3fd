"""The data file is looked at every second (a stat, no database opened): a file made by
another program after the app started shows at once, and a file moved, deleted or replaced
under the app is said in the header and asked about at once, not at the next rules pass
(here an hour away)."""

from __future__ import annotations

import os
import sqlite3

from followup.tui.screens.form import ConfirmScreen
from followup.tui.widgets.counts import CountsBar
from tests.reliability.test_file_replaced import _app, _holding
from tests.tui.conftest import answer, list_lines, wait_for

AN_HOUR = 3600


def _header(app) -> str:
    return app.screen_stack[0].query_one(CountsBar).render().plain


async def test_an_app_started_before_its_file_exists_shows_it_without_waiting_for_the_rules(
    db_path, cli
):
    app = _app(db_path, tick_seconds=AN_HOUR)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1)
        done = cli("add", "Elsewhere", "Role")
        assert done.code == 0, done.err
        await wait_for(pilot, lambda: any("Elsewhere" in line for line in list_lines(app)))


async def test_a_file_moved_away_is_said_in_the_header_at_once_and_again_if_it_comes_back(
    db_path,
):
    _holding(db_path, "Kept")
    app = _app(db_path, tick_seconds=AN_HOUR)
    aside = db_path.with_name("aside.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1 and len(list_lines(app)) == 1)
        os.replace(db_path, aside)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "data file moved or deleted: nothing is saved" in _header(app)
        await answer(pilot, yes=False)
        await pilot.pause(1.5)
        assert "nothing is saved" in _header(app)  # still so: still said
        os.replace(aside, db_path)
        await wait_for(pilot, lambda: "nothing is saved" not in _header(app))
        os.replace(db_path, aside)  # and once more: told again
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "nothing is saved" in _header(app)


async def test_what_another_program_writes_shows_without_a_key_and_without_waiting_for_the_tick(
    db_path, cli
):
    """A shell command or a second app writes: the list shows it within a second or two, with
    the next rules pass an hour away and no key pressed."""
    _holding(db_path, "Initech", "Hooli")
    app = _app(db_path, tick_seconds=AN_HOUR)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1 and len(list_lines(app)) == 2)
        done = cli("add", "Elsewhere", "Role")
        assert done.code == 0, done.err
        await wait_for(pilot, lambda: any("Elsewhere" in line for line in list_lines(app)))
        # A change to an application the list already shows: closed elsewhere, it leaves the
        # list of open applications.
        done = cli("stage", "Hooli", "withdrawn")
        assert done.code == 0, done.err
        await wait_for(pilot, lambda: not any("Hooli" in line for line in list_lines(app)))
        # A deletion by another tool altogether.
        connection = sqlite3.connect(db_path)
        with connection:
            connection.execute("DELETE FROM applications WHERE company = 'Initech'")
        connection.close()
        await wait_for(pilot, lambda: not any("Initech" in line for line in list_lines(app)))
        assert [line for line in list_lines(app) if "Elsewhere" in line]
