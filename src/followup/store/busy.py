"""Telling a write that found the database busy (another program holds the write lock past
the busy timeout) from one that failed: the first is kept and tried again, the second is
reported."""

from __future__ import annotations

import sqlite3

_BUSY, _LOCKED = 5, 6  # SQLITE_BUSY, SQLITE_LOCKED (extended codes keep them in the low byte)


def is_busy(error: BaseException) -> bool:
    """Whether `error` (or the driver error under it) says the database is busy or locked."""
    seen: BaseException | None = error
    for _ in range(5):  # SQLAlchemy wraps the driver's error once or twice
        if seen is None:
            return False
        if isinstance(seen, sqlite3.OperationalError):
            code = getattr(seen, "sqlite_errorcode", None)
            if code is not None:
                return code & 0xFF in (_BUSY, _LOCKED)
            return "locked" in str(seen) or "busy" in str(seen)
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False
