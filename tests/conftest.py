"""Shared fixtures: every test gets its own data, config and home folders under tmp_path."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from followup.store.db import Store
from tests.postgres_server import pg_url, postgres_server  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point every platformdirs folder and followup variable at the test's own folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    monkeypatch.delenv("FOLLOWUP_CONFIG", raising=False)
    monkeypatch.setenv("TZ", os.environ.get("FOLLOWUP_TEST_TZ", "Europe/Berlin"))
    return home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "followup.db"


@pytest.fixture
def store(db_path):
    opened = Store.open(db_path, create=True)
    yield opened
    opened.close()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path, tmp_path):
    """Run `followup` as a person would: a subprocess, with the test's data file."""

    def run(*args: str, db: Path | None = None, stdin: str | None = None) -> Result:
        env = dict(os.environ)
        env["FOLLOWUP_DB"] = str(db or db_path)
        env["FOLLOWUP_CONFIG"] = str(tmp_path / "config.toml")
        done = subprocess.run(
            [sys.executable, "-m", "followup", *args],
            capture_output=True,
            text=True,
            env=env,
            input=stdin,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run
