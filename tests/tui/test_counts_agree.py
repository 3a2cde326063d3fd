"""The header's "due today" and the agenda's "Due today" count the same things: what has no
deadline (keep-searching, "find out their timeline") is in neither, and says "no deadline"."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList

from followup.store import repository
from followup.store.db import Store
from tests.tui.conftest import NOW, header, wait_for


async def test_keep_searching_is_not_due_today_in_the_header_or_the_agenda(make_app, db_path):
    store = Store.open(db_path, create=True)
    repository.add_application(
        store,
        repository.NewApplication("Bluefin", "Data Analyst", applied_on=NOW.date()),
        now=NOW - timedelta(days=8),
    )
    store.close()
    app = make_app(NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1 and "keep searching" in header(app))
        assert "● 0 due today" in header(app)
        await pilot.press("t")
        await wait_for(pilot, lambda: app.screen.query(OptionList))
        agenda = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: agenda.option_count > 4)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        assert "Due today (0)" in lines, lines
        searching = [line for line in lines if "Keep searching" in line]
        assert len(searching) == 1 and searching[0].strip().startswith("no deadline"), lines
