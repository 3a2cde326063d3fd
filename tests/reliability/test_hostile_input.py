"""Hostile input: markup, escape codes, NUL bytes, 100,000 characters and right-to-left text in
every free-text field, through the CLI and the app; and the store against a simple model.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import text

from followup.domain.model import Stage, TouchpointKind
from followup.store import csv_import, csv_io, repository
from followup.store.db import Store

NASTY = {
    "markup": "[b]bold[/b] [link=https://evil.example]click[/link] [red]",
    "escapes": "\x1b[31mred\x1b[0m \x1b]8;;https://evil\x07link\x1b]8;;\x07 \x9b2J",
    "rtl": "שלום עולם \u202eevil\u202c مرحبا",
    "long": "x" * 100_000,
}


@pytest.mark.parametrize("kind", list(NASTY))
def test_the_cli_keeps_hostile_text_exactly_and_shows_it_harmlessly(cli, kind):
    nasty = NASTY[kind]
    added = cli("add", nasty, nasty, "--notes", nasty, "--source", nasty, "--url", nasty)
    assert added.code == 0, added.err[:300]
    shown = json.loads(cli("show", "1", "--json").out)
    for field in ("company", "role", "notes", "source", "url"):
        assert shown[field] == nasty
    assert cli("log", "1", "--kind", "follow-up", "--body", nasty, "--contact", nasty).code == 0
    assert json.loads(cli("show", "1", "--json").out)["touchpoints"][0]["body"] == nasty
    plain = cli("list").out + cli("show", "1").out
    assert "\x1b" not in plain and "\x9b" not in plain and "\u202e" not in plain


def test_nul_bytes_are_kept_through_export_and_import(store, tmp_path):
    ident = repository.add_application(
        store, repository.NewApplication("Nul\x00Co", "Dev", notes="before\x00after")
    )
    store.close()
    again = Store.open(store.path)
    record = repository.application_detail(again, ident)
    assert record["company"] == "Nul\x00Co" and record["notes"] == "before\x00after"
    target = tmp_path / "out.csv"
    csv_io.export_to_path(again, "applications", target, zone=UTC)
    assert "before\x00after" in target.read_text(encoding="utf-8-sig")
    again.close()
    other = Store.open(tmp_path / "other.db", create=True)
    summary = csv_import.import_file(other, target, now=datetime.now(UTC), zone=UTC)
    assert summary.added == 1
    (found,) = repository.list_applications(other, include_closed=True)
    assert found["company"] == "Nul\x00Co" and found["notes"] == "before\x00after"
    other.close()


@pytest.mark.parametrize(
    "start", [b"SQLite format 3\x00", b"PK\x03\x04\x14\x00", b"\x00\x01\x00\x02" * 50]
)
def test_a_binary_file_is_refused_clearly_and_changes_nothing(store, tmp_path, start):
    repository.add_application(store, repository.NewApplication("Keep", "Me"))
    target = tmp_path / "data.csv"
    target.write_bytes(start + bytes(range(256)) * 4)
    with pytest.raises(csv_import.CsvImportError, match="binary data"):
        csv_import.import_file(store, target, now=datetime.now(UTC), zone=UTC)
    assert [a["company"] for a in repository.list_applications(store)] == ["Keep"]


async def test_the_app_shows_hostile_text_literally(db_path, make_app=None):
    from zoneinfo import ZoneInfo

    from followup.config import Settings
    from followup.domain.clock import FixedClock
    from followup.tui.app import FollowupApp
    from followup.tui.widgets.application_list import ApplicationList

    store = Store.open(db_path, create=True)
    for nasty in NASTY.values():
        repository.add_application(store, repository.NewApplication(nasty, nasty, notes=nasty))
    store.close()
    zone = ZoneInfo("Europe/Berlin")
    app = FollowupApp(
        Store.open(db_path),
        Settings(),
        FixedClock(datetime(2026, 11, 18, tzinfo=zone)),
        zone,
        separate_process=False,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            widget = app.screen.query_one(ApplicationList)
            if widget.total == 4 and all(widget.row_at(i) for i in range(4)):
                break
        lines = [widget.render_line(y).text for y in range(4)]
        joined = "\n".join(lines)
        assert "[b]bold[/b]" in joined
        assert "\x1b" not in joined and "\u202e" not in joined
        assert "\\x1b[31mred" in joined
        for _ in range(4):
            await pilot.press("j")
        await pilot.pause(0.5)
        detail = str(app.screen.query_one("#detail-body").content)
        assert "\x1b" not in detail


class StoreMachine(RuleBasedStateMachine):
    """Random adds, edits, deletes, logs, imports, exports and reopenings, checked against a
    plain dictionary of what should be there.
    """

    def __init__(self) -> None:
        super().__init__()
        import tempfile
        from pathlib import Path

        self.folder = Path(tempfile.mkdtemp())
        self.path = self.folder / "state.db"
        self.store = Store.open(self.path, create=True)
        self.model: dict[int, dict] = {}
        self.messages: dict[int, int] = {}

    texts = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() and "\x00" not in s)

    @rule(company=texts, role=texts, stage=st.sampled_from(list(Stage)))
    def add(self, company, role, stage):
        ident = repository.add_application(
            self.store, repository.NewApplication(company, role, stage=stage)
        )
        self.model[ident] = {
            "company": company.strip(),
            "role": role.strip(),
            "stage": stage.value,
            "notes": "",
        }
        self.messages[ident] = 0

    @precondition(lambda self: self.model)
    @rule(data=st.data(), stage=st.sampled_from(list(Stage)), notes=st.text(max_size=40))
    def edit(self, data, stage, notes):
        ident = data.draw(st.sampled_from(sorted(self.model)))
        repository.set_stage(self.store, ident, stage)
        repository.set_notes(self.store, ident, notes)
        self.model[ident].update(stage=stage.value, notes=notes)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def delete(self, data):
        ident = data.draw(st.sampled_from(sorted(self.model)))
        repository.delete_application(self.store, ident)
        del self.model[ident]
        del self.messages[ident]

    @precondition(lambda self: self.model)
    @rule(data=st.data(), body=st.text(max_size=40))
    def log(self, data, body):
        ident = data.draw(st.sampled_from(sorted(self.model)))
        repository.log_touchpoint(
            self.store, ident, kind=TouchpointKind.FOLLOW_UP, at=datetime.now(UTC), body=body
        )
        self.messages[ident] += 1

    @rule()
    def export_and_import_again(self):
        target = self.folder / "apps.csv"
        csv_io.export_to_path(self.store, "applications", target, zone=UTC)
        summary = csv_import.import_file(self.store, target, now=datetime.now(UTC), zone=UTC)
        assert summary.added == 0  # everything is already there: all skipped as duplicates

    @rule()
    def reopen(self):
        self.store.close()
        self.store = Store.open(self.path)

    @invariant()
    def matches_the_model(self):
        found = {
            a["id"]: {
                "company": a["company"],
                "role": a["role"],
                "stage": a["stage"],
                "notes": a["notes"],
            }
            for a in repository.list_applications(self.store, include_closed=True)
        }
        assert found == self.model
        with self.store.read() as session:
            counts = dict(
                session.execute(
                    text("SELECT application_id, count(*) FROM touchpoints GROUP BY application_id")
                ).all()
            )
        assert {k: v for k, v in self.messages.items() if v} == counts

    @invariant()
    def is_sound(self):
        assert self.store.integrity_check() == "ok"

    def teardown(self):
        self.store.close()


StoreMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
test_the_store_always_equals_a_simple_model = StoreMachine.TestCase
