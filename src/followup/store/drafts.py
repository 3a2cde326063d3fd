"""Drafting a message for one application: pick the template, fill it, check it, send it.

Shared by the compose pane and `followup draft`, so both say the same thing. A saved draft
belongs to the action it answers and that action's cycle: a new action (the check-in after the
thank-you) gets a fresh draft, and the older one stays listed as unsent, never offered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Protocol

from followup.domain.draft_check import CHECK_INS, Checked, check, early_words
from followup.domain.model import Channel, Direction, InputError, Stage, TouchpointKind
from followup.domain.policy import Policy
from followup.domain.rules import Action, FollowUpRule, State
from followup.domain.templates import (
    FOR_RULE,
    TEMPLATES,
    Draft,
    addressee,
    context_from_record,
    deciding_until,
    render,
    shown_name,
)
from followup.domain.when import show_moment
from followup.store import actions, repository
from followup.store.db import Store
from followup.store.tables import ApplicationRow, DraftRow


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
    # The action this draft answers and its cycle ("" and "" when none is due).
    rule: str = ""
    cycle: str = ""
    fresh: str = ""  # the text as first filled in: showing it is not editing it
    # Where the saved text was found, when not under (rule, cycle): a draft from before drafts
    # knew their action, moved to this action when it is next saved or sent.
    saved_from: tuple[str, str] | None = None
    # Their decision date, in words, while it is today or ahead: a check-in now is early.
    deciding_until: str | None = None


# Which message matters most when several are due at once: the thank-you cannot wait, an offer
# needs an answer, and briefing references is not a message to the employer at all.
# Their invitation to talk is answered before anything else is asked of them.
MESSAGE_ORDER = [
    "offer",
    "thank-you",
    "schedule-reply",
    "check-in",
    "second-follow-up",
    "timeline",
    "move-on",
]


def current_action(found: list[Action]) -> Action | None:
    """The action a message now answers: of those due with a template of their own, the one
    that matters most (see MESSAGE_ORDER), then the most urgent."""
    pressing = [a for a in found if a.state is not State.UPCOMING and a.rule.value in FOR_RULE]

    def weight(action: Action) -> int:
        rule = action.rule.value
        return MESSAGE_ORDER.index(rule) if rule in MESSAGE_ORDER else len(MESSAGE_ORDER)

    return min(pressing, key=weight) if pressing else None


def template_for(found: list[Action]) -> str | None:
    action = current_action(found)
    return FOR_RULE[action.rule.value] if action is not None else None


# With nothing due, what a message to a closed application would be, if any.
CLOSED_TEMPLATE = {Stage.REJECTED.value: "feedback-request", Stage.OFFER.value: "offer-reply"}


def waiting_since(found: list[Action], zone: tzinfo) -> str | None:
    for action in found:
        if action.rule is FollowUpRule.WAIT and action.state is State.HOLD:
            return show_moment(action.opens_at, zone)
    return None


class DraftSettings(Protocol):
    """What a draft needs of the settings, which are read above the store and passed in."""

    @property
    def policy(self) -> Policy: ...

    @property
    def your_name(self) -> str: ...


def prepare(
    store: Store,
    application_id: int,
    settings: DraftSettings,
    now: datetime,
    zone: tzinfo,
    *,
    template: str | None = None,
    templates_folder: Path | None = None,
    use_saved: bool = True,
) -> Prepared:
    record = repository.application_detail(store, application_id)
    found = actions.for_application(store, application_id, settings.policy, now, zone)
    action = current_action(found)
    rule, cycle = (action.rule.value, action.cycle) if action is not None else ("", "")
    saved = load_draft(store, application_id, rule, cycle) if use_saved else None
    saved_from = None
    if saved is None and use_saved and action is not None:
        # A draft kept from before drafts knew their action: offered only for its own kind.
        legacy = load_draft(store, application_id, "", "")
        if legacy is not None and legacy[0] == FOR_RULE[rule]:
            saved, saved_from = legacy, ("", "")
    chosen = template or (FOR_RULE[rule] if action is not None else _without_action(record))
    values = context_from_record(record, settings.your_name, now, zone, chosen)
    draft: Draft = render(chosen, values, override_folder=templates_folder)
    fresh = draft.text
    if saved is not None and (template is None or template == saved[0]):
        chosen, text, problems = saved[0], saved[1], []
        subject = text.partition("\n")[0].removeprefix("Subject:").strip()
    else:
        chosen, text, subject, problems = draft.template, draft.text, draft.subject, draft.problems
    usual = repository.last_channel(store, application_id)
    recipient, email = _recipient(record, chosen, now)
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
        rule=rule,
        cycle=cycle,
        fresh=fresh,
        saved_from=saved_from,
        deciding_until=deciding_until(record, now, zone),
    )


class NothingToSend(InputError):
    """No message fits an application closed without a rejection, unless one is chosen."""


def _without_action(record: dict[str, Any]) -> str:
    """The template when nothing is due: a check-in while open, a feedback request after a
    rejection; nothing to write to an application closed otherwise."""
    stage = record["stage"]
    if stage in CLOSED_TEMPLATE:
        return CLOSED_TEMPLATE[stage]
    if stage == Stage.WISHLIST.value:
        # Not applied yet: a check-in would ask whether you are "still being considered".
        raise NothingToSend(
            f"{record['company']} is on your wishlist: nothing to send until you apply "
            f"('followup stage {record['id']} applied')"
        )
    if Stage(stage).is_open:
        return "check-in"
    raise NothingToSend(f"{record['company']} is closed ({stage}): there is nothing to send now")


def _recipient(
    record: dict[str, Any], template: str, now: datetime
) -> tuple[str | None, str | None]:
    """Whom the message goes to, the same person its "Dear ..." names, and their address."""
    name = addressee(record, template, now)
    if name is None:
        return None, None
    people = record.get("references", []) if template == "references" else record["contacts"]
    email = next((p["email"] for p in people if p["name"] == name and p["email"]), None)
    return name, email


def check_text(prepared: Prepared, text: str, channel: str | None = None) -> Checked:
    return check(
        text,
        template=prepared.template,
        waiting_since=prepared.waiting_since,
        channel=channel or prepared.channel,
        usual_channel=prepared.usual_channel,
        deciding_until=prepared.deciding_until,
    )


# Saved drafts: kept as typed, so a restart loses nothing; one per action and cycle.


def load_draft(
    store: Store, application_id: int, rule: str = "", cycle: str = ""
) -> tuple[str, str] | None:
    with store.read() as session:
        row = session.get(DraftRow, (application_id, rule, cycle))
        return (row.template, row.body) if row is not None and row.body.strip() else None


def save_draft(
    store: Store,
    application_id: int,
    template: str,
    text: str,
    rule: str = "",
    cycle: str = "",
    *,
    now: datetime | None = None,
) -> None:
    from datetime import UTC

    # The program's clock (`--now`), so that "last edited" agrees with everything else shown.
    edited = (now or datetime.now(UTC)).astimezone(UTC)
    with store.write() as session:
        if session.get(ApplicationRow, application_id) is None:
            raise repository.UnknownApplication(application_id)
        row = session.get(DraftRow, (application_id, rule, cycle))
        if row is None:
            session.add(
                DraftRow(
                    application_id=application_id,
                    rule=rule,
                    cycle=cycle,
                    template=template,
                    body=text,
                    updated_at=edited,
                )
            )
        else:
            row.template, row.body, row.updated_at = template, text, edited


def save(store: Store, prepared: Prepared, text: str, *, now: datetime | None = None) -> None:
    """Keep `text` as the draft for the prepared action (the compose pane calls it as typed)."""
    save_draft(
        store,
        prepared.application_id,
        prepared.template,
        text,
        prepared.rule,
        prepared.cycle,
        now=now,
    )
    if prepared.saved_from is not None and prepared.saved_from != (prepared.rule, prepared.cycle):
        discard_draft(store, prepared.application_id, *prepared.saved_from)
        prepared.saved_from = None


def discard(store: Store, prepared: Prepared) -> None:
    """Drop the prepared action's draft (it was sent), and the older one it came from."""
    discard_draft(store, prepared.application_id, prepared.rule, prepared.cycle)
    if prepared.saved_from is not None:
        discard_draft(store, prepared.application_id, *prepared.saved_from)


