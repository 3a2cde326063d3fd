"""Backups, damage and failed migrations: detected, reported, and nothing lost."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest

from followup.store import backups, repository
from followup.store.db import REVISIONS, Store, StoreError, file_version
from tests.conftest import file_hash
from tests.store.test_storage import _version_one_file
from tests.tui.conftest import answer

T = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _filled(path, n=30):
    store = Store.open(path, create=True)
    for i in range(n):
        repository.add_application(store, repository.NewApplication(f"Company {i}", "Role"))
    store.close()


def _damage(path):
    """Random bytes over a page in the middle of the file."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(os.urandom(4096))


def test_rolling_backups_one_a_day_checked_and_only_the_newest_kept(db_path):
    _filled(db_path)
    made = [
        backups.rotate(db_path, keep=3, now=T + timedelta(hours=h)) for h in range(0, 24 * 5, 6)
    ]
    kept = backups.backups(db_path)
    assert sum(1 for m in made if m is not None) == 5  # one a day, not one a call
    assert len(kept) == 3
    assert kept[0].made == T + timedelta(days=4)
    for backup in kept:
        assert backups.check(backup.path) == "ok"
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.folder_for(db_path).stat().st_mode) == 0o700


def test_a_damaged_file_is_detected_kept_aside_and_restored(db_path, cli):
    _filled(db_path)
    backups.make(db_path, now=T)
    _filled(db_path, 5)  # five more after the backup
    _damage(db_path)
    assert backups.quick_check(db_path) != "ok"
    doctor = cli("doctor")
    assert doctor.code == 1 and "DAMAGED" in doctor.out and "--restore" in doctor.out
    assert "backups:        1 in" in doctor.out  # what there is to restore from, said
    listed = cli("list")
    assert listed.code in (0, 1) and "Traceback" not in listed.err
    damaged_hash = file_hash(db_path)

    restored = cli("doctor", "--restore", "--yes")
    assert restored.code == 0, restored.err
    aside = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name and p.suffix != ".db-wal"]
    assert len(aside) == 1 and file_hash(aside[0]) == damaged_hash
    assert backups.quick_check(db_path) == "ok"
    store = Store.open(db_path)
    assert len(repository.list_applications(store)) == 30


def test_restore_without_a_good_backup_says_so(db_path, cli):
    _filled(db_path)
    _damage(db_path)
    before = file_hash(db_path)
    result = cli("doctor", "--restore", "--yes")
    assert result.code == 1 and "no good backup" in result.err
    assert file_hash(db_path) == before


def test_a_migration_failing_half_way_changes_nothing(db_path, monkeypatch):
    _version_one_file(db_path)
    from followup.store import migrate

    real = migrate.upgrade

    def failing(path, revision="head"):
        # Apply the real migration, then fail inside the same transaction.
        from alembic import op

        original = op.create_index
        calls = {"n": 0}

        def create_index(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("power cut")
            return original(*args, **kwargs)

        monkeypatch.setattr(op, "create_index", create_index)
        return real(path, revision)

    monkeypatch.setattr(migrate, "upgrade", failing)
    with pytest.raises(StoreError, match="rolled back"):
        Store.open(db_path)
    assert file_version(db_path) == REVISIONS[0]
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT company FROM applications").fetchall() == [
        ("Zürich Bänk 🏦",)
    ]
    indexes = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
    ).fetchall()
    assert indexes == []
    connection.close()


async def test_the_app_notices_damage_and_offers_the_newest_backup(db_path):
    from zoneinfo import ZoneInfo

    from followup.config import Settings
    from followup.domain.clock import FixedClock
    from followup.tui.app import FollowupApp
    from followup.tui.screens.form import ConfirmScreen

    _filled(db_path, 200)
    backups.make(db_path, now=T)
    _damage(db_path)
    damaged = file_hash(db_path)
    zone = ZoneInfo("Europe/Berlin")
    app = FollowupApp(Store.open(db_path), Settings(), FixedClock(T), zone, separate_process=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmScreen):
                break
        await pilot.pause(0.1)  # the dialog is pushed; let it be built
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").content)
        assert "damaged" in question
        # Both sides, before anything is replaced: what the backup holds, and when it was made.
        assert "Sun 01 Nov 2026 10:00" in question
        rows = [" ".join(line.split()) for line in question.splitlines()]
        assert "now backup" in rows and any(r.startswith("applications ") for r in rows)
        assert rows[rows.index("now backup") + 1].split()[2] == "200"  # the backup's
        await answer(pilot, yes=True)
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    aside = [
        p
        for p in db_path.parent.iterdir()
        if p.name.startswith("followup.db.damaged-") and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1 and file_hash(aside[0]) == damaged
    assert backups.quick_check(db_path) == "ok"
    assert len(repository.list_applications(Store.open(db_path))) == 200
