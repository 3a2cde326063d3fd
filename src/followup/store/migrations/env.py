"""Alembic's environment: runs on the connection the store hands it, in batch mode for SQLite."""

from alembic import context
from sqlmodel import SQLModel

from followup.store import tables  # noqa: F401  (the tables, for autogenerate)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("followup runs migrations on a connection from its store")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
