"""Properties of the rules that hold for any history, checked with Hypothesis."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.model import (
    Application,
    Channel,
    Direction,
    Interview,
    Snooze,
    Stage,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.policy import Policy
from followup.domain.rules import RulesEngine, State

ZONE = ZoneInfo("Europe/Berlin")
BASE = datetime(2026, 10, 20, 9, 0, tzinfo=ZONE)  # a DST change falls inside the range
PROGRESS = {State.UPCOMING: 0, State.DUE: 1, State.OVERDUE: 2}

minutes = st.integers(min_value=0, max_value=60 * 24 * 40)


def at(offset: int) -> datetime:
    return (BASE.astimezone(ZoneInfo("UTC")) + timedelta(minutes=offset)).astimezone(ZONE)


interviews = st.builds(
    lambda start, length, notes, ident: Interview(at(start), length, notes, ident),
    minutes,
    st.sampled_from([30, 45, 60, 90]),
    st.booleans(),
    st.integers(1, 10_000),
)
touchpoints = st.builds(
    lambda when, direction, kind, ident: Touchpoint(
        at(when), direction, kind, Channel.EMAIL, ident
    ),
    minutes,
    st.sampled_from(list(Direction)),
    st.sampled_from(list(TouchpointKind)),
    st.integers(1, 10_000),
)
applications = st.builds(
    lambda stage, applied, decision, its, tps, briefed, snoozes: Application(
        id=1,
        company="Co",
        role="Role",
        stage=stage,
        created_at=at(0),
        applied_on=applied,
        decision_by=decision,
        interviews=tuple(sorted(its, key=lambda i: i.starts_at)),
        touchpoints=tuple(sorted(tps, key=lambda t: t.at)),
        references_briefed=tuple(briefed),
        snoozes=tuple(snoozes),
    ),
    st.sampled_from([Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]),
    st.one_of(st.none(), st.dates(date(2026, 10, 1), date(2026, 11, 30))),
    st.one_of(st.none(), st.dates(date(2026, 10, 15), date(2026, 12, 15))),
    st.lists(interviews, max_size=3),
    st.lists(touchpoints, max_size=5),
    st.lists(st.dates(date(2026, 10, 15), date(2026, 12, 15)), max_size=1),
    st.lists(
        st.builds(
            lambda rule, until: Snooze(rule, until=at(until)),
            st.sampled_from(["thank-you", "check-in", "notes", "wait"]),
            minutes,
        ),
        max_size=1,
    ),
)
policies = st.sampled_from([Policy(), Policy(max_unanswered=1), Policy(holidays_country="DE")])
ENGINES = {}


def engine_for(policy: Policy) -> RulesEngine:
    if policy not in ENGINES:
        ENGINES[policy] = RulesEngine(policy, ZONE)
    return ENGINES[policy]


def signature(actions):
    return sorted(
        (a.rule.value, a.state.value, a.opens_at, a.due_by, a.why, a.cycle) for a in actions
    )


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(applications, policies, minutes, st.integers(1, 60 * 24 * 20))
def test_states_only_move_forward_within_a_cycle(application, policy, start, step):
    engine = engine_for(policy)
    earlier = {(a.rule, a.cycle): a for a in engine.evaluate([application], at(start)).actions}
    later = engine.evaluate([application], at(start + step)).actions
    for action in later:
        before = earlier.get((action.rule, action.cycle))
        if before is None or before.state not in PROGRESS or action.state not in PROGRESS:
            continue
        if before.opens_at == action.opens_at and before.due_by == action.due_by:
            assert PROGRESS[action.state] >= PROGRESS[before.state], (before, action)


@SETTINGS
@given(applications, policies, minutes)
def test_a_reply_never_creates_an_overdue_action_at_that_moment(application, policy, when):
    engine = engine_for(policy)
    now = at(when)
    before = {
        a.rule for a in engine.evaluate([application], now).actions if a.state is State.OVERDUE
    }
    replied = Application(
        **{
            **{field: getattr(application, field) for field in Application.__slots__},
            "touchpoints": application.touchpoints
            + (Touchpoint(now, Direction.IN, TouchpointKind.REPLY),),
        }
    )
    after = {a.rule for a in engine.evaluate([replied], now).actions if a.state is State.OVERDUE}
    assert after <= before


@SETTINGS
@given(
    applications,
    policies,
    minutes,
    st.lists(st.floats(0, 1), min_size=1, max_size=4),
    st.one_of(st.none(), minutes),
)
def test_nothing_changes_before_the_next_change_and_something_does_at_it(
    application, policy, when, fractions, added
):
    engine = engine_for(policy)
    # Arithmetic and comparisons in UTC: Python compares and adds aware times of one zone by
    # the wall clock, so 02:00 before and after a clock change would count as the same moment.
    now = at(when).astimezone(UTC)
    last_added = at(added) if added is not None else None
    first = engine.evaluate([application], now, last_added=last_added)
    next_change = first.next_change.astimezone(UTC) if first.next_change is not None else None
    if next_change is None:
        later = engine.evaluate([application], now + timedelta(days=400), last_added=last_added)
        assert signature(later.actions) == signature(first.actions)
        return
    assert next_change > now
    span = next_change - now
    for fraction in fractions:
        moment = now + span * fraction
        if moment >= next_change:
            continue
        sampled = engine.evaluate([application], moment, last_added=last_added)
        assert signature(sampled.actions) == signature(first.actions), moment
    just_before = next_change - timedelta(microseconds=1)
    if just_before > now:
        assert signature(
            engine.evaluate([application], just_before, last_added=last_added).actions
        ) == signature(first.actions)
    at_change = engine.evaluate([application], next_change, last_added=last_added)
    assert signature(at_change.actions) != signature(first.actions)


def test_a_message_that_falls_into_the_past_later_moves_the_move_on_day():
    """Found by the property above: a thank-you logged a minute ahead of now makes the
    application go quiet 60 days after that message, a day `now` could not see."""
    application = Application(
        id=1,
        company="Co",
        role="Role",
        stage=Stage.APPLIED,
        created_at=at(0),
        applied_on=None,
        decision_by=None,
        touchpoints=(
            Touchpoint(at(21121), Direction.OUT, TouchpointKind.THANK_YOU, Channel.EMAIL, 1),
        ),
    )
    engine = engine_for(Policy())
    now = at(21120).astimezone(UTC)
    first = engine.evaluate([application], now)
    assert first.next_change is not None
    later = engine.evaluate([application], now + timedelta(days=400))
    assert [a.rule.value for a in later.actions] == ["move-on"]
    at_change = engine.evaluate([application], first.next_change)
    assert signature(at_change.actions) != signature(first.actions)
