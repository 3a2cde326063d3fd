"""Before a restore, each side is described truthfully (a damaged file, a readable file that
is not followup's, a healthy one replaced only because of --force, a missing one), and what
would be lost is shown table by table: rows now, rows in the backup, and the backup's time."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from followup.store import backups, repository
from followup.store.db import Store
from tests.reliability.test_damage_and_backups import _filled

T = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _with_a_backup(db_path) -> None:
    """30 applications and one message in the backup; 5 applications and 2 messages more now."""
    _filled(db_path, 30)
    store = Store.open(db_path)
    repository.log_touchpoint(store, 1, kind="follow-up", at=T)
    store.close()
    backups.make(db_path, now=T)
    _filled(db_path, 5)
    store = Store.open(db_path)
    repository.log_touchpoint(store, 2, kind="follow-up", at=T)
    repository.log_touchpoint(store, 3, kind="follow-up", at=T)
    store.close()


def _lines(out: str) -> list[str]:
    return [" ".join(line.split()) for line in out.splitlines()]


def test_a_healthy_file_replaced_by_force_shows_what_it_would_lose(db_path, cli):
    _with_a_backup(db_path)
    done = cli("doctor", "--restore", "--force", "--yes")
    assert done.code == 0, done.err
    said = _lines(done.out)
    assert "now: passes its check (replaced only because of --force)" in said[1]
    assert said[2].startswith("backup: made Sun 01 Nov 2026")
    assert "now backup" in said
    assert "applications 35 30 5 not in the backup" in said
    assert "messages 3 1 2 not in the backup" in said
    assert "Replacing the file loses what is not in the backup: 5 applications, 2 messages." in said
    assert "cannot be read" not in done.out and "DAMAGED" not in done.out


def test_a_readable_file_that_is_not_followups_is_not_called_unreadable(db_path, cli):
    _with_a_backup(db_path)
    for sidecar in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + sidecar).unlink(missing_ok=True)
    other = sqlite3.connect(db_path)
    other.execute("CREATE TABLE notes (text)")
    other.commit()
    other.close()
    done = cli("doctor", "--restore", "--force", "--yes")
    assert done.code == 0, done.err
    said = _lines(done.out)
    assert "now: readable, but not one followup can use:" in said[1]
    assert "not followup's" in said[1]
    assert "The backup holds 30 applications, 1 message." in said
    assert "cannot be read" not in done.out and "DAMAGED" not in done.out


def test_a_missing_file_shows_what_the_backup_brings_back(db_path, cli):
    _with_a_backup(db_path)
    for sidecar in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + sidecar).unlink(missing_ok=True)
    done = cli("doctor", "--restore", "--yes")
    assert done.code == 0, done.err
    said = _lines(done.out)
    assert said[1] == "now: missing"
    assert "The backup holds 30 applications, 1 message." in said
