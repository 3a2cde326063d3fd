"""CSV in: our own export (every table) and other trackers' files (Huntr, Teal, LinkedIn...).

A folder is a whole export: its files are read together, parents first, and go in at once.
An id in our export names a row of the database it came from, so rows get ids here and every
row follows its parent through what that parent became (csv_rows.Links); a row already here
(the same export again, or a backup brought back into its own file) is recognised by what it
holds and skipped, and said so.

Columns are matched by header name, case and spacing ignored, through synonyms. Every row is
read and checked before anything is written, outside any write transaction (a dry run stops
there and never takes the write lock); the rows then go in at once, in one short transaction.
A bad cell changes nothing and the error names its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from followup.store import csv_linkedin
from followup.store.csv_alike import alike, open_applications
from followup.store.csv_cells import Cells
from followup.store.csv_io import COLUMNS
from followup.store.csv_preview import preview
from followup.store.csv_rows import Report, Summary, known, prepare
from followup.store.csv_text import CsvImportError, read_rows
from followup.store.db import Store
from followup.store.plain import session_connection

__all__ = ["CsvImportError", "Report", "Summary", "detect_table", "import_file"]

# Other trackers' column names for our application fields (compared without case or spacing).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "employer", "organization", "organisation", "business"),
    "role": ("role", "title", "jobtitle", "position", "positiontitle", "job", "jobname"),
    "stage": ("stage", "status", "list", "listname", "applicationstatus", "state"),
    "applied_on": (
        "appliedon",
        "dateapplied",
        "applicationdate",
        "applied",
        "applieddate",
        "date",
        "createdat",
        "dateadded",
        "datesaved",
    ),
    "url": ("url", "link", "postingurl", "joburl", "joblink", "jobpostingurl", "posting"),
    "location": ("location", "city", "joblocation"),
    "salary": ("salary", "compensation", "pay", "salaryrange"),
    "source": ("source", "jobboard", "via", "board"),
    "notes": ("notes", "note", "comments", "comment", "description"),
    "priority": ("priority", "excitement", "rating"),
    "decision_by": ("decisionby", "decisiondate", "deadline"),
    "created_at": (),
    "updated_at": (),
    **csv_linkedin.SYNONYMS,
}

# Another process may write between the reading and the writing; the import is prepared
# again when what it checked has changed, and at the last attempt inside the write itself.
_ATTEMPTS = 3


def _key(text: str) -> str:
    return re.sub(r"[\s_\-./]+", "", text.strip().lower().lstrip("\ufeff"))


def detect_table(header: list[str]) -> str:
    keys = [_key(h) for h in header]
    for table, columns in COLUMNS.items():
        if keys == [_key(c) for c in columns]:
            return table
    return "applications"


def _columns(header: list[str], table: str) -> dict[str, int]:
    """Where each field is in the header."""
    keys = [_key(h) for h in header]
    if table != "applications":
        return {name: keys.index(_key(name)) for name in COLUMNS[table]}
    columns: dict[str, int] = {}
    for name, synonyms in SYNONYMS.items():
        for synonym in (_key(name), *synonyms):
            if synonym in keys and name not in columns:
                columns[name] = keys.index(synonym)
    if "company" not in columns or "role" not in columns:
        raise CsvImportError(
            "no company and role columns found (the header has: "
            f"{', '.join(header)}); name them e.g. 'Company' and 'Job Title'"
        )
    # Only our own export's ids are ours to keep; another tracker's are its own. An export
    # from before a column was added (notes_written_at) is still ours.
    ours = [_key(c) for c in COLUMNS["applications"]]
    if keys == ours or keys == [k for k in ours if k != _key("notes_written_at")]:
        columns["id"] = keys.index("id")
        for name in COLUMNS["applications"]:  # our own column names, taken as they are
            if _key(name) in keys:
                columns.setdefault(name, keys.index(_key(name)))
    return columns


@dataclass
class _File:
    path: Path
    table: str
    header: list[str]
    rows: list
    columns: dict[str, int]


def _files(path: Path) -> list[_File]:
    """The file, or every CSV file of a folder (a whole export), parents first."""
    if not path.is_dir():
        header, rows = read_rows(path)
        table = detect_table(header)
        return [_File(path, table, header, rows, _columns(header, table))]
    try:
        paths = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    except OSError as error:
        raise CsvImportError(f"cannot read the folder {path}: {error.strerror}") from None
    if not paths:
        raise CsvImportError(f"the folder {path} holds no .csv file to import")
    found: dict[str, _File] = {}
    for each in paths:
        with _named(each):
            header, rows = read_rows(each)
            table = detect_table(header)
            columns = _columns(header, table)
        if table in found:
            raise CsvImportError(
                f"both {_name(found[table].path)} and {_name(each)} in {path} hold {table}; "
                "keep one of them in the folder"
            )
        found[table] = _File(each, table, header, rows, columns)
    return [found[table] for table in COLUMNS if table in found]


@contextmanager
def _named(path: Path | None):
    """An error about a cell of one of several files names the file."""
    try:
        yield
    except CsvImportError as error:
        if path is None or str(path) in str(error):
            raise
        raise CsvImportError(f"{_name(path)}: {error}") from None


def _name(path: Path) -> str:
    # A name in bytes that are not UTF-8 is shown with a replacement mark, not an escape.
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def import_file(
    store: Store,
    path: Path,
    *,
    now: datetime,
    zone: tzinfo,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    date_order: str | None = None,
) -> Summary | Report:
    """Import a CSV file, or a folder of them (a whole export: every table at once, all or
    nothing). A single file gives its Summary, a folder a Report of one per file."""
    files = _files(path)
    several = path.is_dir()
    tables = [each.table for each in files]
    total = sum(len(each.rows) for each in files)

    def attempt(have: dict, stored: dict) -> tuple[list[Summary], object]:
        parts, summaries = [], []
        for each in files:
            cells = Cells(each.header, each.columns, now, zone)
            # LinkedIn writes "11/3/26" month first whatever the reader's locale.
            cells.order = "MDY" if csv_linkedin.is_linkedin(cells) else date_order
            cells.progress, cells.total = progress, total
            cells.done = sum(len(other.rows) for other in files[: files.index(each)])
            summary = Summary(each.table, rows=len(each.rows), dry_run=dry_run)
            used = set(each.columns.values())
            summary.ignored = [
                name for index, name in enumerate(each.header) if index not in used and name.strip()
            ]
            parts.append((each.table, cells, each.rows, summary))
            summaries.append(summary)
        batch = prepare(parts, have, lambda index: _named(files[index].path if several else None))
        for summary in summaries:
            if summary.table == "applications":
                summary.alike = alike(batch, stored)
        if dry_run:  # the first applications as they will be stored
            for summary in summaries:
                if summary.table == "applications":
                    summary.preview = preview(summary.table, batch)
        return summaries, batch

    def result(summaries: list[Summary]) -> Summary | Report:
        return Report(summaries) if several else summaries[0]

    for _ in range(_ATTEMPTS - 1):
        with store.driver() as connection:
            have, stored = known(connection, tables), open_applications(connection)
        summaries, batch = attempt(have, stored)
        if dry_run or not (batch.rows or batch.updates):
            return result(summaries)
        with store.write() as session:
            # The same reads as above, inside the write: cheap next to preparing the rows.
            if known(_driver(session), tables) == have:
                batch.write(_driver(session))
                return result(summaries)
    with store.write() as session:
        connection = _driver(session)
        summaries, batch = attempt(known(connection, tables), open_applications(connection))
        batch.write(_driver(session))
    return result(summaries)


def _driver(session):
    return session_connection(session)
