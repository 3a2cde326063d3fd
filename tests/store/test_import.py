"""CSV import: other trackers' files, dry runs, all-or-nothing, and our own round trip."""

import csv
import io
import shutil
from contextlib import suppress
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from followup.domain.model import TouchpointKind
from followup.store import csv_import, csv_io, demo, drafts, repository
from followup.store.csv_import import CsvImportError
from followup.store.db import Store
from followup.store.tables import ALL_TABLES
from tests.conftest import file_hash

FILES = Path(__file__).parent / "import_files"
ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)


def _import(store, name, **kwargs):
    return csv_import.import_file(store, FILES / name, now=NOW, zone=ZONE, **kwargs)


def _apps(store):
    return {
        (a["company"], a["role"]): a
        for a in repository.list_applications(store, include_closed=True)
    }


def test_huntr_export_with_bom_quotes_blank_lines_and_an_unknown_status(store):
    summary = _import(store, "huntr.csv")
    apps = _apps(store)
    assert summary.added == 3 and summary.skipped == []
    acme = apps[("Acme, Inc.", "Backend Engineer")]
    assert acme["stage"] == "applied"
    assert acme["applied_on"].isoformat() == "2026-10-01"
    assert acme["location"] == "Berlin, DE" and acme["salary"] == "90k"
    assert apps[("Globex", "Data Analyst")]["stage"] == "interviewing"
    assert apps[("Initech", "QA Lead")]["stage"] == "applied"
    assert summary.unknown_statuses == {"Dream Job": 1}
    assert any("Dream Job" in line for line in summary.lines())


def test_huntr_board_teal_linkedin_and_semicolons(store):
    _import(store, "huntr_board.csv")
    _import(store, "teal.csv")
    _import(store, "linkedin.csv")
    _import(store, "semicolon.csv")
    apps = _apps(store)
    assert apps[("Umbrella", "Researcher")]["stage"] == "offer"
    assert apps[("Hooli", "Engineer")]["applied_on"].isoformat() == "2026-10-06"
    assert apps[("Stark Industries", "Engineer")]["stage"] == "wishlist"
    assert apps[("Stark Industries", "Engineer")]["url"] == "https://stark.example"
    assert apps[("Cyberdyne", "Roboticist")]["stage"] == "withdrawn"
    assert apps[("Soylent Corp", "Product Manager")]["applied_on"].isoformat() == "2026-09-28"
    vandelay = apps[("Vandelay", "Importer")]
    assert vandelay["notes"] == 'Said "call me"; nice' and vandelay["url"] == "https://v.example"


def test_duplicates_are_skipped_and_said(store):
    _import(store, "linkedin.csv")
    again = _import(store, "linkedin.csv")
    assert again.added == 0 and len(again.skipped) == 2
    assert "already there" in again.skipped[0]
    assert len(_apps(store)) == 2


def test_a_dry_run_writes_nothing(store, db_path):
    before = file_hash(db_path)
    summary = _import(store, "teal.csv", dry_run=True)
    assert summary.added == 3 and summary.dry_run
    assert _apps(store) == {}
    store.close()
    assert file_hash(db_path) == before


