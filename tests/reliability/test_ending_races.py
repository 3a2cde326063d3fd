"""A signal's end racing what the person just did: a key read as the signal came, a dialog
still opening. The app ends with the signal's code, by itself (not by the last resort), and
shows no traceback.

`end_on_signal` is what the signal handler asks the app to do (see `followup.tui.ending`);
it is called here directly, since a real signal would end the test's own process.
"""

from __future__ import annotations

import contextvars
from datetime import timedelta

import pytest

from tests.tui.conftest import NOW, burst, wait_for
from tests.tui.test_app import _seed


@pytest.mark.parametrize("key", ["w", "a", "i", "n", "question_mark", "t", "slash"])
async def test_a_key_handled_after_the_signal_opens_nothing_and_raises_nothing(
    make_app, db_path, key
):
    # `w` mounted the compose pane into a screen already being taken away: a traceback.
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        await burst(pilot, key)  # read from the terminal, not yet handled
        app.end_on_signal(143)
        await wait_for(pilot, lambda: not app.is_running, timeout=5)
    assert app.return_code == 143  # (run_test raises what the app raised)


async def test_a_signal_while_a_dialog_opens_ends_the_app_from_outside_its_context(
    make_app, db_path
):
    # A signal that comes while the app is idle is handled outside Textual's context, where
    # the app's own timers never fire: its wait for the dialog to settle never ended.
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        app.screen.action_add()  # `a`: the quick-add dialog, pushed but not yet mounted
        contextvars.Context().run(app.end_on_signal, 143)
        await wait_for(pilot, lambda: not app.is_running, timeout=5)
    assert app.return_code == 143
