"""CSV out (and, later, in): UTF-8, a header row, RFC 4180 quoting, formula cells neutralised.

A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab, CR or LF) gets
a leading apostrophe (OWASP "CSV Injection"). Files are written under a temporary name in the
same folder and renamed into place, so a crash never leaves half an export.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING

from followup.paths import make_private_dir
from followup.store.fields import APPLICATION_FIELDS
from followup.store.header import StoreError

if TYPE_CHECKING:
    from followup.store.db import Store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
Progress = Callable[[int, int], None]

COLUMNS: dict[str, list[str]] = {
    # Every field of an application, then two that are worked out: how many interviews, and
    # when the last message went either way.
    "applications": [*APPLICATION_FIELDS, "interviews", "last_contact"],
    "contacts": ["id", "name", "title", "email", "phone", "notes", "created_at", "applications"],
    "interviews": [
        "id",
        "application_id",
        "starts_at",
        "duration",
        "kind",
        "interviewers",
        "notes",
        "strong_points",
        "weak_answers",
        "they_said",
        "created_at",
        "interviewer_ids",
    ],
    "touchpoints": [
        "id",
        "application_id",
        "contact_id",
        "at",
        "direction",
        "channel",
        "kind",
        "subject",
        "body",
        "created_at",
    ],
    "references": [
        "id",
        "name",
        "relationship",
        "email",
        "phone",
        "notes",
        "created_at",
        "application_id",
        "shared_on",
        "briefed_on",
    ],
}


class ExportError(StoreError):
    """The export could not be written; nothing was left behind."""


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _safe(column: str) -> str:
    """SQL for a column's value, neutralised as `neutralise` does it (in the engine: per-cell
    Python would be most of the cost at 100,000 rows). Numbers pass unchanged."""
    starts = "'=', '+', '-', '@', char(9), char(13), char(10)"
    return f"CASE WHEN substr({column}, 1, 1) IN ({starts}) THEN '''' || {column} ELSE {column} END"


def _select(columns: list[str]) -> str:
    return ", ".join(_safe(column) for column in columns)


# Instants are stored as naive UTC text; they are written in the local zone with its offset.
_INSTANTS = {"created_at", "updated_at", "last_contact", "starts_at", "at"}

# The rows of each table, as plain SQL read straight from the driver: at 100,000 rows the
# ORM's per-row work would be most of the cost. Everything comes in id order; every column
# but the instants is neutralised in SQL.
_APPLICATION_COLUMNS = [
    f"a.{name}" if name in _INSTANTS else _safe(f"a.{name}") for name in APPLICATION_FIELDS
]
_QUERIES = {
    "applications": (
        f"SELECT {', '.join(_APPLICATION_COLUMNS)}, "
        "(SELECT count(*) FROM interviews i WHERE i.application_id = a.id), "
        "(SELECT max(t.at) FROM touchpoints t WHERE t.application_id = a.id) "
        "FROM applications a ORDER BY a.id"
    ),
    "contacts": (
        f"SELECT {_select(['c.id', 'c.name', 'c.title', 'c.email', 'c.phone', 'c.notes'])}, "
        "c.created_at, "
        "(SELECT group_concat(l.application_id || ':' || l.role, ';') "
        "FROM application_contacts l WHERE l.contact_id = c.id) "
        "FROM contacts c ORDER BY c.id"
    ),
    "interviews": (
        "SELECT i.id, i.application_id, i.starts_at, i.duration_minutes, "
        f"{_select(['i.kind', 'p.names', 'i.notes', 'i.strong_points', 'i.weak_answers'])}, "
        f"{_safe('i.they_said')}, i.created_at, p.ids "
        "FROM interviews i LEFT JOIN ("
        "SELECT x.interview_id, group_concat(c.name, '; ') AS names, "
        "group_concat(c.id, ';') AS ids "
        "FROM interviewers x JOIN contacts c ON c.id = x.contact_id GROUP BY x.interview_id"
        ") p ON p.interview_id = i.id ORDER BY i.id"
    ),
    "touchpoints": (
        "SELECT id, application_id, contact_id, at, "
        f"{_select(['direction', 'channel', 'kind', 'subject', 'body'])}, created_at "
        "FROM touchpoints ORDER BY id"
    ),
    "references": (
        f"SELECT {_select(['r.id', 'r.name', 'r.relationship', 'r.email', 'r.phone'])}, "
        f"{_safe('r.notes')}, r.created_at, l.application_id, l.shared_on, l.briefed_on "
        "FROM reference_people r LEFT JOIN application_references l ON l.reference_id = r.id "
        "ORDER BY r.id, l.application_id"
    ),
}
_TABLES = {
    "applications": "applications",
    "contacts": "contacts",
    "interviews": "interviews",
    "touchpoints": "touchpoints",
    "references": "reference_people",
}


@contextmanager
def _driver(source: Store | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The driver's connection inside one read transaction: a consistent snapshot."""
    if isinstance(source, sqlite3.Connection):
        source.execute("BEGIN")
        try:
            yield source
        finally:
            source.execute("ROLLBACK")
        return
    with source.read() as session:
        yield session.connection().connection.driver_connection


