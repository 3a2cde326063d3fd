"""The command line end to end, through a subprocess, as scripts use it."""

import csv
import io
import json

from followup.store.db import HEAD


def test_record_and_read_back_an_application(cli, db_path):
    add = cli(
        "add",
        "Northwind, Inc.",
        "Backend Engineer",
        "--applied",
        "2026-11-16",
        "--url",
        "https://jobs.example.com/1",
        "--source",
        "referral",
        "--now",
        "2026-11-22 09:00",
    )
    assert add.code == 0, add.err
    app_id = add.out.strip()
    assert app_id == "1"
    assert "Mon 16 Nov 2026" in add.err  # the resolved date is echoed

    interview = cli(
        "--now",
        "2026-11-22 09:00",
        "interview",
        app_id,
        "--at",
        "tue 10am",
        "--with",
        "Priya Patel",
        "--decision-by",
        "2026-12-04",
        "--kind",
        "onsite",
    )
    assert interview.code == 0, interview.err
    assert interview.out.strip() == "1"
    assert "Tue 24 Nov 2026 10:00" in interview.err

    log = cli(
        "log",
        app_id,
        "--kind",
        "thank-you",
        "--at",
        "2026-11-24 15:00",
        "--contact",
        "Priya Patel",
        "--body",
        "Thank you, Priya!",
        "--now",  # a message is logged in the past: as of the afternoon it was sent
        "2026-11-24 16:00",
    )
    assert log.code == 0, log.err
    assert cli("stage", app_id, "offer").code == 0

    listed = json.loads(cli("list", "--json").out)
    assert [
        (a["id"], a["company"], a["stage"], a["applied_on"], a["decision_by"]) for a in listed
    ] == [(1, "Northwind, Inc.", "offer", "2026-11-16", "2026-12-04")]

    shown = json.loads(cli("show", app_id, "--json", "--now", "2026-11-24 16:00").out)
    assert shown["company"] == "Northwind, Inc."
    assert shown["source"] == "referral"
    assert [i["starts_at"] for i in shown["interviews"]] == ["2026-11-24T10:00:00+01:00"]
    assert shown["interviews"][0]["interviewers"] == ["Priya Patel"]
    assert [(t["kind"], t["direction"], t["contact"], t["body"]) for t in shown["touchpoints"]] == [
        ("thank-you", "out", "Priya Patel", "Thank you, Priya!")
    ]
    assert [(c["name"], c["role"]) for c in shown["contacts"]] == [("Priya Patel", "interviewer")]
    assert shown["references"] == []
    # At the offer stage the offer is what matters: no notes or thank-you asked for now.
    assert [a["rule"] for a in shown["actions"]] == ["offer"]

    exported = cli("export")
    assert exported.code == 0
    rows = list(csv.DictReader(io.StringIO(exported.out)))
    assert len(rows) == 1
    assert rows[0]["company"] == "Northwind, Inc."
    assert rows[0]["interviews"] == "1"
    assert rows[0]["last_contact"].startswith("2026-11-24T15:00")


def test_list_hides_closed_unless_asked(cli):
    for company in ("Open Co", "Closed Co"):
        assert cli("add", company, "Dev").code == 0
    assert cli("stage", "2", "rejected").code == 0
    assert [a["company"] for a in json.loads(cli("list", "--json").out)] == ["Open Co"]
    assert len(json.loads(cli("list", "--all", "--json").out)) == 2
    assert [a["company"] for a in json.loads(cli("list", "--stage", "rejected", "--json").out)] == [
        "Closed Co"
    ]


def test_global_options_before_or_after_the_command(cli, tmp_path):
    other = tmp_path / "other.db"
    assert cli("--db", str(other), "add", "A", "B").code == 0
    assert cli("add", "C", "D", "--db", str(other)).code == 0
    assert len(json.loads(cli("list", "--json", "--db", str(other)).out)) == 2
    assert json.loads(cli("list", "--json").out) == []


def test_export_to_a_file_is_private_and_complete(cli, tmp_path):
    for n in range(3):
        cli("add", f"Company {n}", "Role")
    target = tmp_path / "out" / "apps.csv"
    result = cli("export", str(target))
    assert result.code == 0, result.err
    assert str(target) in result.err
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 4
    assert [p.name for p in target.parent.iterdir()] == ["apps.csv"]


def test_counts_of_one_read_as_one(cli, tmp_path):
    """ "1 contact", "1 interview", "1 reply": never "1 contacts"."""
    assert cli("add", "Northwind", "Engineer", "--now", "2026-11-02 09:00").code == 0
    done = cli(
        "interview",
        "1",
        "--at",
        "2026-11-05 14:00",
        "--with",
        "Priya Patel",
        "--now",
        "2026-11-05 15:00",
    )
    assert done.code == 0, done.err
    assert cli("log", "1", "--kind", "reply", "--now", "2026-11-09 10:00").code == 0
    exported = cli("export", str(tmp_path / "out") + "/")
    assert exported.code == 0, exported.err
    said = exported.err + exported.out
    assert "1 application," in said and "1 contact," in said and "1 interview," in said
    assert "0 references," in said
    stats = cli("stats", "--now", "2026-11-10 10:00")
    assert "(1 reply)" in stats.out, stats.out


def test_doctor_reports_schema_counts_and_integrity(cli, engine):
    cli("add", "A", "B")
    result = cli("doctor")
    assert result.code == 0
    assert f"schema version: {HEAD}" in result.out
    assert "applications 1" in result.out
    assert "max_unanswered = 2" in result.out
    if engine == "sqlite":
        assert "integrity:      ok" in result.out
    else:  # a server's: its version, and its backups are pg_dump's
        assert "server:         PostgreSQL 15." in result.out
        assert "pg_dump" in result.out and "backups:" in result.out
        assert ":***@" in result.out and "followup_test:" in result.out


def test_demo_fills_a_separate_file_and_refuses_a_full_one(cli, tmp_path, db_path):
    demo = tmp_path / "demo.db"
    result = cli("demo", "--size", "60", "--no-open", "--db", str(demo))
    assert result.code == 0, result.err
    assert result.out.strip() == str(demo)
    everything = json.loads(cli("list", "--all", "--json", "--db", str(demo)).out)
    assert len(everything) == 60
    assert {a["stage"] for a in everything} == {
        "wishlist",
        "applied",
        "screening",
        "interviewing",
        "offer",
        "accepted",
        "rejected",
        "withdrawn",
        "no-response",
    }
    again = cli("demo", "--no-open", "--db", str(demo))
    assert again.code == 2 and "already holds applications" in again.err
    assert not db_path.exists()  # the person's own file is never touched


def test_draft_prints_the_filled_template_and_the_checker(cli):
    assert cli("add", "Northwind", "Backend Engineer").code == 0
    assert cli("interview", "1", "--at", "2026-11-17 10:00", "--with", "Priya Patel").code == 0
    result = cli("draft", "1", "--now", "2026-11-17 12:00")
    assert result.code == 0, result.err
    assert result.out.startswith("Subject: Thank you for your time, Priya")
    assert "Dear Priya," in result.out
    assert "-- check" in result.out and "ok  thanks them for their time" in result.out
    assert "Draft (thank-you) to Priya Patel by email" in result.err
    other = cli("draft", "1", "--template", "withdraw")
    assert other.code == 0 and "withdraw my application" in other.out
    bad = cli("draft", "1", "--template", "poem")
    assert bad.code == 2 and "unknown template 'poem'" in bad.err
