"""The forms read dates as the shell does: an interview needs a time, a message logged is not
ahead of now; a refusal says what was understood and writes nothing."""

from __future__ import annotations

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import FormScreen
from tests.tui.conftest import list_lines, wait_for


def _one(db_path) -> int:
    store = Store.open(db_path, create=True)
    made = repository.add_application(store, repository.NewApplication("Hooli", "Engineer"))
    store.close()
    return made


async def _refused(app, pilot, key: str, field: str, typed: str) -> str:
    await pilot.press(key)
    await wait_for(pilot, lambda: app.screen.query(f"#field-{field}"))
    app.screen.query_one(f"#field-{field}").value = typed
    await pilot.press("ctrl+s")
    await wait_for(
        pilot, lambda: "Nothing was saved" in str(app.screen.query_one("#form-error").content)
    )
    hint = str(app.screen.query_one(f"#hint-{field}").content)
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
    return hint


async def test_an_interview_without_a_time_and_a_reply_from_tomorrow_are_refused(make_app, db_path):
    made = _one(db_path)
    app = make_app()  # Wed 18 Nov 2026 12:00
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        hint = await _refused(app, pilot, "i", "at", "fri")
        assert hint == (
            "Starts 'fri' read as Fri 20 Nov 2026, with no time of day: an interview needs one "
            "(e.g. 'fri 10am')"
        )
        hint = await _refused(app, pilot, "r", "at", "tomorrow 9am")
        assert hint == (
            "When 'tomorrow 9am' read as Thu 19 Nov 2026 09:00: that is in the future; it must "
            "be now (Wed 18 Nov 2026 12:00) or earlier"
        )
    record = repository.application_detail(app.store, made)
    assert record["interviews"] == [] and record["touchpoints"] == []
