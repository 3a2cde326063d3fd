"""Rolling backups of the data file, and restoring a good one over a file that fails its check.

Backups are made with SQLite's backup API (a consistent copy even while another process
writes), checked with integrity_check after they are written, at most one a day, and only the
newest few are kept. Each data file has its own folder of backups, named after the file's
whole name (`backups/followup.db/20261122T093000Z.db`), so that files sharing a folder (the
demo beside the real one, `a.db` beside `a-b.db`) never see each other's.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from followup.paths import make_private_dir
from followup.store.header import BUSY_TIMEOUT_MS, StoreError, check_file, reason
from followup.store.health import check, quick_check  # noqa: F401  (part of this interface)

STAMP = "%Y%m%dT%H%M%SZ"
_STAMP = r"\d{8}T\d{6}Z"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime


def shared_folder(db: Path) -> Path:
    return db.parent / "backups"


def folder_for(db: Path) -> Path:
    """This data file's own folder of backups."""
    return shared_folder(db) / db.name


def backups(db: Path) -> list[Backup]:
    """This file's backups, newest first.

    Besides its own folder, the shared one is read for backups made before each file had a
    folder (`backups/followup-<stamp>.db`): only the name made from this file's stem followed
    by exactly one stamp, never another file's (`followup-demo-<stamp>.db`).
    """
    found = _stamped(folder_for(db), re.compile(f"({_STAMP})\\.db"))
    found += _stamped(shared_folder(db), re.compile(f"{re.escape(db.stem)}-({_STAMP})\\.db"))
    return sorted(found, key=lambda b: b.made, reverse=True)


def _stamped(folder: Path, pattern: re.Pattern[str]) -> list[Backup]:
    found = []
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:  # no folder yet, or one that cannot be read
        return []
    for name in names:
        matched = pattern.fullmatch(name)
        if matched is None:
            continue
        try:
            made = datetime.strptime(matched.group(1), STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(folder / name, made))
    return found


class BackupError(StoreError):
    """No backup could be made (the data file itself is untouched); says why in one line."""


def why_not(error: BaseException) -> str:
    """Why a file could not be made, in a person's words."""
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return "the disk is full"
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "the folder is read-only or not yours"
        if error.errno in (errno.EEXIST, errno.ENOTDIR):
            return "a file is where its folder should be"
        return error.strerror or str(error)
    text = reason(error)
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if any(word in text for word in ("readonly", "read-only", "unable to open")):
        return "the folder is read-only or not yours"
    return text


def problem(db: Path) -> str | None:
    """Why no backup of `db` can be made now, or None; looks without making anything."""
    folder = folder_for(db)
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file where the backups folder should be"
    try:
        # The truest test: make a file where the backup would go, and take it away again.
        fd, name = tempfile.mkstemp(dir=existing, prefix=".followup-probe-")
        os.close(fd)
        os.unlink(name)
    except OSError as error:
        return f"{existing}: {why_not(error)}"
    return None


def make(db: Path, *, now: datetime | None = None) -> Backup:
    """A new backup of `db`, checked; a copy that fails its check is removed and reported.

    BackupError when it cannot be made (a read-only or full disk, a file named like the
    folder): nothing half-made is left behind.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    folder = folder_for(db)
    target = folder / f"{moment:{STAMP}}.db"
    partial = folder / f".{moment:{STAMP}}.partial"
    try:
        make_private_dir(folder)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        source = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
            source.close()
    except (OSError, sqlite3.Error) as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        shown = problem(db) or f"{folder}: {why_not(error)}"
        raise BackupError(f"no backup could be made: {shown}") from None
    verdict = check(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup of {db} failed its check ({verdict}); none was kept")
    try:
        os.replace(partial, target)
    except OSError as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BackupError(f"no backup could be made: {folder}: {why_not(error)}") from None
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
        with suppress(OSError):  # one left over is no harm; the next rotation tries again
            old.path.unlink(missing_ok=True)
    return made


def newest_good(db: Path) -> Backup | None:
    return next((b for b in backups(db) if check(b.path) == "ok"), None)


def restore(
    db: Path, good: Backup, *, now: datetime | None = None, aside_as: str = "damaged"
) -> Path | None:
    """Put the file at `db` aside under a clear name (`followup.db.damaged-<time>`) and copy
    the backup `good` in.

    Returns where the replaced file went (None when there was none). Nothing is deleted:
    the file and its -wal and -shm files are renamed, together.
    """
    if check(good.path) != "ok":
        raise StoreError(f"the backup {good.path} failed its check; nothing was changed")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    aside = db.with_name(f"{db.name}.{aside_as}-{moment:{STAMP}}")
    temporary = db.with_name(f".{db.name}.restoring")
    try:
        shutil.copyfile(good.path, temporary)
        os.chmod(temporary, 0o600)
        moved = None
        if db.exists():
            os.replace(db, aside)
            moved = aside
        for suffix in ("-wal", "-shm"):
            sidecar = db.with_name(db.name + suffix)
            if sidecar.exists():
                os.replace(sidecar, aside.with_name(aside.name + suffix))
        os.replace(temporary, db)
    except PermissionError:
        raise StoreError(
            f"cannot restore into {db.parent}: permission denied; nothing was changed"
        ) from None
    except OSError as error:
        raise StoreError(f"cannot restore into {db.parent}: {error.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)
    check_file(db)
    return moved
