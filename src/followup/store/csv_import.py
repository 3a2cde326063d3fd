"""CSV in: our own export (every table) and other trackers' files (Huntr, Teal, LinkedIn...).

Columns are matched by header name, case and spacing ignored, through synonyms. The whole file
is one transaction: a bad cell rolls everything back and the error names its row and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from followup.domain.model import (
    Channel,
    ContactRole,
    Direction,
    InputError,
    InterviewKind,
    Stage,
    TouchpointKind,
)
from followup.domain.when import parse_when
from followup.store.csv_io import COLUMNS, FORMULA_STARTS
from followup.store.db import Store
from followup.store.listing import CLOSED, NEVER, NOTHING
from followup.store.repository import find_or_create_contact
from followup.store.tables import (
    ApplicationContactRow,
    ApplicationReferenceRow,
    ApplicationRow,
    ContactRow,
    InterviewerRow,
    InterviewRow,
    ReferenceRow,
    TouchpointRow,
    UrgencyRow,
)


class CsvImportError(InputError):
    """The file cannot be imported; nothing was written. Says which row and column."""


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
}
STATUS_WORDS: dict[str, Stage] = {}
for words, stage in [
    (
        ("wishlist", "bookmarked", "saved", "interested", "wish list", "to apply", "watching"),
        Stage.WISHLIST,
    ),
    (("applied", "applying", "submitted", "application sent", "sent"), Stage.APPLIED),
    (
        ("screening", "screen", "phone screen", "recruiter screen", "in review", "reviewing"),
        Stage.SCREENING,
    ),
    (
        ("interviewing", "interview", "interviews", "onsite", "on-site", "final round"),
        Stage.INTERVIEWING,
    ),
    (("offer", "offered", "negotiating", "negotiation"), Stage.OFFER),
    (("accepted", "hired", "signed"), Stage.ACCEPTED),
    (("rejected", "not selected", "declined", "no offer", "turned down"), Stage.REJECTED),
    (("withdrawn", "withdrew", "i withdrew", "withdrawal"), Stage.WITHDRAWN),
    (("no-response", "no response", "ghosted", "closed", "no reply"), Stage.NO_RESPONSE),
]:
    for word in words:
        STATUS_WORDS[word] = stage


def _key(text: str) -> str:
    return re.sub(r"[\s_\-./]+", "", text.strip().lower().lstrip("\ufeff"))


def restore(cell: str) -> str:
    """Undo the export's neutralisation: "'=1+2" was written for "=1+2"."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


@dataclass
class Summary:
    table: str
    rows: int = 0
    added: int = 0
    skipped: list[str] = field(default_factory=list)
    unknown_statuses: Counter = field(default_factory=Counter)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would add" if self.dry_run else "added"
        out = [
            f"{self.rows} rows of {self.table}: {verb} {self.added}, skipped {len(self.skipped)}"
        ]
        for reason in self.skipped[:10]:
            out.append(f"  skipped {reason}")
        if len(self.skipped) > 10:
            out.append(f"  ...and {len(self.skipped) - 10} more")
        for word, count in sorted(self.unknown_statuses.items()):
            out.append(f"  unknown status {word!r} ({count} rows) imported as 'applied'")
        return out


class _Rollback(Exception):
    pass


# The starts of files people pick by mistake: a SQLite database, a spreadsheet (xlsx, ods and
# zip; old xls), a PDF, an image, a gzip archive.
_BINARY_STARTS = (
    b"SQLite format 3\x00",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
)


def _binary(raw: bytes) -> bool:
    """Whether a file is binary rather than text. A NUL or two is text (a field can hold one,
    and our own export keeps it); many are not, unless the text is UTF-16."""
    if raw.startswith(_BINARY_STARTS):
        return True
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = raw[:4096]
    return sample.count(0) > len(sample) // 100


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and rows (with their line numbers) of a CSV file in any common dialect."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CsvImportError(f"cannot read {path}: {error.strerror}") from None
    if _binary(raw):
        raise CsvImportError(f"{path} is not a CSV file (it holds binary data)")
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise CsvImportError(f"{path}: unknown text encoding")
    # The delimiter is whichever of , ; tab the header line uses most (spreadsheets in some
    # countries write ';'); csv.Sniffer guesses wrong on quoted multi-line cells.
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue  # blank lines
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            rows.append((reader.line_num, record))
    except csv.Error as error:
        raise CsvImportError(f"{path}, line {reader.line_num}: {error}") from None
    if header is None:
        raise CsvImportError(f"{path} is empty: no header row")
    return header, rows


