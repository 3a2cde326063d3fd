"""An import never shuts out other writers while it reads and checks a file: a dry run takes
no write lock at all, and a real import writes in one short transaction at the end, prepared
again if another process changed what it checked.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.store import csv_import, repository
from followup.store.db import Store

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)


def _file(tmp_path, rows: int):
    path = tmp_path / "many.csv"
    lines = ["Company,Title,Date Applied"]
    lines += [f"Company {n},Role {n},2026-10-01" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_another_process_can_add_while_a_dry_run_reads_the_file(cli, db_path, tmp_path):
    assert cli("add", "Before", "Dev").code == 0
    store = Store.open(db_path)
    added = []

    def meanwhile(done: int, total: int) -> None:
        # Called while the rows are being read and checked: another process writes now.
        if not added:
            added.append(cli("add", "Meanwhile", "Dev"))

    summary = csv_import.import_file(
        store, _file(tmp_path, 400), now=NOW, zone=ZONE, dry_run=True, progress=meanwhile
    )
    assert added[0].code == 0, added[0].err
    assert summary.added == 400
    companies = [a["company"] for a in json.loads(cli("list", "--json").out)]
    assert companies == ["Before", "Meanwhile"]
    store.close()


def test_a_write_during_an_import_is_kept_and_the_import_is_whole(cli, db_path, tmp_path):
    store = Store.open(db_path, create=True)
    added = []

    def meanwhile(done: int, total: int) -> None:
        if not added:
            # The same company, role and date as the file's first row, and the id the
            # import would have given it.
            added.append(cli("add", "Company 0", "Role 0", "--applied", "2026-10-01"))

    summary = csv_import.import_file(
        store, _file(tmp_path, 400), now=NOW, zone=ZONE, progress=meanwhile
    )
    assert added[0].code == 0, added[0].err
    # The file was checked again against what the other process wrote: its first row is now
    # a duplicate, and every other row is there once.
    assert summary.added == 399 and len(summary.skipped) == 1
    apps = repository.list_applications(store, include_closed=True)
    assert len(apps) == 400
    assert len({(a["company"], a["role"]) for a in apps}) == 400
    store.close()
