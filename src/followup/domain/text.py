"""Showing a person's own text safely in a terminal: control characters become visible."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, single_line: bool = True) -> str:
    """`text` with escape codes and other control characters shown as \\xNN, not obeyed.

    Bidirectional overrides are shown too, so right-to-left text cannot reorder a table.
    """
    if text.isprintable():  # most text: nothing to show differently (and no line breaks)
        return text
    shown = _CONTROL.sub(_escape, text)
    if single_line:
        shown = shown.replace("\n", " ").replace("\t", " ")
    return shown


def clip(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def counted(count: int, plural: str) -> str:
    """`count` things in words: "1 reply", "2 replies", "1 contact", "0 contacts"."""
    if count != 1:
        return f"{count} {plural}"
    if plural.endswith("ies"):
        return f"1 {plural[:-3]}y"
    return f"1 {plural[:-1]}" if plural.endswith("s") else f"1 {plural}"