def test_a_bad_row_rolls_back_the_whole_file_and_names_row_and_column(store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Company,Title,Date Applied\nGood Co,Dev,2026-10-01\nBad Co,Dev,someday\n")
    with pytest.raises(CsvImportError) as raised:
        csv_import.import_file(store, bad, now=NOW, zone=ZONE)
    assert "line 3" in str(raised.value) and "'Date Applied'" in str(raised.value)
    assert "someday" in str(raised.value)
    assert _apps(store) == {}


@pytest.mark.parametrize(
    "content, words",
    [
        ("Name,Age\nBob,4\n", "no company and role columns"),
        ("", "empty"),
        ("Company,Title\n,Dev\n", "the company is empty"),
    ],
)
def test_files_that_cannot_be_imported(store, tmp_path, content, words):
    path = tmp_path / "x.csv"
    path.write_text(content)
    with pytest.raises(CsvImportError, match=words):
        csv_import.import_file(store, path, now=NOW, zone=ZONE)


def _dump(store: Store) -> dict:
    with store.read() as session:
        return {
            table.__tablename__: sorted(
                (row.model_dump() for row in session.execute(select(table)).scalars()),
                key=repr,
            )
            for table in ALL_TABLES
        }


def test_export_then_import_gives_back_every_table(tmp_path):
    source = Store.open(tmp_path / "source.db", create=True)
    demo.fill(source, size=60, now=NOW, zone=ZONE)
    ident = repository.add_application(
        source, repository.NewApplication("=HYPERLINK(1)", '@role, "quoted"\nline', notes="-5")
    )
    # As typed: an apostrophe before a formula start, spaces around a note, a long field.
    other = repository.add_application(
        source,
        repository.NewApplication(
            "'=x", "''@y", notes="  spaced\t", url="'-1", source="z" * 200_000
        ),
    )
    repository.snooze(source, ident, "check-in", until=NOW)
    repository.snooze(source, other, "thank-you", until=None, cycle="-2026-11-18T12:00'")
    repository.snooze(source, None, "keep-searching", until=NOW)
    drafts.save_draft(
        source, ident, "thank-you", "Subject: =thanks\n\n'=Dear Priya,\n", "thank-you", "i-1"
    )
    drafts.save_draft(source, ident, "check-in", "an older draft, kept")
    drafts.save_draft(source, other, "check-in", "  ")
    folder = tmp_path / "export"
    folder.mkdir()
    csv_io.export_folder(source, folder, zone=ZONE)
    target = Store.open(tmp_path / "target.db", create=True)
    report = csv_import.import_file(target, folder, now=NOW, zone=ZONE)
    assert [summary.table for summary in report.summaries] == list(csv_io.COLUMNS)
    assert report.skipped == []
    assert _dump(target) == _dump(source)


def test_a_hostile_file_raises_only_our_error_and_changes_nothing(tmp_path):
    store = Store.open(tmp_path / "f.db", create=True)
    repository.add_application(store, repository.NewApplication("Keep", "Me"))

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
    def attempt(data: bytes) -> None:
        path = tmp_path / "fuzz.csv"
        path.write_bytes(b"Company,Title,Date Applied,Status\n" + data)
        before = _apps(store)
        with suppress(CsvImportError):
            csv_import.import_file(store, path, now=NOW, zone=ZONE, dry_run=True)
        assert _apps(store) == before

    attempt()
    shutil.rmtree(tmp_path / "x", ignore_errors=True)


# Cells that once got past the importer's checks: huge and non-finite numbers, digits that are
# not ASCII, dates from year 1 to 9999 with and without offsets, links between tables.
_CELLS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["1e400", "-1e400", "inf", "nan", "3.5", "0", "-1", "²", "٣", "١٢", "1:recruiter"]
        + ["²:recruiter", "1:", "1;2;²", "9" * 5000, "", " ", "'=1", "2026-11-31"]
    ),
    st.builds(
        lambda moment, minutes, date_only: (
            moment.date().isoformat()
            if date_only
            else moment.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat()
            if minutes is not None
            else moment.isoformat()
        ),
        st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
        st.none() | st.integers(min_value=-1439, max_value=1439),
        st.booleans(),
    ),
    st.text(
        alphabet=st.characters(categories=["Nd", "No", "Lu", "Ll", "Zs", "Pd", "Cc"]), max_size=12
    ),
)
_HEADERS = [csv_io.COLUMNS[table] for table in csv_io.COLUMNS] + [
    ["Company", "Title", "Date Applied", "Status", "Priority", "Deadline"]
]


@st.composite
def _files(draw) -> bytes:
    header = draw(st.sampled_from(_HEADERS))
    rows = draw(st.lists(st.lists(_CELLS, min_size=len(header), max_size=len(header)), max_size=3))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "shift_jis"]))
    return out.getvalue().encode(encoding, errors="replace") + draw(st.binary(max_size=8))


def test_hostile_cells_in_every_table_raise_only_our_error_and_change_nothing(tmp_path):
    store = Store.open(tmp_path / "f.db", create=True)
    ident = repository.add_application(store, repository.NewApplication("Keep", "Me"))
    repository.log_touchpoint(
        store, ident, kind=TouchpointKind.FOLLOW_UP, contact="Priya", at=NOW, now=NOW
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_files())
    def attempt(data: bytes) -> None:
        path = tmp_path / "fuzz.csv"
        path.write_bytes(data)
        before = _dump(store)
        try:
            csv_import.import_file(store, path, now=NOW, zone=ZONE)
        except CsvImportError as error:
            assert str(error).count("\n") == 0 or "line" in str(error)
            assert _dump(store) == before

    attempt()
    store.close()
