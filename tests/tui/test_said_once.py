"""The detail pane says what to do once: no "check-in: Check in: …"."""

from __future__ import annotations

from datetime import timedelta

from followup.store import repository
from followup.store.db import Store
from tests.tui.conftest import NOW, wait_for


async def test_the_detail_pane_says_the_check_in_once(make_app, db_path):
    store = Store.open(db_path, create=True)
    applied = (NOW - timedelta(days=12)).date()
    repository.add_application(
        store, repository.NewApplication("Hooli", "Engineer", applied_on=applied), now=NOW
    )
    store.close()
    app = make_app(NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        body = lambda: str(app.screen.query_one("#detail-body").content)  # noqa: E731
        await wait_for(pilot, lambda: "Check in: are you still being considered?" in body())
        assert "check-in: Check in" not in body()
