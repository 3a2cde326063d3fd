"""An iCalendar file of the follow-ups to come: one event per due or upcoming action.

UIDs come from the application, the rule and the cycle, so importing the file again updates the
events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from followup.config import Settings
from followup.domain.rules import Action, State, most_urgent_first
from followup.paths import make_private_dir
from followup.store import actions
from followup.store.csv_io import ExportError
from followup.store.db import Store

EVENT_MINUTES = 30


def uid(action: Action) -> str:
    digest = hashlib.sha1(action.cycle.encode()).hexdigest()[:12]
    owner = action.application_id if action.application_id is not None else "search"
    return f"{owner}-{action.rule.value}-{digest}@followup"


def build(
    store: Store, settings: Settings, now: datetime, zone: tzinfo, horizon_days: int, report=None
):
    from icalendar import Alarm, Calendar, Event

    evaluation = actions.evaluate(store, settings.policy, now, zone, report=report)
    limit = now + timedelta(days=horizon_days)
    calendar = Calendar()
    calendar.add("prodid", "-//followup//follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "followup")
    count = 0
    for action in most_urgent_first(evaluation.actions):
        if action.state is State.HOLD:
            continue
        if action.state is State.UPCOMING and action.opens_at > limit:
            continue
        start = _start(action, now)
        event = Event()
        event.add("uid", uid(action))
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
        who = f"{action.company} ({action.role})" if action.application_id is not None else ""
        event.add("summary", f"{action.message}: {who}".rstrip(": "))
        lines = [action.why]
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


def _start(action: Action, now: datetime) -> datetime:
    """When to put it in the calendar: when it opens, or now if it is already open."""
    if action.state is State.UPCOMING:
        return action.opens_at
    if action.due_by is not None and action.due_by > now:
        return max(now, action.due_by - timedelta(minutes=EVENT_MINUTES))
    return now


def write(
    store: Store,
    settings: Settings,
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
        if not target.parent.exists():
            make_private_dir(target.parent)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror}") from None
    return count
