"""How the search is going: the funnel, replies, follow-ups and the weekly pace."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from followup.store import stats
from followup.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from followup.tui.app import FollowupApp


class StatsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,v,q", "close", "Back")]

    def compose(self) -> ComposeResult:
        yield Static(Text("How the search is going", style="bold"), id="stats-title")
        yield Static(Text("Counting…", style="dim"), id="stats-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        app: FollowupApp = self.app  # type: ignore[assignment]
        found = stats.compute(app.store, app.clock.now(), app.zone)
        text = Text()
        for line in stats.lines(found):
            style = "bold" if line == "Funnel" else ""
            if "not enough data" in line:
                style = "dim"
            text.append(line + "\n", style)
        text.append(
            "\nRates need at least 5 cases; below that they say more about luck than about "
            "your search.",
            "dim italic",
        )
        self.app.call_from_thread(self.query_one("#stats-body", Static).update, text)

    def action_close(self) -> None:
        self.dismiss(None)
