"""An invitation to talk shows as its own action in `due`, `show` and `list`, not a check-in."""

from __future__ import annotations

import json


def _ok(result):
    assert result.code == 0, result.err
    return result


def test_an_invitation_is_due_as_a_reply_to_schedule_not_a_check_in(cli):
    _ok(cli("add", "Initech", "Analyst", "--now", "2026-11-30 09:00"))
    body = "Could we set up a call next week? Let me know your availability."
    _ok(cli("log", "1", "--kind", "reply", "--body", body, "--now", "2026-12-03 09:00"))
    due = json.loads(_ok(cli("due", "--json", "--now", "2026-12-03 10:00")).out)
    mine = [(a["rule"], a["state"], a["message"]) for a in due if a["application_id"] == 1]
    assert mine == [("schedule-reply", "due", "Reply to their invitation with times to talk")]
    assert due[0]["due_by"] == "2026-12-05T00:00:00+01:00"  # by the end of Fri 4 Dec
    drafted = _ok(cli("draft", "1", "--now", "2026-12-03 10:00"))
    assert "Draft (schedule-reply)" in drafted.err
    # Answered by phone: then the next step is a check-in, in days, not the invitation.
    _ok(cli("log", "1", "--kind", "other", "--channel", "phone", "--now", "2026-12-03 11:00"))
    later = json.loads(_ok(cli("due", "--json", "--now", "2026-12-03 12:00")).out)
    assert [(a["rule"], a["state"]) for a in later if a["application_id"] == 1] == [
        ("check-in", "upcoming")
    ]
