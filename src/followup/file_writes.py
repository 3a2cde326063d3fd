"""Writing a whole file safely: a private temporary file beside it, renamed into place.

Exports and calendars often go to shared folders (Downloads, /tmp). A temporary name that can
be guessed lets another user plant a symlink there and have us write through it, so the name
comes from `tempfile.mkstemp` (created exclusively, unpredictable, mode 0600). The data is on
disk before the rename, and the rename is on disk before we say it is done.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from followup.domain.model import InputError
from followup.paths import make_private_dir

SQLITE_MAGIC = b"SQLite format 3\x00"


def refuse_precious(target: Path) -> None:
    """InputError when `target` is a file an export must never replace: a database (the data
    file a person is using, a backup), its journal, or a settings file."""
    name = target.name
    if name.endswith(("-wal", "-shm", "-journal")) and target.with_name(name[:-4]).exists():
        raise InputError(f"{target} is a database's journal; choose another file (nothing written)")
    if target.suffix == ".toml" and target.exists():
        raise InputError(
            f"{target} looks like a settings file; choose another file (nothing written)"
        )
    live = [target.with_name(name + suffix) for suffix in ("-wal", "-shm")]
    if any(sidecar.exists() for sidecar in live):
        # A database in use: not even opened here, since closing a handle on it would drop
        # the locks this process's own SQLite connections hold on it.
        raise InputError(
            f"{target} is a database in use (your followup data?); choose another file "
            "(nothing was written)"
        )
    try:
        with target.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return  # not there (or not readable): nothing to lose
    if head == SQLITE_MAGIC:
        raise InputError(
            f"{target} is a database (your followup data, or a backup?); choose another file "
            "(nothing was written)"
        )


@contextmanager
def replacing(
    target: Path, *, binary: bool = False, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """A file to write that becomes `target` only when the block ends without an error.

    On any error (or an interrupt) the temporary file is removed and `target` is untouched.
    A database, its journal or a settings file is never replaced (see `refuse_precious`).
    """
    refuse_precious(target)
    folder = target.parent
    if not folder.exists():
        make_private_dir(folder)
    # Long names are cut so that the temporary one stays within the file system's limit.
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:120]}.", suffix=".tmp")
    temporary = Path(name)
    try:
        mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": encoding, "newline": newline}
        with open(fd, **mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; a file system that cannot sync a folder is let be."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
