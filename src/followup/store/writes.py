"""The everyday writes in plain SQL: an application added, an interview or a message recorded,
a contact linked. Each is one short transaction that takes the write lock up front.

`followup add`, `interview` and `log` write this way, so that they need not import SQLAlchemy
(half a second) for a few rows; the app makes the same writes. Values are validated here and
stored exactly as the tables in `tables.py` define them (naive UTC text for instants).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

from followup.domain.model import (
    CLOSED_STAGES,
    Channel,
    ContactRole,
    Direction,
    InputError,
    InterviewKind,
    Stage,
    TouchpointKind,
)
from followup.store.fields import stored_day, stored_instant
from followup.store.listing import CLOSED, NEVER, NOTHING
from followup.store.records import UnknownApplication

if TYPE_CHECKING:
    import sqlite3

    from followup.store.db import Store
    from followup.store.deferred import DeferredStore

TEXT_LIMIT = 1_000_000


def _utcnow() -> datetime:
    return datetime.now(UTC)


def text_value(value: str | None, what: str, *, required: bool = False) -> str:
    """A text field as stored; InputError when a required one is blank or any is too long."""
    cleaned = (value or "").strip() if required else (value or "")
    if required and not cleaned:
        raise InputError(f"{what} must not be empty")
    if len(cleaned) > TEXT_LIMIT:
        raise InputError(
            f"{what} is too long ({len(cleaned):,} characters; at most {TEXT_LIMIT:,})"
        )
    return cleaned


def line_value(value: str | None, what: str, *, required: bool = False) -> str:
    """A one-line field (a company, a place, an address, a subject): spaces around it are never
    meant, and "  Acme " kept as typed would be a second Acme."""
    return text_value((value or "").strip(), what, required=required)


def _stage_of(connection: sqlite3.Connection, application_id: int) -> str:
    found = connection.execute(
        "SELECT stage FROM applications WHERE id = ?", (application_id,)
    ).fetchone()
    if found is None:
        raise UnknownApplication(application_id)
    return found[0]


@dataclass(frozen=True)
class NewApplication:
    company: str
    role: str
    stage: Stage = Stage.APPLIED
    applied_on: date | None = None
    source: str = ""
    url: str = ""
    location: str = ""
    salary: str = ""
    priority: int = 3
    decision_by: date | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        # Trimmed where it is made, so what a command echoes and what a duplicate is looked
        # up by are what is stored: "  Acme " is Acme.
        for name in ("company", "role", "source", "url", "location", "salary"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, value.strip())


def add_application(
    store: Store | DeferredStore, new: NewApplication, *, now: datetime | None = None
) -> int:
    return quick_add(store, new, now=now)


def quick_add(
    store: Store | DeferredStore,
    new: NewApplication,
    *,
    interview_at: datetime | None = None,
    contact: str = "",
    now: datetime | None = None,
) -> int:
    """An application with an optional interview and contact, all in one transaction."""
    if not 1 <= new.priority <= 5:
        raise InputError(f"priority must be between 1 and 5, got {new.priority}")
    moment = now or _utcnow()
    stage = Stage(new.stage)
    if interview_at is not None and stage in (Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING):
        stage = Stage.INTERVIEWING
    values = (
        line_value(new.company, "company", required=True),
        line_value(new.role, "role", required=True),
        stage.value,
        stored_day(new.applied_on),
        line_value(new.source, "source"),
        line_value(new.url, "url"),
        line_value(new.location, "location"),
        line_value(new.salary, "salary"),
        new.priority,
        stored_day(new.decision_by),
        text_value(new.notes, "notes"),
        stored_instant(moment),
        stored_instant(moment),
        stored_instant(moment) if new.notes.strip() else None,
    )
    starts = stored_instant(interview_at)
    with store.driver_write() as connection:
        application_id = connection.execute(
            "INSERT INTO applications (company, role, stage, applied_on, source, url, location, "
            "salary, priority, decision_by, notes, created_at, updated_at, notes_written_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        ).lastrowid
        assert application_id is not None
        new_urgency(connection, application_id, stage)
        person = find_or_create_contact(connection, contact) if contact.strip() else None
        if person is not None:
            role = ContactRole.INTERVIEWER if interview_at else ContactRole.RECRUITER
            link_contact(connection, application_id, person.id, role)
        if starts is not None:
            interview_id = connection.execute(
                "INSERT INTO interviews (application_id, starts_at, duration_minutes, kind, "
                "notes, strong_points, weak_answers, they_said, created_at) "
                "VALUES (?, ?, 60, ?, '', '', '', '', ?)",
                (application_id, starts, InterviewKind.VIDEO.value, stored_instant(moment)),
            ).lastrowid
            if person is not None:
                _add_interviewer(connection, interview_id, person.id)
        return application_id


def new_urgency(connection: sqlite3.Connection, application_id: int, stage: Stage) -> None:
    """A new application (or one opened or closed) waits at the end of its group until the
    rules worker ranks it."""
    connection.execute(
        "INSERT INTO application_urgency (application_id, rank, sort_at, rule, state, message, "
        "opens_at, due_by) VALUES (?, ?, ?, '', '', '', NULL, NULL)",
        (application_id, CLOSED if stage in CLOSED_STAGES else NOTHING, stored_instant(NEVER)),
    )


class Contact(NamedTuple):
    id: int
    name: str


class AmbiguousContact(InputError):
    """A name that could be more than one of the application's contacts."""


