"""Schema migrations: a backup with SQLite's backup API first, then Alembic in one transaction.

Imported only when a file's schema is older than this followup's, so a normal start never loads
Alembic.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

from followup.store.header import BUSY_TIMEOUT_MS, StoreError, reason

MIGRATIONS = Path(__file__).parent / "migrations"


def backup(path: Path, version: str) -> Path:
    """Copy `path` beside itself (mode 0600) before migrating it, and check the copy."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.schema-{version}-{stamp}.bak")
    try:
        copy_database(path, target)
    except (OSError, sqlite3.Error) as error:
        from followup.store.backups import why_not

        with suppress(OSError):
            target.unlink(missing_ok=True)
        # Never migrate without the copy to go back to.
        raise StoreError(
            f"{path} needs a schema upgrade, made only after a backup beside it, and none "
            f"could be made ({why_not(error)}); the file was left untouched"
        ) from None
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through the backup API, checked with integrity_check."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if verdict != "ok":
        raise StoreError(f"the backup {target} failed its integrity check: {verdict}")


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _migration_engine(path: Path):
    # The path as an escaped SQLite URI, never SQLAlchemy's URL: `?`, `#`, `%xx` stay the file's.
    where = f"{path.resolve().as_uri()}?mode=rw"
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(where, uri=True), poolclass=NullPool
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        # Batch mode copies tables; with foreign keys on, dropping the old copy would cascade.
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA synchronous = FULL")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(path: Path, revision: str = "head") -> None:
    """Migrate `path` to `revision` in a single transaction: all of it or none of it."""
    from alembic import command

    engine = _migration_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise StoreError(f"migrating {path} would break {len(broken)} links; not applied")
    except StoreError:
        raise
    except Exception as error:
        # What SQLite said, without the statement and SQLAlchemy's web link.
        raise StoreError(
            f"migrating {path} failed and was rolled back, the file is as it was: {reason(error)}"
        ) from error
    finally:
        engine.dispose()
