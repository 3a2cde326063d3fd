"""Backups belong to exactly one data file, whatever its name and whatever shares its folder."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from followup.store import backups, repository
from followup.store.db import Store
from tests.reliability.test_damage_and_backups import _damage

T = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _holding(path, *companies):
    store = Store.open(path, create=True)
    for company in companies:
        repository.add_application(store, repository.NewApplication(company, "Role"))
    store.close()


def test_the_demo_beside_the_real_file_never_stands_in_for_it(db_path, cli):
    """Issue 13: a demo's newer backup was restored over the person's own applications."""
    _holding(db_path, "Mine 1", "Mine 2", "Mine 3")
    demo = db_path.with_name("followup-demo.db")
    _holding(demo, *(f"Demo {i}" for i in range(5)))
    backups.make(demo)  # the app opened on the demo once: its daily backup

    # The real file's daily backup is still made (the demo's does not count as its own).
    assert cli("add", "Mine 4", "Role").code == 0
    doctor = cli("doctor")
    assert doctor.code == 0, doctor.err
    assert "backups:        1 in" in doctor.out

    _damage(db_path)
    restored = cli("doctor", "--restore", "--yes")
    assert restored.code == 0, restored.err
    listed = cli("list", "--json")
    assert sorted(a["company"] for a in json.loads(listed.out)) == [
        "Mine 1",
        "Mine 2",
        "Mine 3",
        "Mine 4",
    ]
    demo_doctor = cli("doctor", db=demo)
    assert "backups:        1 in" in demo_doctor.out


@pytest.mark.parametrize(
    "names",
    [
        ("a.db", "a-b.db"),
        ("a.db", "a.b.db"),
        ("my-jobs.db", "my-jobs-20261101T090000Z.db"),
        ("a.db", "a.sqlite"),
    ],
)
def test_files_sharing_a_folder_each_see_only_their_own_backups(tmp_path, names):
    first, second = (tmp_path / name for name in names)
    _holding(first, "First")
    _holding(second, "Second")
    for day in range(3):
        backups.make(first, now=T + timedelta(days=day))
    backups.make(second, now=T + timedelta(days=5))  # newer than all of the first's

    assert len(backups.backups(first)) == 3
    assert [b.made for b in backups.backups(second)] == [T + timedelta(days=5)]
    # Rotation keeps each file's own newest: the second's backup is not the first's.
    assert backups.rotate(first, keep=2, now=T + timedelta(days=5, hours=1)) is not None
    assert len(backups.backups(first)) == 2
    assert len(backups.backups(second)) == 1


def test_backups_made_before_each_file_had_a_folder_are_still_found(db_path):
    _holding(db_path, "Mine")
    shared = db_path.parent / "backups"
    own = backups.make(db_path, now=T)
    old = shared / "followup-20261020T090000Z.db"
    demo_old = shared / "followup-demo-20261030T090000Z.db"
    old.write_bytes(own.path.read_bytes())
    demo_old.write_bytes(own.path.read_bytes())
    assert [b.path for b in backups.backups(db_path)] == [own.path, old]
