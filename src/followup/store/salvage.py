"""What can still be read of a damaged data file, copied row by row into a new file, so that
the commands that only read (list, show, export...) work on it as far as its rows allow.

Rows are copied by ranges of their row ids; a range that meets a damaged page is split in
two until what fails is as small as it can be, so one damaged page costs only its own rows.
The damaged file is opened read-only and never written.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from followup.store.db import create_database
from followup.store.header import StoreError, reason

# The failed reads one table may cost before the rest of it is given up: a damaged page high
# in a big table's tree fails every range under it, down to single rows.
FAILURES_PER_TABLE = 2000
_LARGEST = 2**62


@dataclass
class Salvaged:
    path: Path
    lost: dict[str, bool]  # per table: whether some of its rows could not be read

    def said(self) -> str:
        hurt = [table for table, lost in self.lost.items() if lost]
        if not hurt:
            return "every row could still be read"
        return "some rows of " + ", ".join(hurt) + " could not be read"


def salvage(damaged: Path, into: Path) -> Salvaged:
    """A new data file at `into` holding every row of `damaged` that can be read."""
    create_database(into)
    connection = sqlite3.connect(into, isolation_level=None)
    try:
        try:
            uri = f"{damaged.resolve().as_uri()}?mode=ro"
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
    finally:
        connection.close()
    return Salvaged(into, lost)


def _copy(connection: sqlite3.Connection, table: str) -> bool:
    """Copy what can be read of one table; whether some of it could not be."""
    try:
        here = [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]
        there = {row[1] for row in connection.execute(f"PRAGMA old.table_info({table})")}
    except (sqlite3.Error, UnicodeDecodeError):
        return True
    columns = ", ".join(name for name in here if name in there)
    if not columns:
        return table in there or bool(there)
    statement = (
        f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM old.{table} "
        "WHERE rowid BETWEEN ? AND ?"
    )
    try:
        highest = connection.execute(f"SELECT max(rowid) FROM old.{table}").fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError):
        highest = None  # the last page is damaged: the ranges are searched up to the largest
    else:
        if highest is None:
            return False  # empty
        for edge in ((-_LARGEST, 0), (highest + 1, _LARGEST)):  # ids no followup gives
            # A failure here met the damaged first or last page: its rows are counted below.
            with suppress(sqlite3.Error, UnicodeDecodeError):
                connection.execute(statement, edge)
    failures = 0
    lost = False
    # Depth first, lowest ids first: what can be read is copied before the failures run out.
    ranges = [(1, highest if highest is not None else _LARGEST)]
    while ranges:
        low, high = ranges.pop()
        try:
            connection.execute(statement, (low, high))
            continue
        except (sqlite3.Error, UnicodeDecodeError):
            failures += 1
        if low == high or failures >= FAILURES_PER_TABLE:
            lost = True
            continue
        middle = low + (high - low) // 2
        ranges.append((middle + 1, high))
        ranges.append((low, middle))
    return lost