def detect_table(header: list[str]) -> str:
    keys = [_key(h) for h in header]
    for table, columns in COLUMNS.items():
        if keys == [_key(c) for c in columns]:
            return table
    return "applications"


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
    summary = Summary(table, rows=len(rows), dry_run=dry_run)
    reader = _Reader(header, table, now, zone)
    reader.progress, reader.total = progress, len(rows)
    try:
        with store.write() as session:
            IMPORTERS[table](session, reader, rows, summary)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return summary


class _Reader:
    """Cells by field name, with the row and column named in every error."""

    def __init__(self, header: list[str], table: str, now: datetime, zone: tzinfo) -> None:
        self.header = header
        self.now = now
        self.zone = zone
        self.columns: dict[str, int] = {}
        keys = [_key(h) for h in header]
        if table == "applications":
            for name, synonyms in SYNONYMS.items():
                for synonym in (_key(name), *synonyms):
                    if synonym in keys and name not in self.columns:
                        self.columns[name] = keys.index(synonym)
            if "company" not in self.columns or "role" not in self.columns:
                raise CsvImportError(
                    "no company and role columns found (the header has: "
                    f"{', '.join(header)}); name them e.g. 'Company' and 'Job Title'"
                )
            # Only our own export's ids are ours to keep; another tracker's are its own.
            if keys == [_key(c) for c in COLUMNS["applications"]]:
                self.columns["id"] = keys.index("id")
        else:
            for name in COLUMNS[table]:
                self.columns[name] = keys.index(_key(name))
        self._dates: dict[str, datetime] = {}
        self.line = 0
        self.done = 0
        self.total = 0
        self.progress: Callable[[int, int], None] | None = None

    def step(self, line: int) -> None:
        self.line = line
        self.done += 1
        if self.progress is not None and self.done % 200 == 0:
            self.progress(self.done, self.total)

    def has(self, name: str) -> bool:
        return name in self.columns

    def text(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(row):
            return ""
        return restore(row[index].strip() if name not in ("notes", "body") else row[index])

    def fail(self, name: str, message: str) -> CsvImportError:
        column = self.header[self.columns[name]] if name in self.columns else name
        return CsvImportError(f"line {self.line}, column {column!r}: {message}")

    def moment(self, row: list[str], name: str, *, required: bool = False) -> datetime | None:
        value = self.text(row, name)
        if not value:
            if required:
                raise self.fail(name, "a date is needed")
            return None
        if value not in self._dates:
            try:
                self._dates[value] = parse_when(value, self.now, prefer="past")
            except InputError as error:  # it says what was understood (a year 9999, say)
                raise self.fail(name, str(error)) from None
        return self._dates[value]

    def day(self, row: list[str], name: str) -> date | None:
        moment = self.moment(row, name)
        return moment.astimezone(self.zone).date() if moment else None

    def number(self, row: list[str], name: str, default: int | None = None) -> int | None:
        value = self.text(row, name)
        if not value:
            return default
        try:
            return int(float(value))
        except ValueError:
            raise self.fail(name, f"{value!r} is not a number") from None

    def choice(self, row: list[str], name: str, enum, default):
        value = self.text(row, name)
        if not value:
            return default
        try:
            return enum(value.lower())
        except ValueError:
            raise self.fail(name, f"unknown value {value!r}") from None


def _stage(reader: _Reader, row: list[str], summary: Summary) -> Stage:
    word = reader.text(row, "stage")
    if not word:
        return Stage.APPLIED
    cleaned = re.sub(r"\s+", " ", word.lower().replace("_", " ")).strip()
    found = STATUS_WORDS.get(cleaned) or STATUS_WORDS.get(cleaned.replace("-", " "))
    if found is None:
        summary.unknown_statuses[word] += 1
        return Stage.APPLIED
    return found


def _applications(session: Session, reader: _Reader, rows, summary: Summary) -> None:
    existing = {
        (company.lower(), role.lower(), applied)
        for company, role, applied in session.execute(
            select(ApplicationRow.company, ApplicationRow.role, ApplicationRow.applied_on)
        )
    }
    taken = set(session.execute(select(ApplicationRow.id)).scalars())
    for line, row in rows:
        reader.step(line)
        company, role = reader.text(row, "company"), reader.text(row, "role")
        if not company:
            raise reader.fail("company", "the company is empty")
        if not role:
            raise reader.fail("role", "the role is empty")
        stage = _stage(reader, row, summary)
        applied = reader.day(row, "applied_on")
        key = (company.lower(), role.lower(), applied)
        if key in existing:
            summary.skipped.append(
                f"line {line}: {company} / {role} ({applied or 'no date'}) is already there"
            )
            continue
        existing.add(key)
        priority = reader.number(row, "priority", 3)
        if priority is not None and not 1 <= priority <= 5:
            priority = min(max(priority, 1), 5)
        created = reader.moment(row, "created_at") or reader.now
        wanted_id = reader.number(row, "id") if reader.has("id") else None
        record = ApplicationRow(
            id=wanted_id if wanted_id and wanted_id not in taken else None,
            company=company,
            role=role,
            stage=stage.value,
            applied_on=applied,
            source=reader.text(row, "source"),
            url=reader.text(row, "url"),
            location=reader.text(row, "location"),
            salary=reader.text(row, "salary"),
            priority=priority or 3,
            decision_by=reader.day(row, "decision_by"),
            notes=reader.text(row, "notes"),
            created_at=created.astimezone(UTC),
            updated_at=(reader.moment(row, "updated_at") or created).astimezone(UTC),
        )
        session.add(record)
        session.flush()
        taken.add(record.id)
        session.add(
            UrgencyRow(
                application_id=record.id,
                rank=NOTHING if stage.is_open else CLOSED,
                sort_at=NEVER,
            )
        )
        summary.added += 1


def _require_application(session: Session, reader: _Reader, row, name="application_id") -> int:
    ident = reader.number(row, name)
    if ident is None or session.get(ApplicationRow, ident) is None:
        raise reader.fail(name, f"no application with id {ident}; import applications first")
    return ident


def _contacts(session: Session, reader: _Reader, rows, summary: Summary) -> None:
    for line, row in rows:
        reader.step(line)
        ident = reader.number(row, "id")
        name = reader.text(row, "name")
        if not name:
            raise reader.fail("name", "the name is empty")
        if ident is not None and session.get(ContactRow, ident) is not None:
            summary.skipped.append(f"line {line}: contact {ident} is already there")
            continue
        contact = ContactRow(
            id=ident,
            name=name,
            title=reader.text(row, "title"),
            email=reader.text(row, "email"),
            phone=reader.text(row, "phone"),
            notes=reader.text(row, "notes"),
            created_at=(reader.moment(row, "created_at") or reader.now).astimezone(UTC),
        )
        session.add(contact)
        session.flush()
        for link in filter(None, reader.text(row, "applications").split(";")):
            app_text, _, role = link.partition(":")
            if not app_text.strip().isdigit() or session.get(ApplicationRow, int(app_text)) is None:
                raise reader.fail("applications", f"no application with id {app_text!r}")
            try:
                role_value = ContactRole(role.strip()).value
            except ValueError:
                raise reader.fail("applications", f"unknown role {role!r}") from None
            session.add(
                ApplicationContactRow(
                    application_id=int(app_text), contact_id=contact.id, role=role_value
                )
            )
        summary.added += 1


def _interviews(session: Session, reader: _Reader, rows, summary: Summary) -> None:
    for line, row in rows:
        reader.step(line)
        ident = reader.number(row, "id")
        app = _require_application(session, reader, row)
        if ident is not None and session.get(InterviewRow, ident) is not None:
            summary.skipped.append(f"line {line}: interview {ident} is already there")
            continue
        interview = InterviewRow(
            id=ident,
            application_id=app,
            starts_at=reader.moment(row, "starts_at", required=True).astimezone(UTC),
            duration_minutes=reader.number(row, "duration", 60) or 60,
            kind=reader.choice(row, "kind", InterviewKind, InterviewKind.VIDEO).value,
            notes=reader.text(row, "notes"),
            strong_points=reader.text(row, "strong_points"),
            weak_answers=reader.text(row, "weak_answers"),
            they_said=reader.text(row, "they_said"),
            created_at=(reader.moment(row, "created_at") or reader.now).astimezone(UTC),
        )
        session.add(interview)
        session.flush()
        ids = [i.strip() for i in reader.text(row, "interviewer_ids").split(";") if i.strip()]
        if ids:
            for ident_text in ids:
                person = session.get(ContactRow, int(ident_text)) if ident_text.isdigit() else None
                if person is None:
                    raise reader.fail("interviewer_ids", f"no contact with id {ident_text!r}")
                session.add(InterviewerRow(interview_id=interview.id, contact_id=person.id))
            summary.added += 1
            continue
        for name in filter(None, (n.strip() for n in reader.text(row, "interviewers").split(";"))):
            contact = find_or_create_contact(session, name)
            session.add(InterviewerRow(interview_id=interview.id, contact_id=contact.id))
        summary.added += 1


def _touchpoints(session: Session, reader: _Reader, rows, summary: Summary) -> None:
    for line, row in rows:
        reader.step(line)
        ident = reader.number(row, "id")
        app = _require_application(session, reader, row)
        if ident is not None and session.get(TouchpointRow, ident) is not None:
            summary.skipped.append(f"line {line}: message {ident} is already there")
            continue
        contact = reader.number(row, "contact_id")
        if contact is not None and session.get(ContactRow, contact) is None:
            raise reader.fail("contact_id", f"no contact with id {contact}; import contacts first")
        session.add(
            TouchpointRow(
                id=ident,
                application_id=app,
                contact_id=contact,
                at=reader.moment(row, "at", required=True).astimezone(UTC),
                direction=reader.choice(row, "direction", Direction, Direction.OUT).value,
                channel=reader.choice(row, "channel", Channel, Channel.EMAIL).value,
                kind=reader.choice(row, "kind", TouchpointKind, TouchpointKind.OTHER).value,
                subject=reader.text(row, "subject"),
                body=reader.text(row, "body"),
                created_at=(reader.moment(row, "created_at") or reader.now).astimezone(UTC),
            )
        )
        summary.added += 1


def _references(session: Session, reader: _Reader, rows, summary: Summary) -> None:
    for line, row in rows:
        reader.step(line)
        ident = reader.number(row, "id")
        person = session.get(ReferenceRow, ident) if ident is not None else None
        if person is None:
            name = reader.text(row, "name")
            if not name:
                raise reader.fail("name", "the name is empty")
            person = ReferenceRow(
                id=ident,
                name=name,
                relationship=reader.text(row, "relationship"),
                email=reader.text(row, "email"),
                phone=reader.text(row, "phone"),
                notes=reader.text(row, "notes"),
                created_at=(reader.moment(row, "created_at") or reader.now).astimezone(UTC),
            )
            session.add(person)
            session.flush()
            summary.added += 1
        if reader.text(row, "application_id"):
            app = _require_application(session, reader, row)
            if session.get(ApplicationReferenceRow, (app, person.id)) is None:
                session.add(
                    ApplicationReferenceRow(
                        application_id=app,
                        reference_id=person.id,
                        shared_on=reader.day(row, "shared_on"),
                        briefed_on=reader.day(row, "briefed_on"),
                    )
                )
            else:
                summary.skipped.append(f"line {line}: reference link is already there")


IMPORTERS = {
    "applications": _applications,
    "contacts": _contacts,
    "interviews": _interviews,
    "touchpoints": _touchpoints,
    "references": _references,
}
