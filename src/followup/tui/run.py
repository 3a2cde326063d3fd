"""Starting the full-screen app from the command line: store, settings and clock in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.cli.context import Context
    from followup.config import Settings


def run_app(context: Context, settings: Settings, *, path: Path | None = None) -> int:
    from followup.store.db import Store
    from followup.tui.app import FollowupApp

    store = Store.open(path or context.db_path)
    try:
        app = FollowupApp(
            store, settings, context.clock, context.zone, config_path=context.config_path
        )
        app.run()
        return app.return_code or 0
    finally:
        store.close()
