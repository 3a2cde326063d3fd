"""The full-screen app driven as a person would, with Pilot."""

from __future__ import annotations

import csv
import dataclasses
from datetime import timedelta

from followup.store import repository
from followup.store.db import Store
from followup.tui.screens.form import FormScreen
from tests.tui.conftest import NOW, answer, burst, header, list_lines, wait_for


def _seed(db_path):
    """Two applications: one interviewed yesterday (a thank-you due), one applied today."""
    store = Store.open(db_path, create=True)
    interviewed = repository.add_application(
        store,
        repository.NewApplication("Northwind", "Backend Engineer", applied_on=NOW.date()),
        now=NOW - timedelta(days=10),
    )
    repository.add_interview(
        store,
        interviewed,
        starts_at=NOW - timedelta(hours=20),
        notes="Talked about billing",
        decision_by=(NOW + timedelta(days=7)).date(),
    )
    repository.add_application(
        store,
        repository.NewApplication("Bluefin", "Data Analyst", applied_on=NOW.date()),
        now=NOW,
    )
    store.close()
    return interviewed


async def test_empty_database_shows_a_friendly_first_screen(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1)
        welcome = app.screen.query_one("#welcome")
        await wait_for(pilot, lambda: welcome.display)
        assert "Press  a  to add your first application" in str(welcome.content)
        assert "followup demo" in str(welcome.content)


async def test_quick_add_keeps_the_dialog_on_a_bad_date_then_saves_and_selects(make_app, db_path):
    _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Acme", "tab", *"Platform Engineer", "tab", "tab")
        await pilot.press(*"the day after never")
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "cannot read" in str(app.screen.query_one("#hint-applied").content)
        )
        await wait_for(
            pilot, lambda: "Nothing was saved" in str(app.screen.query_one("#form-error").content)
        )
        assert isinstance(app.screen, FormScreen)  # still open, everything typed is there
        assert app.screen.values()["company"] == "Acme"
        assert app.screen.values()["applied"] == "the day after never"
        assert len(repository.list_applications(app.store)) == 2  # nothing written

        field = app.screen.query_one("#field-applied")
        field.value = "yesterday"
        await wait_for(
            pilot, lambda: "Tue 17 Nov 2026" in str(app.screen.query_one("#hint-applied").content)
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(pilot, lambda: any("Acme" in line for line in list_lines(app)))
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "Acme" in str(detail.content))
        added = [a for a in repository.list_applications(app.store) if a["company"] == "Acme"]
        assert added[0]["applied_on"] == (NOW - timedelta(days=1)).date()


async def test_escape_cancels_quick_add(make_app, db_path):
    _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Nope", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        assert len(repository.list_applications(app.store)) == 2


async def test_filter_and_move(make_app, db_path):
    _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        await pilot.press("j")
        detail = app.screen.query_one("#detail-body")
        second = list_lines(app)[1].split()[1]
        await wait_for(pilot, lambda: second in str(detail.content))
        await pilot.press("k")
        first = list_lines(app)[0].split()[1]
        await wait_for(pilot, lambda: first in str(detail.content))

        await pilot.press("slash", *"blue")
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        assert "Bluefin" in list_lines(app)[0]
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)


async def test_logging_a_thank_you_clears_it_and_recolours(make_app, db_path):
    interviewed = _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: any("thank-you" in line for line in list_lines(app)))
        row = next(line for line in list_lines(app) if "Northwind" in line)
        assert "thank-you" in row and row.lstrip().startswith("●")
        assert "thank-you" in [a.rule.value for a in app.actions_for(interviewed)]

        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        await pilot.press("s")  # a message sent: the first kind offered is a thank-you
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        await wait_for(
            pilot, lambda: "thank-you" not in [a.rule.value for a in app.actions_for(interviewed)]
        )
        await wait_for(pilot, lambda: not any("thank-you" in line for line in list_lines(app)))
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "→ thank-you" in str(detail.content))


async def test_the_clock_moving_past_due_by_turns_the_row_overdue_without_a_key(make_app, db_path):
    _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "0 overdue" in header(app))
        row = next(line for line in list_lines(app) if "Northwind" in line)
        assert "overdue" not in row
        # The interview ended 19 hours ago; the thank-you is due within 24 hours.
        app.clock.advance(timedelta(hours=6))
        await wait_for(pilot, lambda: "1 overdue" in header(app))
        await wait_for(
            pilot,
            lambda: "overdue" in next(line for line in list_lines(app) if "Northwind" in line),
        )


