"""What every command needs: the data file, the settings and the clock, resolved from flags."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from followup import paths
from followup.config import ConfigError, Settings, load_settings
from followup.domain.clock import Clock, FixedClock, SystemClock
from followup.domain.model import InputError
from followup.domain.when import CENTURY_AHEAD, local_zone, parse_when

if TYPE_CHECKING:
    from followup.store.db import Store
    from followup.store.deferred import DeferredStore
    from followup.store.postgres import PostgresStore

# Opens the full-screen app on a data file, with its settings, clock, zone and settings file;
# returns the exit code. Given by the program's entry point, which sits above both faces: the
# command line never imports the app, nor the app the command line.
FullScreen = Callable[[Path, Settings, Clock, tzinfo, Path], int]


@dataclass
class Context:
    db_flag: str | None = None
    config_flag: str | None = None
    now_flag: str | None = None
    full_screen: FullScreen | None = None
    _stores: list[Store] = field(default_factory=list)
    _wrote: bool = False
    # A readable copy of a damaged data file, read in its place (see `cli.reading`).
    reading_copy: Path | None = None

    @cached_property
    def zone(self) -> tzinfo:
        return local_zone()

    @cached_property
    def clock(self) -> Clock:
        if self.now_flag:
            # Acting as if it were another moment may look far ahead, but not past what
            # the rules can count from (a window is built days after now).
            moment = parse_when(
                self.now_flag,
                SystemClock().now(),
                order=self.date_order,
                ahead=CENTURY_AHEAD,
                what="--now",
            )
            return FixedClock(moment)
        return SystemClock()

    @cached_property
    def date_order(self) -> str | None:
        """The settings' order for numeric dates; a broken settings file is reported by the
        commands that use the settings, not by every date."""
        try:
            return self.settings.date_order or None
        except ConfigError:
            return None

    def now(self) -> datetime:
        return self.clock.now().astimezone(self.zone)

    @cached_property
    def db_path(self) -> Path | paths.Server:
        """The data file, or the server when `--db` is a `postgresql://` URL (printed
        masked)."""
        _check_named(self.db_flag, "--db", "FOLLOWUP_DB")
        path = paths.db_location(self.db_flag)
        if path.is_dir():
            raise InputError(f"the data file {path} is a folder: --db and FOLLOWUP_DB name a file")
        return path

    @cached_property
    def config_path(self) -> Path:
        _check_named(self.config_flag, "--config", "FOLLOWUP_CONFIG")
        return paths.config_path(self.config_flag)

    @property
    def templates_folder(self) -> Path:
        """Where a person's own templates live: beside the settings file."""
        return self.config_path.parent / "templates"

    @cached_property
    def settings(self) -> Settings:
        settings = load_settings(self.config_path)
        for warning in settings.warnings:
            print(f"followup: {warning}", file=sys.stderr)
        return settings

    @property
    def on_server(self) -> bool:
        return isinstance(self.db_path, paths.Server)

    def store(
        self, *, create: bool = False, path: Path | None = None
    ) -> Store | DeferredStore | PostgresStore:
        """The data file, opened. A current file is read and written in plain SQL, and
        SQLAlchemy is imported only if the command needs a session; any other file (new,
        older, damaged) is opened, made or refused by `Store`, as it says. A server's
        database is opened by `PostgresStore`."""
        if path is None and isinstance(self.db_path, paths.Server):
            from followup.store.postgres import PostgresStore

            served = PostgresStore.open(self.db_path)
            self._stores.append(served)
            return served
        from followup.store.header import reader

        target = path or self.reading_copy or self.db_path
        # Never made here: a missing file is read as empty and made by the first write, so a
        # command that fails before it writes (a bad row of an import) leaves no file behind.
        current = reader(target) if self.reading_copy is None else None
        if current is not None:
            from followup.store.deferred import DeferredStore

            current.close()
            store: Store | DeferredStore | PostgresStore = DeferredStore(target)
        else:
            from followup.store.db import Store

            store = Store.open(target)
        if self.reading_copy is not None and path is None:
            # A write there would be lost with the copy: refused, as on the damaged file.
            store.refuse_writes(f"{self.db_path} is damaged and only read")
        self._stores.append(store)
        if create:
            self._wrote = True
        return store

    def ensure_sound(self) -> None:
        """StoreDamaged if the data file fails the check `followup doctor` makes.

        Run before a command opens the file: the check reads the header with a plain file
        handle, which must not be closed while this process holds SQLite locks on it. A
        file out of reach or not ours is left to the command, which says so.
        """
        if self.on_server:
            return  # the server keeps its data sound; there is no file to read
        from followup.store.header import StoreDamaged
        from followup.store.health import WHOLE_CHECK_BYTES, diagnose

        state = diagnose(self.db_path, light_over=WHOLE_CHECK_BYTES)
        if state.state == "damaged":
            raise StoreDamaged(
                f"{self.db_path} fails its check ({state.detail}); nothing was written. "
                "`followup doctor` says what is wrong; `followup doctor --restore` brings "
                "back the newest good backup"
            )

    def close_stores(self) -> None:
        """The stores opened so far, closed; the next `store()` opens the file again."""
        for store in self._stores:
            store.close()
        self._stores.clear()

    def close(self) -> None:
        for store in self._stores:
            store.close()
        if self._wrote and not self.on_server and self.db_path.exists():
            # The daily backup, checked; cheap when today's exists (a look at a folder).
            from followup.store import backups

            # A backup problem must not turn a command that was done into a failure.
            with suppress(Exception):
                backups.rotate(self.db_path, keep=self.settings.backups_keep)


def _check_named(flag: str | None, option: str, variable: str) -> None:
    """A file name given as blanks is a slip, not a file called ' ' in the current folder."""
    if flag is not None and not flag.strip():
        raise InputError(f"{option} needs a file name, got {flag!r}")
    # An empty variable is the shell's way of unsetting it; blanks are not.
    value = os.environ.get(variable)
    if flag is None and value and not value.strip():
        raise InputError(f"{variable} is set to {value!r}, which is not a file name")
