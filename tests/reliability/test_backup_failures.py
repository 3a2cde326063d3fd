"""A backup that cannot be made (a file where the backups folder should be, a read-only
folder, as a full disk would be) is said once, in the app and by `followup doctor`, and
blocks nothing: the write that triggered it is done, the app starts."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.tui.conftest import wait_for


def _immutable(path, on: bool) -> bool:
    """chattr +i: read-only even for root, who ignores file modes."""
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return done.returncode == 0


@pytest.fixture(params=["a file named backups", "a read-only folder"])
def blocked(request, db_path):
    """The data file, with its backups folder made unusable; yields the words doctor gives."""
    db_path.parent.mkdir(parents=True)
    folder = db_path.parent / "backups"
    if request.param == "a file named backups":
        folder.write_text("not a folder\n")
        yield "is a file where the backups folder should be"
        return
    folder.mkdir()
    if not _immutable(folder, True):
        pytest.skip("this file system cannot make a folder read-only for root")
    try:
        yield "read-only"
    finally:
        _immutable(folder, False)


def test_the_command_is_done_and_doctor_says_why_no_backup_was_made(cli, blocked, db_path):
    added = cli("add", "Acme", "Engineer")
    assert added.code == 0 and added.out == "1\n", added
    assert "Traceback" not in added.err
    doctor = cli("doctor")
    said = [line.strip() for line in doctor.out.splitlines() if "no backup" in line]
    assert len(said) == 1 and said[0].startswith("no backup could be made:"), doctor.out
    assert blocked in said[0]
    assert doctor.code == 1 and "Traceback" not in doctor.err
    assert cli("list", "--json").out.count('"company": "Acme"') == 1


async def test_the_app_starts_and_says_once_that_no_backup_was_made(make_app, blocked):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:

        def said() -> list[str]:
            return [str(n.message) for n in app._notifications if "backup" in str(n.message)]

        await wait_for(pilot, lambda: said())
        await pilot.pause(0.3)
        assert len(said()) == 1
        assert said()[0].startswith("no backup could be made:") and blocked in said()[0]
        assert "followup doctor" in said()[0]
        assert app.is_running


def test_an_older_file_is_not_upgraded_when_its_backup_cannot_be_made(cli, tmp_path):
    from tests.conftest import file_hash
    from tests.store.test_storage import _version_one_file

    db = tmp_path / "ro" / "followup.db"
    _version_one_file(db)
    before = file_hash(db)
    if not _immutable(db.parent, True):
        pytest.skip("this file system cannot make a folder read-only for root")
    try:
        listed = cli("list", db=db)
    finally:
        _immutable(db.parent, False)
    assert listed.code == 1 and listed.err.count("\n") == 1, listed
    assert "none could be made (the folder is read-only or not yours)" in listed.err
    assert "left untouched" in listed.err and "unexpected" not in listed.err
    assert file_hash(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["followup.db"]
