"""Spaces around a one-line field are never kept: not by `add`, `log` or `import`."""

from __future__ import annotations

import json


def _ok(result):
    assert result.code == 0, result.err
    return result


def test_add_trims_every_one_line_field_and_says_what_it_stored(cli):
    added = _ok(
        cli(
            "add",
            "  Acme ",
            " Engineer  ",
            "--location",
            " Berlin ",
            "--url",
            " https://acme.example/jobs/1 ",
            "--source",
            " LinkedIn ",
            "--salary",
            " 70k ",
            "--now",
            "2026-11-02 09:00",
        )
    )
    assert added.err.startswith("Added application 1: Acme / Engineer (applied")
    again = _ok(cli("add", "Acme", "Engineer", "--now", "2026-11-03 09:00"))
    assert "Note: Acme already has an application" in again.err
    first = json.loads(_ok(cli("show", "1", "--json")).out)
    assert [first[k] for k in ("company", "role", "location", "url", "source", "salary")] == [
        "Acme",
        "Engineer",
        "Berlin",
        "https://acme.example/jobs/1",
        "LinkedIn",
        "70k",
    ]


def test_log_trims_the_subject(cli):
    _ok(cli("add", "Acme", "Engineer", "--now", "2026-11-02 09:00"))
    _ok(cli("log", "1", "--kind", "reply", "--subject", "  Next steps ", "--now", "2026-11-03"))
    shown = json.loads(_ok(cli("show", "1", "--json")).out)
    assert shown["touchpoints"][0]["subject"] == "Next steps"


def test_import_trims_one_line_fields(cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "company,role,location,url\n  Initech , Analyst ,  Austin , https://i.example \n"
    )
    _ok(cli("import", str(sheet), "--now", "2026-11-02 09:00"))
    listed = json.loads(_ok(cli("list", "--json")).out)
    assert [(a["company"], a["role"], a["location"], a["url"]) for a in listed] == [
        ("Initech", "Analyst", "Austin", "https://i.example")
    ]
