"""A data file damaged before the app starts: the first frame already says so in plain words,
no SQLite message ever reaches the screen, and the restore's counts are what can be read of
the file (what a restore replaces), not what its index still counts."""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime

import pytest

from followup.cli import main
from followup.store import backups, repository
from followup.store.db import Store
from followup.tui.screens.form import ConfirmScreen
from tests.reliability.test_busy_database import top_line
from tests.reliability.test_damaged_file_read import _breaks_the_table
from tests.reliability.test_file_replaced import _app
from tests.tui.conftest import answer, list_lines, screen_text, wait_for

T = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
AN_HOUR = 3600
MANY = 62


@pytest.fixture
def damaged(tmp_path):
    """62 applications, all in the backup; then one page of their table overwritten."""
    good, path = tmp_path / "good.db", tmp_path / "followup.db"
    store = Store.open(good, create=True)
    for i in range(MANY):
        repository.add_application(
            store, repository.NewApplication(f"Company {i}", "Role", notes="n" * 300)
        )
    store.close()
    pages = good.stat().st_size // 4096
    for page in range(pages - 2, 1, -1):
        shutil.copy(good, path)
        backups.make(path, now=T)
        with path.open("r+b") as handle:
            handle.seek(page * 4096)
            handle.write(random.Random(page).randbytes(4096))
        if _breaks_the_table(path):
            return path
        shutil.rmtree(backups.shared_folder(path))
    pytest.fail("no page of the applications table found")


def _readable(capsys, path) -> int:
    capsys.readouterr()
    assert main(["--db", str(path), "list", "--all"]) == 0
    return sum(1 for line in capsys.readouterr().out.splitlines() if "Company" in line)


async def test_the_first_frame_says_the_file_is_damaged_and_the_restore_counts_what_can_be_read(
    damaged, capsys
):
    readable = _readable(capsys, damaged)
    assert readable < MANY
    app = _app(damaged, tick_seconds=AN_HOUR)
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0)
        # The first frame with a header: it already tells.
        assert "damaged file, only read" in top_line(app)
        while not isinstance(app.screen, ConfirmScreen):
            seen.append(screen_text(app))
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        question = str(app.screen.query_one("#confirm-question").content)
        seen.append(screen_text(app))
        row = next(line.split() for line in question.splitlines() if line.startswith("app"))
        assert row[:3] == ["applications", str(readable), str(MANY)], question
        assert f"{MANY - readable} more cannot be read" in question
        await answer(pilot, yes=False)
        await wait_for(pilot, lambda: len(list_lines(app)) > 0)
        await pilot.pause(0.5)
        seen.append(screen_text(app) + "\n".join(str(n.message) for n in app._notifications))
        assert "damaged file, only read" in top_line(app)
    for text in seen:
        assert "malformed" not in text and "disk image" not in text, text


def test_doctor_restore_counts_what_can_be_read_of_the_damaged_file(damaged, capsys, cli):
    readable = _readable(capsys, damaged)
    done = cli("doctor", "--restore", "--yes", db=damaged)
    assert done.code == 0, done.err
    row = next(line.split() for line in done.out.splitlines() if "applications" in line)
    assert row[:3] == ["applications", str(readable), str(MANY)], done.out
    assert f"{MANY - readable} more cannot be read" in done.out
