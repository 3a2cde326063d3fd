"""The separate process the app's rules passes run in.

Light on purpose: the app makes it before its screen starts (the pool's locks start
multiprocessing's resource tracker, which must see the real stderr), and the store's
SQLAlchemy side is imported only in the child, by `followup.store.evaluation.in_child`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from followup.domain.policy import Policy

if TYPE_CHECKING:
    from followup.store.results import AgendaItem, Summary


def _follow_parent(parent: int) -> None:
    """In the child: end when the app is gone, even killed with -9 (nothing would tell it).
    And yield the processor to the app: a pass over 100,000 applications is background work,
    and must not slow the screen it runs for."""
    with contextlib.suppress(OSError):
        os.nice(5)
    # Out of the terminal's foreground group, and deaf to Ctrl+C: while the person's editor
    # has the terminal (cooked, so Ctrl+C is a signal to the whole group), an interrupt meant
    # for the editor would kill the rules for the rest of the session. The end of the app
    # is still seen: the watch below.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _in_child(path: str, policy: Policy, zone: tzinfo, now: datetime, what: str):
    from followup.store.evaluation import in_child

    return in_child(path, policy, zone, now, what)


_tracker_started = False


def _start_tracker_quietly() -> None:
    """Start multiprocessing's resource tracker with its stderr on /dev/null.

    The pool's queues hold named semaphores that their finalizers unlink; the app ends with
    `os._exit` (or a signal, or -9), so the finalizers never run, and the tracker unlinks
    them itself, which is what it is for, but it also prints "There appear to be 5 leaked
    semaphore objects" under the person's prompt after every quit. The tracker inherits
    file descriptor 2 as it is when it starts, so it is started here with 2 pointing at
    /dev/null for that moment (before the screen, when nothing else writes to it)."""
    global _tracker_started
    if _tracker_started:
        # Once per process, before the screen: later (a new rules process while the app
        # runs) file descriptor 2 is the screen's, and must not point elsewhere even for a
        # moment. The tracker started then lives as long as the app.
        return
    _tracker_started = True
    from multiprocessing import resource_tracker

    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        saved = os.dup(2)
    except OSError:
        return  # no stderr to protect, or no file descriptors: the tracker starts as usual
    try:
        os.dup2(nowhere, 2)
        resource_tracker.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(nowhere)


class EvaluationProcess:
    """Runs evaluations of one data file in a child process; results come back as futures."""

    def __init__(self, path: Path, policy: Policy, zone: tzinfo) -> None:
        _start_tracker_quietly()
        self.path = str(path)
        self.policy = policy
        self.zone = zone
        # spawn: a clean interpreter, never a fork of a process that runs threads.
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_follow_parent,
            initargs=(os.getpid(),),
        )

    def summarize(self, now: datetime) -> Future[Summary]:
        return self._pool.submit(_in_child, self.path, self.policy, self.zone, now, "summary")

    def agenda(self, now: datetime) -> Future[list[AgendaItem]]:
        return self._pool.submit(_in_child, self.path, self.policy, self.zone, now, "agenda")

    def close(self) -> None:
        """Stop at once: quitting must not wait for a pass over 100,000 applications."""
        # ProcessPoolExecutor has no public way to stop a running task; its worker processes
        # are ours to end. A waiting caller then gets BrokenProcessPool instead of a result.
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