def contact_for(connection: sqlite3.Connection, application_id: int, name: str) -> Contact:
    """The person a name means for this application: one of its contacts with that full name
    (any case), or the only one with that first name ("Priya" is its Priya Patel); otherwise
    the person of that name anywhere, or a new one. AmbiguousContact when two could be meant.
    """
    cleaned = " ".join(text_value(name, "contact name", required=True).split())
    linked = [
        Contact(*row)
        for row in connection.execute(
            "SELECT DISTINCT c.id, c.name FROM contacts c "
            "JOIN application_contacts l ON l.contact_id = c.id "
            "WHERE l.application_id = ? ORDER BY c.id",
            (application_id,),
        )
    ]
    wanted = cleaned.casefold()
    for person in linked:
        if " ".join(person.name.split()).casefold() == wanted:
            return person
    if " " not in wanted:
        same_first = [p for p in linked if (p.name.split() or [""])[0].casefold() == wanted]
        if len(same_first) == 1:
            return same_first[0]
        if same_first:
            names = " or ".join(p.name for p in same_first[:5])
            raise AmbiguousContact(
                f"contact '{cleaned}' could be {names} (contacts of this application): "
                "give the full name"
            )
    return find_or_create_contact(connection, cleaned)


def find_or_create_contact(connection: sqlite3.Connection, name: str) -> Contact:
    cleaned = text_value(name, "contact name", required=True)
    found = connection.execute(
        "SELECT id, name FROM contacts WHERE lower(name) = ? LIMIT 1", (cleaned.lower(),)
    ).fetchone()
    if found is not None:
        return Contact(*found)
    made = connection.execute(
        "INSERT INTO contacts (name, title, email, phone, notes, created_at) "
        "VALUES (?, '', '', '', '', ?)",
        (cleaned, stored_instant(_utcnow())),
    ).lastrowid
    assert made is not None
    return Contact(made, cleaned)


def link_contact(
    connection: sqlite3.Connection, application_id: int, contact_id: int, role: ContactRole
) -> None:
    connection.execute(
        "INSERT OR IGNORE INTO application_contacts (application_id, contact_id, role) "
        "VALUES (?, ?, ?)",
        (application_id, contact_id, ContactRole(role).value),
    )


def _add_interviewer(connection: sqlite3.Connection, interview_id: int, contact_id: int) -> None:
    connection.execute(
        "INSERT INTO interviewers (interview_id, contact_id) VALUES (?, ?)",
        (interview_id, contact_id),
    )


def _touch(
    connection: sqlite3.Connection,
    application_id: int,
    now: datetime,
    *,
    decision_by: date | None = None,
    stage: str | None = None,
) -> None:
    """The application changed at `now`; a decision date or stage given replaces the one
    stored. Only the columns that change are named: naming one is a change to its triggers."""
    columns = {"updated_at": stored_instant(now)}
    if decision_by is not None:
        columns["decision_by"] = stored_day(decision_by)
    if stage is not None:
        columns["stage"] = stage
    connection.execute(
        f"UPDATE applications SET {', '.join(f'{name} = ?' for name in columns)} WHERE id = ?",
        (*columns.values(), application_id),
    )


def add_contact(
    store: Store | DeferredStore,
    application_id: int,
    *,
    name: str,
    role: ContactRole,
    title: str = "",
    email: str = "",
    phone: str = "",
) -> int:
    """Link a person (found by name, or new) to an application, filling in what is given."""
    with store.driver_write() as connection:
        _stage_of(connection, application_id)
        person = contact_for(connection, application_id, name)
        for key, value in (("title", title), ("email", email), ("phone", phone)):
            if value.strip():
                connection.execute(
                    f"UPDATE contacts SET {key} = ? WHERE id = ?",
                    (text_value(value.strip(), key), person.id),
                )
        link_contact(connection, application_id, person.id, ContactRole(role))
        return person.id


