"""A command that writes refuses a data file that fails its check: one line pointing at
`followup doctor`, exit 2, and the file byte for byte as it was. (A write that touches no
damaged page would otherwise land, and stand between the person and the backup.)"""

from __future__ import annotations

import random

import pytest

from followup.cli import main
from followup.store import repository
from followup.store.db import Store
from tests.conftest import file_hash

WRITES = [
    ["add", "New", "Role"],
    ["interview", "1", "--at", "2026-11-20 10:00"],
    ["log", "1", "--kind", "follow-up"],
    ["stage", "1", "rejected"],
    ["notes", "1", "a note"],
    ["snooze", "1", "check-in", "--until", "2026-12-01"],
    ["done", "1", "check-in"],
    ["import", "{csv}"],
    ["import", "{csv}", "--dry-run"],
]


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    """A file of 200 applications with one page in the middle overwritten: SQLite's quick
    check fails, yet most pages still read."""
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "followup.db"
    store = Store.open(path, create=True)
    for i in range(200):
        repository.add_application(store, repository.NewApplication(f"Company {i}", "Role"))
    store.close()
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(random.Random(13).randbytes(4096))
    csv = folder / "new.csv"
    csv.write_text("Company,Title\nImported,Role\n")
    return path, csv


@pytest.mark.parametrize("argv", WRITES, ids=lambda argv: " ".join(argv[:3]))
def test_a_write_to_a_file_that_fails_its_check_is_refused(capsys, damaged, argv):
    path, csv = damaged
    before = file_hash(path)
    capsys.readouterr()
    args = [arg.replace("{csv}", str(csv)) for arg in argv]
    code = main(["--db", str(path), "--now", "2026-11-18 12:00", *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith(f"followup: {path} fails its check ("), err
    assert "nothing was written" in err and "`followup doctor`" in err
    assert file_hash(path) == before
