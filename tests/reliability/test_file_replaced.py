"""A data file replaced, moved or deleted under a running app (a restore, a sync tool, `rm`,
a deleted -wal file): the app says so and writes nothing to the wrong file."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.config import Settings
from followup.domain.clock import FixedClock
from followup.store import backups, repository
from followup.store.db import Store, StoreError
from followup.store.deferred import DeferredStore
from followup.tui.app import FollowupApp
from followup.tui.screens.form import ConfirmScreen, FormScreen
from tests.tui.conftest import NOW, answer, list_lines, wait_for

T = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _holding(path, *companies):
    store = Store.open(path, create=True)
    for company in companies:
        repository.add_application(store, repository.NewApplication(company, "Role"))
    store.close()


def _companies(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in connection.execute("SELECT company FROM applications"))
    finally:
        connection.close()


def _app(path, tick_seconds: float) -> FollowupApp:
    app = FollowupApp(
        Store.open(path),
        Settings(),
        FixedClock(NOW),
        ZoneInfo("Europe/Berlin"),
        tick_seconds=tick_seconds,
        separate_process=False,
    )
    _opened.append(app.store)
    return app


_opened: list = []


@pytest.fixture(autouse=True)
def _close_stores():
    yield
    while _opened:
        _opened.pop().close()


async def _quick_add(pilot, app, company: str) -> None:
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
    await pilot.press(*company, "tab", *"Role", "enter")


def _form_error(app) -> str:
    return str(app.screen.query_one("#form-error").content)


async def test_a_restore_under_the_open_app_is_noticed_and_nothing_goes_to_the_old_file(
    db_path, cli
):
    _holding(db_path, "Backed up")
    backups.make(db_path, now=T)
    _holding(db_path, "After the backup")
    app = _app(db_path, tick_seconds=0.5)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        restored = cli("doctor", "--restore", "--force", "--yes")
        assert restored.code == 0, restored.err
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause(0.1)
        question = str(app.screen.query_one("#confirm-question").content)
        assert "replaced by another file while followup had it open" in question
        await answer(pilot, yes=False)  # not now: then nothing may be written anywhere

        await _quick_add(pilot, app, "Typed after")
        await wait_for(pilot, lambda: "Not saved" in _form_error(app))
        assert "replaced" in _form_error(app) and "nothing was written" in _form_error(app)
        assert isinstance(app.screen, FormScreen)  # what was typed is still there
    app.store.close()
    aside = next(
        p
        for p in db_path.parent.iterdir()
        if p.name.startswith("followup.db.replaced-") and not p.name.endswith(("-wal", "-shm"))
    )
    assert _companies(db_path) == ["Backed up"]
    assert _companies(aside) == ["After the backup", "Backed up"]


async def test_the_periodic_check_says_so_and_reopens_the_new_file(db_path, tmp_path):
    _holding(db_path, "Old file")
    other = tmp_path / "elsewhere.db"
    _holding(other, "New file 1", "New file 2")
    app = _app(db_path, tick_seconds=0.5)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        os.replace(other, db_path)  # a sync tool puts another copy in place
        for suffix in ("-wal", "-shm"):
            with_suffix = other.with_name(other.name + suffix)
            if with_suffix.exists():
                os.replace(with_suffix, db_path.with_name(db_path.name + suffix))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause(0.1)
        question = str(app.screen.query_one("#confirm-question").content)
        assert "was replaced by another file while followup had it open" in question
        await answer(pilot, yes=True)
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        assert "New file" in list_lines(app)[0]
        await _quick_add(pilot, app, "Added after")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
    app.store.close()
    assert _companies(db_path) == ["Added after", "New file 1", "New file 2"]


async def test_a_deleted_wal_file_is_noticed_before_added_is_said(db_path):
    _holding(db_path, "First")
    app = _app(db_path, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await _quick_add(pilot, app, "Second")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)

        os.unlink(db_path.with_name(db_path.name + "-wal"))
        # Said at once (the file is looked at every second), before anything is written...
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").content)
        assert "journal file" in question
        await answer(pilot, yes=False)
        # ...and a write tried anyway is refused, the form kept: no "Added." for it.
        await _quick_add(pilot, app, "Third")
        await wait_for(pilot, lambda: "Not saved" in _form_error(app))
        assert "journal file" in _form_error(app)
        assert isinstance(app.screen, FormScreen)
    app.store.close()
    assert "Third" not in _companies(db_path)


def test_every_write_refuses_a_file_moved_away(db_path):
    _holding(db_path, "Kept")
    store = Store.open(db_path)
    os.replace(db_path, db_path.with_name("moved.db"))
    with pytest.raises(StoreError, match="moved or deleted"):
        repository.add_application(store, repository.NewApplication("Lost", "Role"))
    store.close()
    assert _companies(db_path.with_name("moved.db")) == ["Kept"]
    assert not db_path.exists()


async def test_an_app_started_before_its_file_exists_shows_what_others_write(db_path, cli):
    app = _app(db_path, tick_seconds=0.5)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1)
        done = cli("add", "Elsewhere", "Role")
        assert done.code == 0, done.err
        await wait_for(pilot, lambda: any("Elsewhere" in line for line in list_lines(app)))
        await _quick_add(pilot, app, "Here")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
    app.store.close()
    assert _companies(db_path) == ["Elsewhere", "Here"]


def test_a_restored_file_takes_writes_at_once(db_path, cli):
    """A backup is kept without a -wal file; the first write after a restore makes one."""
    _holding(db_path, "Backed up")
    backups.make(db_path, now=T)
    assert cli("doctor", "--restore", "--force", "--yes").code == 0
    added = cli("add", "Right after", "Role")
    assert added.code == 0, added.err
    assert _companies(db_path) == ["Backed up", "Right after"]


def test_a_write_on_a_connection_made_after_the_wal_was_deleted_is_refused(db_path):
    """The journal is pinned by the store, not by each connection: one opened afterwards
    (another thread, a bigger pool) would make a new -wal and take it as its own."""
    _holding(db_path, "First")
    store = Store.open(db_path)
    repository.add_application(store, repository.NewApplication("Second", "Role"))
    held = store.engine.connect()  # the pool's connection stays busy: the next one is new
    held.exec_driver_sql("SELECT 1").all()
    os.unlink(db_path.with_name(db_path.name + "-wal"))
    with pytest.raises(StoreError, match="journal file"):
        repository.add_application(store, repository.NewApplication("Third", "Role"))
    held.close()
    store.close()
    assert "Third" not in _companies(db_path)


def test_a_plain_write_refuses_a_file_moved_away(db_path):
    """The command line writes in plain SQL, with the store's own care."""
    _holding(db_path, "Kept")
    store = DeferredStore(db_path)
    os.replace(db_path, db_path.with_name("moved.db"))
    with pytest.raises(StoreError, match="moved or deleted"):
        repository.add_application(store, repository.NewApplication("Lost", "Role"))
    store.close()
    assert _companies(db_path.with_name("moved.db")) == ["Kept"]
    assert not db_path.exists()


def test_a_plain_write_whose_journal_is_deleted_before_it_commits_is_refused(db_path):
    _holding(db_path, "First")
    store = DeferredStore(db_path)
    with pytest.raises(StoreError, match="journal file"), store.driver_write() as connection:
        connection.execute(
            "INSERT INTO applications (company, role, stage, priority, source, url, location, "
            "salary, notes, created_at, updated_at) "
            "VALUES ('Lost', 'Role', 'applied', 3, '', '', '', '', '', '2026-11-01', '2026-11-01')"
        )
        os.unlink(db_path.with_name(db_path.name + "-wal"))
    store.close()
    assert _companies(db_path) == ["First"]
