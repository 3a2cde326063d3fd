"""Every read and write the app and the CLI make, as short units of work over a Store.

Callers get plain values (dicts and domain records), never live rows tied to a session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session

from followup.domain import model
from followup.domain.model import (
    OPEN_STAGES,
    Channel,
    ContactRole,
    Direction,
    InputError,
    InterviewKind,
    Stage,
    TouchpointKind,
)
from followup.store.db import Store
from followup.store.fields import APPLICATION_FIELDS
from followup.store.tables import (
    ALL_TABLES,
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

TEXT_LIMIT = 1_000_000


class UnknownApplication(InputError):
    def __init__(self, application_id: int) -> None:
        super().__init__(f"no application with id {application_id}")


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _text(value: str | None, what: str, *, required: bool = False) -> str:
    cleaned = (value or "").strip() if required else (value or "")
    if required and not cleaned:
        raise InputError(f"{what} must not be empty")
    if len(cleaned) > TEXT_LIMIT:
        raise InputError(
            f"{what} is too long ({len(cleaned):,} characters; at most {TEXT_LIMIT:,})"
        )
    return cleaned


def _require(session: Session, application_id: int) -> ApplicationRow:
    row = session.get(ApplicationRow, application_id)
    if row is None:
        raise UnknownApplication(application_id)
    return row


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


def add_application(store: Store, new: NewApplication, *, now: datetime | None = None) -> int:
    return quick_add(store, new, now=now)


def _new_urgency(session: Session, application_id: int, stage: str) -> None:
    """A new application waits at the end of its group until the rules worker ranks it."""
    from followup.store.listing import CLOSED, NEVER, NOTHING

    closed = Stage(stage) in model.CLOSED_STAGES
    session.add(
        UrgencyRow(application_id=application_id, rank=CLOSED if closed else NOTHING, sort_at=NEVER)
    )


def quick_add(
    store: Store,
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
    with store.write() as session:
        row = ApplicationRow(
            company=_text(new.company, "company", required=True),
            role=_text(new.role, "role", required=True),
            stage=stage.value,
            applied_on=new.applied_on,
            source=_text(new.source, "source"),
            url=_text(new.url, "url"),
            location=_text(new.location, "location"),
            salary=_text(new.salary, "salary"),
            priority=new.priority,
            decision_by=new.decision_by,
            notes=_text(new.notes, "notes"),
            notes_written_at=moment if new.notes.strip() else None,
            created_at=moment,
            updated_at=moment,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        _new_urgency(session, row.id, row.stage)
        person = find_or_create_contact(session, contact) if contact.strip() else None
        if person is not None:
            role = ContactRole.INTERVIEWER if interview_at else ContactRole.RECRUITER
            link_contact(session, row.id, person.id, role)
        if interview_at is not None:
            interview = InterviewRow(
                application_id=row.id, starts_at=interview_at, created_at=moment
            )
            session.add(interview)
            session.flush()
            if person is not None:
                session.add(InterviewerRow(interview_id=interview.id, contact_id=person.id))
        return row.id


def add_contact(
    store: Store,
    application_id: int,
    *,
    name: str,
    role: ContactRole,
    title: str = "",
    email: str = "",
    phone: str = "",
) -> int:
    """Link a person (found by name, or new) to an application, filling in what is given."""
    with store.write() as session:
        _require(session, application_id)
        person = contact_for(session, application_id, name)
        for key, value in (("title", title), ("email", email), ("phone", phone)):
            if value.strip():
                setattr(person, key, _text(value.strip(), key))
        link_contact(session, application_id, person.id, ContactRole(role))
        assert person.id is not None
        return person.id


def add_reference(
    store: Store,
    application_id: int,
    *,
    name: str,
    relationship: str = "",
    email: str = "",
    phone: str = "",
    shared_on: date | None = None,
    briefed_on: date | None = None,
) -> int:
    """Give a reference for an application (a known one is found by name)."""
    cleaned = _text(name, "reference name", required=True)
    with store.write() as session:
        _require(session, application_id)
        person = (
            session.execute(
                select(ReferenceRow).where(func.lower(ReferenceRow.name) == cleaned.lower())
            )
            .scalars()
            .first()
        )
        if person is None:
            person = ReferenceRow(name=cleaned)
            session.add(person)
        for key, value in (("relationship", relationship), ("email", email), ("phone", phone)):
            if value.strip():
                setattr(person, key, _text(value.strip(), key))
        session.flush()
        link = session.get(ApplicationReferenceRow, (application_id, person.id))
        if link is None:
            link = ApplicationReferenceRow(application_id=application_id, reference_id=person.id)
            session.add(link)
        if shared_on is not None:
            link.shared_on = shared_on
        if briefed_on is not None:
            link.briefed_on = briefed_on
        assert person.id is not None
        return person.id


def mark_references_briefed(store: Store, application_id: int, day: date) -> int:
    """Every reference of an application briefed on `day`; returns how many."""
    with store.write() as session:
        _require(session, application_id)
        links = (
            session.execute(
                select(ApplicationReferenceRow).where(
                    ApplicationReferenceRow.application_id == application_id
                )
            )
            .scalars()
            .all()
        )
        for link in links:
            link.briefed_on = day
        return len(links)


def delete_application(store: Store, application_id: int) -> None:
    """Delete an application and everything recorded for it (contacts stay)."""
    with store.write() as session:
        session.delete(_require(session, application_id))


def application_exists(store: Store, application_id: int) -> bool:
    with store.read() as session:
        return session.get(ApplicationRow, application_id) is not None


class AmbiguousContact(InputError):
    """A name that could be more than one of the application's contacts."""


