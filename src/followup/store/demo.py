"""A realistic demo database: applications at every stage and every point of the follow-up
timeline relative to now, built deterministically and in bulk.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import insert

from followup.domain.when import localize
from followup.store.db import Store
from followup.store.listing import CLOSED, NEVER, NOTHING
from followup.store.tables import (
    ApplicationContactRow,
    ApplicationReferenceRow,
    ApplicationRow,
    ContactRow,
    InterviewerRow,
    InterviewRow,
    ReferenceRow,
    TouchpointRow,
    UrgencyRow,
)

COMPANIES = [
    "Northwind Analytics",
    "Bluefin Health",
    "Copperleaf Energy",
    "Driftwood Games",
    "Evergreen Credit Union",
    "Foxglove Robotics",
    "Granite Logistics",
    "Harbor & Pine",
    "Ironbark Security",
    "Juniper Learning",
    "Kestrel Aerospace",
    "Lumen Maps",
    "Marigold Foods",
    "Nimbus Cloudworks",
    "Orchard Bank",
    "Paperplane Media",
    "Quarry Labs",
    "Riverstone Insurance",
    "Saltmarsh Studio",
    "Tidewater Transit",
    "Umber Architecture",
    "Vantage Retail",
    "Willow Care",
    "Yellowfin Travel",
    "Zephyr Wind",
]
# Other trades and legal forms for the companies after the named ones.
TRADES = [
    "Robotics",
    "Systems",
    "Health",
    "Software",
    "Analytics",
    "Payments",
    "Logistics",
    "Media",
    "Energy",
    "Networks",
    "Biotech",
    "Learning",
    "Insurance",
    "Foods",
    "Games",
    "Travel",
]
FORMS = ["", " Inc.", " Ltd", " GmbH", " & Co"]
ROLES = [
    "Backend Engineer",
    "Data Analyst",
    "Product Designer",
    "Site Reliability Engineer",
    "Engineering Manager",
    "Frontend Developer",
    "Technical Writer",
    "QA Engineer",
    "Product Manager",
    "Machine Learning Engineer",
    "Support Engineer",
    "Platform Engineer",
]
FIRST = [
    "Priya",
    "Jared",
    "Maria",
    "Tom",
    "Aisha",
    "Lena",
    "Sam",
    "Noah",
    "Grace",
    "Omar",
    "Chen",
    "Zoe",
    "Ravi",
    "Ines",
    "Kofi",
    "Hannah",
]
LAST = [
    "Patel",
    "Nguyen",
    "Okafor",
    "Schmidt",
    "Rossi",
    "Kim",
    "Garcia",
    "Brennan",
    "Haddad",
    "Larsen",
    "Moreau",
    "Silva",
]
SOURCES = ["LinkedIn", "company site", "referral", "Indeed", "meetup", "recruiter"]
PLACES = ["Remote", "Berlin", "London", "New York", "Toronto", "Lisbon", "Austin", "Hybrid"]
THEY_SAID = [
    "they are moving the billing service to event sourcing this quarter",
    "the team ships on Tuesdays and values written design notes",
    "their biggest worry is on-call load during the migration",
    "they want someone who can mentor two junior engineers",
]
STRONG = [
    "walked through the cache redesign that cut latency by 40%",
    "explained how I ran the accessibility audit",
    "the incident review I led",
]
WEAK = [
    "the SQL window-function question",
    "the question about managing up",
    "estimating the migration timeline",
]

# (name, stage, weight): the timelines a real search has, most of them open.
SCENARIOS = [
    ("wishlist", "wishlist", 2),
    ("just-applied", "applied", 3),
    ("applied-quiet", "applied", 3),
    ("interview-soon", "screening", 2),
    ("interview-yesterday", "interviewing", 2),
    ("thank-you-late", "interviewing", 1),
    ("waiting-decision", "interviewing", 2),
    ("decision-passed", "interviewing", 2),
    ("followed-up", "interviewing", 2),
    ("second-follow-up", "interviewing", 1),
    ("ghosted", "interviewing", 1),
    ("references", "interviewing", 1),
    ("offer", "offer", 1),
    ("rejected", "rejected", 2),
    ("accepted", "accepted", 1),
    ("withdrawn", "withdrawn", 1),
    ("no-response", "no-response", 1),
]
CHUNK = 2000


def fill(store: Store, *, size: int, now: datetime, zone: tzinfo, seed: int = 7) -> int:
    """Add `size` applications; returns how many were added."""
    rng = random.Random(seed)
    weighted = [s for s in SCENARIOS for _ in range(s[2])]
    made = 0
    while made < size:
        batch = min(CHUNK, size - made)
        rows = _Batch()
        for offset in range(batch):
            index = made + offset
            scenario = (
                weighted[index % len(weighted)]
                if index < len(weighted) * 2
                else rng.choice(weighted)
            )
            _application(rows, index + 1, scenario[0], scenario[1], rng, now, zone)
        with store.write() as session:
            for table, values in rows.tables():
                if values:
                    session.execute(insert(table), values)
            closed = {"accepted", "rejected", "withdrawn", "no-response"}
            session.execute(
                insert(UrgencyRow),
                [
                    {
                        "application_id": a["id"],
                        "rank": CLOSED if a["stage"] in closed else NOTHING,
                        "sort_at": NEVER,
                        "rule": "",
                        "state": "",
                        "message": "",
                    }
                    for a in rows.applications
                ],
            )
        made += batch
    return made


class _Batch:
    def __init__(self) -> None:
        self.applications: list[dict] = []
        self.contacts: list[dict] = []
        self.links: list[dict] = []
        self.interviews: list[dict] = []
        self.interviewers: list[dict] = []
        self.touchpoints: list[dict] = []
        self.references: list[dict] = []
        self.reference_links: list[dict] = []

    def tables(self):
        return [
            (ApplicationRow, self.applications),
            (ContactRow, self.contacts),
            (ApplicationContactRow, self.links),
            (InterviewRow, self.interviews),
            (InterviewerRow, self.interviewers),
            (TouchpointRow, self.touchpoints),
            (ReferenceRow, self.references),
            (ApplicationReferenceRow, self.reference_links),
        ]


def _at(now: datetime, zone: tzinfo, days: float, hour: int) -> datetime:
    """A local wall-clock time `days` before now (negative: after), at `hour`, on a working
    day: a weekend moves to the Friday before (in the past) or the Monday after."""
    day = (now.astimezone(zone) - timedelta(days=days)).date()
    while day.weekday() >= 5:
        day += timedelta(days=1 if days < 0 else -1)
    return localize(datetime(day.year, day.month, day.day, hour), zone)


def company_name(n: int) -> str:
    """The `n`th demo company: the named ones first, then their first words with other
    trades ("Orchard Robotics"), then the same with a legal form ("Orchard Robotics Ltd")."""
    index = n - 1
    if index < len(COMPANIES):
        return COMPANIES[index]
    named = COMPANIES[index % len(COMPANIES)]
    rounds = index // len(COMPANIES) - 1
    turn = rounds + index % len(COMPANIES)
    trade = TRADES[turn % len(TRADES)]
    if named.endswith(" " + trade):  # not the named company again
        trade = TRADES[(turn + 1) % len(TRADES)]
    form = FORMS[(rounds // len(TRADES)) % len(FORMS)]
    return f"{named.split()[0]} {trade}{form}"


def _application(rows: _Batch, n: int, scenario: str, stage: str, rng, now, zone) -> None:
    company = company_name(n)
    role = ROLES[(n * 7) % len(ROLES)]
    person = f"{FIRST[n % len(FIRST)]} {LAST[(n * 3) % len(LAST)]}"
    contact_id = n
    applied_days = {
        "wishlist": None,
        "just-applied": 2,
        "applied-quiet": 12,
        "interview-soon": 9,
        "interview-yesterday": 14,
        "thank-you-late": 15,
        "waiting-decision": 16,
        "decision-passed": 21,
        "followed-up": 24,
        "second-follow-up": 30,
        "ghosted": 45,
        "references": 25,
        "offer": 35,
        "rejected": 40,
        "accepted": 60,
        "withdrawn": 28,
        "no-response": 50,
    }[scenario]
    jitter = rng.randint(0, 3)
    applied = None if applied_days is None else (now - timedelta(days=applied_days + jitter))
    created = (applied or now - timedelta(days=rng.randint(1, 10))).astimezone(UTC)
    decision = None
    interviews: list[tuple[datetime, str, bool]] = []  # start, kind, has notes
    touches: list[tuple[datetime, str, str]] = []  # at, direction, kind
    if scenario == "interview-soon":
        interviews.append((_at(now, zone, -rng.choice([1, 2]), 10 + jitter), "video", False))
        touches.append((_at(now, zone, 4, 9), "in", "reply"))
    elif scenario == "interview-yesterday":
        start = now - timedelta(hours=rng.randint(3, 20))
        if start.astimezone(zone).weekday() >= 5:  # the Friday before, not a weekend
            start = _at(now, zone, (now - start).days + 1, 15)
        interviews.append((start, "onsite", False))
        touches.append((_at(now, zone, 6, 9), "in", "reply"))
    elif scenario == "thank-you-late":
        interviews.append((_at(now, zone, 2, 11), "video", True))
    elif scenario == "waiting-decision":
        interviews.append((_at(now, zone, 9, 10), "phone", True))
        interviews.append((_at(now, zone, 3, 14), "technical", True))
        touches.append((_at(now, zone, 3, 19), "out", "thank-you"))
        decision = (now + timedelta(days=rng.randint(2, 6))).astimezone(zone).date()
    elif scenario == "decision-passed":
        interviews.append((_at(now, zone, 10, 15), "video", True))
        touches.append((_at(now, zone, 10, 20), "out", "thank-you"))
        decision = (now - timedelta(days=rng.randint(3, 5))).astimezone(zone).date()
    elif scenario == "followed-up":
        interviews.append((_at(now, zone, 14, 10), "onsite", True))
        touches.append((_at(now, zone, 14, 18), "out", "thank-you"))
        touches.append((_at(now, zone, 3, 9), "out", "follow-up"))
    elif scenario == "second-follow-up":
        interviews.append((_at(now, zone, 20, 10), "video", True))
        touches.append((_at(now, zone, 20, 17), "out", "thank-you"))
        touches.append((_at(now, zone, 8, 9), "out", "follow-up"))
    elif scenario in ("ghosted", "no-response"):
        interviews.append((_at(now, zone, 32, 10), "phone", True))
        touches.append((_at(now, zone, 32, 16), "out", "thank-you"))
        touches.append((_at(now, zone, 22, 9), "out", "follow-up"))
        touches.append((_at(now, zone, 12, 9), "out", "follow-up"))
    elif scenario == "references":
        interviews.append((_at(now, zone, 12, 10), "video", True))
        interviews.append((_at(now, zone, 5, 13), "final", True))
        touches.append((_at(now, zone, 5, 18), "out", "thank-you"))
        touches.append((_at(now, zone, 1, 11), "in", "references-requested"))
        decision = (now + timedelta(days=7)).astimezone(zone).date()
    elif scenario in ("offer", "accepted", "rejected", "withdrawn"):
        interviews.append((_at(now, zone, applied_days - 7, 10), "phone", True))
        interviews.append((_at(now, zone, applied_days - 14, 14), "onsite", True))
        touches.append((_at(now, zone, applied_days - 14, 19), "out", "thank-you"))
        touches.append((_at(now, zone, applied_days - 20, 10), "in", "reply"))
    if applied is not None and scenario != "just-applied":
        touches.insert(0, (applied + timedelta(hours=1), "out", "other"))
    rows.applications.append(
        {
            "id": n,
            "company": company,
            "role": role,
            "stage": stage,
            "applied_on": applied.astimezone(zone).date() if applied else None,
            "source": SOURCES[n % len(SOURCES)],
            "url": f"https://jobs.example.com/{n}",
            "location": PLACES[n % len(PLACES)],
            "salary": "" if n % 3 else f"{60 + (n % 9) * 10}k",
            "priority": 1 + (n * 5) % 5,
            "decision_by": decision,
            "notes": "Found through a former colleague." if n % 4 == 0 else "",
            "created_at": created,
            "updated_at": created,
        }
    )
    rows.contacts.append(
        {
            "id": contact_id,
            "name": person,
            "title": "Recruiter" if n % 2 else "Engineering Manager",
            "email": f"{person.split()[0].lower()}.{n}@example.com",
            "phone": "",
            "notes": "",
            "created_at": created,
        }
    )
    role_name = "recruiter" if n % 2 else "hiring-manager"
    rows.links.append({"application_id": n, "contact_id": contact_id, "role": role_name})
    for index, (start, kind, noted) in enumerate(interviews):
        interview_id = n * 4 + index
        rows.interviews.append(
            {
                "id": interview_id,
                "application_id": n,
                "starts_at": start.astimezone(UTC),
                "duration_minutes": 45 if kind == "phone" else 60,
                "kind": kind,
                "notes": f"Good conversation; {THEY_SAID[n % len(THEY_SAID)]}." if noted else "",
                "strong_points": STRONG[n % len(STRONG)] if noted else "",
                "weak_answers": WEAK[n % len(WEAK)] if noted else "",
                "they_said": THEY_SAID[n % len(THEY_SAID)] if noted else "",
                "created_at": created,
            }
        )
        rows.interviewers.append({"interview_id": interview_id, "contact_id": contact_id})
    for at, direction, kind in touches:
        rows.touchpoints.append(
            {
                "application_id": n,
                "contact_id": contact_id,
                "at": at.astimezone(UTC),
                "direction": direction,
                "channel": "email",
                "kind": kind,
                "subject": _subject(kind, role),
                "body": "",
                "created_at": created,
            }
        )
    if scenario in ("references", "offer", "accepted", "rejected", "withdrawn"):
        # Only the "references" scenario still has to brief them; the others did yesterday.
        yesterday = (now - timedelta(days=1)).astimezone(zone).date()
        briefed = None if scenario == "references" else yesterday
        rows.references.append(
            {
                "id": n,
                "name": f"{FIRST[(n + 5) % len(FIRST)]} {LAST[(n + 2) % len(LAST)]}",
                "relationship": "former manager",
                "email": "",
                "phone": "",
                "notes": "",
                "created_at": created,
            }
        )
        rows.reference_links.append(
            {"application_id": n, "reference_id": n, "shared_on": None, "briefed_on": briefed}
        )


def _subject(kind: str, role: str) -> str:
    return {
        "thank-you": f"Thank you: {role} interview",
        "follow-up": f"Checking in: {role}",
        "reply": f"Re: {role} application",
        "references-requested": "References",
        "other": f"Application received: {role}",
    }[kind]
