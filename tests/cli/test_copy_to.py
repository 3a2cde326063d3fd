"""`followup copy-to TARGET`: everything, into an empty database of either engine, checked;
the source untouched; a target that holds anything refused."""

from __future__ import annotations

import json
import sqlite3

from tests.conftest import file_hash

NOW = ("--now", "2026-11-20 10:00")


def _fill(cli, db) -> None:
    assert (
        cli("add", "Northwind", "Backend Engineer", "--notes", "met at the fair", *NOW, db=db).code
        == 0
    )
    assert cli("add", "Acme", "Analyst", "--stage", "wishlist", *NOW, db=db).code == 0
    assert (
        cli(
            "interview",
            "1",
            "--at",
            "2026-11-18 10:00",
            "--with",
            "Priya Patel",
            "--decision-by",
            "2026-11-27",
            *NOW,
            db=db,
        ).code
        == 0
    )
    assert (
        cli(
            "log",
            "1",
            "--kind",
            "thank-you",
            "--at",
            "2026-11-18 15:00",
            "--contact",
            "Priya Patel",
            "--body",
            "Thanks, Priya: 100% keen",
            *NOW,
            db=db,
        ).code
        == 0
    )
    assert cli("snooze", "1", "check-in", "--until", "2026-11-25", *NOW, db=db).code == 0


def _everything(cli, db, tmp_path, name) -> dict[str, str]:
    folder = tmp_path / name
    assert cli("export", str(folder) + "/", db=db).code == 0
    return {path.name: path.read_text() for path in sorted(folder.iterdir())}


def test_a_file_onto_a_server_and_back_into_a_file(cli, db_path, pg_url, tmp_path):
    _fill(cli, db_path)
    before = file_hash(db_path)
    there = cli("copy-to", pg_url, db=db_path)
    assert there.code == 0, there.err
    assert "Copied 2 applications" in there.err and "checked" in there.err
    assert file_hash(db_path) == before  # the source only read
    back = tmp_path / "back" / "followup.db"
    again = cli("copy-to", str(back), db=pg_url)
    assert again.code == 0, again.err
    original = _everything(cli, db_path, tmp_path, "original")
    assert _everything(cli, pg_url, tmp_path, "on-the-server") == original
    assert _everything(cli, back, tmp_path, "back-again") == original
    assert "100% keen" in original["touchpoints.csv"]
    # Both give the same advice, and the server goes on from the copied ids.
    due = json.loads(cli("due", "--json", *NOW, db=pg_url).out)
    assert due and due == json.loads(cli("due", "--json", *NOW, db=db_path).out)
    assert cli("add", "Initech", "Tester", db=pg_url).out.strip() == "3"


def test_a_target_that_holds_anything_is_refused_and_nothing_changes(
    cli, db_path, pg_url, tmp_path
):
    _fill(cli, db_path)
    assert cli("add", "Their Own", "Job", db=pg_url).code == 0
    before = _everything(cli, pg_url, tmp_path, "before")
    refused = cli("copy-to", pg_url, db=db_path)
    assert refused.code == 2, refused
    assert refused.err.count("\n") == 1 and "already holds data (1 applications" in refused.err
    assert "nothing was copied" in refused.err and ":***@" in refused.err
    assert _everything(cli, pg_url, tmp_path, "after") == before
    # And the other way: a file that holds applications.
    other = tmp_path / "other.db"
    assert cli("add", "Mine", "Job", db=other).code == 0
    kept = file_hash(other)
    assert cli("copy-to", str(other), db=pg_url).code == 2
    assert file_hash(other) == kept


def test_text_a_server_cannot_hold_is_one_line_and_leaves_it_empty(cli, db_path, pg_url):
    # SQLite keeps a NUL character as typed; PostgreSQL's text cannot hold one.
    assert cli("add", "Acme", "Dev", db=db_path).code == 0
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE applications SET notes = ?", ("a\x00b",))
    connection.commit()
    connection.close()
    failed = cli("copy-to", pg_url, db=db_path)
    assert failed.code == 1, failed
    assert failed.err.count("\n") == 1 and "nothing was copied" in failed.err
    assert "Traceback" not in failed.err
    assert json.loads(cli("list", "--json", "--all", db=pg_url).out) == []


def test_a_missing_source_or_the_same_database_is_refused(cli, db_path, tmp_path):
    missing = cli("copy-to", str(tmp_path / "new.db"), db=db_path)
    assert missing.code == 2 and "nothing to copy" in missing.err
    assert not (tmp_path / "new.db").exists()
    assert cli("add", "A", "B", db=db_path).code == 0
    same = cli("copy-to", str(db_path), db=db_path)
    assert same.code == 2 and "being copied" in same.err
