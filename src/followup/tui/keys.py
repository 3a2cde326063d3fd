"""Keys in order: a key that runs a binding is finished before the next key is routed, and no
key is routed to a screen that is not yet shown with its focus.

Textual routes a key by posting it to the focused widget's queue and moves on to the next
key at once; a binding such as `a` runs later, when the key has bubbled back up to the app.
Keys typed in a burst (a fast typist, a paste, keys pressed while a dialog opens) were
therefore all delivered to the list before `a` had opened the quick-add dialog, and the keys
after Tab went to the field that was about to lose the focus. Here a key that some binding
may take waits, before the next key is routed, until it has travelled through every widget
on its way up; and any key waits until the screen on top is mounted and has taken its focus.
Typing into a field (keys no binding takes) goes straight through, as before.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

# A key is never held longer than this, whatever goes wrong: a late key is better than a
# lost one. Seconds; a busy machine can take a second or two to open a dialog.
LONGEST_HOLD = 8.0
# How often a held key looks whether the screen it was sent to has gone (its markers go with
# it): then only the screen now on top matters. Seconds.
LOOK_AGAIN = 0.02


class KeyGate:
    """Routes keys and pastes in order, each once the screen is ready for it."""

    def __init__(self, app: App, route: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.route = route  # Textual's own routing (App.on_event)
        self.waiting: deque[events.Event] = deque()
        self.busy = False  # a key is on its way, or the screen is not ready for the next
        self._turn = 0  # which wait the callbacks in flight belong to
        self._deadline: asyncio.TimerHandle | None = None
        self._in_flight: events.Event | None = None  # a key a binding may take

    @staticmethod
    def holds(event: events.Event) -> bool:
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    async def arrived(self, event: events.Event) -> None:
        self.waiting.append(event)
        if not self.busy:
            await self._next()

    async def _next(self, forced: bool = False) -> None:
        while self.waiting and not self.busy:
            screen = _top(self.app)
            if screen is None:
                self._wait(lambda turn: self._round_trip(turn, 0))
                return
            if not _ready(screen) and not forced:
                self._wait(lambda turn: self._round_trip(turn, 0))
                return
            forced = False  # one key only, after a wait that never ended
            event = self.waiting.popleft()
            target = self.app.focused or screen
            bound = isinstance(event, events.Key) and _bound(screen, event.key)
            if bound:
                self._in_flight = event
            await self.route(event)
            if bound and self._in_flight is not None:
                # Its binding runs when it comes back up to the app (`came_back`); if a
                # widget on the way keeps it, a marker behind it says when it is done.
                path = [target, *target.ancestors]
                self._wait(
                    lambda turn, path=path: self._follow(
                        turn, path, lambda: self._round_trip(turn, 0)
                    )
                )

    def came_back(self, event: events.Event) -> None:
        """The app has handled a key that bubbled up (its binding, if any, has run)."""
        if self._in_flight is not event:
            return
        self._in_flight = None
        if self.busy:
            # What the binding set going (a screen's mount, a message such as a field's
            # Submitted on its way up) is handled before the next key is routed.
            self._round_trip(self._turn, 0)

    def _wait(self, start: Callable[[int], None]) -> None:
        self.busy = True
        self._turn += 1
        turn = self._turn
        loop = asyncio.get_running_loop()
        self._deadline = loop.call_later(LONGEST_HOLD, self._settled, turn, True)
        loop.call_later(LOOK_AGAIN, self._look, turn, _top(self.app))
        start(turn)

    def _look(self, turn: int, origin: Screen | None) -> None:
        if turn != self._turn or not self.busy:
            return
        if _top(self.app) is not origin or origin is None or not origin.is_attached:
            self._round_trip(turn, 0)  # the key closed or opened a screen: its work is done
            return
        asyncio.get_running_loop().call_later(LOOK_AGAIN, self._look, turn, origin)

    def _follow(self, turn: int, path: list[DOMNode], then: Callable[[], None]) -> None:
        """Pass a marker along `path`: it reaches each node after what was sent there
        before it (the key, or a message a binding posted, bubbling up), then `then`."""
        while path:
            node = path.pop(0)
            if node.call_later(self._follow, turn, path, then):
                return
        if turn == self._turn:
            then()

    def _round_trip(self, turn: int, attempts: int) -> None:
        """Along the path from the focus (or the screen on top) up to the app, so that what
        is under way there has been handled (a mount, a resume, a form's Submitted, a
        focus), then look again."""
        screen = _top(self.app)
        start = (self.app.focused or screen) if screen is not None else None
        if attempts >= 20 or start is None:
            self.app.set_timer(0.01, lambda: self._when_ready(turn, attempts))
            return
        path = [start, *start.ancestors]
        if path[-1] is not self.app:
            path.append(self.app)
        self._follow(turn, path, lambda: self._when_ready(turn, attempts))

    def _when_ready(self, turn: int, attempts: int) -> None:
        if turn != self._turn:
            return
        screen = _top(self.app)
        if screen is not None and _ready(screen):
            self._settled(turn)
        else:
            self._round_trip(turn, attempts + 1)

    def _settled(self, turn: int, forced: bool = False) -> None:
        if turn != self._turn or not self.busy:
            return
        self.busy = False
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if self.waiting:
            self.app.call_later(self._next, forced)


def _top(app: App) -> Screen | None:
    """The screen on top, or None before the first one is pushed."""
    return app.screen_stack[-1] if app.screen_stack else None


def _ready(screen: Screen) -> bool:
    """Mounted (its on_mount has run, where our screens take their focus; a focus set later
    through the app's queue is waited for by the round trip after a binding), and not
    holding keys (a form while its save is on its way)."""
    return screen.is_mounted and screen.is_attached and not getattr(screen, "holding_keys", False)


def _bound(screen: Screen, key: str) -> bool:
    """Whether a binding on the way from the focused widget up to the app may take `key`."""
    return any(key in bindings.key_to_bindings for _, bindings in screen._binding_chain)
