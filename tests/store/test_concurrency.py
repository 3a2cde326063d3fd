"""Two processes writing at once both succeed: the write lock is taken up front."""

import json
import os
import subprocess
import sys

SCRIPT = """
import sys
from pathlib import Path
from followup.store.db import Store
from followup.store import repository
store = Store.open(Path(sys.argv[1]), create=True)
for n in range(200):
    repository.add_application(store, repository.NewApplication(sys.argv[2], f"role {n}"))
print("ok")
"""


def test_two_processes_adding_200_each(tmp_path, cli):
    path = tmp_path / "shared" / "followup.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(path), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for name in ("first", "second")
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    listed = json.loads(cli("list", "--json", db=path).out)
    assert len(listed) == 400
    assert sum(1 for a in listed if a["company"] == "first") == 200
    assert "integrity:      ok" in cli("doctor", db=path).out
