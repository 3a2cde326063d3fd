"""Keys typed in a burst (a fast typist, a paste, keys pressed while a dialog opens) are
neither lost nor sent anywhere but where the person meant them."""

from __future__ import annotations

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import FormScreen
from followup.tui.screens.main import MainScreen
from tests.tui.conftest import NOW, burst, list_lines, wait_for


def _one(db_path) -> None:
    store = Store.open(db_path, create=True)
    repository.add_application(
        store, repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date())
    )
    store.close()


def _companies(app) -> list[tuple[str, str]]:
    return sorted((a["company"], a["role"]) for a in repository.list_applications(app.store))


async def test_quick_add_typed_as_one_burst_with_the_a_saves_what_was_typed(make_app, db_path):
    _one(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await burst(pilot, "a", *"Globex", "tab", *"Research Scientist", "enter")
        await wait_for(pilot, lambda: len(_companies(app)) == 2)
        assert ("Globex", "Research Scientist") in _companies(app)
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: any("Globex" in line for line in list_lines(app)))


async def test_quick_add_burst_after_the_dialog_opened(make_app, db_path):
    _one(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await burst(pilot, *"Globex", "tab", *"Research Scientist", "enter")
        await wait_for(pilot, lambda: len(_companies(app)) == 2)
        assert ("Globex", "Research Scientist") in _companies(app)


async def test_keys_after_enter_wait_for_the_form_to_close(make_app, db_path):
    _one(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await burst(pilot, "a", *"Globex", "tab", *"Research Scientist", "enter", "question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        assert ("Globex", "Research Scientist") in _companies(app)  # no "?" in the role


async def test_every_form_typed_as_one_burst_saves_what_was_typed(make_app, db_path):
    _one(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        (chosen,) = [a["id"] for a in repository.list_applications(app.store)]
        await wait_for(pilot, lambda: app.screen.list.selected_id == chosen)

        await burst(pilot, "i", *"yesterday 10am", "tab", "tab", "tab", *"Priya Patel", "ctrl+s")
        await burst(pilot, "r", "tab", "tab", "tab", *"Sam Lee", "ctrl+s")
        await burst(pilot, "c", *"Ada Byron", "tab", "tab", *"Recruiter", "ctrl+s")
        await burst(pilot, "f", *"Grace Hopper", "tab", *"former manager", "ctrl+s")
        await burst(pilot, "n", *"Bring the portfolio", "ctrl+s")

        def saved() -> dict:
            return repository.application_detail(app.store, chosen)

        try:
            await wait_for(pilot, lambda: saved()["notes"] == "Bring the portfolio", timeout=10)
        except AssertionError:
            raise AssertionError(repr(saved())[:1500]) from None
        record = saved()
        assert [i["interviewers"] for i in record["interviews"]] == [["Priya Patel"]]
        assert [(t["direction"], t["contact"]) for t in record["touchpoints"]] == [
            ("in", "Sam Lee")
        ]
        assert {c["name"] for c in record["contacts"]} >= {"Priya Patel", "Sam Lee", "Ada Byron"}
        assert [r["name"] for r in record["references"]] == ["Grace Hopper"]
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.list


async def test_after_every_dialog_the_keys_go_to_the_list(make_app, db_path):
    _one(db_path)
    store = Store.open(db_path)
    repository.add_application(store, repository.NewApplication("Bluefin", "Data Analyst"))
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        detail = app.screen.query_one("#detail-body")
        names = [line.split()[1] for line in list_lines(app)]
        await wait_for(pilot, lambda: names[0] in str(detail.content))
        at = 0
        dialogs = ["question_mark", "a", "i", "s", "r", "S", "n", "c", "f", "e", "I", "C", "x"]
        for key in [*dialogs, "t", "v", "ctrl+p"]:
            # The dialog opens, Escape closes it, and the next key moves the list's cursor.
            at = 1 - at
            await burst(pilot, key, "escape", "j" if at else "k")
            await wait_for(pilot, lambda at=at: names[at] in str(detail.content))
            assert isinstance(app.screen, MainScreen), key
            assert app.focused is app.screen.list, key
            assert not app.screen.query_one("#filter").display, key
        assert len(list_lines(app)) == 2  # nothing typed went into a filter


async def test_a_filter_holding_text_stays_in_sight_and_escape_clears_it(make_app, db_path):
    _one(db_path)
    store = Store.open(db_path)
    repository.add_application(store, repository.NewApplication("Bluefin", "Data Analyst"))
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        box = app.screen.query_one("#filter")
        await burst(pilot, "slash", *"blue", "enter")
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await burst(pilot, "question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause(0.05)
        assert box.display and box.value == "blue"
        assert box.region.height > 0 and box.region.y < 24  # on screen, with its text
        assert app.focused is app.screen.list
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        assert not box.display and box.value == ""
