"""Version 2: indexes for the queries the list, the rules and contact look-ups run.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_applications_stage", "applications", ["stage"]),
    ("ix_applications_created_at", "applications", ["created_at"]),
    ("ix_contacts_name", "contacts", ["name"]),
    ("ix_application_contacts_contact", "application_contacts", ["contact_id"]),
    ("ix_interviews_application", "interviews", ["application_id", "starts_at"]),
    ("ix_touchpoints_application", "touchpoints", ["application_id", "at"]),
    ("ix_snoozes_application", "snoozes", ["application_id", "rule"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
