"""The draft checker: what seed 004 says a follow-up should hold, and what to avoid.

It reads a draft as a person would: does it thank them, show enthusiasm, say why you fit and add
one new detail; is it brief; does it oversell, repeat the application, ask for a LinkedIn
connection, drift off the job or turn casual; is this the moment to send anything at all. A
sentence that still holds a `[placeholder]` counts for nothing: it has not been written yet.
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

# Seed 004's four points, each as the words a person uses to make it.
POINTS = {
    "thanks": (
        r"\bthank|\bthx\b|\bappreciat|\bgrateful|\bgratitude",
        "thanks them for their time",
    ),
    "enthusiasm": (
        r"\bexcit|\benthusias|\bkeen\b|\blook(ing)? forward|\binterest(ed|ing)?\b|\beager|"
        r"\benjoy|\bthrilled|\bdelighted|\bmotivat|\bwould (still |really |very much )?love\b|"
        r"\bwould be glad\b|\bcan'?t wait\b",
        "shows enthusiasm for the role",
    ),
    "fit": (
        r"\bexperience|\bfit\b|\bfits\b|\bbackground|\bskills?\b|\bqualif|\bbring\b|"
        r"\bsuited|\bmatch(es)? (what|the|your)\b|\bin my (last|current|previous) (role|job|team)|"
        r"\bI (built|led|ran|shipped)\b|\byears (of|running|leading|managing|coordinating|as)\b|"
        r"\bhaving (run|led|managed|built|worked)\b|\bI know how to\b|\bline up (closely )?with\b|"
        r"\bcertific|\bI have (also )?(administered|run|led|managed|built|shipped)\b",
        "says why you fit",
    ),
    "detail": (
        r"\badd\b|\bforgot|\bone (more )?thing|\bshould have mentioned|\bdid(n't| not) mention|"
        r"\bdidn't get to|\bdid not get to|\bmeant to (say|mention)|\bon reflection|"
        r"\bsince we spoke|\bto follow up on (your|the) question|\bto expand on|\bafterwards I|"
        r"\bshould have (added|said|mentioned)|\bforgot to (tell|say|mention)|\bjustice\b|"
        r"\b(quick|small|short) addition\b|\bdid(n't| not) have (a|the) chance\b|"
        r"\bdid(n't| not) have (it )?with me\b|\bthinking (more )?about your question|"
        r"\bI only mentioned\b|\bfollowing up on your question\b",
        "adds one new detail",
    ),
}

# Overselling: piled-up superlatives, or one claim no interviewer can take at face value.
SUPERLATIVES = re.compile(
    r"\b(best|perfect|greatest|exceptional|outstanding|incredible|amazing|world[- ]class|"
    r"unparalleled|extraordinary|unique|rockstar|ninja|guru|visionary|unmatched|flawless)\b",
    re.IGNORECASE,
)
OVERCLAIMS = re.compile(
    r"\bguarantee|\bperfect (candidate|fit|match|person)|"
    r"\bbest (candidate|fit|person|hire|choice)\b|"
    r"\bideal candidate\b|\b(ever|will ever) (find|meet|hire|interview)|\bwon'?t regret|"
    r"\bwill not regret|\blook no further|\b(no ?one|nobody|no other candidate) (else )?"
    r"(is |could be |will be |can )?(better|more qualified|as qualified)|"
    r"\bonly (person|candidate) (who|that|for)|\bexactly what you need\b|\bmissing out\b|"
    r"\b(won'?t|will not|never) find (a |anyone |someone )?better\b|"
    r"\bthe (strongest|best|most qualified) [a-z ]{0,25}(you will|you'll|you) (ever )?"
    r"(see|meet|find|interview|hire)\b|\bstrongest candidate\b",
    re.IGNORECASE,
)
SIGN_OFFS = re.compile(
    r"\b(best (regards|wishes)|all the best|with best wishes)\b|^best,?$", re.I | re.M
)
# Repeating the application: pointing back at it, or reciting it.
RECITES = re.compile(
    r"\bas (I )?(said|mentioned|noted|stated|wrote|explained|outlined|listed|detailed|described)"
    r" in (my|the) (cover letter|application|r[eé]sum[eé]|cv|covering letter|letter)|"
    r"\bas (you can see|shown|stated|listed|detailed|outlined) (in|on|from) my (r[eé]sum[eé]|cv|"
    r"application|cover letter)|\b(re-?)?attach(ed|ing)? (again |once more )?my (r[eé]sum[eé]|cv)|"
    r"\bto (recap|summari[sz]e|restate) my (qualifications|experience|background|skills)|"
    r"\b(my|the) (r[eé]sum[eé]|cv) (again|once more)\b|"
    r"\bas (my|the) (r[eé]sum[eé]|cv|application|cover letter) (shows|states|says|sets out)\b|"
    r"\bas you (will |would |may |might )?(have )?(seen|see|read|noted) (from|in|on) my\b|"
    r"\brefer to my (r[eé]sum[eé]|cv|application|cover letter)\b|"
    r"\b(cv|r[eé]sum[eé]) and cover letter again\b",
    re.IGNORECASE,
)
LINKEDIN = re.compile(
    r"\b(connect|connection|add(ed)? you|sen[dt] you (a )?request|invit\w*|follow(ed)? you)\b"
    r"[^.!?\n]{0,40}\blinked ?in\b|"
    r"\blinked ?in\b[^.!?\n]{0,40}\b(connect|connection|request|invite|invitation)",
    re.IGNORECASE,
)
# Off the job: the seed's "keep it professional and focus on the job".
OFF_TOPIC = re.compile(
    r"\bby the way\b|\bon a personal note\b|\bunrelated\b|\b(your|the|this|last) weekend\b|"
    r"\bholiday in\b|\bmarathon\b|\bsunshine\b|\bweather\b|\bjealous\b|"
    r"\bmy (weekend|holiday|vacation|kids?|dog|cat|wife|husband|partner)\b|"
    r"\b(football|soccer|baseball|basketball) (game|match)|"
    r"\bthe (game|match) (last night|on (saturday|sunday))\b|\bgrab (a )?(drink|beer|coffee)s?\b",
    re.IGNORECASE,
)
INFORMAL = re.compile(
    r"^\s*(hey|hiya|yo|sup)\b|\b(lol|lmao|omg|haha+|gonna|wanna|thx|pls|u r|ur|btw)\b|!!|"
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|\bcheers mate\b",
    re.IGNORECASE | re.MULTILINE,
)
PLACEHOLDER = re.compile(r"\[[^\]\n]{2,60}\]")
# A placeholder may be wrapped over two lines. A sentence ends at . ! ?, a blank line, or the
# end of a line that closes on a comma or colon (a greeting, a sign-off).
WRAPPED_PLACEHOLDER = re.compile(r"\[[^\]]{2,80}\]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[,:;])[ \t]*\n|\n\s*\n")


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


def _written(body: str) -> str:
    """The sentences that are written: one still holding a placeholder does not count yet."""
    return "\n".join(
        sentence
        for sentence in SENTENCE_END.split(body)
        if not WRAPPED_PLACEHOLDER.search(sentence)
    )


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


# Messages that ask where things stand: too early before the date they gave (seeds 000, 001).
CHECK_INS = ("check-in", "check-in-after-date", "second-follow-up")


def early_words(decision_day: str) -> str:
    """The one line that says a check-in comes before their decision date."""
    return (
        f"Early: they said they would decide by {decision_day}; checking in before then "
        "can seem impatient"
    )


def wanted_points(template: str) -> list[str]:
    """Which of seed 004's points a message of this kind should make."""
    if template == "thank-you":
        return ["thanks", "enthusiasm", "fit", "detail"]
    if template in CHECK_INS:
        return ["thanks", "enthusiasm"]
    return []


