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

from followup.paths import make_private_dir


@contextmanager
def replacing(
    target: Path, *, binary: bool = False, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """A file to write that becomes `target` only when the block ends without an error.

    On any error (or an interrupt) the temporary file is removed and `target` is untouched.
    """
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
