"""Whether a message of theirs invites you to talk (a call, an interview): it is answered with
the reply that schedules it, not with a check-in."""

from __future__ import annotations

import re

# Words that ask you to pick a time or say you are invited: forward-looking, so a thank-you
# "for the call yesterday" is not one.
INVITES = re.compile(
    r"\binvit(e|es|ed|ing|ation)\b|\bschedul(e|ing)\b|\bavailab(le|ility)\b|"
    r"\bnext (round|stage|step is an?)\b|\b(set up|arrange|book|have) (a|an|another) "
    r"(call|chat|interview|meeting|conversation|phone screen)\b|"
    r"\bwhen (are|would) you (be )?free\b|"
    r"\bwhat times?\b|\btime slots?\b|\bwould (like|love) to (meet|talk|speak|chat|interview)\b|"
    r"\bcome in (for|to)\b",
    re.IGNORECASE,
)
# An answer that closes or decides something is not an invitation, whatever else it says.
DECIDES = re.compile(
    r"\bunfortunately\b|\bregret\b|\bnot (to )?(move|moving|proceed|proceeding) forward\b|"
    r"\bother candidates?\b|\bnot be moving\b|\boffer\b|\bposition has been filled\b",
    re.IGNORECASE,
)
# The kinds people log an invitation as: a reply, remembered as one by its subject.
INVITATION_KINDS = {"invitation", "invite", "interview-invite", "interview-request", "invited"}
INVITATION_SUBJECT = "Invitation to interview"


def invites(*texts: str | None) -> bool:
    """Whether a message with these texts (subject, body) invites you to talk."""
    written = "\n".join(text for text in texts if text)
    return bool(INVITES.search(written)) and not DECIDES.search(written)
