"""The one vocabulary for when an action is: its state at a moment, its agenda group and its words.

Every face (header counts, list, agenda, detail, calendar, `followup due`) asks `describe`, so
the same moment reads the same everywhere. The rounding, decided once:

- the state is worked out from the action's moments and `now` (a `hold` stays a hold), so a
  row read a few seconds before its deadline passes does not keep calling itself "due";
- a deadline at local midnight is the end of the day before ("by end of Mon" is due Monday);
- within today's local date a distance reads in whole hours ("5h overdue", "in 3h"): elapsed
  hours rounded down for what is late, hours to go rounded up for what is ahead, never 0;
- on another date it reads in calendar days counted between the local dates ("2d overdue",
  "due in 3d", "in 1d"): a thank-you due Sun 00:30 is "due in 1d" on Sat 20:00, not "today".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

OVERDUE, DUE, HOLD, UPCOMING = "overdue", "due", "hold", "upcoming"

# The agenda's groups, in the order shown; the header counts the first, second and last.
GROUP_OVERDUE = "Overdue"
GROUP_TODAY = "Due today"
# Not "This week": a deadline nine days away, or none, is in it too.
GROUP_WEEK = "Coming up"
GROUP_WAITING = "Waiting for a reply"
GROUPS = (GROUP_OVERDUE, GROUP_TODAY, GROUP_WEEK, GROUP_WAITING)

WEEK = timedelta(days=7)
_HOUR = timedelta(hours=1)
_TICK = timedelta(microseconds=1)


class Timing(NamedTuple):
    state: str  # overdue, due, hold or upcoming, as of `now`
    group: str | None  # the agenda group, or None when it opens beyond the week ahead
    words: str  # "2d overdue", "5h overdue", "due today", "due in 3d", "no deadline", "waiting",
    # "in 3d"


def deadline_day(due_by: datetime, zone: tzinfo) -> date:
    """The local date a deadline belongs to: midnight closes the day before."""
    return (due_by.astimezone(zone) - _TICK).date()


def state_at(state: str, opens_at: datetime, due_by: datetime | None, now: datetime) -> str:
    if state == HOLD:
        return HOLD
    if now < opens_at:
        return UPCOMING
    if due_by is not None and now >= due_by:
        return OVERDUE
    return DUE


def describe(
    state: str, opens_at: datetime, due_by: datetime | None, now: datetime, zone: tzinfo
) -> Timing:
    """The state, agenda group and words of an action (its stored `state` only says whether it
    is a hold) at `now`, with calendar days counted in `zone`."""
    today = now.astimezone(zone).date()
    current = state_at(state, opens_at, due_by, now)
    if current == HOLD:
        return Timing(HOLD, GROUP_WAITING, "waiting")
    if current == OVERDUE:
        assert due_by is not None
        days = (today - deadline_day(due_by, zone)).days
        if days >= 1:
            return Timing(OVERDUE, GROUP_OVERDUE, f"{days}d overdue")
        hours = max(1, (now - due_by) // _HOUR)
        return Timing(OVERDUE, GROUP_OVERDUE, f"{hours}h overdue")
    if current == DUE:
        if due_by is None:
            # Open with no deadline ("find out their timeline", "consider moving on"): not
            # urgent, so not "now" and not among what is due today; after what has a deadline.
            return Timing(DUE, GROUP_WEEK, "no deadline")
        days = (deadline_day(due_by, zone) - today).days
        if days <= 0:
            return Timing(DUE, GROUP_TODAY, "due today")
        return Timing(DUE, GROUP_WEEK, f"due in {days}d")
    days = (opens_at.astimezone(zone).date() - today).days
    group = GROUP_WEEK if opens_at - now <= WEEK else None
    if days >= 1:
        return Timing(UPCOMING, group, f"in {days}d")
    hours = max(1, -((now - opens_at) // _HOUR))  # rounded up: 20 minutes ahead is "in 1h"
    return Timing(UPCOMING, group, f"in {hours}h")


# How pressing each reading is: what is late, then what is due today, then what is due later
# (what has no deadline last among those, by the actions' own order), then waiting, then what
# has not opened yet.
_URGENCY = {GROUP_OVERDUE: 0, GROUP_TODAY: 1}


def urgency(timing: Timing) -> int:
    """A rank to sort by before time: "due in 5d" never comes above "due today"."""
    if timing.state == DUE:
        return _URGENCY.get(timing.group or "", 2)
    return {OVERDUE: 0, HOLD: 3}.get(timing.state, 4)


class Counts(NamedTuple):
    overdue: int
    due_today: int
    waiting: int


def count(timings) -> Counts:
    """The header's numbers: the sizes of the agenda's Overdue, Due today and Waiting groups."""
    overdue = today = waiting = 0
    for timing in timings:
        group = timing.group
        if group == GROUP_OVERDUE:
            overdue += 1
        elif group == GROUP_TODAY:
            today += 1
        elif group == GROUP_WAITING:
            waiting += 1
    return Counts(overdue, today, waiting)
