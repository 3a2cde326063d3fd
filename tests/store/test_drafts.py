"""Drafting against a real store: the wait warning follows the rules, sending logs it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.config import Settings
from followup.domain.model import InputError, Stage, TouchpointKind
from followup.store import drafts, repository

ZONE = ZoneInfo("Europe/Berlin")
T = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)


def _followed_up(store) -> int:
    app = repository.add_application(store, repository.NewApplication("Northwind", "Engineer"))
    repository.add_interview(
        store, app, starts_at=T - timedelta(days=10), interviewers=["Priya Patel"]
    )
    repository.log_touchpoint(store, app, kind=TouchpointKind.THANK_YOU, at=T - timedelta(days=9))
    repository.log_touchpoint(store, app, kind=TouchpointKind.FOLLOW_UP, at=T)
    return app


def test_the_wait_warning_holds_exactly_while_wait_does(store):
    app = _followed_up(store)
    for offset, waiting in [
        (timedelta(minutes=1), True),
        (timedelta(days=7, minutes=-1), True),
        (timedelta(days=7, minutes=1), False),
    ]:
        prepared = drafts.prepare(store, app, Settings(), T + offset, ZONE, use_saved=False)
        checked = drafts.check_text(prepared, prepared.text)
        warned = any("second message without a reply" in w for w in checked.warnings)
        assert (prepared.waiting_since is not None) is waiting
        assert warned is waiting


def test_the_template_follows_the_action(store):
    app = _followed_up(store)
    assert (
        drafts.prepare(store, app, Settings(), T + timedelta(days=8), ZONE).template
        == "second-follow-up"
    )


def test_a_draft_is_saved_and_sending_logs_it_and_drops_the_draft(store):
    app = _followed_up(store)
    now = T + timedelta(days=8)
    prepared = drafts.prepare(store, app, Settings(), now, ZONE)
    edited = prepared.text.replace("I am following up once more", "Following up once more")
    drafts.save(store, prepared, edited)
    again = drafts.prepare(store, app, Settings(), now, ZONE)
    assert again.saved and again.text == edited
    said = drafts.mark_sent(store, again, edited, channel="email", now=now, zone=ZONE)
    assert "sent" in said
    record = repository.application_detail(store, app)
    last = record["touchpoints"][-1]
    assert (last["kind"], last["direction"], last["channel"]) == ("follow-up", "out", "email")
    assert last["contact"] == "Priya Patel" and "Following up once more" in last["body"]
    assert drafts.unsent(store, app) == []
    assert not drafts.prepare(store, app, Settings(), now, ZONE).saved


def test_mailto_encodes_subject_and_body(store):
    app = _followed_up(store)
    prepared = drafts.prepare(store, app, Settings(), T, ZONE)
    link = drafts.mailto(prepared, "Subject: Hi & bye?\n\nLine one\nLine two")
    assert link.startswith("mailto:?subject=Hi%20%26%20bye%3F&body=Line%20one%0ALine%20two")


def test_a_draft_belongs_to_its_action_and_a_new_action_gets_a_fresh_one(store):
    """The thank-you written but never sent is not offered when the check-in comes due."""
    app = repository.add_application(store, repository.NewApplication("Northwind", "Engineer"))
    repository.add_interview(store, app, starts_at=T, interviewers=["Priya Patel"])
    after = T + timedelta(hours=2)
    thanks = drafts.prepare(store, app, Settings(), after, ZONE)
    assert thanks.template == "thank-you" and not thanks.saved
    drafts.save(store, thanks, thanks.text.replace("Dear Priya", "Dear Priya (edited)"))
    # Sent from the mail program and logged from the shell, not from the compose pane.
    repository.log_touchpoint(store, app, kind=TouchpointKind.THANK_YOU, at=after)
    later = T + timedelta(days=12)
    check_in = drafts.prepare(store, app, Settings(), later, ZONE)
    assert check_in.template == "check-in" and not check_in.saved
    assert "(edited)" not in check_in.text
    kept = drafts.unsent(store, app, besides=check_in)
    assert [(d.rule, d.template) for d in kept] == [("thank-you", "thank-you")]
    assert "(edited)" in kept[0].body


def test_a_rejected_application_is_offered_a_feedback_request_not_a_follow_up(store):
    app = _followed_up(store)
    now = T + timedelta(days=8)
    second = drafts.prepare(store, app, Settings(), now, ZONE)
    assert second.template == "second-follow-up"
    drafts.save(store, second, second.text + "\nP.S. edited")
    repository.set_stage(store, app, Stage.REJECTED, now=now)
    offered = drafts.prepare(store, app, Settings(), now, ZONE)
    assert offered.template == "feedback-request" and "P.S. edited" not in offered.text


def test_nothing_is_offered_to_an_application_closed_without_a_rejection(store):
    app = _followed_up(store)
    repository.set_stage(store, app, Stage.WITHDRAWN, now=T)
    with pytest.raises(InputError, match="closed"):
        drafts.prepare(store, app, Settings(), T + timedelta(days=1), ZONE)
    chosen = drafts.prepare(store, app, Settings(), T, ZONE, template="withdraw")
    assert chosen.template == "withdraw"


def test_preparing_a_draft_writes_nothing(store):
    app = _followed_up(store)
    before = repository.row_counts(store)
    drafts.prepare(store, app, Settings(), T + timedelta(days=8), ZONE)
    assert repository.row_counts(store) == before
    assert drafts.unsent(store, app) == []


def test_an_unsent_draft_is_listed_with_the_application(store):
    app = _followed_up(store)
    prepared = drafts.prepare(store, app, Settings(), T + timedelta(days=8), ZONE)
    drafts.save(store, prepared, prepared.text + "\nP.S. edited")
    record = repository.application_detail(store, app)
    assert [(d["template"], d["rule"]) for d in record["drafts"]] == [
        ("second-follow-up", "second-follow-up")
    ]
    assert record["drafts"][0]["subject"].startswith("Following up")
