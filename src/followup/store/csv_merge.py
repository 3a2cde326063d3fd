"""An imported row that is already here by what identifies it (the same application, contact,
interview, reference or draft) but holds other text or values: both are kept, never one
dropped for the other.

A text typed elsewhere (notes, a draft's body, what the interviewer said) is added below the
text here, under a marked line; a value that cannot hold two (a stage, a priority) keeps the
value here, and the file's is written into the row's notes under the same mark. An empty
field here takes the file's. Importing the same file again finds its text already there and
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What each table's rows hold beyond what identifies them, read before the import.
QUERIES = {
    "app_rows": "SELECT id, stage, priority, decision_by, salary, source, notes FROM applications",
    "contact_rows": "SELECT id, title, phone, email, notes FROM contacts",
    "interview_rows": (
        "SELECT id, duration_minutes, kind, notes, strong_points, weak_answers, they_said "
        "FROM interviews"
    ),
    "reference_rows": "SELECT id, relationship, phone, notes FROM reference_people",
    "draft_rows": "SELECT application_id, rule, cycle, template, body FROM drafts",
}
NEEDS = {
    "applications": ("app_rows",),
    "contacts": ("contact_rows",),
    "interviews": ("interview_rows",),
    "references": ("reference_rows",),
    "drafts": ("draft_rows",),
}
# How a person names a field in the marked line.
LABELS = {
    "stage": "stage",
    "priority": "priority",
    "decision_by": "decision by",
    "salary": "salary",
    "source": "source",
    "notes": "notes",
    "title": "title",
    "phone": "phone",
    "duration_minutes": "duration",
    "kind": "kind",
    "strong_points": "strong points",
    "weak_answers": "weak answers",
    "they_said": "they said",
    "relationship": "relationship",
    "template": "template",
    "body": "text",
    "subject": "subject",
    "channel": "channel",
    "email": "email",
}


def read(connection, name: str) -> dict[Any, dict[str, Any]]:
    """The rows of one query, by id (a draft: by application, rule and cycle)."""
    cursor = connection.execute(QUERIES[name])
    columns = [column[0] for column in cursor.description]
    found: dict[Any, dict[str, Any]] = {}
    for row in cursor.fetchall():
        values = dict(zip(columns, row, strict=True))
        if name == "draft_rows":
            key = (values.pop("application_id"), values.pop("rule"), values.pop("cycle"))
        else:
            key = values.pop("id")
        found[key] = values
    return found


@dataclass
class Merge:
    """What keeping both does to one row: the new values, and the fields it touched."""

    values: dict[str, Any] = field(default_factory=dict)
    fields: list[str] = field(default_factory=list)

    def said(self) -> str:
        return ", ".join(LABELS.get(name, name) for name in self.fields)


def merge(
    here: dict[str, Any], incoming: dict[str, Any], *, texts: tuple[str, ...], into: str, mark: str
) -> Merge | None:
    """Both kept: `texts` are appended, other fields noted in the text field `into`. `here`
    is updated to what the row becomes (a second row of the file meets it so). None when
    the file holds nothing that is not here already."""
    result = Merge()
    for name in texts:
        mine, theirs = (here.get(name) or "").rstrip(), (incoming.get(name) or "").strip()
        if not theirs or theirs in mine:
            continue
        result.values[name] = (
            f"{mine}\n\n[{mark}; {LABELS[name]} from the file:]\n{theirs}"
            if (mine.strip())
            else theirs
        )
        result.fields.append(name)
    other: list[tuple[str, Any, Any]] = []
    for name, theirs in incoming.items():
        if name in texts or theirs in (None, ""):
            continue
        mine = here.get(name)
        if mine in (None, ""):
            result.values[name] = theirs
            result.fields.append(name)
        elif str(mine) != str(theirs):
            other.append((name, mine, theirs))
    if other:
        said = (
            "the file said "
            + ", ".join(f"{LABELS[name]} {theirs}" for name, _mine, theirs in other)
            + " (kept here: "
            + ", ".join(str(mine) for _name, mine, _theirs in other)
            + ")"
        )
        base = (result.values.get(into, here.get(into)) or "").rstrip()
        if said not in base:
            result.values[into] = (
                f"{base}\n\n[{mark}] {said}" if base.strip() else f"[{mark}] {said}"
            )
            result.fields.extend(name for name, *_ in other)
    if not result.fields:
        return None
    here.update(result.values)
    return result
