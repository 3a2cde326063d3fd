"""The commands that only read work on a damaged data file as far as its rows can be read,
saying once (one line on stderr) that the file is damaged; the file is never written. Only
writes refuse (test_damaged_file_refuses_writes)."""

from __future__ import annotations

import random
import shutil
import sqlite3

import pytest

from followup.cli import main
from followup.store import repository
from followup.store.db import Store
from tests.conftest import file_hash

SAID = "is damaged; this is what can still be read of it"


def _breaks_the_table(path) -> bool:
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        return False
    else:
        try:
            connection.execute("SELECT * FROM applications").fetchall()
        except sqlite3.DatabaseError:
            return True
        return False
    finally:
        connection.close()


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    """62 applications, one page of their table overwritten: a plain read of the table
    fails, most of its rows are still there."""
    folder = tmp_path_factory.mktemp("damaged-read")
    good, path = folder / "good.db", folder / "followup.db"
    store = Store.open(good, create=True)
    for i in range(62):
        repository.add_application(
            store, repository.NewApplication(f"Company {i}", "Role", notes="n" * 300)
        )
    store.close()
    pages = good.stat().st_size // 4096
    for page in range(pages - 2, 1, -1):
        shutil.copy(good, path)
        with path.open("r+b") as handle:
            handle.seek(page * 4096)
            handle.write(random.Random(page).randbytes(4096))
        if _breaks_the_table(path):
            return path
    pytest.fail("no page of the applications table found")


def _run(capsys, path, *args):
    capsys.readouterr()
    code = main(["--db", str(path), "--now", "2026-11-24 12:00", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "argv",
    [["list", "--all"], ["export"], ["due"], ["stats"], ["calendar", "-"], ["show", "1"]],
    ids=" ".join,
)
def test_a_reading_command_reads_what_it_can_and_says_so_once(capsys, damaged, argv):
    before = file_hash(damaged)
    code, out, err = _run(capsys, damaged, *argv)
    assert code == 0, err
    if argv[0] != "show":  # its one application is read before any damage is met
        assert err.count("\n") == 1 and SAID in err, err
    assert out.strip()
    assert file_hash(damaged) == before


def test_an_export_copies_out_every_row_that_can_be_read(capsys, damaged, tmp_path):
    code, out, err = _run(capsys, damaged, "list", "--all")
    listed = sum(1 for line in out.splitlines() if "Company" in line)
    assert 40 < listed < 62
    code, out, err = _run(capsys, damaged, "export", str(tmp_path / "copy") + "/")
    assert code == 0, err
    assert SAID in err
    exported = (tmp_path / "copy" / "applications.csv").read_text().count("Company ")
    assert exported == listed
