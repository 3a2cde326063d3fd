"""Running followup in a real pseudo-terminal and timing what appears on it."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyte


@dataclass
class Session:
    child: subprocess.Popen
    master: int
    started: float
    # What is on the terminal, as a terminal shows it, for a figure that waits for a text
    # (`launch(..., screen=True)`; otherwise reading the output costs the machine nothing).
    screen: pyte.Screen | None = None
    stream: pyte.ByteStream | None = None

    def _got(self, chunk: bytes) -> bytes:
        if self.stream is not None:
            self.stream.feed(chunk)
        return chunk

    def read_until(self, needle: bytes | tuple[bytes, ...], limit: float = 60.0) -> float:
        """Seconds from start until `needle` (or any of them) was on the terminal."""
        needles = (needle,) if isinstance(needle, bytes) else needle
        seen = b""
        deadline = time.perf_counter() + limit
        while not any(n in seen for n in needles):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{needles!r} never appeared")
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                seen = (seen + self._got(os.read(self.master, 1 << 16)))[-(1 << 16) :]
        return time.perf_counter() - self.started

    def drain(self, quiet: float = 0.3) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                return
            self._got(os.read(self.master, 1 << 16))

    def key_to_change(self, keys: bytes, limit: float = 10.0) -> float:
        """Seconds from sending `keys` until the screen starts to change."""
        self.drain(0.15)
        sent = time.perf_counter()
        os.write(self.master, keys)
        ready, _, _ = select.select([self.master], [], [], limit)
        if not ready:
            raise TimeoutError("the screen did not change")
        self._got(os.read(self.master, 1 << 16))
        return time.perf_counter() - sent

    def keys_on_screen(
        self, keys: bytes, settled: Callable[[list[str]], bool], limit: float = 3.0
    ) -> tuple[float, float]:
        """Seconds from sending `keys` until the screen starts to change (its first bytes: the
        cursor, say), and until it shows what `settled` looks for in its lines as a person
        reads them; `limit` for what never came. Keys go at once, the screen not first left
        to go quiet (a person pressing keys from the first frame on does not wait)."""
        self._read(0.0)
        sent = time.perf_counter()
        os.write(self.master, keys)
        changed = done = None
        while time.perf_counter() - sent < limit:
            if self._read(0.002) and changed is None:
                changed = time.perf_counter() - sent
            if changed is not None and settled(self.lines()):
                done = time.perf_counter() - sent
                break
        return (changed or limit), (done or limit)

    def lines(self) -> list[str]:
        """The screen's text, line by line (what `tmux capture-pane -p` shows)."""
        assert self.screen is not None, "launched without screen=True"
        return list(self.screen.display)

    def _read(self, wait: float) -> bool:
        """Read what came within `wait` seconds, and whatever follows at once; whether any."""
        came = False
        while True:
            ready, _, _ = select.select([self.master], [], [], wait)
            if not ready:
                return came
            self._got(os.read(self.master, 1 << 16))
            came, wait = True, 0.0

    def peak_memory_kb(self) -> int:
        with open(f"/proc/{self.child.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)
            try:
                self.child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.child.kill()
        os.close(self.master)


def launch(
    args: list[str], size: tuple[int, int], env: dict | None = None, *, screen: bool = False
) -> Session:
    columns, rows = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = dict(os.environ, TERM="xterm-256color", **(env or {}))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        start_new_session=True,
    )
    os.close(slave)
    if not screen:
        return Session(child, master, started)
    shown = pyte.Screen(columns, rows)
    return Session(child, master, started, shown, pyte.ByteStream(shown))
