"""The state of a data file or a backup, told apart: fine, missing, damaged, or out of reach
(permissions), and what it holds, in words a person can compare before a restore."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from followup.store.header import BUSY_TIMEOUT_MS, StoreRefused, check_file, reason


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


# Up to this size (about 25,000 applications) a command that writes reads the whole file
# first (a fraction of a second); a bigger file gets the light look (header and schema), and
# damage elsewhere is met by SQLite itself when a write reaches it (the write is then undone,
# and said). A full check before every `add` at 100,000 applications took seconds.
WHOLE_CHECK_BYTES = 32 * 1024 * 1024


def diagnose(path: Path, *, open_here: bool = False, light_over: int | None = None) -> Health:
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
    light = light_over is not None and path.stat().st_size > light_over
    verdict = quick_check(path, light=light)
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


def in_words(verdict: str) -> str:
    """What a check found, in a person's words (SQLite's are kept for `followup doctor`)."""
    if "malformed" in verdict or "not a database" in verdict or "corrupt" in verdict:
        return "part of it cannot be read"
    return verdict


def quick_check(path: Path, *, light: bool = False) -> str:
    """'ok', or what SQLite's quick check says is wrong (fit for a terminal). `light`: only
    the schema is read (see WHOLE_CHECK_BYTES)."""
    try:
        connection = sqlite3.connect(_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            if light:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
                return "ok"
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


# Every table a person's work is kept in, by the name a person counts it in.
TABLES = (
    ("applications", "applications"),
    ("interviews", "interviews"),
    ("touchpoints", "messages"),
    ("contacts", "contacts"),
    ("reference_people", "references"),
    ("drafts", "drafts"),
    ("snoozes", "snoozed actions"),
)


@dataclass(frozen=True)
class Counts:
    """How many rows each table holds (None: that table cannot be read), or why none of
    them can be counted."""

    rows: dict[str, int | None]
    problem: str | None = None
    # Of a damaged file, counted on what can be read: per table hurt, how many rows could
    # not be read (None: some, how many is not known).
    unread: dict[str, int | None] = field(default_factory=dict)


def counts(path: Path) -> Counts:
    """Rows per table, each counted on its own: damage in one table leaves the others
    readable, and a file that is not followup's says so rather than "cannot be read"."""
    try:
        connection = sqlite3.connect(_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        return Counts({}, f"it cannot be opened ({reason(error)})")
    rows: dict[str, int | None] = {}
    missing = 0
    try:
        connection.execute("PRAGMA query_only = 1")
        for table, _words in TABLES:
            try:
                rows[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except (sqlite3.Error, UnicodeDecodeError) as error:
                rows[table] = None
                missing += "no such table" in str(error)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return Counts({}, f"it cannot be read ({reason(error)})")
    finally:
        connection.close()
    if missing == len(TABLES):
        return Counts({}, "it holds none of followup's tables")
    return Counts(rows)


def comparison(now: Counts | None, backup: Counts) -> list[str]:
    """Both sides, table by table, and what replacing the file with the backup would lose.
    `now` is None for a file that is missing or not followup's: only the backup is told."""
    if backup.problem:
        return [f"The backup: {backup.problem}."]
    if now is None or now.problem:
        held = [_many(backup.rows[table], words) for table, words in TABLES if backup.rows[table]]
        lines = [f"The backup holds {', '.join(held) or 'nothing yet'}."]
        return lines + ([f"The file now: {now.problem}."] if now is not None else [])
    # Narrow enough for the app's dialog at 80 columns.
    lines = [f"{'':<16}{'now':>7}{'backup':>8}"]
    lost: list[str] = []
    for table, words in TABLES:
        here, there = now.rows[table], backup.rows[table]
        if table != "applications" and here == 0 and there == 0:
            continue  # empty on both sides
        note = ""
        if here is None:
            note = "cannot be read now"
        elif table in now.unread:
            unread = now.unread[table]
            note = f"{'some' if unread is None else unread} more cannot be read"
        elif there is not None and here > there:
            note = f"{here - there} not in the backup"
            lost.append(_many(here - there, words))
        lines.append(f"{words:<16}{_count(here):>7}{_count(there):>8}  {note}".rstrip())
    if now.unread:
        lines.append("'now' counts what can still be read of the damaged file.")
    if lost:
        lines.append("Replacing the file loses what is not in the backup: " + ", ".join(lost) + ".")
    return lines


def _many(count: int, words: str) -> str:
    return f"{count} {words if count != 1 else words[:-1]}"


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


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
