"""What the interviewer said is recorded from the shell (and the app's notes form), and the
thank-you quotes it; the person's private notes never go into a message."""

NOW = ("--now", "2026-12-01 12:00")


def test_what_they_said_reaches_the_thank_you_and_private_notes_do_not(cli):
    assert cli("add", "Hooli", "Engineer", *NOW).code == 0
    recorded = cli(
        "interview", "1", "--at", "dec 1 10am", "--with", "Priya Patel",
        "--they-said", "the team ships on Tuesdays", *NOW,
    )  # fmt: skip
    assert recorded.code == 0, recorded.err
    draft = cli("draft", "1", *NOW).out
    assert "especially hearing that the team ships on Tuesdays." in draft
    assert "[something they said]" not in draft

    later = cli(
        "notes", "1", "private: salary 80k", "--interview", "1",
        "--they-said", "They value written design notes.", *NOW,
    )  # fmt: skip
    assert later.code == 0, later.err
    draft = cli("draft", "1", *NOW).out
    assert "especially hearing that they value written design notes." in draft
    assert "80k" not in draft


def test_they_said_without_an_interview_is_refused_and_changes_nothing(cli, db_path):
    assert cli("add", "Hooli", "Engineer", *NOW).code == 0
    before = db_path.read_bytes()
    refused = cli("notes", "1", "text", "--they-said", "x", *NOW)
    assert refused.code == 2
    assert refused.err == "followup: --they-said belongs to an interview: add --interview N\n"
    assert db_path.read_bytes() == before
