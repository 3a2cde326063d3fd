"""`rm` of the data file under the running app: said plainly as deleted, never called
damaged, and what the app still holds can be written back to the path as a new data file,
which the app then saves to again."""

from __future__ import annotations

from followup.tui.screens.form import ConfirmScreen, FormScreen
from tests.reliability.test_file_replaced import _app, _companies, _holding, _quick_add
from tests.tui.conftest import answer, list_lines, wait_for


def _notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_a_deleted_file_is_written_back_from_what_the_app_holds(db_path):
    _holding(db_path, "First", "Second", "Third")
    app = _app(db_path, tick_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 3)
        db_path.unlink()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").content)
        assert "deleted" in question and "no data file at that path" in question
        assert "damaged" not in question
        await answer(pilot, yes=True)
        await wait_for(pilot, lambda: "Wrote 3 applications to" in _notices(app))
        await _quick_add(pilot, app, "Fourth")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: len(list_lines(app)) == 4)
        assert "damaged" not in _notices(app).lower()
        assert not isinstance(app.screen, ConfirmScreen)
    app.store.close()
    assert _companies(db_path) == ["First", "Fourth", "Second", "Third"]
