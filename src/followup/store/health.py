"""The state of a data file or a backup, told apart: fine, missing, damaged, or out of reach
(permissions), and what it holds, in words a person can compare before a restore."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from followup.store.header import BUSY_TIMEOUT_MS, StoreRefused, check_file, reason

# What a person counts their search in, in the order they would read it.
HOLDINGS = (
    ("applications", "application"),
    ("interviews", "interview"),
    ("touchpoints", "message"),
    ("contacts", "contact"),
)


@dataclass(frozen=True)
class Health:
    # "ok", "missing", "damaged", "refused" (not a followup file: another program's, or a
    # newer one) or "unusable" (out of reach: permissions)
    state: str
    detail: str = ""

    @property
    def fails(self) -> bool:
        """Whether a restore may replace the file without being told to."""
        return self.state in ("missing", "damaged")


def _out_of_reach(text: str) -> bool:
    # SQLite needs to write its -wal and -shm files beside the data file, even to read it.
    return any(words in text for words in ("unable to open", "readonly", "read-only", "permission"))


def diagnose(path: Path, *, open_here: bool = False) -> Health:
    """A quick look at the whole file: its header, then SQLite's quick_check.

    `open_here`: this process has the file open through SQLite (the app). Its header is then
    not read with a plain file handle: closing any handle on a database file drops every
    POSIX lock the process holds on it, SQLite's included, and another writer could then
    corrupt the file. The store checked the header when it opened the file.
    """
    if not path.exists():
        return Health("missing", "there is no file at this path")
    try:
        if not open_here:
            check_file(path)
    except StoreRefused as refused:
        return Health("refused", str(refused))
    except OSError as error:
        return Health("unusable", f"it cannot be read: {error.strerror}")
    except Exception as error:  # StoreError: permission denied, or another OS error
        return Health("unusable", str(error))
    verdict = quick_check(path)
    if verdict == "ok":
        return Health("ok")
    if _out_of_reach(verdict):
        return Health(
            "unusable",
            "the file or its folder is read-only or not yours (SQLite writes beside the file, "
            "even to read it); nothing is wrong with the data as far as can be seen. "
            "Give yourself write permission on both and run this again",
        )
    return Health("damaged", verdict)


def quick_check(path: Path) -> str:
    """'ok', or what SQLite's quick check says is wrong (fit for a terminal)."""
    try:
        connection = sqlite3.connect(_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return reason(error)
    return "ok" if rows == ["ok"] else reason(Exception("; ".join(rows[:3])))


def check(path: Path) -> str:
    """'ok', or what SQLite's full integrity check says is wrong, reading only."""
    try:
        connection = sqlite3.connect(_uri(path, "ro"), uri=True)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return reason(error)
    return "ok" if rows == ["ok"] else reason(Exception("; ".join(rows[:3])))


def holdings(path: Path) -> str:
    """'30 applications, 4 interviews, 12 messages, 3 contacts', or why that cannot be said."""
    try:
        # Not `mode=ro`: beside the app's own connections it would keep WAL bookkeeping apart.
        connection = sqlite3.connect(_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            connection.execute("PRAGMA query_only = 1")
            counts = [
                (connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0], noun)
                for table, noun in HOLDINGS
            ]
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return f"cannot be read ({reason(error)})"
    return ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts)


def last_written(path: Path) -> datetime | None:
    """When the file (or its journal, which takes the latest writes) last changed."""
    times = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            times.append(candidate.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(times), UTC) if times else None


def _uri(path: Path, mode: str = "rw") -> str:
    # As a URI so that a name holding `?`, `#` or `%` is the file it names.
    return f"{path.resolve().as_uri()}?mode={mode}"
