"""Textual's terminal driver, told that a terminal can go away: a closed window, a lost SSH
connection, a killed tmux session.

A hung-up terminal reads as end-of-file (or EIO) and refuses writes with EIO. Textual's input
thread would read that end-of-file again and again without waiting, and its output thread
would die on the first refused write and leave the screen blocked on a full queue. Here
either one is the end of the terminal: it is treated as a hangup (SIGHUP to ourselves), which
ends the app the one way signals do (see `followup.tui.ending`).
"""

from __future__ import annotations

import fcntl
import os
import selectors
import signal
import sys
import termios
import threading
from codecs import getincrementaldecoder
from contextlib import suppress
from typing import IO, Any

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver

_gone = threading.Event()


def terminal_gone() -> None:
    """The terminal is no more: say so once, as the hangup it is."""
    if _gone.is_set():
        return
    _gone.set()
    # What is still buffered for the dead terminal goes nowhere instead: a flush that failed
    # at exit would turn the exit code into 120.
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    os.kill(os.getpid(), signal.SIGHUP)


def unread_input() -> int:
    """How many bytes a person typed that the app has not read yet."""
    try:
        pending = fcntl.ioctl(sys.__stdin__.fileno(), termios.FIONREAD, b"\0\0\0\0")
    except (OSError, ValueError, AttributeError):
        return 0  # no terminal, or a dead one: nothing more will come
    return int.from_bytes(pending, sys.byteorder)


class TerminalOutput:
    """The terminal as Textual's output thread writes to it: a refused write ends the app
    instead of the thread."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file

    def write(self, text: str) -> None:
        if _gone.is_set():
            return
        try:
            self._file.write(text)
        except (OSError, ValueError):
            terminal_gone()

    def flush(self) -> None:
        if _gone.is_set():
            return
        try:
            self._file.flush()
        except (OSError, ValueError):
            terminal_gone()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class TerminalDriver(LinuxDriver):
    """LinuxDriver whose input and output end the app when the terminal is gone."""

    def __init__(self, app: Any, **options: Any) -> None:
        super().__init__(app, **options)
        self._file = TerminalOutput(self._file)
        self.suspended = False

    def start_application_mode(self) -> None:
        super().start_application_mode()
        if self._writer_thread is not None:
            return
        # Textual gave up on a terminal it could not set up. Stopped in the background, it
        # is told so by SIGTTOU; a terminal that is gone says EIO, and nothing will.
        try:
            termios.tcgetattr(self.fileno)
        except termios.error:
            self._writer_thread = WriterThread(self._file)  # the screen's writes go nowhere
            self._writer_thread.start()
            terminal_gone()

    def suspend_application_mode(self) -> None:
        self.suspended = True
        super().suspend_application_mode()

    def resume_application_mode(self) -> None:
        super().resume_application_mode()
        self.suspended = False

    def run_input_thread(self) -> None:
        """Textual's input loop (textual 8.2), except that end-of-file or an error on the
        terminal ends it: nothing more will ever come, and reading again would spin."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def read_once(timeout: float, final: bool = False) -> bool:
            """Read what is there and pass it on; False when the terminal is gone."""
            if selector.select(timeout):
                try:
                    data = os.read(self.fileno, 4096)
                except OSError:
                    return False
                if not data:
                    return False
                for event in parser.feed(decode(data, final=final)):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not read_once(0.1):
                    terminal_gone()
                    return
            selector.unregister(self.fileno)
            read_once(0.1, final=True)
        finally:
            selector.close()
            try:
                for _ in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
