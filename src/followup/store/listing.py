"""The application list as the screen reads it: a page at a time, most urgent first.

Urgency is kept in `application_urgency` by the rules worker (`UrgencyKeeper.sync`), so that
sorting 100,000 applications is an index walk, not a load of every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, delete, func, insert, or_, select, tuple_, update

from followup.domain.model import CLOSED_STAGES
from followup.domain.rules import STATE_ORDER, Action, Evaluation
from followup.store.db import Store
from followup.store.tables import ApplicationRow, UrgencyRow

NOTHING = 4  # open, nothing to do now
CLOSED = 5
# Rows with nothing to wait for sort after every dated one.
NEVER = datetime(9999, 12, 31, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ListRow:
    id: int
    company: str
    role: str
    stage: str
    rank: int
    rule: str
    state: str
    message: str
    opens_at: datetime | None
    due_by: datetime | None


@dataclass(frozen=True, slots=True)
class ListQuery:
    text: str = ""
    include_closed: bool = False


def _where(query: ListQuery):
    conditions = []
    if not query.include_closed:
        conditions.append(UrgencyRow.rank < CLOSED)
    text = query.text.strip()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                ApplicationRow.company.ilike(pattern, escape="\\"),
                ApplicationRow.role.ilike(pattern, escape="\\"),
                ApplicationRow.notes.ilike(pattern, escape="\\"),
            )
        )
    return and_(*conditions) if conditions else None


def _base(columns, query: ListQuery):
    statement = select(*columns).select_from(UrgencyRow)
    if query.text.strip():
        statement = statement.join(ApplicationRow, ApplicationRow.id == UrgencyRow.application_id)
    where = _where(query)
    return statement.where(where) if where is not None else statement


ORDER = (UrgencyRow.rank, UrgencyRow.sort_at, UrgencyRow.application_id)


def count(store: Store, query: ListQuery) -> int:
    with store.read() as session:
        return session.execute(_base([func.count()], query)).scalar_one()


def page(store: Store, query: ListQuery, offset: int, limit: int) -> list[ListRow]:
    statement = (
        select(
            ApplicationRow.id,
            ApplicationRow.company,
            ApplicationRow.role,
            ApplicationRow.stage,
            UrgencyRow.rank,
            UrgencyRow.rule,
            UrgencyRow.state,
            UrgencyRow.message,
            UrgencyRow.opens_at,
            UrgencyRow.due_by,
        )
        .select_from(UrgencyRow)
        .join(ApplicationRow, ApplicationRow.id == UrgencyRow.application_id)
        .order_by(*ORDER)
        .offset(offset)
        .limit(limit)
    )
    where = _where(query)
    if where is not None:
        statement = statement.where(where)
    with store.read() as session:
        return [ListRow(*row) for row in session.execute(statement)]


def position_of(store: Store, query: ListQuery, application_id: int) -> int | None:
    """Where an application stands in the list, or None when the query hides it."""
    with store.read() as session:
        key = session.execute(
            select(*ORDER).where(UrgencyRow.application_id == application_id)
        ).first()
        if key is None:
            return None
        if not query.include_closed and key[0] >= CLOSED:
            return None
        before = _base([func.count()], query).where(tuple_(*ORDER) < tuple_(*key))
        return session.execute(before).scalar_one()


def _worst(actions: tuple[Action, ...]) -> dict[int, Action]:
    worst: dict[int, Action] = {}
    for action in actions:  # already most urgent first
        if action.application_id is not None and action.application_id not in worst:
            worst[action.application_id] = action
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
