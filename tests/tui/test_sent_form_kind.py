"""The form for a message sent (`s`) starts with the kind of message the first action asks
for: a reply with times to talk is logged as 'other', never as a thank-you before any
interview; a thank-you due is a thank-you."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Select

from followup.domain.model import Direction, TouchpointKind
from followup.store import repository
from followup.store.db import Store
from tests.tui.conftest import NOW, wait_for
from tests.tui.test_app import _seed


async def _kind_offered(app, pilot, application_id: int) -> str:
    await wait_for(pilot, lambda: app.ticks >= 1)
    await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
    await pilot.press("g")  # from the top
    for _ in range(10):
        if app.screen.list.selected_id == application_id:
            break
        await pilot.press("j")
        await pilot.pause(0.1)
    assert app.screen.list.selected_id == application_id
    await wait_for(pilot, lambda: bool(app.known_actions(application_id)))
    await pilot.press("s")
    await wait_for(pilot, lambda: bool(app.screen.query("#field-kind")))
    return str(app.screen.query_one("#field-kind", Select).value)


async def test_the_sent_form_offers_the_kind_the_action_asks_for(make_app, db_path):
    interviewed = _seed(db_path)
    store = Store.open(db_path)
    invited = repository.add_application(
        store, repository.NewApplication("Initech", "Analyst", applied_on=NOW.date()), now=NOW
    )
    repository.log_message(
        store,
        invited,
        kind=TouchpointKind.REPLY,
        direction=Direction.IN,
        subject="A call?",
        body="Could we set up a call next week?",
        at=NOW - timedelta(hours=1),
        now=NOW,
    )
    store.close()
    app = make_app(your_name="Ada")
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _kind_offered(app, pilot, invited) == "other"
        await pilot.press("escape")
        assert await _kind_offered(app, pilot, interviewed) == "thank-you"
