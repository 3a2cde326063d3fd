"""The header line: how many actions are overdue, due today and waiting, and whether it is
time to send out a new application."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual.widget import Widget

from followup.store.results import Summary


class CountsBar(Widget):
    """One docked line of fixed size: new counts repaint it without a relayout of the screen."""

    DEFAULT_CSS = """
    CountsBar {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.content = Text.assemble(("followup", "bold"), "  reading the rules…")
        # Known before the screen was built (a damaged file): said from the first frame.
        try:
            self.trouble = self.app.trouble()
        except Exception:  # not in followup's app (a showcase), or none running
            self.trouble = ""

    waiting = False  # a write waits for a busy database: said in place of the counts
    trouble = ""  # the data file is gone or replaced: said in place of everything else

    def render(self) -> Text:
        if self.trouble:
            return Text.assemble(
                ("followup", "bold"), "   ", (self.trouble, "bold reverse"), no_wrap=True
            )
        if self.waiting:
            return Text.assemble(
                ("followup", "bold"),
                "   ",
                ("not saved yet: waiting for the database", "bold reverse"),
            )
        return self.content

    def show_waiting(self, waiting: bool) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            self.refresh()

    def show_trouble(self, trouble: str) -> None:
        if trouble != self.trouble:
            self.trouble = trouble
            self.refresh()

    def update(self, content: Text) -> None:
        self.content = content
        self.refresh()

    def show(self, summary: Summary, now: datetime, zone: tzinfo) -> None:
        overdue, today, waiting = summary.overdue, summary.due_today, summary.waiting
        local = now.astimezone(zone)
        text = Text.assemble(("followup", "bold"), "   ")
        text.append(f"● {overdue} overdue", "bold red" if overdue else "dim")
        text.append("   ")
        text.append(f"● {today} due today", "yellow" if today else "dim")
        text.append("   ")
        text.append(f"◌ {waiting} waiting", "cyan" if waiting else "dim")
        if summary.keep_searching:
            text.append("   ")
            text.append("● keep searching", "yellow")
        clock = f"   {local:%a} {local.day} {local:%b %H:%M}"
        # The reminders matter more than the clock: at 80 columns the clock gives way.
        if not self.size.width or text.cell_len + len(clock) <= self.size.width - 2:
            text.append(clock, "dim")
        if self.content != text:  # most ticks change nothing here: no relayout for them
            self.update(text)
