"""80x24: every dialog's buttons and error line are on screen, the footer keeps help and quit."""

from __future__ import annotations

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import ConfirmScreen, FormScreen
from followup.tui.screens.main import MainScreen
from followup.tui.widgets.key_footer import KeyFooter
from tests.tui.conftest import NOW, burst, list_lines, screen_text, wait_for

WIDTH, HEIGHT = 80, 24


def _one(db_path) -> None:
    store = Store.open(db_path, create=True)
    repository.add_application(
        store, repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date())
    )
    store.close()


def _on_screen(widget) -> bool:
    region = widget.region
    return region.height > 0 and region.y >= 0 and region.bottom <= HEIGHT


def _footer(app) -> str:
    footer = app.screen.query_one(KeyFooter)
    return footer.render().plain


async def test_every_dialog_shows_its_buttons_and_error_line_at_80x24(make_app, db_path):
    _one(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        for key in ("a", "i", "s", "r", "S", "n", "c", "f", "e", "I", "C", "x"):
            await pilot.press(key)
            await wait_for(pilot, lambda: not isinstance(app.screen, MainScreen))
            await pilot.pause(0.05)
            screen = app.screen
            if isinstance(screen, FormScreen):
                for name in ("#form-save", "#form-cancel", "#form-error", "#form-title"):
                    assert _on_screen(screen.query_one(name)), (key, name)
            else:
                assert isinstance(screen, ConfirmScreen)
                assert _on_screen(screen.query_one("#confirm-no")), key
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_date_error_keeps_nothing_was_saved_in_sight_at_80x24(make_app, db_path):
    _one(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"the day after never", "tab", "tab", "tab", "tab")
        await pilot.press(*"not a date either", "ctrl+s")
        error = app.screen.query_one("#form-error")
        await wait_for(pilot, lambda: "Nothing was saved" in str(error.content))
        await pilot.pause(0.1)
        assert _on_screen(error)
        assert _on_screen(app.screen.query_one("#form-save"))
        assert _on_screen(app.screen.query_one("#form-cancel"))


async def test_the_footer_keeps_help_and_quit_at_80_columns(make_app, db_path):
    _one(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        line = _footer(app)
        assert "? Keys" in line and "q Quit" in line and "a Add" in line, line
        assert len(line) <= WIDTH
        await pilot.press("t")
        await wait_for(pilot, lambda: not isinstance(app.screen, MainScreen))
        assert "Back" in _footer(app)


async def test_help_says_escape_closes_it(make_app):
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        from rich.console import Console

        console = Console(width=WIDTH, record=True)
        console.print(app.screen.query_one("#help").query_one("Static").content)
        assert "close this, or any dialog" in console.export_text()


def _interviewed(db_path) -> None:
    """An interview that ended this morning: a thank-you is due, with its reason."""
    from datetime import timedelta

    store = Store.open(db_path, create=True)
    ident = repository.add_application(
        store,
        repository.NewApplication(
            "Northwind", "Backend Engineer", applied_on=NOW.date(), source="referral"
        ),
        now=NOW - timedelta(days=10),
    )
    repository.add_interview(store, ident, starts_at=NOW - timedelta(hours=3))
    store.close()


async def test_a_draft_at_80x24_keeps_what_to_do_and_why_in_sight(make_app, db_path):
    _interviewed(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: "thank-you" in screen_text(app))
        await pilot.press("w")
        await wait_for(pilot, lambda: "Draft thank-you" in screen_text(app))
        shown = screen_text(app)
        assert "What to do" in shown
        assert "a thank-you note is due within 24" in shown  # the why
        assert "Thank you for taking the time" in shown  # the draft itself
        footer = _footer(app)
        assert "^q Quit" in footer and "f1 Keys" in footer and "esc Back" in footer, footer
        # Typed keys go to the draft, never to the list's bindings.
        await pilot.press(*"q?x")
        assert isinstance(app.screen, MainScreen)
        assert "q?x" in app.screen.query_one("#draft").text
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Draft thank-you" not in screen_text(app))
        assert "Northwind" in list_lines(app)[0]
        assert "q Quit" in _footer(app) and "? Keys" in _footer(app)
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_f1_and_ctrl_q_work_from_inside_a_draft(make_app, db_path):
    _interviewed(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: "thank-you" in screen_text(app))
        await pilot.press("w")
        await wait_for(pilot, lambda: "Draft thank-you" in screen_text(app))
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        assert "Esc closes this" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)


async def test_a_burst_after_w_at_80x24_lands_in_the_draft_and_its_checks_fit(make_app, db_path):
    _interviewed(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: "thank-you" in screen_text(app))
        await burst(pilot, "w", *"P.S. q? ")
        await wait_for(pilot, lambda: "P.S. q? " in app.screen.query_one("#draft").text)
        shown = screen_text(app)
        assert isinstance(app.screen, MainScreen)
        # The checks that pass are counted, those that do not are listed; the keys show.
        assert "checks pass" in shown and "! fill in" in shown, shown
        assert "^t template" in shown
        draft = app.screen.query_one("#draft")
        assert _on_screen(draft) and draft.region.height >= 6, draft.region
        # A burst through the template chooser: the keys wait for the list.
        await burst(pilot, "ctrl+t", "down", "down", "down", "enter")
        await wait_for(pilot, lambda: "Draft withdraw" in screen_text(app))
