"""The everyday reads of applications as plain values, in plain SQL on the driver's connection.

`followup list`, `show` and the APP argument of every command read this way, so that they
need not import SQLAlchemy (half a second) for a few rows; the app reads the same functions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from followup.domain.model import OPEN_STAGES, Channel, InputError, Stage
from followup.store.fields import APPLICATION_FIELDS, as_day, as_instant

if TYPE_CHECKING:
    import sqlite3

    from followup.store.db import Store
    from followup.store.deferred import DeferredStore

_INSTANTS = ("created_at", "updated_at", "notes_written_at")
_DAYS = ("applied_on", "decision_by")


class NotFound(InputError):
    """No application answers to what was asked for (`name`: a company name, not an id)."""

    def __init__(self, message: str, *, application_id: int | None = None, name: str = "") -> None:
        super().__init__(message)
        self.application_id = application_id
        self.name = name


class UnknownApplication(NotFound):
    def __init__(self, application_id: int) -> None:
        super().__init__(f"no application with id {application_id}", application_id=application_id)


def application_values(names: tuple[str, ...], row: tuple) -> dict[str, Any]:
    """A row of the applications table as the domain's values: dates and aware instants."""
    record = dict(zip(names, row, strict=True))
    for name in _DAYS:
        if name in record:
            record[name] = as_day(record[name])
    for name in _INSTANTS:
        if name in record:
            record[name] = as_instant(record[name])
    return record


_SELECT = f"SELECT {', '.join(APPLICATION_FIELDS)} FROM applications"


def list_applications(
    store: Store | DeferredStore, *, stage: Stage | None = None, include_closed: bool = False
) -> list[dict[str, Any]]:
    if stage is not None:
        where, values = " WHERE stage = ?", [stage.value]
    elif not include_closed:
        values = [s.value for s in OPEN_STAGES]
        where = f" WHERE stage IN ({', '.join('?' * len(values))})"
    else:
        where, values = "", []
    with store.driver() as connection:
        rows = connection.execute(f"{_SELECT}{where} ORDER BY id", values).fetchall()
    return [application_values(APPLICATION_FIELDS, row) for row in rows]


def _application(connection: sqlite3.Connection, application_id: int) -> dict[str, Any]:
    row = connection.execute(f"{_SELECT} WHERE id = ?", (application_id,)).fetchone()
    if row is None:
        raise UnknownApplication(application_id)
    return application_values(APPLICATION_FIELDS, row)


