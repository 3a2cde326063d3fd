"""One CSV row's cells by field name, read as text, whole numbers, ids, dates and choices.

Every error names the line and the column, so a person can find the cell and fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

from followup.domain.model import InputError
from followup.domain.when import CENTURY_AHEAD, parse_when
from followup.store.csv_io import FORMULA_STARTS
from followup.store.csv_text import CsvImportError
from followup.store.writes import TEXT_LIMIT  # as the app takes it: longer is refused

# Ids beyond 2**53 are not read exactly by JSON tools (JavaScript numbers), and SQLite's own
# limit is 2**63: both would fail later, far from the cell.
ID_LIMIT = 2**53 - 1
# ASCII digits only: int() also reads "²" or "٣", which no tracker writes for a number; a
# spreadsheet may write 3 as "3.0". At most 18 digits, so nothing overflows.
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}(?:\.0*)?")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,18}(?:\.[0-9]{0,18})?")
_DIGITS = re.compile(r"[0-9]{1,18}")


def restore(cell: str) -> str:
    """Undo the export's neutralisation: "'=1+2" was written for "=1+2", "''=1" for "'=1"."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def date_range_problem(moment: datetime | None, now: datetime) -> str | None:
    """Why a date is outside the range followup keeps (1970 to 100 years ahead), or None.
    None stands for a date too far out to hold at all.

    Kept in one place so that the domain's own range check (domain/when.py) can replace it.
    """
    last = now.year + 100
    try:
        inside = moment is not None and (
            datetime(1970, 1, 1, tzinfo=UTC) <= moment < datetime(last + 1, 1, 1, tzinfo=UTC)
        )
    except OverflowError:  # year 1 or 9999 with an offset: beyond what datetime can shift
        inside = False
    return None if inside else f"the date is outside the years followup keeps (1970 to {last})"


# The one-line text columns of the tables: spaces around them are never meant.
ONE_LINE = frozenset(
    {"source", "url", "location", "salary", "title", "email", "phone", "relationship", "subject"}
)


class Cells:
    """Cells by field name (`columns` maps a field to its index in the header)."""

    def __init__(
        self, header: list[str], columns: dict[str, int], now: datetime, zone: tzinfo
    ) -> None:
        self.header = header
        self.columns = columns
        self.now = now
        self.zone = zone
        self.line = 0
        self.done = 0
        self.total = 0
        self.progress: Callable[[int, int], None] | None = None
        self._dates: dict[str, datetime] = {}
        self.order: str | None = None  # day/month order of numeric dates (None: the locale's)

    def step(self, line: int) -> None:
        self.line = line
        self.done += 1
        if self.progress is not None and self.done % 200 == 0:
            self.progress(self.done, self.total)

    def has(self, name: str) -> bool:
        return name in self.columns

    def fail(self, name: str, message: str) -> CsvImportError:
        column = self.header[self.columns[name]] if name in self.columns else name
        return CsvImportError(f"line {self.line}, column {column!r}: {message}")

    def raw(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(row):
            return ""
        return row[index]

    def text(self, row: list[str], name: str, *, strip: bool = False) -> str:
        """The cell as typed (or stripped, for names and values that are read); a one-line
        field is always stripped, as every command and form does (see `writes.line_value`)."""
        strip = strip or name in ONE_LINE
        value = restore(self.raw(row, name).strip() if strip else self.raw(row, name))
        if len(value) > TEXT_LIMIT:
            raise self.fail(
                name, f"the text is too long ({len(value):,} characters; at most {TEXT_LIMIT:,})"
            )
        return value

    def moment(self, row: list[str], name: str, *, required: bool = False) -> datetime | None:
        value = self.text(row, name, strip=True)
        if not value:
            if required:
                raise self.fail(name, "a date is needed")
            return None
        if value not in self._dates:
            try:
                moment = parse_when(
                    value, self.now, prefer="past", ahead=CENTURY_AHEAD, order=self.order
                )
            except InputError as error:  # it says what was understood (a year 9999, say)
                raise self.fail(name, str(error)) from None
            except ValueError:
                raise self.fail(name, f"cannot read {value[:60]!r} as a date") from None
            except OverflowError:  # year 1 or 9999 moved by its offset past what Python holds
                moment = None
            problem = date_range_problem(moment, self.now)
            if problem is not None:
                raise self.fail(name, f"{value[:60]!r}: {problem}")
            self._dates[value] = moment
        return self._dates[value]

    def day(self, row: list[str], name: str) -> date | None:
        moment = self.moment(row, name)
        return moment.astimezone(self.zone).date() if moment else None

    def whole(
        self, row: list[str], name: str, default: int | None, low: int, high: int
    ) -> int | None:
        """A whole number from `low` to `high`; empty gives `default`."""
        value = self.text(row, name, strip=True)
        if not value:
            return default
        if not _WHOLE.fullmatch(value):
            raise self.fail(name, f"{value[:60]!r} is not a whole number")
        number = int(value.partition(".")[0])
        if not low <= number <= high:
            raise self.fail(name, f"{value} is out of range ({low:,} to {high:,})")
        return number

    def ident(self, row: list[str], name: str) -> int | None:
        return self.whole(row, name, None, 1, ID_LIMIT)

    def rating(self, row: list[str], name: str, low: int, high: int, default: int) -> int:
        """A number that may have decimals (a tracker's 3.5 stars), rounded into the range."""
        value = self.text(row, name, strip=True)
        if not value:
            return default
        if not _DECIMAL.fullmatch(value):
            raise self.fail(name, f"{value[:60]!r} is not a number")
        return min(max(round(float(value)), low), high)

    def ids(self, row: list[str], name: str, what: str, known) -> list[int]:
        """A ';'-separated list of ids, each of which must be in `known`; no repeats."""
        found: list[int] = []
        for part in self.text(row, name, strip=True).split(";"):
            part = part.strip()
            if not part:
                continue
            if not _DIGITS.fullmatch(part) or int(part) not in known:
                raise self.fail(name, f"no {what} with id {part[:60]!r}")
            if int(part) not in found:
                found.append(int(part))
        return found

    def choice(self, row: list[str], name: str, enum, default):
        value = self.text(row, name, strip=True)
        if not value:
            return default
        try:
            return enum(value.lower())
        except ValueError:
            raise self.fail(name, f"unknown value {value[:60]!r}") from None


def digits(text: str) -> int | None:
    """An id written in ASCII digits, or None."""
    text = text.strip()
    return int(text) if _DIGITS.fullmatch(text) else None
