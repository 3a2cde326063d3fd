"""The app ends when its terminal ends, and nothing of it outlives it.

Each trial launches the app on a real pseudo-terminal (its controlling terminal), directly or
under `make`, on 100 or 100,000 applications, opens the compose pane and types, and at a
random moment 0-5 s after launch closes the terminal or sends SIGTERM, SIGHUP or SIGKILL.
Then: within a few seconds no process of the trial's session remains, the file passes its
integrity check, and a draft the app had on screen is saved.

The default run is 20 trials (with the signal trials of `test_signals`, `test_kept_aside`
and `test_last_resort`, over 30 in all); FOLLOWUP_SOAK_TRIALS=40 runs a soak
(FOLLOWUP_SOAK_SEED picks other moments).
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import random
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")

SIZES = (100, 100_000)
EVENTS = ("close", "TERM", "HUP", "KILL")
LAUNCHERS = ("direct", "make")
# The default trials: every event, both launchers, both sizes; the terminal closed in seven.
DEFAULT = [
    ("close", "direct", 100),
    ("close", "make", 100_000),
    ("close", "direct", 100_000),
    ("close", "make", 100),
    ("TERM", "direct", 100_000),
    ("TERM", "make", 100),
    ("HUP", "direct", 100),
    ("HUP", "make", 100_000),
    ("KILL", "direct", 100_000),
    ("KILL", "make", 100),
    ("close", "make", 100),
    ("close", "direct", 100),
    ("close", "make", 100_000),
    ("TERM", "make", 100_000),
    ("TERM", "direct", 100),
    ("HUP", "direct", 100_000),
    ("HUP", "make", 100),
    ("KILL", "make", 100_000),
    ("close", "direct", 100),
    ("TERM", "make", 100),
]
TRIALS = int(os.environ.get("FOLLOWUP_SOAK_TRIALS", len(DEFAULT)))
SEED = os.environ.get("FOLLOWUP_SOAK_SEED", "h17")
TYPED = b"Zanzibar"
GONE_WITHIN = 3.0  # seconds after the event (SIGKILL: the children notice within a few more)


def _plans():
    combos = itertools.cycle(itertools.product(EVENTS, LAUNCHERS, SIZES))
    plans = DEFAULT[:TRIALS] + [next(combos) for _ in range(TRIALS - len(DEFAULT))]
    for number, (event, launcher, size) in enumerate(plans):
        moment = round(random.Random(f"{SEED}-{number}").uniform(0.0, 5.0), 2)
        yield pytest.param(event, launcher, size, moment, id=f"{number}-{event}-{launcher}-{size}")


def _build(path: Path, size: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "followup", "demo", "--size", str(size), "--no-open"],
        env=dict(os.environ, FOLLOWUP_DB=str(path)),
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> dict[int, Path]:
    """One file of each size per test run, shared by the xdist workers (the large one takes
    about a minute to make)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    shared = Path(os.environ.get("FOLLOWUP_SOAK_CACHE", shared))  # to keep them between runs
    shared.mkdir(parents=True, exist_ok=True)
    made: dict[int, Path] = {}
    with open(shared / "terminal-ends.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for size in SIZES:
            path = shared / f"terminal-ends-{size}.db"
            if not path.exists():
                building = path.with_suffix(".building")
                shutil.rmtree(building, ignore_errors=True)
                building.mkdir()
                _build(building / path.name, size)
                _checkpoint(building / path.name)
                (building / path.name).rename(path)
            made[size] = path
    return made


def _checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _in_session(session: int) -> list[int]:
    """Every live process of a session, wherever it was reparented to."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) == session:
            found.append(int(entry))
    return found


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


@dataclass
class Trial:
    launcher: str
    db: Path
    folder: Path

    def start(self) -> None:
        # A name to sign with: the first draft would otherwise ask for it first.
        (self.folder / "config.toml").write_text('your_name = "Sam Taylor"\n')
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        command = [sys.executable, "-m", "followup", "--db", str(self.db)]
        if self.launcher == "make":
            (self.folder / "Makefile").write_text(f"run:\n\t{' '.join(command)}\n")
            command = ["make", "--no-print-directory", "-C", str(self.folder), "run"]
        env = dict(
            os.environ,
            TERM="xterm-256color",
            FOLLOWUP_CONFIG=str(self.folder / "config.toml"),
            VISUAL="false",
            # make runs in another folder: a relative path would find another followup.
            PYTHONPATH=os.pathsep.join(
                str(Path(part).resolve()) for part in sys.path if part and Path(part).is_dir()
            ),
        )

        def controlling_terminal() -> None:  # in the child, after setsid
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=controlling_terminal,
        )
        os.close(slave)
        self.master: int | None = master
        self.seen = b""

    def app_pid(self) -> int | None:
        if self.launcher == "direct":
            return self.process.pid
        found = _children(self.process.pid)
        return found[0] if found else None

    def read(self, timeout: float) -> None:
        if self.master is None:
            time.sleep(timeout)
            return
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.seen += os.read(self.master, 65536)
            except OSError:
                self.close()

    def write(self, data: bytes) -> None:
        if self.master is not None:
            with contextlib.suppress(OSError):  # the app may be gone already
                os.write(self.master, data)

    def close(self) -> None:
        if self.master is not None:
            os.close(self.master)
            self.master = None


def _fire(trial: Trial, event: str) -> None:
    if event == "close":
        trial.close()
        return
    signum = {"TERM": signal.SIGTERM, "HUP": signal.SIGHUP, "KILL": signal.SIGKILL}[event]
    deadline = time.monotonic() + 5
    while (pid := trial.app_pid()) is None and time.monotonic() < deadline:
        time.sleep(0.01)  # make has not started it yet
    assert pid is not None, "the app never started"
    os.kill(pid, signum)


@pytest.mark.parametrize("event, launcher, size, moment", list(_plans()))
def test_the_app_ends_with_its_terminal(tmp_path, databases, event, launcher, size, moment):
    db = tmp_path / "followup.db"
    shutil.copyfile(databases[size], db)
    trial = Trial(launcher, db, tmp_path)
    trial.start()
    session = trial.process.pid
    try:
        started = time.monotonic()
        step = "wait for the list"
        typed_on_screen = False
        while time.monotonic() - started < moment:
            trial.read(0.02)
            # A person: waits for the list, opens the compose pane, types.
            if step == "wait for the list" and b"overdue" in trial.seen:
                trial.write(b"w")
                step = "wait for the draft"
            elif step == "wait for the draft" and b"Draft " in trial.seen:
                trial.write(TYPED + b" ")
                step = "wait for the words"
            elif step == "wait for the words" and TYPED in trial.seen:
                typed_on_screen = True
                step = "done"
        _fire(trial, event)
        fired = time.monotonic()
        # The terminal stays open after a signal: read what the app leaves on it.
        limit = GONE_WITHIN + (3.0 if event == "KILL" else 0.0)
        while _in_session(session) and time.monotonic() - fired < limit:
            trial.read(0.05)
        left = _in_session(session)
        # What the app wrote last may still wait in the terminal when its process is gone.
        drained = time.monotonic()
        while trial.master is not None and time.monotonic() - drained < 2.0:
            before = len(trial.seen)
            trial.read(0.2)
            if len(trial.seen) == before:
                break
        ended = trial.process.poll()
    finally:
        trial.close()
        for pid in _in_session(session):
            os.kill(pid, signal.SIGKILL)
        trial.process.wait(timeout=10)
    where = f"{event} at {moment}s ({launcher}, {size} applications)"
    assert not left, f"still running {limit}s after {where}: {left}"
    if launcher == "direct" and event != "KILL":
        # 129/143; -N when the signal came before Python could take it (no screen yet).
        codes = {"close": 129, "HUP": 129, "TERM": 143}
        assert ended in (codes[event], 128 - codes[event]), f"exit code {ended} after {where}"
    if event in ("TERM", "HUP"):  # the terminal is still there: it is given back
        entered, left_screen = trial.seen.rfind(b"\x1b[?1049h"), trial.seen.rfind(b"\x1b[?1049l")
        assert left_screen >= entered, f"the terminal was not given back after {where}"
    assert b"Traceback" not in trial.seen and b"unexpected" not in trial.seen, where
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",), where
        drafts = [row[0] for row in connection.execute("SELECT body FROM drafts")]
    if typed_on_screen and event != "KILL":
        assert any(TYPED.decode() in body for body in drafts), f"draft lost after {where}"
