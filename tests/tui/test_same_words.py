"""One vocabulary for time: the app and the shell say the same thing about the same moment, and
the header's counts are the rows the agenda shows."""

from __future__ import annotations

import re
from datetime import datetime

from textual.widgets import OptionList

from tests.tui.conftest import ZONE, header, list_lines, wait_for

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)


def _build(cli):
    """At Mon 23 Nov 09:00: Initech's thank-you was due at 08:30 (half an hour late), Hooli's
    is due at 23:00 tonight."""
    now = ["--now", "2026-11-23 09:00"]
    assert cli("add", "Initech", "Analyst", "--applied", "2026-11-09", *now).code == 0
    assert cli("interview", "1", "--at", "2026-11-22 07:30", "--notes", "ok", *now).code == 0
    assert cli("add", "Hooli", "Engineer", "--applied", "2026-11-10", *now).code == 0
    assert cli("interview", "2", "--at", "2026-11-22 22:00", "--notes", "fine", *now).code == 0


def _shell_words(cli) -> list[tuple[str, str, str]]:
    """(company, what to do, when) for each line `followup due` prints."""
    result = cli("due", "--now", "2026-11-23 09:00")
    assert result.code == 0, result.err
    found = []
    for line in result.out.splitlines()[1:]:
        _state, when, who, _rule, message = re.split(r"\s{2,}", line.strip())
        found.append((who.split(" ", 1)[-1] if who != "-" else "Your search", message, when))
    return found


async def test_the_list_the_agenda_and_the_shell_use_the_same_words(make_app, cli):
    _build(cli)
    shell = _shell_words(cli)
    assert ("Initech", "Send a thank-you note", "1h overdue") in shell
    assert ("Hooli", "Send a thank-you note", "due today") in shell

    app = make_app(MONDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1 and len(list_lines(app)) == 2)
        rows = list_lines(app)
        assert rows[0].startswith(" ● Initech") and rows[0].endswith("1h overdue")
        assert rows[1].startswith(" ● Hooli") and rows[1].endswith("due today")
        top = header(app)

        await pilot.press("t")
        await wait_for(pilot, lambda: app.screen.query(OptionList))
        agenda = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: agenda.option_count > 5)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]

    groups = {
        line.split(" (")[0]: int(line.split(" (")[1].rstrip(")"))
        for line in lines
        if line and not line.startswith(" ")
    }
    # The header's numbers are the agenda's groups, the same count; keep-searching, which no
    # list row shows and which has no deadline, is named beside them and is not due today.
    searching = any(
        "Keep searching" in line and line.strip().startswith("no deadline") for line in lines
    )
    assert ("● keep searching" in top) is searching
    assert f"● {groups['Overdue']} overdue" in top
    assert f"● {groups['Due today']} due today" in top
    assert f"◌ {groups['Waiting for a reply']} waiting" in top
    # Every action the shell printed is in the agenda, led by the same words.
    for company, message, words in shell:
        assert any(
            line.strip().startswith(words) and message in line and company in line for line in lines
        ), (company, message, words)
