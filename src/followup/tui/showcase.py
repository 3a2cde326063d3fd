"""Deterministic scenes of the real app on demo data at a fixed moment: the snapshot tests and
`make screenshots` both use them, so the README shows what the tests check.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from followup.config import Settings
from followup.domain.clock import FixedClock
from followup.store import demo
from followup.store.db import Store
from followup.tui.app import FollowupApp

ZONE = ZoneInfo("Europe/Berlin")
MOMENT = datetime(2026, 11, 18, 9, 30, tzinfo=ZONE)  # a Wednesday morning


def demo_app(path: Path, *, size: int = 40, now: datetime = MOMENT) -> FollowupApp:
    """An app on a fresh demo database at `path` (created if missing)."""
    fresh = not path.exists()
    store = Store.open(path, create=True)
    if fresh:
        demo.fill(store, size=size, now=now, zone=ZONE)
        # One rules pass, as `followup demo` makes: the first frame is the true one.
        from followup.store.evaluation import Evaluator

        Evaluator(store, Settings().policy, ZONE).summarize(now)
    return FollowupApp(
        store, Settings(), FixedClock(now), ZONE, tick_seconds=3600, separate_process=False
    )


async def settled(pilot) -> None:
    """Wait until the rules ran, the list shows its rows and the details are filled in."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.05)
        screen = app.screen
        if app.ticks < 1 or not hasattr(screen, "list"):
            continue
        rows = screen.list
        if rows.loaded and (rows.total == 0 or rows.row_at(0) is not None):
            detail = screen.query_one("#detail-body")
            if rows.total == 0 or str(detail.content):
                break
    await pilot.pause(0.3)


async def steady(pilot) -> None:
    """Stop blinking cursors, so two pictures of the same screen are the same picture."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause(0.2)


async def wait_until(pilot, condition, limit: float = 10.0) -> None:
    waited = 0.0
    while not condition() and waited < limit:
        await pilot.pause(0.05)
        waited += 0.05


async def main_screen(pilot) -> None:
    await settled(pilot)


async def agenda(pilot) -> None:
    from textual.widgets import OptionList

    await settled(pilot)
    await pilot.press("t")
    for _ in range(200):
        await pilot.pause(0.05)
        lists = pilot.app.screen.query(OptionList)
        if lists and lists.first().option_count > 1:
            break
    await pilot.pause(0.3)


async def quick_add_error(pilot) -> None:
    await settled(pilot)
    await pilot.press("a")
    await pilot.pause(0.3)
    await pilot.press(*"Lighthouse Labs", "tab", *"Staff Engineer", "tab", "tab")
    await pilot.press(*"the twelfth of never")
    await pilot.press("enter")
    await wait_until(pilot, lambda: str(pilot.app.screen.query_one("#form-error").content))
    await steady(pilot)


async def compose(pilot) -> None:
    await settled(pilot)
    await pilot.press("slash", *"Marigold Foods", "enter")
    for _ in range(100):
        await pilot.pause(0.05)
        if pilot.app.screen.list.total == 2 and pilot.app.screen.list.row_at(0) is not None:
            break
    await pilot.press("w")
    for _ in range(100):
        await pilot.pause(0.05)
        found = pilot.app.screen.query("#draft")
        if found and "thank" in found.first().text.lower():
            break
    await wait_until(pilot, lambda: str(pilot.app.screen.query_one("#compose-checks").content))
    # The draft takes the focus (and shows its cursor) a moment after it is filled.
    await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "draft")
    await steady(pilot)


async def stats_view(pilot) -> None:
    await settled(pilot)
    await pilot.press("v")
    for _ in range(100):
        await pilot.pause(0.05)
        body = pilot.app.screen.query("#stats-body")
        if body and "Funnel" in str(body.first().content):
            break
    await pilot.pause(0.3)


SCENES = {
    "main": (main_screen, (120, 36)),
    "agenda": (agenda, (120, 36)),
    "quick-add-error": (quick_add_error, (120, 36)),
    "narrow-80x24": (main_screen, (80, 24)),
    "compose": (compose, (120, 40)),
    "compose-80x24": (compose, (80, 24)),
    "compose-100x30": (compose, (100, 30)),
    "compose-160x50": (compose, (160, 50)),
    "stats": (stats_view, (100, 30)),
}
