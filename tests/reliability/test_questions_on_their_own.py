"""A question that comes up on its own (the data file replaced under the app) is never
answered by keys typed for something else: a note's "n", "y" or Enter leave it open and
change nothing; it is answered deliberately, with Tab and Enter, once its buttons wake."""

from __future__ import annotations

import os

import pytest
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
        assert buttons == ["No", "Write it"]  # nothing at the path now: moved away
        await answer(pilot, yes=False)
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        typed = app.screen.query_one(TextArea).text
        assert typed.startswith("Said yes")  # the note is still there to keep


def _marked(app) -> list[str]:
    """The labels of the dialog's buttons drawn as focused (reversed), as a person sees them."""
    labels = {str(button.label) for button in app.screen.query(Button)}
    return [
        segment.text.strip()
        for strip in app.screen._compositor.render_strips()
        for segment in strip
        if segment.text.strip() in labels and segment.style and segment.style.reverse
    ]


@pytest.mark.parametrize(
    ("keys", "marked"),
    [(["tab"], "No"), (["shift+tab"], "No"), (["tab", "tab"], "Open it")],
    ids=["tab", "shift+tab", "tab tab"],
)
async def test_the_button_marked_as_focused_is_the_one_enter_presses(db_path, keys, marked):
    """The first Tab lands on a button a person can see marked, the harmless one; Enter
    does what the marked button says, nothing else."""
    _holding(db_path, "Kept")
    other = db_path.with_name("other.db")
    _holding(other, "Other")
    app = _app(db_path, tick_seconds=AN_HOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        os.replace(other, db_path)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await wait_for(pilot, lambda: not app.screen.query_one("#confirm-no", Button).disabled)
        assert _marked(app) == []  # nothing focused yet: Enter presses nothing
        for key in keys:
            await pilot.press(key)
            assert len(_marked(app)) == 1, "every Tab lands on a button shown as focused"
        assert _marked(app) == [marked]
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        if marked == "No":
            await pilot.pause(0.3)
            assert "Kept" in list_lines(app)[0]  # still the old file, as shown before
        else:
            await wait_for(pilot, lambda: "Other" in list_lines(app)[0])


async def test_shift_tab_from_a_forms_first_field_marks_cancel_and_enter_cancels(db_path):
    """The same in a form: no Tab stop that marks nothing (its scrolling area was one)."""
    _holding(db_path, "Kept")
    app = _app(db_path, tick_seconds=AN_HOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Typed")
        await pilot.press("shift+tab")
        assert _marked(app) == ["Cancel"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        assert len(list_lines(app)) == 1
