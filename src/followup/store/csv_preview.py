"""The first rows of an import as they will be stored, for the preview before it is made:
what a column was read as (a status, a date, a contact, the notes) shows before any write."""

from __future__ import annotations

from datetime import date
from typing import Any

from followup.domain.text import clip, visible
from followup.store.tables import ApplicationContactRow, ApplicationRow, ContactRow

FIRST = 3  # rows shown
WIDTH = 68  # a line, to fit the dialog at 80 columns


def _rows(batch, table: type) -> list[dict[str, Any]]:
    names = batch.columns.get(table, ())
    return [dict(zip(names, values, strict=True)) for values in batch.rows.get(table, [])]


def _short(value: Any, width: int) -> str:
    return clip(visible(str(value)), width)


def preview(table: str, batch) -> list[str]:
    """A few lines per row for the first rows the import would add (none: no lines)."""
    if table != "applications":
        return []
    applications = _rows(batch, ApplicationRow)[:FIRST]
    if not applications:
        return []
    contacts = {row["id"]: row for row in _rows(batch, ContactRow)}
    people: dict[int, list[str]] = {}
    for link in _rows(batch, ApplicationContactRow):
        person = contacts.get(link["contact_id"])
        who = person["email"] or person["name"] if person else f"contact {link['contact_id']}"
        people.setdefault(link["application_id"], []).append(f"{link['role']} {who}")
    out = ["First rows as they will be stored:"]
    for row in applications:
        out.append("  " + _short(f"{row['company']} / {row['role']}", WIDTH - 2))
        facts = [f"stage {row['stage']}"]
        if row["applied_on"]:
            facts.append(f"applied on {date.fromisoformat(row['applied_on']):%a %-d %b %Y}")
        for key in ("source", "location", "salary"):
            if row[key]:
                facts.append(f"{key} {row[key]}")
        out.append("    " + _short(" · ".join(facts), WIDTH - 4))
        for person in people.get(row["id"], []):
            out.append("    " + _short(person, WIDTH - 4))
        if row["notes"]:
            out.append("    " + _short(f"notes: {row['notes']}", WIDTH - 4))
    return out
