"""Plain SQL on either engine: the one place where SQLite's dialect becomes PostgreSQL's.

The fast paths (records, writes, listing, export) are written once, in SQLite's words: `?`
placeholders, `INSERT OR IGNORE`, `group_concat`, `ifnull`, `cursor.lastrowid`. On SQLite they
run on the standard library's connection as they are. On PostgreSQL they run on a
`PostgresConnection`, which rewrites each statement once (then remembers it) and gives its
cursors a `lastrowid`; `group_concat` and `ifnull` are functions the PostgreSQL schema has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol


class PlainCursor(Protocol):
    lastrowid: int | None
    rowcount: int
    description: Any

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int) -> list[Any]: ...

    def __iter__(self) -> Any: ...


class PlainConnection(Protocol):
    """What the fast paths use of a DB-API connection: sqlite3's, or `PostgresConnection`."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> PlainCursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_QUOTED_OR_MARK = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\bIS\s+\?|\bchar\(|\?|%", re.IGNORECASE
)


@lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """`sql`, written for SQLite, as psycopg takes it: `?` becomes `%s` and a literal `%`
    is doubled (outside quoted text and names), `IS ?` and `char()` are spelt PostgreSQL's
    way, and `INSERT OR IGNORE` skips conflicts."""

    def mark(found: re.Match[str]) -> str:
        text = found.group(0)
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        if text[0] in "Ii":  # SQLite's IS compares NULLs too
            return "IS NOT DISTINCT FROM %s"
        if text[0] in "Cc":  # SQLite's char(31) is chr(31)
            return "chr("
        return text.replace("%", "%%")

    rewritten = _QUOTED_OR_MARK.sub(mark, sql)
    if _IGNORE.match(rewritten):
        rewritten = _IGNORE.sub("INSERT INTO", rewritten, count=1) + " ON CONFLICT DO NOTHING"
    return rewritten


class PostgresCursor:
    def __init__(self, cursor: Any, connection: Any, inserted: bool) -> None:
        self._cursor = cursor
        self._connection = connection
        self._inserted = inserted
        self.rowcount = cursor.rowcount
        self.description = cursor.description

    @property
    def lastrowid(self) -> int | None:
        # The id of the row just inserted: the last value any sequence gave this session,
        # which is the inserted row's (the schema's triggers take no sequence values).
        if not self._inserted:
            return None
        return self._connection.execute("SELECT lastval()").fetchone()[0]

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def fetchmany(self, size: int) -> list[Any]:
        return self._cursor.fetchmany(size)

    def __iter__(self) -> Any:
        return iter(self._cursor)


class PostgresConnection:
    """A psycopg connection that takes the fast paths' SQLite SQL (see the module)."""

    def __init__(self, connection: Any) -> None:
        self.raw = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PostgresCursor:
        cursor = self.raw.execute(postgres_sql(sql), tuple(parameters))
        inserted = sql.lstrip()[:6].upper() == "INSERT"
        return PostgresCursor(cursor, self.raw, inserted)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(postgres_sql(sql), [tuple(row) for row in rows])


def session_connection(session: Any) -> PlainConnection:
    """The plain connection inside a SQLAlchemy session's transaction, on either engine."""
    connection = session.connection()
    raw = connection.connection.driver_connection
    return raw if connection.dialect.name == "sqlite" else PostgresConnection(raw)
