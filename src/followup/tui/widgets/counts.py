"""The header line: how many actions are overdue, due today and waiting."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual.widgets import Static

from followup.store.evaluation import Summary


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

    def show(self, summary: Summary, now: datetime, zone: tzinfo) -> None:
        overdue, today, waiting = summary.overdue, summary.due_today, summary.waiting
        local = now.astimezone(zone)
        text = Text.assemble(("followup", "bold"), "   ")
        text.append(f"● {overdue} overdue", "bold red" if overdue else "dim")
        text.append("   ")
        text.append(f"● {today} due today", "yellow" if today else "dim")
        text.append("   ")
        text.append(f"◌ {waiting} waiting", "cyan" if waiting else "dim")
        text.append(f"   {local:%a} {local.day} {local:%b %H:%M}", "dim")
        self.update(text)
