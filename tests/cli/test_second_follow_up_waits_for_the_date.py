"""A date they gave for deciding holds a second message back as it holds the check-in: the
advice never says to send what the draft's checker calls too early."""

from __future__ import annotations

import json


def _ok(done):
    assert done.code == 0, done.err
    return done


def _second(cli, when: str) -> dict | None:
    due = json.loads(_ok(cli("due", "--json", "--horizon", "14", "--now", when)).out)
    found = [a for a in due if a["rule"] == "second-follow-up"]
    return found[0] if found else None


def test_the_second_follow_up_opens_after_their_new_decision_date(cli):
    _ok(cli("add", "Globex", "Research Scientist", "--now", "2026-11-23 09:00"))
    _ok(
        cli(
            "log",
            "Globex",
            "--kind",
            "reply",
            "--contact",
            "Fox",
            "--decision-by",
            "2026-12-11",
            "--now",
            "2026-12-03 10:00",
        )
    )
    _ok(
        cli(
            "log",
            "Globex",
            "--kind",
            "reply",
            "--contact",
            "Fox",
            "--body",
            "We need another week",
            "--decision-by",
            "2026-12-18",
            "--now",
            "2026-12-11 09:00",
        )
    )
    _ok(cli("log", "Globex", "--kind", "check-in", "--contact", "Fox", "--now", "2026-12-11 09:10"))
    # A week on, on their decision day: not yet.
    on_the_day = _second(cli, "2026-12-18 10:30")
    assert on_the_day is not None and on_the_day["state"] == "upcoming", on_the_day
    assert on_the_day["opens_at"].startswith("2026-12-22"), on_the_day
    assert "once their decision date (Fri 18 Dec) has passed" in on_the_day["why"]
    # Once it opens, the draft has nothing to say about being early.
    opened = _second(cli, "2026-12-22 10:00")
    assert opened is not None and opened["state"] == "due", opened
    drafted = _ok(cli("draft", "Globex", "--now", "2026-12-22 10:00"))
    assert "Draft (second-follow-up)" in drafted.err
    assert "Early" not in drafted.out, drafted.out


def test_a_wishlist_item_has_nothing_to_send(cli):
    """Not applied yet: no check-in asking whether you are "still being considered"."""
    _ok(cli("add", "Northwind", "Engineer", "--stage", "wishlist", "--now", "2026-11-23 09:00"))
    drafted = cli("draft", "Northwind", "--now", "2026-11-30 09:00")
    assert drafted.code != 0
    assert "on your wishlist: nothing to send until you apply" in drafted.err
    assert "still being considered" not in drafted.out