def contact_for(session: Session, application_id: int, name: str) -> ContactRow:
    """The person a name means for this application: one of its contacts with that full name
    (any case), or the only one with that first name ("Priya" is its Priya Patel); otherwise
    the person of that name anywhere, or a new one. AmbiguousContact when two could be meant.
    """
    cleaned = " ".join(_text(name, "contact name", required=True).split())
    linked = (
        session.execute(
            select(ContactRow)
            .join(ApplicationContactRow, ApplicationContactRow.contact_id == ContactRow.id)
            .where(ApplicationContactRow.application_id == application_id)
            .order_by(ContactRow.id)
        )
        .scalars()
        .unique()
        .all()
    )
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
    return find_or_create_contact(session, cleaned)


def find_or_create_contact(session: Session, name: str) -> ContactRow:
    cleaned = _text(name, "contact name", required=True)
    found = (
        session.execute(
            select(ContactRow).where(func.lower(ContactRow.name) == cleaned.lower()).limit(1)
        )
        .scalars()
        .first()
    )
    if found is not None:
        return found
    contact = ContactRow(name=cleaned)
    session.add(contact)
    session.flush()
    return contact


def link_contact(session: Session, application_id: int, contact_id: int, role: ContactRole) -> None:
    existing = session.get(ApplicationContactRow, (application_id, contact_id, role.value))
    if existing is None:
        session.add(
            ApplicationContactRow(
                application_id=application_id, contact_id=contact_id, role=role.value
            )
        )


def _touch(row: ApplicationRow, now: datetime) -> None:
    row.updated_at = now


