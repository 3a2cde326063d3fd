"""Templates: they read as a person wrote them, with or without the details, and can be
overridden by a file in the config folder.
"""

import re
from datetime import UTC, date, datetime

import pytest

from followup.domain.templates import TEMPLATES, TemplateError, context_from_record, render

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
RICH = {
    "company": "Northwind",
    "role": "Backend Engineer",
    "applied_on": date(2026, 11, 2),
    "decision_by": date(2026, 11, 27),
    "contacts": [{"name": "Priya Patel", "role": "interviewer", "email": "p@n.com"}],
    "references": [{"name": "Sam Okafor"}],
    "interviews": [
        {
            "starts_at": datetime(2026, 11, 17, 9, 0, tzinfo=UTC),
            "interviewers": ["Priya Patel"],
            "notes": "Good chat",
            "they_said": "The team is moving billing to event sourcing.",
            "strong_points": "I led the cache redesign that cut latency by 40%",
            "weak_answers": "the SQL window-function question",
        }
    ],
}
BARE = {
    "company": "Bluefin",
    "role": "Data Analyst",
    "applied_on": None,
    "decision_by": None,
    "contacts": [],
    "references": [],
    "interviews": [],
}
NAMES = [name for name in TEMPLATES if name != "check-in-after-date"]


def _broken(text: str) -> list[str]:
    """Signs of a broken sentence: a raw field, None, doubled spaces or punctuation."""
    problems = []
    for pattern in (r"\{\w*\}", r"\bNone\b", r"  +\S", r" [,.]", r"\.\.", r"\s\.$"):
        problems += re.findall(pattern, text, re.MULTILINE)
    return problems


@pytest.mark.parametrize("name", NAMES)
def test_each_template_reads_well_for_a_realistic_application(name):
    draft = render(name, context_from_record(RICH, "Ada Lovelace", NOW, UTC))
    assert _broken(draft.text) == []
    assert "Northwind" in draft.text
    assert "Ada Lovelace" in draft.text
    if name != "references":
        assert "Dear Priya," in draft.text
    else:
        assert "Hi Sam," in draft.text
    assert "[" not in draft.body or name in ("thank-you", "schedule-reply")


@pytest.mark.parametrize("name", NAMES)
def test_each_template_leaves_visible_placeholders_when_details_are_missing(name):
    draft = render(name, context_from_record(BARE, "", NOW, UTC))
    assert _broken(draft.text) == []
    assert "[your name]" in draft.text
    greeting = "[your reference's name]" if name == "references" else "[their first name]"
    assert greeting in draft.text


def test_thank_you_refers_to_what_they_said_and_the_interview_day():
    draft = render("thank-you", context_from_record(RICH, "Ada", NOW, UTC))
    assert "Tuesday 17 November" in draft.body
    assert "the team is moving billing to event sourcing" in draft.body
    assert "the SQL window-function question" in draft.body


def test_check_in_picks_the_wording_with_a_decision_date():
    with_date = render("check-in", context_from_record(RICH, "Ada", NOW, UTC))
    without = render(
        "check-in", context_from_record({**RICH, "decision_by": None}, "Ada", NOW, UTC)
    )
    assert "Friday 27 November" in with_date.body and "still being considered" in with_date.body
    assert "decide" not in without.body and "still being considered" in without.body


def test_a_user_override_wins(tmp_path):
    (tmp_path / "thank-you.txt").write_text(
        "Subject: Thanks, {first_name}!\n\nCheers, {your_name}\n"
    )
    draft = render(
        "thank-you", context_from_record(RICH, "Ada", NOW, UTC), override_folder=tmp_path
    )
    assert draft.subject == "Thanks, Priya!"
    assert draft.body == "Cheers, Ada\n"
    assert draft.problems == []


@pytest.mark.parametrize(
    "content",
    ["Subject: Hi {nmae}\n\nBody", "Subject: {first_name\n\nBody", "No subject line {role}", ""],
)
def test_a_broken_override_is_reported_and_the_built_in_is_used(tmp_path, content):
    path = tmp_path / "thank-you.txt"
    path.write_text(content)
    draft = render(
        "thank-you", context_from_record(RICH, "Ada", NOW, UTC), override_folder=tmp_path
    )
    assert draft.subject == "Thank you for your time, Priya"
    assert len(draft.problems) == 1 and str(path) in draft.problems[0]


def test_unknown_template_is_an_error():
    with pytest.raises(TemplateError, match="unknown template"):
        render("love-letter", {})


def test_private_notes_never_go_into_a_message():
    """Notes are the person's own ("hiring manager is Dana"); only what they said is quoted."""
    private = {
        **RICH,
        "interviews": [
            {
                **RICH["interviews"][0],
                "notes": "hiring manager is Dana. Team uses Go and Postgres.",
                "they_said": "",
            }
        ],
    }
    values = context_from_record(private, "Ada", NOW, UTC)
    for name in NAMES:
        text = render(name, values).text
        assert "Dana" not in text and "Postgres" not in text, name
    assert "[something they said]" in render("thank-you", values).text


@pytest.mark.parametrize(
    "name, greeting",
    [
        ("Priya Patel", "Priya"),
        ("Dr. Hans Gruber", "Dr. Gruber"),
        ("Prof Ada Byron", "Prof Byron"),
        ("gavin@hooli.com", None),  # a contact known by address only: the gap stays
        ("Dr.", None),
    ],
)
def test_a_letter_addresses_a_person_by_first_name_or_title_and_surname(name, greeting):
    from followup.domain.templates import first_name

    assert first_name(name) == greeting
