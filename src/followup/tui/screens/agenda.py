"""The agenda: every action across applications, grouped overdue / today / this week / waiting."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup.domain.text import visible
from followup.domain.when import end_of_day
from followup.store.results import AgendaItem
from followup.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from followup.tui.app import FollowupApp

GROUPS = ("Overdue", "Today", "This week", "Waiting for a reply")
STYLE = {"Overdue": "bold red", "Today": "yellow", "This week": "", "Waiting for a reply": "cyan"}


def group_of(action: AgendaItem, now: datetime, zone: tzinfo) -> str | None:
    tonight = end_of_day(now.astimezone(zone).date(), zone)
    if action.state == "overdue":
        return "Overdue"
    if action.state == "hold":
        return "Waiting for a reply"
    if action.state == "due":
        return "Today" if action.due_by is None or action.due_by <= tonight else "This week"
    if action.opens_at <= now + timedelta(days=7):
        return "This week"
    return None


def when_words(action: AgendaItem, zone: tzinfo) -> str:
    """'by Tue 17 Nov 15:00', 'by end of Wed 18 Nov', 'from Fri 20 Nov 09:00'."""
    if action.state == "upcoming":
        moment, word = action.opens_at, "from"
    elif action.due_by is not None:
        moment, word = action.due_by, "by"
    else:
        return "any time now"
    local = moment.astimezone(zone)
    if (local.hour, local.minute) == (0, 0) and word == "by":
        day = local - timedelta(days=1)
        return f"by end of {day:%a} {day.day} {day:%b}"
    return f"{word} {local:%a} {local.day} {local:%b %H:%M}"


def agenda_options(actions: list[AgendaItem], now: datetime, zone: tzinfo) -> list[Option]:
    grouped: dict[str, list[AgendaItem]] = {name: [] for name in GROUPS}
    for action in actions:
        name = group_of(action, now, zone)
        if name is not None:
            grouped[name].append(action)
    options: list[Option] = []
    for name in GROUPS:
        found = grouped[name]
        options.append(
            Option(Text(f"{name} ({len(found)})", style=f"bold {STYLE[name]}"), disabled=True)
        )
        for index, action in enumerate(found):
            who = (
                f"{visible(action.company)} · {visible(action.role)}"
                if action.application_id is not None
                else "Your search"
            )
            line = Text.assemble(
                (f"  {when_words(action, zone):<22}", "dim"),
                (action.message, STYLE[name]),
                ("  — " + who, ""),
            )
            key = f"{action.application_id or 0}:{action.rule}:{index}"
            options.append(Option(line, id=key))
        if not found:
            options.append(Option(Text("  nothing", style="dim"), disabled=True))
    return options


class AgendaScreen(Screen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t,q", "close", "Back"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("Agenda", style="bold"), id="agenda-title")
        yield OptionList(id="agenda")
        yield KeyFooter()

    def on_mount(self) -> None:
        agenda = self.query_one(OptionList)
        agenda.add_option(Option(Text("Reading every application…", style="dim"), disabled=True))
        self.set_focus(agenda)
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        app: FollowupApp = self.app  # type: ignore[assignment]
        items = app.agenda_items()
        options = agenda_options(items, app.clock.now(), app.zone)
        self.app.call_from_thread(self._show, options)

    def _show(self, options: list[Option]) -> None:
        agenda = self.query_one(OptionList)
        agenda.clear_options()
        agenda.add_options(options)
        for index in range(agenda.option_count):
            if not agenda.get_option_at_index(index).disabled:
                agenda.highlighted = index
                break

    def action_cursor(self, step: int) -> None:
        agenda = self.query_one(OptionList)
        agenda.action_cursor_down() if step > 0 else agenda.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        application_id = int((event.option.id or "0").split(":")[0])
        if application_id:
            self.dismiss(application_id)
        else:
            self.notify("Keep searching: press a to add the next application.")
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