def unsent(store: Store, application_id: int, *, besides: Prepared | None = None) -> list[DraftRow]:
    """Drafts written for earlier actions and never sent, newest first: kept, not offered."""
    from sqlalchemy import select

    with store.read() as session:
        rows = (
            session.execute(
                select(DraftRow)
                .where(DraftRow.application_id == application_id)
                .order_by(DraftRow.updated_at.desc())
            )
            .scalars()
            .all()
        )
    skip = set()
    if besides is not None:
        skip.add((besides.rule, besides.cycle))
        if besides.saved_from is not None:
            skip.add(besides.saved_from)
    return [row for row in rows if (row.rule, row.cycle) not in skip and row.body.strip()]


def newest(store: Store, application_id: int) -> tuple[str, str] | None:
    """The application's most recently saved draft, whatever it answers: (template, text)."""
    found = unsent(store, application_id)
    return (found[0].template, found[0].body) if found else None


def discard_draft(store: Store, application_id: int, rule: str = "", cycle: str = "") -> None:
    with store.write() as session:
        row = session.get(DraftRow, (application_id, rule, cycle))
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
        discard(store, prepared)
        return f"{count} reference{'s' if count != 1 else ''} marked briefed today."
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
    discard(store, prepared)
    said = f"Logged the {shown_name(prepared.template)} message as sent."
    if prepared.template in CHECK_INS and prepared.deciding_until:
        said += f" {early_words(prepared.deciding_until)}."
    return said


def mailto(prepared: Prepared, text: str) -> str:
    from urllib.parse import quote

    subject, _, body = text.partition("\n")
    query = f"subject={quote(subject.removeprefix('Subject:').strip())}&body={quote(body.strip())}"
    return f"mailto:{quote(prepared.email or '')}?{query}"