def application_detail(store: Store | DeferredStore, application_id: int) -> dict[str, Any]:
    """One application with its interviews, touchpoints, contacts and references."""
    with store.driver() as connection:
        run = connection.execute
        record = _application(connection, application_id)
        contacts = run(
            "SELECT c.id, c.name, c.title, c.email, c.phone, c.notes, l.role FROM contacts c "
            "JOIN application_contacts l ON l.contact_id = c.id "
            "WHERE l.application_id = ? ORDER BY c.name",
            (application_id,),
        ).fetchall()
        names = {contact[0]: contact[1] for contact in contacts}
        interviews = run(
            "SELECT id, starts_at, duration_minutes, kind, notes, strong_points, weak_answers, "
            "they_said FROM interviews WHERE application_id = ? ORDER BY starts_at",
            (application_id,),
        ).fetchall()
        by_interview: dict[int, list[str]] = defaultdict(list)
        for interview_id, name in run(
            "SELECT i.interview_id, c.name FROM interviewers i "
            "JOIN contacts c ON c.id = i.contact_id "
            "JOIN interviews v ON v.id = i.interview_id WHERE v.application_id = ?",
            (application_id,),
        ):
            by_interview[interview_id].append(name)
        touchpoints = run(
            "SELECT id, at, direction, channel, kind, contact_id, subject, body FROM touchpoints "
            "WHERE application_id = ? ORDER BY at, id",
            (application_id,),
        ).fetchall()
        references = run(
            "SELECT r.id, r.name, r.relationship, r.email, r.phone, r.notes, l.shared_on, "
            "l.briefed_on FROM reference_people r "
            "JOIN application_references l ON l.reference_id = r.id "
            "WHERE l.application_id = ? ORDER BY r.name",
            (application_id,),
        ).fetchall()
        saved = run(
            "SELECT rule, template, updated_at, body FROM drafts WHERE application_id = ? "
            "ORDER BY updated_at DESC",
            (application_id,),
        ).fetchall()
    record["contacts"] = [
        {"id": ident, "name": name, "title": title, "email": email, "phone": phone}
        | {"notes": notes, "role": role}
        for ident, name, title, email, phone, notes, role in contacts
    ]
    record["interviews"] = [
        {
            "id": ident,
            "starts_at": as_instant(starts),
            "duration": minutes,
            "kind": kind,
            "interviewers": sorted(by_interview.get(ident, [])),
            "notes": notes,
            "strong_points": strong,
            "weak_answers": weak,
            "they_said": said,
        }
        for ident, starts, minutes, kind, notes, strong, weak, said in interviews
    ]
    record["touchpoints"] = [
        {
            "id": ident,
            "at": as_instant(at),
            "direction": direction,
            "channel": channel,
            "kind": kind,
            "contact": names.get(contact) if contact else None,
            "subject": subject,
            "body": body,
        }
        for ident, at, direction, channel, kind, contact, subject, body in touchpoints
    ]
    record["references"] = [
        {"id": ident, "name": name, "relationship": relationship, "email": email}
        | {"phone": phone, "notes": notes}
        | {"shared_on": as_day(shared), "briefed_on": as_day(briefed)}
        for ident, name, relationship, email, phone, notes, shared, briefed in references
    ]
    record["drafts"] = [
        {
            "rule": rule,
            "template": template,
            "updated_at": as_instant(updated),
            "subject": body.partition("\n")[0].removeprefix("Subject:").strip(),
        }
        for rule, template, updated, body in saved
        if body.strip()
    ]
    return record


def applications_at(store: Store | DeferredStore, company: str) -> list[dict[str, Any]]:
    """Applications at the company a person named: the name exactly; else ignoring case;
    else every company whose name holds it ("pied piper" for "Pied Piper, Inc.": one
    company is an answer, several are candidates to list)."""
    names = ("id", "company", "role", "stage")
    select = f"SELECT {', '.join(names)} FROM applications"
    with store.driver() as connection:
        rows = connection.execute(f"{select} WHERE company = ? ORDER BY id", (company,)).fetchall()
        if not rows:
            # Case folded in Python: SQLite's lower() knows only ASCII ("ÉCOLE" is not
            # "école"). One pass over the distinct names, which a shell command can afford.
            wanted = company.casefold()
            found = connection.execute("SELECT DISTINCT company FROM applications")
            folded = [(name, name.casefold()) for (name,) in found]
            chosen = [name for name, key in folded if key == wanted]
            if not chosen:  # part of a name: every company holding it, for the caller to list
                chosen = [name for name, key in folded if wanted in key]
            if chosen:
                rows = connection.execute(
                    f"{select} WHERE company IN ({', '.join('?' * len(chosen))}) ORDER BY id",
                    chosen,
                ).fetchall()
    return [dict(zip(names, row, strict=True)) for row in rows]


def touchpoint_contact(store: Store | DeferredStore, touchpoint_id: int) -> str | None:
    """The name of the person a logged message was with (as matched, not as typed)."""
    with store.driver() as connection:
        found = connection.execute(
            "SELECT c.name FROM contacts c JOIN touchpoints t ON t.contact_id = c.id "
            "WHERE t.id = ?",
            (touchpoint_id,),
        ).fetchone()
    return found[0] if found else None


def last_channel(store: Store | DeferredStore, application_id: int) -> Channel | None:
    """The channel of the latest message with this application (seed 004: keep to it)."""
    with store.driver() as connection:
        found = connection.execute(
            "SELECT channel FROM touchpoints WHERE application_id = ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            (application_id,),
        ).fetchone()
    return Channel(found[0]) if found and found[0] else None
