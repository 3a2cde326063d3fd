"""The rules process must not outlive the app: killed with -9, the app cannot stop it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

# A parent that starts a busy child the way the app's pool does (spawn, with the initializer
# that follows the parent), says the child's pid, then waits to be killed.
PARENT = """
import multiprocessing, os, sys, time
from followup.store.process import _follow_parent

def busy(parent):
    _follow_parent(parent)
    while True:  # a long pass that nothing else would ever interrupt
        sum(range(10_000))

if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    child = context.Process(target=busy, args=(os.getpid(),), daemon=False)
    child.start()
    print(child.pid, flush=True)
    time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process table from /proc")
def test_a_busy_rules_process_ends_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = 0
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        time.sleep(1.0)
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "the child outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        if child and _alive(child):
            os.kill(child, signal.SIGKILL)


def test_the_rules_process_gives_the_screen_the_processor(tmp_path):
    """A pass over many applications runs at a lower priority than the app it serves."""
    from followup.domain.policy import Policy
    from followup.store.process import EvaluationProcess

    process = EvaluationProcess(tmp_path / "unused.db", Policy(), None)
    try:
        # os.nice(0) changes nothing and answers the niceness the child runs at.
        child = process._pool.submit(os.nice, 0).result(timeout=60)
    finally:
        process.close()
    assert child > os.nice(0)
