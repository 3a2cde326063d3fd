"""CSV in: our own export (every table) and other trackers' files (Huntr, Teal, LinkedIn...).

Columns are matched by header name, case and spacing ignored, through synonyms. Every row is
read and checked before anything is written, outside any write transaction (a dry run stops
there and never takes the write lock); the rows then go in at once, in one short transaction.
A bad cell changes nothing and the error names its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path

from followup.store import csv_linkedin
from followup.store.csv_cells import Cells
from followup.store.csv_io import COLUMNS
from followup.store.csv_preview import preview
from followup.store.csv_rows import Summary, known, prepare
from followup.store.csv_text import CsvImportError, read_rows
from followup.store.db import Store

__all__ = ["CsvImportError", "Summary", "detect_table", "import_file"]

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


def import_file(
    store: Store,
    path: Path,
    *,
    now: datetime,
    zone: tzinfo,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    header, rows = read_rows(path)
    table = detect_table(header)
    columns = _columns(header, table)

    def attempt(have: dict) -> tuple[Summary, object]:
        cells = Cells(header, columns, now, zone)
        cells.progress, cells.total = progress, len(rows)
        summary = Summary(table, rows=len(rows), dry_run=dry_run)
        batch = prepare(table, cells, rows, have, summary)
        if dry_run:
            summary.preview = preview(table, batch)
        return summary, batch

    for _ in range(_ATTEMPTS - 1):
        with store.driver() as connection:
            have = known(connection, table)
        summary, batch = attempt(have)
        if dry_run or not batch.rows:
            return summary
        with store.write() as session:
            # The same reads as above, inside the write: cheap next to preparing the rows.
            if known(_driver(session), table) == have:
                batch.write(_driver(session))
                return summary
    with store.write() as session:
        summary, batch = attempt(known(_driver(session), table))
        batch.write(_driver(session))
    return summary


def _driver(session):
    return session.connection().connection.driver_connection
