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


def _listed_ids(out: str) -> set[int]:
    return {int(line.split()[0]) for line in out.splitlines() if "Company" in line}


def test_list_says_how_many_applications_could_not_be_read(capsys, damaged):
    code, out, err = _run(capsys, damaged, "list", "--all")
    unread = 62 - len(_listed_ids(out))
    assert code == 0 and unread > 0
    assert f"({unread} applications could not be read)" in err, err


@pytest.mark.parametrize("command", [["show"], ["draft"], ["show", "--json"]], ids=" ".join)
def test_an_application_in_the_damaged_part_is_said_to_be_unreadable_not_missing(
    capsys, damaged, command
):
    code, out, err = _run(capsys, damaged, "list", "--all")
    lost = min(set(range(1, 63)) - _listed_ids(out))
    before = file_hash(damaged)
    code, out, err = _run(capsys, damaged, command[0], str(lost), *command[1:])
    assert code == 1, err
    assert f"application {lost} cannot be read" in err and "followup doctor" in err, err
    assert "no application" not in err
    assert file_hash(damaged) == before


def test_a_company_name_not_among_the_rows_read_is_not_said_to_be_missing(capsys, damaged):
    code, out, err = _run(capsys, damaged, "show", "Nobody Ltd")
    assert code == 1, err
    assert "named 'Nobody Ltd' cannot be read" in err and "no application" not in err, err


def test_an_id_beyond_every_row_is_still_said_to_be_missing(capsys, damaged):
    code, out, err = _run(capsys, damaged, "show", "900")
    assert code == 2 and "no application with id 900" in err, err


def test_list_shows_every_application_show_can_read(capsys, damaged):
    """The copy read in place of the file misses no row that can be read on its own (a row
    just before the damaged page included)."""
    code, out, err = _run(capsys, damaged, "list", "--all")
    listed = _listed_ids(out)
    shown = {i for i in range(1, 63) if _run(capsys, damaged, "show", str(i))[0] == 0}
    assert shown == listed


def test_reading_a_damaged_file_leaves_nothing_beside_it(capsys, damaged):
    code, out, err = _run(capsys, damaged, "list", "--all")
    assert code == 0 and SAID in err
    beside = sorted(p.name for p in damaged.parent.iterdir() if p.name.startswith(damaged.name))
    assert beside == [damaged.name]


def _silently_short(path) -> bool:
    """A range of ids read from the table comes back short without any error (garbled cells
    with ids out of order), while an index still names every row."""
    connection = sqlite3.connect(path)
    try:
        scanned = connection.execute(
            "SELECT count(*) FROM applications NOT INDEXED WHERE rowid BETWEEN 1 AND 62"
        ).fetchone()[0]
        indexed = connection.execute(
            "SELECT count(*) FROM applications INDEXED BY ix_applications_stage"
        ).fetchone()[0]
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False
    finally:
        connection.close()
    return scanned < indexed == 62


@pytest.fixture(scope="module")
def garbled(tmp_path_factory):
    """62 applications, the cells of one page of their table garbled but its header whole:
    SQLite reads past the page without an error, and rows go missing silently."""
    folder = tmp_path_factory.mktemp("garbled-read")
    good, path = folder / "good.db", folder / "followup.db"
    store = Store.open(good, create=True)
    for i in range(62):
        repository.add_application(
            store, repository.NewApplication(f"Company {i}", "Role", notes="n" * 300)
        )
    store.close()
    pages = good.stat().st_size // 4096
    for seed in range(40):
        for page in range(2, pages - 1):
            shutil.copy(good, path)
            with path.open("r+b") as handle:
                handle.seek(page * 4096 + 200)
                handle.write(random.Random(seed * 1000 + page).randbytes(3000))
            if _silently_short(path):
                return path
    pytest.fail("no garbling found that a scan passes over silently")


def test_rows_passed_over_silently_are_counted_and_never_called_missing(capsys, garbled):
    code, out, err = _run(capsys, garbled, "list", "--all")
    listed = _listed_ids(out)
    assert code == 0 and SAID in err
    assert "every row could still be read" not in err, err
    unread = 62 - len(listed)
    assert unread > 0 and f"({unread} applications could not be read)" in err, err
    for ident in sorted(set(range(1, 63)) - listed):
        code, out, err = _run(capsys, garbled, "show", str(ident))
        assert code == 1 and f"application {ident} cannot be read" in err, (ident, err)
