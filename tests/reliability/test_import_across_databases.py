"""An export imported into another database that already holds applications: every row
follows its own application and contact there (the file's ids are those of the database it
came from), that database's own rows are untouched, and importing the same export again, or
into the very file it came from, adds nothing and says so."""

from __future__ import annotations

import json
import re

import pytest

from followup.cli import main

NOW = ["--now", "2026-11-20 12:00"]


def _run(capsys, db, *args: str) -> str:
    capsys.readouterr()
    code = main(["--db", str(db), *NOW, *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _fill_a(capsys, db) -> None:
    _run(capsys, db, "add", "Acme", "Engineer", "--applied", "2026-11-01")
    _run(capsys, db, "add", "Beta", "Designer", "--applied", "2026-11-02")
    _run(capsys, db, "interview", "Beta", "--at", "2026-11-18 10:00", "--with", "Ann Beta",
         "--notes", "Beta's interview")  # fmt: skip
    _run(capsys, db, "log", "Acme", "--kind", "follow-up", "--at", "2026-11-12 10:00",
         "--contact", "Priya Acme", "--body", "Acme's message")  # fmt: skip
    _run(capsys, db, "log", "Beta", "--kind", "reply", "--direction", "in", "--at",
         "2026-11-13 09:00", "--contact", "Ann Beta", "--body", "Beta's reply")  # fmt: skip
    _run(capsys, db, "snooze", "Acme", "check-in", "--until", "2026-11-25")
    # Done for this interview's cycle, which names the interview by its id.
    _run(capsys, db, "done", "Beta", "thank-you")


def _fill_b(capsys, db) -> None:
    _run(capsys, db, "add", "Zed", "Manager", "--applied", "2026-11-03")
    _run(capsys, db, "interview", "Zed", "--at", "2026-11-11 10:00", "--with", "Zoe Zed",
         "--notes", "Zed's interview")  # fmt: skip
    _run(capsys, db, "log", "Zed", "--kind", "thank-you", "--at", "2026-11-11 15:00",
         "--contact", "Zoe Zed", "--body", "Zed's thanks")  # fmt: skip


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if not k.endswith("id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _shown(capsys, db, company: str) -> dict:
    return _without_ids(json.loads(_run(capsys, db, "show", company, "--json")))


def _export(capsys, db, folder) -> None:
    """`followup export DIR/`: the folder is made, one file per table."""
    _run(capsys, db, "export", f"{folder}/")
    assert sorted(p.name for p in folder.iterdir()) == [
        "applications.csv",
        "contacts.csv",
        "drafts.csv",
        "interviews.csv",
        "references.csv",
        "snoozes.csv",
        "touchpoints.csv",
    ]


@pytest.fixture
def databases(capsys, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _fill_a(capsys, a)
    _fill_b(capsys, b)
    return a, b


def test_every_row_follows_its_own_application_into_another_database(capsys, tmp_path, databases):
    a, b = databases
    zed_before = _shown(capsys, b, "Zed")
    _export(capsys, a, tmp_path / "export")
    dry = _run(capsys, b, "import", str(tmp_path / "export"), "--dry-run")
    said = _run(capsys, b, "import", str(tmp_path / "export"))
    assert "First rows as they will be stored:\n  Acme / Engineer" in dry
    counts = [line for line in dry.splitlines() if re.match(r"\d+ rows? of ", line)]
    assert said.splitlines() == [line.replace("would add", "added") for line in counts]
    assert "already present" not in said
    for company in ("Acme", "Beta"):
        assert _shown(capsys, b, company) == _shown(capsys, a, company)
    assert _shown(capsys, b, "Zed") == zed_before


def test_the_same_export_again_or_into_its_own_file_adds_nothing(capsys, tmp_path, databases):
    a, b = databases
    _export(capsys, a, tmp_path / "export")
    _run(capsys, b, "import", str(tmp_path / "export"))
    before = {db: _run(capsys, db, "list", "--all", "--json") for db in (a, b)}
    shown = {(db, c): _shown(capsys, db, c) for db in (a, b) for c in ("Acme", "Beta")}
    for db in (a, b):
        dry = _run(capsys, db, "import", str(tmp_path / "export"), "--dry-run")
        said = _run(capsys, db, "import", str(tmp_path / "export"))
        assert said == dry.replace("would add", "added")
        assert "2 rows of applications: added 0, 2 already present, skipped" in said
        assert "2 rows of touchpoints: added 0, 2 already present, skipped" in said
        assert "1 row of interviews: added 0, 1 already present, skipped" in said
        assert _run(capsys, db, "list", "--all", "--json") == before[db]
        for company in ("Acme", "Beta"):
            assert _shown(capsys, db, company) == shown[(db, company)]


def test_one_table_of_an_export_alone_is_refused_and_changes_nothing(capsys, tmp_path, databases):
    a, b = databases
    _export(capsys, a, tmp_path / "export")
    before = _shown(capsys, b, "Zed")
    capsys.readouterr()
    code = main(["--db", str(b), *NOW, "import", str(tmp_path / "export" / "touchpoints.csv")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "is an id of the database this file came from" in err
    assert "followup export DIR" in err
    assert _shown(capsys, b, "Zed") == before


def test_a_folder_that_is_not_one_export_is_refused_and_changes_nothing(
    capsys, tmp_path, databases
):
    a, b = databases
    _export(capsys, a, tmp_path / "export")
    (tmp_path / "export" / "more.csv").write_bytes(
        (tmp_path / "export" / "applications.csv").read_bytes()
    )
    (tmp_path / "empty").mkdir()
    before = _run(capsys, b, "list", "--all", "--json")
    for folder, words in [
        ("export", "both applications.csv and more.csv in "),
        ("empty", "holds no .csv file to import"),
    ]:
        code = main(["--db", str(b), *NOW, "import", str(tmp_path / folder)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and words in err, err
    assert _run(capsys, b, "list", "--all", "--json") == before


def test_two_applications_alike_in_company_role_and_day_both_come_back(capsys, tmp_path):
    """Two jobs at one company, same role, applied the same day (two offices): an export
    imported into an empty file gives back both, each with its own interview."""
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    for where in ("London", "Zurich"):
        _run(
            capsys,
            source,
            "add",
            "Google",
            "Software Engineer",
            "--applied",
            "2026-11-02",
            "--location",
            where,
        )
    _run(capsys, source, "interview", "2", "--at", "2026-11-10 10:00")
    _export(capsys, source, tmp_path / "export")
    said = _run(capsys, target, "import", str(tmp_path / "export"))
    assert "already" not in said, said
    first, second = _run(capsys, target, "show", "1"), _run(capsys, target, "show", "2")
    assert "London" in first and "interviews:" not in first, first
    assert "Zurich" in second and "interviews:" in second, second
