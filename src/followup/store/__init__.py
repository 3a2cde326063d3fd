"""Keeping the data: SQLModel tables, sessions, schema versions, CSV in and out."""
