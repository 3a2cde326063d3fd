"""What could not be saved in the database is kept in one file beside it, each thing once,
readable (what, for which application, the text typed); the app then ends with a non-zero
exit and one line saying where the file is, and says so again at the next start. That holds
for a quit while another program holds the database, for a form half typed when a signal
comes, and for a signal while the database is held (the file first, then the database).
"""

from __future__ import annotations

import os
import signal
import time
from datetime import timedelta

import pytest

from tests.reliability.test_busy_database import (  # noqa: F401  (fixtures used by name)
    LockHolder,
    _typing_in_the_draft,
    notices,
)
from tests.reliability.test_busy_database import holders as holders  # noqa: F401
from tests.reliability.test_busy_database import (  # noqa: F401
    short_busy_timeout as short_busy_timeout,
)
from tests.reliability.test_signals import _drain, _one_application, _read_until, _start
from tests.tui.conftest import NOW, wait_for
from tests.tui.test_app import _seed


def _kept_files(folder):
    return sorted(folder.glob("followup.db.unsaved-*.txt"))


async def test_a_quit_while_the_database_stays_locked_keeps_each_change_once_and_says_so(
    make_app, db_path, short_busy_timeout, holders
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Ada")
    async with app.run_test(size=(100, 30)) as pilot:
        await _typing_in_the_draft(app, pilot, interviewed)
        holders(db_path)
        await pilot.press(*"Words that must survive.")
        await pilot.press("escape", "a")
        await wait_for(pilot, lambda: app.screen.query("#field-company"))
        await pilot.press(*"Acme", "tab", *"Platform Engineer", "enter")
        await wait_for(pilot, lambda: "Not saved yet" in _form_error(app))
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_code == 1  # not "all was well"
    kept = _kept_files(db_path.parent)
    assert len(kept) == 1
    assert app.farewell is not None and "\n" not in app.farewell
    assert str(kept[0]) in app.farewell and "2 things not saved" in app.farewell
    text = kept[0].read_text()
    assert text.count("Words that must survive.") == 1
    assert text.count("Company: Acme") == 1
    assert "1. The thank-you draft for Northwind" in text
    assert "2. Add an application" in text
    assert "database stayed busy" in text


async def test_the_next_start_says_what_was_kept(make_app, db_path):
    # An empty file: the app ends as soon as it has said so, with nothing half-mounted.
    app = make_app()
    kept = db_path.with_name("followup.db.unsaved-20261117-221500.txt")
    kept.write_text("1. The thank-you draft for Northwind\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Not saved last time" in _titles(app))
        assert str(kept) in notices(app)


def _form_error(app) -> str:
    return str(app.screen.query_one("#form-error").content)


def _titles(app) -> str:
    return "\n".join(str(n.title) for n in app._notifications)


def _signal_when_on_screen(child, master, signum, needle: bytes) -> bytes:
    assert needle in _read_until(master, needle, limit=20), "never on screen"
    child.send_signal(signum)
    rest = _drain(master, child)
    child.wait(timeout=20)
    return rest


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_form_half_typed_when_a_signal_comes_is_kept_and_told_next_time(tmp_path, signum, code):
    db = tmp_path / "followup.db"
    _one_application(db)
    child, master = _start(db, tmp_path / "config.toml")
    try:
        assert b"Northwind" in _read_until(master, b"Northwind")
        time.sleep(1.0)
        os.write(master, b"i")
        _read_until(master, b"Record an interview", limit=10)
        time.sleep(0.3)
        os.write(master, b"tue 10am\t\t\tZora Quill")
        rest = _signal_when_on_screen(child, master, signum, b"Zora Quill")
        assert child.returncode == code
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    kept = _kept_files(tmp_path)
    assert len(kept) == 1
    text = kept[0].read_text()
    assert "Record an interview for Northwind (Engineer)" in text
    assert "Starts: tue 10am" in text and "With: Zora Quill" in text
    assert str(kept[0]).encode() in rest.replace(b"\r\n", b"").replace(b"\n", b"")


def test_a_signal_while_another_program_holds_the_database_keeps_the_draft_first(tmp_path):
    db = tmp_path / "followup.db"
    _one_application(db)
    child, master = _start(db, tmp_path / "config.toml")
    holder = None
    try:
        assert b"Northwind" in _read_until(master, b"Northwind")
        time.sleep(1.0)
        holder = LockHolder(db)
        os.write(master, b"w")
        _read_until(master, b"Subject", limit=10)
        time.sleep(0.5)
        os.write(master, b"Zanzibar typed under a held lock. ")
        rest = _signal_when_on_screen(child, master, signal.SIGTERM, b"lock.")
        assert child.returncode == 143
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
        if holder is not None:
            holder.release()
    kept = _kept_files(tmp_path)
    assert len(kept) == 1
    text = kept[0].read_text()
    assert text.count("Zanzibar typed under a held lock.") == 1
    assert "draft for Northwind" in text
    assert str(kept[0]).encode() in rest.replace(b"\r\n", b"").replace(b"\n", b"")


async def test_text_typed_in_a_form_while_its_save_waits_is_kept_when_a_signal_comes(
    make_app, db_path, short_busy_timeout, holders
):
    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Ada")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        holders(db_path)
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen.query("#field-company"))
        await pilot.press(*"Acme", "tab", *"Dev", "enter")
        await wait_for(pilot, lambda: "Not saved yet" in _form_error(app))
        await pilot.press(*" and Ops")  # the keys are the person's again: typed on
        app.end_on_signal(143)
        await wait_for(pilot, lambda: not app.is_running)
    text = _kept_files(db_path.parent)[0].read_text()
    assert "Role: Dev\n" in text  # as it was saved
    assert "Role: Dev and Ops\n" in text  # and as it was when the signal came
