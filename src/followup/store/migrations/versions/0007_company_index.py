"""Version 7: an index on the company as it is compared (case and outer spaces ignored), so
adding an application can say at once that the company already has one, at any size.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: files made by development versions of followup have it already.
    op.create_index(
        "ix_applications_company",
        "applications",
        [sa.text("lower(trim(company))")],
        if_not_exists=True,
    )
