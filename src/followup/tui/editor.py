"""Text edited in the person's own editor ($VISUAL, else $EDITOR, else vi): the one round trip
behind the notes (E) and the compose pane (Ctrl+R).

Whatever the editor does (missing, failing, killed, writing bytes that are not UTF-8), the
screen comes back and the text it started from stays unless the editor exited cleanly; the
reason is one line a person can act on.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

# The files handed to an editor that has not returned yet (path: what it started from), and
# those kept because the editor ended without giving its text back but had written to them.
# An app ended while the editor is open (a signal, its terminal gone) looks here last.
_open: dict[Path, bytes] = {}
_kept: list[Path] = []


def left_behind() -> list[Path]:
    """At the very end: each editor file still open is kept if the editor wrote to it (what
    the person typed there is theirs), and deleted if it still holds what it started with."""
    found: list[Path] = []
    for path, started in list(_open.items()):
        try:
            now = path.read_bytes()
        except OSError:
            continue
        if now != started and now.strip():
            found.append(path)
        else:
            path.unlink(missing_ok=True)
    return [*_kept, *found]


def _keep_if_written(path: Path, started: bytes) -> bool:
    """An editor that ended badly (a signal, a failure) may still have saved text: kept."""
    try:
        now = path.read_bytes()
    except OSError:
        return False
    written = now != started and bool(now.strip())  # an emptied file holds nothing to keep
    if written:
        _kept.append(path)
    return written


@dataclass(frozen=True)
class Edited:
    """What came back: the new text, or None and why the old text stays."""

    text: str | None
    problem: str = ""


def editor_command() -> tuple[list[str], str]:
    """The editor's command line and the variable it came from (for messages)."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "")
        if value.strip():
            # shlex, not str.split: `code --wait` and quoted paths with spaces both work.
            return shlex.split(value), f"${variable}"
    return ["vi"], "the default editor"


def edit(app: App, text: str, *, kept: str) -> Edited:
    """Let the person edit `text` in their editor; `kept` names what stays as it was
    ("Your notes are unchanged.") when the editor does not give new text."""
    try:
        command, source = editor_command()
    except ValueError as error:  # an unbalanced quote in the variable
        return Edited(None, f"Cannot read the editor command ({error}). {kept}")
    if not command:
        return Edited(None, f"The editor command is empty. {kept}")
    if shutil.which(command[0]) is None:
        return Edited(
            None,
            f"Cannot find the editor {command[0]!r} ({source}): set VISUAL or EDITOR to an "
            f"editor you have. {kept}",
        )
    handle, name = tempfile.mkstemp(prefix="followup-", suffix=".txt")  # mode 0600
    path = Path(name)
    started = text.encode("utf-8", "surrogateescape")
    with os.fdopen(handle, "wb") as file:
        file.write(started)
    keep_file = False
    _open[path] = started
    try:
        code, problem = _run(app, [*command, str(path)], command[0])
        if problem or code != 0:
            said = problem or _ended(command[0], code)
            keep_file = _keep_if_written(path, started)
            where = f" What it saved is kept in {path}." if keep_file else ""
            return Edited(None, f"{said}{where} {kept}")
        try:
            data = path.read_bytes()
        except OSError as error:
            return Edited(None, f"Cannot read what the editor wrote: {error.strerror}. {kept}")
        try:
            return Edited(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            keep_file = True  # what the person wrote is theirs: never deleted unread
            return Edited(
                None,
                f"The editor saved text that is not UTF-8 (byte {data[error.start]:#04x} at "
                f"{error.start}), so it was not taken; it is kept in {path}. {kept}",
            )
    finally:
        _open.pop(path, None)
        if not keep_file:
            path.unlink(missing_ok=True)


def _run(app: App, argv: list[str], name: str) -> tuple[int, str]:
    """Run the editor with the terminal handed over; (exit status, problem or "")."""
    if app.is_headless:  # no terminal to hand over (tests): run it as it is
        return _wait(argv, name)
    try:
        with app.suspend():
            # Nothing may escape this block: the screen comes back only when it ends normally.
            return _wait(argv, name)
    except SuspendNotSupported:
        return -1, "An editor cannot be opened here."


# How often the UI thread looks up from waiting for the editor.
_LOOK_UP_SECONDS = 0.1

# The editor is started through this: on Linux it asks to be sent SIGHUP when the app is
# gone (PR_SET_PDEATHSIG), as a closed terminal would send it, so an app killed with -9 does
# not leave the editor holding the terminal. Then it becomes the editor (exec).
_WITH_THE_APP = r"""
import os, signal, sys
app = int(sys.argv[1])
try:
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGHUP))  # PR_SET_PDEATHSIG
except Exception:
    pass
if os.getppid() != app:
    sys.exit(129)  # the app went before the editor could start
try:
    os.execvp(sys.argv[2], sys.argv[2:])
except OSError as error:
    sys.stderr.write(f"cannot start {sys.argv[2]}: {error.strerror}\n")
    sys.exit(127)
"""


def _wait(argv: list[str], name: str) -> tuple[int, str]:
    try:
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _WITH_THE_APP, str(os.getpid()), *argv]
        )
    except OSError as error:
        return -1, f"Could not start the editor {name!r}: {error.strerror or error}."
    try:
        # Never one long wait: the kernel may hand a SIGHUP or SIGTERM (the terminal closed)
        # to another thread, and Python runs its handler in this thread only between two
        # steps; blocked in one wait for the editor, the app would outlive its terminal
        # for as long as the editor runs (an editor that does not read the terminal, such
        # as `code --wait`, runs on).
        while True:
            try:
                return process.wait(timeout=_LOOK_UP_SECONDS), ""
            except subprocess.TimeoutExpired:
                continue
    except KeyboardInterrupt:
        return -1, f"The editor {name!r} was interrupted."


def _ended(name: str, code: int) -> str:
    if code < 0:
        try:
            how = signal.Signals(-code).name
        except ValueError:
            how = f"signal {-code}"
        return f"The editor {name!r} was ended by {how}, so nothing it wrote was taken."
    return f"The editor {name!r} exited with status {code}, so nothing it wrote was taken."
