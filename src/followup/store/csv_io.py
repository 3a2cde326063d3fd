"""CSV out (and, later, in): UTF-8, a header row, RFC 4180 quoting, formula cells neutralised.

A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab, CR or LF) gets
a leading apostrophe (OWASP "CSV Injection"). Files are written under a temporary name in the
same folder and renamed into place, so a crash never leaves half an export.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Text, cast, func, select

from followup.paths import make_private_dir
from followup.store.db import Store, StoreError
from followup.store.repository import APPLICATION_FIELDS
from followup.store.tables import (
    ApplicationContactRow,
    ApplicationReferenceRow,
    ApplicationRow,
    ContactRow,
    InterviewerRow,
    InterviewRow,
    ReferenceRow,
    TouchpointRow,
)

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


def _cell(value: Any, zone: tzinfo) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat()  # to the microsecond when there are any
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def count_rows(store: Store, table: str) -> int:
    source = {
        "applications": ApplicationRow,
        "contacts": ContactRow,
        "interviews": InterviewRow,
        "touchpoints": TouchpointRow,
        "references": ReferenceRow,
    }[table]
    with store.read() as session:
        return session.execute(select(func.count()).select_from(source)).scalar_one()


def _rows(store: Store, table: str) -> Iterator[tuple]:
    """The rows of one export table, streamed in id order from one read transaction."""
    with store.read() as session:
        if table == "applications":
            interviews = (
                select(InterviewRow.application_id, func.count().label("n"))
                .group_by(InterviewRow.application_id)
                .subquery()
            )
            last = (
                select(TouchpointRow.application_id, func.max(TouchpointRow.at).label("at"))
                .group_by(TouchpointRow.application_id)
                .subquery()
            )
            query = (
                select(
                    *[getattr(ApplicationRow, c) for c in COLUMNS["applications"][:-2]],
                    func.coalesce(interviews.c.n, 0),
                    last.c.at,
                )
                .outerjoin(interviews, interviews.c.application_id == ApplicationRow.id)
                .outerjoin(last, last.c.application_id == ApplicationRow.id)
                .order_by(ApplicationRow.id)
            )
            for row in session.execute(query).yield_per(2000):
                *fields, n, at = row
                # last_contact comes from a MAX over raw column values: make it an instant.
                yield (*fields, n, _instant(at))
        elif table == "contacts":
            links = (
                select(
                    ApplicationContactRow.contact_id,
                    func.group_concat(
                        cast(ApplicationContactRow.application_id, Text)
                        + ":"
                        + ApplicationContactRow.role,
                        ";",
                    ).label("apps"),
                )
                .group_by(ApplicationContactRow.contact_id)
                .subquery()
            )
            query = (
                select(
                    *[getattr(ContactRow, c) for c in COLUMNS["contacts"][:-1]],
                    links.c.apps,
                )
                .outerjoin(links, links.c.contact_id == ContactRow.id)
                .order_by(ContactRow.id)
            )
            yield from session.execute(query).yield_per(2000)
        elif table == "interviews":
            people = (
                select(
                    InterviewerRow.interview_id,
                    func.group_concat(ContactRow.name, "; ").label("names"),
                    func.group_concat(cast(ContactRow.id, Text), ";").label("ids"),
                )
                .join(ContactRow, ContactRow.id == InterviewerRow.contact_id)
                .group_by(InterviewerRow.interview_id)
                .subquery()
            )
            query = (
                select(
                    InterviewRow.id,
                    InterviewRow.application_id,
                    InterviewRow.starts_at,
                    InterviewRow.duration_minutes,
                    InterviewRow.kind,
                    people.c.names,
                    InterviewRow.notes,
                    InterviewRow.strong_points,
                    InterviewRow.weak_answers,
                    InterviewRow.they_said,
                    InterviewRow.created_at,
                    people.c.ids,
                )
                .outerjoin(people, people.c.interview_id == InterviewRow.id)
                .order_by(InterviewRow.id)
            )
            yield from session.execute(query).yield_per(2000)
        elif table == "touchpoints":
            query = select(*[getattr(TouchpointRow, c) for c in COLUMNS["touchpoints"]]).order_by(
                TouchpointRow.id
            )
            yield from session.execute(query).yield_per(2000)
        elif table == "references":
            query = (
                select(
                    *[getattr(ReferenceRow, c) for c in COLUMNS["references"][:-3]],
                    ApplicationReferenceRow.application_id,
                    ApplicationReferenceRow.shared_on,
                    ApplicationReferenceRow.briefed_on,
                )
                .outerjoin(
                    ApplicationReferenceRow, ApplicationReferenceRow.reference_id == ReferenceRow.id
                )
                .order_by(ReferenceRow.id, ApplicationReferenceRow.application_id)
            )
            yield from session.execute(query).yield_per(2000)
        else:
            raise ValueError(f"unknown table {table!r}")


def _instant(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def export_table(
    store: Store,
    table: str,
    out: IO[str],
    *,
    zone: tzinfo,
    progress: Progress | None = None,
) -> int:
    """Write `table` as CSV to `out`; returns the number of data rows."""
    total = count_rows(store, table) if progress else 0
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS[table])
    count = 0
    for row in _rows(store, table):
        writer.writerow([_cell(value, zone) for value in row])
        count += 1
        if progress and count % 1000 == 0:
            progress(count, total)
    if progress:
        progress(count, total)
    return count


def export_to_path(
    store: Store,
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
