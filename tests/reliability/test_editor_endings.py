"""The end of the app while the person's editor is open: the editor and everything it started
end with the app, the terminal's modes come back as they were, and the app never waits for the
editor to end before it hears a signal."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from followup.tui import editor
from tests.reliability.test_signals import _drain, _one_application, _read_until


def _start(db, tmp_path, visual):
    (tmp_path / "config.toml").write_text('your_name = "Sam Taylor"\n')
    master, slave = os.openpty()
    name = os.ttyname(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    env = dict(
        os.environ,
        TERM="xterm-256color",
        FOLLOWUP_CONFIG=str(tmp_path / "config.toml"),
        VISUAL=str(visual),
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "followup", "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=_take_the_terminal,
    )
    os.close(slave)
    return child, master, name


def _take_the_terminal() -> None:
    """The pty becomes the app's controlling terminal, as a terminal window's is: Ctrl+C
    typed there is then a signal to its foreground group, and its end a hangup."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _open_the_editor(master, pid_file) -> list[int]:
    """The draft of the one application, then Ctrl+R; the pids the editor wrote down."""
    assert b"Northwind" in _read_until(master, b"Northwind")
    time.sleep(1.0)
    os.write(master, b"w")
    _read_until(master, b"Subject", limit=10)
    time.sleep(0.5)
    os.write(master, b"Typed before the editor. ")
    _read_until(master, b"editor.", limit=10)
    os.write(master, b"\x12")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if pid_file.exists() and len(pid_file.read_text().split()) >= 2:
            break
        time.sleep(0.05)
    return [int(word) for word in pid_file.read_text().split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for the person: nothing runs.
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# A wrapper around the real editor that ignores SIGTERM, as `sh -c "…"` in $EDITOR or a
# script calling vim would be: the program doing the editing is the wrapper's child.
WRAPPER = """#!/bin/sh
trap '' TERM HUP
sleep 60 &
echo "$$ $!" > "$0.pid"
wait
"""


def test_what_the_editor_started_ends_with_the_app(tmp_path):
    db = tmp_path / "followup.db"
    _one_application(db)
    visual = tmp_path / "editor"
    visual.write_text(WRAPPER)
    visual.chmod(0o755)
    child, master, _ = _start(db, tmp_path, visual)
    try:
        pids = _open_the_editor(master, tmp_path / "editor.pid")
        child.send_signal(signal.SIGTERM)
        _drain(master, child)
        assert child.wait(timeout=20) == 143
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    deadline = time.monotonic() + 3
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "the editor's own child outlived the app"


# An editor that puts the terminal in raw mode, as every full-screen editor does, and dies of
# the signal without putting it back.
RAW = f"""#!{sys.executable}
import os, sys, time, tty
tty.setraw(0)
with open(sys.argv[0] + ".pid", "w") as handle:
    handle.write(f"{{os.getpid()}} {{os.getpid()}}")
time.sleep(60)
"""


def test_the_terminal_modes_come_back_after_a_signal_with_the_editor_open(tmp_path):
    db = tmp_path / "followup.db"
    _one_application(db)
    visual = tmp_path / "editor"
    visual.write_text(RAW)
    visual.chmod(0o755)
    child, master, name = _start(db, tmp_path, visual)
    try:
        before = termios.tcgetattr(master)
        _open_the_editor(master, tmp_path / "editor.pid")
        child.send_signal(signal.SIGTERM)
        _drain(master, child)
        assert child.wait(timeout=20) == 143
        after = termios.tcgetattr(master)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    local = termios.ECHO | termios.ICANON
    assert before[3] & local == local
    assert after[3] & local == local, "the shell after the app would not echo what is typed"
    assert after[1] & termios.OPOST, "the shell's lines after the app would stair-step"


class _Heard(Exception):
    pass


def test_a_signal_taken_by_another_thread_is_heard_while_the_editor_runs(tmp_path):
    """The kernel may hand a signal to any thread; Python runs its handler in the main thread,
    which waits for the editor: it must look up from that wait, not sleep until the editor
    ends (an app left running on a closed terminal)."""
    pid_file = tmp_path / "pid"
    argv = ["sh", "-c", f'echo $$ > "{pid_file}"; exec sleep 30']

    def heard(signum, frame):
        raise _Heard

    previous = signal.signal(signal.SIGUSR1, heard)
    elsewhere = threading.Thread(target=_signal_this_thread_once_the_editor_runs, args=(pid_file,))
    elsewhere.start()
    try:
        with pytest.raises(_Heard):
            editor._wait(argv, "sh")
        # Heard while the editor still ran: it was not waited for.
        assert _alive(int(pid_file.read_text()))
    finally:
        signal.signal(signal.SIGUSR1, previous)
        elsewhere.join()
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGKILL)


def _signal_this_thread_once_the_editor_runs(pid_file) -> None:
    deadline = time.monotonic() + 10
    while not (pid_file.exists() and pid_file.read_text().strip()):
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)
    signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)


