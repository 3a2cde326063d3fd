"""The app's way out (quit, a signal, its terminal gone): what the person typed is kept first,
in a file that needs no database (see `kept_aside`); then the writes still waiting get their
last try; what is still not saved stays in that file, and one line says where.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.tui.kept_aside import Kept, KeptFile

if TYPE_CHECKING:
    from followup.tui.writes import Write

NOT_YET = (
    "it was waiting to be saved when followup was told to end; if followup did not say "
    "otherwise, it may be in the database after all: look before typing it again"
)
BUSY = "the database stayed busy (another program was writing to it) until followup ended"
OPEN_FORM = "the form was still open, not saved, when followup ended"
FAILED = "it could not be saved"
HELD = "typed just before followup ended, while the screen it was for was still opening"


class WayOut:
    """Taken once per app, from whichever path ends it first."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.farewell: str | None = None  # the line for the terminal, once the app has closed
        self.kept_anything = False
        self._lock = threading.Lock()
        self._taken = False

    def _take(self) -> bool:
        with self._lock:
            taken, self._taken = self._taken, True
            return not taken

    def gather(self) -> list[Kept]:
        """On the UI thread, first: the drafts go into the queue of writes; the forms' typed
        text (which no write holds yet) is returned."""
        if self._taken:  # a draft queued now would never get its last try
            return []
        for pane in self.app.compose_panes:
            pane.save_now()
        return typed_in_forms(self.app) + not_delivered(self.app)

    def leave(self, forms: list[Kept], wait: float) -> str | None:
        """From any thread: keep, try, keep what is left; the line to tell the person."""
        if not self._take():
            return None
        app = self.app
        kept = KeptFile(app.store.path, app.clock.now().astimezone(app.zone))
        first = [_kept(write, NOT_YET) for write in app.writes.pending] + forms
        try:
            if first:
                self._told(first, kept.write(first))  # said even if the last resort comes now
        except OSError:
            pass  # said below, if it is still not saved
        unsaved = app.writes.finish(wait)
        trying = app.writes.trying  # still waiting for the lock: it may yet land
        left = [_kept(write, NOT_YET if write is trying else BUSY) for write in unsaved] + forms
        try:
            where = kept.write(left)
        except OSError as error:
            lost = "; ".join(item.what for item in left)
            self.farewell = f"followup: NOT SAVED ({error}): {lost}"
            self.kept_anything = True
            return self.farewell
        self.farewell, self.kept_anything = None, False  # all landed after all: nothing to say
        return self._told(left, where)

    def _told(self, items: list[Kept], where: Path | None) -> str | None:
        if where is None:
            return None
        self.kept_anything = True
        count = "1 thing" if len(items) == 1 else f"{len(items)} things"
        self.farewell = f"followup: {count} not saved in the database; what you typed is in {where}"
        return self.farewell

    def in_haste(self) -> None:
        """The last resort, from the ending thread while the UI thread is stuck: keep what is
        typed, reading the widgets as they are; no database."""
        if not self._take():
            return
        app = self.app
        items = [_kept(write, NOT_YET) for write in app.writes.pending]
        for pane in list(app.compose_panes):
            text = getattr(pane, "_unsaved", None)
            prepared = getattr(pane, "prepared", None)
            if text is not None and prepared is not None:
                company = prepared.record.get("company", "")
                items.append(Kept(f"the {prepared.template} draft for {company}", NOT_YET, text))
        items += typed_in_forms(app) + not_delivered(app)
        if items:
            where = KeptFile(app.store.path, app.clock.now().astimezone(app.zone)).write(items)
            self._told(items, where)


def kept_once(write: Write) -> Kept:
    """A write that failed while the app runs (not for being busy): kept on its own."""
    return _kept(write, FAILED)


def _kept(write: Write, why: str) -> Kept:
    return Kept(write.what[:1].upper() + write.what[1:], why, write.keep)


def typed_in_forms(app: Any) -> list[Kept]:
    """The text typed in the forms open, which no write holds yet."""
    from followup.tui.screens.form import FormScreen

    found: list[Kept] = []
    for screen in list(app.screen_stack):
        if not isinstance(screen, FormScreen) or not screen.writes:
            continue
        try:
            values = screen.values()
        except Exception:  # a form still being built: nothing typed in it yet
            continue
        typed = [spec for spec in screen.fields if spec.kind != "select"]
        if all(values[spec.name] == spec.value for spec in typed):
            continue  # as it opened (a choice alone is not worth a file)
        text = "\n".join(
            f"{spec.label}: {values[spec.name]}" for spec in screen.fields if values[spec.name]
        )
        pending = getattr(screen, "_pending", None)
        if pending is not None and pending.keep == text:
            continue  # saved with ctrl+s: its write is in the queue, with this very text
        # (Typed on while the save waited: the write holds the text as it was saved.)
        found.append(Kept(f"{screen.form_title}{screen.about}", OPEN_FORM, text))
    return found


def not_delivered(app: Any) -> list[Kept]:
    """Keys typed that were still held for a screen not yet ready (see `keys`)."""
    from textual import events

    typed = ""
    for event in list(getattr(getattr(app, "_keys", None), "waiting", ())):
        if isinstance(event, events.Paste):
            typed += event.text
        elif isinstance(event, events.Key) and event.is_printable and event.character:
            typed += event.character
        elif isinstance(event, events.Key) and event.key == "enter":
            typed += "\n"
    return [Kept("Keys typed but not yet shown", HELD, typed)] if typed.strip() else []