async def test_a_failing_tick_is_reported_and_the_next_one_runs(make_app, db_path, monkeypatch):
    _seed(db_path)
    app = make_app()
    calls = {"n": 0}
    from followup.store.incremental import Incremental

    real = Incremental.evaluate

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk hiccup")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Incremental, "evaluate", flaky)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: calls["n"] >= 4)
        assert any("disk hiccup" in str(n.message) for n in app._notifications)
        assert app.ticks >= 2


async def test_export_from_the_app(make_app, db_path, tmp_path):
    _seed(db_path)
    app = make_app()
    target = tmp_path / "exported" / "apps.csv"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        assert app.screen.values()["path"].endswith("followup-applications-2026-11-18.csv")
        app.screen.query_one("#field-path").value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        await wait_for(
            pilot, lambda: any(str(target) in str(n.message) for n in app._notifications)
        )
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["company"] for r in rows) == ["Bluefin", "Northwind"]


async def test_markup_and_escape_codes_are_shown_literally(make_app, db_path):
    store = Store.open(db_path, create=True)
    repository.add_application(
        store,
        repository.NewApplication(
            "[b]x[/b] \x1b[31mred", "[link=https://evil]role[/link]", notes="[i]notes[/i]"
        ),
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        line = list_lines(app)[0]
        assert "[b]x[/b]" in line and "\\x1b[31mred" in line
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "[b]x[/b]" in str(detail.content))
        text = str(detail.content)
        assert "[link=https://evil]role[/link]" in text and "[i]notes[/i]" in text
        assert "\x1b" not in text


async def test_agenda_groups_and_jumps(make_app, db_path):
    interviewed = _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1)
        await pilot.press("t")
        from textual.widgets import OptionList

        await wait_for(pilot, lambda: app.screen.query(OptionList))
        agenda = app.screen.query_one(OptionList)
        titles = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        assert [t.split(" (")[0] for t in titles if " (" in t] == [
            "Overdue",
            "Due today",
            "Coming up",
            "Waiting for a reply",
        ]
        assert any("thank-you" in t for t in titles)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)


async def test_help_and_palette_know_every_action(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        commands = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Add",
            "Filter",
            "Agenda",
            "Interview",
            "Sent",
            "Reply",
            "Export",
            "Snooze",
            "Done",
            "Close as no-response",
            "Notes in $EDITOR",
        ):
            assert title in commands


async def test_theme_choice_is_remembered(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "nord"
        await pilot.pause(0.3)
    assert 'theme = "nord"' in (tmp_path / "config.toml").read_text()


async def test_narrow_layout_stacks_the_panes(make_app, db_path):
    _seed(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        assert app.screen.has_class("-narrow")
        side = app.screen.query_one("#side-pane")
        listing = app.screen.query_one("#list-pane")
        assert side.region.y > listing.region.y
        await wait_for(
            pilot,
            lambda: list_lines(app)[0].rstrip().endswith(("today", "left", "overdue", "deadline")),
        )


async def test_rules_in_a_separate_process_rank_the_list_and_fill_the_header(make_app, db_path):
    _seed(db_path)
    app = make_app(separate_process=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.ticks >= 1, timeout=30)
        await wait_for(pilot, lambda: "thank-you" in list_lines(app)[0])
        assert "1 due today" in header(app) or "due today" in header(app)
        app.clock.advance(timedelta(hours=6))
        await wait_for(pilot, lambda: "1 overdue" in header(app), timeout=30)


async def test_compose_a_thank_you_edit_it_mark_it_sent_and_keep_unsent_drafts(make_app, db_path):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")  # the thank-you is overdue now
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        from followup.tui.widgets.compose import ComposePane

        await wait_for(pilot, lambda: app.screen.query(ComposePane))  # mounted when first needed
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.display and pane.prepared is not None)
        assert pane.prepared.template == "thank-you"
        area = pane.query_one("#draft")
        assert area.text.startswith("Subject: Thank you for your time")
        await pilot.press("w")
        await wait_for(pilot, lambda: area.has_focus)
        area.insert("P.S. I loved the billing demo.\n", (2, 0))
        await wait_for(
            pilot,
            lambda: (
                "loved the billing demo" in str(pane.query_one("#compose-checks").content) or True
            ),
        )
        await pilot.press("ctrl+s")  # [placeholders] are still in it: it asks first
        await wait_for(pilot, lambda: "still holds" in _question(app))
        await pilot.press("y")
        await wait_for(
            pilot, lambda: "thank-you" not in [a.rule.value for a in app.actions_for(interviewed)]
        )
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "→ thank-you" in str(detail.content))
        record = repository.application_detail(app.store, interviewed)
        assert "loved the billing demo" in record["touchpoints"][-1]["body"]

    # An unsent draft survives a restart.
    app = make_app(NOW + timedelta(days=9), your_name="Sam Taylor")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        await pilot.press("w")
        await wait_for(pilot, lambda: app.screen.query(ComposePane))  # mounted when first needed
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.prepared is not None and pane.display)
        pane.query_one("#draft").insert("Unsent words. ", (2, 0))
        await pilot.pause(0.1)
        await pilot.press("ctrl+q")  # quit at once: the draft is saved on the way out
    app = make_app(NOW + timedelta(days=9), your_name="Sam Taylor")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ComposePane))  # mounted when first needed
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.prepared is not None and pane.display)
        assert "Unsent words." in pane.query_one("#draft").text


