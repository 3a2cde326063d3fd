"""What each table's CSV rows become: the rows to insert, checked against the data already there.

This runs outside any write transaction: `known` reads what the checks need (ids in use,
duplicates) in a read transaction, and `prepare` builds every row in memory, raising the first
bad cell. Only the finished rows go into one short write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
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
from followup.store import csv_linkedin, csv_merge
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
    # Already here but holding other text or values: both kept (see csv_merge).
    differed: list[str] = field(default_factory=list)
    unknown_statuses: Counter = field(default_factory=Counter)
    dry_run: bool = False
    preview: list[str] = field(default_factory=list)  # the first rows, as stored (a dry run)
    ignored: list[str] = field(default_factory=list)  # columns with no field to go to
    alike: list[str] = field(default_factory=list)  # rows matching an open application

    def lines(self) -> list[str]:
        verb = "would add" if self.dry_run else "added"
        present = f", {len(self.skipped)} already present, skipped" if self.skipped else ""
        rows = "1 row" if self.rows == 1 else f"{self.rows} rows"
        kept = "would be kept" if self.dry_run else "kept"
        differed = (
            f", {len(self.differed)} already there with other text or values: both {kept} "
            "(the file's below a marked line)"
            if self.differed
            else ""
        )
        out = [f"{rows} of {self.table}: {verb} {self.added}{present}{differed}"]
        for reasons in (self.differed, self.skipped):
            for reason in reasons[:10]:
                out.append(f"  {reason}")
            if len(reasons) > 10:
                out.append(f"  ...and {len(reasons) - 10} more")
        out += self.alike
        for word, count in sorted(self.unknown_statuses.items()):
            out.append(f"  unknown status {word!r} ({count} rows) imported as 'applied'")
        if self.ignored:
            shown = ", ".join(repr(name[:40]) for name in self.ignored[:8])
            more = f" and {len(self.ignored) - 8} more" if len(self.ignored) > 8 else ""
            out.append(f"  columns not kept (followup has no field for them): {shown}{more}")
        return out + self.preview


@dataclass
class Report:
    """The summaries of an import of several files (a whole export), table by table."""

    summaries: list[Summary]

    @property
    def added(self) -> int:
        return sum(summary.added for summary in self.summaries)

    @property
    def skipped(self) -> list[str]:
        return [reason for summary in self.summaries for reason in summary.skipped]

    @property
    def differed(self) -> list[str]:
        return [reason for summary in self.summaries for reason in summary.differed]

    @property
    def dry_run(self) -> bool:
        return all(summary.dry_run for summary in self.summaries)

    def lines(self) -> list[str]:
        return [line for summary in self.summaries for line in summary.lines()]


# What the checks need to know of the data already there: the ids in use, and what each row
# is recognised by when it is already present (an export imported twice, or a backup made by
# export brought back into the file it came from). Ids are never trusted across databases.
_QUERIES = {
    "app_keys": (
        "SELECT company, role, applied_on, location, url, id FROM applications ORDER BY id DESC"
    ),
    "app_ids": "SELECT id FROM applications",
    "contact_ids": "SELECT id FROM contacts",
    "contact_names": "SELECT name, id FROM contacts ORDER BY id DESC",
    "contact_emails": "SELECT email, id FROM contacts WHERE email != '' ORDER BY id DESC",
    "contact_keys": "SELECT name, email, id FROM contacts ORDER BY id DESC",
    "contact_links": "SELECT application_id, contact_id, role FROM application_contacts",
    "interview_ids": "SELECT id FROM interviews",
    "interview_keys": "SELECT application_id, starts_at, id FROM interviews",
    "interviewer_links": "SELECT interview_id, contact_id FROM interviewers",
    "touchpoint_ids": "SELECT id FROM touchpoints",
    "touchpoint_keys": (
        "SELECT application_id, at, direction, kind, id, channel, subject, body FROM touchpoints "
        "ORDER BY id DESC"
    ),
    "reference_ids": "SELECT id FROM reference_people",
    "reference_keys": "SELECT name, email, id FROM reference_people ORDER BY id DESC",
    "reference_links": "SELECT application_id, reference_id FROM application_references",
    "snooze_ids": "SELECT id FROM snoozes",
    "snooze_keys": "SELECT application_id, rule, cycle, until FROM snoozes",
    "draft_keys": "SELECT application_id, rule, cycle FROM drafts",
    **csv_merge.QUERIES,
}
# Every table's rows may point at applications and contacts (interviewers made from names).
_PARENTS = ("app_keys", "app_ids", "contact_ids", "contact_names", "contact_keys")
NEEDS = {
    "applications": ("contact_emails",),
    "contacts": ("contact_links",),
    "interviews": ("interview_ids", "interview_keys", "interviewer_links"),
    "touchpoints": ("touchpoint_ids", "touchpoint_keys"),
    "references": ("reference_ids", "reference_keys", "reference_links"),
    "snoozes": ("snooze_ids", "snooze_keys"),
    "drafts": ("draft_keys",),
}
for _table, _needs in csv_merge.NEEDS.items():
    NEEDS[_table] += _needs


def _utc(moment):
    return moment.astimezone(UTC) if moment is not None else None


def known(connection, tables: Iterable[str]) -> dict[str, Any]:
    """What is there now, as far as importing `tables` cares (a plain sqlite3 connection)."""
    found: dict[str, Any] = {}
    names = dict.fromkeys([*_PARENTS, *(need for table in tables for need in NEEDS[table])])
    for name in names:
        if name in csv_merge.QUERIES:
            found[name] = csv_merge.read(connection, name)
            continue
        rows = connection.execute(_QUERIES[name]).fetchall()
        if name == "app_keys":  # the oldest wins
            found[name] = {
                (c.lower(), r.lower(), applied, (where or "").lower(), url or ""): ident
                for c, r, applied, where, url, ident in rows
            }
        elif name in ("contact_names", "contact_emails"):
            found[name] = {text.lower(): ident for text, ident in rows}
        elif name in ("contact_keys", "reference_keys"):
            found[name] = {_person(text, mail): ident for text, mail, ident in rows}
        elif name == "interview_keys":
            found[name] = {(app, starts): ident for app, starts, ident in rows}
        elif name == "touchpoint_keys":  # a message is the same by its moment and kind
            found[name] = {
                (app, at, direction, kind): {
                    "id": ident,
                    "channel": channel,
                    "subject": subject,
                    "body": body,
                }
                for app, at, direction, kind, ident, channel, subject, body in rows
            }
        elif name.endswith(("_links", "_keys")):
            found[name] = {tuple(row) for row in rows}
        else:
            found[name] = {row[0] for row in rows}
    return found


def _person(name: str, email: str | None) -> tuple[str, str]:
    """What a contact or a reference is recognised by: the name and the address."""
    return name.strip().lower(), (email or "").strip().lower()


class _Ids:
    """Ids for new rows. The file's own ids are kept only when the table is empty (then the
    round trip gives back the same ids); otherwise new ones come after every id in use."""

    def __init__(self, taken: Iterable[int], wanted: Iterable[int] = ()) -> None:
        self.taken = set(taken)
        self.keep = not self.taken
        self.next = max([0, *self.taken, *(wanted if self.keep else ())]) + 1

    def new(self, wanted: int | None = None) -> int:
        if self.keep and wanted is not None and wanted not in self.taken:
            ident = wanted
        else:
            while self.next in self.taken:
                self.next += 1
            ident = self.next
        self.taken.add(ident)
        return ident


# The cycle of the rules that follow an interview (domain/rules.py): its id, or its start.
_INTERVIEW_CYCLE = re.compile(r"interview-([0-9]{1,18})")


@dataclass
class Links:
    """The ids a file's rows use for their parents, and the rows they stand for here.

    An id in an export means a row of the database it came from; here it may be another row,
    or none. Each parent row read (or recognised as already present) maps its file id to its
    id here, and every child follows that map, never the file's id itself.
    """

    given: set[str]  # the tables being imported together
    have: dict[str, Any]
    applications: dict[int, int] = field(default_factory=dict)
    contacts: dict[int, int] = field(default_factory=dict)
    references: dict[int, int] = field(default_factory=dict)
    interviews: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.contact_ids = _Ids(self.have["contact_ids"])
        self.names = dict(self.have["contact_names"])

    def cycle(self, text: str) -> str:
        """A rule's cycle as it is named here: one that names an interview by its id (a
        snooze or a draft for the thank-you after interview 3) follows that interview."""
        found = _INTERVIEW_CYCLE.fullmatch(text)
        if found is None or int(found.group(1)) not in self.interviews:
            return text
        return f"interview-{self.interviews[int(found.group(1))]}"

    def parent(self, cells: Cells, row: list[str], name: str, table: str) -> int:
        """The id here of the row that `name` points at (an id of the file's database)."""
        ident = cells.ident(row, name)
        if ident is None:
            raise cells.fail(name, f"the {table[:-1]} id is empty")
        return self.follow(cells, name, ident, table)

    def follow(self, cells: Cells, name: str, ident: int, table: str) -> int:
        found = getattr(self, table).get(ident)
        if found is not None:
            return found
        if table in self.given:
            raise cells.fail(name, f"no {table[:-1]} with id {ident} in the {table} file")
        raise cells.fail(
            name,
            f"{table[:-1]} {ident} is an id of the database this file came from; import the "
            f"whole export (the folder `followup export DIR` writes, with its {table}) so "
            "that every row finds its own",
        )


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
    # Rows already here that take the file's text too: (table, where, values).
    updates: list[tuple[type, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def update(self, table: type, where: dict[str, Any], **values: Any) -> None:
        self.updates.append((table, where, {k: _stored(v) for k, v in values.items()}))

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
        for table, where, values in self.updates:
            connection.execute(
                f"UPDATE {table.__tablename__} SET {', '.join(f'{k} = ?' for k in values)} "
                f"WHERE {' AND '.join(f'{k} = ?' for k in where)}",
                [*values.values(), *where.values()],
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


def _once(cells: Cells, row: list[str], seen: set[int]) -> int | None:
    """The row's own id in the file; a file that gives one id to two rows cannot be read."""
    ident = cells.ident(row, "id") if cells.has("id") else None
    if ident is not None:
        if ident in seen:
            raise cells.fail("id", f"the id {ident} is given to two rows")
        seen.add(ident)
    return ident


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


def _created(cells: Cells, row: list[str], name: str = "created_at"):
    return (cells.moment(row, name) or cells.now).astimezone(UTC)


def _applications(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    existing = links.have["app_keys"]
    ids = _Ids(links.have["app_ids"], _wanted(cells, rows))
    seen: set[int] = set()
    people = csv_linkedin.Contacts(links.have)
    for line, row in rows:
        cells.step(line)
        wanted = _once(cells, row, seen)
        company, role = cells.text(row, "company", strip=True), cells.text(row, "role", strip=True)
        if not company:
            raise cells.fail("company", "the company is empty")
        if not role:
            raise cells.fail("role", "the role is empty")
        stage = _stage(cells, row, summary)
        applied = cells.day(row, "applied_on")
        # An application already in this database before the import (two rows of one file
        # are two applications, even for one company, role and day: two offices, say).
        key = (
            company.lower(),
            role.lower(),
            applied.isoformat() if applied else None,
            cells.text(row, "location").lower(),
            cells.text(row, "url"),
        )
        if key in existing:
            # The same application: what the file holds for it is kept beside what is here.
            if wanted is not None:
                links.applications[wanted] = existing[key]
            theirs = {"stage": stage.value if cells.has("stage") else None}
            theirs |= _present(cells, row, "salary", "source", "priority", "decision_by")
            theirs["notes"] = csv_linkedin.notes(cells, row)
            _keep_both(
                cells,
                links.have["app_rows"].get(existing[key]),
                theirs,
                f"line {line}: {company} / {role} ({applied or 'no date'}) is already there",
                (ApplicationRow, {"id": existing[key]}),
                summary,
                batch,
            )
            continue
        priority = cells.rating(row, "priority", 1, 5, 3)
        created = _created(cells, row)
        ident = ids.new(wanted)
        if wanted is not None:
            links.applications[wanted] = ident
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


def _contacts(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    existing = links.have["contact_keys"]
    linked = set(links.have["contact_links"])
    ids = links.contact_ids
    if ids.keep:  # new contacts made for interviewers' names come after the file's ids
        ids.next = max([ids.next, *(n + 1 for n in _wanted(cells, rows))])
    seen: set[int] = set()
    for line, row in rows:
        cells.step(line)
        wanted = _once(cells, row, seen)
        name = cells.text(row, "name", strip=True)
        if not name:
            raise cells.fail("name", "the name is empty")
        email = cells.text(row, "email")
        key = _person(name, email)
        present = key in existing
        # A person already here by name with another address (edited elsewhere): the same
        # person, the file's address kept beside; a second contact of that name would make
        # every later "--contact Priya" ambiguous.
        same_name = links.have["contact_names"].get(name.lower())
        if not present and same_name is not None and same_name in links.have["contact_rows"]:
            present, ident = True, same_name
            existing[key] = ident
        elif present:
            ident = existing[key]
        if present:
            _keep_both(
                cells,
                links.have["contact_rows"].get(ident),
                {
                    "notes": cells.text(row, "notes"),
                    **_present(cells, row, "title", "phone", "email"),
                },
                f"line {line}: the contact {name[:60]} is already there",
                (ContactRow, {"id": ident}),
                summary,
                batch,
            )
        else:
            ident = existing[key] = ids.new(wanted)
            links.names.setdefault(name.lower(), ident)
            batch.add(
                ContactRow,
                id=ident,
                name=name,
                title=cells.text(row, "title"),
                email=email,
                phone=cells.text(row, "phone"),
                notes=cells.text(row, "notes"),
                created_at=_created(cells, row),
            )
            summary.added += 1
        if wanted is not None:
            links.contacts[wanted] = ident
        for link in filter(None, cells.text(row, "applications").split(";")):
            app_text, _, role = link.partition(":")
            app = digits(app_text)
            if app is None:
                raise cells.fail("applications", f"no application with id {app_text[:60]!r}")
            app = links.follow(cells, "applications", app, "applications")
            try:
                role_value = ContactRole(role.strip()).value
            except ValueError:
                raise cells.fail("applications", f"unknown role {role[:60]!r}") from None
            if (app, ident, role_value) not in linked:
                linked.add((app, ident, role_value))
                batch.add(
                    ApplicationContactRow, application_id=app, contact_id=ident, role=role_value
                )


def _interviewers(cells: Cells, row: list[str], links: Links, batch: Batch) -> list[int]:
    """The interview's people here: by the file's contact ids, or else by name (a contact is
    made for a name not known yet)."""
    people: list[int] = []
    for part in cells.text(row, "interviewer_ids", strip=True).split(";"):
        part = part.strip()
        if not part:
            continue
        if digits(part) is None:
            raise cells.fail("interviewer_ids", f"no contact with id {part[:60]!r}")
        if "contacts" not in links.given:
            continue  # without the export's contacts, its ids mean nothing here: names do
        person = links.follow(cells, "interviewer_ids", int(part), "contacts")
        if person not in people:
            people.append(person)
    if people:
        return people
    for name in cells.text(row, "interviewers").split(";"):
        name = name.strip()
        if not name:
            continue
        if name.lower() not in links.names:
            links.names[name.lower()] = links.contact_ids.new()
            batch.add(
                ContactRow,
                id=links.names[name.lower()],
                name=name,
                title="",
                email="",
                phone="",
                notes="",
                created_at=cells.now.astimezone(UTC),
            )
        if links.names[name.lower()] not in people:
            people.append(links.names[name.lower()])
    return people


def _interviews(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    ids = _Ids(links.have["interview_ids"], _wanted(cells, rows))
    existing = links.have["interview_keys"]
    seated = set(links.have["interviewer_links"])
    seen: set[int] = set()
    for line, row in rows:
        cells.step(line)
        wanted = _once(cells, row, seen)
        app = links.parent(cells, row, "application_id", "applications")
        starts = cells.moment(row, "starts_at", required=True).astimezone(UTC)
        key = (app, _stored(starts))
        present = key in existing
        if present:
            ident = existing[key]
            theirs = {name: cells.text(row, name) for name in _INTERVIEW_TEXTS}
            if cells.has("duration"):
                theirs["duration_minutes"] = cells.whole(row, "duration", 60, 0, 24 * 60) or 60
            if cells.has("kind"):
                theirs["kind"] = cells.choice(row, "kind", InterviewKind, InterviewKind.VIDEO).value
            _keep_both(
                cells,
                links.have["interview_rows"].get(ident),
                theirs,
                f"line {line}: the interview of {starts.astimezone(cells.zone):%Y-%m-%d %H:%M} "
                "is already there",
                (InterviewRow, {"id": ident}),
                summary,
                batch,
                texts=_INTERVIEW_TEXTS,
            )
        else:
            ident = existing[key] = ids.new(wanted)
            batch.add(
                InterviewRow,
                id=ident,
                application_id=app,
                starts_at=starts,
                duration_minutes=cells.whole(row, "duration", 60, 0, 24 * 60) or 60,
                kind=cells.choice(row, "kind", InterviewKind, InterviewKind.VIDEO).value,
                notes=cells.text(row, "notes"),
                strong_points=cells.text(row, "strong_points"),
                weak_answers=cells.text(row, "weak_answers"),
                they_said=cells.text(row, "they_said"),
                created_at=_created(cells, row),
            )
            summary.added += 1
        if wanted is not None:
            links.interviews[wanted] = ident
        for person in _interviewers(cells, row, links, batch):
            if (ident, person) not in seated:
                seated.add((ident, person))
                batch.add(InterviewerRow, interview_id=ident, contact_id=person)


def _touchpoints(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    ids = _Ids(links.have["touchpoint_ids"], _wanted(cells, rows))
    existing = links.have["touchpoint_keys"]
    added: dict[tuple, set[tuple]] = {}  # by this import: two messages of one moment are kept
    seen: set[int] = set()
    for line, row in rows:
        cells.step(line)
        wanted = _once(cells, row, seen)
        app = links.parent(cells, row, "application_id", "applications")
        contact = cells.ident(row, "contact_id")
        if contact is not None:
            contact = links.follow(cells, "contact_id", contact, "contacts")
        at = cells.moment(row, "at", required=True).astimezone(UTC)
        values = {
            "direction": cells.choice(row, "direction", Direction, Direction.OUT).value,
            "channel": cells.choice(row, "channel", Channel, Channel.EMAIL).value,
            "kind": cells.choice(row, "kind", TouchpointKind, TouchpointKind.OTHER).value,
            "subject": cells.text(row, "subject"),
            "body": cells.text(row, "body"),
        }
        key = (app, _stored(at), values["direction"], values["kind"])
        said = (
            f"line {line}: the {values['kind']} message of "
            f"{at.astimezone(cells.zone):%Y-%m-%d %H:%M} is already there"
        )
        here = existing.get(key)
        if here is not None:
            # The same message (its moment and kind) with other words or channel: both kept,
            # the file's below a marked line in its text; never a second message, which the
            # rules would count as a second follow-up.
            _keep_both(
                cells,
                here,
                {
                    "body": values["body"],
                    **{n: values[n] for n in ("channel", "subject") if cells.has(n)},
                },
                said,
                (TouchpointRow, {"id": here["id"]}),
                summary,
                batch,
                texts=("body",),
                into="body",
            )
            continue
        texts = (values["subject"], values["body"], values["channel"])
        if texts in added.get(key, ()):
            summary.skipped.append(said)  # the same line twice in the file
            continue
        added.setdefault(key, set()).add(texts)
        batch.add(
            TouchpointRow,
            id=ids.new(wanted),
            application_id=app,
            contact_id=contact,
            at=at,
            **values,
            created_at=_created(cells, row),
        )
        summary.added += 1


def _references(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    # One line per reference and application it was given for: a reference's id repeats.
    ids = _Ids(links.have["reference_ids"], _wanted(cells, rows))
    existing = links.have["reference_keys"]
    linked = set(links.have["reference_links"])
    for line, row in rows:
        cells.step(line)
        wanted = cells.ident(row, "id")
        ident = links.references.get(wanted) if wanted is not None else None
        new_link = False
        if ident is None:
            name = cells.text(row, "name", strip=True)
            if not name:
                raise cells.fail("name", "the name is empty")
            email = cells.text(row, "email")
            key = _person(name, email)
            if key in existing:
                ident = existing[key]
                present = f"line {line}: the reference {name[:60]} is already there"
                if _keep_both(
                    cells,
                    links.have["reference_rows"].get(ident),
                    {
                        "notes": cells.text(row, "notes"),
                        **_present(cells, row, "relationship", "phone"),
                    },
                    present,
                    (ReferenceRow, {"id": ident}),
                    summary,
                    batch,
                    skipped=False,
                ):
                    present = None
            else:
                present = None
                ident = existing[key] = ids.new(wanted)
                batch.add(
                    ReferenceRow,
                    id=ident,
                    name=name,
                    relationship=cells.text(row, "relationship"),
                    email=email,
                    phone=cells.text(row, "phone"),
                    notes=cells.text(row, "notes"),
                    created_at=_created(cells, row),
                )
                summary.added += 1
            if wanted is not None:
                links.references[wanted] = ident
        else:
            present = None
        if cells.text(row, "application_id", strip=True):
            app = links.parent(cells, row, "application_id", "applications")
            if (app, ident) not in linked:
                new_link = True
                linked.add((app, ident))
                batch.add(
                    ApplicationReferenceRow,
                    application_id=app,
                    reference_id=ident,
                    shared_on=cells.day(row, "shared_on"),
                    briefed_on=cells.day(row, "briefed_on"),
                )
            elif present is None:
                present = f"line {line}: the reference's link is already there"
        if present and not new_link:
            summary.skipped.append(present)


def _snoozes(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    ids = _Ids(links.have["snooze_ids"], _wanted(cells, rows))
    existing = links.have["snooze_keys"]
    seen: set[int] = set()
    for line, row in rows:
        cells.step(line)
        wanted = _once(cells, row, seen)
        # No application: the keep-searching rule, which belongs to none.
        app = None
        if cells.text(row, "application_id", strip=True):
            app = links.parent(cells, row, "application_id", "applications")
        rule = cells.choice(row, "rule", FollowUpRule, None)
        if rule is None:
            raise cells.fail("rule", "the rule is empty")
        until = _utc(cells.moment(row, "until"))
        cycle = links.cycle(cells.text(row, "cycle"))
        key = (app, rule.value, cycle, _stored(until))
        if key in existing:
            summary.skipped.append(f"line {line}: the {rule.value} snooze is already there")
            continue
        existing.add(key)
        batch.add(
            SnoozeRow,
            id=ids.new(wanted),
            application_id=app,
            rule=rule.value,
            until=until,
            cycle=cycle,
            created_at=_created(cells, row),
        )
        summary.added += 1


def _drafts(cells: Cells, rows, links: Links, summary: Summary, batch: Batch) -> None:
    drafted = links.have["draft_keys"]
    for line, row in rows:
        cells.step(line)
        app = links.parent(cells, row, "application_id", "applications")
        # A file from before drafts knew their action has no rule or cycle: a draft for none.
        rule = cells.text(row, "rule", strip=True)
        cycle = links.cycle(cells.text(row, "cycle", strip=True))
        if (app, rule, cycle) in drafted:
            theirs = {"body": cells.text(row, "body")}
            theirs |= _present(cells, row, "template")
            _keep_both(
                cells,
                links.have["draft_rows"].get((app, rule, cycle)),
                theirs,
                f"line {line}: the draft is already there",
                (DraftRow, {"application_id": app, "rule": rule, "cycle": cycle}),
                summary,
                batch,
                texts=("body",),
                into="body",
            )
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


_INTERVIEW_TEXTS = ("notes", "strong_points", "weak_answers", "they_said")


def _present(cells: Cells, row: list[str], *names: str) -> dict[str, Any]:
    """The file's values for the fields it has a column for (a tracker without a priority
    column says nothing about the priority)."""
    found: dict[str, Any] = {}
    for name in names:
        if not cells.has(name):
            continue
        if name == "priority":
            found[name] = cells.rating(row, name, 1, 5, 3)
        elif name == "decision_by":
            found[name] = _stored(cells.day(row, name))
        else:
            found[name] = cells.text(row, name)
    return found


def _keep_both(
    cells: Cells,
    here: dict[str, Any] | None,
    theirs: dict[str, Any],
    already: str,
    target: tuple[type, dict[str, Any]],
    summary: Summary,
    batch: Batch,
    *,
    texts: tuple[str, ...] = ("notes",),
    into: str = "notes",
    skipped: bool = True,
) -> bool:
    """A row already here: the file's text kept beside it when it differs (and said so), or
    else said to be skipped. Whether the row took anything from the file."""
    mark = f"imported {cells.now.astimezone(cells.zone):%Y-%m-%d %H:%M}"
    found = None
    if here is not None:  # None: added by this same import, from an earlier line
        found = csv_merge.merge(here, theirs, texts=texts, into=into, mark=mark)
    if found is None:
        if skipped:
            summary.skipped.append(already)
        return False
    table, where = target
    values = dict(found.values)
    if table is ApplicationRow:
        values["updated_at"] = cells.now
    batch.update(table, where, **values)
    summary.differed.append(f"{already} with other {found.said()}")
    return True


PREPARE = {
    "applications": _applications,
    "contacts": _contacts,
    "interviews": _interviews,
    "touchpoints": _touchpoints,
    "references": _references,
    "snoozes": _snoozes,
    "drafts": _drafts,
}


def prepare(parts, have: dict, each=lambda index: nullcontext()) -> Batch:
    """Every file's rows, parents first, into one batch: `parts` is a list of (table, cells,
    rows, summary) in the order of COLUMNS; `each(index)` is entered around each part."""
    batch = Batch()
    # The caller compares `have` with what is there at the write: it must stay as it was read.
    links = Links({table for table, *_ in parts}, {k: v.copy() for k, v in have.items()})
    for index, (table, cells, rows, summary) in enumerate(parts):
        with each(index):
            PREPARE[table](cells, rows, links, summary, batch)
    return batch
