"""The footer: the keys a person needs, on one line drawn as text.

Textual's Footer mounts a widget per key, again each time the focus moves, and first after
the first frame: at start-up that cost the first keys a few hundred milliseconds. This one
draws a line. On a narrow screen it drops keys from the middle, never help, quit or the
palette.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

# Shown whatever the width: how to get help, how to leave, where every action is.
ALWAYS = ("help", "quit", "command_palette", "leave")


class KeyFooter(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # x from, x to, key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys(self) -> list[tuple[str, str, str, bool]]:
        """(key as typed, key as shown, what it does, kept on a narrow screen)."""
        found: list[tuple[str, str, str, bool]] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            # `q` on the screen and ctrl+q on the app are one action: shown once, the first.
            action = binding.action.removeprefix("app.")
            if not binding.show or not binding.description or action in seen:
                continue
            seen.add(action)
            shown = self.app.get_key_display(binding)
            found.append((key, shown, binding.description, action in ALWAYS))
        palette = self.app.COMMAND_PALETTE_BINDING
        if self.app.ENABLE_COMMAND_PALETTE and palette in self.screen.active_bindings:
            binding = self.screen.active_bindings[palette].binding
            found.append((palette, self.app.get_key_display(binding), "palette", True))
        return found

    def render(self) -> Text:
        keys = self._keys()
        width = self.size.width

        def cells(item: tuple[str, str, str, bool]) -> int:
            return len(item[1]) + len(item[2]) + 4  # " k what" and a space on each side

        # Drop optional keys from the end of the optional ones until the line fits.
        while sum(cells(item) for item in keys) > width:
            optional = [i for i, item in enumerate(keys) if not item[3]]
            if not optional:
                break
            del keys[optional[-1]]
        text = Text(no_wrap=True, overflow="crop")
        key_style = self.get_component_rich_style("key-footer--key")
        self._spans = []
        for key, shown, what, _ in keys:
            start = text.cell_len
            text.append(f" {shown} ", key_style)
            text.append(what + " ")
            self._spans.append((start, text.cell_len, key))
            text.append(" ")
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
