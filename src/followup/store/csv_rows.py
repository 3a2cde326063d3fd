"""What each table's CSV rows become: the rows to insert, checked against the data already there.

This runs outside any write transaction: `known` reads what the checks need (ids in use,
duplicates) in a read transaction, and `prepare` builds every row in memory, raising the first
bad cell. Only the finished rows go into one short write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from followup.domain.model import (
    Channel,
    ContactRole,
    Direction,
    InterviewKind,
    Stage,
    TouchpointKind,
)
from followup.domain.rules import FollowUpRule
from followup.store import csv_linkedin
from followup.store.csv_cells import Cells, digits
from followup.store.listing import CLOSED, NEVER, NOTHING
from followup.store.tables import (
    ApplicationContactRow,
    ApplicationReferenceRow,
    ApplicationRow,
    ContactRow,
    DraftRow,
    InterviewerRow,
    InterviewRow,
    ReferenceRow,
    SnoozeRow,
    TouchpointRow,
    UrgencyRow,
)

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


@dataclass
class Summary:
    table: str
    rows: int = 0
    added: int = 0
    skipped: list[str] = field(default_factory=list)
    unknown_statuses: Counter = field(default_factory=Counter)
    dry_run: bool = False
    preview: list[str] = field(default_factory=list)  # the first rows, as stored (a dry run)

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
        return out + self.preview


# What the checks of each table need to know of the data already there.
_QUERIES = {
    "app_keys": "SELECT company, role, applied_on FROM applications",
    "app_ids": "SELECT id FROM applications",
    "contact_ids": "SELECT id FROM contacts",
    "contact_names": "SELECT name, id FROM contacts ORDER BY id DESC",
    "contact_emails": "SELECT email, id FROM contacts WHERE email != '' ORDER BY id DESC",
    "interview_ids": "SELECT id FROM interviews",
    "touchpoint_ids": "SELECT id FROM touchpoints",
    "reference_ids": "SELECT id FROM reference_people",
    "reference_links": "SELECT application_id, reference_id FROM application_references",
    "snooze_ids": "SELECT id FROM snoozes",
    "draft_keys": "SELECT application_id, rule, cycle FROM drafts",
}
NEEDS = {
    "applications": ("app_keys", "app_ids", "contact_ids", "contact_emails"),
    "contacts": ("app_ids", "contact_ids"),
    "interviews": ("app_ids", "contact_ids", "contact_names", "interview_ids"),
    "touchpoints": ("app_ids", "contact_ids", "touchpoint_ids"),
    "references": ("app_ids", "reference_ids", "reference_links"),
    "snoozes": ("app_ids", "snooze_ids"),
    "drafts": ("app_ids", "draft_keys"),
}


def _utc(moment):
    return moment.astimezone(UTC) if moment is not None else None


def known(connection, table: str) -> dict[str, Any]:
    """What is there now, as far as importing `table` cares (a plain sqlite3 connection)."""
    found: dict[str, Any] = {}
    for name in NEEDS[table]:
        rows = connection.execute(_QUERIES[name]).fetchall()
        if name == "app_keys":
            found[name] = {(c.lower(), r.lower(), applied) for c, r, applied in rows}
        elif name in ("contact_names", "contact_emails"):
            found[name] = {text.lower(): ident for text, ident in rows}  # the oldest wins
        elif name in ("reference_links", "draft_keys"):
            found[name] = {tuple(row) for row in rows}
        else:
            found[name] = {row[0] for row in rows}
    return found


class _Ids:
    """Ids for new rows: after every id in use and every id the file asks for."""

    def __init__(self, taken: Iterable[int], wanted: Iterable[int]) -> None:
        self.taken = set(taken)
        self.next = max([0, *self.taken, *wanted]) + 1

    def new(self) -> int:
        self.next += 1
        return self.next - 1


# Parents before children, so that every link finds what it points to.
_ORDER = [
    ApplicationRow,
    UrgencyRow,
    ContactRow,
    ApplicationContactRow,
    InterviewRow,
    InterviewerRow,
    TouchpointRow,
    ReferenceRow,
    ApplicationReferenceRow,
    SnoozeRow,
    DraftRow,
]


@dataclass
class Batch:
    """The rows to insert, table by table."""

    rows: dict[type, list[tuple]] = field(default_factory=dict)
    columns: dict[type, tuple[str, ...]] = field(default_factory=dict)

    def add(self, table: type, **values: Any) -> None:
        """One row; its values are made what the file stores now, outside the write."""
        self.columns.setdefault(table, tuple(values))
        self.rows.setdefault(table, []).append(tuple(map(_stored, values.values())))

    def write(self, connection) -> None:
        """Insert every row (a plain sqlite3 connection in a write transaction): one
        statement per table, run for all its rows at once."""
        for table in _ORDER:
            if self.rows.get(table):
                names = self.columns[table]
                connection.executemany(
                    f"INSERT INTO {table.__tablename__} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    self.rows[table],
                )


def _stored(value: Any) -> Any:
    """A value as the tables store it (tables.UTCDateTime, SQLAlchemy's SQLite dates)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _wanted(cells: Cells, rows, name: str = "id") -> list[int]:
    """The ids the file asks for, so that new ones are made beyond them."""
    index = cells.columns.get(name)
    if index is None:
        return []
    return [n for _, row in rows if index < len(row) and (n := digits(row[index])) is not None]


def _stage(cells: Cells, row: list[str], summary: Summary) -> Stage:
    word = cells.text(row, "stage", strip=True)
    if not word:
        return Stage.APPLIED
    cleaned = re.sub(r"\s+", " ", word.lower().replace("_", " ")).strip()
    found = STATUS_WORDS.get(cleaned) or STATUS_WORDS.get(cleaned.replace("-", " "))
    if found is None:
        summary.unknown_statuses[word] += 1
        return Stage.APPLIED
    return found


def _application(cells: Cells, row: list[str], apps: set[int], name="application_id") -> int:
    ident = cells.ident(row, name)
    if ident is None or ident not in apps:
        raise cells.fail(name, f"no application with id {ident}; import applications first")
    return ident


def _created(cells: Cells, row: list[str], name: str = "created_at"):
    return (cells.moment(row, name) or cells.now).astimezone(UTC)


def _applications(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    existing = set(have["app_keys"])
    people = csv_linkedin.Contacts(have)
    ids = _Ids(have["app_ids"], _wanted(cells, rows) if cells.has("id") else [])
    for line, row in rows:
        cells.step(line)
        company, role = cells.text(row, "company", strip=True), cells.text(row, "role", strip=True)
        if not company:
            raise cells.fail("company", "the company is empty")
        if not role:
            raise cells.fail("role", "the role is empty")
        stage = _stage(cells, row, summary)
        applied = cells.day(row, "applied_on")
        key = (company.lower(), role.lower(), applied.isoformat() if applied else None)
        if key in existing:
            summary.skipped.append(
                f"line {line}: {company} / {role} ({applied or 'no date'}) is already there"
            )
            continue
        existing.add(key)
        priority = cells.rating(row, "priority", 1, 5, 3)
        created = _created(cells, row)
        wanted = cells.ident(row, "id") if cells.has("id") else None
        ident = wanted if wanted is not None and wanted not in ids.taken else ids.new()
        ids.taken.add(ident)
        batch.add(
            ApplicationRow,
            id=ident,
            company=company,
            role=role,
            stage=stage.value,
            applied_on=applied,
            source=csv_linkedin.source(cells, row),
            url=cells.text(row, "url"),
            location=cells.text(row, "location"),
            salary=cells.text(row, "salary"),
            priority=priority,
            decision_by=cells.day(row, "decision_by"),
            notes=csv_linkedin.notes(cells, row),
            created_at=created,
            updated_at=(cells.moment(row, "updated_at") or created).astimezone(UTC),
            notes_written_at=_utc(cells.moment(row, "notes_written_at")),
        )
        batch.add(
            UrgencyRow,
            application_id=ident,
            rank=NOTHING if stage.is_open else CLOSED,
            sort_at=NEVER,
            rule="",
            state="",
            message="",
            opens_at=None,
            due_by=None,
        )
        people.add(cells, row, ident, batch)
        summary.added += 1


def _contacts(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    ids = _Ids(have["contact_ids"], _wanted(cells, rows))
    for line, row in rows:
        cells.step(line)
        ident = cells.ident(row, "id")
        name = cells.text(row, "name", strip=True)
        if not name:
            raise cells.fail("name", "the name is empty")
        if ident is not None and ident in ids.taken:
            summary.skipped.append(f"line {line}: contact {ident} is already there")
            continue
        ident = ident if ident is not None else ids.new()
        ids.taken.add(ident)
        batch.add(
            ContactRow,
            id=ident,
            name=name,
            title=cells.text(row, "title"),
            email=cells.text(row, "email"),
            phone=cells.text(row, "phone"),
            notes=cells.text(row, "notes"),
            created_at=_created(cells, row),
        )
        links = set()
        for link in filter(None, cells.text(row, "applications").split(";")):
            app_text, _, role = link.partition(":")
            app = digits(app_text)
            if app is None or app not in have["app_ids"]:
                raise cells.fail("applications", f"no application with id {app_text[:60]!r}")
            try:
                role_value = ContactRole(role.strip()).value
            except ValueError:
                raise cells.fail("applications", f"unknown role {role[:60]!r}") from None
            if (app, role_value) not in links:
                links.add((app, role_value))
                batch.add(
                    ApplicationContactRow, application_id=app, contact_id=ident, role=role_value
                )
        summary.added += 1


def _interviews(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    ids = _Ids(have["interview_ids"], _wanted(cells, rows))
    contact_ids = _Ids(have["contact_ids"], [])
    names = dict(have["contact_names"])
    for line, row in rows:
        cells.step(line)
        ident = cells.ident(row, "id")
        app = _application(cells, row, have["app_ids"])
        if ident is not None and ident in ids.taken:
            summary.skipped.append(f"line {line}: interview {ident} is already there")
            continue
        ident = ident if ident is not None else ids.new()
        ids.taken.add(ident)
        starts = cells.moment(row, "starts_at", required=True)
        batch.add(
            InterviewRow,
            id=ident,
            application_id=app,
            starts_at=starts.astimezone(UTC),
            duration_minutes=cells.whole(row, "duration", 60, 0, 24 * 60) or 60,
            kind=cells.choice(row, "kind", InterviewKind, InterviewKind.VIDEO).value,
            notes=cells.text(row, "notes"),
            strong_points=cells.text(row, "strong_points"),
            weak_answers=cells.text(row, "weak_answers"),
            they_said=cells.text(row, "they_said"),
            created_at=_created(cells, row),
        )
        people = cells.ids(row, "interviewer_ids", "contact", contact_ids.taken)
        if not people:
            for name in cells.text(row, "interviewers").split(";"):
                name = name.strip()
                if not name:
                    continue
                if name.lower() not in names:
                    names[name.lower()] = contact_ids.new()
                    contact_ids.taken.add(names[name.lower()])
                    batch.add(
                        ContactRow,
                        id=names[name.lower()],
                        name=name,
                        title="",
                        email="",
                        phone="",
                        notes="",
                        created_at=cells.now.astimezone(UTC),
                    )
                if names[name.lower()] not in people:
                    people.append(names[name.lower()])
        for person in people:
            batch.add(InterviewerRow, interview_id=ident, contact_id=person)
        summary.added += 1


def _touchpoints(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    ids = _Ids(have["touchpoint_ids"], _wanted(cells, rows))
    for line, row in rows:
        cells.step(line)
        ident = cells.ident(row, "id")
        app = _application(cells, row, have["app_ids"])
        if ident is not None and ident in ids.taken:
            summary.skipped.append(f"line {line}: message {ident} is already there")
            continue
        ident = ident if ident is not None else ids.new()
        ids.taken.add(ident)
        contact = cells.ident(row, "contact_id")
        if contact is not None and contact not in have["contact_ids"]:
            raise cells.fail("contact_id", f"no contact with id {contact}; import contacts first")
        batch.add(
            TouchpointRow,
            id=ident,
            application_id=app,
            contact_id=contact,
            at=cells.moment(row, "at", required=True).astimezone(UTC),
            direction=cells.choice(row, "direction", Direction, Direction.OUT).value,
            channel=cells.choice(row, "channel", Channel, Channel.EMAIL).value,
            kind=cells.choice(row, "kind", TouchpointKind, TouchpointKind.OTHER).value,
            subject=cells.text(row, "subject"),
            body=cells.text(row, "body"),
            created_at=_created(cells, row),
        )
        summary.added += 1


def _references(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    ids = _Ids(have["reference_ids"], _wanted(cells, rows))
    links = set(have["reference_links"])
    for line, row in rows:
        cells.step(line)
        ident = cells.ident(row, "id")
        if ident is None or ident not in ids.taken:
            name = cells.text(row, "name", strip=True)
            if not name:
                raise cells.fail("name", "the name is empty")
            ident = ident if ident is not None else ids.new()
            ids.taken.add(ident)
            batch.add(
                ReferenceRow,
                id=ident,
                name=name,
                relationship=cells.text(row, "relationship"),
                email=cells.text(row, "email"),
                phone=cells.text(row, "phone"),
                notes=cells.text(row, "notes"),
                created_at=_created(cells, row),
            )
            summary.added += 1
        if cells.text(row, "application_id", strip=True):
            app = _application(cells, row, have["app_ids"])
            if (app, ident) in links:
                summary.skipped.append(f"line {line}: reference link is already there")
                continue
            links.add((app, ident))
            batch.add(
                ApplicationReferenceRow,
                application_id=app,
                reference_id=ident,
                shared_on=cells.day(row, "shared_on"),
                briefed_on=cells.day(row, "briefed_on"),
            )


def _snoozes(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    ids = _Ids(have["snooze_ids"], _wanted(cells, rows))
    for line, row in rows:
        cells.step(line)
        ident = cells.ident(row, "id")
        # No application: the keep-searching rule, which belongs to none.
        app = None
        if cells.text(row, "application_id", strip=True):
            app = _application(cells, row, have["app_ids"])
        if ident is not None and ident in ids.taken:
            summary.skipped.append(f"line {line}: snooze {ident} is already there")
            continue
        ident = ident if ident is not None else ids.new()
        ids.taken.add(ident)
        rule = cells.choice(row, "rule", FollowUpRule, None)
        if rule is None:
            raise cells.fail("rule", "the rule is empty")
        until = cells.moment(row, "until")
        batch.add(
            SnoozeRow,
            id=ident,
            application_id=app,
            rule=rule.value,
            until=until.astimezone(UTC) if until else None,
            cycle=cells.text(row, "cycle"),
            created_at=_created(cells, row),
        )
        summary.added += 1


def _drafts(cells: Cells, rows, have: dict, summary: Summary, batch: Batch) -> None:
    drafted = set(have["draft_keys"])
    for line, row in rows:
        cells.step(line)
        app = _application(cells, row, have["app_ids"])
        # A file from before drafts knew their action has no rule or cycle: a draft for none.
        rule = cells.text(row, "rule", strip=True)
        cycle = cells.text(row, "cycle", strip=True)
        if (app, rule, cycle) in drafted:
            summary.skipped.append(f"line {line}: the draft for application {app} is there")
            continue
        drafted.add((app, rule, cycle))
        batch.add(
            DraftRow,
            application_id=app,
            rule=rule,
            cycle=cycle,
            template=cells.text(row, "template", strip=True),
            body=cells.text(row, "body"),
            updated_at=_created(cells, row, "updated_at"),
        )
        summary.added += 1


PREPARE = {
    "applications": _applications,
    "contacts": _contacts,
    "interviews": _interviews,
    "touchpoints": _touchpoints,
    "references": _references,
    "snoozes": _snoozes,
    "drafts": _drafts,
}


def prepare(table: str, cells: Cells, rows, have: dict, summary: Summary) -> Batch:
    batch = Batch()
    PREPARE[table](cells, rows, have, summary, batch)
    return batch
