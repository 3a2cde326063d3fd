"""The SQLModel tables: one row class per thing a job seeker records.

Instants are stored as UTC and come back timezone-aware (UTCDateTime). Choice columns carry a
CHECK so that even another program writing the file cannot store an unknown stage.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Table,
    Text,
    TypeDecorator,
    text,
)
from sqlmodel import Field, SQLModel

from followup.domain.model import (
    Channel,
    ContactRole,
    Direction,
    InterviewKind,
    Stage,
    TouchpointKind,
)


class UTCDateTime(TypeDecorator):
    """An aware datetime kept as naive UTC; naive input is a bug and refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("followup stores only timezone-aware instants")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _choice(column: str, enum) -> CheckConstraint:
    allowed = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"ck_{column}_choice")


def _now() -> datetime:
    return datetime.now(UTC)


class ApplicationRow(SQLModel, table=True):
    __tablename__ = "applications"
    __table_args__ = (
        _choice("stage", Stage),
        CheckConstraint("priority BETWEEN 1 AND 5", name="ck_priority_range"),
        Index("ix_applications_stage", "stage"),
        Index("ix_applications_created_at", "created_at"),
        # The company as `earlier` compares it: adding one says at once if it is there.
        Index("ix_applications_company", text("lower(trim(company))")),
    )

    id: int | None = Field(default=None, primary_key=True)
    company: str = Field(sa_type=Text)
    role: str = Field(sa_type=Text)
    stage: str = Field(default=Stage.APPLIED.value, sa_type=Text)
    applied_on: date | None = None
    source: str = Field(default="", sa_type=Text)
    url: str = Field(default="", sa_type=Text)
    location: str = Field(default="", sa_type=Text)
    salary: str = Field(default="", sa_type=Text)
    priority: int = Field(default=3)
    decision_by: date | None = None
    notes: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)
    # When `notes` were last written (None: before schema 0004, or never): the notes rule
    # counts notes written after an interview ended.
    notes_written_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ContactRow(SQLModel, table=True):
    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_name", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    title: str = Field(default="", sa_type=Text)
    email: str = Field(default="", sa_type=Text)
    phone: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class ApplicationContactRow(SQLModel, table=True):
    """A contact's part in one application (recruiter, interviewer, hiring-manager, referrer)."""

    __tablename__ = "application_contacts"
    __table_args__ = (
        _choice("role", ContactRole),
        Index("ix_application_contacts_contact", "contact_id"),
    )

    application_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
        )
    )
    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    )
    role: str = Field(sa_column=Column(Text, primary_key=True))


class InterviewRow(SQLModel, table=True):
    __tablename__ = "interviews"
    __table_args__ = (
        _choice("kind", InterviewKind),
        CheckConstraint("duration_minutes > 0", name="ck_duration_positive"),
        Index("ix_interviews_application", "application_id", "starts_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(
        sa_column=Column(Integer, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False)
    )
    starts_at: datetime = Field(sa_type=UTCDateTime)
    duration_minutes: int = 60
    kind: str = Field(default=InterviewKind.VIDEO.value, sa_type=Text)
    notes: str = Field(default="", sa_type=Text)
    strong_points: str = Field(default="", sa_type=Text)
    weak_answers: str = Field(default="", sa_type=Text)
    they_said: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class InterviewerRow(SQLModel, table=True):
    """Who interviewed: a contact on an interview."""

    __tablename__ = "interviewers"

    interview_id: int = Field(
        sa_column=Column(Integer, ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True)
    )
    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    )


class TouchpointRow(SQLModel, table=True):
    """One message, call or letter, out or in."""

    __tablename__ = "touchpoints"
    __table_args__ = (
        _choice("direction", Direction),
        _choice("channel", Channel),
        _choice("kind", TouchpointKind),
        Index("ix_touchpoints_application", "application_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(
        sa_column=Column(Integer, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False)
    )
    contact_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True),
    )
    at: datetime = Field(sa_type=UTCDateTime)
    direction: str = Field(default=Direction.OUT.value, sa_type=Text)
    channel: str = Field(default=Channel.EMAIL.value, sa_type=Text)
    kind: str = Field(default=TouchpointKind.OTHER.value, sa_type=Text)
    subject: str = Field(default="", sa_type=Text)
    body: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class ReferenceRow(SQLModel, table=True):
    """A person who will speak for you (seed 000: ready your references)."""

    __tablename__ = "reference_people"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    relationship: str = Field(default="", sa_type=Text)
    email: str = Field(default="", sa_type=Text)
    phone: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class ApplicationReferenceRow(SQLModel, table=True):
    """A reference given for one application: when shared, when briefed."""

    __tablename__ = "application_references"

    application_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
        )
    )
    reference_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("reference_people.id", ondelete="CASCADE"), primary_key=True
        )
    )
    shared_on: date | None = None
    briefed_on: date | None = None


class SnoozeRow(SQLModel, table=True):
    """One rule's action hidden until a moment (a snooze) or for its cycle (done)."""

    __tablename__ = "snoozes"
    __table_args__ = (Index("ix_snoozes_application", "application_id", "rule"),)

    id: int | None = Field(default=None, primary_key=True)
    # Null for keep-searching, which belongs to no application.
    application_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("applications.id", ondelete="CASCADE"), nullable=True),
    )
    rule: str = Field(sa_type=Text)
    until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cycle: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class DraftRow(SQLModel, table=True):
    """The compose pane's text for one application, saved as typed."""

    __tablename__ = "drafts"

    application_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
        )
    )
    # The action the draft answers ("" when none was due) and its cycle: a new action gets
    # a fresh draft, and this one stays listed as unsent.
    rule: str = Field(default="", sa_column=Column(Text, primary_key=True, server_default=""))
    cycle: str = Field(default="", sa_column=Column(Text, primary_key=True, server_default=""))
    template: str = Field(default="", sa_type=Text)
    body: str = Field(default="", sa_type=Text)
    updated_at: datetime = Field(default_factory=_now, sa_type=UTCDateTime)


ALL_TABLES: list[type[SQLModel]] = [
    ApplicationRow,
    ContactRow,
    ApplicationContactRow,
    InterviewRow,
    InterviewerRow,
    TouchpointRow,
    ReferenceRow,
    ApplicationReferenceRow,
    SnoozeRow,
    DraftRow,
    # UrgencyRow is derived from the others (see listing.py) and not part of the data.
]


class UrgencyRow(SQLModel, table=True):
    """Each application's most urgent action, kept by the rules worker so that the list can
    sort by urgency with an index instead of loading every application.
    """

    __tablename__ = "application_urgency"
    __table_args__ = (
        Index("ix_urgency_order", "rank", "sort_at", "application_id"),
        # What changed since a given moment of the rules clock, found without reading the rest.
        Index("ix_urgency_changed", "changed"),
    )

    application_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
        )
    )
    # 0 overdue, 1 due, 2 hold, 3 upcoming, 4 nothing to do, 5 closed.
    rank: int = 4
    sort_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    rule: str = Field(default="", sa_type=Text)
    state: str = Field(default="", sa_type=Text)
    message: str = Field(default="", sa_type=Text)
    opens_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_by: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The rules clock when the row's facts last changed, and the clock the pass that wrote
    # the row read before reading them (see `followup.store.staleness`).
    changed: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    evaluated: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


# One row, one number that only goes up: see `followup.store.staleness`.
RULES_CLOCK = Table(
    "rules_clock",
    SQLModel.metadata,
    Column("id", Integer, CheckConstraint("id = 1"), primary_key=True),
    Column("value", Integer, nullable=False),
)
