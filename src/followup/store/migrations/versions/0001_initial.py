"""Version 1: applications, contacts, interviews, touchpoints, references, snoozes, drafts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STAGES = (
    "'wishlist', 'applied', 'screening', 'interviewing', 'offer', 'accepted', "
    "'rejected', 'withdrawn', 'no-response'"
)


def _fk(table: str, ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete=ondelete)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from followup.store.postgres_schema import FUNCTIONS

        for statement in FUNCTIONS:
            op.execute(statement)
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("company", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("applied_on", sa.Date),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("salary", sa.Text, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("decision_by", sa.Date),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint(f"stage IN ({STAGES})", name="ck_stage_choice"),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name="ck_priority_range"),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "reference_people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("relationship", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "application_contacts",
        sa.Column("application_id", sa.Integer, _fk("applications"), primary_key=True),
        sa.Column("contact_id", sa.Integer, _fk("contacts"), primary_key=True),
        sa.Column("role", sa.Text, primary_key=True),
        sa.CheckConstraint(
            "role IN ('recruiter', 'interviewer', 'hiring-manager', 'referrer')",
            name="ck_role_choice",
        ),
    )
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, _fk("applications"), nullable=False),
        sa.Column("starts_at", sa.DateTime, nullable=False),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("strong_points", sa.Text, nullable=False),
        sa.Column("weak_answers", sa.Text, nullable=False),
        sa.Column("they_said", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint(
            "kind IN ('phone', 'video', 'onsite', 'technical', 'final')", name="ck_kind_choice"
        ),
        sa.CheckConstraint("duration_minutes > 0", name="ck_duration_positive"),
    )
    op.create_table(
        "interviewers",
        sa.Column("interview_id", sa.Integer, _fk("interviews"), primary_key=True),
        sa.Column("contact_id", sa.Integer, _fk("contacts"), primary_key=True),
    )
    op.create_table(
        "touchpoints",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, _fk("applications"), nullable=False),
        sa.Column("contact_id", sa.Integer, _fk("contacts", "SET NULL"), nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("direction", sa.Text, nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("direction IN ('out', 'in')", name="ck_direction_choice"),
        sa.CheckConstraint(
            "channel IN ('email', 'phone', 'letter', 'in-person', 'linkedin', 'other')",
            name="ck_channel_choice",
        ),
        sa.CheckConstraint(
            "kind IN ('thank-you', 'follow-up', 'reply', 'references-requested', 'other')",
            name="ck_kind_choice",
        ),
    )
    op.create_table(
        "application_references",
        sa.Column("application_id", sa.Integer, _fk("applications"), primary_key=True),
        sa.Column("reference_id", sa.Integer, _fk("reference_people"), primary_key=True),
        sa.Column("shared_on", sa.Date),
        sa.Column("briefed_on", sa.Date),
    )
    op.create_table(
        "snoozes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, _fk("applications"), nullable=True),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("until", sa.DateTime),
        sa.Column("cycle", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "drafts",
        sa.Column("application_id", sa.Integer, _fk("applications"), primary_key=True),
        sa.Column("template", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
