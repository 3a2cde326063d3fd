"""How the full-screen app ends when told to from outside: SIGHUP (its terminal is gone) and
SIGTERM end it with the draft saved, the terminal given back and exit code 129 or 143, at any
moment from start-up on, and within two seconds whatever is stuck.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any

try:
    import termios
except ImportError:  # not a POSIX terminal: nothing to give back by hand
    termios = None  # type: ignore[assignment]

ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
# Long enough for a clean end (drafts saved, screen closed, rules process stopped: well under
# a second even at 100,000 applications), short enough that nothing hangs on.
GRACE_SECONDS = 1.5
# What is typed is then written to a file from the ending thread, for this long at most.
HASTE_SECONDS = 0.3


class Ending:
    """The one path from a signal to the end of the app, whatever phase it is in."""

    def __init__(self) -> None:
        self.code: int | None = None
        self.app: Any = None  # the FollowupApp, from the moment it is about to run
        self._terminal: list[Any] | None = None

    def install(self) -> None:
        """Take SIGHUP and SIGTERM, even from a parent that ignored or blocked them."""
        # Dispositions set to "ignore" and the blocked mask are inherited across exec: under
        # `make`, `nohup` or a service manager the signals might never arrive.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, ENDING_SIGNALS)
        for signum in ENDING_SIGNALS:
            signal.signal(signum, self._on_signal)
        if termios is not None:
            with suppress(OSError, termios.error):
                self._terminal = termios.tcgetattr(sys.stdin.fileno())

    def _on_signal(self, signum: int, frame: object) -> None:
        code = 128 + signum
        if self.code is None:
            self.code = code
            threading.Thread(
                target=self._last_resort, args=(code,), name="ending", daemon=True
            ).start()
        pass_on(signum)
        if self.app is None:
            # Before the screen: nothing to give back, and nothing half-done survives an
            # exception (transactions roll back).
            raise SystemExit(code)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # the app's loop is not running yet (it looks at `code` when it starts)
        # Through the app's queue: what runs straight from the loop lacks the app's context
        # (Textual's timers and lookups need it) when the signal came while the app was idle.
        loop.call_soon_threadsafe(self.app.call_later, self.app.end_on_signal, code)

    def _last_resort(self, code: int) -> None:
        """If the clean end has not happened in time, end anyway: committed data is safe
        (every write is one transaction), and a hung process would hold the file forever."""
        threading.Event().wait(GRACE_SECONDS)
        self._keep_what_is_typed()
        # Whatever the signal was passed on to and still runs (an editor that ignores it, and
        # holds the UI thread waiting for it) would hold the terminal after the app.
        for pid in not_ours():
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if self.give_back_terminal():
            with suppress(OSError):
                # Leave the alternate screen, show the cursor, stop mouse reports.
                os.write(2, b"\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l\x1b[?1000l\x1b[?1003l")
        farewell = getattr(getattr(self.app, "way_out", None), "farewell", None)
        for line in (farewell, editor_leftovers()):
            if line:  # where what could not be saved was kept
                with suppress(OSError):
                    os.write(2, f"{line}\n".encode("utf-8", "replace"))
        os._exit(code)

    def give_back_terminal(self) -> bool:
        """Put the terminal's modes back as they were before the app started; True if it
        could. An editor ended by the same signal leaves the modes it found, which may be
        the app's raw ones: the shell would then show no echo and no line endings."""
        if self._terminal is None or termios is None:
            return False
        try:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, self._terminal)
        except (OSError, ValueError, termios.error):
            return False
        return True

    def _keep_what_is_typed(self) -> None:
        """The app did not get as far as keeping what is typed (its UI thread is stuck): keep
        it from here, in a file (no database), for a moment at most."""
        way_out = getattr(self.app, "way_out", None)
        if way_out is None:
            return
        keeping = threading.Thread(target=_quietly, args=(way_out.in_haste,), daemon=True)
        keeping.start()
        keeping.join(HASTE_SECONDS)


def _quietly(call: Any) -> None:
    with suppress(Exception):  # nobody is left to tell, and the exit must still happen
        call()


def editor_leftovers() -> str | None:
    """One line naming the files the person's editor wrote to but could not give back (the
    app ended while it was open), or None."""
    editor = sys.modules.get("followup.tui.editor")  # loaded only if an editor was opened
    if editor is None:
        return None
    try:
        kept = editor.left_behind()
    except Exception:  # noqa: BLE001 - the end must still come
        return None
    if not kept:
        return None
    more = f" (and {len(kept) - 1} more, named like it)" if len(kept) > 1 else ""
    return f"What you saved in your editor is kept in {kept[-1]}{more}."


def pass_on(signum: int) -> None:
    """Give the signal to the programs the app started for the person (an editor, and what
    the editor started: a wrapper script's real editor): they would hold the terminal after
    the app. The app's own helpers (the rules process, the resource tracker) end with it by
    themselves."""
    for pid in not_ours():
        with suppress(OSError):
            os.kill(pid, signum)


def not_ours() -> list[int]:
    """The app's children but its own helpers, and their descendants: the programs it
    started for the person, and theirs (`sh -c` around an editor, a wrapper script)."""
    # Looked up, not imported: a signal handler may run in the middle of an import.
    own: set[int | None] = set()
    if (process := sys.modules.get("multiprocessing.process")) is not None:
        own |= {child.pid for child in list(process._children)}  # no reaping here
    if (tracker := sys.modules.get("multiprocessing.resource_tracker")) is not None:
        own.add(getattr(tracker._resource_tracker, "_pid", None))
    found: list[int] = []
    waiting = [pid for pid in children() if pid not in own]
    while waiting and len(found) < 1000:  # a loop in /proc cannot hold the ending
        pid = waiting.pop()
        found.append(pid)
        waiting += children(pid)
    return found


def children(pid: int | str = "self") -> list[int]:
    found: list[int] = []
    with suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with suppress(OSError, ValueError):
                found += [int(pid) for pid in (task / "children").read_text().split()]
    return found


ENDING = Ending()
