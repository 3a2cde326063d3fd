"""I: the preview shows the first rows as they will be stored, with its buttons in sight at
80x24, before anything is written."""

from __future__ import annotations

from pathlib import Path

from followup.tui.screens.form import ConfirmScreen, FormScreen
from followup.tui.screens.main import MainScreen
from tests.tui.conftest import answer, burst, list_lines, wait_for

LINKEDIN = Path(__file__).parent.parent / "store" / "import_files" / "linkedin_applications.csv"


async def test_the_import_preview_shows_rows_as_stored_at_80x24(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("I")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-path").value = ""
        await burst(pilot, *str(LINKEDIN), "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").render())
        assert "First rows as they will be stored:" in question
        assert "stage applied · applied on Wed 18 Nov 2026 · source LinkedIn" in question
        assert "recruiter talent@soylent.example" in question
        for button in ("#confirm-yes", "#confirm-no"):
            region = app.screen.query_one(button).region
            assert region.height > 0 and region.bottom <= 24, button
        await answer(pilot, yes=True)
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: len(list_lines(app)) == 3)
