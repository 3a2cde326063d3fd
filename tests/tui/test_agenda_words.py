"""The agenda's words for when: what to do 'by' a moment, what opens 'from' one, and a wait
that lasts 'until' one (nothing is due then: it is when the wait ends)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from followup.store.results import AgendaItem
from followup.tui.screens.agenda import when_words

ZONE = ZoneInfo("Europe/London")


def _item(state: str, due_by: datetime | None) -> AgendaItem:
    opens = datetime(2026, 12, 9, 10, 5, tzinfo=ZONE)
    return AgendaItem(1, "Globex", "Scientist", "wait", state, opens, due_by, "Wait", "")


def test_a_wait_reads_until_and_a_task_reads_by():
    end = datetime(2026, 12, 16, 10, 5, tzinfo=ZONE)
    assert when_words(_item("hold", end), ZONE) == "until Wed 16 Dec 10:05"
    assert when_words(_item("due", end), ZONE) == "by Wed 16 Dec 10:05"
    assert when_words(_item("upcoming", end), ZONE) == "from Wed 9 Dec 10:05"
    assert when_words(_item("due", None), ZONE) == ""
