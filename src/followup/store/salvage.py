"""What can still be read of a damaged data file, copied row by row into a new file, so that
the commands that only read (list, show, export...) work on it as far as its rows allow.

Rows are copied by ranges of their row ids; a range that meets a damaged page is split in
two until what fails is as small as it can be, so one damaged page costs only its own rows.
The damaged file is opened read-only and never written.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from followup.store.db import create_database
from followup.store.header import StoreError, reason
from followup.store.health import TABLES, Counts, counts

# The failed reads one table may cost before the rest of it is given up: a damaged page high
# in a big table's tree fails every range under it, down to single rows.
FAILURES_PER_TABLE = 2000
_LARGEST = 2**62


@dataclass
class Salvaged:
    path: Path
    # Per table, the ranges of row ids whose reads met the damage: a row there may exist, it
    # cannot be read. None of them: every row of that table was copied.
    lost: dict[str, list[tuple[int, int]]]
    # Per table, how many rows could not be read, when the file still says how many it holds
    # (an index can count the rows of a damaged table); None when it cannot.
    unread: dict[str, int | None] = field(default_factory=dict)

    def said(self) -> str:
        hurt = [_unread(self.unread.get(table), table) for table, lost in self.lost.items() if lost]
        if not hurt:
            return "every row could still be read"
        return ", ".join(hurt) + " could not be read"

    def may_hold(self, table: str, rowid: int) -> bool:
        """Whether the row `rowid` of `table` may be in the damaged part: it cannot be said
        not to exist."""
        return any(low <= rowid <= high for low, high in self.lost.get(table, ()))

    def unread_words(self, table: str) -> str:
        """How many rows of `table` could not be read, in words ("18 applications")."""
        return _unread(self.unread.get(table), table)


def _unread(count: int | None, table: str) -> str:
    words = dict(TABLES).get(table, table)
    if count is None:
        return f"some {words}"
    return f"{count} {words if count != 1 else words[:-1]}"


def salvage(damaged: Path, into: Path) -> Salvaged:
    """A new data file at `into` holding every row of `damaged` that can be read."""
    create_database(into)
    connection = sqlite3.connect(into, isolation_level=None)
    try:
        try:
            # Read-only, SQLite still makes the -wal and -shm files, and cannot take them
            # away again: without a -wal (nothing more to read there, nobody writing it), the
            # file is read as it lies, and nothing is left beside it.
            wal = damaged.with_name(damaged.name + "-wal")
            uri = f"{damaged.resolve().as_uri()}?mode=ro" + ("" if wal.exists() else "&immutable=1")
            connection.execute("ATTACH DATABASE ? AS old", (uri,))
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
                )
            ]
        except (sqlite3.Error, UnicodeDecodeError) as error:
            raise StoreError(f"{damaged} cannot be read at all ({reason(error)})") from None
        connection.execute("PRAGMA foreign_keys = OFF")  # a child may outlive its parent
        lost = {table: _copy(connection, table) for table in tables}
        unread = {table: _unread_count(connection, table) for table, ids in lost.items() if ids}
    finally:
        connection.close()
    return Salvaged(into, lost, unread)


def _unread_count(connection: sqlite3.Connection, table: str) -> int | None:
    """The rows the damaged file says its table holds, less those copied. SQLite counts
    through the smallest index when there is one: it may be whole where the table is not."""
    try:
        held = connection.execute(f"SELECT count(*) FROM old.{table}").fetchone()[0]
        copied = connection.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    return held - copied if held > copied else None


def _copy(connection: sqlite3.Connection, table: str) -> list[tuple[int, int]]:
    """Copy what can be read of one table; the ranges of row ids that could not be."""
    everything = [(-_LARGEST, _LARGEST)]
    try:
        here = [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]
        there = {row[1] for row in connection.execute(f"PRAGMA old.table_info({table})")}
    except (sqlite3.Error, UnicodeDecodeError):
        return everything
    columns = ", ".join(name for name in here if name in there)
    if not columns:
        return everything if there else []
    statement = (
        f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM old.{table} "
        "WHERE rowid BETWEEN ? AND ?"
    )
    one = statement.replace("rowid BETWEEN ? AND ?", "rowid = ?")
    try:
        highest = connection.execute(f"SELECT max(rowid) FROM old.{table}").fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError):
        highest = None  # the last page is damaged: the ranges are searched up to the largest
    else:
        if highest is None:
            return []  # empty
        for edge in ((-_LARGEST, 0), (highest + 1, _LARGEST)):  # ids no followup gives
            # A failure here met the damaged first or last page: its rows are counted below.
            with suppress(sqlite3.Error, UnicodeDecodeError):
                connection.execute(statement, edge)
    failures = 0
    lost: list[tuple[int, int]] = []
    # Depth first, lowest ids first: what can be read is copied before the failures run out.
    ranges = [(1, highest if highest is not None else _LARGEST)]
    while ranges:
        low, high = ranges.pop()
        try:
            if low == high:
                # One row looked up by its id: a range's scan steps on to the next row to see
                # where it ends, and fails when that next row sits on the damaged page.
                connection.execute(one, (low,))
            else:
                connection.execute(statement, (low, high))
            continue
        except (sqlite3.Error, UnicodeDecodeError):
            failures += 1
        if low == high or failures >= FAILURES_PER_TABLE:
            lost.append((low, high))
            continue
        middle = low + (high - low) // 2
        ranges.append((middle + 1, high))
        ranges.append((low, middle))
    return lost + _missed(connection, table, one)


def _missed(connection: sqlite3.Connection, table: str, one: str) -> list[tuple[int, int]]:
    """Rows a range scan passed over without an error: a damaged page can hold cells whose
    ids are out of order, and a scan then ends early as if the table did. The table's indexes
    still name every id; each one not copied is looked up on its own, and what cannot be read
    is counted as lost (never "every row could still be read")."""
    known: set[int] = set()
    try:
        indexes = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM old.sqlite_master WHERE type = 'index' AND tbl_name = ?",
                (table,),
            )
        ]
    except (sqlite3.Error, UnicodeDecodeError):
        return []
    for index in indexes:
        with suppress(sqlite3.Error, UnicodeDecodeError):
            known |= {
                row[0]
                for row in connection.execute(f'SELECT rowid FROM old.{table} INDEXED BY "{index}"')
            }
    if not known:
        return []
    copied = {row[0] for row in connection.execute(f"SELECT rowid FROM main.{table}")}
    lost: list[tuple[int, int]] = []
    for ident in sorted(known - copied):
        with suppress(sqlite3.Error, UnicodeDecodeError):
            connection.execute(one, (ident,))
        if connection.execute(f"SELECT 1 FROM main.{table} WHERE rowid = ?", (ident,)).fetchone():
            continue
        lost.append((ident, ident))
    return lost


def readable_counts(damaged: Path) -> Counts:
    """What a damaged file holds that can still be read, table by table (a plain count may
    go through an index that is whole and count rows that cannot be read): what a restore
    would replace."""
    with tempfile.TemporaryDirectory(prefix="followup-count-") as folder:
        try:
            found = salvage(damaged, Path(folder) / "readable.db")
        except StoreError as error:
            return Counts({}, str(error))
        held = counts(found.path)
    unread = {table: found.unread.get(table) for table, ids in found.lost.items() if ids}
    return Counts(held.rows, held.problem, unread)