def add_interview(
    store: Store,
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
    with store.write() as session:
        application = _require(session, application_id)
        interview = InterviewRow(
            application_id=application_id,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            kind=InterviewKind(kind).value,
            notes=_text(notes, "notes"),
            they_said=_text(they_said, "they said"),
            created_at=moment,
        )
        session.add(interview)
        session.flush()
        for name in interviewers or []:
            contact = contact_for(session, application_id, name)
            session.add(InterviewerRow(interview_id=interview.id, contact_id=contact.id))
            link_contact(session, application_id, contact.id, ContactRole.INTERVIEWER)
        if decision_by is not None:
            application.decision_by = decision_by
        moved = None
        if application.stage in (Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING):
            application.stage = moved = Stage.INTERVIEWING.value
        _touch(application, moment)
        assert interview.id is not None
        return interview.id, moved


def log_touchpoint(
    store: Store,
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
    moment = now or _utcnow()
    with store.write() as session:
        application = _require(session, application_id)
        contact_id = None
        if contact:
            person = contact_for(session, application_id, contact)
            contact_id = person.id
            linked = session.execute(
                select(ApplicationContactRow.contact_id).where(
                    ApplicationContactRow.application_id == application_id,
                    ApplicationContactRow.contact_id == person.id,
                )
            ).first()
            if linked is None:
                link_contact(session, application_id, person.id, ContactRole.RECRUITER)
        row = TouchpointRow(
            application_id=application_id,
            contact_id=contact_id,
            at=at,
            direction=Direction(direction).value,
            channel=Channel(channel).value,
            kind=TouchpointKind(kind).value,
            subject=_text(subject, "subject"),
            body=_text(body, "body"),
            created_at=moment,
        )
        session.add(row)
        if decision_by is not None:
            application.decision_by = decision_by
        _touch(application, moment)
        session.flush()
        assert row.id is not None
        return row.id


def touchpoint_contact(store: Store, touchpoint_id: int) -> str | None:
    """The name of the person a logged message was with (as matched, not as typed)."""
    with store.read() as session:
        return session.execute(
            select(ContactRow.name)
            .join(TouchpointRow, TouchpointRow.contact_id == ContactRow.id)
            .where(TouchpointRow.id == touchpoint_id)
        ).scalar()


def last_channel(store: Store, application_id: int) -> Channel | None:
    """The channel of the latest message with this application (seed 004: keep to it)."""
    with store.read() as session:
        channel = session.execute(
            select(TouchpointRow.channel)
            .where(TouchpointRow.application_id == application_id)
            .order_by(TouchpointRow.at.desc(), TouchpointRow.id.desc())
            .limit(1)
        ).scalar()
    return Channel(channel) if channel else None


def set_stage(
    store: Store,
    application_id: int,
    stage: Stage,
    *,
    now: datetime | None = None,
    today: date | None = None,
) -> str:
    """Move an application to `stage`; returns the stage it had. A wishlist item moving on has
    been applied to: `today` (the local date) becomes its applied date if it has none."""
    with store.write() as session:
        application = _require(session, application_id)
        before = application.stage
        application.stage = Stage(stage).value
        applying = Stage(stage).is_open and Stage(stage) is not Stage.WISHLIST
        if applying and application.applied_on is None and today is not None:
            application.applied_on = today
        _touch(application, now or _utcnow())
        if Stage(stage).is_open != Stage(before).is_open:
            # Closing hides it from the list at once; the rules worker ranks it properly later.
            session.execute(delete(UrgencyRow).where(UrgencyRow.application_id == application_id))
            _new_urgency(session, application_id, stage.value)
        return before


CONFLICT_MARK = (
    "===== These notes were changed elsewhere while you edited them: above is what was saved "
    "there, below is yours. ====="
)


def set_notes(
    store: Store,
    application_id: int,
    notes: str,
    *,
    now: datetime | None = None,
    expected: str | None = None,
) -> bool:
    """Store an application's notes. `expected` is the text the editor opened with: when the
    stored notes changed since (another app, the shell), both texts are kept, marked, and
    True is returned. The comparison is made inside the write transaction, so no save made in
    between can be lost."""
    with store.write() as session:
        application = _require(session, application_id)
        stored, mine = application.notes, _text(notes, "notes")
        merged = expected is not None and stored != expected and stored != mine
        if merged and mine == expected:
            return False  # nothing changed here: what was saved elsewhere stays
        if merged:
            mine = _text(f"{stored.rstrip()}\n\n{CONFLICT_MARK}\n\n{mine}", "notes")
        application.notes = mine
        moment = now or _utcnow()
        _touch(application, moment)
        application.notes_written_at = moment if application.notes.strip() else None
        return merged


def set_interview_notes(
    store: Store,
    application_id: int,
    interview_id: int,
    notes: str | None,
    *,
    they_said: str | None = None,
    now: datetime | None = None,
) -> None:
    """Write (or rewrite) an interview's notes, and what the interviewer said (which a
    thank-you may quote): they are taken after it, not only when it is recorded. None leaves
    a text as it is."""
    with store.write() as session:
        application = _require(session, application_id)
        interview = session.get(InterviewRow, interview_id)
        if interview is None or interview.application_id != application_id:
            raise InputError(f"application {application_id} has no interview {interview_id}")
        if notes is not None:
            interview.notes = _text(notes, "notes")
        if they_said is not None:
            interview.they_said = _text(they_said, "they said")
        _touch(application, now or _utcnow())


def current_value(store: Store, application_id: int, field: str) -> Any:
    """One field of an application as stored now: an edit starts from it, not from a row read
    earlier (another app or the shell may have changed it since)."""
    if field not in APPLICATION_FIELDS:
        raise ValueError(f"not a field of an application: {field}")
    with store.read() as session:
        return getattr(_require(session, application_id), field)


def notes_of(store: Store, application_id: int) -> str:
    return current_value(store, application_id, "notes")


def snooze(
    store: Store, application_id: int | None, rule: str, *, until: datetime | None, cycle: str = ""
) -> None:
    """Hide one rule's action until `until`, or (until None) dismiss it for `cycle`."""
    with store.write() as session:
        if application_id is not None:
            _require(session, application_id)
        session.add(SnoozeRow(application_id=application_id, rule=rule, until=until, cycle=cycle))


# Reading.


def application_record(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in APPLICATION_FIELDS}


def list_applications(
    store: Store, *, stage: Stage | None = None, include_closed: bool = False
) -> list[dict[str, Any]]:
    query = select(*[getattr(ApplicationRow, name) for name in APPLICATION_FIELDS])
    if stage is not None:
        query = query.where(ApplicationRow.stage == stage.value)
    elif not include_closed:
        query = query.where(ApplicationRow.stage.in_([s.value for s in OPEN_STAGES]))
    query = query.order_by(ApplicationRow.id)
    with store.read() as session:
        return [dict(row._mapping) for row in session.execute(query)]


def application_detail(store: Store, application_id: int) -> dict[str, Any]:
    """One application with its interviews, touchpoints, contacts and references."""
    with store.read() as session:
        application = _require(session, application_id)
        record = application_record(application)
        contacts = session.execute(
            select(ContactRow, ApplicationContactRow.role)
            .join(ApplicationContactRow, ApplicationContactRow.contact_id == ContactRow.id)
            .where(ApplicationContactRow.application_id == application_id)
            .order_by(ContactRow.name)
        ).all()
        names = {contact.id: contact.name for contact, _ in contacts}
        interviews = (
            session.execute(
                select(InterviewRow)
                .where(InterviewRow.application_id == application_id)
                .order_by(InterviewRow.starts_at)
            )
            .scalars()
            .all()
        )
        interviewer_rows = session.execute(
            select(InterviewerRow.interview_id, ContactRow.name)
            .join(ContactRow, ContactRow.id == InterviewerRow.contact_id)
            .where(InterviewerRow.interview_id.in_([i.id for i in interviews]))
        ).all()
        by_interview: dict[int, list[str]] = defaultdict(list)
        for interview_id, name in interviewer_rows:
            by_interview[interview_id].append(name)
        touchpoints = (
            session.execute(
                select(TouchpointRow)
                .where(TouchpointRow.application_id == application_id)
                .order_by(TouchpointRow.at, TouchpointRow.id)
            )
            .scalars()
            .all()
        )
        references = session.execute(
            select(ReferenceRow, ApplicationReferenceRow)
            .join(ApplicationReferenceRow, ApplicationReferenceRow.reference_id == ReferenceRow.id)
            .where(ApplicationReferenceRow.application_id == application_id)
            .order_by(ReferenceRow.name)
        ).all()
        record["contacts"] = [
            {
                "id": contact.id,
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phone": contact.phone,
                "notes": contact.notes,
                "role": role,
            }
            for contact, role in contacts
        ]
        record["interviews"] = [
            {
                "id": interview.id,
                "starts_at": interview.starts_at,
                "duration": interview.duration_minutes,
                "kind": interview.kind,
                "interviewers": sorted(by_interview.get(interview.id, [])),
                "notes": interview.notes,
                "strong_points": interview.strong_points,
                "weak_answers": interview.weak_answers,
                "they_said": interview.they_said,
            }
            for interview in interviews
        ]
        record["touchpoints"] = [
            {
                "id": touchpoint.id,
                "at": touchpoint.at,
                "direction": touchpoint.direction,
                "channel": touchpoint.channel,
                "kind": touchpoint.kind,
                "contact": names.get(touchpoint.contact_id) if touchpoint.contact_id else None,
                "subject": touchpoint.subject,
                "body": touchpoint.body,
            }
            for touchpoint in touchpoints
        ]
        record["references"] = [
            {
                "id": reference.id,
                "name": reference.name,
                "relationship": reference.relationship,
                "email": reference.email,
                "phone": reference.phone,
                "notes": reference.notes,
                "shared_on": link.shared_on,
                "briefed_on": link.briefed_on,
            }
            for reference, link in references
        ]
        saved = (
            session.execute(
                select(DraftRow)
                .where(DraftRow.application_id == application_id)
                .order_by(DraftRow.updated_at.desc())
            )
            .scalars()
            .all()
        )
        record["drafts"] = [
            {
                "rule": draft.rule,
                "template": draft.template,
                "updated_at": draft.updated_at,
                "subject": draft.body.partition("\n")[0].removeprefix("Subject:").strip(),
            }
            for draft in saved
            if draft.body.strip()
        ]
        return record


def row_counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            table.__tablename__: session.execute(
                select(func.count()).select_from(table)
            ).scalar_one()
            for table in ALL_TABLES
        }


def count_applications(store: Store) -> int:
    with store.read() as session:
        return session.execute(select(func.count()).select_from(ApplicationRow)).scalar_one()


def applications_at(store: Store, company: str) -> list[dict[str, Any]]:
    """Applications at the company a person named: the name exactly; else ignoring case;
    else every company whose name holds it ("pied piper" for "Pied Piper, Inc.": one
    company is an answer, several are candidates to list)."""
    columns = (ApplicationRow.id, ApplicationRow.company, ApplicationRow.role, ApplicationRow.stage)
    query = select(*columns).order_by(ApplicationRow.id)
    with store.read() as session:
        rows = session.execute(query.where(ApplicationRow.company == company)).all()
        if not rows:
            # Case folded in Python: SQLite's lower() knows only ASCII ("ÉCOLE" is not
            # "école"). One pass over the distinct names, which a shell command can afford.
            wanted = company.casefold()
            names = [name for (name,) in session.execute(select(ApplicationRow.company).distinct())]
            folded = [(name, name.casefold()) for name in names]
            chosen = [name for name, key in folded if key == wanted]
            if not chosen:  # part of a name: every company holding it, for the caller to list
                chosen = [name for name, key in folded if wanted in key]
            if chosen:
                rows = session.execute(query.where(ApplicationRow.company.in_(chosen))).all()
        return [dict(row._mapping) for row in rows]
