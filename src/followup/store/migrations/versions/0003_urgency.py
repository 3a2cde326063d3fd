"""Version 3: each application's most urgent action, for sorting the list in the database.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_urgency",
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("sort_at", sa.DateTime),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("opens_at", sa.DateTime),
        sa.Column("due_by", sa.DateTime),
    )
    op.create_index(
        "ix_urgency_order", "application_urgency", ["rank", "sort_at", "application_id"]
    )
    # Filled by the app's rules worker on its first run; until then every row waits its turn.
    op.execute(
        "INSERT INTO application_urgency (application_id, rank, rule, state, message) "
        "SELECT id, CASE WHEN stage IN ('accepted', 'rejected', 'withdrawn', 'no-response') "
        "THEN 5 ELSE 4 END, '', '', '' FROM applications"
    )
