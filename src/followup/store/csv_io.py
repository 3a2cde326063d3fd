"""CSV out (and, later, in): UTF-8, a header row, RFC 4180 quoting, formula cells neutralised.

A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab, CR or LF) gets
a leading apostrophe (OWASP "CSV Injection"). Files are written under a temporary name in the
same folder and renamed into place, so a crash never leaves half an export.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING

from followup.file_writes import replacing
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
    # What a person left for later: snoozed or done actions, and drafts being written.
    "snoozes": ["id", "application_id", "rule", "until", "cycle", "created_at"],
    "drafts": ["application_id", "rule", "cycle", "template", "body", "updated_at"],
}


class ExportError(StoreError):
    """The export could not be written; nothing was left behind."""


def neutralise(cell: str) -> str:
    # A cell that already starts with apostrophes before a formula start gets one more, so
    # that the import, which takes one away, gives back exactly what was typed.
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


# The apostrophe is added in SQL: per-cell Python would be most of the cost at 100,000 rows.
# unicode() is the code point of the first character.
_FORMULA_CODES = ", ".join(str(ord(start)) for start in FORMULA_STARTS)


def _safe(column: str) -> str:
    """SQL for a text cell, neutralised as `neutralise` does it; NULL stays NULL."""
    # Every formula start (and the apostrophe) sorts before "A": most cells are let through
    # by that comparison alone, which costs much less than a function call.
    return (
        f"CASE WHEN {column} < 'A' AND unicode(ltrim({column}, '''')) IN ({_FORMULA_CODES}) "
        f"THEN '''' || {column} ELSE {column} END"
    )


# What a cell holds decides how it is read. TEXT gets its apostrophe if a spreadsheet would
# run it; WORD (integers, and words from a fixed list such as a stage) is taken as it is;
# INSTANT is stored as naive UTC text and written in the local zone with its offset. Quoting
# does not depend on the kind: every line is checked for what would need it.
TEXT, WORD, INSTANT = "text", "word", "instant"

# In SQL, the cells between two instants are joined into one piece with this separator (the
# ASCII unit separator), and Python turns it into commas: most of a line never becomes a
# Python object of its own. A cell that holds the separator itself makes its row be read cell
# by cell, as does any cell that needs CSV quoting.
SEPARATOR = "\x1f"


def _joined(cells: list[str]) -> str:
    """One piece of text: the cells with SEPARATOR between them (a lone number made text)."""
    return " || char(31) || ".join(cells) if len(cells) > 1 else f"{cells[0]} || ''"


@dataclass(frozen=True)
class _Shape:
    """How one table is read: its cells in header order, where they come from, and the
    columns that pick out one row (rows come in their order; a row that is written cell by
    cell is read again by them)."""

    table: str
    cells: tuple[tuple[str, str], ...]  # (SQL expression, kind)
    source: str
    key: tuple[str, ...]

    def pieces(self) -> tuple[list[str], list[int]]:
        """The SQL for each piece of a line, and which of the pieces are instants."""
        pieces: list[str] = []
        instants: list[int] = []
        run: list[str] = []
        for sql, kind in self.cells:
            if kind == INSTANT:
                if run:
                    pieces.append(_joined(run))
                    run = []
                instants.append(len(pieces))
                pieces.append(sql)
            else:
                run.append(f"ifnull({_safe(sql) if kind == TEXT else sql}, '')")
        if run:
            pieces.append(_joined(run))
        return pieces, instants

    def lines_query(self) -> str:
        columns = ", ".join([*self.pieces()[0], *self.key])
        return f"SELECT {columns} FROM {self.source} ORDER BY {', '.join(self.key)}"

    def cells_query(self) -> str:
        columns = ", ".join(_safe(sql) if kind == TEXT else sql for sql, kind in self.cells)
        where = " AND ".join(f"{column} IS ?" for column in self.key)
        return f"SELECT {columns} FROM {self.source} WHERE {where}"


_INSTANTS = {"created_at", "updated_at", "notes_written_at"}
# Date columns, neutralised as text: SQLite keeps them as text already, PostgreSQL as dates.
_DAYS = {"a.applied_on", "a.decision_by", "l.shared_on", "l.briefed_on"}


def _column(sql: str) -> str:
    return f"CAST({sql} AS TEXT)" if sql in _DAYS else sql


def _application_cells() -> tuple[tuple[str, str], ...]:
    kinds = {"id": WORD, "stage": WORD, "priority": WORD}
    return (
        *(
            (_column(f"a.{name}"), INSTANT if name in _INSTANTS else kinds.get(name, TEXT))
            for name in APPLICATION_FIELDS
        ),
        ("(SELECT count(*) FROM interviews i WHERE i.application_id = a.id)", WORD),
        ("(SELECT max(t.at) FROM touchpoints t WHERE t.application_id = a.id)", INSTANT),
    )


# Everything comes in a fixed order, so two exports of the same data are the same file.
_SHAPES = {
    "applications": _Shape("applications", _application_cells(), "applications a", ("a.id",)),
    "contacts": _Shape(
        "contacts",
        (
            ("c.id", WORD),
            ("c.name", TEXT),
            ("c.title", TEXT),
            ("c.email", TEXT),
            ("c.phone", TEXT),
            ("c.notes", TEXT),
            ("c.created_at", INSTANT),
            (
                "(SELECT group_concat(l.application_id || ':' || l.role, ';') "
                "FROM application_contacts l WHERE l.contact_id = c.id)",
                TEXT,
            ),
        ),
        "contacts c",
        ("c.id",),
    ),
    "interviews": _Shape(
        "interviews",
        (
            ("i.id", WORD),
            ("i.application_id", WORD),
            ("i.starts_at", INSTANT),
            ("i.duration_minutes", WORD),
            ("i.kind", TEXT),
            ("p.names", TEXT),
            ("i.notes", TEXT),
            ("i.strong_points", TEXT),
            ("i.weak_answers", TEXT),
            ("i.they_said", TEXT),
            ("i.created_at", INSTANT),
            ("p.ids", TEXT),
        ),
        "interviews i LEFT JOIN ("
        "SELECT x.interview_id, group_concat(c.name, '; ') AS names, "
        "group_concat(c.id, ';') AS ids "
        "FROM interviewers x JOIN contacts c ON c.id = x.contact_id GROUP BY x.interview_id"
        ") p ON p.interview_id = i.id",
        ("i.id",),
    ),
    "touchpoints": _Shape(
        "touchpoints",
        (
            ("t.id", WORD),
            ("t.application_id", WORD),
            ("t.contact_id", WORD),
            ("t.at", INSTANT),
            ("t.direction", TEXT),
            ("t.channel", TEXT),
            ("t.kind", TEXT),
            ("t.subject", TEXT),
            ("t.body", TEXT),
            ("t.created_at", INSTANT),
        ),
        "touchpoints t",
        ("t.id",),
    ),
    "references": _Shape(
        "reference_people",
        (
            ("r.id", WORD),
            ("r.name", TEXT),
            ("r.relationship", TEXT),
            ("r.email", TEXT),
            ("r.phone", TEXT),
            ("r.notes", TEXT),
            ("r.created_at", INSTANT),
            ("l.application_id", WORD),
            (_column("l.shared_on"), TEXT),
            (_column("l.briefed_on"), TEXT),
        ),
        "reference_people r LEFT JOIN application_references l ON l.reference_id = r.id",
        ("r.id", "l.application_id"),
    ),
    "snoozes": _Shape(
        "snoozes",
        (
            ("s.id", WORD),
            ("s.application_id", WORD),
            ("s.rule", TEXT),
            ("s.until", INSTANT),
            ("s.cycle", TEXT),
            ("s.created_at", INSTANT),
        ),
        "snoozes s",
        ("s.id",),
    ),
    "drafts": _Shape(
        "drafts",
        (
            ("d.application_id", WORD),
            ("d.rule", TEXT),
            ("d.cycle", TEXT),
            ("d.template", TEXT),
            ("d.body", TEXT),
            ("d.updated_at", INSTANT),
        ),
        "drafts d",
        ("d.application_id", "d.rule", "d.cycle"),
    ),
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
    with source.driver() as connection:
        yield connection


def _count(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM {_SHAPES[table].table}").fetchone()[0]


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


class _Instants(dict):
    """Stored instant → local text, each worked out once (created_at often equals updated_at);
    a missing instant is an empty cell."""

    def __init__(self, zone: tzinfo) -> None:
        super().__init__()
        self._convert = _local_text(zone)

    def __missing__(self, text: str | None) -> str:
        local = self[text] = "" if text is None else self._convert(text)
        return local


def export_table(
    source: Store | sqlite3.Connection,
    table: str,
    out: IO[str],
    *,
    zone: tzinfo,
    progress: Progress | None = None,
) -> int:
    """Write `table` as CSV to `out`; returns the number of data rows."""
    shape = _SHAPES.get(table)
    if shape is None:
        raise ValueError(f"unknown table {table!r}")
    with _driver(source) as connection:
        return _export_rows(connection, table, out, zone=zone, progress=progress)


def _export_rows(
    connection: sqlite3.Connection,
    table: str,
    out: IO[str],
    *,
    zone: tzinfo,
    progress: Progress | None = None,
) -> int:
    """`export_table` inside a read transaction the caller holds."""
    shape = _SHAPES[table]
    pieces, instants = shape.pieces()
    width = len(pieces)
    separators = len(shape.cells) - 1
    local = _Instants(zone).__getitem__
    one_row = io.StringIO()
    writer = csv.writer(one_row, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS[table])
    out.write(one_row.getvalue())
    count = 0

    def cell_by_cell(line: str, key: tuple) -> str:
        if line.count(SEPARATOR) == separators:
            cells = line.split(SEPARATOR)
        else:  # a cell holds the separator: read the row again, cell by cell
            cells = list(connection.execute(shape.cells_query(), key).fetchone())
            for index, (_sql, kind) in enumerate(shape.cells):
                if kind == INSTANT:
                    cells[index] = local(cells[index])
        one_row.seek(0)
        one_row.truncate()
        writer.writerow(cells)
        return one_row.getvalue()  # with its line end: the writer quotes CR and LF

    total = _count(connection, table) if progress else 0
    cursor = connection.execute(shape.lines_query())
    while rows := cursor.fetchmany(2000):
        columns = list(zip(*rows, strict=True))
        for index in instants:
            columns[index] = map(local, columns[index])
        lines = list(map(SEPARATOR.join, zip(*columns[:width], strict=True)))
        plain = 0  # where the run of lines that need nothing but commas began
        for index, line in enumerate(lines):
            if line.count(SEPARATOR) == separators and not (
                '"' in line or "," in line or "\n" in line or "\r" in line
            ):
                continue
            if plain < index:
                out.write("\r\n".join(lines[plain:index]).replace(SEPARATOR, ",") + "\r\n")
            out.write(cell_by_cell(line, rows[index][width:]))
            plain = index + 1
        if plain < len(lines):
            out.write("\r\n".join(lines[plain:]).replace(SEPARATOR, ",") + "\r\n")
        count += len(rows)
        if progress:
            progress(count, total)
    return count


def export_folder(
    store: Store | sqlite3.Connection,
    folder: Path,
    *,
    zone: tzinfo,
    tables: list[str] | None = None,
) -> dict[str, int]:
    """Every table (or `tables`) as `<table>.csv` in `folder`, all from one moment of the
    data: a row written meanwhile is in every file or in none, so the files import together.
    Returns how many rows each file holds."""
    written: dict[str, int] = {}
    with _driver(store) as connection:
        for table in tables or COLUMNS:
            target = folder / f"{table}.csv"
            try:
                with replacing(target, encoding="utf-8-sig", newline="") as handle:
                    written[table] = _export_rows(connection, table, handle, zone=zone)
            except OSError as error:
                raise ExportError(f"cannot write {target}: {error.strerror}") from None
    return written


def export_to_path(
    store: Store | sqlite3.Connection,
    table: str,
    target: Path,
    *,
    zone: tzinfo,
    progress: Progress | None = None,
) -> int:
    """Export to a file: a private temporary file beside it, renamed into place."""
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    try:
        # utf-8-sig: the byte-order mark makes spreadsheet programs read UTF-8 as UTF-8.
        with replacing(target, encoding="utf-8-sig", newline="") as handle:
            count = export_table(store, table, handle, zone=zone, progress=progress)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror}") from None
    return count
