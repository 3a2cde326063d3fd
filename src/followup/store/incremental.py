"""The rules pass that looks again only where something changed.

A pass over 100,000 applications loads every fact and evaluates everything: seconds. Between two
passes of one app almost nothing changes: the person edited one application, or another process
did, or the moment came at which some action opens, falls due or vanishes. So each application's
facts, actions and coming moments are kept here between passes, and a pass re-evaluates only

- the applications whose facts changed since the rules clock it last read: triggers stamp their
  stored urgency row in the same transaction as the change, whoever wrote it
  (`followup.store.staleness`); a new application's row is born stamped;
- the applications one of whose moments has come;
- all of them when applications were deleted (the count or the highest id moved), when time
  went backwards or into a new day (what is due with no deadline sorts as due by tonight),
  and every half hour as a safety net.

An action only changes at one of its application's moments (the rules engine lists them; the
next change is found by probing them, as `RulesEngine.evaluate` does), so an application not
looked at again has exactly the actions it had.
"""

from __future__ import annotations

import heapq
import time
from datetime import datetime
from typing import TYPE_CHECKING

from followup.domain.model import Application
from followup.domain.rules import Action, Evaluation, Failure, RulesEngine, failure_of
from followup.domain.rules import _signature as signature
from followup.store import facts
from followup.store.db import Store
from followup.store.staleness import clock

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# However well the marks work, everything is looked at again this often (seconds of the
# process's own clock: the app's `now` may be fixed, or jump).
_SAFETY = 30 * 60
# More changed applications than this (a bulk change by another tool): a whole pass is quicker.
_MANY = 5000


