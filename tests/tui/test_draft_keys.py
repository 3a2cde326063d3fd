"""Keys in a draft go where the person means them: typed at once after `w`, into the first
gap however far down it is; Tab to the gap, also when there is only one."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta

from followup.domain.model import ContactRole
from followup.store import repository
from followup.store.db import Store
from tests.tui.conftest import NOW, burst, screen_text, wait_for

GAP = re.compile(r"\[[^\]]+\]")


def _interviewed(db_path) -> int:
    """Interviewed yesterday by Priya Patel, whose first name the thank-you knows: its first
    gap to fill is far down the letter."""
    store = Store.open(db_path, create=True)
    ident = repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=10),
    )
    repository.add_interview(
        store,
        ident,
        starts_at=NOW - timedelta(hours=20),
        interviewers=["Priya Patel"],
        they_said="they ship every week",
    )
    repository.add_contact(store, ident, name="Priya Patel", role=ContactRole.INTERVIEWER)
    store.close()
    with sqlite3.connect(db_path) as connection:  # what the interview form's notes hold
        connection.execute(
            "UPDATE interviews SET strong_points = 'the incident review I led', "
            "weak_answers = 'estimating the migration'"
        )
    return ident


def _told(app) -> str:
    """What the app said in its notifications (toasts)."""
    return "\n".join(str(n.message) for n in app._notifications)


def _first_gap(text: str) -> str:
    return next(gap for gap in GAP.findall(text) if gap != "[your name]")


async def _draft(app, pilot):
    from followup.tui.widgets.compose import ComposePane

    await wait_for(pilot, lambda: app.screen.query(ComposePane))
    pane = app.screen.query_one(ComposePane)
    area = pane.query_one("#draft")
    await wait_for(pilot, lambda: area.has_focus and pane.prepared is not None)
    return pane, area


async def test_keys_typed_at_once_after_w_replace_the_first_gap_however_far_down(make_app, db_path):
    ident = _interviewed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == ident)
        prepared = app.prepare_draft(ident)
        assert prepared is not None
        gap = _first_gap(prepared.text)
        await burst(pilot, "w", *"XYZ")
        pane, area = await _draft(app, pilot)
        await wait_for(pilot, lambda: "XYZ" in area.text)
        await pilot.pause(0.3)
        assert area.text == prepared.text.replace(gap, "XYZ", 1)
        assert "XYZ" in screen_text(app)  # scrolled to where the typing goes


async def test_tab_goes_to_a_drafts_only_gap_from_anywhere_and_says_it_is_the_only_one(
    make_app, db_path
):
    ident = _interviewed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Ada")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == ident)
        await pilot.press("w")
        pane, area = await _draft(app, pilot)
        gaps = GAP.findall(area.text)
        assert len(gaps) == 1, gaps
        await pilot.press("ctrl+end", "tab")  # past the only gap: Tab goes back up to it
        assert area.selected_text == gaps[0]
        await pilot.press("tab")  # again: it stays, and says there is no other
        assert area.selected_text == gaps[0]
        await wait_for(pilot, lambda: "only [gap] to fill in" in _told(app))
        await pilot.press(*"ABC", "tab")
        assert gaps[0] not in area.text and "ABC" in area.text
        await wait_for(pilot, lambda: "Nothing left to fill in" in _told(app))
        assert area.has_focus
