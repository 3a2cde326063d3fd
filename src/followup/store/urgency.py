"""Keeping `application_urgency` in line with the rules: each application's most urgent action,
written only where it changed, so that the list sorts by an index walk."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, update

from followup.domain.model import CLOSED_STAGES
from followup.domain.rules import STATE_ORDER, Action, Evaluation
from followup.store.db import Store
from followup.store.listing import CLOSED, NEVER, NOTHING
from followup.store.tables import ApplicationRow, UrgencyRow


def _worst(actions: tuple[Action, ...]) -> dict[int, Action]:
    """Each application's most urgent action."""
    worst: dict[int, Action] = {}
    keys: dict[int, tuple] = {}
    for action in actions:
        ident = action.application_id
        if ident is None:
            continue
        key = action.sort_key()
        if ident not in keys or key < keys[ident]:
            worst[ident], keys[ident] = action, key
    return worst


Urgency = tuple[int, datetime, str, str, str, datetime | None, datetime | None]


def _normal(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


class UrgencyKeeper:
    """Writes each application's most urgent action to the store, only where it changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._known: dict[int, Urgency] | None = None

    def _load(self) -> dict[int, Urgency]:
        with self.store.read() as session:
            rows = session.execute(
                select(
                    UrgencyRow.application_id,
                    UrgencyRow.rank,
                    UrgencyRow.sort_at,
                    UrgencyRow.rule,
                    UrgencyRow.state,
                    UrgencyRow.message,
                    UrgencyRow.opens_at,
                    UrgencyRow.due_by,
                )
            ).all()
        return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]

    def sync(self, evaluation: Evaluation) -> int:
        """Bring the table in line with `evaluation`; returns how many rows changed."""
        if self._known is None:
            self._known = self._load()
        known = self._known
        with self.store.read() as session:
            stages = session.execute(select(ApplicationRow.id, ApplicationRow.stage)).all()
        worst = _worst(evaluation.actions)
        closed = {stage.value for stage in CLOSED_STAGES}
        wanted: dict[int, Urgency] = {}
        for app_id, stage in stages:
            action = worst.get(app_id)
            if stage in closed:
                wanted[app_id] = (CLOSED, NEVER, "", "", "", None, None)
            elif action is None:
                wanted[app_id] = (NOTHING, NEVER, "", "", "", None, None)
            else:
                wanted[app_id] = (
                    STATE_ORDER[action.state],
                    _normal(action.sort_moment),
                    action.rule.value,
                    action.state.value,
                    action.message,
                    _normal(action.opens_at),
                    _normal(action.due_by),
                )
        added = [i for i in wanted if i not in known]
        changed = [i for i in wanted if i in known and known[i] != wanted[i]]
        gone = [i for i in known if i not in wanted]
        if not (added or changed or gone):
            return 0
        if getattr(self.store, "refusing", None):
            return 0  # a file only read: the order is worked out again on every pass
        columns = ("rank", "sort_at", "rule", "state", "message", "opens_at", "due_by")
        with self.store.write() as session:
            if gone:
                session.execute(delete(UrgencyRow).where(UrgencyRow.application_id.in_(gone)))
            if added:
                # Another process may have added the row meanwhile: replace it.
                session.execute(delete(UrgencyRow).where(UrgencyRow.application_id.in_(added)))
                session.execute(
                    insert(UrgencyRow),
                    [
                        {"application_id": i, **dict(zip(columns, wanted[i], strict=True))}
                        for i in added
                    ],
                )
            if changed:
                session.execute(
                    update(UrgencyRow),
                    [
                        {"application_id": i, **dict(zip(columns, wanted[i], strict=True))}
                        for i in changed
                    ],
                )
        for i in gone:
            known.pop(i, None)
        for i in added + changed:
            known[i] = wanted[i]
        return len(added) + len(changed) + len(gone)
