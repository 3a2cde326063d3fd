"""An offer or a rejection logged with `log` moves the stage, as `stage` would, and says so."""

from __future__ import annotations

import json

import pytest


def _ok(result):
    assert result.code == 0, result.err
    return result


@pytest.fixture
def interviewed(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00"))
    _ok(cli("interview", "1", "--at", "2026-11-04 10:00", "--now", "2026-11-03 09:00"))


def test_an_offer_logged_moves_the_stage_and_the_advice_with_it(cli, interviewed):
    logged = _ok(cli("log", "1", "--kind", "offer", "--now", "2026-11-10 09:00"))
    assert logged.err.splitlines()[1] == "Application 1: interviewing → offer"
    shown = json.loads(cli("show", "1", "--json", "--now", "2026-11-10 10:00").out)
    assert shown["stage"] == "offer"
    assert shown["touchpoints"][0]["subject"] == "Offer"
    assert [a["rule"] for a in shown["actions"]] == ["offer"]
    due = _ok(cli("due", "--now", "2026-11-10 10:00")).out
    assert "still being considered" not in due


def test_a_rejection_logged_closes_it_as_stage_would(cli, interviewed):
    logged = _ok(cli("log", "1", "--kind", "rejection", "--now", "2026-11-10 09:00"))
    assert "Application 1: interviewing → rejected" in logged.err.splitlines()
    assert _ok(cli("list", "--json")).out.strip() == "[]"  # closed: hidden
    listed = json.loads(_ok(cli("list", "--all", "--json")).out)
    assert [(a["id"], a["stage"]) for a in listed] == [(1, "rejected")]
    drafted = _ok(cli("draft", "1", "--now", "2026-11-10 10:00"))
    assert "Draft (feedback-request)" in drafted.err


def test_a_late_offer_does_not_reopen_a_closed_application(cli, interviewed):
    _ok(cli("stage", "1", "withdrawn", "--now", "2026-11-09 09:00"))
    logged = _ok(cli("log", "1", "--kind", "offer", "--now", "2026-11-10 09:00"))
    assert logged.err.splitlines()[1] == (
        "Application 1 stays withdrawn, as it is closed; 'followup stage' changes it."
    )
    assert json.loads(cli("show", "1", "--json").out)["stage"] == "withdrawn"


def test_a_plain_reply_leaves_the_stage(cli, interviewed):
    logged = _ok(cli("log", "1", "--kind", "reply", "--now", "2026-11-10 09:00"))
    assert "→" not in logged.err
    assert json.loads(cli("show", "1", "--json").out)["stage"] == "interviewing"
