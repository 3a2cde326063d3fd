"""Every read and write the app and the CLI make, as short units of work over a Store.

Callers get plain values (dicts and domain records), never live rows tied to a session. The
everyday ones are made in plain SQL (`records`, `writes`), and are named here too.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session

from followup.domain.model import (
    InputError,
    Stage,
)
from followup.store.db import Store
from followup.store.fields import APPLICATION_FIELDS
from followup.store.plain import session_connection
from followup.store.records import (  # noqa: F401  (part of this module's interface)
    UnknownApplication,
    application_detail,
    applications_at,
    last_channel,
    list_applications,
    touchpoint_contact,
)
from followup.store.tables import (
    ALL_TABLES,
    ApplicationReferenceRow,
    ApplicationRow,
    InterviewRow,
    ReferenceRow,
    SnoozeRow,
    UrgencyRow,
)
from followup.store.writes import (  # noqa: F401  (part of this module's interface)
    TEXT_LIMIT,
    AmbiguousContact,
    NewApplication,
    _utcnow,
    add_application,
    add_contact,
    add_interview,
    log_touchpoint,
    new_urgency,
    quick_add,
)
from followup.store.writes import text_value as _text


def _require(session: Session, application_id: int) -> ApplicationRow:
    row = session.get(ApplicationRow, application_id)
    if row is None:
        raise UnknownApplication(application_id)
    return row


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


def _touch(row: ApplicationRow, now: datetime) -> None:
    row.updated_at = now


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
            new_urgency(session_connection(session), application_id, stage)
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
