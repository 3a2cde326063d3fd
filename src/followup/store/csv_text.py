"""The text of a CSV file a person picked: its encoding, its dialect, its rows.

Files come from spreadsheets and trackers on every system: UTF-8 with or without a byte-order
mark, UTF-16 from Excel, Windows-1252 or Mac Roman from older software, Shift-JIS from a
Japanese one. A byte-order mark is trusted; valid UTF-8 is UTF-8; anything else is judged by
charset-normalizer among the encodings such files come in.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from pathlib import Path

from followup.domain.model import InputError


class CsvImportError(InputError):
    """The file cannot be imported; nothing was written. Says which row and column."""


# A cell may hold anything a person typed (the app takes 100,000 characters and more in a
# note), so the csv module's default limit of 131,072 characters would refuse our own export.
# The limit is the module's, for the whole process; raising it never breaks another reader.
try:
    csv.field_size_limit(sys.maxsize)
except OverflowError:  # pragma: no cover - a platform whose C long is 32 bits
    csv.field_size_limit(2**31 - 1)

# The starts of files people pick by mistake: a SQLite database, a spreadsheet (xlsx, ods and
# zip; old xls), a PDF, an image, a gzip archive.
_BINARY_STARTS = (
    b"SQLite format 3\x00",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
)

# Longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The encodings files without a mark come in, most likely first: a tie goes to the earlier.
# Latin-1 text reads the same in Windows-1252, which is tried first.
_LIKELY = (
    "cp1252",
    "mac_roman",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp1250",
    "cp1251",
)
_WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
# What a mismatched single-byte reading looks like ("CafŽ MŸller" for Mac Roman's "Café
# Müller"): capitals inside a lower-case word, symbols between two letters.
_BETWEEN_WORDS = set("’‘“”–—…·")
_SAMPLE = 65536


def decode(raw: bytes, path: Path) -> str:
    """The text of a file's bytes, or one clear error."""
    for mark, encoding in _MARKS:
        if raw.startswith(mark):
            try:
                return raw[len(mark) :].decode(encoding)
            except UnicodeDecodeError:
                name = encoding.upper()
                raise CsvImportError(f"{path} has a {name} mark but is not {name}") from None
    if raw.startswith(_BINARY_STARTS):
        raise CsvImportError(f"{path} is not a CSV file (it holds binary data)")
    # A NUL or two is text (a field can hold one, and our own export keeps it); many are
    # UTF-16 without a mark, or not text at all.
    sample = raw[:4096]
    wide = sample.count(0) > len(sample) // 100
    if not wide:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for encoding in _guesses(raw, _WIDE if wide else _LIKELY):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue  # the guess was made on samples; a byte it did not see does not fit
    if wide:
        raise CsvImportError(f"{path} is not a CSV file (it holds binary data)")
    raise CsvImportError(
        f"{path}: cannot tell which text encoding it uses; save it as UTF-8 and try again"
    )


def _guesses(raw: bytes, encodings: tuple[str, ...]) -> list[str]:
    """The encodings the text may be in, the likeliest first."""
    from charset_normalizer import from_bytes

    found = from_bytes(raw, cp_isolation=list(encodings))
    chaos = {match.encoding: match.chaos for match in found}
    ranked = sorted(
        chaos,
        key=lambda encoding: (
            chaos[encoding] + _misreading(raw[:_SAMPLE], encoding),
            encodings.index(encoding) if encoding in encodings else len(encodings),
        ),
    )
    # Any byte reads as Latin-1: the last resort for single-byte text (control bytes
    # other than line ends and tabs mean it is not text).
    if encodings is _LIKELY and not any(byte < 9 for byte in raw[:_SAMPLE]):
        ranked.append("latin_1")
    return ranked


def _misreading(sample: bytes, encoding: str) -> float:
    """The share of non-ASCII characters that look wrong in this reading (0 to 1)."""
    text = sample.decode(encoding, errors="replace")
    odd = total = 0
    for index, char in enumerate(text):
        if char.isascii():
            continue
        total += 1
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        capital_inside = char.isupper() and (
            before.islower() or (before.isupper() and after.islower())
        )
        symbol_inside = before.isalpha() and after.isalpha() and not char.isalpha()
        symbol_inside = symbol_inside and char not in _BETWEEN_WORDS
        odd += char == "\ufffd" or capital_inside or symbol_inside
    return odd / total if total else 0.0


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and rows (with their line numbers) of a CSV file in any common dialect."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CsvImportError(f"cannot read {path}: {error.strerror}") from None
    text = decode(raw, path)
    # The delimiter is whichever of , ; tab the header line uses most (spreadsheets in some
    # countries write ';'); csv.Sniffer guesses wrong on quoted multi-line cells.
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue  # blank lines
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            rows.append((reader.line_num, record))
    except csv.Error as error:
        raise CsvImportError(f"{path}, line {reader.line_num}: {error}") from None
    if header is None:
        raise CsvImportError(f"{path} is empty: no header row")
    return header, rows
