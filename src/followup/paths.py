"""Where followup keeps its files: platformdirs' per-user folders, overridable by flags and env."""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "followup"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "followup.db"


def demo_db_path() -> Path:
    """The demo database lives beside the person's own, never in it."""
    return data_dir() / "followup-demo.db"


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_SERVER = re.compile(r"postgres(?:ql)?://", re.IGNORECASE)


class Server:
    """A PostgreSQL database named by a URL, as `--db` gives it.

    Printed, it is the URL with its password masked: messages name it like a file, and the
    password never reaches a screen, a log or a file. Only the store reads `secret_url`.
    """

    def __init__(self, url: str) -> None:
        self.secret_url = url

    def __str__(self) -> str:
        return _masked(self.secret_url)

    def __repr__(self) -> str:
        return f"Server({_masked(self.secret_url)!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def exists(self) -> bool:
        # A server's database is there before followup writes to it (made by its owner).
        return True

    def is_dir(self) -> bool:
        return False


def db_location(flag: str | None) -> Path | Server:
    """The data: a file (`--db PATH`, else FOLLOWUP_DB, else the default), or a server when
    that names a `postgresql://` URL."""
    chosen = flag or os.environ.get("FOLLOWUP_DB")
    if chosen and _SERVER.match(chosen):
        return Server(chosen)
    return db_path(flag)


def db_path(flag: str | None) -> Path:
    """The data file: `--db`, else FOLLOWUP_DB, else the default.

    A URL other than a server's is refused rather than taken for a folder name:
    `sqlite:///x.db` would otherwise become a local folder named after it.
    """
    chosen = flag or os.environ.get("FOLLOWUP_DB")
    if chosen and _URL.match(chosen):
        from followup.domain.model import InputError

        raise InputError(
            f"{_masked(chosen)} is a URL; followup opens a local SQLite file (give its path) "
            "or a PostgreSQL server (postgresql://USER@HOST/DBNAME); nothing was created"
        )
    return Path(chosen).expanduser() if chosen else default_db_path()


def _masked(url: str) -> str:
    """The URL without its password: `postgresql://me:***@host/db`."""
    scheme, _, rest = url.partition("://")
    where, slash, tail = rest.partition("/")
    if "@" in where:
        login, _, host = where.rpartition("@")
        user = login.split(":", 1)[0]
        where = f"{user}:***@{host}" if ":" in login else f"{user}@{host}"
    tail = re.sub(r"(?i)(password=)[^&]*", r"\1***", tail)
    return f"{scheme}://{where}{slash}{tail}"


def config_path(flag: str | None) -> Path:
    """The settings file: `--config`, else FOLLOWUP_CONFIG, else the default."""
    chosen = flag or os.environ.get("FOLLOWUP_CONFIG")
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def make_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents, readable by their owner only.

    Folders that already exist are left as they are: they may be the person's own.
    """
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
        path.chmod(0o700)
