"""`followup due`, `snooze` and `done` end to end on a database built with the CLI."""

import json


def _build(cli):
    assert cli("add", "Northwind", "Backend Engineer", "--applied", "2026-11-02").out == "1\n"
    assert (
        cli(
            "interview",
            "1",
            "--at",
            "2026-11-17 10:00",
            "--with",
            "Priya Patel",
            "--notes",
            "Talked about the billing migration",
        ).code
        == 0
    )
    assert (
        cli(
            "add", "Bluefin", "Data Analyst", "--applied", "2026-11-16", "--now", "2026-11-16 12:00"
        ).code
        == 0
    )


def _due(cli, *args):
    result = cli("due", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_due_lists_the_thank_you_then_clears_it(cli):
    _build(cli)
    found = _due(cli, "--at", "2026-11-18 12:00")
    rules = [(a["application_id"], a["rule"], a["state"]) for a in found]
    assert rules[0] == (1, "thank-you", "overdue")  # overdue first
    assert (1, "timeline", "due") in rules
    thank = found[0]
    assert thank["company"] == "Northwind" and thank["role"] == "Backend Engineer"
    assert thank["opens_at"] == "2026-11-17T11:00:00+01:00"
    assert thank["due_by"] == "2026-11-18T11:00:00+01:00"
    assert "Tue 17 Nov 11:00" in thank["why"]
    assert set(thank) == {
        "application_id",
        "company",
        "role",
        "rule",
        "state",
        "opens_at",
        "due_by",
        "message",
        "why",
    }

    assert cli("log", "1", "--kind", "thank-you", "--at", "2026-11-18 12:30").code == 0
    after = _due(cli, "--at", "2026-11-18 13:00")
    assert (1, "thank-you") not in [(a["application_id"], a["rule"]) for a in after]


def test_horizon_limits_upcoming_actions(cli):
    _build(cli)
    near = _due(cli, "--at", "2026-11-18 12:00", "--horizon", "1")
    far = _due(cli, "--at", "2026-11-18 12:00", "--horizon", "30")
    upcoming = lambda found: [a for a in found if a["state"] == "upcoming"]  # noqa: E731
    assert len(upcoming(far)) > len(upcoming(near))
    # Bluefin's check-in after applying (7 working days after Mon 16 Nov) is within 30 days.
    assert (2, "check-in") in [(a["application_id"], a["rule"]) for a in upcoming(far)]


def test_snooze_hides_until_the_moment_and_done_dismisses_the_cycle(cli):
    _build(cli)
    now = ("--now", "2026-11-18 12:00")
    result = cli("snooze", "1", "thank-you", "--until", "2026-11-19 09:00", *now)
    assert result.code == 0, result.err
    assert "Thu 19 Nov 2026 09:00" in result.err
    rules = lambda at: [a["rule"] for a in _due(cli, "--at", at) if a["application_id"] == 1]  # noqa: E731
    assert "thank-you" not in rules("2026-11-18 12:00")
    assert "thank-you" in rules("2026-11-19 09:01")

    assert cli("done", "1", "timeline", *now).code == 0
    assert "timeline" not in rules("2026-11-20 12:00")
    # A new interview starts a new cycle: the timeline question is back.
    assert cli("interview", "1", "--at", "2026-11-24 10:00").code == 0
    assert "timeline" in rules("2026-11-24 12:00")


def test_keep_searching_has_no_application(cli):
    _build(cli)
    found = _due(cli, "--at", "2026-11-30 12:00")
    keep = [a for a in found if a["rule"] == "keep-searching"]
    assert keep and keep[0]["application_id"] is None and keep[0]["state"] == "due"
    assert cli("done", "-", "keep-searching", "--now", "2026-11-30 12:00").code == 0
    assert "keep-searching" not in [a["rule"] for a in _due(cli, "--at", "2026-11-30 12:00")]


def test_plain_output_is_a_short_table(cli):
    _build(cli)
    result = cli("due", "--at", "2026-11-18 12:00")
    lines = result.out.splitlines()
    assert lines[0].split()[:4] == ["state", "when", "application", "rule"]
    assert lines[1].startswith("overdue") and "1d overdue" not in lines[1]
    assert "thank-you" in lines[1]


def test_log_decision_by_reanchors_the_check_in(cli):
    _build(cli)
    assert (
        cli(
            "log",
            "1",
            "--kind",
            "reply",
            "--at",
            "2026-11-20 10:00",
            "--decision-by",
            "2026-12-04",
            "--now",
            "2026-11-20 10:05",
        ).code
        == 0
    )
    found = _due(cli, "--at", "2026-12-08 09:00")
    check = [a for a in found if a["application_id"] == 1 and a["rule"] == "check-in"]
    assert check and check[0]["opens_at"] == "2026-12-08T00:00:00+01:00"
    assert "Fri 4 Dec" in check[0]["why"]


def test_due_lists_the_most_urgent_first_whatever_the_order_they_were_added(cli):
    order = {"overdue": 0, "due": 1, "hold": 2, "upcoming": 3}
    assert cli("add", "Quiet Co", "Analyst", "--applied", "2026-11-17").code == 0
    assert cli("add", "Busy Co", "Engineer", "--applied", "2026-11-02").code == 0
    assert cli("interview", "2", "--at", "2026-11-16 10:00", "--notes", "went well").code == 0
    found = _due(cli, "--at", "2026-11-18 12:00", "--horizon", "60")
    assert (found[0]["application_id"], found[0]["state"]) == (2, "overdue")
    ranks = [order[a["state"]] for a in found]
    assert ranks == sorted(ranks)
    assert {1, 2} <= {a["application_id"] for a in found}
