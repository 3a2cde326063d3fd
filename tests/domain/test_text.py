"""A person's text in a terminal: never obeyed as control codes, otherwise unchanged."""

from hypothesis import given
from hypothesis import strategies as st

from followup.domain.text import visible

BIDI = {"\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def shown_as(char: str, single_line: bool) -> str:
    code = ord(char)
    if char in "\t\n":
        return " " if single_line else char
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    if char in BIDI:
        return f"\\u{code:04x}"
    return char


@given(st.text(st.characters(codec="utf-8") | st.sampled_from(sorted(BIDI))), st.booleans())
def test_control_characters_are_shown_as_codes_and_the_rest_is_kept(text, single_line):
    expected = "".join(shown_as(char, single_line) for char in text)
    assert visible(text, single_line=single_line) == expected
