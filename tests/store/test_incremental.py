"""A rules pass looks again only where something changed, and finds exactly what a whole pass
finds: after edits made through followup, edits made by another program through SQLite alone,
new and deleted applications, and time moving on."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain.model import Direction, Stage, TouchpointKind
from followup.domain.policy import Policy
from followup.domain.rules import most_urgent_first
from followup.store import actions, demo, repository
from followup.store.evaluation import Evaluator

ZONE = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 2, 9, 0, tzinfo=ZONE)


def _seen(evaluation):
    return [
        (a.application_id, a.rule.value, a.state.value, a.opens_at, a.due_by, a.message, a.why)
        for a in most_urgent_first(evaluation.actions)
    ]


def _stored(db_path):
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "SELECT application_id, rank, sort_at, rule, state, message, opens_at, due_by "
            "FROM application_urgency ORDER BY application_id"
        ).fetchall()


def _edit(store, db_path, rng, now, ids):
    """One change of the kind a person (or another program) makes."""
    ident = rng.choice(sorted(ids))
    choice = rng.randrange(8)
    if choice == 0:
        repository.log_touchpoint(
            store,
            ident,
            kind=rng.choice([TouchpointKind.FOLLOW_UP, TouchpointKind.REPLY]),
            direction=Direction.OUT if rng.random() < 0.5 else Direction.IN,
            at=now - timedelta(minutes=5),
            now=now,
        )
    elif choice == 1:
        repository.add_interview(
            store, ident, starts_at=now + timedelta(days=rng.randrange(1, 6), hours=2), now=now
        )
    elif choice == 2:
        repository.set_stage(store, ident, rng.choice(list(Stage)), now=now)
    elif choice == 3:
        ids.add(
            repository.add_application(
                store, repository.NewApplication(f"New {rng.random():.6f}", "Role"), now=now
            )
        )
    elif choice == 4:
        repository.delete_application(store, ident)
        ids.discard(ident)
    elif choice == 5:
        repository.snooze(store, ident, "check-in", until=now + timedelta(days=2))
    elif choice == 6:  # another program, through SQLite alone
        with sqlite3.connect(db_path) as connection:
            connection.execute(
                "UPDATE applications SET decision_by = ? WHERE id = ?",
                [(now + timedelta(days=rng.randrange(-3, 9))).date().isoformat(), ident],
            )
    else:
        with sqlite3.connect(db_path) as connection:
            connection.execute("DELETE FROM touchpoints WHERE application_id = ?", [ident])


def test_passes_that_look_again_only_where_something_changed_find_what_a_whole_pass_finds(
    store, db_path
):
    policy = Policy()
    demo.fill(store, size=80, now=START, zone=ZONE)
    ids = {row["id"] for row in repository.list_applications(store, include_closed=True)}
    rng = random.Random(11)
    evaluator = Evaluator(store, policy, ZONE)
    # The same history, every pass a whole one: what the header and the notices must say.
    reference = Evaluator(store, policy, ZONE)
    # A second app open on the same file, which looks less often: what the first one has
    # looked at is not lost to it.
    other = Evaluator(store, policy, ZONE)
    now = START
    partial = 0
    for step in range(40):
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            _edit(store, db_path, rng, now, ids)
        if step % 4 == 1:  # the agenda asked first: its pass counts for the summary too
            reference.rules._at = None
            assert evaluator.agenda(now) == reference.agenda(now), step
        summary = evaluator.summarize(now)
        if evaluator.rules.touched is not None:
            partial += 1
        reference.rules._at = None  # forgets when it last looked: looks at everything
        expected = reference.summarize(now)
        assert reference.rules.touched is None
        said = lambda s: (s.overdue, s.due_today, s.waiting, s.next_change, s.notices)  # noqa: E731
        assert said(summary) == said(expected), step
        whole = actions.evaluate(store, policy, now, ZONE)
        assert _seen(evaluator.rules.evaluate(now)) == _seen(whole), step
        if step % 3 == 2:
            assert said(other.summarize(now))[:4] == said(expected)[:4], step
        assert summary.next_change == whole.next_change, step
        # What it stored for the list is what a new evaluator (a whole pass) stores.
        stored = _stored(db_path)
        assert Evaluator(store, policy, ZONE).summarize(now).changed_rows == 0, step
        assert _stored(db_path) == stored, step
        now += timedelta(hours=rng.choice([0, 1, 5, 13, 30]))
    assert partial > 25  # most passes looked again at a few applications, not all


def test_a_pass_after_one_edit_looks_again_at_that_application_alone(store, db_path):
    demo.fill(store, size=200, now=START, zone=ZONE)
    evaluator = Evaluator(store, Policy(), ZONE)
    evaluator.summarize(START)
    assert evaluator.rules.touched is None  # the first pass looks at everything
    ident = repository.list_applications(store)[0]["id"]
    repository.log_touchpoint(store, ident, kind=TouchpointKind.FOLLOW_UP, at=START, now=START)
    evaluator.summarize(START)
    assert evaluator.rules.touched == {ident}
    assert evaluator.rules.looked_at == 1
    evaluator.summarize(START)  # nothing changed since
    assert evaluator.rules.looked_at == 0
