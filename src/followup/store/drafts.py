"""Drafting a message for one application: pick the template, fill it, check it, send it.

Shared by the compose pane and `followup draft`, so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from followup.config import Settings
from followup.domain.draft_check import Checked, check
from followup.domain.model import Channel, Direction, TouchpointKind
from followup.domain.rules import Action, FollowUpRule, State
from followup.domain.templates import FOR_RULE, TEMPLATES, Draft, context_from_record, render
from followup.domain.when import show_moment
from followup.store import actions, repository
from followup.store.db import Store
from followup.store.tables import DraftRow


@dataclass
class Prepared:
    application_id: int
    record: dict[str, Any]
    template: str
    subject: str
    text: str  # "Subject: ...\n\nbody", as the person edits it
    recipient: str | None
    email: str | None
    channel: str
    usual_channel: str | None
    waiting_since: str | None
    problems: list[str]
    saved: bool  # the text is a saved draft, not a fresh one


def template_for(found: list[Action]) -> str | None:
    for action in found:
        if action.state is not State.UPCOMING and action.rule.value in FOR_RULE:
            return FOR_RULE[action.rule.value]
    return None


def waiting_since(found: list[Action], zone: tzinfo) -> str | None:
    for action in found:
        if action.rule is FollowUpRule.WAIT and action.state is State.HOLD:
            return show_moment(action.opens_at, zone)
    return None


def prepare(
    store: Store,
    application_id: int,
    settings: Settings,
    now: datetime,
    zone: tzinfo,
    *,
    template: str | None = None,
    templates_folder: Path | None = None,
    use_saved: bool = True,
) -> Prepared:
    record = repository.application_detail(store, application_id)
    found = actions.for_application(store, application_id, settings.policy, now, zone)
    saved = load_draft(store, application_id) if use_saved else None
    if saved is not None and (template is None or template == saved[0]):
        chosen, text, problems = saved[0], saved[1], []
        subject = text.partition("\n")[0].removeprefix("Subject:").strip()
    else:
        chosen = template or template_for(found) or "check-in"
        values = context_from_record(record, settings.your_name, now, zone)
        draft: Draft = render(chosen, values, override_folder=templates_folder)
        chosen, text, subject, problems = draft.template, draft.text, draft.subject, draft.problems
    usual = repository.last_channel(store, application_id)
    recipient, email = _recipient(record, chosen)
    return Prepared(
        application_id=application_id,
        record=record,
        template=chosen,
        subject=subject,
        text=text,
        recipient=recipient,
        email=email,
        channel=usual.value if usual else Channel.EMAIL.value,
        usual_channel=usual.value if usual else None,
        waiting_since=waiting_since(found, zone),
        problems=problems,
        saved=saved is not None,
    )


def _recipient(record: dict[str, Any], template: str) -> tuple[str | None, str | None]:
    if template == "references":
        people = record.get("references", [])
    else:
        order = {"interviewer": 0, "hiring-manager": 1, "recruiter": 2, "referrer": 3}
        people = sorted(record.get("contacts", []), key=lambda c: order.get(c["role"], 9))
    if not people:
        return None, None
    return people[0]["name"], people[0]["email"] or None


def check_text(prepared: Prepared, text: str, channel: str | None = None) -> Checked:
    return check(
        text,
        template=prepared.template,
        waiting_since=prepared.waiting_since,
        channel=channel or prepared.channel,
        usual_channel=prepared.usual_channel,
    )


# Saved drafts: kept as typed, so a restart loses nothing.


def load_draft(store: Store, application_id: int) -> tuple[str, str] | None:
    with store.read() as session:
        row = session.get(DraftRow, application_id)
        return (row.template, row.body) if row is not None and row.body.strip() else None


def save_draft(store: Store, application_id: int, template: str, text: str) -> None:
    repository.save_draft(store, application_id, template, text)


def discard_draft(store: Store, application_id: int) -> None:
    with store.write() as session:
        row = session.get(DraftRow, application_id)
        if row is not None:
            session.delete(row)


def mark_sent(
    store: Store,
    prepared: Prepared,
    text: str,
    *,
    channel: str,
    now: datetime,
    zone: tzinfo,
) -> str:
    """Record the message as sent (so the rule clears) and drop the draft; says what it did."""
    kind = TEMPLATES[prepared.template][1]
    if kind is None:  # a reference briefing: the rules wait for a briefed reference
        count = repository.mark_references_briefed(
            store, prepared.application_id, now.astimezone(zone).date()
        )
        discard_draft(store, prepared.application_id)
        return f"{count} reference(s) marked briefed today."
    subject, _, body = text.partition("\n")
    repository.log_touchpoint(
        store,
        prepared.application_id,
        kind=TouchpointKind(kind),
        direction=Direction.OUT,
        channel=Channel(channel),
        at=now,
        contact=prepared.recipient,
        subject=subject.removeprefix("Subject:").strip(),
        body=body.strip("\n"),
        now=now,
    )
    discard_draft(store, prepared.application_id)
    return f"Logged the {prepared.template} message as sent."


def mailto(prepared: Prepared, text: str) -> str:
    from urllib.parse import quote

    subject, _, body = text.partition("\n")
    query = f"subject={quote(subject.removeprefix('Subject:').strip())}&body={quote(body.strip())}"
    return f"mailto:{quote(prepared.email or '')}?{query}"
