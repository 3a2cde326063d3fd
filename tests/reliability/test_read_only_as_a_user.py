"""Read-only files and folders, tried as a person who is not root (root ignores permissions):
a read-only data file is read, never written and never made writable; a read-only folder
is never called damaged and nothing destructive is suggested; a read-only backups folder
blocks nothing and is said by `followup doctor`.

As root the commands run as `nobody` (through `runuser`); where that user cannot be taken,
the tests fail when CI is set and are skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import textual

import followup
from tests.conftest import Result, file_hash

USER = "nobody"
IMPORTS = "import followup.cli, followup.tui.app, sqlalchemy"


def _unavailable(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"cannot run followup as an unprivileged user: {why}")
    pytest.skip(f"cannot run followup as an unprivileged user: {why}")


@pytest.fixture(scope="module")
def person():
    """How to run followup as a person without root: (argv prefix, PYTHONPATH), and a folder
    that person may read, holding a copy of followup's sources (the project's own path may
    be out of their reach)."""
    folder = Path(tempfile.mkdtemp(prefix="followup-as-user-"))
    os.chmod(folder, 0o755)
    try:
        shutil.copytree(Path(followup.__file__).parent, folder / "src" / "followup")
        for entry in (folder / "src").rglob("*"):
            os.chmod(entry, 0o755 if entry.is_dir() else 0o644)
        os.chmod(folder / "src", 0o755)
        site = str(Path(textual.__file__).parents[1])  # the installed packages
        path = f"{folder / 'src'}{os.pathsep}{site}"
        if os.geteuid() != 0:
            yield [sys.executable], path, folder  # permissions already apply
            return
        runuser = shutil.which("runuser")
        if runuser is None:
            _unavailable("there is no runuser")
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        tried = []
        # This interpreter may sit in root's home; the system's of the same version will do.
        found = [sys.executable, shutil.which(version), f"/usr/bin/{version}"]
        found.append(f"/usr/local/bin/{version}")
        for python in dict.fromkeys(found):
            if python is None:
                continue
            prefix = [runuser, "-u", USER, "--", "env", f"PYTHONPATH={path}", python]
            done = subprocess.run(
                [*prefix, "-c", IMPORTS], capture_output=True, text=True, cwd=folder
            )
            if done.returncode == 0:
                yield prefix, path, folder
                return
            tried.append(f"{python}: {done.stderr.strip().splitlines()[-1:]}")
        _unavailable("; ".join(tried))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def data(person, tmp_path):
    """A data folder of the person's own holding two applications and a backup."""
    _, _, shared = person
    home = Path(tempfile.mkdtemp(prefix="home-", dir=shared))
    folder = home / "data"
    folder.mkdir()
    db = folder / "followup.db"
    env = {**os.environ, "FOLLOWUP_DB": str(db), "FOLLOWUP_CONFIG": str(home / "c.toml")}
    for company in ("Acme", "Beta"):
        subprocess.run(
            [sys.executable, "-m", "followup", "add", company, "Role"],
            env=env,
            check=True,
            capture_output=True,
        )
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{USER}:", str(home)], check=True)
    os.chmod(home, 0o755)
    yield db
    shutil.rmtree(home, ignore_errors=True)


