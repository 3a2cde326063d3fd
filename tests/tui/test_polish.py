"""What a person reads at 80x24: nothing cut, nothing run together, nothing that looks like
something it is not (a closed application, the same person twice, a company added twice)."""

from __future__ import annotations

import re
from datetime import timedelta

from followup.config import Settings
from followup.domain.clock import FixedClock
from followup.domain.model import ContactRole, Stage
from followup.domain.policy import Policy
from followup.store import repository
from followup.store.db import Store
from followup.tui.app import FollowupApp
from followup.tui.screens.form import FormScreen
from followup.tui.screens.main import MainScreen
from tests.tui.conftest import NOW, ZONE, burst, list_lines, screen_text, wait_for

WIDTH, HEIGHT = 80, 24


def _add(db_path, company: str, **fields) -> int:
    store = Store.open(db_path, create=True)
    try:
        return repository.add_application(
            store,
            repository.NewApplication(company, "Backend Engineer", applied_on=NOW.date(), **fields),
            now=NOW - timedelta(days=1),
        )
    finally:
        store.close()


async def test_quick_add_says_the_company_already_has_an_application(make_app, db_path):
    _add(db_path, "Northwind")
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        await burst(pilot, "a", *"northwind ")
        await wait_for(pilot, lambda: "Already there" in screen_text(app))
        hint = str(app.screen.query_one("#hint-company").render())
        assert "Backend Engineer (applied, applied 18 Nov 2026), still open" in hint, hint
        # A warning, not a refusal: the second application is added.
        await burst(pilot, "tab", *"Data Analyst", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: len(list_lines(app)) == 2)


async def test_quick_add_says_nothing_for_a_company_closed_long_ago(make_app, db_path):
    ident = _add(db_path, "Initech")
    store = Store.open(db_path)
    repository.set_stage(store, ident, Stage.REJECTED, now=NOW - timedelta(days=400))
    store.close()
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.loaded)
        await burst(pilot, "a", *"Initec")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await burst(pilot, "h")
        await wait_for(pilot, lambda: "Initech" in screen_text(app))
        await pilot.pause(0.3)  # the advice, were there any, comes from a thread
        assert "Already there" not in screen_text(app)


async def test_a_closed_application_reads_as_closed_at_80_columns(make_app, db_path):
    ident = _add(db_path, "Initech")
    store = Store.open(db_path)
    repository.set_stage(store, ident, Stage.REJECTED, now=NOW - timedelta(hours=1))
    store.close()
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.loaded)
        await pilot.press("o")
        await wait_for(pilot, lambda: len(list_lines(app)) == 1)
        row = list_lines(app)[0]
        assert "rejected" in row and row.endswith("closed"), row
        await wait_for(pilot, lambda: "closed: rejected" in screen_text(app))


async def test_a_long_overdue_timing_is_never_cut(db_path, tmp_path):
    ident = _add(db_path, "Hooli")
    store = Store.open(db_path)
    repository.add_interview(store, ident, starts_at=NOW - timedelta(days=130))
    store.close()
    # The default would suggest moving on after 60 quiet days; this person waits longer.
    settings = Settings(policy=Policy(stale_days=365))
    store = Store.open(db_path)
    app = FollowupApp(store, settings, FixedClock(NOW), ZONE, separate_process=False)
    try:
        async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
            await wait_for(pilot, lambda: "overdue" in "".join(list_lines(app)))
            row = list_lines(app)[0]
            assert re.search(r" 1\d\dd overdue$", row), row  # three digits, none cut
    finally:
        store.close()


async def test_a_person_in_two_roles_is_listed_once_with_both(make_app, db_path):
    ident = _add(db_path, "Hooli")
    store = Store.open(db_path)
    repository.add_interview(
        store, ident, starts_at=NOW - timedelta(days=2), interviewers=["Priya Patel"]
    )
    repository.add_contact(
        store, ident, name="Priya Patel", role=ContactRole.RECRUITER, email="priya@hooli.example"
    )
    store.close()
    app = make_app(your_name="Ada")
    async with app.run_test(size=(120, 60)) as pilot:
        body = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "People" in str(body.content))
        people = str(body.content).split("People\n")[1].split("\n\n")[0]
        assert people.count("Priya Patel") == 1, people
        assert "interviewer, recruiter" in people and "priya@hooli.example" in people


async def test_every_form_label_keeps_a_gap_before_its_field_at_80x24(make_app, db_path):
    _add(db_path, "Hooli")
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id is not None)
        for key in ("a", "i", "s", "r", "S", "n", "c", "f", "z", "e", "I", "C"):
            await pilot.press(key)
            await pilot.pause(0.2)
            if isinstance(app.screen, MainScreen):
                continue  # nothing to snooze
            await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
            for row in app.screen.query(".form-row"):
                label, field = row.children[0], row.children[1]
                text = str(label.render())
                assert len(text) < label.content_region.width, (key, text)
                assert label.content_region.right < field.region.x, (key, text)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_the_template_list_stays_inside_its_dialog_at_80x24(make_app, db_path):
    ident = _add(db_path, "Hooli")
    store = Store.open(db_path)
    repository.add_interview(store, ident, starts_at=NOW - timedelta(hours=3))
    store.close()
    app = make_app(your_name="Ada")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await wait_for(pilot, lambda: "thank-you" in screen_text(app))
        await pilot.press("w")
        await wait_for(pilot, lambda: "Draft thank-you" in screen_text(app))
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TemplateScreen")
        await pilot.pause(0.1)
        dialog = app.screen.query_one("#form").region
        choices = app.screen.query_one("#template-choices").region
        assert dialog.contains_region(choices), (dialog, choices)
        assert "check-in-after-date" not in screen_text(app)
        await pilot.press("down", "down", "down", "enter")  # thank-you, check-in, ..., withdraw
        await wait_for(pilot, lambda: "Draft withdraw" in screen_text(app))
        assert "withdraw my application" in app.screen.query_one("#draft").text
