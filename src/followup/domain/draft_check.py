"""The draft checker: what seed 004 says a follow-up should hold, and what to avoid.

It reads a draft as a person would: does it thank them, show enthusiasm, say why you fit and add
one new detail; is it brief; does it oversell or repeat the application; is this the moment to
send anything at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LIMITS = {
    "thank-you": 200,
    "check-in": 150,
    "check-in-after-date": 150,
    "second-follow-up": 120,
    "withdraw": 150,
    "feedback-request": 150,
    "references": 200,
    "schedule-reply": 120,
}
DEFAULT_LIMIT = 200

POINTS = {
    "thanks": (r"\bthank|\bappreciat|\bgrateful", "thanks them for their time"),
    "enthusiasm": (
        r"\bexcit|\benthusias|\bkeen\b|\blook(ing)? forward|\binterest|\beager|\benjoy",
        "shows enthusiasm for the role",
    ),
    "fit": (
        r"\bexperience|\bfit\b|\bfits\b|\bbackground|\bskills?\b|\bqualif|\bbring\b|\bsuited",
        "says why you fit",
    ),
    "detail": (
        r"\badd\b|\bforgot|\bone (more )?thing|\bshould have mentioned|\balso\b|\badditionally",
        "adds one new detail",
    ),
}
SUPERLATIVES = re.compile(
    r"\b(best|perfect|greatest|exceptional|outstanding|incredible|amazing|world[- ]class|"
    r"unparalleled|extraordinary|unique|passionate|rockstar|ninja|guru|visionary)\b",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"\[[^\]\n]{2,60}\]")


@dataclass
class Finding:
    ok: bool
    text: str


@dataclass
class Checked:
    words: int
    limit: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [f.text for f in self.findings if not f.ok]


def _body(draft: str) -> str:
    lines = draft.splitlines()
    if lines and lines[0].lower().startswith("subject:"):
        lines = lines[1:]
    return "\n".join(lines)


def _longest_list(text: str) -> int:
    """The most items in one comma list or one run of bullet lines."""
    longest = 0
    for sentence in re.split(r"[.!?\n]", text):
        longest = max(longest, sentence.count(",") + 1 if "," in sentence else 0)
    run = 0
    for line in text.splitlines():
        run = run + 1 if re.match(r"\s*([-*•]|\d+[.)])\s+", line) else 0
        longest = max(longest, run)
    return longest


def check(
    draft: str,
    *,
    template: str = "thank-you",
    waiting_since: str | None = None,
    channel: str | None = None,
    usual_channel: str | None = None,
) -> Checked:
    """Findings for `draft`; `waiting_since` is set while the wait rule holds."""
    body = _body(draft)
    words = len(re.findall(r"\b[\w'’-]+\b", body))
    limit = LIMITS.get(template, DEFAULT_LIMIT)
    result = Checked(words, limit)
    add = result.findings.append
    if waiting_since:
        add(
            Finding(
                False,
                f"Wait: you followed up {waiting_since} with no reply yet. Sending "
                "now would be a second message without a reply.",
            )
        )
    wanted = (
        ["thanks", "enthusiasm", "fit", "detail"]
        if template == "thank-you"
        else (
            ["thanks", "enthusiasm"]
            if template in ("check-in", "check-in-after-date", "second-follow-up")
            else []
        )
    )
    for key in wanted:
        pattern, label = POINTS[key]
        found = re.search(pattern, body, re.IGNORECASE) is not None
        add(Finding(found, label if found else f"does not yet {label.replace('s ', ' ', 1)}"))
    if words > limit:
        add(Finding(False, f"{words} words: too long, keep it under {limit}"))
    else:
        add(Finding(True, f"{words} words: brief (under {limit})"))
    superlatives = SUPERLATIVES.findall(body)
    if len(superlatives) >= 3:
        add(
            Finding(
                False,
                f"oversells: {len(superlatives)} superlatives "
                f"({', '.join(sorted({s.lower() for s in superlatives}))})",
            )
        )
    if _longest_list(body) >= 6:
        add(
            Finding(
                False,
                "repeats the application: a long list of skills; pick the one that matters to them",
            )
        )
    holes = PLACEHOLDER.findall(body)
    if holes:
        add(Finding(False, f"fill in {', '.join(dict.fromkeys(holes))}"))
    if channel == "in-person":
        add(Finding(False, "email beats turning up in person: you may arrive at a bad time"))
    elif usual_channel and channel and channel != usual_channel:
        add(Finding(False, f"use the channel you have been using ({usual_channel})"))
    elif usual_channel:
        add(Finding(True, f"same channel as before ({usual_channel})"))
    return result
