"""Nothing committed is ever lost: SIGKILL at random moments, and the app and the CLI writing
at the same time.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

from followup.store import repository
from followup.store.db import Store

WRITER = """
import sys
from pathlib import Path
from followup.store.db import Store
from followup.store import repository
store = Store.open(Path(sys.argv[1]), create=True)
print("ready", flush=True)
for n in range(1000):
    new = repository.NewApplication(f"Company {n}", f"Role {n}", notes="x" * (n % 50))
    ident = repository.add_application(store, new)
    print(ident, n, flush=True)
"""


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    path = tmp_path / "crash.db"
    rng = random.Random(1234)
    logged: dict[int, int] = {}
    for _trial in range(50):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2:  # a line cut by the kill is not a logged commit
                logged[int(parts[0])] = int(parts[1])
    assert len(logged) > 50
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = {
        ident: (company, role, notes)
        for ident, company, role, notes in connection.execute(
            "SELECT id, company, role, notes FROM applications"
        )
    }
    connection.close()
    for ident, n in logged.items():
        assert rows[ident] == (f"Company {n}", f"Role {n}", "x" * (n % 50))
    # No partial rows: every row that is there is whole, logged or not.
    for company, role, notes in rows.values():
        n = int(company.split()[1])
        assert (role, notes) == (f"Role {n}", "x" * (n % 50))


CLI_WRITER = """
import io, sys, contextlib
from followup.cli import main
failures = 0
for n in range(500):
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--db", sys.argv[1], "add", f"CLI {n}", "Role"])
    if code != 0:
        failures += 1
        print(err.getvalue(), file=sys.stderr)
print(failures)
"""


async def test_the_app_and_the_cli_writing_at_once(tmp_path):
    from followup.config import Settings
    from followup.domain.clock import SystemClock
    from followup.domain.when import local_zone
    from followup.tui.app import FollowupApp

    path = tmp_path / "shared.db"
    Store.open(path, create=True).close()
    app = FollowupApp(
        Store.open(path),
        Settings(),
        SystemClock(),
        local_zone(),
        tick_seconds=0.2,
        separate_process=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        cli = subprocess.Popen(
            [sys.executable, "-c", CLI_WRITER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        worker = app.run_worker(
            lambda: [
                repository.add_application(app.store, repository.NewApplication(f"App {n}", "R"))
                for n in range(500)
            ],
            thread=True,
        )
        await worker.wait()
        while cli.poll() is None:
            await pilot.pause(0.1)
        out, err = cli.communicate()
        assert out.strip() == "0", err
        assert "locked" not in err
        assert app.ticks >= 1  # the rules kept running meanwhile
    store = Store.open(path)
    companies = [a["company"] for a in repository.list_applications(store)]
    assert sum(c.startswith("App ") for c in companies) == 500
    assert sum(c.startswith("CLI ") for c in companies) == 500
    assert store.integrity_check() == "ok"
