"""Where "now" comes from: the wall clock, or a fixed moment for `--now`, demos and tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from followup.domain.when import local_zone


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(local_zone())


@dataclass
class FixedClock:
    """A clock that stands still until told to move (`advance`), for `--now` and tests."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment = self.moment + delta
