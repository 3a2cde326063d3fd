"""Starting the full-screen app from the command line: store, settings and clock in."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from datetime import tzinfo

    from followup.config import Settings
    from followup.domain.clock import Clock


def run_app(
    target: Path, settings: Settings, clock: Clock, zone: tzinfo, config_path: Path
) -> NoReturn:
    """The app on the data file `target` until it ends; the process ends with it."""
    from followup.tui.ending import ENDING

    # First of all: a terminal closed or a SIGTERM during start-up ends it too.
    ENDING.install()
    from followup.store.header import reader

    # A current file: the first rows need not wait for SQLAlchemy (see DeferredStore), nor
    # for Textual: they are read while it loads. Any other file (new, older, damaged) is
    # opened, made or refused by `Store` first, as it says.
    current = reader(target)
    if current is not None:
        from followup.store import listing
        from followup.store.deferred import DeferredStore

        current.close()
        store = DeferredStore(target)
        listing.read_ahead(store)
    else:
        from followup.store.db import Store

        store = Store.open(target)
    try:
        from followup.tui.app import FollowupApp

        app = FollowupApp(store, settings, clock, zone, config_path=config_path)
        ENDING.app = app
        # A loop of our own: `asyncio.run` would wait, after the screen has closed, for the
        # thread workers still reading (or importing) to finish, a second or more at 100,000
        # applications, and the ending would be left to the last resort.
        import asyncio  # here: the everyday commands import this module and need no loop

        app.run(loop=asyncio.new_event_loop())
        if app.farewell:  # one line, after the screen is given back
            with suppress(OSError, ValueError):
                print(app.farewell, file=sys.stderr, flush=True)
        # A signal taken after the screen closed still says how the app ended.
        code = ENDING.code or app.return_code or 0
    finally:
        store.close()
    end_now(code)


def end_now(code: int) -> NoReturn:
    """End the process as soon as the app is done with the data file: every write has landed
    or been kept aside (see `way_out`) and the store is closed. What may still run (a thread
    worker reading for a screen that is gone, the rules process's manager thread) has nothing
    to save, and waiting for it is how a closed terminal left the app hanging on."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError, AttributeError):
            stream.flush()
    from followup.tui.ending import ENDING

    if ENDING.code is not None:  # ended by a signal: whatever else it reached, the modes are ours
        ENDING.give_back_terminal()
        from followup.tui.ending import editor_leftovers

        if said := editor_leftovers():  # the editor was ended with the app
            with suppress(OSError, ValueError):
                print(said, file=sys.stderr, flush=True)
    os._exit(code)
