"""Version 4: when an application's notes were last written, so that notes written after an
interview ended count for the `notes` rule.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite alters a table by copying it. Notes written before this version have
    # no known time and count as they did before (not as interview notes).
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("notes_written_at", sa.DateTime, nullable=True))
