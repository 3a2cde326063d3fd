"""A draft being written gets the room: on any screen the details beside it shrink to what to
do and why, and the draft takes most of the height."""

from __future__ import annotations

from datetime import timedelta

import pytest

from followup.store import repository
from followup.store.db import Store
from tests.tui.conftest import NOW, burst, list_lines, screen_text, wait_for


def _interviewed(db_path) -> None:
    store = Store.open(db_path, create=True)
    ident = repository.add_application(
        store,
        repository.NewApplication(
            "Northwind", "Backend Engineer", applied_on=NOW.date() - timedelta(days=20)
        ),
    )
    repository.add_interview(
        store,
        ident,
        starts_at=NOW - timedelta(hours=3),
        interviewers=["Priya Patel"],
        notes="Talked about the migration.",
        now=NOW,
    )
    store.close()


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (160, 50)])
async def test_the_draft_takes_most_of_the_height_beside_what_to_do(make_app, db_path, size):
    _interviewed(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await wait_for(pilot, lambda: "What to do" in screen_text(app))
        await burst(pilot, "w")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "draft")
        await pilot.pause(0.2)
        shown = screen_text(app)
        draft = app.screen.query_one("#draft").region
        column = app.screen.query_one("#side-pane").region
        assert draft.height * 2 >= column.height, (draft, column, shown)
        # Beside it: whose it is, what to do and why; the rest of the details wait.
        assert "thank-you" in shown and "What to do" in shown, shown
        assert "Draft thank-you to Priya Patel" in shown, shown
        assert "priority 3" not in shown, shown
        # Back to the list: the details are whole again.
        await pilot.press("escape")
        await wait_for(pilot, lambda: "priority 3" in screen_text(app))
