"""On a real pseudo-terminal: SIGTERM and SIGHUP end the app cleanly (terminal given back,
exit codes 143 and 129), with committed writes intact and the draft being typed saved.
"""

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
from datetime import datetime, timedelta

import pytest

from followup.domain.model import TouchpointKind
from followup.store import drafts, repository
from followup.store.db import Store


def _start(db, config, *, preexec_fn=None, **variables):
    # A name to sign with: the first draft would otherwise ask for it first.
    config.write_text('your_name = "Sam Taylor"\n')
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", FOLLOWUP_CONFIG=str(config), **variables)
    child = subprocess.Popen(
        [sys.executable, "-m", "followup", "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=preexec_fn,
    )
    os.close(slave)
    return child, master


def _read_until(master, needle: bytes, limit: float = 30.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + limit
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def _drain(master, child) -> bytes:
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif child.poll() is not None:
            break
    return seen


def _one_application(db):
    store = Store.open(db, create=True)
    now = datetime.now().astimezone()
    app_id = repository.add_application(store, repository.NewApplication("Northwind", "Engineer"))
    repository.add_interview(store, app_id, starts_at=now - timedelta(hours=3), notes="ok")
    repository.log_touchpoint(store, app_id, kind=TouchpointKind.REPLY, at=now - timedelta(hours=1))
    store.close()
    return app_id


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_ends_the_app_cleanly_and_keeps_the_draft(tmp_path, signum, code):
    db = tmp_path / "followup.db"
    app_id = _one_application(db)

    child, master = _start(db, tmp_path / "config.toml")
    try:
        screen = _read_until(master, b"Northwind")
        assert b"Northwind" in screen
        time.sleep(1.0)
        os.write(master, b"w")
        _read_until(master, b"Subject", limit=10)
        time.sleep(0.5)
        os.write(master, b"Words typed just before the signal. ")
        # On screen, and at once the signal: sooner than the pause before a draft is saved
        # on its own.
        assert b"signal." in _read_until(master, b"signal.", limit=10)
        child.send_signal(signum)
        rest = _drain(master, child)
        assert child.wait(timeout=20) == code
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert b"\x1b[?1049l" in rest  # the alternate screen was left: the terminal is back
    store = Store.open(db)
    saved = drafts.unsent(store, app_id)
    assert saved and "Words typed just before the signal." in saved[0].body
    assert [a["company"] for a in repository.list_applications(store)] == ["Northwind"]
    assert store.integrity_check() == "ok"


def _deaf_to_endings() -> None:
    """What `nohup`, some `make`s and service managers hand down: the ending signals ignored
    and blocked (both survive exec)."""
    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP, signal.SIGTERM})


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_ignored_and_blocked_by_the_launcher_still_ends_the_app(tmp_path, signum, code):
    db = tmp_path / "followup.db"
    _one_application(db)
    child, master = _start(db, tmp_path / "config.toml", preexec_fn=_deaf_to_endings)
    try:
        assert b"Northwind" in _read_until(master, b"Northwind")
        child.send_signal(signum)
        rest = _drain(master, child)
        assert child.wait(timeout=20) == code
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert b"\x1b[?1049l" in rest


EDITOR = """#!/bin/sh
# An editor that stays open until it is told to end; says where it is.
echo "editor: $$" > "$0.pid"
exec sleep 60
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_while_the_editor_is_open_ends_both_and_keeps_the_draft(tmp_path, signum, code):
    db = tmp_path / "followup.db"
    app_id = _one_application(db)
    editor = tmp_path / "editor"
    editor.write_text(EDITOR)
    editor.chmod(0o755)
    child, master = _start(db, tmp_path / "config.toml", VISUAL=str(editor))
    try:
        assert b"Northwind" in _read_until(master, b"Northwind")
        time.sleep(1.0)
        os.write(master, b"w")
        _read_until(master, b"Subject", limit=10)
        time.sleep(0.5)
        os.write(master, b"Words typed before the editor. ")
        _read_until(master, b"editor.", limit=10)
        os.write(master, b"\x12")  # ctrl+r: the draft in $VISUAL
        pid_file = tmp_path / "editor.pid"
        deadline = time.monotonic() + 10
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        editor_pid = int(pid_file.read_text().split()[1])
        child.send_signal(signum)
        _drain(master, child)
        assert child.wait(timeout=20) == code
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    with pytest.raises(ProcessLookupError):  # the editor ended with the app
        os.kill(editor_pid, 0)
    store = Store.open(db)
    saved = drafts.newest(store, app_id)
    assert saved is not None and "Words typed before the editor." in saved[1]
