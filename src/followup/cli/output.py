"""How commands print: JSON for scripts, short aligned tables for people."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date, datetime, tzinfo
from typing import Any

from followup.domain.people import by_person
from followup.domain.rules import Action
from followup.domain.text import clip, visible
from followup.domain.timewords import Timing, describe
from followup.domain.when import show_moment


def one_line(text: str | None) -> str:
    return visible(text or "")


def jsonable(value: Any, zone: tzinfo) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item, zone) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item, zone) for item in value]
    return value


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def action_record(action: Action) -> dict[str, Any]:
    return {
        "application_id": action.application_id,
        "company": action.company if action.application_id is not None else None,
        "role": action.role if action.application_id is not None else None,
        "rule": action.rule.value,
        "state": action.state.value,
        "opens_at": action.opens_at,
        "due_by": action.due_by,
        "message": action.message,
        "why": action.why,
    }


def print_table(headers: list[str], rows: list[list[Any]], *, flexible: int = 1) -> None:
    """Columns aligned to their content; the `flexible` column shrinks to fit the terminal."""
    cells = [[one_line(str(cell)) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    total = sum(widths) + 2 * (len(widths) - 1)
    available = shutil.get_terminal_size((120, 24)).columns
    if sys.stdout.isatty() and total > available:
        for index in (flexible, flexible + 1):
            excess = sum(widths) + 2 * (len(widths) - 1) - available
            if excess > 0 and index < len(widths):
                widths[index] = max(len(headers[index]), widths[index] - excess)
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in cells:
        lines.append(
            "  ".join(clip(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    sys.stdout.write("\n".join(lines) + "\n")


def relative(action: Action, now: datetime, zone: tzinfo) -> Timing:
    """When, in the words of the app ("2d overdue", "due today", "in 3d", "waiting")."""
    return describe(action.state, action.opens_at, action.due_by, now, zone)


def print_actions(found: list[Action], now: datetime, zone: tzinfo) -> None:
    rows = []
    for action in found:
        who = (
            f"{action.application_id} {action.company}"
            if action.application_id is not None
            else "-"
        )
        timing = relative(action, now, zone)
        rows.append(
            [
                timing.state,
                timing.words,
                who,
                action.rule.value,
                action.message,
            ]
        )
    print_table(["state", "when", "application", "rule", "what to do"], rows, flexible=2)


def print_detail(record: dict[str, Any], zone: tzinfo, now: datetime) -> None:
    out: list[str] = []
    out.append(f"{record['id']}  {one_line(record['company'])} / {one_line(record['role'])}")
    out.append(f"  stage: {record['stage']}   priority: {record['priority']}")
    for key in ("applied_on", "decision_by"):
        if record[key]:
            out.append(f"  {key.replace('_', ' ')}: {record[key].isoformat()}")
    for key in ("source", "url", "location", "salary"):
        if record[key]:
            out.append(f"  {key}: {one_line(record[key])}")
    if record["notes"]:
        out.append(f"  notes: {one_line(record['notes'])}")
    if record["contacts"]:
        out.append("contacts:")
        for person in by_person(record["contacts"]):
            extra = [
                one_line(person[key])
                for key in ("title", "email", "phone")
                if person[key] and person[key] != person["name"]  # a name that is an address
            ]
            out.append(
                f"  {one_line(person['name'])} ({', '.join(person['roles'])})"
                + "".join(f" · {value}" for value in extra)
            )
    if record["interviews"]:
        out.append("interviews:")
        for interview in record["interviews"]:
            people = ", ".join(one_line(n) for n in interview["interviewers"])
            out.append(
                f"  {show_moment(interview['starts_at'], zone)}  {interview['kind']}, "
                f"{interview['duration']} min" + (f", with {people}" if people else "")
            )
            if interview["notes"]:
                out.append(f"    notes: {one_line(interview['notes'])}")
            if interview.get("they_said"):  # what a thank-you may quote, shown apart
                out.append(f"    they said: {one_line(interview['they_said'])}")
    if record["references"]:
        out.append("references:")
        for reference in record["references"]:
            briefed = reference["briefed_on"]
            out.append(
                f"  {one_line(reference['name'])}"
                + (f" (briefed {briefed.isoformat()})" if briefed else " (not briefed)")
            )
    if record["touchpoints"]:
        out.append("timeline:")
        for touch in record["touchpoints"]:
            arrow = "←" if touch["direction"] == "in" else "→"
            who = f" {one_line(touch['contact'])}" if touch["contact"] else ""
            out.append(
                f"  {show_moment(touch['at'], zone)}  {arrow} {touch['kind']} "
                f"({touch['channel']}){who}"
            )
    if record.get("drafts"):
        # Only here: the templates' module loads their files' machinery, which `list` and
        # `due` need not wait for.
        from followup.domain.templates import shown_name

        out.append("drafts not sent:")
        for draft in record["drafts"]:
            answers = f" for {draft['rule']}" if draft["rule"] else ""
            out.append(
                f"  {shown_name(draft['template'])}{answers}, last edited "
                f"{show_moment(draft['updated_at'], zone)}: {one_line(draft['subject'])}"
            )
    if record["actions"]:
        out.append("actions:")
        for action in record["actions"]:
            words = describe(action["state"], action["opens_at"], action["due_by"], now, zone).words
            # The message says what to do; the rule is named last, for `done` and `snooze`
            # ("check-in: Check in: …" said it twice).
            out.append(f"  [{action['state']}] {action['message']} ({words}; {action['rule']})")
            out.append(f"      {action['why']}")
    sys.stdout.write("\n".join(out) + "\n")