def _run(person, db: Path, *args: str) -> Result:
    prefix, path, _ = person
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(db.parent.parent),
        "PYTHONPATH": path,
        "TZ": "Europe/Berlin",
    }
    done = subprocess.run(
        [*prefix, "-m", "followup", "--db", str(db), "--config", str(db.parent.parent / "c.toml")]
        + list(args),
        capture_output=True,
        text=True,
        env=env,
        cwd=db.parent.parent,
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def _sidecars_gone(db: Path) -> None:
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def test_a_read_only_file_is_read_never_written_and_stays_read_only(person, data):
    os.chmod(data, 0o400)
    before = file_hash(data)
    for args in (["list"], ["show", "1"], ["due"], ["export", "-"], ["stats"]):
        done = _run(person, data, *args)
        assert done.code == 0, (args, done.err)
        assert done.out.strip()
    assert "Acme" in _run(person, data, "list").out
    for args in (["add", "Gamma", "Role"], ["stage", "1", "rejected"], ["done", "1", "check-in"]):
        done = _run(person, data, *args)
        assert done.code == 2, (args, done.err)
        assert done.err.count("\n") == 1 and "the file is read-only" in done.err, done.err
        assert "nothing was changed" in done.err
    assert file_hash(data) == before
    assert data.stat().st_mode & 0o777 == 0o400  # never made writable behind its owner


def test_a_file_made_writable_again_is_written_again(person, data):
    """Read while read-only, SQLite's journal files were made read-only too: they must not
    keep refusing writes once the person gives the file back its write permission."""
    os.chmod(data, 0o400)
    assert _run(person, data, "list").code == 0
    os.chmod(data, 0o600)
    done = _run(person, data, "add", "Gamma", "Role")
    assert done.code == 0, done.err
    assert "Gamma" in _run(person, data, "list").out


def test_a_read_only_folder_is_not_damage_and_nothing_destructive_is_suggested(person, data):
    _sidecars_gone(data)
    before = file_hash(data)
    os.chmod(data.parent, 0o555)
    try:
        doctor = _run(person, data, "doctor")
        assert "DAMAGED" not in doctor.out + doctor.err
        assert "read-only" in doctor.out, doctor.out
        restore = _run(person, data, "doctor", "--restore")
        assert restore.code != 0
        said = restore.out + restore.err
        assert "--force" not in said and "restore" not in said.replace("doctor --restore", "")
        assert "write permission" in said, said
        listed = _run(person, data, "list")
        assert listed.code == 1 and listed.err.count("\n") == 1, listed.err
        assert "read-only" in listed.err and "nothing was changed" in listed.err, listed.err
    finally:
        os.chmod(data.parent, 0o755)
    assert file_hash(data) == before
    assert sorted(p.name for p in data.parent.iterdir()) == ["backups", "followup.db"]


def test_a_read_only_backups_folder_blocks_nothing_and_doctor_says_so(person, data):
    own = data.parent / "backups" / data.name
    for backup in own.iterdir():
        backup.unlink()  # none today: the next write would make one
    os.chmod(own, 0o555)
    try:
        done = _run(person, data, "add", "Gamma", "Role")
        assert done.code == 0, done.err
        doctor = _run(person, data, "doctor")
        assert "no backup could be made" in doctor.out and "read-only" in doctor.out, doctor.out
    finally:
        os.chmod(own, 0o755)
    assert "Gamma" in _run(person, data, "list").out


def test_the_app_on_a_read_only_file_says_so_at_once_and_keeps_a_form(person, data):
    """In a real terminal (tmux), as the person: the header says the file is read-only
    before anything is typed; a form saved anyway says why in words, and stays open."""
    tmux = shutil.which("tmux")
    if tmux is None:
        _unavailable("there is no tmux")
    os.chmod(data, 0o400)
    prefix, path, _ = person
    session = f"followup-ro-{os.getpid()}"
    command = " ".join(
        [*prefix, "-m", "followup", "--db", str(data), "--config", str(data.parent / "c.toml")]
    )
    env = f"env HOME={data.parent.parent} PYTHONPATH={path} TZ=Europe/Berlin "
    if prefix[0] == sys.executable:
        command = env + command
    else:  # runuser ... -- env PYTHONPATH=... python: the rest of the environment goes in too
        command = command.replace(" env ", f" {env}", 1)

    def screen() -> str:
        return subprocess.run(
            [tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
        ).stdout

    def waits_for(words: str) -> str:
        for _ in range(600):  # up to a minute on a busy machine
            shown = screen()
            if words in shown:
                return shown
            subprocess.run(["sleep", "0.1"])
        raise AssertionError(f"never shown: {words!r}\n{screen()}")

    before = file_hash(data)
    subprocess.run(
        [tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True
    )
    try:
        top = waits_for("Acme").splitlines()[0]
        assert "read-only file: nothing is saved" in top, top
        subprocess.run([tmux, "send-keys", "-t", session, "a"], check=True)
        waits_for("Add an application")
        subprocess.run([tmux, "send-keys", "-t", session, "Gamma", "Tab", "Role"], check=True)
        waits_for("Gamma")
        subprocess.run([tmux, "send-keys", "-t", session, "Enter"], check=True)
        shown = waits_for("Not saved")
        assert "read-only" in shown and "readonly database" not in shown, shown
        assert "Add an application" in shown  # the form, with what was typed, still open
    finally:
        subprocess.run([tmux, "kill-session", "-t", session], capture_output=True)
    assert file_hash(data) == before
