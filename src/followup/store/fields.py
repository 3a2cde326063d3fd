"""The fields of an application, in the order every listing and export shows them, and the
conversions of raw column values (ISO text, naive UTC) into the domain's dates and instants
and back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

APPLICATION_FIELDS = (
    "id",
    "company",
    "role",
    "stage",
    "applied_on",
    "source",
    "url",
    "location",
    "salary",
    "priority",
    "decision_by",
    "notes",
    "created_at",
    "updated_at",
    "notes_written_at",
)

# The tables an export offers (`export --table`, the app's export dialog), in the order an
# export of every table writes them.
EXPORT_TABLES = (
    "applications",
    "contacts",
    "interviews",
    "touchpoints",
    "references",
    "snoozes",
    "drafts",
)


def as_instant(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def as_day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def stored_instant(value: datetime | None) -> str | None:
    """An aware moment as a column holds it: naive UTC text, as SQLAlchemy writes it."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("followup stores only timezone-aware instants")
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def stored_day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
