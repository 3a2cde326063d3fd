"""The dialogs for recording what happened, built on FormScreen with their save functions.

Each save runs in a thread (FormScreen does that) and writes in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.domain.model import (
    KIND_MOVES_STAGE,
    TOUCHPOINT_KIND_ALIASES,
    Channel,
    ContactRole,
    Direction,
    InterviewKind,
    Stage,
    TouchpointKind,
)
from followup.domain.when import show_moment
from followup.tui.screens.form import Field, FieldError, FormScreen

if TYPE_CHECKING:
    from followup.tui.app import FollowupApp


def _choices(enum, only=None) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum if only is None or member in only]


def _form(app: FollowupApp, title: str, fields: list[Field], save, **kwargs) -> FormScreen:
    return FormScreen(title, fields, save, now=app.clock.now, zone=app.zone, **kwargs)


def quick_add(app: FollowupApp) -> FormScreen:
    def save(values: dict[str, Any]) -> int:
        from followup.store import repository

        stage = Stage(values["stage"])
        applied = values["applied"]
        if applied is None and stage is not Stage.WISHLIST:
            applied = app.clock.now().astimezone(app.zone).date()
        new = repository.NewApplication(
            company=values["company"],
            role=values["role"],
            stage=stage,
            applied_on=applied,
            decision_by=values["decision"],
        )
        if not values["company"].strip():
            raise FieldError("company", "Company is needed")
        if not values["role"].strip():
            raise FieldError("role", "Role is needed")
        return repository.quick_add(
            app.store,
            new,
            interview_at=values["interview"],
            contact=values["contact"],
            now=app.clock.now(),
        )

    return _form(
        app,
        "Add an application",
        [
            Field(
                "company",
                "Company",
                required=True,
                placeholder="e.g. Northwind",
                advise=lambda company: _earlier(app, company),
            ),
            Field("role", "Role", required=True, placeholder="e.g. Backend Engineer"),
            Field("stage", "Stage", "select", value="applied", choices=_choices(Stage)),
            Field(
                "applied",
                "Applied",
                "day",
                placeholder="blank: today",
                prefer="past",
                may_be="past",
            ),
            Field(
                "interview",
                "Interview",
                "when",
                placeholder="e.g. tue 10am",
                needs_time="an interview",
            ),
            Field("decision", "They decide by", "day", placeholder="e.g. next fri"),
            Field("contact", "Contact", placeholder="e.g. Priya Patel"),
        ],
        save,
        submit_label="Add",
    )


def _earlier(app: FollowupApp, company: str) -> str:
    from followup.store import earlier

    return earlier.said(earlier.earlier_applications(app.store, company, app.clock.now()))


def interview(app: FollowupApp, application_id: int) -> FormScreen:
    def save(values: dict[str, Any]) -> int:
        from followup.store import repository

        if values["at"] is None:
            raise FieldError("at", "When is needed")
        names = [n.strip() for n in values["with"].split(",") if n.strip()]
        try:
            return _add_interview(values, names)
        except repository.AmbiguousContact as error:
            raise FieldError("with", str(error)) from None

    def _add_interview(values: dict[str, Any], names: list[str]) -> int:
        from followup.store import repository

        new_id, _ = repository.add_interview(
            app.store,
            application_id,
            starts_at=values["at"],
            duration_minutes=values["duration"] or 60,
            kind=InterviewKind(values["kind"]),
            interviewers=names,
            decision_by=values["decision"],
            notes=values["notes"],
            they_said=values["they_said"],
            now=app.clock.now(),
        )
        return new_id

    return _form(
        app,
        "Record an interview",
        [
            Field(
                "at",
                "Starts",
                "when",
                required=True,
                placeholder="e.g. tue 10am",
                needs_time="an interview",
            ),
            Field("duration", "Minutes", "number", value="60"),
            Field("kind", "Kind", "select", value="video", choices=_choices(InterviewKind)),
            Field("with", "With", placeholder="names, e.g. Priya Patel, Sam Lee"),
            Field("decision", "They decide by", "day", placeholder="e.g. next fri"),
            Field("notes", "Notes", "area"),
            # Apart from the private notes: only this may be quoted in the thank-you.
            Field("they_said", "They said", "area"),
        ],
        save,
    )


SENT_KINDS = (TouchpointKind.THANK_YOU, TouchpointKind.FOLLOW_UP, TouchpointKind.OTHER)
RECEIVED_KINDS = (TouchpointKind.REPLY, TouchpointKind.REFERENCES_REQUESTED, TouchpointKind.OTHER)
# The kind a message sent is logged as, by the action it answers (the first one shown): a
# reply with times to talk is no thank-you. Any other action leaves the form's first kind.
SENT_KIND_FOR_RULE = {
    "thank-you": TouchpointKind.THANK_YOU,
    "check-in": TouchpointKind.FOLLOW_UP,
    "second-follow-up": TouchpointKind.FOLLOW_UP,
    "schedule-reply": TouchpointKind.OTHER,
    "offer": TouchpointKind.OTHER,
    "references": TouchpointKind.OTHER,
}
# An offer or a rejection is a reply that decides: chosen here, it moves the stage too.
DECIDING = ("offer", "rejection")


def logged_words(logged: Any) -> str:
    """What the app says once a message is logged: the stage too, when it moved."""
    if logged is not None and logged.before != logged.after:
        return f"Logged; {logged.before} → {logged.after}."
    return "Logged."


def message(
    app: FollowupApp,
    application_id: int,
    *,
    received: bool,
    kind: str | None = None,
    channel: str | None = None,
) -> FormScreen:
    kinds = RECEIVED_KINDS if received else SENT_KINDS

    def save(values: dict[str, Any]) -> Any:
        from followup.store import repository

        word = values["kind"]
        decides = KIND_MOVES_STAGE.get(word) if received else None
        subject = values["subject"]
        if decides is not None and not subject.strip():
            subject = decides.value.capitalize()  # as `followup log` names it
        now = app.clock.now()
        try:
            return repository.log_message(
                app.store,
                application_id,
                kind=TOUCHPOINT_KIND_ALIASES.get(word) or TouchpointKind(word),
                direction=Direction.IN if received else Direction.OUT,
                channel=Channel(values["channel"]),
                at=values["at"] or now,
                contact=values["contact"] or None,
                subject=subject,
                body=values["body"],
                decision_by=values.get("decision"),
                now=now,
                stage=decides,
                today=now.astimezone(app.zone).date(),
            )
        except repository.AmbiguousContact as error:
            raise FieldError("contact", str(error)) from None

    choices = _choices(kinds)
    if received:
        choices[1:1] = [(word, word) for word in DECIDING]
    fields = [
        Field("kind", "Kind", "select", value=kind or kinds[0].value, choices=choices),
        Field("channel", "Channel", "select", value=channel or "email", choices=_choices(Channel)),
        Field("at", "When", "when", placeholder="blank: now", prefer="past", may_be="past"),
        Field("contact", "From" if received else "To", placeholder="e.g. Priya Patel"),
    ]
    if received:
        fields.append(Field("decision", "New decision date", "day", placeholder="e.g. dec 4"))
    fields += [Field("subject", "Subject"), Field("body", "Text", "area")]
    title = "Log a reply received" if received else "Log a message sent"
    return _form(app, title, fields, save)


def stage(app: FollowupApp, application_id: int, current: str) -> FormScreen:
    def save(values: dict[str, Any]) -> str:
        from followup.store import repository

        now = app.clock.now()
        today = now.astimezone(app.zone).date()
        chosen = Stage(values["stage"])
        repository.set_stage(app.store, application_id, chosen, now=now, today=today)
        return values["stage"]

    return _form(
        app,
        "Change the stage",
        [Field("stage", "Stage", "select", value=current, choices=_choices(Stage))],
        save,
    )


NOTES_MERGED = (
    "These notes were changed elsewhere while you edited them: both texts are kept, marked "
    "with =====; press n to tidy them."
)


def notes(
    app: FollowupApp, application_id: int, current: str, interview: dict[str, Any] | None = None
) -> FormScreen:
    """The application's notes and, when one has begun, the latest interview's own notes.
    `current` is the text stored when the form opens, so a save over a change made elsewhere
    since keeps both."""
    fields = [Field("notes", "Notes", "area", value=current)]
    note = "Ctrl+S saves, Escape leaves them as they were."
    if interview is not None:
        fields.append(Field("interview_notes", "Interview", "area", value=interview["notes"]))
        said = interview.get("they_said") or ""
        fields.append(Field("they_said", "They said", "area", value=said))
        day = show_moment(interview["starts_at"], app.zone)
        note = (
            f"Interview: the notes of the one on {day}. They said: what the interviewer said, "
            "which your thank-you may quote (your notes never go into a message). " + note
        )

    def save(values: dict[str, Any]) -> str:
        from followup.store import repository

        now = app.clock.now()
        merged = False
        if values["notes"] != current:
            merged = repository.set_notes(
                app.store, application_id, values["notes"], now=now, expected=current
            )
        if interview is not None and (
            values["interview_notes"] != interview["notes"]
            or values["they_said"] != (interview.get("they_said") or "")
        ):
            repository.set_interview_notes(
                app.store,
                application_id,
                interview["id"],
                values["interview_notes"],
                they_said=values["they_said"],
                now=now,
            )
        return NOTES_MERGED if merged else "Notes saved."

    return _form(
        app,
        "Notes",
        fields,
        save,
        note=note,
    )


def contact(app: FollowupApp, application_id: int) -> FormScreen:
    def save(values: dict[str, Any]) -> int:
        from followup.store import repository

        try:
            return repository.add_contact(
                app.store,
                application_id,
                name=values["name"],
                role=ContactRole(values["role"]),
                title=values["title"],
                email=values["email"],
                phone=values["phone"],
            )
        except repository.AmbiguousContact as error:
            raise FieldError("name", str(error)) from None

    return _form(
        app,
        "Link a contact",
        [
            Field("name", "Name", required=True),
            Field("role", "Role", "select", value="recruiter", choices=_choices(ContactRole)),
            Field("title", "Title"),
            Field("email", "Email"),
            Field("phone", "Phone"),
        ],
        save,
        note="Ask for a card at the interview so you know whom to contact (and no LinkedIn "
        "request until the process is over).",
    )


def reference(app: FollowupApp, application_id: int) -> FormScreen:
    def save(values: dict[str, Any]) -> int:
        from followup.store import repository

        return repository.add_reference(
            app.store,
            application_id,
            name=values["name"],
            relationship=values["relationship"],
            email=values["email"],
            phone=values["phone"],
            shared_on=values["shared"],
            briefed_on=values["briefed"],
        )

    return _form(
        app,
        "Add a reference",
        [
            Field("name", "Name", required=True),
            Field("relationship", "Relationship", placeholder="e.g. former manager"),
            Field("email", "Email"),
            Field("phone", "Phone"),
            Field(
                "shared", "Shared on", "day", prefer="past", may_be="past", placeholder="e.g. today"
            ),
            Field(
                "briefed",
                "Briefed on",
                "day",
                prefer="past",
                may_be="past",
                placeholder="when you told them about the role",
            ),
        ],
        save,
    )


def snooze(app: FollowupApp, application_id: int | None, rule: str) -> FormScreen:
    def save(values: dict[str, Any]) -> datetime:
        from followup.store import repository

        until: datetime | None = values["until"]
        if until is None:
            raise FieldError("until", "Until when?")
        if until <= app.clock.now():
            raise FieldError("until", "That moment has passed: pick one in the future")
        repository.snooze(app.store, application_id, rule, until=until)
        return until

    return _form(
        app,
        f"Snooze {rule}",
        [Field("until", "Until", "when", required=True, value="tomorrow 9am")],
        save,
        submit_label="Snooze",
    )


def export(app: FollowupApp, default_path: str) -> FormScreen:
    from followup.store.fields import EXPORT_TABLES

    def save(values: dict[str, Any]) -> tuple[str, str]:
        if not values["path"].strip():
            raise FieldError("path", "Where should the file go?")
        return values["path"].strip(), values["table"]

    return _form(
        app,
        "Export as CSV",
        [
            Field("path", "File", value=default_path),
            Field(
                "table",
                "Table",
                "select",
                value="applications",
                choices=[(t, t) for t in EXPORT_TABLES],
            ),
        ],
        save,
        submit_label="Export",
        writes=False,
    )


def file_prompt(app: FollowupApp, title: str, default: str, verb: str) -> FormScreen:
    def save(values: dict[str, Any]) -> str:
        if not values["path"].strip():
            raise FieldError("path", "Which file?")
        return values["path"].strip()

    return _form(
        app, title, [Field("path", "File", value=default)], save, submit_label=verb, writes=False
    )
