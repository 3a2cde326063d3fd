"""Notes (E) and the draft (Ctrl+R) in the person's own editor: an editor that fails, is
missing, is killed or writes bytes that are not UTF-8 changes nothing and says why; the app
keeps running; VISUAL comes before EDITOR, and arguments in the variable are kept."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from followup.domain.model import Stage
from followup.store import drafts, repository
from followup.tui.widgets.compose import ComposePane
from tests.tui.conftest import NOW, wait_for
from tests.tui.test_app import _seed

SCRIPTS = {
    # Empties the file, then fails (a crash, or :cq in vim).
    "fails": ': > "$1"\nexit 1\n',
    "killed": 'printf "half" > "$1"\nkill -9 $$\n',
    "latin1": "printf 'Caf\\351 notes\\n' > \"$1\"\n",
    # Takes an argument from the variable itself, like `code --wait`.
    "good": '[ "$1" = "--wait" ] || exit 3\nprintf "New text from the editor.\\n" > "$2"\n',
}


@pytest.fixture
def editors(tmp_path):
    made = {}
    for name, body in SCRIPTS.items():
        path = tmp_path / f"{name}.sh"
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o700)
        made[name] = str(path)
    return made


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _editor_says(app, pilot, key: str, words: str) -> None:
    app.clear_notifications()
    await pilot.press(key)
    await wait_for(pilot, lambda: words in notices(app))


async def test_notes_in_an_editor_that_fails_in_every_way_stay_as_they_were(
    make_app, db_path, editors, monkeypatch, tmp_path
):
    interviewed = _seed(db_path)
    app = make_app()
    repository.set_notes(app.store, interviewed, "Original notes.")
    monkeypatch.delenv("VISUAL", raising=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)

        monkeypatch.setenv("EDITOR", editors["fails"])
        await _editor_says(app, pilot, "E", "exited with status 1")
        assert "Your notes are unchanged." in notices(app)

        monkeypatch.setenv("EDITOR", "/nonexistent/editor")
        await _editor_says(app, pilot, "E", "Cannot find the editor '/nonexistent/editor'")

        monkeypatch.setenv("EDITOR", editors["killed"])
        await _editor_says(app, pilot, "E", "was ended by SIGKILL")

        monkeypatch.setenv("EDITOR", editors["latin1"])
        await _editor_says(app, pilot, "E", "not UTF-8 (byte 0xe9 at 3)")
        kept = notices(app).split("it is kept in ")[1].split(". ")[0]
        assert Path(kept).read_bytes() == b"Caf\xe9 notes\n"  # what was written is not lost
        os.unlink(kept)

        assert repository.application_detail(app.store, interviewed)["notes"] == "Original notes."
        assert app.is_running

        # VISUAL comes first, and its arguments are passed on.
        monkeypatch.setenv("VISUAL", f"{editors['good']} --wait")
        await _editor_says(app, pilot, "E", "Notes saved.")
        record = repository.application_detail(app.store, interviewed)
        assert record["notes"] == "New text from the editor.\n"


async def test_the_draft_in_an_editor_that_writes_bad_bytes_keeps_what_was_typed(
    make_app, db_path, editors, monkeypatch
):
    interviewed = _seed(db_path)
    app = make_app(NOW + timedelta(hours=6), your_name="Sam Taylor")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editors["latin1"])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        await pilot.press("w")
        await wait_for(pilot, lambda: app.screen.query(ComposePane))
        pane = app.screen.query_one(ComposePane)
        area = pane.query_one("#draft")
        await wait_for(pilot, lambda: area.has_focus and pane.prepared is not None)
        await pilot.press(*"Typed just before. ")
        await _editor_says(app, pilot, "ctrl+r", "not UTF-8")
        os.unlink(notices(app).split("it is kept in ")[1].split(". ")[0])
        assert "The draft is as it was." in notices(app)
        assert "Typed just before. " in area.text
        await wait_for(
            pilot,
            lambda: "Typed just before. " in (drafts.newest(app.store, interviewed) or ("", ""))[1],
        )

        monkeypatch.setenv("EDITOR", f"{editors['good']} --wait")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: area.text == "New text from the editor.\n")


async def test_two_apps_editing_notes_keep_both_texts(make_app, db_path):
    """B saves notes after A showed the application; A's form opens with B's text. B saves
    again while A's form is open; A's save keeps both, marked, and says so."""
    from followup.store.db import Store

    interviewed = _seed(db_path)
    app = make_app()
    other = Store.open(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.list.selected_id == interviewed)
        detail = app.screen.query_one("#detail-body")
        await wait_for(pilot, lambda: "Northwind" in str(detail.content))
        repository.set_notes(other, interviewed, "B: salary band 90-100k.")

        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.query("#field-notes"))
        field = app.screen.query_one("#field-notes")
        assert field.text == "B: salary band 90-100k."  # what is stored now, not the old row
        repository.set_notes(other, interviewed, "B: salary band 95-105k, remote ok.")
        field.insert("A: ask about on-call. ", (0, 0))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "both texts are kept" in notices(app))
        notes = repository.notes_of(app.store, interviewed)
        assert "B: salary band 95-105k, remote ok." in notes
        assert "A: ask about on-call. B: salary band 90-100k." in notes
        assert repository.CONFLICT_MARK in notes
        await wait_for(pilot, lambda: "remote ok" in str(detail.content))

        # The stage form, too, starts from what is stored now.
        repository.set_stage(other, interviewed, Stage.OFFER)
        await pilot.press("S")
        await wait_for(pilot, lambda: app.screen.query("#field-stage"))
        assert app.screen.query_one("#field-stage").value == "offer"
    other.close()