def count_rows(source: Store | sqlite3.Connection, table: str) -> int:
    with _driver(source) as connection:
        return _count(connection, table)


def _count(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM {_TABLES[table]}").fetchone()[0]


def _local_text(zone: tzinfo) -> Callable[[str], str]:
    """Stored UTC text ('2026-11-20 09:30:00.000000') to local ISO 8601 with the offset.

    The offset is worked out once per hour of the clock: whole-hour offsets that hold for the
    whole hour shift only the hour, so the rest of the text is kept as it is.
    """
    hours: dict[str, tuple[str, str] | None] = {}

    def exact(text: str) -> str:
        return datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(zone).isoformat()

    def convert(text: str) -> str:
        if len(text) < 19 or text[10] != " ":
            return exact(text)
        key = text[:13]
        if key not in hours:
            start = datetime.fromisoformat(key + ":00").replace(tzinfo=UTC)
            first = start.astimezone(zone)
            last = (start + timedelta(minutes=59, seconds=59)).astimezone(zone)
            offset = first.utcoffset()
            whole = offset == last.utcoffset() and offset is not None and offset.seconds % 3600 == 0
            hours[key] = (first.strftime("%Y-%m-%dT%H"), first.isoformat()[-6:]) if whole else None
        found = hours[key]
        if found is None:
            return exact(text)
        rest = text[13:]
        if rest.endswith(".000000"):  # as isoformat() writes a moment with no microseconds
            rest = rest[:-7]
        return found[0] + rest + found[1]

    return convert


def export_table(
    source: Store | sqlite3.Connection,
    table: str,
    out: IO[str],
    *,
    zone: tzinfo,
    progress: Progress | None = None,
) -> int:
    """Write `table` as CSV to `out`; returns the number of data rows."""
    query = _QUERIES.get(table)
    if query is None:
        raise ValueError(f"unknown table {table!r}")
    names = COLUMNS[table]
    instants = [index for index, name in enumerate(names) if name in _INSTANTS]
    local = _local_text(zone)
    batch = io.StringIO()
    writer = csv.writer(batch, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    count = 0
    with _driver(source) as connection:
        total = _count(connection, table) if progress else 0
        cursor = connection.execute(query)
        while rows := cursor.fetchmany(2000):
            if instants:
                rows = [list(row) for row in rows]
                for cells in rows:
                    for index in instants:
                        if cells[index] is not None:
                            cells[index] = local(cells[index])
            writer.writerows(rows)
            out.write(batch.getvalue())  # one write per batch, not one per row
            batch.seek(0)
            batch.truncate()
            count += len(rows)
            if progress:
                progress(count, total)
    out.write(batch.getvalue())
    return count


def export_to_path(
    store: Store | sqlite3.Connection,
    table: str,
    target: Path,
    *,
    zone: tzinfo,
    progress: Progress | None = None,
) -> int:
    """Export to a file: a temporary file (mode 0600) beside it, renamed into place."""
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    try:
        make_private_dir(target.parent) if not target.parent.exists() else None
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror}") from None
    try:
        # utf-8-sig: the byte-order mark makes spreadsheet programs read UTF-8 as UTF-8.
        with open(fd, "w", encoding="utf-8-sig", newline="") as handle:
            count = export_table(store, table, handle, zone=zone, progress=progress)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        _discard(temporary)
        raise ExportError(f"cannot write {target}: {error.strerror}") from None
    except BaseException:
        _discard(temporary)
        raise
    return count


def _discard(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()