class Incremental:
    """One data file's actions, kept up to date pass after pass."""

    def __init__(self, store: Store, engine: RulesEngine) -> None:
        self.store = store
        self.engine = engine
        # The rules clock read before the facts of the last pass (`followup.store.staleness`).
        self.clock = 0
        self._seen = 0
        self._facts: dict[int, Application] = {}
        self._actions: dict[int, list[Action]] = {}
        self._moments: dict[int, list[datetime]] = {}
        self._failures: dict[int, Failure] = {}
        self._searching: list[Action] = []  # keep-searching's action, worked out every pass
        # (soonest future moment, application, version): entries whose version is not the
        # application's current one are left in place and skipped when they come up.
        self._heap: list[tuple[datetime, int, int]] = []
        self._version: dict[int, int] = {}
        self._shape: tuple[int, int] | None = None  # how many applications, and the highest id
        self._ids: set[int] = set()  # every application id, open or closed
        self._at: datetime | None = None  # the last pass's moment
        self._whole_at: float | None = None
        self.looked_at = 0  # applications evaluated by the last pass (for the benchmark)
        # The applications the last pass looked at again, or None when it looked at all.
        self.touched: set[int] | None = None

    def evaluate(self, now: datetime, *, listed: bool = True) -> Evaluation:
        """Every action at `now`, as a whole pass would find them. Without `listed`, the
        evaluation lists keep-searching's action alone (the others: `by_application`), which
        spares a pass after one edit a list of every action."""
        shape = self._read_shape()
        whole = (
            self._at is None
            or now < self._at
            # A new day: what is due with no deadline sorts as due by tonight, a new tonight.
            or now.astimezone(self.engine.zone).date()
            != self._at.astimezone(self.engine.zone).date()
            or self._whole_at is None
            or time.monotonic() - self._whole_at >= _SAFETY
        )
        if not whole:
            changed = self._changed_ids()
            whole = (
                self.clock < self._seen  # another file at this path (a backup restored)
                or len(changed) > _MANY
                or not self._explains(shape, changed)
            )
        if whole:
            self._reset()
            with self.store.driver() as connection:
                self.clock = clock(connection)
            self._ids = self._all_ids()
            unreadable: list[Failure] = []
            applications = facts.rule_facts(self.store, unreadable=unreadable)
            self._evaluate(applications, now)
            for failure in unreadable:
                self._failures[failure.application_id] = failure
            self._whole_at = time.monotonic()
            self.looked_at = len(applications) + len(unreadable)
            self.touched = None
        else:
            due = self._due_ids(now)
            reload = sorted(changed)
            unreadable = []
            fresh = facts.rule_facts(self.store, reload, unreadable) if reload else []
            for ident in reload:
                self._forget(ident)
            for failure in unreadable:
                self._failures[failure.application_id] = failure
            again = [self._facts[i] for i in due if i in self._facts and i not in changed]
            self._evaluate([*fresh, *again], now)
            self.looked_at = len(fresh) + len(again) + len(unreadable)
            self.touched = {*changed, *(a.id for a in again)}
            self._ids.update(changed)
        self._shape = shape
        self._at = now
        self._seen = self.clock
        return self._result(now, listed)

    # What changed.

    def _read_shape(self) -> tuple[int, int]:
        with self.store.driver() as connection:
            found = connection.execute("SELECT count(*), max(id) FROM applications").fetchone()
        return int(found[0]), int(found[1] or 0)

    def _explains(self, shape: tuple[int, int], changed: set[int]) -> bool:
        """Whether the applications added since the last pass are all among the changed ones
        (a new application's row is born stamped) and none was deleted: then the count and
        the highest id moved by exactly the newcomers."""
        assert self._shape is not None
        newcomers = [ident for ident in changed if ident not in self._ids]
        count, highest = self._shape
        return shape == (count + len(newcomers), max([highest, *newcomers]))

    def _all_ids(self) -> set[int]:
        with self.store.driver() as connection:
            return {ident for (ident,) in connection.execute("SELECT id FROM applications")}

    def _changed_ids(self) -> set[int]:
        """The applications whose facts changed since the clock this instance last read; the
        clock is read first, in the same snapshot, so a change is never missed."""
        with self.store.driver() as connection:
            self.clock = clock(connection)
            rows = connection.execute(
                "SELECT application_id FROM application_urgency WHERE changed > ?",
                [self._seen],
            ).fetchall()
        return {ident for (ident,) in rows}

    def _due_ids(self, now: datetime) -> set[int]:
        """The applications one of whose moments has come since they were evaluated."""
        heap, version = self._heap, self._version
        due: set[int] = set()
        while heap and heap[0][0] <= now:
            _, ident, made = heapq.heappop(heap)
            if version.get(ident) == made:
                due.add(ident)
        return due

    # Evaluating.

    def _reset(self) -> None:
        self._facts.clear()
        self._actions.clear()
        self._moments.clear()
        self._failures.clear()
        self._heap.clear()
        self._version.clear()

    def _forget(self, ident: int) -> None:
        self._facts.pop(ident, None)
        self._actions.pop(ident, None)
        self._moments.pop(ident, None)
        self._failures.pop(ident, None)
        self._version[ident] = self._version.get(ident, 0) + 1

    def _evaluate(self, applications: Iterable[Application], now: datetime) -> None:
        for_application = self.engine.for_application
        for application in applications:
            ident = application.id
            self._forget(ident)
            self._facts[ident] = application
            try:
                found, moments = for_application(application, now)
            except Exception as error:  # one application's bad data never stops the others
                self._failures[ident] = failure_of(application, error)
                continue
            self._actions[ident] = found
            self._remember(ident, [m for m in moments if m > now])

    def _remember(self, ident: int, moments: list[datetime]) -> None:
        if moments:
            self._moments[ident] = moments
            heapq.heappush(self._heap, (min(moments), ident, self._version[ident]))
        else:
            self._moments.pop(ident, None)

    def by_application(
        self, ids: Iterable[int | None] | None = None
    ) -> Iterator[tuple[int | None, list[Action]]]:
        """Each application's actions as of the last pass (None: keep-searching's), for all
        or for `ids`; an application without actions comes with an empty list."""
        if ids is None:
            yield from self._actions.items()
            yield None, self._searching
            return
        for ident in ids:
            yield ident, (self._searching if ident is None else self._actions.get(ident, []))

    def actions_of(self, ids: Iterable[int] | None) -> list[Action]:
        """The actions of these applications (None: of all), as of the last pass."""
        found: list[Action] = []
        if ids is None:
            for actions in self._actions.values():
                found.extend(actions)
            return found
        for ident in ids:
            found.extend(self._actions.get(ident, ()))
        return found

    # The result.

    def _result(self, now: datetime, listed: bool) -> Evaluation:
        actions: list[Action] = []
        if listed:
            for found in self._actions.values():
                actions.extend(found)
        searching = self._keep_searching(now)
        self._searching = list(searching.actions)
        actions.extend(searching.actions)
        candidates = [m for m in (self._next_change(now), searching.next_change) if m]
        failures = tuple(self._failures.values())
        return Evaluation(tuple(actions), min(candidates) if candidates else None, failures)

    def _keep_searching(self, now: datetime) -> Evaluation:
        """Keep-searching belongs to no application and is cheap: worked out every pass."""
        return self.engine.evaluate(
            (),
            now,
            last_added=facts.last_application_added(self.store),
            any_open=self._any_open(),
            general_snoozes=facts.general_snoozes(self.store),
        )

    def _any_open(self) -> bool:
        from followup.domain.model import OPEN_STAGES

        return any(a.stage in OPEN_STAGES for a in self._facts.values())

    def _next_change(self, now: datetime) -> datetime | None:
        """The earliest moment after `now` at which some application's actions really differ:
        its moments in order, each probed; one with no change there moves on to its next."""
        heap, version, probe = self._heap, self._version, self.engine.for_application
        while heap:
            moment, ident, made = heap[0]
            if version.get(ident) != made:
                heapq.heappop(heap)
                continue
            application = self._facts[ident]
            try:
                later_actions, later_moments = probe(application, moment)
            except Exception:  # fails later on (a date that overflows then): nothing to wait for
                heapq.heappop(heap)
                continue
            if signature(later_actions) != signature(self._actions.get(ident, [])):
                return moment
            # Nothing changes then: the moments as seen from then, which `now` could not know
            # (a message fallen into the past moves the day the application goes quiet).
            heapq.heappop(heap)
            later = [m for m in (*self._moments.get(ident, ()), *later_moments) if m > moment]
            self._version[ident] += 1
            self._remember(ident, later)
        return None
