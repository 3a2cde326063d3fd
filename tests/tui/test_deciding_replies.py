"""The app's reply form: an offer or a rejection chosen there moves the stage, and says so."""

from __future__ import annotations

from datetime import timedelta

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import FormScreen
from tests.tui.conftest import NOW, list_lines, wait_for


async def test_an_offer_chosen_in_the_reply_form_moves_the_stage(make_app, db_path):
    from textual.widgets import Select

    store = Store.open(db_path, create=True)
    made = repository.add_application(store, repository.NewApplication("Hooli", "Engineer"))
    repository.add_interview(store, made, starts_at=NOW - timedelta(days=6))
    store.close()
    app = make_app(NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-kind", Select).value = "offer"  # offered beside reply
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: "offer" in list_lines(app)[0])
        said = [n.message for n in app._notifications]
        assert "Logged; interviewing → offer." in said, said
        assert "still being considered" not in "".join(list_lines(app))
