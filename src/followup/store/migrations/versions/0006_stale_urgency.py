"""Version 6: a rules clock, and triggers that stamp an application's stored urgency with it
when the application's facts change, so that no screen shows what the last rules pass said as
if it still held, and a pass can look again at just what changed.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from followup.store.staleness import create_triggers

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows written before this version cannot tell whether their facts changed since: they
    # count as changed (1 > 0) until the first pass.
    op.add_column(
        "application_urgency",
        sa.Column("changed", sa.Integer, nullable=False, server_default="1"),
    )
    op.add_column(
        "application_urgency",
        sa.Column("evaluated", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_urgency_changed", "application_urgency", ["changed"])
    op.create_table(
        "rules_clock",
        sa.Column("id", sa.Integer, sa.CheckConstraint("id = 1"), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    create_triggers(op.get_bind())
