"""Telling, from the data alone, which applications changed since a rules pass looked at them.

`application_urgency` holds what the last rules pass found; any process may change the facts
after it (a shell command while no app runs, another app, another tool). SQLite triggers keep
a clock (`rules_clock`, one row, one number that only goes up) and stamp the application's
urgency row with it (`changed`) in the same transaction as the change, whoever writes. The
rules pass stamps each row it writes with the clock it read before reading the facts
(`evaluated`). So:

- a row with `changed > evaluated` may not say what the rules say now: the list and the header
  show nothing for it until a pass has looked again;
- a pass that remembers the clock it last read finds what changed since with an index walk
  (`changed > seen`), and any number of apps on one file each keep their own `seen`;
- a new row is born changed (a trigger on its insert stamps it), unless the pass writes it.

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
_TICK = "UPDATE rules_clock SET value = value + 1 WHERE id = 1;"
_STAMP = (
    "UPDATE application_urgency SET changed = (SELECT value FROM rules_clock WHERE id = 1) "
    "WHERE application_id"
)


def _statements() -> list[str]:
    statements = [
        "INSERT OR IGNORE INTO rules_clock (id, value) VALUES (1, 1)",
        # Born changed: a row that no pass wrote (a new application's, an import's).
        "CREATE TRIGGER IF NOT EXISTS stale_urgency_insert AFTER INSERT ON application_urgency "
        f"WHEN NEW.evaluated = 0 BEGIN {_TICK} {_STAMP} = NEW.application_id; END",
    ]
    for table in _CHILD_TABLES:
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS stale_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {_TICK} {_STAMP} = NEW.application_id; END",
            f"CREATE TRIGGER IF NOT EXISTS stale_{table}_update AFTER UPDATE ON {table} "
            f"BEGIN {_TICK} {_STAMP} IN (OLD.application_id, NEW.application_id); END",
            f"CREATE TRIGGER IF NOT EXISTS stale_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {_TICK} {_STAMP} = OLD.application_id; END",
        ]
    statements.append(
        "CREATE TRIGGER IF NOT EXISTS stale_applications_update "
        f"AFTER UPDATE OF {', '.join(_APPLICATION_COLUMNS)} ON applications "
        f"BEGIN {_TICK} {_STAMP} = NEW.id; END"
    )
    return statements


STATEMENTS = tuple(_statements())

# A row the last pass may not speak for (see the module's docstring).
STALE = "u.changed > u.evaluated"


def create_triggers(connection) -> None:
    """Start the clock (its table is `followup.store.tables.RULES_CLOCK`) and make the
    triggers, on a SQLAlchemy connection (in the caller's transaction)."""
    from sqlalchemy import text

    statements = STATEMENTS
    if connection.dialect.name == "postgresql":
        from followup.store.postgres_schema import trigger_statements

        statements = trigger_statements(_CHILD_TABLES, _APPLICATION_COLUMNS)
    for statement in statements:
        connection.execute(text(statement))


def clock(connection) -> int:
    """The clock now, on a driver connection."""
    return connection.execute("SELECT value FROM rules_clock WHERE id = 1").fetchone()[0]