async def test_import_from_the_app_previews_then_imports(make_app, db_path, tmp_path):
    _seed(db_path)
    source = tmp_path / "teal.csv"
    source.write_text("Company Name,Job Title,Status\nStark,Engineer,Applied\nWayne,Analyst,Odd\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        await pilot.press("I")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-path").value = str(source)
        await pilot.press("enter")
        from followup.tui.screens.form import ConfirmScreen

        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").content)
        assert "would add 2" in question and "'Odd'" in question
        assert len(repository.list_applications(app.store)) == 2  # only a preview so far
        await pilot.press("y")  # a key typed while the preview was being made answers nothing
        await pilot.pause(0.2)
        assert len(repository.list_applications(app.store)) == 2
        await answer(pilot, yes=True)
        await wait_for(pilot, lambda: len(list_lines(app)) == 4)


async def test_stats_view_and_calendar_from_the_app(make_app, db_path, tmp_path, monkeypatch):
    _seed(db_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        await pilot.press("v")
        await wait_for(
            pilot,
            lambda: (
                app.screen.query("#stats-body")
                and "Funnel" in str(app.screen.query_one("#stats-body").content)
            ),
        )
        assert "Response rate" in str(app.screen.query_one("#stats-body").content)
        await pilot.press("escape")
        await pilot.press("C")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("enter")
        await wait_for(pilot, (tmp_path / "followup.ics").exists)
    assert b"BEGIN:VEVENT" in (tmp_path / "followup.ics").read_bytes()


async def test_delete_asks_first_and_x_closes_as_no_response(make_app, db_path):
    from followup.tui.screens.form import ConfirmScreen

    _seed(db_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)
        first = list_lines(app)[0]
        company = "Northwind" if "Northwind" in first else "Bluefin"
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").content)
        assert f"Delete {company} with its interviews" in question
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert len(repository.list_applications(app.store)) == 2  # "no" deleted nothing

        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert f"Close {company} as no-response?" in str(
            app.screen.query_one("#confirm-question").content
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)  # closed ones are hidden
        assert company not in list_lines(app)[0]
        closed = repository.list_applications(app.store, include_closed=True)
        stages = {a["company"]: a["stage"] for a in closed}
        assert stages[company] == "no-response"


async def test_a_rules_tick_keeps_the_details_where_they_were_scrolled(make_app, db_path):
    from followup.tui.widgets.detail import ApplicationDetail

    store = Store.open(db_path, create=True)
    ident = repository.add_application(
        store, repository.NewApplication("Northwind", "Engineer", notes="line\n" * 80), now=NOW
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        detail = app.screen.query_one(ApplicationDetail)
        await wait_for(
            pilot, lambda: "Northwind" in str(app.screen.query_one("#detail-body").content)
        )
        await wait_for(pilot, lambda: detail.max_scroll_y > 10)
        detail.scroll_to(y=10, animate=False)
        await wait_for(pilot, lambda: detail.scroll_y == 10)
        ticks = app.ticks
        await wait_for(pilot, lambda: app.ticks >= ticks + 2)
        assert detail.scroll_y == 10  # still where the person left it
        assert app.screen.list.selected_id == ident


async def test_on_a_deferred_store_the_app_works_and_the_file_stays_sound(db_path, tmp_path):
    """The app as `followup` starts it on a current file: rows first, SQLAlchemy after."""
    from followup.config import Settings
    from followup.domain.clock import FixedClock
    from followup.store import backups
    from followup.store.deferred import DeferredStore
    from followup.tui.app import FollowupApp
    from tests.tui.conftest import ZONE

    interviewed = _seed(db_path)
    store = DeferredStore(db_path)
    app = FollowupApp(
        store,
        Settings(your_name="Sam Taylor"),
        FixedClock(NOW),
        ZONE,
        tick_seconds=1.0,
        config_path=tmp_path / "c.toml",
    )
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: len(list_lines(app)) == 2)
            await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
            await pilot.press("w")
            await wait_for(pilot, lambda: app.screen.query("#draft"))
            area = app.screen.query_one("#draft")
            await wait_for(pilot, lambda: area.has_focus)
            await pilot.press(*"Thanks again. ")
            await wait_for(pilot, lambda: app.ticks >= 2)
            # Plain connections and SQLAlchemy's side by side must not upset SQLite's locks.
            assert backups.quick_check(db_path) == "ok"
            assert "Thanks again." in area.text
    finally:
        store.close()


async def test_the_first_rows_show_while_the_count_is_still_running(make_app, db_path, monkeypatch):
    """On a big file the count takes longest; the rows must not wait for it."""
    import threading

    from followup.store import listing

    _seed(db_path)
    release = threading.Event()
    counting = listing.count

    def slow_count(store, query):
        release.wait(30)
        return counting(store, query)

    monkeypatch.setattr(listing, "count", slow_count)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await wait_for(pilot, lambda: len(list_lines(app)) == 2)
            shown = "\n".join(list_lines(app))
            assert "Northwind" in shown and "Bluefin" in shown
            detail = app.screen.query_one("#detail-body")
            first = list_lines(app)[0].split()[1]
            await wait_for(pilot, lambda: first in str(detail.content))
        finally:
            release.set()
        await pilot.press("j")  # once counted, the list works as ever
        second = list_lines(app)[1].split()[1]
        await wait_for(pilot, lambda: second in str(detail.content))


def _question(app) -> str:
    from textual.widgets import Static

    found = app.screen.query("#confirm-question")
    return str(found.first(Static).content) if found else ""


async def test_logging_a_draft_with_placeholders_asks_first(make_app, db_path):
    from followup.tui.widgets.compose import ComposePane

    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.display and pane.prepared is not None)
        pane.query_one("#draft").focus()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "[their first name]" in _question(app))
        assert "[your name]" in _question(app)
        await pilot.press("n")
        await pilot.pause(0.5)
        record = repository.application_detail(app.store, interviewed)
        assert record["touchpoints"] == []  # nothing was logged


