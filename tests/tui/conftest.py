"""An app on a temporary database with a fixed clock, as a person would open it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.config import Settings
from followup.domain.clock import FixedClock
from followup.store.db import Store
from followup.tui.app import FollowupApp
from followup.tui.widgets.application_list import ApplicationList
from followup.tui.widgets.counts import CountsBar

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)  # a Wednesday


@pytest.fixture
def make_app(db_path, tmp_path):
    opened: list[Store] = []

    def make(
        now: datetime = NOW, *, path=None, separate_process=False, your_name: str = ""
    ) -> FollowupApp:
        """`your_name`: for a test that opens a draft with `w` but is not about the dialog
        that asks for the name on the first draft."""
        store = Store.open(path or db_path, create=True)
        opened.append(store)
        return FollowupApp(
            store,
            Settings(your_name=your_name),
            FixedClock(now),
            ZONE,
            tick_seconds=1.0,
            config_path=tmp_path / "config.toml",
            separate_process=separate_process,
        )

    yield make
    for store in opened:
        store.close()


def list_lines(app: FollowupApp) -> list[str]:
    """The text of the list rows on screen, as a person reads them."""
    widget = app.screen.query_one(ApplicationList)
    return [widget.render_line(y).text.rstrip() for y in range(min(widget.total, 30))]


def header(app: FollowupApp) -> str:
    return app.screen.query_one(CountsBar).content.plain


async def wait_for(pilot, predicate, timeout: float = 30.0) -> None:
    """Let the app work until `predicate()` holds (the workers run in threads)."""
    waited = 0.0
    while not predicate():
        if waited >= timeout:
            raise AssertionError("the screen never showed what was expected")
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause(0.1)


async def burst(pilot, *keys: str) -> None:
    """Keys as a fast typist or a paste sends them: all in the app's queue at once, none
    waiting for the one before to be handled (unlike `pilot.press`)."""
    import unicodedata

    from textual import events
    from textual.keys import _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(name))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)


def screen_text(app: FollowupApp) -> str:
    """Every line of the top screen as a person reads it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def answer(pilot, yes: bool) -> None:
    """Answer a question that came up on its own (see ConfirmScreen's `unprompted`) as a
    person does: once its buttons wake, Tab to one and Enter."""
    from textual.widgets import Button

    app = pilot.app
    wanted = "#confirm-yes" if yes else "#confirm-no"
    await wait_for(pilot, lambda: not app.screen.query_one(wanted, Button).disabled)
    for _ in range(4):
        if app.screen.focused is not None and app.screen.focused.id == wanted[1:]:
            break
        await pilot.press("tab")
    assert app.screen.focused is not None and app.screen.focused.id == wanted[1:]
    await pilot.press("enter")
