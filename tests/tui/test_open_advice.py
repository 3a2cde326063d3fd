"""Right advice in right words, in the app: what was still open in issue 14."""

from __future__ import annotations

from datetime import timedelta

from followup.tui.screens.form import FormScreen
from tests.tui.conftest import NOW, wait_for
from tests.tui.test_app import _seed


async def test_ctrl_n_opens_with_the_name_you_sign_with(make_app, db_path):
    from textual.widgets import Input

    from followup.tui.widgets.compose import ComposePane

    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        await pilot.press("w")
        area = app.screen.query_one(ComposePane).query_one("#draft")
        await wait_for(pilot, lambda: area.has_focus)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        assert app.screen.query_one("#field-name", Input).value == "Sam Taylor"


async def test_the_header_names_keep_searching_which_no_list_row_shows(make_app, db_path):
    from followup.store import repository
    from followup.store.db import Store
    from tests.tui.conftest import header, list_lines

    store = Store.open(db_path, create=True)
    repository.add_application(
        store,
        repository.NewApplication("Bluefin", "Data Analyst", applied_on=NOW.date()),
        now=NOW - timedelta(days=8),
    )
    store.close()
    app = make_app(NOW)  # 8 days since the last application went out, nothing else due
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1 and "keep searching" in header(app))
        top = header(app)
        assert "● 0 due today" in top, top
        assert len(top) <= 78, top  # whole at 80 columns
        rows = list_lines(app)
        assert not any("today" in row or row.endswith("now") for row in rows), rows


async def test_the_interview_form_records_what_they_said_for_the_thank_you(make_app, db_path):
    from followup.store import repository
    from followup.store.db import Store
    from tests.tui.conftest import list_lines

    store = Store.open(db_path, create=True)
    made = repository.add_application(store, repository.NewApplication("Hooli", "Engineer"))
    store.close()
    app = make_app()  # Wed 18 Nov 2026 12:00
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await pilot.press("i")
        await wait_for(pilot, lambda: app.screen.query("#field-they_said"))
        app.screen.query_one("#field-at").value = "today 9am"
        app.screen.query_one("#field-with").value = "Priya Patel"
        app.screen.query_one("#field-notes").load_text("Private: salary seemed low")
        app.screen.query_one("#field-they_said").load_text("The team ships every Friday.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
    from datetime import timedelta as later
    from zoneinfo import ZoneInfo

    from followup.config import Settings
    from followup.store import drafts

    store = Store.open(db_path)
    try:
        prepared = drafts.prepare(
            store, made, Settings(), NOW + later(hours=2), ZoneInfo("Europe/Berlin")
        )
    finally:
        store.close()
    assert prepared.template == "thank-you"
    assert "hearing that the team ships every Friday" in prepared.text
    assert "salary" not in prepared.text
