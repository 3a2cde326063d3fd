"""The job seeker's vocabulary: stages, kinds and channels, and the plain records the rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar


class InputError(ValueError):
    """Bad input from a person: shown as one clear line, nothing written."""


class Stage(StrEnum):
    WISHLIST = "wishlist"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no-response"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STAGES


OPEN_STAGES = frozenset(
    {Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER}
)
CLOSED_STAGES = frozenset(set(Stage) - OPEN_STAGES)


class InterviewKind(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    TECHNICAL = "technical"
    FINAL = "final"


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in-person"
    LINKEDIN = "linkedin"
    OTHER = "other"


class TouchpointKind(StrEnum):
    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    REPLY = "reply"
    REFERENCES_REQUESTED = "references-requested"
    OTHER = "other"


# The words people use for the messages they log, as other names for the kinds above (the
# kinds themselves stay as DESIGN.md names them).
TOUCHPOINT_KIND_ALIASES = {
    "check-in": TouchpointKind.FOLLOW_UP,
    "nudge": TouchpointKind.FOLLOW_UP,
    "second-follow-up": TouchpointKind.FOLLOW_UP,
    "checkin": TouchpointKind.FOLLOW_UP,
    "followup": TouchpointKind.FOLLOW_UP,
    "thanks": TouchpointKind.THANK_YOU,
    "thankyou": TouchpointKind.THANK_YOU,
    "thank-you-note": TouchpointKind.THANK_YOU,
    "response": TouchpointKind.REPLY,
    "offer": TouchpointKind.REPLY,
    "rejection": TouchpointKind.REPLY,
    "rejected": TouchpointKind.REPLY,
    "answer": TouchpointKind.REPLY,
    "invitation": TouchpointKind.REPLY,  # an invitation to talk: see domain/invitations.py
    "invite": TouchpointKind.REPLY,
    "invited": TouchpointKind.REPLY,
    "interview-invite": TouchpointKind.REPLY,
    "interview-request": TouchpointKind.REPLY,
    "references": TouchpointKind.REFERENCES_REQUESTED,
    "reference-request": TouchpointKind.REFERENCES_REQUESTED,
    "references-request": TouchpointKind.REFERENCES_REQUESTED,
}


# A reply logged with one of these words decides the application: it moves to that stage,
# as `followup stage` would, so the advice stops asking whether you are still considered.
KIND_MOVES_STAGE = {"offer": Stage.OFFER, "rejection": Stage.REJECTED, "rejected": Stage.REJECTED}


class ContactRole(StrEnum):
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring-manager"
    REFERRER = "referrer"


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], text: str, what: str, aliases: dict[str, E] | None = None) -> E:
    """The member of `enum` named by `text` (case and surrounding space ignored), or by one of
    its `aliases`, or InputError listing the choices."""
    cleaned = "-".join(text.strip().lower().replace("_", "-").split())
    for member in enum:
        if member.value == cleaned:
            return member
    if aliases and cleaned in aliases:
        return aliases[cleaned]
    choices = ", ".join(_with_aliases(m, aliases or {}) for m in enum)
    shown = text if len(text) <= 40 else text[:39] + "…"  # the error stays one readable line
    raise InputError(f"unknown {what} {shown!r}: choose one of {choices}")


def _with_aliases(member: StrEnum, aliases: dict) -> str:
    """'follow-up (check-in, checkin, followup)': a kind and the first of its other names."""
    others = [word for word, meant in aliases.items() if meant is member][:3]
    return f"{member.value} ({', '.join(others)})" if others else member.value


# Plain records the rules engine reads: built by the store, never tied to a session.


@dataclass(frozen=True, slots=True)
class Interview:
    starts_at: datetime
    duration_minutes: int = 60
    has_notes: bool = False
    id: int | None = None
    ends_at: datetime = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # In UTC: adding to a zone-aware time would add wall-clock minutes across a DST change.
        end = self.starts_at.astimezone(UTC) + timedelta(minutes=self.duration_minutes)
        object.__setattr__(self, "ends_at", end)


@dataclass(frozen=True, slots=True)
class Touchpoint:
    at: datetime
    direction: Direction
    kind: TouchpointKind
    channel: Channel = Channel.EMAIL
    id: int | None = None
    # Their message asks you to pick a time to talk (see `invitations.invites`): answered with
    # the reply that schedules it, soon.
    invites: bool = False


@dataclass(frozen=True, slots=True)
class Snooze:
    """One rule's action for one application hidden until `until`, or dismissed for a cycle."""

    rule: str
    until: datetime | None = None  # None: dismissed ("done")
    cycle: str = ""  # the cycle a dismissal belongs to


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    company: str
    role: str
    stage: Stage
    created_at: datetime
    applied_on: date | None = None
    decision_by: date | None = None
    interviews: tuple[Interview, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    references_briefed: tuple[date, ...] = ()
    # How many references are recorded for it: none recorded is nothing to brief.
    references: int = 0
    snoozes: tuple[Snooze, ...] = field(default=())
    # When the application's own notes were last written (None: no notes): notes written
    # after an interview ended count as that interview's notes.
    notes_at: datetime | None = None
