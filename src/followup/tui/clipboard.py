"""Copying text and opening links, saying truthfully what was done.

A terminal may silently drop the clipboard escape (OSC 52), so a system tool is used when one
is present, and otherwise the person is told the text was only offered to the terminal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

# Tools that take the text on standard input, in the order they are tried.
COPIERS = [
    ("wl-copy", ["wl-copy"], "WAYLAND_DISPLAY"),
    ("xclip", ["xclip", "-selection", "clipboard"], "DISPLAY"),
    ("xsel", ["xsel", "--clipboard", "--input"], "DISPLAY"),
    ("pbcopy", ["pbcopy"], None),
    ("clip.exe", ["clip.exe"], None),
]


def copy(app: App, text: str) -> str:
    """Copy `text`; returns what was done, in words for the person."""
    for name, command, needs in COPIERS:
        if shutil.which(command[0]) is None or (needs and not os.environ.get(needs)):
            continue
        try:
            done = subprocess.run(
                command, input=text.encode(), timeout=3, check=False, capture_output=True
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return f"copied to the clipboard with {name}."
    app.copy_to_clipboard(text)
    return (
        "sent to the terminal's clipboard (OSC 52). No clipboard program was found, and some "
        "terminals (and tmux without set-clipboard) drop it: if pasting gives nothing, select "
        "the text instead."
    )


def opener() -> str | None:
    """The program that will open a link, or None when there is none."""
    if sys.platform == "darwin":
        return "open"
    for name in ("xdg-open", "gio", "wslview"):
        if shutil.which(name):
            return name
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    return getattr(browser, "name", None) or type(browser).__name__
