"""`?`: the keys, in one screen, made from the bindings themselves (each binding's tooltip is
its line here), so a key added or changed is in the help at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

MOVE = ("Move", "j k ↑ ↓  PgUp PgDn  g G (first, last)  mouse")
# Keys that are not bindings of their own (the draft's text area, the agenda's option list).
NOT_BOUND = {
    "In a draft": [("tab", "the next [gap] to fill, and round again")],
    "In the agenda (t)": [("enter", "open the application"), ("esc", "back to the list")],
}
PALETTE = ("ctrl+p", "command palette: every action, and themes")


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q,f1", "close", "Close")]

    def __init__(
        self,
        main: Iterable[BindingType],
        draft: Iterable[BindingType] = (),
        everywhere: Iterable[BindingType] = (),
    ) -> None:
        super().__init__()
        self._groups = [
            ("", list(main)),
            ("In a draft", list(draft)),
            ("In the agenda (t)", []),
            ("Anywhere", list(everywhere)),
        ]

    def compose(self) -> ComposeResult:
        # Said at the top: on a small screen the last line is below the fold.
        table = Table(title="Keys  (Esc closes this)", show_header=False, box=None, padding=(0, 2))
        table.add_row(Text(MOVE[0], style="bold"), MOVE[1])
        for title, bindings in self._groups:
            if title:
                table.add_row("", "")
                table.add_row(Text(title, style="bold underline"), "")
            for binding in bindings:
                if isinstance(binding, Binding) and binding.tooltip:
                    table.add_row(Text(self._key(binding), style="bold"), Text(binding.tooltip))
            for key, line in NOT_BOUND.get(title, []):
                table.add_row(Text(key, style="bold"), Text(line))  # "[gap]" is no markup
        table.add_row(Text(self._key(Binding(*PALETTE[:1], "")), style="bold"), PALETTE[1])
        with VerticalScroll(id="help"):
            yield Static(table)

    def _key(self, binding: Binding) -> str:
        return " ".join(
            self.app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(",")
        )

    def action_close(self) -> None:
        self.dismiss(None)
