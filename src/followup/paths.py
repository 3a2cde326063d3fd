"""Where followup keeps its files: platformdirs' per-user folders, overridable by flags and env."""

from __future__ import annotations

import os
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


def db_path(flag: str | None) -> Path:
    """The data file: `--db`, else FOLLOWUP_DB, else the default."""
    chosen = flag or os.environ.get("FOLLOWUP_DB")
    return Path(chosen).expanduser() if chosen else default_db_path()


def config_path(flag: str | None) -> Path:
    """The settings file: `--config`, else FOLLOWUP_CONFIG, else the default."""
    chosen = flag or os.environ.get("FOLLOWUP_CONFIG")
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and parents) readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        folder.chmod(0o700)
    except OSError:  # a folder we do not own (say /tmp): leave it as it is
        pass