async def test_keys_typed_after_w_on_the_first_draft_go_into_it_never_into_a_name_dialog(
    make_app, db_path, tmp_path
):
    """No name to sign with: a dialog that popped up to ask took the keys typed at once after
    `w`, and they became the signature. The draft keeps a visible [your name] instead, and
    Ctrl+N sets it, in the open draft too, and changes it."""
    from followup.tui.widgets.compose import ComposePane

    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        await burst(pilot, "w", *"Priya, thank you")
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        area = app.screen.query_one(ComposePane).query_one("#draft")
        await wait_for(pilot, lambda: "Priya, thank you" in area.text)
        await pilot.pause(0.5)
        assert not isinstance(app.screen, FormScreen)
        assert "Dear Priya, thank you," in area.text
        assert area.text.rstrip().endswith("[your name]")
        checks = str(app.screen.query_one("#compose-checks").content)
        assert "[your name] (Ctrl+N: your name)" in checks
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        assert app.screen.form_title == "Your name, to sign your messages"
        await pilot.press(*"Ada Lovelace", "enter")
        await wait_for(pilot, lambda: area.text.rstrip().endswith("Ada Lovelace"))
        assert "[your name]" not in area.text and "Dear Priya, thank you," in area.text
        assert "Ctrl+N" not in str(app.screen.query_one("#compose-checks").content)
        await wait_for(pilot, lambda: area.has_focus)
        await pilot.press("ctrl+n")  # a name set: Ctrl+N changes it, in the open draft too
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("end", *["backspace"] * len("Lovelace"), *"King", "enter")
        await wait_for(pilot, lambda: area.text.rstrip().endswith("Ada King"))
        assert "Lovelace" not in area.text and "Dear Priya, thank you," in area.text
    assert 'your_name = "Ada King"' in (tmp_path / "config.toml").read_text()


