"""The keys are said in one place, the bindings: the help screen is made from them, and the
README's key table names every key of the main screen and no other."""

from __future__ import annotations

import re
from pathlib import Path

from followup.tui.screens.main import MainScreen
from followup.tui.widgets.compose import ComposePane
from tests.tui.conftest import wait_for

README = Path(__file__).parents[2] / "README.md"
# How the README spells the keys Textual names otherwise.
SPELLED = {"slash": "/", "question_mark": "?", "delete": "Delete", "escape": "Esc"}


def _table_keys() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | does |") :].split("\n\n", 1)[0]
    keys: set[str] = set()
    for line in table.splitlines()[2:]:
        first = line.split("|")[1]
        keys |= set(re.findall(r"`([^`]+)`", first))
    return keys


def test_the_readme_names_every_key_of_the_main_screen():
    bound = {SPELLED.get(b.key, b.key) for b in MainScreen.BINDINGS}
    # Esc is said in the sentence under the filter's row, not as a row of its own.
    assert _table_keys() == bound - {"Esc"}


async def test_the_help_lists_every_binding_with_its_line(make_app):
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        table = app.screen.query_one("#help").query_one("Static").content
        from rich.console import Console

        console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(table)
        shown = console.export_text()
    for binding in [*MainScreen.BINDINGS, *ComposePane.BINDINGS]:
        assert binding.tooltip, f"{binding.key} has no line for the help"
        assert binding.tooltip in shown, binding.tooltip
    assert "Esc closes this" in shown and "command palette" in shown
    # Keys that are no binding of their own are said too: Tab in a draft, Enter in the agenda.
    assert "the next [gap] to fill" in shown and "open the application" in shown
