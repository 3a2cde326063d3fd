"""A real PostgreSQL server for the tests: started once per test session, a database per test.

PostgreSQL refuses to run as root, so when the tests run as root the server is started as the
`postgres` system user (`runuser`), in a folder under /tmp that user owns (pytest's own
temporary folders are root's, mode 0700). It listens on a free loopback port, with a password
for the test role. When it cannot start, a test that needs it is skipped, or fails when `CI`
is set: CI must never pass by skipping the second engine.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path("/usr/local/bin")
ROLE = "followup_test"


@dataclass
class Server:
    folder: Path
    port: int
    password: str
    admin_password: str
    as_postgres: bool
    _numbers = itertools.count(1)

    def url(self, database: str, *, role: str = ROLE, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql://{role}:{secret}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, *, database: str = "postgres") -> None:
        """Run `sql` as the server's superuser (autocommit: CREATE DATABASE needs it)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            password=self.admin_password,
            dbname=database,
            autocommit=True,
        ) as connection:
            connection.execute(sql)

    def fresh_database(self) -> str:
        """A new empty database owned by the test role, copied from the template (quick)."""
        name = f"t{os.getpid()}_{next(self._numbers)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE followup_template OWNER {ROLE}")
        return name

    def stop(self) -> None:
        _run(self, BIN / "pg_ctl", "stop", "-D", str(self.folder / "data"), "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(server_or_flag, *command) -> subprocess.CompletedProcess:
    as_postgres = (
        server_or_flag.as_postgres if isinstance(server_or_flag, Server) else server_or_flag
    )
    prefix = ["runuser", "-u", "postgres", "--"] if as_postgres else []
    return subprocess.run(
        [*prefix, *map(str, command)], capture_output=True, text=True, timeout=120
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start() -> Server:
    """Initialise and start a server; RuntimeError saying why when it cannot."""
    if not (BIN / "initdb").exists():
        raise RuntimeError(f"no PostgreSQL at {BIN}")
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="followup-pg-", dir="/tmp"))
    admin_password = secrets.token_hex(16)
    (folder / "pw").write_text(admin_password + "\n")
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(folder / "pw", "postgres", "postgres")
    done = _run(
        as_postgres,
        BIN / "initdb",
        "-D",
        folder / "data",
        "-U",
        "postgres",
        "--auth-local=scram-sha-256",
        "--auth-host=scram-sha-256",
        f"--pwfile={folder / 'pw'}",
        "--no-sync",
        "-E",
        "UTF8",
        "--locale=C",
    )
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {done.stderr.strip()[-500:]}")
    for _attempt in range(3):
        port = _free_port()
        done = _run(
            as_postgres,
            BIN / "pg_ctl",
            "start",
            "-w",
            "-D",
            folder / "data",
            "-l",
            folder / "log",
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60",
        )
        if done.returncode == 0:
            break
    else:
        logged = folder / "log"
        log = logged.read_text(errors="replace")[-500:] if logged.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log}")
    server = Server(folder, port, secrets.token_hex(12), admin_password, as_postgres)
    try:
        server.admin(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{server.password}'")
        server.admin(f"CREATE DATABASE followup_template OWNER {ROLE}")
    except Exception:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def postgres_server():
    try:
        server = start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        if os.environ.get("CI"):
            pytest.fail(f"the PostgreSQL server did not start: {error}")
        pytest.skip(f"no PostgreSQL server: {error}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server) -> str:
    """The URL of a fresh, empty database on the session's server, as the test role."""
    return postgres_server.url(postgres_server.fresh_database())