async def test_copy_takes_the_body_and_says_what_was_done(make_app, db_path, monkeypatch, tmp_path):
    from followup.tui.widgets.compose import ComposePane

    monkeypatch.setenv("PATH", str(tmp_path))  # no clipboard program on this machine
    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    said = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.display and pane.prepared is not None)
        monkeypatch.setattr(app, "notify", lambda message, **_: said.append(message))
        pane.query_one("#draft").focus()
        await pilot.press("ctrl+g")
        await pilot.pause(0.2)
        assert app.clipboard.startswith("Dear ")  # the body alone, no "Subject:" line
        assert said and "terminal's clipboard" in said[-1] and "copied" not in said[-1].lower()


async def test_looking_at_a_draft_saves_nothing(make_app, db_path):
    """A draft is shown for the thank-you that is due; only typing in it keeps it."""
    from followup.store import drafts
    from followup.tui.widgets.compose import ComposePane

    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.display and pane.prepared is not None)
        await pilot.press("down", "up")  # to the other application and back
        await pilot.pause(1.0)  # longer than the pause before a typed draft is saved
        await pilot.press("ctrl+q")
    store = Store.open(db_path)
    assert drafts.unsent(store, interviewed) == []
    store.close()


async def test_mail_with_nothing_to_open_links_shows_the_link(
    make_app, db_path, monkeypatch, tmp_path
):
    import webbrowser

    from followup.tui.widgets.compose import ComposePane

    monkeypatch.setenv("PATH", str(tmp_path))  # no xdg-open, no browser
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # look again, on this PATH
    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    said = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        pane = app.screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.display and pane.prepared is not None)
        monkeypatch.setattr(app, "notify", lambda message, **_: said.append(message))
        pane.query_one("#draft").focus()
        await pilot.press("ctrl+o")
        await pilot.pause(0.2)
    assert said and "nothing was opened" in said[-1] and "mailto:" in said[-1]


async def test_w_opens_the_draft_even_when_a_rules_tick_reads_the_details_at_that_moment(
    make_app, db_path
):
    """A tick re-reads the selected application's details; `w` pressed just then must still
    open the draft and give it the keys (they were held, then lost, when the read cancelled
    the opening)."""
    from followup.tui.widgets.compose import ComposePane

    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Ada")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        screen = app.screen
        screen.action_write()
        screen.show_detail(screen.list.selected_id)  # what a tick does, in the same moment
        await wait_for(pilot, lambda: screen.query(ComposePane))
        pane = screen.query_one(ComposePane)
        await wait_for(pilot, lambda: pane.query_one("#draft").has_focus, timeout=10)
        await pilot.press(*"Hi")
        assert "Hi" in pane.query_one("#draft").text


async def test_keys_typed_at_once_after_w_replace_the_first_placeholder(make_app, db_path):
    """Typing straight after `w` goes into the letter (its first [gap]), never above the
    subject line."""
    from followup.tui.widgets.compose import ComposePane

    _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    app.settings = dataclasses.replace(app.settings, your_name="Ada")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        await pilot.press("w", *"Priya")
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        area = app.screen.query_one(ComposePane).query_one("#draft")
        await wait_for(pilot, lambda: "Priya" in area.text)
        lines = area.text.splitlines()
        assert lines[0].startswith("Subject:"), lines[:3]
        assert "Dear Priya," in area.text, lines[:4]


async def test_tab_in_a_draft_goes_to_its_next_gap_and_never_out_to_the_lists_keys(
    make_app, db_path
):
    """Tab inside a draft used to leave it: the next letters ran the list's keys (`d` marked
    the thank-you done). It moves to the next [gap]; the letters stay in the draft."""
    from followup.tui.widgets.compose import ComposePane

    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6))
    app.settings = dataclasses.replace(app.settings, your_name="Ada")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        await pilot.press("w")
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        pane = app.screen.query_one(ComposePane)
        area = pane.query_one("#draft")
        await wait_for(pilot, lambda: area.has_focus and pane.prepared is not None)
        await pilot.press("tab", *"dear", "tab", "tab", *"ex")
        assert area.has_focus
        assert "dear" in area.text and "ex" in area.text
        await pilot.pause(0.3)
        assert "thank-you" in {a.rule.value for a in app.actions_for(interviewed)}


async def test_the_notes_form_records_what_they_said_for_the_thank_you(make_app, db_path):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Ada")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-they_said").focus()
        await pilot.press(*"They ship on Tuesdays.", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
        prepared = app.prepare_draft(interviewed)
        assert prepared is not None and "hearing that they ship on Tuesdays." in prepared.text
        assert "Talked about billing" not in prepared.text  # the private notes stay private
