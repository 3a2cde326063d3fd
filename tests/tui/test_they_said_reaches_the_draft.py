"""What they said, saved in the interview form, is in the app's draft at once (no restart)."""

from __future__ import annotations

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import FormScreen
from tests.tui.conftest import list_lines, wait_for


def _draft(app) -> str:
    from followup.tui.widgets.compose import ComposePane

    panes = app.screen.query(ComposePane)
    return panes.first().query_one("#draft").text if panes else ""


async def test_they_said_saved_in_the_interview_form_is_in_the_open_draft(make_app, db_path):
    store = Store.open(db_path, create=True)
    repository.add_application(store, repository.NewApplication("Hooli", "Engineer"))
    store.close()
    app = make_app(your_name="Sam Taylor")  # Wed 18 Nov 2026 12:00
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await pilot.press("i")
        await wait_for(pilot, lambda: app.screen.query("#field-they_said"))
        app.screen.query_one("#field-at").value = "today 9am"
        app.screen.query_one("#field-with").value = "Priya Patel"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await pilot.press("w")
        await wait_for(pilot, lambda: "Dear Priya" in _draft(app))
        await pilot.press("escape")
        await pilot.press("n")  # the notes form, with the interview's "They said"
        await wait_for(pilot, lambda: app.screen.query("#field-they_said"))
        app.screen.query_one("#field-they_said").load_text("The team ships every Friday.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: "the team ships every Friday" in _draft(app))
