"""Files: private modes; a read-only folder and a full disk give one clear message and lose
nothing already saved.
"""

from __future__ import annotations

import shutil
import stat
import subprocess

import pytest
from sqlalchemy import event

from followup.store import repository
from followup.store.db import Store


def test_database_exports_and_their_folders_are_private(cli, tmp_path, db_path):
    assert cli("add", "A", "B").code == 0
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    for table in ("applications", "touchpoints"):
        target = tmp_path / "new-folder" / f"{table}.csv"
        assert cli("export", str(target), "--table", table).code == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    calendar = tmp_path / "cal" / "f.ics"
    assert cli("calendar", str(calendar)).code == 0
    assert stat.S_IMODE(calendar.stat().st_mode) == 0o600


def _immutable(path, on: bool) -> bool:
    """chattr +i: read-only even for root, who ignores file modes."""
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return done.returncode == 0


def test_a_read_only_folder_gives_a_clear_message_and_loses_nothing(tmp_path, cli):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "followup.db"
    store = Store.open(db, create=True)
    repository.add_application(store, repository.NewApplication("Saved", "Before"))
    store.close()
    before = db.read_bytes()
    if not (_immutable(db, True) and _immutable(folder, True)):
        _immutable(db, False)
        pytest.skip("this file system cannot make a file read-only for root")
    try:
        added = cli("add", "New", "After", db=db)
        listed = cli("list", "--json", db=db)
    finally:
        _immutable(folder, False)
        _immutable(db, False)
    assert added.code == 1, added
    assert "read-only" in added.err and added.err.count("\n") == 1
    assert "Traceback" not in added.err
    assert db.read_bytes() == before
    assert listed.code in (0, 1) and "Traceback" not in listed.err
    assert [a["company"] for a in repository.list_applications(Store.open(db))] == ["Saved"]


def test_a_full_disk_gives_a_clear_message_and_loses_nothing(tmp_path, monkeypatch):
    db = tmp_path / "full.db"
    store = Store.open(db, create=True)
    repository.add_application(store, repository.NewApplication("Saved", "Before"))
    pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
    store.close()

    from followup.store import db as db_module

    real = db_module.sqlite_engine

    def cramped(path, *, memory=False):
        engine = real(path, memory=memory)

        @event.listens_for(engine, "connect")
        def _limit(dbapi_connection, _record):
            # SQLite's own "database or disk is full": no page beyond what the file has.
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(db_module, "sqlite_engine", cramped)
    # The command line writes to a current file in plain SQL: that connection is cramped too.
    from followup.store import deferred

    real_writer = deferred.plain_writer

    def cramped_writer(path):
        connection = real_writer(path)
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(deferred, "plain_writer", cramped_writer)
    from followup.cli import main

    big = "y" * 200_000
    code = main(["--db", str(db), "add", "Too", "Big", "--notes", big])
    assert code == 1
    monkeypatch.setattr(db_module, "sqlite_engine", real)
    reopened = Store.open(db)
    assert [a["company"] for a in repository.list_applications(reopened)] == ["Saved"]
    assert reopened.integrity_check() == "ok"


def test_full_disk_message(capsys, tmp_path, monkeypatch):
    test_a_full_disk_gives_a_clear_message_and_loses_nothing(tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert "the disk is full" in err and err.count("\n") == 1
