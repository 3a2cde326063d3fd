"""Two weeks of one search, lived through the app and the shell with a fixed clock (issue 14).

A person adds an application, books an interview, writes notes, drafts and sends a thank-you,
lets the decision date pass, checks in, waits, hears back and gets an offer. At each step the
test reads what the person reads (header counts, list words, the agenda, the draft offered and
the checker's marks, the shell's lines) and checks that the app and the shell say the same.
"""

from __future__ import annotations

import re
from datetime import datetime

from textual.widgets import OptionList

from followup.tui.screens.form import FormScreen
from tests.tui.conftest import ZONE, header, list_lines, wait_for

NAME = "Sam Taylor"
THANK_YOU = """Subject: Thank you for your time, Priya

Dear Priya,

Thank you for taking the time to talk with me on Thursday about the Backend Engineer role at \
Hooli. I enjoyed the conversation, especially hearing that the team ships every week.

It left me even more excited about the role. I think my experience fits what you need: five \
years running Postgres-backed services that ship weekly.

One thing I would like to add to my answer about on-call: I also wrote the runbooks my last \
team still uses.

I look forward to hearing about the next steps.

Best regards,
Sam Taylor
"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


def shell_due(cli, now: str) -> dict[str, str]:
    """rule -> the words `followup due` prints for when it is, for Hooli and the search."""
    result = cli("--now", now, "due")
    assert result.code == 0, result.err
    found = {}
    for line in result.out.splitlines()[1:]:
        _state, when, _who, rule, _message = re.split(r"\s{2,}", line.strip())
        found[rule] = when
    return found


def row(app) -> tuple[str, str]:
    """The one list row: (next action, when), as the person reads them."""
    lines = list_lines(app)
    assert len(lines) == 1, lines
    words = re.split(r"\s{2,}", lines[0].strip())
    return words[-2], words[-1]


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).content)


async def opened(app, pilot) -> None:
    await wait_for(pilot, lambda: app.ticks >= 1 and len(list_lines(app)) == 1)
    await wait_for(pilot, lambda: "Hooli" in shown(app, "#detail-body"))


async def moved(app, pilot, moment: str, expected: tuple[str, str]) -> None:
    """The clock moves on (the app stays open); the rules run again and the row follows."""
    app.clock.moment = at(moment)
    app.refresh_rules()
    await wait_for(pilot, lambda: row(app) == expected)


async def test_two_weeks_of_one_search(make_app, cli, tmp_path):
    # Mon 16 Nov, the shell: an applied date is never ahead, an interview needs a time.
    monday = ["--now", "2026-11-16 09:00"]
    future = cli(*monday, "add", "Hooli", "Backend Engineer", "--applied", "next friday")
    assert (future.code, future.out) == (2, "")
    assert "that is in the future" in future.err and len(future.err.splitlines()) == 1
    assert cli(*monday, "add", "Hooli", "Backend Engineer", "--applied", "today").code == 0
    booked = ["interview", "Hooli", "--with", "Priya Patel", "--decision-by", "nov 24"]
    no_time = cli(*monday, *booked, "--at", "thu")
    assert no_time.code == 2
    assert "'thu' read as Thu 19 Nov 2026, with no time of day" in no_time.err
    done = cli(*monday, *booked, "--at", "thu 10am")
    assert done.code == 0, done.err
    assert "Thu 19 Nov 2026 10:00" in done.err and "they decide by Tue 24 Nov 2026" in done.err

    # The app that morning, open for the whole fortnight: getting ready. A second application
    # typed with a date ahead is refused in the form too, and Esc leaves it unsaved.
    app = make_app(at("2026-11-16 09:10"))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot)
        assert row(app) == ("prep", "in 1d")
        assert shell_due(cli, "2026-11-16 09:10")["prep"] == "in 1d"
        assert "● 0 overdue" in header(app) and "● 0 due today" in header(app)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Initech", "tab", *"Analyst", "tab", "tab", *"next friday", "enter")
        await wait_for(pilot, lambda: "that is in the future" in shown(app, "#hint-applied"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        assert len(list_lines(app)) == 1

        # Thu 19 Nov 11:30, half an hour after the interview: notes and a thank-you, both
        # due by tomorrow 11:00, the same words in the app and the shell.
        await moved(app, pilot, "2026-11-19 11:30", ("notes", "due in 1d"))
        shell = shell_due(cli, "2026-11-19 11:30")
        assert shell["notes"] == shell["thank-you"] == "due in 1d"
        await wait_for(pilot, lambda: "Send a thank-you" in shown(app, "#detail-body"))
        detail = shown(app, "#detail-body")
        assert "Write down your interview notes while they are fresh (due in 1d)" in detail
        assert "Send a thank-you note (due in 1d)" in detail
        assert "thank-you: Send" not in detail  # the rule's name is not said twice
        assert "prep" not in detail

        await pilot.press("n")  # the interview's own notes, from the detail pane
        await wait_for(pilot, lambda: app.screen.query("#field-interview_notes"))
        notes = app.screen.query_one("#field-interview_notes")
        notes.insert("Team ships weekly; asked about on-call.", (0, 0))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: row(app) == ("thank-you", "due in 1d"))

        await pilot.press("w")  # the first draft: signed [your name] until Ctrl+N sets it
        await wait_for(pilot, lambda: "Ctrl+N" in shown(app, "#compose-checks"))
        assert not isinstance(app.screen, FormScreen)  # no dialog pops up to take the keys
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.screen.query("#field-name"))
        await pilot.press(*NAME, "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        area = app.screen.query_one("#draft")
        await wait_for(pilot, lambda: NAME in area.text)
        assert shown(app, "#compose-title") == "Draft thank-you to Priya Patel"
        assert area.text.startswith("Subject: Thank you for your time, Priya")
        checks = shown(app, "#compose-checks")
        assert "✓ thanks them for their time" in checks
        assert "! does not yet say why you fit" in checks  # still a [placeholder]
        area.replace(THANK_YOU, (0, 0), area.document.end)
        await wait_for(pilot, lambda: "✓ says why you fit" in shown(app, "#compose-checks"))
        checks = shown(app, "#compose-checks")
        assert "✓ adds one new detail" in checks and "fill in" not in checks
        await pilot.press("ctrl+s")  # nothing left to fill in: logged without a question
        await wait_for(pilot, lambda: row(app) == ("check-in", "in 7d"))
        await wait_for(pilot, lambda: "→ thank-you" in shown(app, "#detail-body"))
        assert f'your_name = "{NAME}"' in (tmp_path / "config.toml").read_text()
        await pilot.press("escape")

        # Fri 20 Nov: nothing left from the interview; the check-in waits for their date.
        assert shell_due(cli, "2026-11-20 12:00") == {
            "keep-searching": "in 3d",
            "check-in": "in 6d",
        }
        # Wed 25 Nov: their decision date (Tue 24) has passed; the check-in opens tomorrow.
        await moved(app, pilot, "2026-11-25 10:00", ("check-in", "in 1d"))
        assert shell_due(cli, "2026-11-25 10:00")["check-in"] == "in 1d"

        # Thu 26 Nov 10:00: check in. The draft offered names the date they gave.
        await moved(app, pilot, "2026-11-26 10:00", ("check-in", "due in 1d"))
        assert shell_due(cli, "2026-11-26 10:00")["check-in"] == "due in 1d"
        # Keep-searching is due, and no list row shows it: the header names it, not counts it.
        assert "● 0 due today" in header(app) and "● keep searching" in header(app)
        await pilot.press("w")
        await wait_for(pilot, lambda: area.has_focus and "Checking in" in area.text)
        assert shown(app, "#compose-title") == "Draft check-in to Priya Patel"
        assert "you hoped to reach a decision by Tuesday 24 November" in area.text
        assert area.text.rstrip().endswith(NAME)
        assert "✓ thanks them for their time" in shown(app, "#compose-checks")
        await pilot.press("escape")

        # Sent from the phone, logged from the shell with the words a person uses.
        logged = cli(
            "--now", "2026-11-26 10:30", "log", "Hooli", "--kind", "check-in", "--contact", "priya"
        )
        assert logged.code == 0, logged.err
        assert "Logged follow-up (out, email) to Priya Patel" in logged.err

        # Fri 27 Nov: wait. Nothing asks for another message, and the draft says why not.
        await moved(app, pilot, "2026-11-27 09:00", ("wait", "waiting"))
        assert shell_due(cli, "2026-11-27 09:00") == {
            "keep-searching": "no deadline",
            "wait": "waiting",
        }
        assert "◌ 1 waiting" in header(app)
        await pilot.press("w")
        await wait_for(pilot, lambda: "! Wait: you followed up" in shown(app, "#compose-checks"))
        await pilot.press("escape", "t")
        await wait_for(pilot, lambda: app.screen.query(OptionList))
        agenda_screen = app.screen
        agenda = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: agenda.option_count > 6)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        assert lines[lines.index("Waiting for a reply (1)") + 1].startswith(
            "  waiting     Wait for a reply: do not send another message yet  — Hooli"
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not agenda_screen)

        # Mon 30 Nov: Priya replies, logged from the app with her first name: no second Priya.
        # Their news makes the date they gave stale: ask when they now expect to decide.
        app.clock.moment = at("2026-11-30 10:00")
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen.query("#field-contact"))
        app.screen.query_one("#field-contact").value = "Priya"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: row(app) == ("timeline", "no deadline"))
        await wait_for(pilot, lambda: "← reply" in shown(app, "#detail-body"))
        detail = shown(app, "#detail-body")
        assert detail.split("People", 1)[1].split("Timeline")[0].strip() == (
            "Priya Patel  interviewer"
        )
        assert "Mon 30 Nov 2026 10:00  ← reply (email) Priya Patel" in detail

        # An offer: answered by their deadline, never a check-in, no thank-you or notes.
        assert cli("--now", "2026-11-30 11:00", "stage", "Hooli", "offer").code == 0
        assert shell_due(cli, "2026-11-30 11:00") == {
            "offer": "no deadline",
            "keep-searching": "no deadline",
        }
        await moved(app, pilot, "2026-11-30 11:00", ("offer", "no deadline"))
        await wait_for(pilot, lambda: "Answer the offer" in shown(app, "#detail-body"))
        detail = shown(app, "#detail-body")
        assert "Answer the offer: ask for it in writing, reply by their deadline" in detail
        assert "check-in" not in detail.split("Interviews")[0]
