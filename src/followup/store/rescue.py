"""A data file deleted under a running app: what the app's connections still read (the deleted
file stays readable to a process that has it open) written to a new file at its path."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import UTC, datetime

from followup.store.db import Store
from followup.store.header import StoreError, reason


def rescue(store: Store) -> int:
    """Write the deleted file, as this store still reads it, to its path; the store is then
    to be opened again (`Store.reopen`). The number of applications written; StoreError
    when it cannot be done, and then nothing is written at the path."""
    path = store.path
    if path.exists():
        raise StoreError(f"there is a file at {path} again; nothing was written over it")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.rescued")
    with suppress(FileNotFoundError):
        temporary.unlink()
    try:
        # A connection kept by the pool is still on the deleted file; a new one would fail
        # (the path is opened with mode=rw, never made).
        raw = store.engine.raw_connection()
    except Exception as error:
        raise StoreError(f"what followup held cannot be read any more ({reason(error)})") from None
    try:
        source = raw.driver_connection
        count = source.execute("SELECT count(*) FROM applications").fetchone()[0]
        target = sqlite3.connect(temporary)
        try:
            source.backup(target)
        finally:
            target.close()
    except (sqlite3.Error, OSError) as error:
        with suppress(FileNotFoundError):
            temporary.unlink()
        raise StoreError(f"what followup held could not be written ({reason(error)})") from None
    finally:
        raw.close()
    # Every connection to the deleted file closed: its journal goes with the last of them.
    store.engine.dispose()
    # The deleted file's journal, if still beside the path, would be read into the new file
    # as its own: kept aside under a clear name, never deleted.
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for suffix in ("-wal", "-shm"):
        leftover = path.with_name(path.name + suffix)
        if leftover.exists():
            os.replace(leftover, path.with_name(f"{path.name}.deleted-{stamp}{suffix}"))
    try:
        os.chmod(temporary, 0o600)
        os.link(temporary, path)
    except FileExistsError:
        raise StoreError(f"there is a file at {path} again; nothing was written over it") from None
    finally:
        with suppress(FileNotFoundError):
            temporary.unlink()
    return count