def has_point(body: str, key: str) -> bool:
    """Whether the written part of `body` makes point `key`.

    A boast is no reason: "the best fit you will ever find" does not say why you fit.
    """
    written = OVERCLAIMS.sub(" ", _written(body))
    if key == "fit":  # a sentence that points back at the CV gives no reason of its own
        written = "\n".join(
            sentence for sentence in SENTENCE_END.split(written) if not RECITES.search(sentence)
        )
    return re.search(POINTS[key][0], written, re.IGNORECASE) is not None


def faults(body: str) -> dict[str, str]:
    """Each of seed 004's don'ts that `body` falls into, with what a person should hear."""
    found: dict[str, str] = {}
    written = _written(body)
    superlatives = SUPERLATIVES.findall(SIGN_OFFS.sub(" ", written))
    claim = OVERCLAIMS.search(written)
    if claim or len(superlatives) >= 3:
        said = (
            f'"{claim.group(0)}"' if claim else ", ".join(sorted({s.lower() for s in superlatives}))
        )
        found["oversell"] = f"oversells ({said}): leave the selling to the interview"
    recital = RECITES.search(written)
    if recital:
        found["repeat"] = (
            f'repeats the application ("{recital.group(0)}"): add something new instead'
        )
    elif _longest_list(written) >= 6:
        found["repeat"] = (
            "repeats the application: a long list of skills; pick the one that matters to them"
        )
    if LINKEDIN.search(written):
        found["linkedin"] = "no LinkedIn connection request until the process is over"
    if OFF_TOPIC.search(written):
        found["off-topic"] = "goes off-topic: keep it about the job"
    if INFORMAL.search(written):
        found["informal"] = "too casual: err on the side of formality"
    return found


def check(
    draft: str,
    *,
    template: str = "thank-you",
    waiting_since: str | None = None,
    channel: str | None = None,
    usual_channel: str | None = None,
    deciding_until: str | None = None,
) -> Checked:
    """Findings for `draft`; `waiting_since` is set while the wait rule holds, and
    `deciding_until` (their decision date, in words) while that date has not yet passed."""
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
    if deciding_until and template in CHECK_INS:
        add(Finding(False, early_words(deciding_until)))
    for key in wanted_points(template):
        label = POINTS[key][1]
        found = has_point(body, key)
        add(Finding(found, label if found else f"does not yet {label.replace('s ', ' ', 1)}"))
    if words > limit:
        add(Finding(False, f"{words} words: too long, keep it under {limit}"))
    else:
        add(Finding(True, f"{words} words: brief (under {limit})"))
    for message in faults(body).values():
        add(Finding(False, message))
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
