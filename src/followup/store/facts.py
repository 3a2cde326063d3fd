"""The rules' view of the data: a handful of set-wide queries, never one per application.

Rows are read raw and turned into the domain's plain records directly (ISO text parsed by the
standard library in C): at 100,000 applications the ORM's per-row work would dominate.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.domain import model
from followup.domain.invitations import invites
from followup.domain.model import OPEN_STAGES, Channel, Direction, Stage, TouchpointKind
from followup.domain.rules import Failure
from followup.store.fields import as_day, as_instant

if TYPE_CHECKING:
    from followup.store.db import Store
    from followup.store.deferred import DeferredStore

_STAGES = {stage.value: stage for stage in Stage}
_DIRECTIONS = {d.value: d for d in Direction}
_KINDS = {k.value: k for k in TouchpointKind}
_CHANNELS = {c.value: c for c in Channel}


def rule_facts(
    store: Store,
    application_ids: list[int] | None = None,
    unreadable: list[Failure] | None = None,
) -> list[model.Application]:
    """Open applications (or the ones asked for) as plain records for the rules engine.

    With `unreadable`, an application whose stored values cannot be read (a date written by
    another tool, say) is left out and added there; without it, the error is raised.
    """
    # Hundreds of thousands of small records, none in a cycle: the cyclic collector would
    # walk them again and again as they are made, for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            return _rule_facts(store, application_ids)
        except _UNREADABLE:
            if unreadable is None:
                raise
        # Rare: find the bad rows by halving, so the good ones still load in big batches.
        found: list[model.Application] = []
        for chunk in _chunks(_open_ids(store, application_ids), 500):
            found.extend(_readable(store, chunk, unreadable))
        return found
    finally:
        if collecting:
            gc.enable()


_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


def _open_ids(store: Store, application_ids: list[int] | None) -> list[int]:
    with store.driver() as connection:
        if application_ids is not None:
            return list(application_ids)
        stages = [stage.value for stage in sorted(OPEN_STAGES)]
        rows = connection.execute(
            f"SELECT id FROM applications WHERE stage IN ({', '.join('?' * len(stages))}) "
            "ORDER BY id",
            stages,
        )
        return [ident for (ident,) in rows]


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _readable(store: Store, ids: list[int], unreadable: list[Failure]) -> list[model.Application]:
    try:
        return _rule_facts(store, ids)
    except _UNREADABLE as error:
        if len(ids) > 1:
            middle = len(ids) // 2
            return _readable(store, ids[:middle], unreadable) + _readable(
                store, ids[middle:], unreadable
            )
        unreadable.append(_unreadable(store, ids[0], error))
        return []


def _unreadable(store: Store, ident: int, error: Exception) -> Failure:
    with store.driver() as connection:
        row = connection.execute(
            "SELECT CAST(company AS TEXT), CAST(role AS TEXT) FROM applications WHERE id = ?",
            [ident],
        ).fetchone()
    company, role = row if row else ("?", "?")
    return Failure(ident, str(company), str(role), f"a stored value cannot be read ({error})")


def _utc(column: str) -> str:
    """SQL for a stored instant (naive UTC text) as ISO text with its offset: the standard
    library's `fromisoformat` then reads it in C, straight to an aware moment in UTC."""
    return f"{column} || '+00:00'"


def _rule_facts(store: Store, application_ids: list[int] | None) -> list[model.Application]:
    if application_ids is None:
        values: list[Any] = [stage.value for stage in sorted(OPEN_STAGES)]
        chosen = f"SELECT id FROM applications WHERE stage IN ({', '.join('?' * len(values))})"
    else:
        values = list(application_ids)
        chosen = f"SELECT id FROM applications WHERE id IN ({', '.join('?' * len(values))})"
    instant = datetime.fromisoformat
    # The driver's own rows: SQLAlchemy's per-row work would be a third of the load.
    with store.driver() as connection:
        run = connection.execute
        interviews: dict[int, list[model.Interview]] = defaultdict(list)
        for app_id, ident, starts, minutes, notes in run(
            f"SELECT application_id, id, {_utc('starts_at')}, duration_minutes, notes "
            f"FROM interviews WHERE application_id IN ({chosen}) "
            "ORDER BY application_id, starts_at",
            values,
        ):
            interviews[app_id].append(
                model.Interview(instant(starts), minutes, bool(notes.strip()), ident)
            )
        touchpoints: dict[int, list[model.Touchpoint]] = defaultdict(list)
        # Only their messages can invite, and the words that do come early in one.
        for app_id, ident, at, direction, kind, channel, words in run(
            f"SELECT application_id, id, {_utc('at')}, direction, kind, channel, "
            "CASE WHEN direction = 'in' THEN subject || char(10) || substr(body, 1, 2000) END "
            f"FROM touchpoints WHERE application_id IN ({chosen}) "
            "ORDER BY application_id, at, id",
            values,
        ):
            touchpoints[app_id].append(
                model.Touchpoint(
                    instant(at),
                    _DIRECTIONS[direction],
                    _KINDS[kind],
                    _CHANNELS[channel],
                    ident,
                    invites(words) if words else False,
                )
            )
        briefed: dict[int, list[date]] = defaultdict(list)
        references: dict[int, int] = defaultdict(int)
        for app_id, day in run(
            "SELECT application_id, briefed_on FROM application_references "
            f"WHERE application_id IN ({chosen})",
            values,
        ):
            references[app_id] += 1
            if day is not None:
                briefed[app_id].append(as_day(day))
        snoozes: dict[int, list[model.Snooze]] = defaultdict(list)
        for app_id, rule, until, cycle in run(
            f"SELECT application_id, rule, {_utc('until')}, cycle FROM snoozes "
            f"WHERE application_id IN ({chosen})",
            values,
        ):
            snoozes[app_id].append(model.Snooze(rule, until and instant(until), cycle))
        rows = run(
            f"SELECT id, company, role, stage, {_utc('created_at')}, applied_on, decision_by, "
            f"{_utc('notes_written_at')} "
            f"FROM applications WHERE id IN ({chosen}) ORDER BY id",
            values,
        ).fetchall()
    empty: tuple = ()
    day = as_day
    return [
        model.Application(
            id=ident,
            company=company,
            role=role,
            stage=_STAGES[stage],
            created_at=instant(created),
            applied_on=day(applied),
            decision_by=day(decision),
            interviews=tuple(interviews[ident]) if ident in interviews else empty,
            touchpoints=tuple(touchpoints[ident]) if ident in touchpoints else empty,
            references_briefed=tuple(briefed[ident]) if ident in briefed else empty,
            references=references.get(ident, 0),
            snoozes=tuple(snoozes[ident]) if ident in snoozes else empty,
            notes_at=instant(noted) if noted else None,
        )
        for ident, company, role, stage, created, applied, decision, noted in rows
    ]


def general_snoozes(store: Store | DeferredStore) -> tuple[model.Snooze, ...]:
    """Snoozes that belong to no application (keep-searching)."""
    with store.driver() as connection:
        rows = connection.execute(
            "SELECT rule, until, cycle FROM snoozes WHERE application_id IS NULL"
        ).fetchall()
    return tuple(model.Snooze(rule, as_instant(until), cycle) for rule, until, cycle in rows)


def last_application_added(store: Store | DeferredStore) -> datetime | None:
    with store.driver() as connection:
        (value,) = connection.execute("SELECT max(created_at) FROM applications").fetchone()
    return as_instant(value)
