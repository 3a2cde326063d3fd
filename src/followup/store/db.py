"""Opening the data file: checks, pragmas, schema versions, and sessions for reads and writes.

Nothing outside this package knows the file is SQLite. A file is checked by its header before
anything writes to it, so a foreign, damaged or newer file is refused and left byte-for-byte as
it was. Alembic is imported only when a migration is really needed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Column, MetaData, String, Table, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool, StaticPool
from sqlmodel import Session, SQLModel

from followup.paths import make_private_dir
from followup.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from followup.store.header import (  # noqa: F401  (part of this module's interface)
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    HEAD,
    REVISIONS,
    SQLITE_MAGIC,
    StoreError,
    StoreRefused,
    check_file,
    identity,
    keep_private,
    reason,
    what_became_of,
)

_version_table = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), primary_key=True),
)


def _on_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is switched off so that `_on_begin` decides how a
    # transaction starts: BEGIN IMMEDIATE for writes takes the write lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection) -> None:
    immediate = connection.get_execution_options().get("followup_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Journal:
    """Which -wal file this store's connections share, pinned by the first of them.

    While any connection of this process is open it holds a shared lock, so no SQLite
    anywhere deletes or remakes the -wal: one that is gone or another file means someone
    else did (a sync tool, `rm`, a process that found our locks dropped). A connection still
    holding the old one would commit into a file nobody reads again, and a new one would
    read the index of the old journal against the new one. Only once every connection of
    the store is closed may SQLite have remade it, and the next connection pins it again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pinned: tuple[int, int] | None = None
        self._open: set[int] = set()
        # Once seen, said until the store is opened again: a connection made after the -wal
        # was deleted would otherwise pin the new one and write against the old index.
        self._seen: str | None = None
        self._lock = threading.Lock()

    def listen(self, engine: Engine) -> None:
        event.listen(engine, "connect", self._connected)
        event.listen(engine, "close", self._closed)
        event.listen(engine, "close_detached", self._closed)
        event.listen(engine, "invalidate", lambda connection, *_: self._closed(connection))

    def _connected(self, dbapi_connection, record) -> None:
        # A read opens the -wal file (and makes it, on a file just switched to WAL mode).
        dbapi_connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        record.info["followup_file"] = identity(self.path)
        with self._lock:
            if not self._open and self._seen is None:
                self._pinned = identity(_wal(self.path))
            self._open.add(id(dbapi_connection))

    def _closed(self, dbapi_connection, *_) -> None:
        with self._lock:
            self._open.discard(id(dbapi_connection))

    def problem(self) -> str | None:
        """What happened to the journal, if the -wal file at the path is not the one pinned."""
        with self._lock:
            if self._seen is not None:
                return self._seen
            pinned = self._pinned if self._open else None
            if pinned is None or identity(_wal(self.path)) == pinned:
                return None
            self._seen = (
                f"the journal file beside {self.path} ({_wal(self.path).name}) was deleted "
                "or replaced while followup had the data open"
            )
            return self._seen


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def sqlite_engine(path: Path | str, *, memory: bool = False) -> Engine:
    if memory:
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        # A path is a path: never read as SQLAlchemy's URL, where `?`, `#` and `%xx` would
        # name another file; escaped into SQLite's own URI, with mode=rw so that a file
        # deleted meanwhile is an error rather than a new empty file.
        where = f"{Path(os.path.abspath(path)).as_uri()}?mode=rw"
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(
                where, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            ),
            poolclass=QueuePool,
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _create_schema(connection) -> None:
    from followup.store.staleness import create_triggers

    SQLModel.metadata.create_all(connection)
    create_triggers(connection)
    _version_table.create(connection)
    connection.execute(_version_table.insert().values(version_num=HEAD))


def create_database(path: Path) -> None:
    """A new, empty followup database at `path` (folder 0700, file 0600).

    Built under a temporary name and linked into place, so a crash never leaves half a file
    and two processes creating it at once end up sharing one.
    """
    make_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    for leftover in _with_sidecars(temporary):
        with suppress(FileNotFoundError):
            leftover.unlink()
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            engine = create_engine("sqlite://", creator=lambda: connection, poolclass=StaticPool)
            with engine.begin() as conn:
                _create_schema(conn)
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        os.chmod(temporary, 0o600)
        with suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        for leftover in _with_sidecars(temporary):
            with suppress(FileNotFoundError):
                leftover.unlink()


def _with_sidecars(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def file_version(path: Path) -> str | None:
    """The schema version in a file, read without setting any pragma that would change it."""
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path}: {reason(error)}") from None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        if "unable to open" in str(error) or "readonly" in str(error):
            # WAL needs to write files beside the database, even to read it.
            raise StoreError(
                f"cannot open {path}: the file or its folder is read-only (SQLite writes "
                "beside the file, even to read it); nothing was changed"
            ) from None
        raise StoreError(f"{path} cannot be read: {reason(error)}") from None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise StoreError(f"{path} is damaged and cannot be read: {reason(error)}") from None
    finally:
        connection.close()
    return row[0] if row else None


