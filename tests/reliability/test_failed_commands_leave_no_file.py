"""A command that fails leaves no new file: a data file is made by the first write that
lands, never by a command refused before it wrote anything."""

from __future__ import annotations

from followup.cli import main


def _folder_export(folder, interviews: str):
    folder.mkdir()
    (folder / "applications.csv").write_text("Company,Title\nAcme,Engineer\n")
    (folder / "interviews.csv").write_text(interviews)
    return folder


def test_a_folder_import_that_fails_leaves_no_data_file(tmp_path, capsys):
    folder = _folder_export(tmp_path / "export", "id,application_id,bogus\nx,y,z\n")
    target = tmp_path / "new" / "followup.db"
    code = main(["--db", str(target), "import", str(folder)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert not target.exists()
    assert not (target.parent / "backups").exists()


def test_a_file_import_with_a_bad_cell_leaves_no_data_file(tmp_path, capsys):
    csv = tmp_path / "bad.csv"
    csv.write_text("Company,Title,Date Applied\nAcme,Engineer,not a date at all\n")
    target = tmp_path / "followup.db"
    code = main(["--db", str(target), "import", str(csv)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert not target.exists()


def test_an_import_that_lands_makes_the_file(tmp_path, capsys):
    csv = tmp_path / "good.csv"
    csv.write_text("Company,Title\nAcme,Engineer\n")
    target = tmp_path / "followup.db"
    assert main(["--db", str(target), "import", str(csv)]) == 0
    assert main(["--db", str(target), "list"]) == 0
    assert "Acme" in capsys.readouterr().out
