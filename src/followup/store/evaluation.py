"""A rules pass over the whole store, summed up for the app: the counts for the header, the
moment of the next change, what has newly become due, and the list order kept in the store.

The app runs it in a separate process (`followup.store.process`), so that evaluating 100,000
applications never competes with the screen for Python's interpreter lock. Everything that
crosses the process boundary is plain, picklable data.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from followup.domain.policy import Policy
from followup.domain.rules import Action, Evaluation, RulesEngine, State, most_urgent_first
from followup.domain.timewords import count, describe
from followup.store.db import Store
from followup.store.incremental import Incremental
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
        self.rules = Incremental(store, self.engine)
        # Per application (None: keep-searching), as last counted: the pressing actions, to
        # tell what became pressing; the header's three numbers, summed for the header.
        self._pressing: dict[int | None, set[tuple]] | None = None
        self._tally: dict[int | None, tuple[int, int, int]] = {}
        self._totals = [0, 0, 0]
        self._day: date | None = None
        self._failed: set[str] = set()
        self._news: list[Action] = []  # became pressing since the last summary
        self._changed = 0  # list rows written since the last summary

    def summarize(self, now: datetime) -> Summary:
        evaluation = self._look(now, listed=False)
        news, self._news = self._news, []
        changed, self._changed = self._changed, 0
        notices = [_notice(action) for action in most_urgent_first(news)]
        overdue, due_today, waiting = self._totals
        # An application the rules cannot evaluate is told once, not on every pass.
        failed = {failure.message: failure for failure in evaluation.failures}
        notices.extend(
            Notice(failure.application_id, failure.company, failure.message, False, problem=True)
            for message, failure in failed.items()
            if message not in self._failed
        )
        self._failed = set(failed)
        # Keep-searching is said by name, not counted: the counts are of the list's rows.
        keep_searching = any(
            action.state is not State.UPCOMING
            for _, found in self.rules.by_application([None])
            for action in found
        )
        return Summary(
            overdue, due_today, waiting, evaluation.next_change, notices, changed, keep_searching
        )

    def _look(self, now: datetime, *, listed: bool) -> Evaluation:
        """One pass: the rules where something changed, the list order kept in the store, the
        header's numbers and what became pressing (kept for the next summary, whichever of
        summary and agenda asked for the pass)."""
        evaluation = self.rules.evaluate(now, listed=listed)
        touched = self.rules.touched
        clock = self.rules.clock
        if touched is None:
            self._changed += self.keeper.sync(clock, None, self.rules.actions_of(None))
        else:
            self._changed += self.keeper.sync(clock, touched, self.rules.actions_of(touched))
        day = now.astimezone(self.zone).date()
        if touched is None or day != self._day or self._pressing is None:
            # Every application counted afresh: after a whole pass, and when the day turned
            # ("due tomorrow" became "due today" without any action changing).
            before = self._pressing
            self._tally.clear()
            self._totals = [0, 0, 0]
            self._pressing = {}
            news = self._count(self.rules.by_application(), now, before)
        else:
            news = self._count(self.rules.by_application([*touched, None]), now, self._pressing)
        self._news.extend(news)
        self._day = day
        return evaluation

    def _count(self, applications, now: datetime, before) -> list[Action]:
        """Count `applications` (application id and actions) again for the header; returns
        the actions that became pressing since `before` (None: the first count, no news)."""
        zone, pressing, tally, totals = self.zone, self._pressing, self._tally, self._totals
        assert pressing is not None
        news: list[Action] = []
        for ident, found in applications:
            old = tally.get(ident)
            if old is not None:
                for i in range(3):
                    totals[i] -= old[i]
            timings = []
            keys = set()
            for action in found:
                if action.state is State.UPCOMING:
                    continue  # counted nowhere in the header
                if ident is not None:  # keep-searching is said by name (see summarize)
                    timings.append(
                        describe(action.state, action.opens_at, action.due_by, now, zone)
                    )
                if action.state in (State.DUE, State.OVERDUE):
                    key = (action.rule.value, action.cycle, action.state.value)
                    keys.add(key)
                    if before is not None and key not in before.get(ident, ()):
                        news.append(action)
            if keys:
                pressing[ident] = keys
            else:
                pressing.pop(ident, None)
            if timings:
                tally[ident] = counted = count(timings)
                for i in range(3):
                    totals[i] += counted[i]
            else:
                tally.pop(ident, None)
        return news

    def agenda(self, now: datetime, horizon_days: int = 7) -> list[AgendaItem]:
        """Every action that is pressing, waiting, or opens within the horizon."""
        evaluation = self._look(now, listed=True)
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
