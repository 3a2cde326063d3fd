"""Files followup writes (exports, calendars): a private temporary name nobody can plant a link
at, mode 0600, and nothing left behind when the write fails.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import pytest

from followup.config import Settings
from followup.store import calendar, csv_io, repository


def _write(kind: str, store, target) -> None:
    if kind == "export":
        csv_io.export_to_path(store, "applications", target, zone=UTC)
    else:
        calendar.write(store, Settings(), target, now=datetime.now(UTC), zone=UTC, horizon_days=7)


@pytest.mark.parametrize("kind", ["export", "calendar"])
def test_a_link_planted_at_the_temporary_name_is_not_written_through(store, tmp_path, kind):
    repository.add_application(store, repository.NewApplication("Acme", "Dev"))
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file\n")
    target = shared / "out.file"
    # Another user, who can write to the shared folder, guesses the temporary name.
    for guess in (f".{target.name}.{os.getpid()}.tmp", f"{target.name}.tmp"):
        (shared / guess).symlink_to(victim)
    _write(kind, store, target)
    assert victim.read_text() == "the victim's own file\n"
    assert ("Acme" if kind == "export" else "BEGIN:VCALENDAR") in target.read_text("utf-8-sig")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not target.is_symlink()


def test_an_export_stopped_half_way_leaves_the_old_file_and_no_temporary_file(store, tmp_path):
    for number in range(5):
        repository.add_application(store, repository.NewApplication(f"Acme {number}", "Dev"))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    target.write_text("yesterday's export\n")

    def interrupted(done: int, total: int) -> None:
        raise KeyboardInterrupt  # Ctrl+C in the middle of the rows

    with pytest.raises(KeyboardInterrupt):
        csv_io.export_to_path(store, "applications", target, zone=UTC, progress=interrupted)
    assert target.read_text() == "yesterday's export\n"
    assert [p.name for p in folder.iterdir()] == ["out.csv"]
