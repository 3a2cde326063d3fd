"""`doctor --restore` replaces only a file that fails its check, shows what the backup holds,
and asks (or `--yes`); nothing is ever deleted."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import UTC, datetime

from followup.store import backups, repository
from followup.store.db import Store
from tests.conftest import file_hash
from tests.reliability.test_damage_and_backups import _damage, _filled

T = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _in_terminal(db_path, tmp_path, answer: str, *args: str) -> tuple[int, str]:
    """`followup` with a real terminal on stdin, answering `answer` when asked."""
    leader, follower = pty.openpty()
    env = dict(os.environ, FOLLOWUP_DB=str(db_path), FOLLOWUP_CONFIG=str(tmp_path / "c.toml"))
    os.write(leader, answer.encode() + b"\n")
    done = subprocess.run(
        [sys.executable, "-m", "followup", *args],
        stdin=follower,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    os.close(follower)
    os.close(leader)
    return done.returncode, done.stdout + done.stderr


def test_a_healthy_file_is_not_replaced_without_force(db_path, cli):
    _filled(db_path, 1)
    backups.make(db_path, now=T)
    _filled(db_path, 29)  # 30 now; the backup holds 1
    before = file_hash(db_path)
    refused = cli("doctor", "--restore", "--yes")
    assert refused.code == 2
    assert refused.err.count("\n") == 1 and "passes its check" in refused.err
    assert "--force" in refused.err
    assert file_hash(db_path) == before
    assert "--force" in cli("doctor", "--help").out


def test_force_replaces_a_healthy_file_and_keeps_it_aside(db_path, cli):
    _filled(db_path, 1)
    backups.make(db_path, now=T)
    _filled(db_path, 29)
    forced = cli("doctor", "--restore", "--force", "--yes")
    assert forced.code == 0, forced.err
    assert "applications 30 1 29 not in the backup" in " ".join(forced.out.split())
    aside = [p for p in db_path.parent.iterdir() if ".replaced-" in p.name and "-wal" not in p.name]
    assert len(aside) == 1
    assert len(repository.list_applications(Store.open(aside[0]))) == 30
    assert len(repository.list_applications(Store.open(db_path))) == 1


def test_without_a_terminal_or_yes_nothing_is_replaced(db_path, cli):
    _filled(db_path)
    backups.make(db_path, now=T)
    _damage(db_path)
    before = file_hash(db_path)
    result = cli("doctor", "--restore", stdin="y\n")
    assert result.code == 2 and result.err.count("\n") == 1 and "--yes" in result.err
    assert file_hash(db_path) == before


def test_in_a_terminal_it_shows_both_sides_and_asks(db_path, tmp_path):
    _filled(db_path)
    backups.make(db_path, now=T)
    _filled(db_path, 5)
    _damage(db_path)
    before = file_hash(db_path)

    code, said = _in_terminal(db_path, tmp_path, "n", "doctor", "--restore")
    assert code == 1 and "Nothing was changed" in said
    assert "DAMAGED" in said and "Sun 01 Nov 2026 10:00" in said
    applications = [line.split() for line in said.splitlines() if "applications " in line]
    assert applications[0][2] == "30"  # the backup's rows, beside the file's
    assert "Replace the data file with this backup? [y/N]" in said
    assert file_hash(db_path) == before

    code, said = _in_terminal(db_path, tmp_path, "y", "doctor", "--restore")
    assert code == 0, said
    assert "Restored the backup made Sun 01 Nov 2026 10:00" in said
    assert len(repository.list_applications(Store.open(db_path))) == 30


def test_yes_and_force_belong_to_restore(cli):
    result = cli("doctor", "--yes")
    assert result.code == 2 and "--restore" in result.err
