"""The full-screen app: applications, most urgent first, with the selected one's details."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from followup.config import Settings
from followup.domain.clock import Clock
from followup.domain.rules import STATE_ORDER, Action, Evaluation
from followup.store import actions, repository
from followup.store.db import Store

MARKERS = {"overdue": "●", "due": "●", "hold": "◌", "upcoming": "○"}
STYLES = {"overdue": "bold red", "due": "yellow", "hold": "cyan", "upcoming": "dim"}


class FollowupApp(App):
    """The store, the settings and the clock come in; nothing here opens a database itself."""

    CSS_PATH = "app.tcss"
    TITLE = "followup"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, store: Store, settings: Settings, clock: Clock, zone: tzinfo) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.clock = clock
        self.zone = zone
        self.evaluation: Evaluation | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DataTable(id="applications", cursor_type="row", zebra_stripes=False)
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(" ", "Company", "Role", "Stage", "Next")
        self.theme = self.settings.theme
        self.refresh_rules()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def refresh_rules(self) -> None:
        now = self.clock.now()
        evaluation = actions.evaluate(self.store, self.settings.policy, now, self.zone)
        rows = repository.list_applications(self.store)
        self.call_from_thread(self._show, evaluation, rows)

    def _show(self, evaluation: Evaluation, rows: list[dict]) -> None:
        self.evaluation = evaluation
        worst: dict[int, Action] = {}
        for action in evaluation.actions:
            if action.application_id is not None and action.application_id not in worst:
                worst[action.application_id] = action
        table = self.query_one(DataTable)
        table.clear()

        def order(row: dict) -> tuple:
            action = worst.get(row["id"])
            return (STATE_ORDER[action.state] if action else 9, row["id"])

        for row in sorted(rows, key=order):
            action = worst.get(row["id"])
            state = action.state.value if action else ""
            table.add_row(
                Text(MARKERS.get(state, " "), style=STYLES.get(state, "")),
                Text(row["company"]),
                Text(row["role"]),
                Text(row["stage"]),
                Text(action.message if action else "", style=STYLES.get(state, "")),
                key=str(row["id"]),
            )
        overdue = sum(1 for a in evaluation.actions if a.state.value == "overdue")
        due = sum(1 for a in evaluation.actions if a.state.value == "due")
        self.sub_title = f"{overdue} overdue · {due} due"
        if not rows:
            self.query_one("#detail", Static).update(
                Text("No applications yet.\n\nRun `followup add COMPANY ROLE` or `followup demo`.")
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or event.row_key.value is None or self.evaluation is None:
            return
        app_id = int(event.row_key.value)
        lines = Text()
        for action in self.evaluation.actions:
            if action.application_id == app_id:
                lines.append(f"[{action.state.value}] {action.message}\n", STYLES[action.state])
                lines.append(f"  {action.why}\n\n")
        self.query_one("#detail", Static).update(lines)
