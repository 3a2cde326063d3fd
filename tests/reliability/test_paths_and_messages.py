"""A path is a path (`%41`, `?`, `#` name the file they spell), a URL is refused before
anything is made, and what a damaged or unreachable file says reaches the terminal cleanly."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

import followup
from followup.store import backups
from tests.reliability.test_damage_and_backups import _filled
from tests.reliability.test_files import _immutable

CONTROL = {chr(c) for c in range(32) if c not in (9, 10)} | {"\x7f"}


@pytest.mark.parametrize("name", ["a%41b.db", "what?.db", "x#y.db", "100%.db", "file:j.db"])
def test_a_path_names_the_file_it_spells(tmp_path, cli, name):
    path = tmp_path / "odd" / name
    assert cli("add", "Acme", "Engineer", db=path).code == 0
    listed = cli("list", "--json", db=path)
    assert listed.code == 0, listed.err
    assert [a["company"] for a in json.loads(listed.out)] == ["Acme"]
    assert path.exists()
    made = {p.name for p in path.parent.iterdir()} - {"backups"}
    assert made <= {name, name + "-wal", name + "-shm"}


def test_a_url_is_refused_with_its_password_masked_and_nothing_made(tmp_path):
    """A server that cannot be reached, or a URL that names no server followup knows: one
    line, the password masked, nothing made here."""
    env = dict(os.environ, FOLLOWUP_CONFIG=str(tmp_path / "c.toml"))
    # Run from an empty folder (where a URL taken for a path would make folders), with
    # this followup's sources.
    env["PYTHONPATH"] = str(Path(followup.__file__).parents[1])
    for argv, code, words in (
        # Port 1 on the loopback: nothing listens there.
        (["--db", "postgresql://me:s3cret@127.0.0.1:1/jobs", "add", "A", "B"], 1, "connect"),
        (["--db", "postgresql://me@127.0.0.1:1/jobs?password=s3cret", "list"], 1, "connect"),
        (["list", "--db", "sqlite:///tmp/x.db"], 2, "URL"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "followup", *argv],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        assert done.returncode == code, done
        assert done.stderr.count("\n") == 1 and words in done.stderr
        assert "s3cret" not in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]  # the test's own


@pytest.mark.parametrize("offset", [10, 30])
def test_a_damaged_schema_never_prints_its_bytes(db_path, cli, offset):
    _filled(db_path, 2)
    data = db_path.read_bytes()
    at = data.find(b"CREATE TABLE application_contacts") + offset
    with db_path.open("r+b") as handle:  # bytes that are neither printable nor UTF-8
        handle.seek(at)
        handle.write(b"\xf8\xfe\x0e")
    for argv in (["list"], ["add", "A", "B"], ["doctor"], ["doctor", "--restore", "--yes"]):
        result = cli(*argv)
        said = result.out + result.err
        assert result.code in (1, 2), result
        assert not CONTROL & set(said), said
        assert "unexpected error" not in said and "Traceback" not in said


def test_the_app_on_a_damaged_schema_says_so_in_one_line(db_path, tmp_path):
    """Opening the app looks at the file first; bytes that cannot even be decoded are
    damage to report, never an unexpected error."""
    _filled(db_path, 2)
    data = db_path.read_bytes()
    at = data.find(b"CREATE TABLE application_contacts") + 10
    with db_path.open("r+b") as handle:
        handle.seek(at)
        handle.write(b"\xf8\xfe\x0e")
    leader, follower = pty.openpty()
    env = dict(os.environ, FOLLOWUP_DB=str(db_path), FOLLOWUP_CONFIG=str(tmp_path / "c.toml"))
    terminal = {"stdin": follower, "stdout": follower, "stderr": follower}
    started = subprocess.Popen([sys.executable, "-m", "followup"], env=env, **terminal)
    os.close(follower)
    said = b""
    with suppress(OSError):  # the terminal's other end is gone once the app has ended
        while chunk := os.read(leader, 4096):
            said += chunk
    os.close(leader)
    assert started.wait(timeout=60) == 1
    text = said.decode("utf-8", "replace")
    assert "damaged" in text and "Traceback" not in text and "unexpected error" not in text


def test_a_read_only_folder_is_not_called_damaged_and_nothing_is_restored(tmp_path, cli):
    folder = tmp_path / "ro"
    db = folder / "followup.db"
    _filled(db, 3)
    backups.make(db)
    for sidecar in ("-wal", "-shm"):  # closed cleanly: SQLite must make them to read
        db.with_name(db.name + sidecar).unlink(missing_ok=True)
    before = db.read_bytes()
    if not _immutable(folder, True):
        pytest.skip("this file system cannot make a folder read-only for root")
    try:
        doctor = cli("doctor", db=db)
        restore = cli("doctor", "--restore", "--yes", db=db)
    finally:
        _immutable(folder, False)
    assert doctor.code == 1 and "DAMAGED" not in doctor.out and "--restore" not in doctor.out
    assert "read-only" in doctor.out
    assert restore.code == 1 and restore.err.count("\n") == 1 and "read-only" in restore.err
    assert "Traceback" not in restore.err + doctor.err
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["backups", "followup.db"]


def test_an_older_file_at_an_odd_path_is_migrated_in_place(tmp_path, cli):
    from tests.store.test_storage import _version_one_file

    path = tmp_path / "jobs?v=1%20.db"
    _version_one_file(path)
    listed = cli("list", "--json", db=path)
    assert listed.code == 0, listed.err
    assert [a["company"] for a in json.loads(listed.out)] == ["Zürich Bänk 🏦"]


def test_a_migration_that_fails_says_sqlites_words_in_one_line(db_path, cli):
    """An older file that cannot be brought up to date: one line, what SQLite said, the file
    as it was; never the statement or a web link."""
    import sqlite3

    _filled(db_path, 3)
    connection = sqlite3.connect(db_path)
    with connection:  # back to revision 6, with the name revision 7's index needs taken
        connection.execute("DROP INDEX ix_applications_company")
        connection.execute("UPDATE alembic_version SET version_num = '0006'")
        connection.execute("CREATE TABLE ix_applications_company (x)")
    connection.close()
    done = cli("add", "Initech", "Engineer")
    assert done.code != 0
    assert done.err.count("\n") == 1, done.err
    assert "rolled back" in done.err and "ix_applications_company" in done.err
    assert "sqlalche" not in done.err and "[SQL" not in done.err, done.err
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0006",)]
    assert connection.execute("SELECT count(*) FROM applications").fetchone() == (3,)
