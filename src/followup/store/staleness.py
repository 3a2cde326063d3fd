"""Marking an application's stored urgency as out of date the moment its facts change.

`application_urgency` holds what the last rules pass found; any process may change the facts
after it (a shell command while no app runs, another app, another tool). SQLite triggers mark
the application's row `stale` in the same transaction as the change, whoever writes, so the
list and the header never show the old words as if they were true: they show nothing for that
row until the next pass (see `followup.store.urgency`) has looked again.

The triggers are part of the schema: a new file gets them with its tables, migration 0006
adds them to older files. A later migration that copies one of these tables (batch mode) drops
its triggers, and must make them again with `create_triggers`.
"""

from __future__ import annotations

# The tables whose rows are facts of one application that the rules read (followup.store.facts).
_CHILD_TABLES = ("touchpoints", "interviews", "snoozes", "application_references")
# The application's own columns that the rules or the stored words depend on.
_APPLICATION_COLUMNS = (
    "company",
    "role",
    "stage",
    "created_at",
    "applied_on",
    "decision_by",
    "notes_written_at",
)
_MARK = "UPDATE application_urgency SET stale = 1 WHERE application_id"


def _statements() -> list[str]:
    statements = []
    for table in _CHILD_TABLES:
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS stale_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {_MARK} = NEW.application_id; END",
            f"CREATE TRIGGER IF NOT EXISTS stale_{table}_update AFTER UPDATE ON {table} "
            f"BEGIN {_MARK} IN (OLD.application_id, NEW.application_id); END",
            f"CREATE TRIGGER IF NOT EXISTS stale_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {_MARK} = OLD.application_id; END",
        ]
    statements.append(
        "CREATE TRIGGER IF NOT EXISTS stale_applications_update "
        f"AFTER UPDATE OF {', '.join(_APPLICATION_COLUMNS)} ON applications "
        f"BEGIN {_MARK} = NEW.id; END"
    )
    return statements


TRIGGERS = tuple(_statements())


def create_triggers(connection) -> None:
    """Make the triggers on a SQLAlchemy connection (inside the caller's transaction)."""
    from sqlalchemy import text

    for statement in TRIGGERS:
        connection.execute(text(statement))
