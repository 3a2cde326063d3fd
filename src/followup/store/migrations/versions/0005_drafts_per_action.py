"""Version 5: a draft belongs to one action and its cycle, so a new action gets a fresh draft
and an older draft stays beside the timeline instead of being offered again.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts_v5",
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        # The action the draft answers ("" for one written with no action due) and its cycle.
        sa.Column("rule", sa.Text, primary_key=True, server_default=""),
        sa.Column("cycle", sa.Text, primary_key=True, server_default=""),
        sa.Column("template", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    # Drafts from before: the action they answered was not kept. They stay, as drafts for no
    # action; the compose pane offers one again only for an action of the same template.
    op.execute(
        "INSERT INTO drafts_v5 (application_id, rule, cycle, template, body, updated_at) "
        "SELECT application_id, '', '', template, body, updated_at FROM drafts"
    )
    op.drop_table("drafts")
    op.rename_table("drafts_v5", "drafts")
