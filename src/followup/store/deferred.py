"""A store whose SQLAlchemy side is opened only when something needs it.

The app's first screen is a page of the list, and an everyday command (`list`, `show`, `due`,
`add`, `log`) needs only plain SQL. Until the real `Store` is open (the app opens it in a
worker thread as soon as the rows are up; a command, never, unless it uses a session), plain
SQL runs on short-lived connections of the standard library; everything else uses the real
store, waiting for it if it is not open yet.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.store.header import (
    StoreError,
    identity,
    keep_private,
    plain_connection,
    plain_writer,
    what_became_of,
)

if TYPE_CHECKING:
    from followup.store.db import Store


class DeferredStore:
    """Stands in for `Store` on a file known to be current (`header.reader` said so)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.exists = True
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._early: dict[Hashable, Future[Any]] = {}
        # The file whose header was read: until the real store opens, it is the one shown.
        self._identity = identity(path)
        keep_private(path)

    def read_ahead(self, reads: dict[Hashable, Callable[[DeferredStore], Any]]) -> None:
        """Start the reads the first screen will make, in a thread, while the app is still
        loading its modules; `take_early` hands each result over once."""
        futures: dict[Hashable, Future[Any]] = {key: Future() for key in reads}
        self._early.update(futures)

        def work() -> None:
            for key, read in reads.items():
                try:
                    futures[key].set_result(read(self))
                except BaseException as error:  # raised again where the result is taken
                    futures[key].set_exception(error)

        threading.Thread(target=work, name="read-ahead", daemon=True).start()

    def take_early(self, key: Hashable) -> Future[Any] | None:
        """The read started by `read_ahead` under `key` (only once), or None."""
        return self._early.pop(key, None)

    @property
    def real(self) -> Store:
        """The SQLAlchemy store, opened (once, whichever thread asks first) when needed."""
        with self._lock:
            if self._store is None:
                from followup.store.db import Store

                self._store = Store.open(self.path)
                # Replaced before the real store opened: the rows shown came from the file
                # first seen, and writes must not go to another one.
                self._store.opened_as(self._identity)
            return self._store

    @property
    def is_open(self) -> bool:
        """Whether the SQLAlchemy store is open: a read through it waits for nothing."""
        return self._store is not None

    def replaced(self) -> str | None:
        """As `Store.replaced`, without opening the real store for it (asked every second)."""
        if self._store is not None:
            return self._store.replaced()
        return what_became_of(self.path, self._identity)

    def __getattr__(self, name: str) -> Any:
        # Everything but the list's reads: read(), write(), engine, schema_version()...
        return getattr(self.real, name)

    @contextmanager
    def driver(self) -> Iterator[sqlite3.Connection]:
        """A connection for plain SQL inside a read transaction: the real store's once it is
        open; before that, one of the standard library's, closed straight after."""
        if self._store is not None:
            with self._store.driver() as connection:
                yield connection
            return
        connection = plain_connection(self.path)
        try:
            connection.execute("BEGIN")
            yield connection
        finally:
            connection.close()

    @contextmanager
    def driver_write(self) -> Iterator[sqlite3.Connection]:
        """A connection for plain SQL inside a short write transaction that takes the write
        lock up front and commits when the block ends without an error: the real store's
        once it is open; before that, one of the standard library's, which like the real
        store's never commits into a file or journal replaced meanwhile."""
        if self._store is not None:
            with self._store.driver_write() as connection:
                yield connection
            return
        self._refuse_if_replaced()
        connection = plain_writer(self.path)
        try:
            connection.execute("BEGIN IMMEDIATE")
            # A read opens the journal: the one this write goes to, unless it is replaced.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
            journal = identity(_journal(self.path))
            yield connection
            self._refuse_if_replaced(journal)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                with suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def _refuse_if_replaced(self, journal: tuple[int, int] | None = None) -> None:
        problem = what_became_of(self.path, self._identity)
        if problem is None and journal is not None and identity(_journal(self.path)) != journal:
            problem = (
                f"the journal file beside {self.path} ({_journal(self.path).name}) was deleted "
                "or replaced while followup had the data open"
            )
        if problem is not None:
            raise StoreError(f"{problem}; nothing was written")

    def close(self) -> None:
        """Close the real store if it is open. One still being opened (SQLAlchemy imported
        in a thread, a second or more under load) is not waited for: the app closes its
        store on the way out, and nothing has been written through a store not yet open."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            if self._store is not None:
                self._store.close()
                self._store = None
        finally:
            self._lock.release()


def is_open(store: Store | DeferredStore) -> bool:
    """Whether `store` reads through SQLAlchemy without waiting for it to be imported."""
    return not isinstance(store, DeferredStore) or store.is_open


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")
