"""The parts of the schema that PostgreSQL spells its own way: the functions the plain SQL of
the fast paths calls by SQLite's names, and the rules clock's triggers (see `staleness`).

Run from the migrations, by dialect: a database on a server follows the same Alembic history
as a file, and these are its PostgreSQL forms.
"""

from __future__ import annotations

# SQLite's `group_concat`, `ifnull` and `unicode`, so that the export's plain SQL runs
# unchanged: `ifnull` gives text, as a cell of an export is ('' for a missing number).
FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION followup_join(so_far text, value anyelement, separator text) "
    "RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN value IS NULL THEN so_far "
    "WHEN so_far IS NULL THEN value::text ELSE so_far || separator || value::text END $$",
    "CREATE OR REPLACE AGGREGATE group_concat(anyelement, text) "
    "(SFUNC = followup_join, STYPE = text)",
    "CREATE OR REPLACE FUNCTION ifnull(value anyelement, otherwise text) "
    "RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(value::text, otherwise) $$",
    "CREATE OR REPLACE FUNCTION unicode(value text) "
    "RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT ascii(value) $$",
)

_STAMP = "UPDATE application_urgency SET changed = tick WHERE application_id"


def _function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE tick integer; BEGIN "
        "UPDATE rules_clock SET value = value + 1 WHERE id = 1 RETURNING value INTO tick; "
        f"{body} END $$"
    )


def trigger_statements(child_tables: tuple[str, ...], application_columns: tuple[str, ...]):
    """The statements that start the clock and make the triggers, as SQLite's do."""
    statements = [
        "INSERT INTO rules_clock (id, value) VALUES (1, 1) ON CONFLICT DO NOTHING",
        _function(
            "followup_stale_fact",
            "IF TG_OP = 'DELETE' THEN "
            f"{_STAMP} = OLD.application_id; RETURN OLD; "
            "ELSIF TG_OP = 'UPDATE' THEN "
            f"{_STAMP} IN (OLD.application_id, NEW.application_id); "
            f"ELSE {_STAMP} = NEW.application_id; END IF; RETURN NEW;",
        ),
        _function("followup_stale_application", f"{_STAMP} = NEW.id; RETURN NEW;"),
        # Born changed: a row that no pass wrote (a new application's, an import's).
        "CREATE OR REPLACE TRIGGER stale_urgency_insert AFTER INSERT ON application_urgency "
        "FOR EACH ROW WHEN (NEW.evaluated = 0) EXECUTE FUNCTION followup_stale_fact()",
    ]
    for table in child_tables:
        statements.append(
            f"CREATE OR REPLACE TRIGGER stale_{table} AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION followup_stale_fact()"
        )
    statements.append(
        "CREATE OR REPLACE TRIGGER stale_applications_update "
        f"AFTER UPDATE OF {', '.join(application_columns)} ON applications "
        "FOR EACH ROW EXECUTE FUNCTION followup_stale_application()"
    )
    return statements
