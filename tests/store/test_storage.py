"""The data file: pragmas, modes, schema versions, migrations and refusals."""

import sqlite3
import stat
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from followup.store import repository
from followup.store.db import APPLICATION_ID, HEAD, REVISIONS, Store, StoreRefused
from followup.store.migrate import upgrade
from tests.conftest import file_hash


def test_new_connection_has_the_four_pragmas(store):
    with store.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_file_and_folder_are_private(store, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_reading_a_missing_file_creates_nothing(db_path):
    store = Store.open(db_path)
    assert repository.list_applications(store) == []
    assert not db_path.exists()
    repository.add_application(store, repository.NewApplication("Acme", "Engineer"))
    assert db_path.exists()
    store.close()
    assert [r["company"] for r in repository.list_applications(Store.open(db_path))] == ["Acme"]


# Alembic cannot compare an index on an expression: the test compares that one itself.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_new_file_schema_equals_the_migrations(tmp_path, store):
    """create_all for a new file and the Alembic history must describe the same schema."""
    migrated = tmp_path / "migrated.db"
    connection = sqlite3.connect(migrated)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()
    upgrade(migrated)
    for path in (migrated, store.path):
        engine = create_engine(f"sqlite:///{path}")
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert version == HEAD
        engine.dispose()
    companies = [
        sqlite3.connect(path)
        .execute("SELECT sql FROM sqlite_master WHERE name = 'ix_applications_company'")
        .fetchone()
        for path in (migrated, store.path)
    ]
    assert companies[0] is not None and "lower(trim(company))" in companies[0][0]
    assert companies[0][0].replace(" ", "") == companies[1][0].replace(" ", ""), companies


def _version_one_file(path):
    """A file as followup's schema version 1 wrote it, holding one application."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()
    upgrade(path, REVISIONS[0])
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO applications (id, company, role, stage, source, url, location, salary, "
        "priority, notes, created_at, updated_at) VALUES (7, 'Zürich Bänk 🏦', 'Analyst', "
        "'applied', '', '', '', '', 3, 'line one\nline two', '2026-11-01 09:30:00.000000', "
        "'2026-11-01 09:30:00.000000')"
    )
    connection.commit()
    connection.close()


def test_version_one_file_is_migrated_after_a_backup(db_path):
    _version_one_file(db_path)
    store = Store.open(db_path)
    assert store.migrated_from == REVISIONS[0]
    assert store.schema_version() == HEAD
    assert store.backup_path is not None and store.backup_path.exists()
    assert stat.S_IMODE(store.backup_path.stat().st_mode) == 0o600
    rows = repository.list_applications(store)
    assert [(r["id"], r["company"], r["notes"]) for r in rows] == [
        (7, "Zürich Bänk 🏦", "line one\nline two")
    ]
    assert rows[0]["created_at"] == datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    assert store.integrity_check() == "ok"
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)
    assert backup.execute("SELECT company FROM applications").fetchone() == ("Zürich Bänk 🏦",)
    backup.close()


def _newer(path):
    Store.open(path, create=True).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


def _text(path):
    path.write_text("company,role\nAcme,Engineer\n")


def _empty(path):
    path.write_bytes(b"")


def _foreign(path):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT, artist TEXT)")
    connection.execute("INSERT INTO songs VALUES ('Blue', 'Joni Mitchell')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    "make, words",
    [
        (_newer, "newer followup"),
        (_text, "not a followup database"),
        (_empty, "empty file"),
        (_foreign, "another program"),
    ],
    ids=["newer", "text", "empty", "foreign"],
)
def test_refused_files_are_left_byte_for_byte(make, words, db_path, cli):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    make(db_path)
    before = file_hash(db_path)
    with pytest.raises(StoreRefused, match=words):
        Store.open(db_path)
    for argv in (["list"], ["add", "Acme", "Engineer"], ["doctor"]):
        result = cli(*argv)
        assert result.code == 1, result
        assert result.err.count("\n") == 1 and words in result.err
        assert "Traceback" not in result.err
    assert file_hash(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()
