"""Version 6: a stored urgency row is marked stale when its application's facts change, by
triggers, so that no screen shows what the last rules pass said as if it still held.

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
    op.add_column(
        "application_urgency",
        sa.Column("stale", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index(
        "ix_urgency_stale",
        "application_urgency",
        ["application_id"],
        sqlite_where=sa.text("stale = 1"),
    )
    create_triggers(op.get_bind())