def add_interview(
    store: Store | DeferredStore,
    application_id: int,
    *,
    starts_at: datetime,
    duration_minutes: int = 60,
    kind: InterviewKind = InterviewKind.VIDEO,
    interviewers: list[str] | None = None,
    decision_by: date | None = None,
    notes: str = "",
    they_said: str = "",
    now: datetime | None = None,
) -> tuple[int, str | None]:
    """Record an interview; returns its id and the new stage when the stage moved forward.
    `they_said`: what the interviewer said, which a thank-you may quote (private `notes` never)."""
    if duration_minutes <= 0 or duration_minutes > 24 * 60:
        raise InputError(f"duration must be between 1 and 1440 minutes, got {duration_minutes}")
    moment = now or _utcnow()
    with store.driver_write() as connection:
        stage = _stage_of(connection, application_id)
        interview_id = connection.execute(
            "INSERT INTO interviews (application_id, starts_at, duration_minutes, kind, notes, "
            "strong_points, weak_answers, they_said, created_at) "
            "VALUES (?, ?, ?, ?, ?, '', '', ?, ?)",
            (
                application_id,
                stored_instant(starts_at),
                duration_minutes,
                InterviewKind(kind).value,
                text_value(notes, "notes"),
                text_value(they_said, "they said"),
                stored_instant(moment),
            ),
        ).lastrowid
        assert interview_id is not None
        for name in interviewers or []:
            contact = contact_for(connection, application_id, name)
            _add_interviewer(connection, interview_id, contact.id)
            link_contact(connection, application_id, contact.id, ContactRole.INTERVIEWER)
        moved = None
        if stage in (Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING):
            moved = Stage.INTERVIEWING.value
        _touch(connection, application_id, moment, decision_by=decision_by, stage=moved)
        return interview_id, moved


def move_stage(
    connection: sqlite3.Connection,
    application_id: int,
    stage: Stage,
    now: datetime,
    today: date | None = None,
) -> str:
    """Move an application to `stage`; returns the stage it had. A wishlist item moving on has
    been applied to: `today` (the local date) becomes its applied date if it has none. The one
    way a stage changes: `stage`, an offer or rejection logged, the app's form."""
    found = connection.execute(
        "SELECT stage, applied_on FROM applications WHERE id = ?", (application_id,)
    ).fetchone()
    if found is None:
        raise UnknownApplication(application_id)
    before, applied = found
    stage = Stage(stage)
    columns = {"stage": stage.value, "updated_at": stored_instant(now)}
    if stage.is_open and stage is not Stage.WISHLIST and applied is None and today is not None:
        columns["applied_on"] = stored_day(today)
    connection.execute(
        f"UPDATE applications SET {', '.join(f'{name} = ?' for name in columns)} WHERE id = ?",
        (*columns.values(), application_id),
    )
    if stage.is_open != Stage(before).is_open:
        # Closing hides it from the list at once; the rules worker ranks it properly later.
        connection.execute(
            "DELETE FROM application_urgency WHERE application_id = ?", (application_id,)
        )
        new_urgency(connection, application_id, stage)
    return before


class Logged(NamedTuple):
    touchpoint_id: int
    # The stage before and after: they differ when the message moved it (an offer, a rejection).
    before: str
    after: str


def log_touchpoint(
    store: Store | DeferredStore,
    application_id: int,
    *,
    kind: TouchpointKind,
    direction: Direction = Direction.OUT,
    channel: Channel = Channel.EMAIL,
    at: datetime,
    contact: str | None = None,
    subject: str = "",
    body: str = "",
    decision_by: date | None = None,
    now: datetime | None = None,
) -> int:
    return log_message(
        store,
        application_id,
        kind=kind,
        direction=direction,
        channel=channel,
        at=at,
        contact=contact,
        subject=subject,
        body=body,
        decision_by=decision_by,
        now=now,
    ).touchpoint_id


def log_message(
    store: Store | DeferredStore,
    application_id: int,
    *,
    kind: TouchpointKind,
    direction: Direction = Direction.OUT,
    channel: Channel = Channel.EMAIL,
    at: datetime,
    contact: str | None = None,
    subject: str = "",
    body: str = "",
    decision_by: date | None = None,
    now: datetime | None = None,
    stage: Stage | None = None,
    today: date | None = None,
) -> Logged:
    """A message recorded; with `stage` (what an offer or a rejection means), the application
    moves there in the same transaction, unless it is closed already (a late offer does not
    reopen an accepted one) or there."""
    moment = now or _utcnow()
    with store.driver_write() as connection:
        current = _stage_of(connection, application_id)
        contact_id = None
        if contact:
            person = contact_for(connection, application_id, contact)
            contact_id = person.id
            linked = connection.execute(
                "SELECT contact_id FROM application_contacts "
                "WHERE application_id = ? AND contact_id = ?",
                (application_id, person.id),
            ).fetchone()
            if linked is None:
                link_contact(connection, application_id, person.id, ContactRole.RECRUITER)
        touchpoint_id = connection.execute(
            "INSERT INTO touchpoints (application_id, contact_id, at, direction, channel, kind, "
            "subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                application_id,
                contact_id,
                stored_instant(at),
                Direction(direction).value,
                Channel(channel).value,
                TouchpointKind(kind).value,
                line_value(subject, "subject"),
                text_value(body, "body"),
                stored_instant(moment),
            ),
        ).lastrowid
        assert touchpoint_id is not None
        _touch(connection, application_id, moment, decision_by=decision_by)
        if stage is None or stage.value == current or not Stage(current).is_open:
            return Logged(touchpoint_id, current, current)
        move_stage(connection, application_id, stage, moment, today)
        return Logged(touchpoint_id, current, stage.value)
