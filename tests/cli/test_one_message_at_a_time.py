"""Right after the thank-you is sent, nothing asks for another message until the rules say it
is time: the timeline question rides in the thank-you itself."""

from __future__ import annotations

import json


def _ok(result):
    assert result.code == 0, result.err
    return result


def _interviewed(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-16 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-11-17 10:00",
            "--with",
            "Dana Scully",
            "--notes",
            "went well",
            "--now",
            "2026-11-16 09:00",
        )
    )


def _pressing(cli, now: str) -> list[str]:
    due = json.loads(_ok(cli("due", "--json", "--now", now)).out)
    return [a["rule"] for a in due if a["application_id"] == 1 and a["state"] != "upcoming"]


def test_the_thank_you_asks_their_timeline_and_then_nothing_more_is_asked(cli):
    _interviewed(cli)
    assert sorted(_pressing(cli, "2026-11-17 12:00")) == ["thank-you", "timeline"]
    drafted = _ok(cli("draft", "1", "--now", "2026-11-17 12:00")).out
    assert "when you expect to make a decision?" in drafted
    _ok(cli("log", "1", "--kind", "thank-you", "--now", "2026-11-17 14:00"))
    assert _pressing(cli, "2026-11-17 15:00") == []
    assert _pressing(cli, "2026-11-20 15:00") == []  # days later, still before the check-in
    assert _pressing(cli, "2026-11-26 09:00") == ["check-in"]


def test_with_their_date_known_the_thank_you_does_not_ask_it_again(cli):
    _interviewed(cli)
    _ok(
        cli(
            "log",
            "1",
            "--kind",
            "reply",
            "--decision-by",
            "2026-11-27",
            "--now",
            "2026-11-17 12:00",
        )
    )
    drafted = _ok(cli("draft", "1", "--now", "2026-11-17 12:30")).out
    assert "when you expect" not in drafted
    assert "I look forward to hearing about the next steps." in drafted
