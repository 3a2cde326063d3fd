"""The command-line tests run against both engines: the SQLite file, and a database on a real
PostgreSQL server (tests/postgres_server.py). A test that looks at the file itself (it asks
for `db_path` or `store`) runs on the file only; one about the server, on the server only."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Result

_ABOUT_THE_FILE = {"db_path", "store"}


def pytest_generate_tests(metafunc):
    if "cli" not in metafunc.fixturenames:
        return
    own = set(inspect.signature(metafunc.function).parameters) - {"cli"}
    needs = _needs(metafunc, own)
    if needs & {"pg_url", "postgres_server"}:
        engines = ["postgresql"]  # about the server itself
    elif needs & _ABOUT_THE_FILE:
        engines = ["sqlite"]
    else:
        engines = ["sqlite", "postgresql"]
    metafunc.parametrize("engine", engines, indirect=True)


def _needs(metafunc, names: set[str]) -> set[str]:
    """`names` and every fixture they use, however deep (a fixture filling the file)."""
    seen: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        for definition in metafunc._arg2fixturedefs.get(name, ()):
            waiting.extend(definition.argnames)
    return seen


@pytest.fixture
def engine(request) -> str:
    return request.param


@pytest.fixture
def data(engine, db_path, request) -> str:
    """Where the test's data lives: the file's path, or the server database's URL."""
    return request.getfixturevalue("pg_url") if engine == "postgresql" else str(db_path)


@pytest.fixture
def cli(data, tmp_path):
    """Run `followup` as a person would: a subprocess, with the test's data."""

    def run(*args: str, db: Path | None = None, stdin: str | None = None) -> Result:
        env = dict(os.environ)
        env["FOLLOWUP_DB"] = str(db or data)
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
