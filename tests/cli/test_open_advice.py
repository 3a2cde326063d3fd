"""Right advice in right words, from the shell: what was still open in issue 14."""

from __future__ import annotations


def _ok(result):
    assert result.code == 0, result.err
    return result


def test_due_lists_what_is_due_now_above_what_is_due_in_days(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00"))
    # On Thu 12 Nov the check-in window is open until Mon 16 Nov, and keep-searching has no
    # deadline: it is for today, so it comes first.
    rows = _ok(cli("due", "--now", "2026-11-12 10:00")).out.splitlines()[1:]
    assert rows[0].split()[:2] == ["due", "now"] and "keep-searching" in rows[0], rows
    assert rows[1].split()[:4] == ["due", "due", "in", "4d"] and "check-in" in rows[1], rows


def test_a_drafts_last_edited_time_follows_now(cli, store):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from followup.config import Settings
    from followup.store import drafts

    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-11-04 10:00",
            "--with",
            "Dana Scully",
            "--now",
            "2026-11-03",
        )
    )
    zone = ZoneInfo("Europe/Berlin")
    then = datetime(2026, 11, 4, 12, 0, tzinfo=zone)
    prepared = drafts.prepare(store, 1, Settings(), then, zone)
    drafts.save(store, prepared, prepared.text + "\nP.S. edited", now=then)
    # The thank-you is sent by other means two days later: the draft stays, listed as unsent.
    _ok(cli("log", "1", "--kind", "thank-you", "--now", "2026-11-06 09:00"))
    shown = _ok(cli("show", "1", "--now", "2026-11-06 09:00")).out
    assert "last edited Wed 4 Nov 2026 12:00" in shown, shown
