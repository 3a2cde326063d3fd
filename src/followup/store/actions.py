"""The follow-up actions of what is in the store, at a moment: loads the facts, runs the rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from followup.domain.policy import Policy
from followup.domain.rules import (
    Action,
    Evaluation,
    Failure,
    FollowUpRule,
    RulesEngine,
    failure_of,
)
from followup.store import facts
from followup.store.header import StoreError

if TYPE_CHECKING:
    from followup.store.db import Store


class RulesFailed(StoreError):
    """One application's actions could not be worked out; the message names it."""


def evaluate(
    store: Store,
    policy: Policy,
    now: datetime,
    zone: tzinfo,
    *,
    engine: RulesEngine | None = None,
    report: Callable[[str], None] | None = None,
) -> Evaluation:
    """Every open application's actions, plus keep-searching, with the next change; each
    application that could not be evaluated is handed to `report` (and kept in `failures`)."""
    engine = engine or RulesEngine(policy, zone)
    unreadable: list[Failure] = []
    evaluation = engine.evaluate(
        facts.rule_facts(store, unreadable=unreadable),
        now,
        last_added=facts.last_application_added(store),
        general_snoozes=facts.general_snoozes(store),
    )
    if unreadable:
        evaluation = replace(evaluation, failures=(*unreadable, *evaluation.failures))
    if report is not None:
        for failure in evaluation.failures:
            report(failure.message)
    return evaluation


def for_application(
    store: Store, application_id: int, policy: Policy, now: datetime, zone: tzinfo
) -> list[Action]:
    engine = RulesEngine(policy, zone)
    unreadable: list[Failure] = []
    found = facts.rule_facts(store, [application_id], unreadable)
    if unreadable:
        raise RulesFailed(unreadable[0].message)
    if not found:
        return []
    try:
        actions, _ = engine.for_application(found[0], now)
    except Exception as error:
        raise RulesFailed(failure_of(found[0], error).message) from error
    return sorted(actions, key=Action.sort_key)


def current_action(
    store: Store,
    application_id: int | None,
    rule: FollowUpRule,
    policy: Policy,
    now: datetime,
    zone: tzinfo,
) -> Action | None:
    """The action `rule` shows now for one application (or keep-searching), if any."""
    if application_id is None:
        evaluation = evaluate(store, policy, now, zone)
        found = [a for a in evaluation.actions if a.application_id is None and a.rule is rule]
    else:
        found = [
            a for a in for_application(store, application_id, policy, now, zone) if a.rule is rule
        ]
    return found[0] if found else None
