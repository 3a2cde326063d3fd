"""A command that only reads, on a damaged data file: when a read meets the damage before
anything was printed, it runs again on a copy of every row that can still be read (see
`followup.store.salvage`), and says once that the file is damaged."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from followup.cli.context import Context


class _Held:
    """stdout as it is (a terminal stays a terminal), its first HELD characters held back:
    a command that fails on the damage after printing a little can still run again on the
    copy, without printing twice. (A bigger output already on its way is not taken back.)"""

    HELD = 1024 * 1024

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._held: list[str] = []
        self._size = 0
        self.passed = False  # something went out: the command cannot be run again

    def write(self, text: str) -> int:
        if not self.passed:
            self._held.append(text)
            self._size += len(text)
            if self._size <= self.HELD:
                return len(text)
            self.release()
            return len(text)
        return self._stream.write(text)

    def release(self) -> None:
        self.passed = self.passed or self._size > 0
        self._stream.write("".join(self._held))
        self._held, self._size = [], 0

    def drop(self) -> None:
        self._held, self._size = [], 0

    def flush(self) -> None:
        if self.passed:
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _damage(error: Exception) -> bool:
    from followup.store.header import StoreRefused, reason

    if isinstance(error, StoreRefused):
        return False
    text = reason(error)
    return any(words in text for words in ("malformed", "is damaged", "not a database"))


def _missing_in_a_damaged_file(error: Exception, context: Context) -> bool:
    """An application not found may sit on a damaged page that a lookup passes over without
    an error: before saying it does not exist, the file is checked (only then)."""
    from followup.store.records import NotFound

    if not isinstance(error, NotFound) or getattr(context, "on_server", False):
        return False
    from followup.store.health import diagnose

    context.close_stores()
    return diagnose(context.db_path).fails


def read_what_can_be_read(handler, options, context: Context) -> int:
    held = _Held(sys.stdout)
    sys.stdout = held
    try:
        code = handler(options, context)
    except Exception as error:
        sys.stdout = held._stream
        if (
            held.passed
            or not context.db_path.exists()
            or not (_damage(error) or _missing_in_a_damaged_file(error, context))
        ):
            held.release()
            raise
        held.drop()
        failure = error
    else:
        sys.stdout = held._stream
        held.release()
        return code
    return _on_a_copy(handler, options, context, failure)


def _on_a_copy(handler, options, context: Context, failure: Exception) -> int:
    from followup.store.header import StoreError
    from followup.store.records import NotFound
    from followup.store.salvage import salvage

    context.close_stores()
    with tempfile.TemporaryDirectory(prefix="followup-read-") as folder:
        try:
            found = salvage(context.db_path, Path(folder) / "readable.db")
        except StoreError:
            raise failure from None
        print(
            f"followup: {context.db_path} is damaged; this is what can still be read of it "
            f"({found.said()}). `followup doctor` says more; nothing was written",
            file=sys.stderr,
        )
        context.reading_copy = found.path
        try:
            return handler(options, context)
        except NotFound as missing:
            _maybe_unread(missing, found, context)
            raise
        finally:
            context.close_stores()
            context.reading_copy = None


def _maybe_unread(missing, found, context: Context) -> None:
    """An application not found in what could be read, when it may be in what could not:
    said so (exit 1), never that it does not exist."""
    from followup.store.header import StoreError

    if missing.application_id is not None:
        if not found.may_hold("applications", missing.application_id):
            return  # outside every damaged range: it is not there
        asked = f"application {missing.application_id}"
    elif found.lost.get("applications"):
        asked = f"an application named '{missing.name}'"
    else:
        return
    raise StoreError(
        f"{asked} cannot be read: {context.db_path} is damaged and "
        f"{found.unread_words('applications')} in it could not be read; it may be one of "
        "them. `followup doctor` says more; `followup doctor --restore` brings back the "
        "newest good backup"
    ) from None
