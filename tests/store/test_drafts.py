"""Drafting against a real store: the wait warning follows the rules, sending logs it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.config import Settings
from followup.domain.model import TouchpointKind
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
    drafts.save_draft(store, app, prepared.template, edited)
    again = drafts.prepare(store, app, Settings(), now, ZONE)
    assert again.saved and again.text == edited
    said = drafts.mark_sent(store, again, edited, channel="email", now=now, zone=ZONE)
    assert "sent" in said
    record = repository.application_detail(store, app)
    last = record["touchpoints"][-1]
    assert (last["kind"], last["direction"], last["channel"]) == ("follow-up", "out", "email")
    assert last["contact"] == "Priya Patel" and "Following up once more" in last["body"]
    assert drafts.load_draft(store, app) is None


def test_mailto_encodes_subject_and_body(store):
    app = _followed_up(store)
    prepared = drafts.prepare(store, app, Settings(), T, ZONE)
    link = drafts.mailto(prepared, "Subject: Hi & bye?\n\nLine one\nLine two")
    assert link.startswith("mailto:?subject=Hi%20%26%20bye%3F&body=Line%20one%0ALine%20two")
