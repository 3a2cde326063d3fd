"""What can be known about a data file with the standard library alone: whether it is ours,
which schema revision it has, and a plain read-only connection when it is current.

A command that only reads (export) starts from here, so it need not wait for SQLAlchemy to
import; anything else goes through `followup.store.db`.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from followup.domain.text import clip, visible

# PRAGMA application_id marks a file as ours in its header ("FUP1").
APPLICATION_ID = 0x46555031
# The schema revisions this followup knows, oldest first; the last is the one it writes.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD = REVISIONS[-1]
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The data file cannot be used. The message is one line a person can act on."""


class StoreRefused(StoreError):
    """The file is not one this followup may open; it was left untouched."""


class StoreDamaged(StoreError):
    """The file fails its check, so a command refuses to write to it; the message points
    at doctor."""


def reason(error: BaseException) -> str:
    """What SQLite said went wrong, fit for a terminal.

    A damaged file's bytes can reach the message (a table name or token from a broken
    schema), and bytes that are not UTF-8 make the driver fail to build the message at all.
    """
    if isinstance(error, UnicodeDecodeError):
        return "its schema holds unreadable bytes"
    text = str(getattr(error, "orig", None) or error)
    if text.startswith("malformed database schema"):
        text = text.split(" - ", 1)[0]  # the rest quotes the broken bytes
    return clip(visible(text), 160)


def describe(error: BaseException) -> str:
    """Any failure met while using the store, in one line fit for a person's screen."""
    if isinstance(error, StoreError):
        return visible(str(error))
    if isinstance(error, sqlite3.Error | UnicodeDecodeError) or hasattr(error, "orig"):
        said = reason(error)
        if "malformed" in said or "not a database" in said:
            # SQLite's words mean nothing to a person: `followup doctor` still shows them.
            return "the data file is damaged: part of it cannot be read (`followup doctor`)"
        if "readonly" in said or "read-only" in said:
            return "the data file or its folder is read-only: give yourself write permission"
        return said
    return visible(f"{type(error).__name__}: {error}")


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now (device and inode), or None when nothing is."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def what_became_of(path: Path, opened: tuple[int, int] | None) -> str | None:
    """What happened to the file opened as `opened`, if `path` no longer leads to it: one
    stat, no database opened (cheap enough to ask every second)."""
    if opened is None:
        return None
    now = identity(path)
    if now == opened:
        return None
    if now is None:
        return f"{path} was moved or deleted while followup had it open"
    return f"{path} was replaced by another file while followup had it open"


def written_mark(path: Path) -> tuple[int, int, int, int] | None:
    """When the file and its write-ahead log were last written, and their sizes: two stats,
    no database opened, so it can be asked every second. A commit by anyone changes it."""
    try:
        data = os.stat(path)
    except OSError:
        return None
    try:
        log = os.stat(f"{path}-wal")
        logged = (log.st_mtime_ns, log.st_size)
    except OSError:
        logged = (0, 0)
    return (data.st_mtime_ns, data.st_size, *logged)


def facts_mark(path: Path) -> tuple[object, ...] | None:
    """What a person would see change in the list: the rules clock (any fact of any
    application, see `followup.store.staleness`), how many applications there are and their
    newest edit (a deletion, a note). Equal marks: nothing the list shows was written. None
    when the file cannot be read now (busy, damaged): nothing is concluded from it."""
    try:
        connection = plain_connection(path)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        connection.execute("PRAGMA busy_timeout = 200")
        clock = connection.execute("SELECT value FROM rules_clock WHERE id = 1").fetchone()
        count, newest = connection.execute(
            "SELECT count(*), max(updated_at) FROM applications"
        ).fetchone()
        return (clock[0] if clock else None, count, newest)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        connection.close()


# Handles kept open on the files whose header was read, one per file (device and inode).
# Closing any handle on a database file drops every POSIX lock this process holds on it,
# SQLite's own included; another process could then take the file as unused and delete its
# journal, or write over pages this process is still using. So a handle, once opened here,
# is never closed: a few descriptors for the life of the process.
_HEADS: dict[tuple[int, int], int] = {}


def _read_head(path: Path) -> bytes:
    found = os.stat(path)
    key = (found.st_dev, found.st_ino)
    fd = _HEADS.get(key)
    if fd is None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        opened = os.fstat(fd)
        key = (opened.st_dev, opened.st_ino)
        if key in _HEADS:  # the same file, reached again: keep the first handle only...
            other, fd = fd, _HEADS[key]
            # ...and this one may not be closed either (it shares the locks): keep it too.
            _HEADS[(opened.st_dev, -other)] = other
        else:
            _HEADS[key] = fd
    return os.pread(fd, 100, 0)


def check_file(path: Path) -> None:
    """Refuse a file that is not a followup database, reading only its header."""
    try:
        size = path.stat().st_size
        header = _read_head(path)
    except PermissionError:
        raise StoreError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from None
    if size == 0:
        raise StoreRefused(f"{path} is an empty file, not a followup database; left untouched")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StoreRefused(f"{path} is not a followup database (not SQLite); left untouched")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreRefused(
            f"{path} is another program's SQLite database, not followup's; left untouched"
        )


def plain_connection(path: Path, *, threads: bool = False) -> sqlite3.Connection:
    """A connection of the standard library that reads an existing file and never writes.

    Opened read-write (`mode=ro` would keep WAL bookkeeping apart from the other connections
    in this process and can make theirs fail) but refusing every change (`query_only`).
    """
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=not threads,
    )
    connection.isolation_level = None  # transactions are begun explicitly
    connection.execute("PRAGMA query_only = 1")
    return connection


def keep_private(path: Path) -> None:
    """A data file readable by others (copied in, say) is made its owner's alone again. Only
    the others' bits are taken away: a file its owner made read-only stays read-only."""
    with suppress(OSError):
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)
        if not os.access(path, os.W_OK):
            return
        # SQLite makes the -wal and -shm files with the data file's mode: read while it was
        # read-only, it left them read-only, and every write was refused as "read-only" long
        # after the person made the file writable again.
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            with suppress(OSError):
                if sidecar.stat().st_uid == os.geteuid() and not os.access(sidecar, os.W_OK):
                    sidecar.chmod(mode & 0o700)


def plain_writer(path: Path) -> sqlite3.Connection:
    """A connection of the standard library for one short write to an existing file, set up
    as the store's own are (WAL, synchronous=FULL, foreign keys on, the busy timeout)."""
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    connection.isolation_level = None  # transactions are begun explicitly
    try:
        for pragma in (
            f"busy_timeout = {BUSY_TIMEOUT_MS}",
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
        ):
            connection.execute(f"PRAGMA {pragma}")
    except BaseException:
        connection.close()
        raise
    return connection


def reader(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a current followup file, or None (missing, older or newer
    schema, anything odd): the caller then opens it through `Store`, which says what is wrong."""
    try:
        check_file(path)
        connection = plain_connection(path)
    except (StoreError, sqlite3.Error, OSError, ValueError):
        return None
    try:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if version != [(HEAD,)]:
            connection.close()
            return None
    except (sqlite3.Error, ValueError):  # a damaged schema's bytes fail even to be decoded
        connection.close()
        return None
    return connection
