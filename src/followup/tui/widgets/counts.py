"""The header line: how many actions are overdue, due today and waiting."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual.widgets import Static

from followup.domain.rules import Action, State
from followup.domain.when import end_of_day


def tally(actions: tuple[Action, ...], now: datetime, zone: tzinfo) -> tuple[int, int, int]:
    """(overdue, due today, waiting): due today means due with a deadline before midnight, or
    none at all.
    """
    tonight = end_of_day(now.astimezone(zone).date(), zone)
    overdue = sum(1 for a in actions if a.state is State.OVERDUE)
    today = sum(
        1 for a in actions if a.state is State.DUE and (a.due_by is None or a.due_by <= tonight)
    )
    waiting = sum(1 for a in actions if a.state is State.HOLD)
    return overdue, today, waiting


class CountsBar(Static):
    DEFAULT_CSS = """
    CountsBar {
        dock: top;
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.update(Text.assemble(("followup", "bold"), "  reading the rules…"))

    def show(self, actions: tuple[Action, ...], now: datetime, zone: tzinfo) -> None:
        overdue, today, waiting = tally(actions, now, zone)
        local = now.astimezone(zone)
        text = Text.assemble(("followup", "bold"), "   ")
        text.append(f"● {overdue} overdue", "bold red" if overdue else "dim")
        text.append("   ")
        text.append(f"● {today} due today", "yellow" if today else "dim")
        text.append("   ")
        text.append(f"◌ {waiting} waiting", "cyan" if waiting else "dim")
        text.append(f"   {local:%a} {local.day} {local:%b %H:%M}", "dim")
        self.update(text)
