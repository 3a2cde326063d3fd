"""Copying a whole followup database into an empty one, on either engine: a file onto a
server, a server into a file, or a file into another file.

Every table is read in one snapshot of the source, which is only read, and written in one
transaction of the target, which is then read back and compared, row by row, with what was
read: the copy is all there and the same, or nothing is left in the target. The rules clock
is the target's own; each application's stored advice is copied as not yet checked, so the
target's first rules pass looks at it again.
"""

from __future__ import annotations

from typing import Any

from followup.domain.model import InputError
from followup.store.header import StoreError

_OWN_CLOCK = "rules_clock"
_URGENCY = "application_urgency"
# Stamps of the source's clock: meaningless against the target's (see `staleness`).
_CLOCK_STAMPS = ("changed", "evaluated")


class TargetNotEmpty(InputError):
    pass


def _tables():
    from sqlmodel import SQLModel

    from followup.store import tables  # noqa: F401  (registers the tables)

    return [t for t in SQLModel.metadata.sorted_tables if t.name != _OWN_CLOCK]


def _rows(session, table) -> list[dict[str, Any]]:
    from sqlalchemy import select

    order = list(table.primary_key.columns)
    return [dict(row._mapping) for row in session.execute(select(table).order_by(*order))]


def _comparable(table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if table.name != _URGENCY:
        return rows
    return [{k: v for k, v in row.items() if k not in _CLOCK_STAMPS} for row in rows]


def copy_everything(source, target, *, target_name: str) -> dict[str, int]:
    """Copy every table of `source` into `target` (two opened stores); the rows per table.

    TargetNotEmpty, changing nothing, when the target holds any row; StoreError when the
    target cannot take a value (PostgreSQL's text holds no NUL character) or the copy read
    back differs; the target is then left as it was.
    """
    from sqlalchemy import func, insert, select
    from sqlalchemy.exc import DBAPIError

    tables = _tables()
    with source.read() as reading:
        if reading.get_bind().dialect.name == "postgresql":
            # One snapshot for every table, as SQLite's read transaction gives.
            reading.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        read = {table.name: _rows(reading, table) for table in tables}
    try:
        with target.write() as writing:
            held = {
                table.name: writing.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables
            }
            if any(held.values()):
                said = ", ".join(f"{n} {name}" for name, n in held.items() if n)
                raise TargetNotEmpty(
                    f"{target_name} already holds data ({said}); copy-to fills only an empty "
                    "database; nothing was copied"
                )
            for table in tables:
                rows = read[table.name]
                if table.name == _URGENCY:
                    rows = [{**row, "changed": 0, "evaluated": 0} for row in rows]
                if rows:
                    writing.execute(insert(table), rows)
            if writing.get_bind().dialect.name == "postgresql":
                _advance_sequences(writing, tables)
            for table in tables:
                back = _rows(writing, table)
                if _comparable(table, back) != _comparable(table, read[table.name]):
                    raise StoreError(
                        f"the copy of {table.name} in {target_name} differs from the source "
                        "when read back; nothing was copied"
                    )
    except DBAPIError as error:
        words = " ".join(str(error.orig).split()) if error.orig else type(error).__name__
        raise StoreError(f"cannot copy into {target_name}: {words}; nothing was copied") from None
    return {name: len(rows) for name, rows in read.items()}


def _advance_sequences(session, tables) -> None:
    """A server hands out ids from sequences: after rows with their own ids, the next id
    must come after the largest."""
    from sqlalchemy import text

    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )
