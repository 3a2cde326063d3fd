"""What a person typed that could not be saved in the database, kept in a private text file
beside the data file (`<data file>.unsaved-<time>.txt`): named on the terminal when the app
ends, and again at every start until the person deletes it.

The file needs nothing from the database, so it is written first when the app is told to
end, and rewritten with what is still unsaved once the database has had its last chance.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

RULE = "-" * 60


@dataclass(frozen=True)
class Kept:
    """One thing not saved, in the person's words."""

    what: str  # "the thank-you draft for Northwind", "Record an interview (for Northwind)"
    why: str
    text: str  # what was typed, exactly


class KeptFile:
    """One file for one end of the app, rewritten whole (never appended to) so that each
    thing is in it once."""

    def __init__(self, data_file: Path, now: datetime) -> None:
        self.data_file = data_file
        self.now = now
        self.path: Path | None = None
        self._lock = threading.Lock()

    def write(self, items: list[Kept]) -> Path | None:
        """Make the file hold exactly `items` (none: no file); returns where it is. Raises
        OSError when it can be written neither beside the data file nor in the home folder."""
        with self._lock:
            if not items:
                if self.path is not None:
                    with suppress(OSError):
                        self.path.unlink()
                    self.path = None
                return None
            body = _body(items, self.data_file, self.now).encode("utf-8", "surrogateescape")
            if self.path is not None:
                with suppress(OSError):
                    _replace(self.path, body)
                    return self.path
            problem: OSError | None = None
            for folder in (self.data_file.parent, Path.home()):
                try:
                    path = _claim(folder, f"{self.data_file.name}.unsaved-{self.now:%Y%m%d-%H%M%S}")
                    _replace(path, body)
                except OSError as error:
                    problem = problem or error
                    continue
                self.path = path
                return path
            raise OSError(
                f"cannot write what was not saved beside the data file or in the home folder "
                f"({problem.strerror if problem else 'no folder'})"
            )


def left_from_before(data_file: Path) -> list[Path]:
    """Files of things not saved by an earlier run, newest last."""
    found: list[Path] = []
    for folder in dict.fromkeys((data_file.parent, Path.home())):
        with suppress(OSError):
            found += folder.glob(f"{_escaped(data_file.name)}.unsaved-*.txt")
    return sorted(found, key=lambda path: path.name)


def _escaped(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _claim(folder: Path, stem: str) -> Path:
    """A name of our own: another end in the same second (or a write that failed) has its
    own file, never this one."""
    for number in range(1, 1000):
        path = folder / (f"{stem}.txt" if number == 1 else f"{stem}-{number}.txt")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder}/{stem}.txt")


def _replace(path: Path, body: bytes) -> None:
    """The whole text, on disk, then renamed over `path`: a crash leaves the old text or the
    new one, never half of either."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(body)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    with suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _body(items: list[Kept], data_file: Path, now: datetime) -> str:
    count = "1 thing" if len(items) == 1 else f"{len(items)} things"
    lines = [
        f"followup could not save {count} in {data_file} ({now:%a %d %b %Y %H:%M}).",
        "Enter each again in followup (or copy the text from here), then delete this file.",
        "",
    ]
    for number, item in enumerate(items, 1):
        lines += [f"{number}. {item.what}", f"   Why: {item.why}"]
        if item.text:
            lines += ["   What you typed:", RULE, item.text, RULE]
        else:
            lines.append("   (nothing typed: do it again in followup)")
        lines.append("")
    return "\n".join(lines)
