"""The last resort: when the app cannot end itself (its UI thread is stuck), a signal still
ends it within two seconds, with the exit code of the signal, the terminal given back, what
was typed kept, and nothing of it left running.

The UI thread is stuck the way a person can make it so: the draft is open in `$VISUAL`, the
app waits for the editor, and this editor ignores the signals that should end it.
"""

from __future__ import annotations

import os
import signal
import termios
import time

import pytest

from followup.store import drafts
from followup.store.db import Store
from tests.reliability.test_signals import _drain, _one_application, _read_until, _start
from tests.reliability.test_terminal_ends import _in_session

DEAF_EDITOR = """#!/bin/sh
# An editor that will not end when told to: SIGTERM and SIGHUP ignored, also after exec.
trap '' TERM HUP
echo "editor: $$" > "$0.pid"
exec sleep 600
"""
# The promise is two seconds (see `followup.tui.ending`); the rest is for a loaded machine.
# A wait for the editor would last its ten minutes.
ENDS_WITHIN = 6.0


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_ends_the_app_while_its_editor_will_not_end(tmp_path, signum, code):
    db = tmp_path / "followup.db"
    app_id = _one_application(db)
    editor = tmp_path / "editor"
    editor.write_text(DEAF_EDITOR)
    editor.chmod(0o755)
    child, master = _start(db, tmp_path / "config.toml", VISUAL=str(editor))
    session = child.pid
    try:
        assert b"Northwind" in _read_until(master, b"Northwind")
        time.sleep(1.0)
        os.write(master, b"w")
        _read_until(master, b"Subject", limit=10)
        time.sleep(0.5)
        os.write(master, b"Typed before the stuck editor. ")
        _read_until(master, b"editor.", limit=10)
        os.write(master, b"\x12")  # ctrl+r: the draft in $VISUAL, and the app waits for it
        pid_file = tmp_path / "editor.pid"
        deadline = time.monotonic() + 10
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        editor_pid = int(pid_file.read_text().split()[1])
        assert editor_pid in _in_session(session)  # what must not be left running
        child.send_signal(signum)
        sent = time.monotonic()
        rest = _drain(master, child)
        ended = child.wait(timeout=30)
        took = time.monotonic() - sent
        # Whatever the app leaves behind is found before the test cleans up.
        deadline = time.monotonic() + 3
        while _in_session(session) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = _in_session(session)
        modes = termios.tcgetattr(master)[3]  # the terminal's, as the shell will find it
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
        for pid in _in_session(session):
            os.kill(pid, signal.SIGKILL)
    assert ended == code
    assert took < ENDS_WITHIN, f"ended {took:.1f}s after the signal"
    assert not left, f"still running after the app: {left}"
    assert modes & termios.ECHO and modes & termios.ICANON  # typing shows, lines edit
    assert b"Traceback" not in rest
    store = Store.open(db)
    saved = drafts.newest(store, app_id)
    assert saved is not None and "Typed before the stuck editor." in saved[1]
    assert store.integrity_check() == "ok"
