"""The app's last words are its own: after it ends, by `q` or by a signal, nothing else is
printed under the person's prompt (multiprocessing's resource tracker used to add "There
appear to be 5 leaked semaphore objects" after every quit)."""

from __future__ import annotations

import os
import select
import signal
import time

import pytest

from tests.reliability.test_signals import _one_application, _read_until, _start


def _until_closed(master, limit: float = 15.0) -> bytes:
    """Everything written to the terminal until no process holds it any more: the helpers
    the app started may write after it has gone."""
    seen = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # every holder of the terminal has closed it
            break
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.mark.parametrize("how", ["q", "TERM", "HUP"])
def test_nothing_is_printed_after_the_app_ends(tmp_path, how):
    db = tmp_path / "followup.db"
    _one_application(db)
    child, master = _start(db, tmp_path / "config.toml")
    try:
        assert b"Northwind" in _read_until(master, b"Northwind")
        time.sleep(0.5)  # the rules process is up and has passed once
        if how == "q":
            os.write(master, b"q")
        else:
            child.send_signal(getattr(signal, f"SIG{how}"))
        after = _until_closed(master)
        assert child.wait(timeout=10) in (0, 129, 143)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert b"leaked" not in after and b"resource_tracker" not in after, after[-400:]
    assert b"Traceback" not in after and b"Warning" not in after, after[-400:]
