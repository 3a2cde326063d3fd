"""An iCalendar file of the follow-ups to come: one event per due or upcoming action.

UIDs come from the application, the rule and the cycle, so importing the file again updates the
events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

from followup.domain.policy import Policy
from followup.domain.rules import Action, FollowUpRule, State, most_urgent_first
from followup.domain.text import visible
from followup.domain.workdays import WorkingDays
from followup.file_writes import replacing
from followup.store import actions
from followup.store.csv_io import ExportError
from followup.store.db import Store

EVENT_MINUTES = 30


class CalendarSettings(Protocol):
    """What the calendar needs of the settings, which are read above the store and passed in."""

    @property
    def policy(self) -> Policy: ...


def uid(action: Action) -> str:
    digest = hashlib.sha1(action.cycle.encode()).hexdigest()[:12]
    owner = action.application_id if action.application_id is not None else "search"
    return f"{owner}-{action.rule.value}-{digest}@followup"


def build(
    store: Store,
    settings: CalendarSettings,
    now: datetime,
    zone: tzinfo,
    horizon_days: int,
    report=None,
):
    from icalendar import Alarm, Calendar, Event

    evaluation = actions.evaluate(store, settings.policy, now, zone, report=report)
    limit = now + timedelta(days=horizon_days)
    calendar = Calendar()
    calendar.add("prodid", "-//followup//follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "followup")
    days = WorkingDays(settings.policy.holidays_country, settings.policy.holidays_subdivision)
    count = 0
    for action in most_urgent_first(evaluation.actions):
        if action.state is State.HOLD:
            continue
        if action.state is State.UPCOMING and action.opens_at > limit:
            continue
        start = _start(action, now, zone, days)
        event = Event()
        event.add("uid", uid(action))
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
        event.add("summary", title(action))
        lines = [action.message, action.why]
        if action.application_id is not None:
            lines.insert(0, f"{action.company} ({action.role})")
        if action.due_by is not None:
            lines.append(f"Due by {action.due_by.astimezone(zone):%a %d %b %Y %H:%M}.")
        if action.application_id is not None:
            lines.append(f"followup show {action.application_id}")
        event.add("description", "\n".join(lines))
        event.add("categories", [action.rule.value])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", action.message)
        alarm.add("trigger", timedelta(minutes=-15))
        event.add_component(alarm)
        calendar.add_component(event)
        count += 1
    return calendar, count


# An event reads like a task in a calendar: what to do, with whom.
TITLES = {
    FollowUpRule.PREP: "Prepare for the interview with {}",
    FollowUpRule.NOTES: "Write down your notes on the {} interview",
    FollowUpRule.THANK_YOU: "Send a thank-you note to {}",
    FollowUpRule.TIMELINE: "Find out when {} expects to decide",
    FollowUpRule.CHECK_IN: "Check in with {}",
    FollowUpRule.SECOND_FOLLOW_UP: "Send {} one more short follow-up",
    FollowUpRule.MOVE_ON: "Consider closing {} as no-response",
    FollowUpRule.REFERENCES: "Brief your references for {}",
    FollowUpRule.OFFER: "Answer the offer from {}",
    FollowUpRule.SCHEDULE_REPLY: "Reply to {} with times to talk",
    FollowUpRule.KEEP_SEARCHING: "Send out a new application",
}
WORK_STARTS, WORK_ENDS = time(9), time(17)


def title(action: Action) -> str:
    shape = TITLES.get(action.rule, action.message + ": {}")
    return shape.format(visible(action.company)) if "{}" in shape else shape


def _start(action: Action, now: datetime, zone: tzinfo, days: WorkingDays) -> datetime:
    """When to put it in the calendar: at the start of its window (or now, if it is already
    open), moved into working hours on a working day, unless that would be past its deadline
    (a thank-you after a late interview keeps its own time)."""
    begin = max(action.opens_at, now)
    placed = _working_time(begin, zone, days)
    if action.due_by is not None and placed + timedelta(minutes=EVENT_MINUTES) > action.due_by:
        return begin
    return placed


def _working_time(moment: datetime, zone: tzinfo, days: WorkingDays) -> datetime:
    """`moment`, or the next start of a working day when it falls outside working hours."""
    local = moment.astimezone(zone)
    day = local.date()
    if days.is_working(day):
        if WORK_STARTS <= local.time() < WORK_ENDS:
            return moment
        if local.time() < WORK_STARTS:
            return datetime.combine(day, WORK_STARTS, zone)
    return datetime.combine(days.add(day, 1), WORK_STARTS, zone)


def write(
    store: Store,
    settings: CalendarSettings,
    target: Path | None,
    *,
    now: datetime,
    zone: tzinfo,
    horizon_days: int,
    stdout=None,
    report=None,
) -> int:
    calendar, count = build(store, settings, now, zone, horizon_days, report)
    data = calendar.to_ical()
    if target is None:
        stdout.write(data.decode("utf-8"))
        return count
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    try:
        with replacing(target, binary=True) as out:
            out.write(data)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror}") from None
    return count
