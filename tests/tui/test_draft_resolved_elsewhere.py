"""A draft whose action is resolved elsewhere while it is being written (a shell logs the
message) stays open, with the focus, and says so: the letters typed next go on into the draft,
never to the list as commands (a `q` quit the app)."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from tests.tui.conftest import NOW, wait_for
from tests.tui.test_app import _seed


async def test_the_draft_stays_when_its_action_is_done_elsewhere(make_app, db_path, cli):
    interviewed = _seed(db_path)
    app = make_app(your_name="Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1)
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        await pilot.press("w")
        await wait_for(
            pilot,
            lambda: (
                bool(app.screen.query("#draft"))
                and app.focused is not None
                and app.focused.id == "draft"
            ),
        )
        await pilot.press(*"Hello ")
        done = cli("log", str(interviewed), "--kind", "thank-you", "--now", NOW.isoformat())
        assert done.code == 0, done.err
        title = app.screen.query_one("#compose-title", Static)
        await wait_for(pilot, lambda: "nothing is asked for now" in str(title.content))
        await pilot.press(*"quite")
        await pilot.pause(0.3)
        assert app.is_running  # the q was a letter of the draft, not Quit
        assert app.focused is not None and app.focused.id == "draft"
        assert "quite" in app.screen.query_one("#draft", TextArea).text
