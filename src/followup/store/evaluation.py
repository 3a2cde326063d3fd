"""A rules pass over the whole store, summed up for the app: the counts for the header, the
moment of the next change, what has newly become due, and the list order kept in the store.

The app runs it in a separate process (`EvaluationProcess`), so that evaluating 100,000
applications never competes with the screen for Python's interpreter lock. Everything that
crosses the process boundary is plain, picklable data.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from followup.domain.policy import Policy
from followup.domain.rules import Action, RulesEngine, State
from followup.domain.when import end_of_day
from followup.store import actions
from followup.store.db import Store
from followup.store.listing import UrgencyKeeper


@dataclass(frozen=True)
class Notice:
    """An action that became due or overdue since the last pass."""

    application_id: int | None
    company: str
    message: str
    overdue: bool


@dataclass(frozen=True)
class AgendaItem:
    application_id: int | None
    company: str
    role: str
    rule: str
    state: str
    opens_at: datetime
    due_by: datetime | None
    message: str
    why: str


@dataclass(frozen=True)
class Summary:
    overdue: int
    due_today: int
    waiting: int
    next_change: datetime | None
    notices: list[Notice] = field(default_factory=list)
    changed_rows: int = 0


class Evaluator:
    """Evaluates a store again and again, remembering what it saw last time."""

    def __init__(self, store: Store, policy: Policy, zone: tzinfo) -> None:
        self.store = store
        self.policy = policy
        self.zone = zone
        self.engine = RulesEngine(policy, zone)
        self.keeper = UrgencyKeeper(store)
        self._pressing: set[tuple] | None = None

    def summarize(self, now: datetime) -> Summary:
        evaluation = actions.evaluate(self.store, self.policy, now, self.zone, engine=self.engine)
        changed = self.keeper.sync(evaluation)
        tonight = end_of_day(now.astimezone(self.zone).date(), self.zone)
        overdue = due_today = waiting = 0
        pressing: set[tuple] = set()
        notices: list[Notice] = []
        for action in evaluation.actions:
            if action.state is State.OVERDUE:
                overdue += 1
            elif action.state is State.DUE and (action.due_by is None or action.due_by <= tonight):
                due_today += 1
            elif action.state is State.HOLD:
                waiting += 1
            if action.state in (State.DUE, State.OVERDUE):
                key = (action.application_id, action.rule.value, action.cycle, action.state.value)
                pressing.add(key)
                if self._pressing is not None and key not in self._pressing:
                    notices.append(_notice(action))
        self._pressing = pressing
        return Summary(overdue, due_today, waiting, evaluation.next_change, notices, changed)

    def agenda(self, now: datetime, horizon_days: int = 7) -> list[AgendaItem]:
        """Every action that is pressing, waiting, or opens within the horizon."""
        evaluation = actions.evaluate(self.store, self.policy, now, self.zone, engine=self.engine)
        limit = now + timedelta(days=horizon_days)
        return [
            AgendaItem(
                a.application_id,
                a.company,
                a.role,
                a.rule.value,
                a.state.value,
                a.opens_at,
                a.due_by,
                a.message,
                a.why,
            )
            for a in evaluation.actions
            if a.state is not State.UPCOMING or a.opens_at <= limit
        ]


def _notice(action: Action) -> Notice:
    company = action.company if action.application_id is not None else "Your search"
    return Notice(action.application_id, company, action.message, action.state is State.OVERDUE)


# The separate process: one evaluator per data file, kept between calls.

_evaluators: dict[str, Evaluator] = {}


def _in_child(path: str, policy: Policy, zone: tzinfo, now: datetime, what: str):
    key = f"{path}|{policy}|{zone}"
    evaluator = _evaluators.get(key)
    if evaluator is None:
        evaluator = _evaluators[key] = Evaluator(Store.open(Path(path)), policy, zone)
    if what == "agenda":
        return evaluator.agenda(now)
    return evaluator.summarize(now)


class EvaluationProcess:
    """Runs evaluations of one data file in a child process; results come back as futures."""

    def __init__(self, path: Path, policy: Policy, zone: tzinfo) -> None:
        self.path = str(path)
        self.policy = policy
        self.zone = zone
        # spawn: a clean interpreter, never a fork of a process that runs threads.
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )

    def summarize(self, now: datetime) -> Future[Summary]:
        return self._pool.submit(_in_child, self.path, self.policy, self.zone, now, "summary")

    def agenda(self, now: datetime) -> Future[list[AgendaItem]]:
        return self._pool.submit(_in_child, self.path, self.policy, self.zone, now, "agenda")

    def close(self) -> None:
        """Stop at once: quitting must not wait for a pass over 100,000 applications."""
        # ProcessPoolExecutor has no public way to stop a running task; its worker processes
        # are ours to end. A waiting caller then gets BrokenProcessPool instead of a result.
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
