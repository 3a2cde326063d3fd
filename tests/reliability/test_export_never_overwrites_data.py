"""An export or a calendar aimed at the data file, a backup, a journal or the settings file is
refused: one line, exit 2, and the file is as it was."""

import hashlib

import pytest


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["export"], ["calendar"]])
def test_the_data_file_and_the_settings_are_never_written_over(cli, db_path, tmp_path, command):
    assert cli("add", "Northwind", "Engineer").code == 0
    settings = tmp_path / "kept.toml"
    settings.write_text("# mine\nhorizon_days = 7\n")
    backups = sorted(p for p in (db_path.parent / "backups").rglob("*.db") if p.is_file())
    for target in (db_path, settings, *backups[:1]):
        before = _digest(target)
        done = cli(*command, str(target))
        assert done.code == 2, done
        assert done.err.count("\n") == 1 and "choose another file" in done.err, done.err
        assert _digest(target) == before
    listed = cli("list")
    assert listed.code == 0 and "Northwind" in listed.out
