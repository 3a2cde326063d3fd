"""How the search is going: numbers the data really supports, and "not enough data" otherwise."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import text

from followup.domain.text import counted
from followup.store.db import Store
from followup.store.fields import as_day, as_instant

MINIMUM = 5  # fewer cases than this and a rate says more about luck than about the search
REACHED = {
    "applied": {
        "applied",
        "screening",
        "interviewing",
        "offer",
        "accepted",
        "rejected",
        "withdrawn",
        "no-response",
    },
    "screening": {"screening", "interviewing", "offer", "accepted"},
    "interviewing": {"interviewing", "offer", "accepted"},
    "offer": {"offer", "accepted"},
    "accepted": {"accepted"},
}


@dataclass
class Rate:
    part: int
    whole: int

    @property
    def enough(self) -> bool:
        return self.whole >= MINIMUM

    def __str__(self) -> str:
        if not self.enough:
            return f"not enough data ({self.part} of {self.whole})"
        return f"{100 * self.part / self.whole:.0f}% ({self.part} of {self.whole})"

    def as_json(self):
        return {
            "part": self.part,
            "whole": self.whole,
            "rate": round(self.part / self.whole, 3) if self.enough else None,
        }


@dataclass
class Stats:
    funnel: dict[str, int]
    response: Rate
    median_days_to_reply: float | None
    replies_measured: int
    first_follow_ups: Rate
    second_follow_ups: Rate
    ghosted: Rate
    weeks: list[tuple[date, int]] = field(default_factory=list)

    def as_json(self):
        return {
            "funnel": self.funnel,
            "response_rate": self.response.as_json(),
            "median_days_to_first_reply": self.median_days_to_reply,
            "replies_measured": self.replies_measured,
            "first_follow_ups_answered": self.first_follow_ups.as_json(),
            "second_follow_ups_answered": self.second_follow_ups.as_json(),
            "ghosted_rate": self.ghosted.as_json(),
            "applications_per_week": [
                {"week_of": week.isoformat(), "applications": n} for week, n in self.weeks
            ],
        }


def compute(store: Store, now: datetime, zone: tzinfo, weeks: int = 12) -> Stats:
    with store.read() as session:
        run = session.connection().execute
        apps = run(text("SELECT id, stage, applied_on, created_at FROM applications")).all()
        touches = run(
            text("SELECT application_id, at, direction, kind FROM touchpoints ORDER BY at, id")
        ).all()
        interviewed = set(run(text("SELECT DISTINCT application_id FROM interviews")).scalars())
    by_app: dict[int, list[tuple[datetime, str, str]]] = defaultdict(list)
    for app_id, at, direction, kind in touches:
        by_app[app_id].append((as_instant(at), direction, kind))
    today = now.astimezone(zone).date()
    funnel = {name: 0 for name in REACHED}
    applied_apps = []
    for app_id, stage, applied_on, created in apps:
        for name, stages in REACHED.items():
            reached = stage in stages or (
                name in ("applied", "screening", "interviewing") and app_id in interviewed
            )
            funnel[name] += reached
        if stage != "wishlist":
            added = as_instant(created).astimezone(zone).date()
            applied_apps.append((app_id, stage, as_day(applied_on) or added))
    responded = 0
    days_to_reply: list[int] = []
    ghosted = ghost_base = 0
    first = [0, 0]
    second = [0, 0]
    for app_id, stage, applied in applied_apps:
        history = by_app.get(app_id, [])
        replies = [at for at, direction, _ in history if direction == "in"]
        answered = bool(replies) or app_id in interviewed
        responded += answered
        if replies:
            days_to_reply.append((replies[0].astimezone(zone).date() - applied).days)
        if (today - applied).days >= 30:
            ghost_base += 1
            ghosted += stage == "no-response" or not answered
        unanswered = 0
        for index, (_at, direction, kind) in enumerate(history):
            if direction == "in":
                unanswered = 0
                continue
            if kind != "follow-up":
                continue
            unanswered += 1
            got = any(d == "in" for _, d, _ in history[index + 1 :])
            bucket = first if unanswered == 1 else second if unanswered == 2 else None
            if bucket is not None:
                bucket[0] += got
                bucket[1] += 1
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    per_week = [0] * weeks
    # The week an application went out (not the day it was typed in; an import of last
    # month's applications is last month's), the day it was added when no date was given.
    for _, _, day in applied_apps:
        index = (day - start).days // 7
        if 0 <= index < weeks:
            per_week[index] += 1
    return Stats(
        funnel=funnel,
        response=Rate(responded, len(applied_apps)),
        median_days_to_reply=(
            statistics.median(days_to_reply) if len(days_to_reply) >= MINIMUM else None
        ),
        replies_measured=len(days_to_reply),
        first_follow_ups=Rate(*first),
        second_follow_ups=Rate(*second),
        ghosted=Rate(ghosted, ghost_base),
        weeks=[(start + timedelta(weeks=i), n) for i, n in enumerate(per_week)],
    )


def sparkline(values: list[int]) -> str:
    bars = "▁▂▃▄▅▆▇█"
    top = max(values) if values else 0
    if top == 0:
        return bars[0] * len(values)
    return "".join(bars[min(len(bars) - 1, round(v / top * (len(bars) - 1)))] for v in values)


def lines(stats: Stats) -> list[str]:
    out = ["Funnel"]
    for name, count in stats.funnel.items():
        out.append(f"  {name:<13}{count}")
    out.append(f"Response rate          {stats.response}")
    if stats.median_days_to_reply is None:
        measured = counted(stats.replies_measured, "replies")
        out.append(f"Days to first reply    not enough data ({measured})")
    else:
        out.append(
            f"Days to first reply    median {stats.median_days_to_reply:g} "
            f"(from {counted(stats.replies_measured, 'replies')})"
        )
    out.append(f"First follow-ups answered   {stats.first_follow_ups}")
    out.append(f"Second follow-ups answered  {stats.second_follow_ups}")
    out.append(f"Ghosted (30+ days, no word) {stats.ghosted}")
    counts = [n for _, n in stats.weeks]
    out.append(
        f"Applications per week  {sparkline(counts)}  "
        f"(last {len(counts)} weeks, {sum(counts)} in all, this week {counts[-1]})"
    )
    return out