def read_version(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:
            return None


class Store:
    """The data file, opened: sessions for reading and writing.

    A file that does not exist yet is read as an empty database until it appears (another
    process made it) or the first write creates it. The file opened is remembered by its
    identity: a write never lands in a file that was replaced, moved or deleted meanwhile.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine: Engine | None = None
        self._memory = False
        self._identity: tuple[int, int] | None = None
        self._journal: Journal | None = None
        self._switch = threading.Lock()
        self.migrated_from: str | None = None
        self.backup_path: Path | None = None
        # Why nothing may be written to the file (a damaged one the person chose to keep).
        self.refusing: str | None = None

    def refuse_writes(self, why: str) -> None:
        """From now on every write is refused with `why`; reads go on as far as they can."""
        self.refusing = why

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Store:
        store = cls(path)
        if path.exists():
            store._open_existing()
        elif create:
            store._create()
        else:
            store._engine = sqlite_engine("", memory=True)
            store._memory = True
            with store._engine.begin() as connection:
                _create_schema(connection)
        return store

    @property
    def exists(self) -> bool:
        return not self._memory

    @property
    def engine(self) -> Engine:
        assert self._engine is not None, "store is closed"
        return self._engine

    def _create(self) -> None:
        try:
            create_database(self.path)
        except PermissionError:
            raise StoreError(f"cannot create {self.path}: permission denied") from None
        except OSError as error:
            raise StoreError(f"cannot create {self.path}: {error.strerror}") from None
        self._open_existing()

    def _open_existing(self) -> None:
        check_file(self.path)
        opened = identity(self.path)
        version = file_version(self.path)
        if version is None:
            raise StoreRefused(f"{self.path} has no followup schema version; left untouched")
        if version not in REVISIONS:
            raise StoreRefused(
                f"{self.path} was written by a newer followup (schema {version}); "
                "upgrade followup to open it. The file was left untouched."
            )
        if version != HEAD:
            from followup.store.migrate import backup, upgrade

            self.backup_path = backup(self.path, version)
            upgrade(self.path)
            self.migrated_from = version
        self._engine = sqlite_engine(self.path)
        # Listened after the engine's own: a connection is set up before the journal is read.
        self._journal = Journal(self.path)
        self._journal.listen(self._engine)
        self._identity = opened
        self._memory = False
        keep_private(self.path)

    def _follow_the_file(self) -> None:
        """Read the file once another process has made it, rather than the empty stand-in."""
        if not self._memory or not self.path.exists():
            return
        with self._switch:
            if not self._memory:
                return
            stand_in = self._engine
            with suppress(StoreError):  # a half-made or foreign file: stay empty for now
                self._open_existing()
                if stand_in is not None:
                    stand_in.dispose()

    def replaced(self) -> str | None:
        """What happened to the file this store opened, if the path no longer leads to it."""
        if self._memory:
            return None
        problem = what_became_of(self.path, self._identity)
        if problem is None and self._journal is not None:
            problem = self._journal.problem()
        return problem

    def opened_as(self, first_seen: tuple[int, int] | None) -> None:
        """The file this store stands for is the one first seen at the path (by a reader that
        came before it): if another is there now, it is a replacement, said as such."""
        if first_seen is not None and not self._memory:
            self._identity = first_seen

    def reopen(self) -> None:
        """Open the file now at the path, leaving the one opened before."""
        self.refusing = None  # said of the file left behind
        with self._switch:
            if self._engine is not None:
                self._engine.dispose()
            self._engine = None
            if self.path.exists():
                self._open_existing()
            else:
                self._engine = sqlite_engine("", memory=True)
                self._memory = True
                self._identity = None
                self._journal = None
                with self._engine.begin() as connection:
                    _create_schema(connection)

    def _check_still_open(self, session: Session) -> None:
        """Refuse to commit into a file that is no longer the one at the path.

        Checked while the write lock is held, just before the commit: a file renamed aside
        (a restore, a sync tool, `rm`) or a -wal file deleted under the connection would
        otherwise take the write, and the person would never see it again.
        """
        problem = self.replaced()
        connection = session.connection()
        opened = connection.connection.info.get("followup_file")
        if problem is None and opened is not None and opened != identity(self.path):
            problem = what_became_of(self.path, opened)
        if problem is not None:
            if "journal" in problem:
                # This connection uses a journal nobody will read: never use it again.
                connection.invalidate()
            raise StoreError(f"{problem}; nothing was written")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading: a consistent snapshot, never blocking a writer."""
        self._follow_the_file()
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def driver(self) -> Iterator[sqlite3.Connection]:
        """The driver's own connection inside a read transaction, for plain SQL."""
        with self.read() as session:
            yield session.connection().connection.driver_connection

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A short write transaction that takes the write lock up front; commits on success."""
        if self.refusing is not None:
            raise StoreError(f"{self.refusing}; nothing was written")
        self._follow_the_file()
        if self._memory:
            with self._switch:
                if self._memory:
                    self._engine.dispose() if self._engine else None
                    self._create()
        if (problem := self.replaced()) is not None:
            raise StoreError(f"{problem}; nothing was written")
        engine = self.engine.execution_options(followup_write=True)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
            self._check_still_open(session)

    @contextmanager
    def driver_write(self) -> Iterator[sqlite3.Connection]:
        """The driver's own connection inside a write transaction (see `write`), for plain
        SQL: the everyday writes, which the command line makes without SQLAlchemy."""
        with self.write() as session:
            yield session.connection().connection.driver_connection

    def schema_version(self) -> str | None:
        return read_version(self.engine)

    def integrity_check(self) -> str:
        with self.engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        result = "; ".join(rows)
        if problems:
            result += f"; {len(problems)} broken links between tables"
        return result

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
