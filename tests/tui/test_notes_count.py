"""Notes written with `n` after an interview ended count for the notes rule (issue 14)."""

from __future__ import annotations

from datetime import timedelta

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import FormScreen
from tests.tui.conftest import NOW, wait_for


async def test_notes_written_with_n_after_the_interview_clear_the_notes_reminder(make_app, db_path):
    store = Store.open(db_path, create=True)
    ident = repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=10),
    )
    repository.add_interview(store, ident, starts_at=NOW - timedelta(hours=3))
    store.close()

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "Write down your interview notes" in str(detail.content))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"They use Go; ask about on-call")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: "ask about on-call" in str(detail.content))
        await wait_for(pilot, lambda: "Write down your interview notes" not in str(detail.content))
        assert "Send a thank-you note" in str(detail.content)  # the rest still stands


async def test_the_notes_form_writes_the_latest_interviews_own_notes(make_app, db_path):
    store = Store.open(db_path, create=True)
    ident = repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=10),
    )
    repository.add_interview(store, ident, starts_at=NOW - timedelta(hours=3))
    store.close()

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "Write down your interview notes" in str(detail.content))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-interview_notes").focus()
        await pilot.press(*"Strong on SQL")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: "notes: Strong on SQL" in str(detail.content))
        await wait_for(pilot, lambda: "Write down your interview notes" not in str(detail.content))
    assert "Notes" not in str(detail.content).split("What to do")[1].split("Interviews")[0]
