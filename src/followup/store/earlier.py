"""Earlier applications to the same company, so adding one can say so before a second
application goes out by mistake (open ones, and ones closed within the last year). One
query on an index of the company as compared (`ix_applications_company`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.domain.model import OPEN_STAGES
from followup.domain.text import visible
from followup.store.fields import as_day, as_instant

if TYPE_CHECKING:
    from followup.store.db import Store
    from followup.store.deferred import DeferredStore

RECENT = timedelta(days=365)
OPEN = {stage.value for stage in OPEN_STAGES}


def earlier_applications(
    store: Store | DeferredStore, company: str, now: datetime
) -> list[dict[str, Any]]:
    """Applications to `company` (ignoring case and spaces around it) that are open, or were
    closed less than a year before `now`; newest first."""
    name = company.strip()
    if not name:
        return []
    # Plain SQL on the driver: `followup add` asks before it has loaded SQLAlchemy.
    with store.driver() as connection:
        found = connection.execute(
            "SELECT id, company, role, stage, applied_on, updated_at FROM applications "
            "WHERE lower(trim(company)) = lower(?) ORDER BY id DESC",
            [name],
        ).fetchall()
    rows = [
        {
            "id": ident,
            "company": company_name,
            "role": role,
            "stage": stage,
            "applied_on": as_day(applied),
            "updated_at": as_instant(updated),
        }
        for ident, company_name, role, stage, applied, updated in found
    ]
    return [row for row in rows if row["stage"] in OPEN or now - row["updated_at"] < RECENT]


def same_application(
    store: Store | DeferredStore, company: str, role: str, now: datetime
) -> list[dict[str, Any]]:
    """What `followup add` warns about: an open application to `company` for the same `role`
    (case and outer spaces ignored), or any closed there within the last year; newest first.
    Other open roles at the company are usual (a script adds them one by one)."""
    same_role = role.strip().lower()
    return [
        row
        for row in earlier_applications(store, company, now)
        if row["stage"] not in OPEN or row["role"].strip().lower() == same_role
    ]


def said(found: list[dict[str, Any]]) -> str:
    """One line for the person adding another application, or "" when there is none."""
    if not found:
        return ""
    return f"Already there: {described(found)}"


def described(found: list[dict[str, Any]]) -> str:
    """The newest of `found` in words ("Engineer (applied, applied 3 Nov 2026), still open.")."""
    first = found[0]
    state = "still open" if first["stage"] in OPEN else "closed in the last year"
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    applied = f", applied {first['applied_on']:%-d %b %Y}" if first["applied_on"] else ""
    return f"{visible(first['role'])} ({first['stage']}{applied}), {state}{more}."
