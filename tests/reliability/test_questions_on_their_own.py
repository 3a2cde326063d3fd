"""A question that comes up on its own (the data file replaced under the app) is never
answered by keys typed for something else: a note's "n", "y" or Enter leave it open and
change nothing; it is answered deliberately, with Tab and Enter, once its buttons wake."""

from __future__ import annotations

import os

from textual.widgets import Button, TextArea

from followup.tui.screens.form import ConfirmScreen, FormScreen
from tests.reliability.test_file_replaced import _app, _holding
from tests.tui.conftest import answer, list_lines, wait_for

AN_HOUR = 3600


async def test_keys_typed_in_a_note_do_not_answer_the_file_replaced_question(db_path):
    _holding(db_path, "Kept")
    app = _app(db_path, tick_seconds=AN_HOUR)
    aside = db_path.with_name("aside.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await pilot.press("n")  # the notes form
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Said yes")
        os.replace(db_path, aside)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        # The person, still typing their note, has not looked up yet.
        await pilot.press(*" and then no", "enter", "y", "n", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause(ConfirmScreen.QUIET + 0.2)
        await pilot.press("n", "y", "enter", "escape")
        assert isinstance(app.screen, ConfirmScreen)  # still asking: no letter answers it
        buttons = [str(button.label) for button in app.screen.query(Button)]
        assert buttons == ["Write it", "No"]  # nothing at the path now: moved away
        await answer(pilot, yes=False)
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        typed = app.screen.query_one(TextArea).text
        assert typed.startswith("Said yes")  # the note is still there to keep
