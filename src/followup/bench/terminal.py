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
from dataclasses import dataclass


@dataclass
class Session:
    child: subprocess.Popen
    master: int
    started: float

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
                seen = (seen + os.read(self.master, 1 << 16))[-(1 << 16) :]
        return time.perf_counter() - self.started

    def drain(self, quiet: float = 0.3) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                return
            os.read(self.master, 1 << 16)

    def key_to_change(self, keys: bytes, limit: float = 10.0) -> float:
        """Seconds from sending `keys` until the screen starts to change."""
        self.drain(0.15)
        sent = time.perf_counter()
        os.write(self.master, keys)
        ready, _, _ = select.select([self.master], [], [], limit)
        if not ready:
            raise TimeoutError("the screen did not change")
        os.read(self.master, 1 << 16)
        return time.perf_counter() - sent

    def key_at_once(self, keys: bytes, limit: float = 3.0) -> float:
        """Like `key_to_change`, without waiting for the screen to be quiet first (a person
        pressing keys from the first frame on does not wait); `limit` when nothing changed."""
        self.drain(0.0)
        sent = time.perf_counter()
        os.write(self.master, keys)
        ready, _, _ = select.select([self.master], [], [], limit)
        if not ready:
            return limit
        os.read(self.master, 1 << 16)
        return time.perf_counter() - sent

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


def launch(args: list[str], size: tuple[int, int], env: dict | None = None) -> Session:
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
    return Session(child, master, started)
