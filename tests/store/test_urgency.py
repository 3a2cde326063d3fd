"""The list's order comes from each application's most urgent action."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain.policy import Policy
from followup.store import listing, repository
from followup.store.evaluation import Evaluator

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)


def test_an_overdue_action_ranks_an_application_above_one_with_only_a_coming_step(store):
    calm = repository.add_application(
        store, repository.NewApplication("Calm Co", "Analyst", applied_on=NOW.date()), now=NOW
    )
    busy = repository.add_application(
        store,
        repository.NewApplication("Busy Co", "Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=20),
    )
    # Busy Co: a thank-you overdue for the interview two days ago, and the preparation for the
    # next one, in four days, still to come. The list ranks it by the overdue one.
    repository.add_interview(store, busy, starts_at=NOW - timedelta(days=2), notes="ok")
    repository.add_interview(store, busy, starts_at=NOW + timedelta(days=4))
    Evaluator(store, Policy(), ZONE).summarize(NOW)
    rows = listing.page(store, listing.ListQuery(), 0, 10)
    assert [row.id for row in rows] == [busy, calm]
    assert (rows[0].state, rows[0].rule) == ("overdue", "thank-you")


def test_pages_put_together_are_the_whole_list_in_order(store):
    for n in range(150):
        repository.add_application(
            store,
            repository.NewApplication(
                f"{'North' if n % 3 else 'South'} {n}", "Role", applied_on=NOW.date()
            ),
            now=NOW - timedelta(days=n % 20),
        )
    Evaluator(store, Policy(), ZONE).summarize(NOW)
    for query in (listing.ListQuery(), listing.ListQuery("north"), listing.ListQuery("", True)):
        whole = listing.page(store, query, 0, 1000)
        assert len(whole) == listing.count(store, query)
        pages = [listing.page(store, query, start, 64) for start in range(0, len(whole), 64)]
        assert [row.id for page in pages for row in page] == [row.id for row in whole]
        ranks = [(row.rank, row.id) for row in whole]
        assert [rank for rank, _ in ranks] == sorted(rank for rank, _ in ranks)
    assert len(listing.page(store, listing.ListQuery("north"), 0, 1000)) == 100
