"""The PostgreSQL engine: the same store interface as the SQLite file's, on a server.

Each person connects as their own role, and followup keeps that person's tables in a schema
named after the role (PostgreSQL's default search path, `"$user"`, finds it): a schema that
belongs to its role gives no other role any access, so two people on one server cannot read
or change each other's applications. The schema is made, and migrated along the same Alembic
history as a file, on first use. The password comes from the URL, `PGPASSWORD` or `~/.pgpass`
(libpq reads them); it is never put in a message: the URL is always shown masked.
psycopg and SQLAlchemy's PostgreSQL dialect are imported only here, never for a file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from followup.paths import Server
from followup.store.header import HEAD, REVISIONS, StoreError, StoreRefused
from followup.store.plain import PostgresConnection

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

# Connections wait this long for a server that does not answer, then say so.
CONNECT_TIMEOUT_S = 10
# A session number for PostgreSQL's advisory lock taken while a schema is made or migrated,
# so two processes starting at once do it once.
_SCHEMA_LOCK = 0x466F6C6C  # "Foll"
# What the role's tables are found under: its own schema only, never `public`.
_SEARCH_PATH = 'SET search_path = "$user"'


def _connect(server: Server, *, autocommit: bool = True):
    """A connection as this role, finding only the role's own schema. With `autocommit`,
    transactions are begun and ended in SQL by the caller (the plain connections)."""
    import psycopg

    try:
        connection = psycopg.connect(
            server.secret_url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True
        )
        connection.execute(_SEARCH_PATH)
    except psycopg.Error as error:
        raise StoreError(f"cannot connect to {server}: {_first_line(error, server)}") from None
    connection.autocommit = autocommit
    if autocommit:
        _as_sqlite_gives(connection)
    return connection


def _as_sqlite_gives(connection) -> None:
    """Dates and instants read as the ISO text SQLite gives the plain SQL (SQLAlchemy's own
    connections keep PostgreSQL's types): the fast paths then read the same values on both."""
    from psycopg.adapt import Loader

    class DayText(Loader):
        def load(self, data) -> str:
            return bytes(data).decode()

    class InstantText(Loader):
        # Always six digits of microseconds, as a file stores them: PostgreSQL drops zeros.
        def load(self, data) -> str:
            whole, _, fraction = bytes(data).decode().partition(".")
            return f"{whole}.{fraction:0<6}"

    connection.adapters.register_loader("date", DayText)
    connection.adapters.register_loader("timestamp", InstantText)


def _first_line(error: BaseException, server: Server) -> str:
    """The server's or libpq's words, on one line, with nothing of the URL's password."""
    words = " ".join(str(error).split()) or type(error).__name__
    secret = server.secret_url
    with suppress(ValueError):
        from psycopg.conninfo import conninfo_to_dict

        password = conninfo_to_dict(secret).get("password")
        if password:
            words = words.replace(str(password), "***")
    return words.replace(secret, str(server))


class PostgresStore:
    """A followup database on a PostgreSQL server (see the module)."""

    exists = True
    migrated_from: str | None = None
    backup_path = None

    def __init__(self, server: Server) -> None:
        self.server = server
        self.path = server  # named in messages like a file, masked
        self.refusing: str | None = None
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    @classmethod
    def open(cls, server: Server, *, create: bool = False) -> PostgresStore:
        store = cls(server)
        store._prepare()
        return store

    def _prepare(self) -> None:
        """The role's schema made, or migrated, to this followup's version; a newer one is
        refused and left untouched."""
        version = self._version()
        if version == HEAD:
            return
        if version is not None and version not in REVISIONS:
            raise StoreRefused(
                f"{self.server} was written by a newer followup (schema {version}); "
                "upgrade followup to open it. It was left untouched."
            )
        from sqlalchemy.exc import DBAPIError

        try:
            self._make_schema()
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != "42501":  # insufficient privilege
                raise
            raise StoreRefused(
                f"the role cannot make its own schema in {self.server}: the database's owner "
                "allows it with `GRANT CREATE ON DATABASE <name> TO <role>`; nothing was changed"
            ) from None
        if version is not None:
            self.migrated_from = version

    def _make_schema(self) -> None:
        with self.engine.begin() as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")
            connection.exec_driver_sql("CREATE SCHEMA IF NOT EXISTS AUTHORIZATION CURRENT_USER")
            found = connection.exec_driver_sql(
                "SELECT to_regclass('alembic_version') IS NOT NULL"
            ).scalar()
            now = (
                connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                if found
                else None
            )
            if now != HEAD:
                _migrate(connection)

    def _version(self) -> str | None:
        connection = self._take()
        try:
            found = connection.execute("SELECT to_regclass('alembic_version')").fetchone()[0]
            version = None
            if found is not None:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                version = row[0] if row else None
        except BaseException:
            connection.close()
            raise
        self._give_back(connection)
        return version

    def refuse_writes(self, why: str) -> None:
        self.refusing = why

    def replaced(self) -> str | None:
        return None  # a server's database is not a file that can be swapped under us

    def opened_as(self, first_seen: Any) -> None:
        pass

    # Plain SQL, without SQLAlchemy: the everyday commands.

    def _take(self):
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _connect(self.server)

    def _give_back(self, connection) -> None:
        if connection.closed:
            return
        with self._lock:
            self._idle.append(connection)

    @contextmanager
    def driver(self) -> Iterator[PostgresConnection]:
        """A connection for plain SQL inside a read transaction (see `followup.store.plain`)."""
        connection = self._take()
        try:
            # One snapshot for the whole read, as SQLite's read transaction gives.
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield PostgresConnection(connection)
            connection.execute("ROLLBACK")
        except BaseException:
            _abandon(connection)
            raise
        finally:
            self._give_back(connection)

    @contextmanager
    def driver_write(self) -> Iterator[PostgresConnection]:
        """A connection for plain SQL inside a short write transaction; commits on success."""
        if self.refusing is not None:
            raise StoreError(f"{self.refusing}; nothing was written")
        connection = self._take()
        try:
            connection.execute("BEGIN")
            yield PostgresConnection(connection)
            connection.execute("COMMIT")
        except BaseException:
            _abandon(connection)
            raise
        finally:
            self._give_back(connection)

    # Sessions, through SQLAlchemy: the app's writes, import, the rules pass.

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = _engine(self.server)
            return self._engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        from sqlmodel import Session

        if self.refusing is not None:
            raise StoreError(f"{self.refusing}; nothing was written")
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def schema_version(self) -> str | None:
        return self._version()

    def server_identity(self) -> tuple[str, str]:
        """The server's version and the role followup connects as."""
        with self.driver() as connection:
            return connection.execute(
                "SELECT current_setting('server_version'), current_user"
            ).fetchone()

    def integrity_check(self) -> str:
        return "ok"  # the server keeps its own data sound; nothing to read page by page

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            engine, self._engine = self._engine, None
        for connection in idle:
            with suppress(Exception):
                connection.close()
        if engine is not None:
            engine.dispose()


def _migrate(connection) -> None:
    """The role's schema brought to this followup's version along the same Alembic history
    as a file's, in the caller's transaction: all of it or none of it."""
    from pathlib import Path

    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _abandon(connection) -> None:
    """A transaction that failed, rolled back; a connection that cannot be, closed."""
    try:
        connection.execute("ROLLBACK")
    except Exception:
        with suppress(Exception):
            connection.close()


def _engine(server: Server) -> Engine:
    from sqlalchemy import create_engine

    # SQLAlchemy is handed a connection made the same way as the plain ones, so the URL is
    # never parsed (or printed in an error) by it.
    return create_engine(
        "postgresql+psycopg://", creator=lambda: _connect(server, autocommit=False)
    )
