"""What a rules pass hands the app: plain, picklable records that cross the process boundary.

Kept apart from `evaluation` so that the app's screens can name them without importing the
store's SQLAlchemy side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Notice:
    """An action that became due or overdue since the last pass, or (`problem`) an application
    whose actions could not be worked out."""

    application_id: int | None
    company: str
    message: str
    overdue: bool
    problem: bool = False


@dataclass(frozen=True)
class AgendaItem:
    application_id: int | None
    company: str
    role: str
    rule: str
    state: str
    opens_at: datetime
    due_by: datetime | None
    message: str
    why: str


@dataclass(frozen=True)
class Summary:
    overdue: int
    due_today: int
    waiting: int
    next_change: datetime | None
    notices: list[Notice] = field(default_factory=list)
    changed_rows: int = 0
    # Keep-searching is due: not tied to an application, so no list row shows it and the
    # header says it in words rather than in a count of rows.
    keep_searching: bool = False
