"""`?`: the keys, in one screen."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Move", "j k ↑ ↓  PgUp PgDn  g G (first, last)  mouse"),
    ("a", "add an application (quick-add)"),
    ("/", "filter by company, role or notes; Esc clears"),
    ("o", "show or hide closed applications"),
    ("t", "agenda: everything to do, grouped"),
    ("w", "write: the compose pane, a draft from a template"),
    ("  in it", "^s sent · ^g copy · ^o mail · ^r $EDITOR · ^t template"),
    ("", "^n your name · esc back to the list"),
    ("i", "record an interview"),
    ("s", "log a message you sent (thank-you, follow-up)"),
    ("r", "log a reply you received (with a new decision date)"),
    ("S", "change the stage"),
    ("n / E", "edit notes here / in $EDITOR"),
    ("c / f / b", "link a contact / add a reference / references briefed"),
    ("z / d", "snooze / mark done the first action shown"),
    ("x", "close as no-response (asks first)"),
    ("Delete", "delete the application (asks first)"),
    ("e / I", "export CSV / import CSV (with a preview first)"),
    ("C", "write a calendar file of the coming follow-ups"),
    ("v", "stats: funnel, replies, follow-ups, weekly pace"),
    ("Ctrl+P", "command palette: every action, and themes"),
    ("Esc", "close this, or any dialog; clear the filter"),
    ("q", "quit"),
    ("F1 / Ctrl+Q", "these keys / quit, also while writing a draft"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        # Said at the top: on a small screen the last line (Esc) is below the fold.
        table = Table(title="Keys  (Esc closes this)", show_header=False, box=None, padding=(0, 2))
        for key, what in KEYS:
            table.add_row(f"[bold]{key}[/]", what)
        with VerticalScroll(id="help"):
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
