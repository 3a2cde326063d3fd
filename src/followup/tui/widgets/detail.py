"""The detail pane: one application's fields, people, interviews, timeline and actions."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from followup.domain.model import CLOSED_STAGES
from followup.domain.people import by_person
from followup.domain.rules import Action
from followup.domain.templates import shown_name
from followup.domain.text import visible
from followup.domain.timewords import describe
from followup.domain.when import show_moment

STATE_STYLE = {"overdue": "bold red", "due": "yellow", "hold": "cyan", "upcoming": "dim"}
MARK = {"overdue": "●", "due": "●", "hold": "◌", "upcoming": "○"}


def _text(value: Any) -> str:
    return visible(str(value), single_line=False) if value is not None else ""


def detail_text(record: dict[str, Any], found: list[Action], zone: tzinfo, now: datetime) -> Text:
    """The whole pane as Rich Text built from plain strings: nothing typed is ever markup."""
    out = Text()
    out.append(_text(record["company"]), "bold")
    out.append("\n")
    out.append(_text(record["role"]))
    closed = record["stage"] in {stage.value for stage in CLOSED_STAGES}
    out.append(f"\nclosed: {record['stage']}" if closed else f"\n{record['stage']}", "italic")
    out.append(f" · priority {record['priority']}\n", "dim")
    # What to do comes first: on a small screen it is what shows beside the list.
    out.append("\n")
    _what_to_do(out, found, zone, now)

    facts = []
    if record["applied_on"]:
        facts.append(("applied", record["applied_on"].strftime("%a %-d %b %Y")))
    if record["decision_by"]:
        facts.append(("decision by", record["decision_by"].strftime("%a %-d %b %Y")))
    for key in ("source", "location", "salary", "url"):
        if record[key]:
            facts.append((key, _text(record[key])))
    if facts:
        out.append("\n")
    for key, value in facts:
        out.append(f"{key:>12}  ", "dim")
        out.append(f"{value}\n")

    if record["notes"]:
        out.append("\nNotes\n", "bold underline")
        out.append(_text(record["notes"]) + "\n")
    if record["interviews"]:
        out.append("\nInterviews\n", "bold underline")
        for interview in record["interviews"]:
            past = interview["starts_at"] <= now
            out.append(show_moment(interview["starts_at"], zone), "" if past else "bold")
            out.append(f"  {interview['kind']}, {interview['duration']} min")
            if interview["interviewers"]:
                names = ", ".join(_text(n) for n in interview["interviewers"])
                out.append(f", with {names}")
            out.append("\n")
            for key, label in (
                ("notes", "notes"),
                ("they_said", "they said"),
                ("strong_points", "strong"),
                ("weak_answers", "to add to"),
            ):
                if interview[key]:
                    out.append(f"  {label}: ", "dim")
                    out.append(_text(interview[key]) + "\n")
    if record["contacts"]:
        out.append("\nPeople\n", "bold underline")
        for contact in by_person(record["contacts"]):
            out.append(_text(contact["name"]))
            out.append(f"  {', '.join(contact['roles'])}", "dim")
            extra = " · ".join(
                _text(contact[k])
                for k in ("title", "email", "phone")
                if contact[k] and contact[k] != contact["name"]  # a name that is an address
            )
            if extra:
                out.append(f"  {extra}", "dim")
            out.append("\n")
    if record["references"]:
        out.append("\nReferences\n", "bold underline")
        for reference in record["references"]:
            out.append(_text(reference["name"]))
            briefed = reference["briefed_on"]
            out.append(
                f"  briefed {briefed:%-d %b}" if briefed else "  not briefed yet",
                "dim" if briefed else "yellow",
            )
            out.append("\n")
    if record["touchpoints"]:
        out.append("\nTimeline\n", "bold underline")
        for touch in reversed(record["touchpoints"]):
            arrow = "←" if touch["direction"] == "in" else "→"
            out.append(f"{show_moment(touch['at'], zone)}  {arrow} ", "dim")
            out.append(f"{touch['kind']}")
            out.append(f" ({touch['channel']})", "dim")
            if touch["contact"]:
                out.append(" " + _text(touch["contact"]))
            out.append("\n")
            if touch["subject"]:
                out.append("    " + visible(touch["subject"]) + "\n", "dim")
    if record.get("drafts"):
        out.append("\nDrafts not sent\n", "bold underline")
        for draft in record["drafts"]:
            answers = f" for {draft['rule']}" if draft["rule"] else ""
            out.append(f"{show_moment(draft['updated_at'], zone)}  ", "dim")
            out.append(f"{shown_name(draft['template'])}{answers}\n")
            if draft["subject"]:
                out.append("    " + visible(draft["subject"]) + "\n", "dim")
    return out


def _what_to_do(out: Text, found: list[Action], zone: tzinfo, now: datetime) -> None:
    out.append("What to do\n", "bold underline")
    if not found:
        out.append("Nothing now.\n", "dim")
    for action in found:
        timing = describe(action.state, action.opens_at, action.due_by, now, zone)
        state = timing.state
        # The message names what to do ("Check in: …"): the rule's name before it would say
        # it twice ("check-in: Check in: …").
        out.append(f"{MARK[state]} ", STATE_STYLE[state])
        out.append(f"{action.message} ")
        out.append(f"({timing.words})\n", STATE_STYLE[state])
        out.append(f"  {action.why}\n", "dim")


def actions_text(record: dict[str, Any], found: list[Action], zone: tzinfo, now: datetime) -> Text:
    """The short form shown beside a draft on a small screen: whose, what to do and why."""
    out = Text()
    out.append(_text(record["company"]).replace("\n", " "), "bold")
    out.append(f"  {_text(record['role'])}".replace("\n", " "))
    out.append(f"  {record['stage']}\n", "italic")
    _what_to_do(out, found, zone, now)
    return out


class ApplicationDetail(VerticalScroll, can_focus=True):
    """Scrollable details of the selected application."""

    DEFAULT_CSS = """
    ApplicationDetail {
        padding: 0 1;
    }
    """

    def compose(self):
        yield Static(id="detail-body")

    _shown_for: int | None = None
    _full = Text("")
    _brief: Text | None = None
    _is_brief = False

    def show(
        self, content: Text, brief: Text | None = None, *, application_id: int | None = None
    ) -> None:
        """Show `content` (or `brief`, its short form, while `brief` is set); the same text
        again (a rules tick) changes nothing on screen, and new text about the same
        application keeps the place scrolled to."""
        self._full, self._brief = content, brief
        self._update(home=application_id is None or application_id != self._shown_for)
        self._shown_for = application_id

    def _update(self, *, home: bool) -> None:
        content = self._brief if self._is_brief and self._brief is not None else self._full
        body = self.query_one("#detail-body", Static)
        if body.content == content:
            return  # a relayout of the whole screen costs tens of milliseconds
        body.update(content)
        if home:
            self.scroll_home(animate=False)

    @property
    def brief(self) -> bool:
        """Set by the screen while a draft is written on a small screen: only what to do,
        and why."""
        return self._is_brief

    @brief.setter
    def brief(self, value: bool) -> None:
        if value != self._is_brief:
            self._is_brief = value
            self._update(home=True)
