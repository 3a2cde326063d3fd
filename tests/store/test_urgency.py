"""The list's order comes from each application's most urgent action."""

import sqlite3
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


def test_a_change_made_by_another_process_hides_the_stored_words_until_the_next_pass(
    store, db_path, cli
):
    """The last pass stored "check in" for Initech; then the check-in is logged from the
    shell. Until a new pass has looked, the list shows no words for that row and the header
    does not count it as overdue: never the old advice as if it still held."""
    quiet = repository.add_application(
        store,
        repository.NewApplication(
            "Initech", "Developer", applied_on=(NOW - timedelta(days=30)).date()
        ),
        now=NOW - timedelta(days=30),
    )
    other = repository.add_application(
        store, repository.NewApplication("Globex", "Analyst", applied_on=NOW.date()), now=NOW
    )
    Evaluator(store, Policy(), ZONE).summarize(NOW)
    tonight = NOW.replace(hour=23, minute=59)
    rows = {row.id: row for row in listing.page(store, listing.ListQuery(), 0, 10)}
    assert (rows[quiet].rule, rows[quiet].state) == ("check-in", "overdue")
    assert listing.stored_counts(store, NOW, tonight)[0] == 1

    logged = cli("log", str(quiet), "--kind", "check-in", "--now", NOW.isoformat())
    assert logged.code == 0, logged

    rows = {row.id: row for row in listing.page(store, listing.ListQuery(), 0, 10)}
    assert (rows[quiet].rule, rows[quiet].state, rows[quiet].message) == ("", "", "")
    assert rows[quiet].due_by is None
    assert rows[other].rule != ""  # untouched rows keep their words
    assert listing.stored_counts(store, NOW, tonight)[0] == 0

    # The app's evaluator was made before the change, so it remembers the old words: the
    # mark alone makes it write the row again.
    Evaluator(store, Policy(), ZONE).summarize(NOW)
    rows = {row.id: row for row in listing.page(store, listing.ListQuery(), 0, 10)}
    assert (rows[quiet].rule, rows[quiet].state) == ("wait", "hold")


def test_the_evaluator_that_wrote_a_row_clears_its_mark_even_when_the_words_stay(store, db_path):
    """A change that leaves the advice as it was (notes on a company with no interview) still
    marks the row; a long-lived evaluator that remembers those words writes it again."""
    ident = repository.add_application(
        store, repository.NewApplication("Initech", "Developer", applied_on=NOW.date()), now=NOW
    )
    evaluator = Evaluator(store, Policy(), ZONE)
    evaluator.summarize(NOW)
    before = listing.page(store, listing.ListQuery(), 0, 10)[0]
    with sqlite3.connect(db_path) as connection:  # another program, through SQLite alone
        connection.execute(
            "UPDATE applications SET role = 'Senior Developer' WHERE id = ?", [ident]
        )
    assert listing.page(store, listing.ListQuery(), 0, 10)[0].rule == ""
    evaluator.summarize(NOW)
    after = listing.page(store, listing.ListQuery(), 0, 10)[0]
    assert (after.rule, after.state, after.opens_at) == (before.rule, before.state, before.opens_at)
