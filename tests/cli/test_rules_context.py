"""The rules know the context, seen from the shell (issue 14)."""

from __future__ import annotations

import json


def _due(cli, now):
    result = cli("due", "--json", "--now", now)
    assert result.code == 0, result.err
    return [(a["application_id"], a["rule"], a["state"]) for a in json.loads(result.out)]


def test_a_wishlist_item_has_no_applied_date_until_it_is_applied_to(cli):
    added = cli("add", "Hooli", "Engineer", "--stage", "wishlist", "--now", "2026-11-30 10:00")
    assert added.code == 0, added.err
    assert "applied on" not in cli("show", "1").out
    assert [r for r in _due(cli, "2026-12-30 10:00") if r[0] == 1] == []

    assert cli("stage", "1", "applied", "--now", "2026-12-02 10:00").code == 0
    shown = json.loads(cli("show", "1", "--json").out)
    assert shown["applied_on"] == "2026-12-02"
    later = _due(cli, "2026-12-12 10:00")
    assert (1, "check-in", "due") in later


def test_an_old_import_is_a_move_on_suggestion_not_an_ancient_check_in(cli):
    assert (
        cli("add", "Initech", "Analyst", "--applied", "2026-08-01", "--now", "2026-08-01").code == 0
    )
    found = _due(cli, "2026-11-23 09:00")
    assert (1, "move-on", "due") in found
    assert not any(rule == "check-in" for _, rule, _ in found)
    table = cli("due", "--now", "2026-11-23 09:00").out
    assert "overdue" not in table


def test_an_offer_asks_for_it_in_writing_never_a_check_in(cli):
    assert (
        cli("add", "Hooli", "Engineer", "--applied", "2026-11-02", "--now", "2026-11-02").code == 0
    )
    assert (
        cli(
            "interview",
            "1",
            "--at",
            "2026-11-10 10:00",
            "--notes",
            "good",
            "--decision-by",
            "2026-11-27",
            "--now",
            "2026-11-10 12:00",
        ).code
        == 0
    )
    assert cli("stage", "1", "offer", "--now", "2026-11-20 09:00").code == 0
    found = _due(cli, "2026-11-23 09:00")
    assert (1, "offer", "due") in found
    assert not any(rule in ("check-in", "timeline") for _, rule, _ in found)


def test_interview_notes_written_later_from_the_shell_clear_the_notes_reminder(cli, db_path):
    from tests.conftest import file_hash

    now = ["--now", "2026-11-17 12:00"]
    assert cli("add", "Hooli", "Engineer", "--applied", "2026-11-02", *now).code == 0
    assert cli("interview", "1", "--at", "2026-11-17 10:00", *now).code == 0
    assert (1, "notes", "due") in _due(cli, "2026-11-17 12:00")

    before = file_hash(db_path)
    wrong = cli("notes", "1", "asked about on-call", "--interview", "7", *now)
    assert wrong.code == 2 and wrong.err.count("\n") == 1 and "no interview 7" in wrong.err
    assert file_hash(db_path) == before

    written = cli("notes", "1", "asked about on-call", "--interview", "1", *now)
    assert written.code == 0, written.err
    assert "notes: asked about on-call" in cli("show", "1").out
    assert not any(rule == "notes" for _, rule, _ in _due(cli, "2026-11-17 12:30"))


def test_application_notes_written_after_the_interview_count(cli):
    now = ["--now", "2026-11-17 12:00"]
    earlier = ["--now", "2026-11-16 09:00"]
    assert cli("add", "Hooli", "Engineer", "--notes", "remote ok", *earlier).code == 0
    assert cli("interview", "1", "--at", "2026-11-17 10:00", *now).code == 0
    assert (1, "notes", "due") in _due(cli, "2026-11-17 12:00")  # written before: not these
    assert cli("notes", "1", "They use Go; on-call every 6 weeks", *now).code == 0
    assert not any(rule == "notes" for _, rule, _ in _due(cli, "2026-11-17 12:30"))


def _interviewed(cli, at="2026-11-17 10:00", *extra):
    added = cli("add", "Hooli", "Engineer", "--applied", "2026-11-02", "--now", "2026-11-02")
    assert added.code == 0, added.err
    done = cli("interview", "1", "--at", at, *extra, "--now", "2026-11-17 12:00")
    assert done.code == 0, done.err


def test_ten_days_after_the_interview_no_thank_you_or_notes_nag(cli):
    """Seeds 000, 004: a thank-you days late is no longer sent; the check-in is what is next."""
    _interviewed(cli, "2026-11-17 10:00", "--decision-by", "2026-11-23")
    late = cli("show", "1", "--now", "2026-11-19 12:00").out
    assert "thank-you" in late and "still worth doing until Fri 20 Nov 11:00" in late
    found = _due(cli, "2026-11-27 12:00")
    assert not any(rule in ("thank-you", "notes") for _, rule, _ in found), found
    assert (1, "check-in", "overdue") in found


def test_at_the_offer_stage_neither_thank_you_nor_notes(cli):
    _interviewed(cli)
    assert cli("stage", "1", "offer", "--now", "2026-11-17 13:00").code == 0
    found = _due(cli, "2026-11-17 14:00")
    assert (1, "offer", "due") in found
    assert not any(rule in ("thank-you", "notes") for _, rule, _ in found), found


def test_references_only_when_recorded_or_asked_for(cli, db_path):
    """Seed 000: brief the references you have; with none, only their asking calls for them."""
    from followup.store import repository
    from followup.store.db import Store

    _interviewed(cli, "2026-11-10 10:00")
    second = cli("interview", "1", "--at", "2026-11-17 10:00", "--now", "2026-11-17 12:00")
    assert second.code == 0, second.err
    assert not any(rule == "references" for _, rule, _ in _due(cli, "2026-11-17 12:00"))

    store = Store.open(db_path)
    try:
        repository.add_reference(store, 1, name="Ada Lovelace", relationship="former manager")
    finally:
        store.close()
    assert (1, "references", "due") in _due(cli, "2026-11-17 12:00")
    shown = cli("show", "1", "--now", "2026-11-17 12:00").out
    assert "Brief your references" in shown