SLEEPER = """#!/bin/sh
echo "$$ $$" > "$0.pid"
sleep 30
"""


def _rules_process(app_pid: int) -> int | None:
    """The app's spawned rules process (not the resource tracker)."""
    for task in os.listdir(f"/proc/{app_pid}/task"):
        with open(f"/proc/{app_pid}/task/{task}/children") as handle:
            for pid in handle.read().split():
                with open(f"/proc/{pid}/cmdline", "rb") as command:
                    if b"spawn_main" in command.read():
                        return int(pid)
    return None


def test_ctrl_c_in_the_editor_or_a_killed_rules_process_leaves_the_rules_running(tmp_path):
    """Ctrl+C while the editor has the terminal goes to the editor, not to the rules; and a
    rules process killed from outside is started again: what the shell adds still shows."""
    db = tmp_path / "followup.db"
    _one_application(db)
    visual = tmp_path / "editor"
    visual.write_text(SLEEPER)
    visual.chmod(0o755)
    child, master, _ = _start(db, tmp_path, visual)
    env = dict(os.environ, FOLLOWUP_CONFIG=str(tmp_path / "config.toml"))
    seen = b""
    try:
        editor_pid = _open_the_editor(master, tmp_path / "editor.pid")[0]
        time.sleep(0.5)
        os.write(master, b"\x03")  # the terminal is the editor's: an interrupt
        deadline = time.monotonic() + 10
        while _alive(editor_pid) and time.monotonic() < deadline:
            seen += _read_until(master, b"\x00", limit=0.2)
        assert not _alive(editor_pid)
        seen += _read_until(master, b"\x00", limit=1.0)  # the screen comes back
        os.write(master, b"\x1b")  # back to the list
        added = subprocess.run(
            [sys.executable, "-m", "followup", "--db", str(db), "add", "Zeta Corp", "Analyst"],
            env=env,
            capture_output=True,
        )
        assert added.returncode == 0, added.stderr
        seen += _read_until(master, b"Zeta Corp", limit=15)
        assert b"Zeta Corp" in seen
        rules = _rules_process(child.pid)
        assert rules is not None
        os.kill(rules, signal.SIGKILL)
        added = subprocess.run(
            [sys.executable, "-m", "followup", "--db", str(db), "add", "Omega Ltd", "Analyst"],
            env=env,
            capture_output=True,
        )
        assert added.returncode == 0, added.stderr
        seen += _read_until(master, b"Omega Ltd", limit=15)
        assert b"Omega Ltd" in seen
        os.write(master, b"q")
        seen += _drain(master, child)
        assert child.wait(timeout=20) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert b"could not be read" not in seen and b"Traceback" not in seen


# An editor that has saved what the person wrote when the app is told to end.
SAVED_THEN_WAITS = f"""#!{sys.executable}
import os, signal, sys, time
if os.environ.get("DEAF"):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
with open(sys.argv[1], "a") as handle:
    handle.write("Words saved in the editor.")
with open(sys.argv[0] + ".pid", "w") as handle:
    handle.write(f"{{os.getpid()}} {{os.getpid()}}")
time.sleep(60)
"""


@pytest.mark.parametrize("deaf", [False, True], ids=["editor-ends", "editor-ignores-it"])
def test_what_was_saved_in_the_editor_is_kept_and_named_when_the_app_ends(tmp_path, deaf):
    db = tmp_path / "followup.db"
    _one_application(db)
    visual = tmp_path / "editor"
    visual.write_text(SAVED_THEN_WAITS)
    visual.chmod(0o755)
    if deaf:
        os.environ["DEAF"] = "1"
    try:
        child, master, _ = _start(db, tmp_path, visual)
    finally:
        os.environ.pop("DEAF", None)
    try:
        _open_the_editor(master, tmp_path / "editor.pid")
        child.send_signal(signal.SIGTERM)
        rest = _drain(master, child)
        assert child.wait(timeout=20) == 143
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    said = rest.decode("utf-8", "replace")
    assert "What you saved in your editor is kept in " in said, said[-300:]
    path = said.split("is kept in ", 1)[1].split(".txt", 1)[0] + ".txt"
    kept = Path(path).read_text(encoding="utf-8")
    os.unlink(path)
    assert "Words saved in the editor." in kept and "Typed before the editor." in kept


def test_an_app_killed_with_minus_9_takes_the_editor_with_it(tmp_path):
    """Nothing can run in an app killed with -9; its editor is told by the kernel, as a
    closed terminal would tell it, and ends."""
    db = tmp_path / "followup.db"
    _one_application(db)
    visual = tmp_path / "editor"
    visual.write_text(SLEEPER)
    visual.chmod(0o755)
    child, master, _ = _start(db, tmp_path, visual)
    try:
        editor_pid = _open_the_editor(master, tmp_path / "editor.pid")[0]
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=20) == -signal.SIGKILL
        deadline = time.monotonic() + 3
        while _alive(editor_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = _alive(editor_pid)
        if left:
            os.kill(editor_pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert not left, "the editor outlived an app killed with -9"
