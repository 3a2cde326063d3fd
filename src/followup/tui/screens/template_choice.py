"""Ctrl+T in a draft: pick the template to start again from, in a list inside the dialog
(a drop-down's list grew past the dialog's edges on a small screen)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup.domain.templates import TEMPLATES, shown_name


class TemplateScreen(ModalScreen[str | None]):
    """The templates a person can choose, the current one highlighted; Enter uses one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#template-choices"

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = shown_name(current)

    def compose(self) -> ComposeResult:
        options = [
            Option(Text.assemble((name, "bold"), f"  {about}"), id=name)
            for name, (about, _) in TEMPLATES.items()
            if shown_name(name) == name  # the check-in picks its own wording
        ]
        with Vertical(id="form"):
            yield Static("Start again from a template", id="form-title")
            yield Static(
                Text("This replaces the text of the draft. Enter uses it, Esc keeps the draft."),
                id="form-note",
            )
            yield OptionList(*options, id="template-choices")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = choices.get_option_index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
