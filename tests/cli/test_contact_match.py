"""A name typed for a message or an interview means the application's contact of that name."""

from __future__ import annotations

import json


def _contacts(cli):
    shown = json.loads(cli("show", "1", "--json").out)
    return sorted(c["name"] for c in shown["contacts"])


def _setup(cli):
    assert cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00").code == 0
    booked = cli(
        "interview", "1", "--at", "2026-11-17 10:00", "--with", "Priya Patel",
        "--now", "2026-11-16 09:00",
    )  # fmt: skip
    assert booked.code == 0, booked.err


def test_a_reply_from_a_first_name_is_the_contact_with_that_name(cli):
    _setup(cli)
    logged = cli("log", "1", "--kind", "reply", "--contact", "priya", "--now", "2026-11-18 09:00")
    assert logged.code == 0, logged.err
    assert "from Priya Patel" in logged.err
    assert _contacts(cli) == ["Priya Patel"]
    again = cli("log", "1", "--kind", "reply", "--contact", "PRIYA  patel", "--now", "2026-11-19")
    assert again.code == 0, again.err
    assert _contacts(cli) == ["Priya Patel"]
    shown = json.loads(cli("show", "1", "--json").out)
    assert [t["contact"] for t in shown["touchpoints"]] == ["Priya Patel", "Priya Patel"]


def test_two_contacts_with_that_first_name_are_named_and_nothing_is_written(cli, db_path):
    from tests.conftest import file_hash

    _setup(cli)
    other = cli("interview", "1", "--at", "2026-11-20 10:00", "--with", "Priya Shah")
    assert other.code == 0, other.err
    before = file_hash(db_path)
    logged = cli("log", "1", "--kind", "reply", "--contact", "Priya")
    assert logged.code == 2
    assert logged.err.strip().splitlines() == [
        "followup: contact 'Priya' could be Priya Patel or Priya Shah (contacts of this "
        "application): give the full name"
    ]
    assert file_hash(db_path) == before


def test_a_first_name_from_another_application_is_a_new_person(cli):
    _setup(cli)
    assert cli("add", "Initech", "Analyst").code == 0
    logged = cli("log", "2", "--kind", "reply", "--contact", "Priya")
    assert logged.code == 0, logged.err
    shown = json.loads(cli("show", "2", "--json").out)
    assert [c["name"] for c in shown["contacts"]] == ["Priya"]
