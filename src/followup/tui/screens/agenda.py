"""The agenda: every action across applications, grouped overdue / due today / this week /
waiting, as `followup.domain.timewords` decides (the header counts the same groups)."""

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
from followup.domain.timewords import (
    GROUP_OVERDUE,
    GROUP_TODAY,
    GROUP_WAITING,
    GROUP_WEEK,
    GROUPS,
    describe,
)
from followup.store.results import AgendaItem
from followup.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from followup.tui.app import FollowupApp

STYLE = {GROUP_OVERDUE: "bold red", GROUP_TODAY: "yellow", GROUP_WEEK: "", GROUP_WAITING: "cyan"}


def when_words(action: AgendaItem, zone: tzinfo) -> str:
    """'by Tue 17 Nov 15:00', 'by end of Wed 18 Nov', 'from Fri 20 Nov 09:00', and for a
    wait 'until Wed 16 Dec 10:05' (nothing to do by then: it is when the wait ends)."""
    if action.state == "upcoming":
        moment, word = action.opens_at, "from"
    elif action.state == "hold" and action.due_by is not None:
        moment, word = action.due_by, "until"
    elif action.due_by is not None:
        moment, word = action.due_by, "by"
    else:
        return ""  # "no deadline" says it all
    local = moment.astimezone(zone)
    if (local.hour, local.minute) == (0, 0) and word == "by":
        day = local - timedelta(days=1)
        return f"by end of {day:%a} {day.day} {day:%b}"
    return f"{word} {local:%a} {local.day} {local:%b %H:%M}"


def agenda_options(actions: list[AgendaItem], now: datetime, zone: tzinfo) -> list[Option]:
    grouped: dict[str, list[AgendaItem]] = {name: [] for name in GROUPS}
    for action in actions:
        timing = describe(action.state, action.opens_at, action.due_by, now, zone)
        if timing.group is not None:
            grouped[timing.group].append(action)
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
            words = describe(action.state, action.opens_at, action.due_by, now, zone).words
            # What and with whom first: at 80 columns the exact moment is what may wrap.
            moment = when_words(action, zone)
            line = Text.assemble(
                (f"  {words:<11} ", STYLE[name]),
                (action.message, STYLE[name]),
                ("  — " + who, ""),
                (f" · {moment}" if moment else "", "dim"),
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
