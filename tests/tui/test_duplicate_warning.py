"""Quick-add's warning about a company that already has an application shows whatever the
typing speed: typed faster than it is looked up, it is said when the save lands."""

from __future__ import annotations

from datetime import timedelta

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.main import MainScreen
from tests.tui.conftest import NOW, burst, list_lines, screen_text, wait_for


def _northwind(db_path) -> None:
    store = Store.open(db_path, create=True)
    repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=1),
    )
    store.close()


def _said(app) -> str:
    """What the app's notifications said (with their titles)."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def _count(app) -> int:
    return len(repository.list_applications(app.store))


async def test_quick_add_typed_in_one_burst_still_says_the_company_is_there(make_app, db_path):
    _northwind(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await burst(pilot, "a", *"Northwind", "tab", *"Data Analyst", "enter")
        await wait_for(pilot, lambda: _count(app) == 2)  # a warning, not a refusal
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: "Already there" in _said(app))
        shown = _said(app)
        assert "Northwind" in shown, shown
        assert "Backend Engineer (applied, applied 18 Nov 2026), still open" in shown, shown


async def test_quick_add_of_a_new_company_says_nothing_of_the_kind(make_app, db_path):
    _northwind(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await burst(pilot, "a", *"Globex", "tab", *"Data Analyst", "enter")
        await wait_for(pilot, lambda: _count(app) == 2)
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: "Added" in _said(app))
        assert "Already there" not in _said(app) + screen_text(app)
