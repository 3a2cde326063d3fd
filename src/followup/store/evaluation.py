"""A rules pass over the whole store, summed up for the app: the counts for the header, the
moment of the next change, what has newly become due, and the list order kept in the store.

The app runs it in a separate process (`followup.store.process`), so that evaluating 100,000
applications never competes with the screen for Python's interpreter lock. Everything that
crosses the process boundary is plain, picklable data.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from followup.domain.policy import Policy
from followup.domain.rules import Action, RulesEngine, State, most_urgent_first
from followup.domain.timewords import count, describe
from followup.store import actions
from followup.store.db import Store
from followup.store.results import AgendaItem, Notice, Summary
from followup.store.urgency import UrgencyKeeper


class Evaluator:
    """Evaluates a store again and again, remembering what it saw last time."""

    def __init__(self, store: Store, policy: Policy, zone: tzinfo) -> None:
        self.store = store
        self.policy = policy
        self.zone = zone
        self.engine = RulesEngine(policy, zone)
        self.keeper = UrgencyKeeper(store)
        self._pressing: set[tuple] | None = None
        self._failed: set[str] = set()

    def summarize(self, now: datetime) -> Summary:
        evaluation = actions.evaluate(self.store, self.policy, now, self.zone, engine=self.engine)
        changed = self.keeper.sync(evaluation)
        zone = self.zone
        timings = []
        pressing: set[tuple] = set()
        news: list[Action] = []
        keep_searching = False
        for action in evaluation.actions:
            if action.state is State.UPCOMING:
                continue  # counted nowhere in the header
            if action.application_id is None:
                keep_searching = True  # said by name: the counts are of the list's rows
            else:
                timings.append(describe(action.state, action.opens_at, action.due_by, now, zone))
            if action.state in (State.DUE, State.OVERDUE):
                key = (action.application_id, action.rule.value, action.cycle, action.state.value)
                pressing.add(key)
                if self._pressing is not None and key not in self._pressing:
                    news.append(action)
        self._pressing = pressing
        notices = [_notice(action) for action in most_urgent_first(news)]
        overdue, due_today, waiting = count(timings)
        # An application the rules cannot evaluate is told once, not on every pass.
        failed = {failure.message: failure for failure in evaluation.failures}
        notices.extend(
            Notice(failure.application_id, failure.company, failure.message, False, problem=True)
            for message, failure in failed.items()
            if message not in self._failed
        )
        self._failed = set(failed)
        return Summary(
            overdue, due_today, waiting, evaluation.next_change, notices, changed, keep_searching
        )

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
            for a in most_urgent_first(
                a
                for a in evaluation.actions
                if a.state is not State.UPCOMING or a.opens_at <= limit
            )
        ]


def _notice(action: Action) -> Notice:
    company = action.company if action.application_id is not None else "Your search"
    return Notice(action.application_id, company, action.message, action.state is State.OVERDUE)


# The separate process: one evaluator per data file, kept between calls.

_evaluators: dict[str, Evaluator] = {}


def in_child(path: str, policy: Policy, zone: tzinfo, now: datetime, what: str):
    key = f"{path}|{policy}|{zone}"
    evaluator = _evaluators.get(key)
    if evaluator is None:
        evaluator = _evaluators[key] = Evaluator(Store.open(Path(path)), policy, zone)
    if what == "agenda":
        return evaluator.agenda(now)
    return evaluator.summarize(now)
