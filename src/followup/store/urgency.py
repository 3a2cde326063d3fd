"""Keeping `application_urgency` in line with the rules: each application's most urgent action,
written only where it changed, so that the list sorts by an index walk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from followup.domain.model import CLOSED_STAGES
from followup.domain.rules import STATE_ORDER, Action
from followup.store.db import Store
from followup.store.listing import CLOSED, NEVER, NOTHING
from followup.store.tables import ApplicationRow, UrgencyRow


def _worst(actions: Iterable[Action]) -> dict[int, Action]:
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
        self._sound: bool | None = None  # the file passed its check: None until looked at

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

    def sound(self) -> bool:
        """Derived rows are never written into a damaged file: the person is being asked
        whether to restore it, and the damaged copy is kept aside as it was found."""
        if self._sound is None:
            from followup.store.health import WHOLE_CHECK_BYTES, diagnose

            path = self.store.path
            self._sound = (
                path is None
                or not path.exists()
                or not diagnose(path, open_here=True, light_over=WHOLE_CHECK_BYTES).fails
            )
        return self._sound

    def sync(self, clock: int, only: set[int] | None, actions: Iterable[Action]) -> int:
        """Bring the table in line with `actions`, found from facts read after the rules
        clock read `clock`; returns how many rows changed.

        `only`: just these applications were looked at again (`actions` are theirs), the
        others' rows stand as they are. Every row looked at again whose facts changed is
        written, even with the same words, so that it no longer counts as changed."""
        if self._known is None:
            self._known = self._load()
        known = self._known
        with self.store.read() as session:
            chosen = select(ApplicationRow.id, ApplicationRow.stage)
            if only is not None:
                if not only:
                    return 0
                chosen = chosen.where(ApplicationRow.id.in_(sorted(only)))
            stages = session.execute(chosen).all()
            stale = select(UrgencyRow.application_id).where(
                UrgencyRow.changed > UrgencyRow.evaluated
            )
            if only is not None:
                stale = stale.where(UrgencyRow.application_id.in_(sorted(only)))
            marked = set(session.execute(stale).scalars())
        worst = _worst(actions)
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
        changed = [i for i in wanted if i in known and (known[i] != wanted[i] or i in marked)]
        if only is None:
            gone = [i for i in known if i not in wanted]
        else:  # one looked at again but no longer there: its row went with it
            gone = [i for i in only if i in known and i not in wanted]
        if not (added or changed or gone):
            return 0
        if not self.sound() or getattr(self.store, "refusing", None):
            return 0  # a damaged file, or one only read: nothing written there
        columns = ("rank", "sort_at", "rule", "state", "message", "opens_at", "due_by")

        def row(i: int) -> dict:
            return {
                "application_id": i,
                "evaluated": clock,
                **dict(zip(columns, wanted[i], strict=True)),
            }

        with self.store.write() as session:
            if gone:
                session.execute(delete(UrgencyRow).where(UrgencyRow.application_id.in_(gone)))
            if added:
                # Another process may have added the row meanwhile: written over, keeping the
                # moment its facts last changed.
                statement = sqlite_insert(UrgencyRow)
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["application_id"],
                        set_={name: statement.excluded[name] for name in (*columns, "evaluated")},
                    ),
                    [row(i) for i in added],
                )
            if changed:
                session.execute(update(UrgencyRow), [row(i) for i in changed])
        for i in gone:
            known.pop(i, None)
        for i in added + changed:
            known[i] = wanted[i]
        return len(added) + len(changed) + len(gone)
