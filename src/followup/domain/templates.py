"""Message templates: built-in ones in our own words, overridable by files in the config folder.

A template is a text file: a `Subject:` line, a blank line, the body. `{first_name}` and the
other fields come from the application; a value that is missing stays visible as a
`[placeholder]` to fill in, never as a gap in a sentence.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from importlib import resources
from pathlib import Path
from typing import Any

from followup.domain.draft_check import early_words
from followup.domain.model import TouchpointKind
from followup.domain.when import show_day

# Each template: what it is for, and what sending it logs.
TEMPLATES: dict[str, tuple[str, TouchpointKind | None]] = {
    "thank-you": ("Thank-you note after an interview", TouchpointKind.THANK_YOU),
    "check-in": ("Check-in: are you still being considered?", TouchpointKind.FOLLOW_UP),
    "check-in-after-date": ("Check-in after the date they gave", TouchpointKind.FOLLOW_UP),
    "second-follow-up": ("One more follow-up after a quiet week", TouchpointKind.FOLLOW_UP),
    "withdraw": ("Withdrawing your application", TouchpointKind.OTHER),
    "feedback-request": ("Asking for feedback after a rejection", TouchpointKind.OTHER),
    "references": ("Briefing a reference before their call", None),
    "schedule-reply": ("Replying to schedule an interview", TouchpointKind.OTHER),
    "offer-reply": ("Answering an offer: in writing, and by when", TouchpointKind.OTHER),
    "offer-reply-by-date": ("Answering an offer by the date they gave", TouchpointKind.OTHER),
}

# A template's wording once a decision date is known: the check-in after it, the offer answered
# by it (asking "by when?" when they already said would tell them you did not listen).
WITH_DATE = {"check-in": "check-in-after-date", "offer-reply": "offer-reply-by-date"}
SHOWN = {dated: name for name, dated in WITH_DATE.items()}


def shown_name(template: str) -> str:
    """The name a person knows a template by: the check-in's wording for a decision date
    is still the check-in (`draft --template check-in` picks it)."""
    return SHOWN.get(template, template)


# The template for each rule's action.
FOR_RULE = {
    "thank-you": "thank-you",
    "check-in": "check-in",
    "timeline": "check-in",
    "second-follow-up": "second-follow-up",
    "move-on": "withdraw",
    "references": "references",
    "offer": "offer-reply",
    "schedule-reply": "schedule-reply",
}
PLACEHOLDERS = {
    "first_name": "[their first name]",
    "company": "[company]",
    "role": "[role]",
    "interview_day": "[the day you spoke]",
    "last_contact": "[our last conversation]",
    "decision_day": "[the date they gave]",
    "they_said": "[something they said]",
    "strong_point": "[why you fit, in one line]",
    "weak_answer": "[an answer you want to add to]",
    "your_name": "[your name]",
    "reference_name": "[your reference's name]",
    "next_steps": "I look forward to hearing about the next steps.",
}


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Draft:
    template: str
    subject: str
    body: str
    problems: list[str] = field(default_factory=list)  # broken overrides that were skipped

    @property
    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


def _day(value: date | datetime | None, zone: tzinfo | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.astimezone(zone).date() if zone else value.date()
    return f"{value:%A} {value.day} {value:%B}"


# Titles a name may start with: a letter to "Dr. Hans Gruber" opens "Dear Dr. Gruber", never
# "Dear Dr.,".
TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"}


def first_name(full: str | None) -> str | None:
    """How a letter addresses a person: the first name, or title and surname; None (the
    placeholder stays) for an address or a title alone."""
    parts = (full or "").split()
    if not parts or "@" in parts[0]:
        return None  # a contact known only by their address has no name to write
    if parts[0].rstrip(".").lower() in TITLES:
        if len(parts) < 2:
            return None
        return f"{parts[0]} {parts[-1]}"  # the title as they wrote it ("Dr", "Dr.")
    return parts[0]


def _sentence_part(text: str | None) -> str | None:
    """A note as the middle of a sentence: first line, no trailing full stop."""
    if not text or not text.strip():
        return None
    line = text.strip().splitlines()[0].strip().rstrip(".")
    return line[0].lower() + line[1:] if line[:2] != line[:2].upper() else line


# Templates that answer a message of theirs: they go to whoever sent it.
ANSWERS = {"offer-reply", "offer-reply-by-date", "schedule-reply", "feedback-request"}


def _past_interviews(record: dict[str, Any], now: datetime) -> list[dict[str, Any]]:
    return [i for i in record.get("interviews", []) if i["starts_at"] <= now]


def _sender(record: dict[str, Any], now: datetime) -> str | None:
    """Who sent their latest message, since the latest interview began: the person an answer
    goes to. A latest message with no one named (a call) names no one: an older message's
    sender is not who made the offer."""
    past = _past_interviews(record, now)
    since = past[-1]["starts_at"] if past else None
    for touchpoint in reversed(record.get("touchpoints", [])):
        if touchpoint["at"] > now or touchpoint["direction"] != "in":
            continue
        if since is not None and touchpoint["at"] < since:
            return None
        return touchpoint.get("contact") or None
    return None


def addressee(record: dict[str, Any], template: str | None, now: datetime) -> str | None:
    """The person a message goes to. An answer (to an offer, an invitation, a rejection) goes to
    whoever sent what it answers, else the recruiter; an offer is never answered to an
    interviewer by default (None: the gap stays to fill). Anything else goes to the latest
    interviewer, else the first contact by role."""
    contacts = record.get("contacts", [])
    if template in ANSWERS:
        sender = _sender(record, now)
        if sender is not None:
            return sender
        recruiters = [c["name"] for c in contacts if c["role"] == "recruiter"]
        if recruiters:
            return recruiters[0]
        if template != "feedback-request":
            return None
    if template == "references":
        references = record.get("references", [])
        return references[0]["name"] if references else None
    past = _past_interviews(record, now)
    last = past[-1] if past else None
    if last and last["interviewers"]:
        return last["interviewers"][0]
    order = {"interviewer": 0, "hiring-manager": 1, "recruiter": 2, "referrer": 3}
    people = sorted(contacts, key=lambda c: order.get(c["role"], 9))
    return people[0]["name"] if people else None


def usable_decision(record: dict[str, Any], now: datetime, zone: tzinfo) -> date | None:
    """The decision date as the rules use it: one stated before the latest news (an interview
    that ended, a reply) is stale, and a message never quotes it."""
    decision = record.get("decision_by")
    if decision is None:
        return None
    news = [
        i["starts_at"] + timedelta(minutes=i.get("duration") or 0)
        for i in _past_interviews(record, now)
    ]
    news = [moment for moment in news if moment <= now]
    news += [
        t["at"] for t in record.get("touchpoints", []) if t["direction"] == "in" and t["at"] <= now
    ]
    if news and decision < max(news).astimezone(zone).date():
        return None
    return decision


def context_from_record(
    record: dict[str, Any],
    your_name: str,
    now: datetime,
    zone: tzinfo,
    template: str | None = None,
) -> dict[str, str | None]:
    """The fields a template can use, from `show`'s record of one application; `template`
    decides whom it is addressed to (see `addressee`)."""
    past = _past_interviews(record, now)
    last = past[-1] if past else None
    person = addressee(record, SHOWN.get(template or "", template), now)
    if template == "references":
        person = addressee(record, None, now)  # the letter's "{first_name}" is the employer's
    references = record.get("references", [])
    return {
        "first_name": first_name(person),
        "company": record.get("company"),
        "role": record.get("role"),
        "interview_day": _day(last["starts_at"], zone) if last else None,
        "last_contact": (
            f"our conversation on {_day(last['starts_at'], zone)}"
            if last
            else f"my application of {_day(record['applied_on'], zone)}"
            if record.get("applied_on")
            else None
        ),
        "decision_day": _day(usable_decision(record, now, zone), zone),
        "they_said": _sentence_part(last["they_said"]) if last else None,  # never private notes
        "strong_point": _sentence_part(last["strong_points"]) if last else None,
        "weak_answer": _sentence_part(last["weak_answers"]) if last else None,
        "your_name": your_name or None,
        "reference_name": first_name(references[0]["name"]) if references else None,
        # Seed 001, find out their timeline: asked in the thank-you when they gave no date,
        # so no second message has to ask it.
        "next_steps": None
        if usable_decision(record, now, zone)
        else "Could you let me know when you expect to make a decision? I look forward to "
        "hearing about the next steps.",
    }


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def _fill(source: str, values: dict[str, str | None], name: str) -> tuple[str, str]:
    filled = _Fields({key: values.get(key) or PLACEHOLDERS[key] for key in PLACEHOLDERS})
    pieces: list[str] = []
    value = ""  # the field just filled in
    try:
        for literal, field_name, spec, conversion in string.Formatter().parse(source):
            # A value that ends a sentence itself ("Pied Piper, Inc.") before the template's
            # own full stop: one stop, not two.
            if value[-1:] in (".", "!", "?") and literal.startswith("."):
                literal = literal[1:]
            pieces.append(literal)
            value = ""
            if field_name is None:
                continue
            if field_name not in PLACEHOLDERS or spec or conversion:
                raise TemplateError(f"{name}: unknown field {{{field_name}}}")
            value = filled[field_name]
            pieces.append(value)
        text = "".join(pieces)
    except (ValueError, IndexError) as error:
        raise TemplateError(f"{name}: {error}") from None
    first, _, rest = text.partition("\n")
    if not first.lower().startswith("subject:"):
        raise TemplateError(f"{name}: the first line must be 'Subject: ...'")
    return first.split(":", 1)[1].strip(), rest.strip("\n") + "\n"


def builtin_source(name: str) -> str:
    return resources.files("followup.domain").joinpath(f"template_files/{name}.txt").read_text()


def render(
    name: str,
    values: dict[str, str | None],
    *,
    override_folder: Path | None = None,
) -> Draft:
    """The draft for template `name`: a user's file in `override_folder` wins when it works."""
    if name not in TEMPLATES:
        raise TemplateError(f"unknown template {name!r}: choose one of {', '.join(TEMPLATES)}")
    if name in WITH_DATE and values.get("decision_day"):
        name = WITH_DATE[name]
    problems: list[str] = []
    if override_folder is not None:
        path = override_folder / f"{name}.txt"
        if path.exists():
            try:
                subject, body = _fill(path.read_text(encoding="utf-8"), values, str(path))
                return Draft(name, subject, body)
            except (TemplateError, OSError, UnicodeDecodeError) as error:
                problems.append(f"{error}; using the built-in template instead")
    subject, body = _fill(builtin_source(name), values, name)
    return Draft(name, subject, body, problems)


def deciding_until(record: dict[str, Any], at: datetime, zone: tzinfo) -> str | None:
    """Their decision date, in words, when a message at `at` comes on or before it."""
    decision = usable_decision(record, at, zone)
    if decision is None or decision < at.astimezone(zone).date():
        return None
    return show_day(decision)


def early_check_in(record: dict[str, Any], at: datetime, zone: tzinfo) -> str | None:
    """The line to say when a check-in sent at `at` comes before their decision date."""
    day = deciding_until(record, at, zone)
    return early_words(day) if day is not None else None
