"""A cell that cannot be read is one clear line naming its line and column, exit 2, and
nothing written: huge numbers, digits that are not ASCII, dates beyond what followup keeps.
"""

from __future__ import annotations

import json

import pytest

APPLICATIONS = (
    "id,company,role,stage,applied_on,source,url,location,salary,priority,decision_by,"
    "notes,created_at,updated_at,interviews,last_contact"
)
CONTACTS = "id,name,title,email,phone,notes,created_at,applications"
INTERVIEWS = (
    "id,application_id,starts_at,duration,kind,interviewers,notes,strong_points,"
    "weak_answers,they_said,created_at,interviewer_ids"
)


@pytest.mark.parametrize(
    "header, row, column",
    [
        ("Company,Title,Priority", "Acme,Dev,1e400", "Priority"),
        ("Company,Title,Priority", "Acme,Dev,inf", "Priority"),
        ("Company,Title,Priority", "Acme,Dev,٣", "Priority"),
        (APPLICATIONS, "1e400,Acme,Dev,applied,,,,,,3,,,,,0,", "id"),
        (APPLICATIONS, "99999999999999999999,Acme,Dev,applied,,,,,,3,,,,,0,", "id"),
        (APPLICATIONS, "²,Acme,Dev,applied,,,,,,3,,,,,0,", "id"),
        (CONTACTS, "5,Priya,,,,,,²:recruiter", "applications"),
        (CONTACTS, "5,Priya,,,,,,1:boss", "applications"),
        (INTERVIEWS, "1,1,2026-11-02T10:00:00+01:00,1e400,video,,,,,,,", "duration"),
        (INTERVIEWS, "1,1,2026-11-02T10:00:00+01:00,60,video,,,,,,,²", "interviewer_ids"),
        ("Company,Title,Date Applied", "Acme,Dev,0001-01-01T00:00:00+05:00", "Date Applied"),
        ("Company,Title,Date Applied", "Acme,Dev,9999-12-31T23:00:00-05:00", "Date Applied"),
        ("Company,Title,Date Applied", "Acme,Dev,9999-12-31", "Date Applied"),
        ("Company,Title,Date Applied", "Acme,Dev,0001-01-01", "Date Applied"),
        ("Company,Title,Date Applied", "Acme,Dev,1969-12-31", "Date Applied"),
        (APPLICATIONS, "1,Acme,Dev,applied,,,,,,3,,,0001-01-01T00:00:00+05:00,,0,", "created_at"),
    ],
)
def test_a_cell_that_cannot_be_read_is_one_line_naming_it(
    capsys, db_path, tmp_path, header, row, column
):
    # In this process (the command line's own entry point) to keep 16 cases quick; the
    # subprocess test below shows the same through a real process.
    from followup.cli import main

    db = ["--db", str(db_path)]
    assert main([*db, "add", "Keep", "Me"]) == 0
    path = tmp_path / "bad.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    if header in (CONTACTS, INTERVIEWS):
        # Their rows point at applications by id: they are read with the export they
        # belong to.
        (tmp_path / "export").mkdir()
        path = path.rename(tmp_path / "export" / "bad.csv")
        (path.parent / "applications.csv").write_text(
            f"{APPLICATIONS}\n1,Other,Dev,applied,,,,,,3,,,,,0,\n", encoding="utf-8"
        )
        path = path.parent
    capsys.readouterr()
    for flags in ([], ["--dry-run"]):
        assert main([*db, "import", str(path), *flags]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err and "unexpected" not in err, err
        assert "line 2" in err and f"column {column!r}" in err, err
        if column in ("Date Applied", "created_at"):
            # It says why: outside the years followup accepts, and what was understood.
            assert any(
                words in err for words in ("outside the dates", "not accepted", "more than 100")
            ), err
    assert main([*db, "list", "--json"]) == 0
    assert [a["company"] for a in json.loads(capsys.readouterr().out)] == ["Keep"]


def test_a_huge_number_through_a_real_process(cli, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Company,Title,Priority\nAcme,Dev,3\nBeta,Dev,1e400\n")
    done = cli("import", str(path))
    assert done.code == 2 and done.out == ""
    assert done.err == "followup: line 3, column 'Priority': '1e400' is not a number\n"
    assert json.loads(cli("list", "--json").out) == []
