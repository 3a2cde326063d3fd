"""The draft checker on drafts written by hand."""

from followup.domain.draft_check import check

GOOD = """Subject: Thank you, Priya

Dear Priya,

Thank you for taking the time to meet me on Tuesday. I enjoyed hearing about the move to event
sourcing, and it left me excited about the role.

My experience leading the cache redesign fits what your team needs next.

One thing I would like to add to my answer on window functions: I have used them daily for
two years of reporting work.

Best regards,
Ada
"""


def _failed(result) -> list[str]:
    return result.warnings


def test_a_good_thank_you_passes_every_point():
    result = check(GOOD, template="thank-you", channel="email", usual_channel="email")
    assert _failed(result) == []
    assert {f.text for f in result.findings} >= {
        "thanks them for their time",
        "shows enthusiasm for the role",
        "says why you fit",
        "adds one new detail",
    }


def test_a_400_word_thank_you_is_too_long():
    long = GOOD + "\n" + " ".join(["More about my work on that project."] * 57)
    result = check(long, template="thank-you")
    assert result.words >= 400
    assert any("too long" in w for w in _failed(result))


def test_no_thanks_is_flagged():
    rude = GOOD.replace("Thank you for taking the time to meet me", "I met you")
    result = check(rude, template="thank-you")
    assert "does not yet thank them for their time" in _failed(result)


def test_overselling_and_skill_lists_are_flagged():
    boast = GOOD + (
        "\nI am the best, most exceptional and truly outstanding candidate.\n"
        "I know Python, Go, Rust, SQL, Kafka, Kubernetes, Terraform and React.\n"
    )
    warnings = " ".join(_failed(check(boast, template="thank-you")))
    assert "oversells" in warnings and "repeats the application" in warnings


def test_the_wait_warning_appears_only_while_waiting():
    waiting = check(GOOD, template="second-follow-up", waiting_since="Mon 23 Nov 09:00")
    assert any("second message without a reply" in w for w in _failed(waiting))
    free = check(GOOD, template="second-follow-up", waiting_since=None)
    assert not any("without a reply" in w for w in _failed(free))


def test_channel_hints():
    assert any(
        "email beats turning up" in w
        for w in _failed(check(GOOD, channel="in-person", usual_channel="email"))
    )
    assert any(
        "channel you have been using (email)" in w
        for w in _failed(check(GOOD, channel="phone", usual_channel="email"))
    )


def test_leftover_placeholders_are_named():
    result = check(GOOD.replace("Priya", "[their first name]"), template="thank-you")
    assert any("[their first name]" in w for w in _failed(result))


def test_no_point_is_ticked_on_placeholder_text():
    from followup.domain.templates import render

    fresh = render("thank-you", {"company": "Hooli", "role": "Backend Engineer"}).text
    result = check(fresh, template="thank-you")
    warnings = _failed(result)
    assert "does not yet say why you fit" in warnings
    assert "does not yet add one new detail" in warnings
    filled = fresh.replace("[why you fit, in one line]", "I ran the payments migration at Lumen")
    assert "does not yet say why you fit" not in _failed(check(filled, template="thank-you"))


def test_a_single_boast_is_overselling():
    boast = GOOD.replace(
        "Best regards",
        "I am the perfect candidate and I guarantee I am the best fit you will ever find.\n\n"
        "Kind regards",
    )
    assert not any(w.startswith("oversells") for w in _failed(check(GOOD, template="thank-you")))
    assert any(w.startswith("oversells") for w in _failed(check(boast, template="thank-you")))


def test_pointing_back_at_the_cover_letter_repeats_the_application():
    recital = GOOD.replace("My experience", "As I said in my cover letter, my experience")
    assert any(
        w.startswith("repeats the application")
        for w in _failed(check(recital, template="thank-you"))
    )


def test_the_labelled_set_is_read_as_a_person_would():
    """Seed 004's points and don'ts on 60+ labelled messages: the figures the README quotes."""
    from tests.domain.draft_corpus import CORPUS, measure

    assert len(CORPUS) >= 60
    figures = measure()
    assert all(count >= 4 for _, _, count in figures.values()), figures
    low = {label: f for label, f in figures.items() if f[0] < 0.9 or f[1] < 0.9}
    assert not low, low


def test_a_set_labelled_without_reading_the_checker_is_read_nearly_as_well():
    from tests.domain.draft_corpus import measure
    from tests.domain.draft_heldout import HELD_OUT

    assert len(HELD_OUT) >= 40
    figures = measure(HELD_OUT)
    low = {label: f for label, f in figures.items() if f[0] < 0.8 or f[1] < 0.8}
    assert not low, low
