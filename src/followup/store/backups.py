"""Rolling backups of the data file, and restoring the newest good one over a damaged file.

Backups are made with SQLite's backup API (a consistent copy even while another process
writes), checked with integrity_check after they are written, at most one a day, and only the
newest few are kept.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from followup.paths import make_private_dir
from followup.store.db import BUSY_TIMEOUT_MS, StoreError, check_file

STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime


def folder_for(db: Path) -> Path:
    return db.parent / "backups"


def backups(db: Path) -> list[Backup]:
    """This file's backups, newest first."""
    folder = folder_for(db)
    found = []
    if folder.is_dir():
        for path in folder.glob(f"{db.stem}-*.db"):
            try:
                made = datetime.strptime(path.stem.rsplit("-", 1)[1], STAMP).replace(tzinfo=UTC)
            except ValueError:
                continue
            found.append(Backup(path, made))
    return sorted(found, key=lambda b: b.made, reverse=True)


def check(path: Path) -> str:
    """'ok', or what SQLite's integrity check says is wrong."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return "ok" if rows == ["ok"] else "; ".join(rows[:3])


def quick_check(path: Path) -> str:
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return "ok" if rows == ["ok"] else "; ".join(rows[:3])


def make(db: Path, *, now: datetime | None = None) -> Backup:
    """A new backup of `db`, checked; a copy that fails its check is removed and reported."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    folder = folder_for(db)
    make_private_dir(folder)
    target = folder / f"{db.stem}-{moment:{STAMP}}.db"
    partial = target.with_suffix(".partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    source = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
        source.close()
    verdict = check(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise StoreError(f"the backup of {db} failed its check ({verdict}); none was kept")
    os.replace(partial, target)
    return Backup(target, moment)


def rotate(db: Path, *, keep: int, now: datetime | None = None) -> Backup | None:
    """Make a backup if the newest is a day old or more; keep only the newest `keep`."""
    if keep <= 0 or not db.exists():
        return None
    moment = now or datetime.now(UTC)
    existing = backups(db)
    made = None
    if not existing or moment - existing[0].made >= timedelta(days=1):
        made = make(db, now=moment)
        existing = backups(db)
    for old in existing[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def restore(db: Path, *, now: datetime | None = None) -> tuple[Path, Backup]:
    """Put the damaged file aside under a clear name and copy the newest good backup in.

    Returns where the damaged file went and the backup used.
    """
    good = next((b for b in backups(db) if check(b.path) == "ok"), None)
    if good is None:
        raise StoreError(f"no good backup of {db} was found in {folder_for(db)}")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    aside = db.with_name(f"{db.name}.damaged-{moment:{STAMP}}")
    if db.exists():
        os.replace(db, aside)
    for suffix in ("-wal", "-shm"):
        sidecar = db.with_name(db.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, aside.with_name(aside.name + suffix))
    temporary = db.with_name(f".{db.name}.restoring")
    shutil.copyfile(good.path, temporary)
    os.chmod(temporary, 0o600)
    os.replace(temporary, db)
    check_file(db)
    return aside, good
