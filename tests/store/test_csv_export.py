"""CSV export: spreadsheet formulas neutralised, everything else read back exactly."""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.store import csv_io, repository
from followup.store.csv_io import ExportError

PAYLOADS = [
    '=1+2";=1+2',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    "\t=1+2",
    "\r=1+2",
    "\n=1+2",
]
HARMLESS = [
    "plain",
    'has "quotes", and commas',
    "a lone\rcarriage return",
    "two\nlines",
    "emoji 🎉 and ünïcödé",
    "1+1=2",
    "",
]
ZONE = ZoneInfo("Europe/Berlin")


def _export(store, table="applications") -> list[list[str]]:
    buffer = io.StringIO(newline="")
    csv_io.export_table(store, table, buffer, zone=ZONE)
    return list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


def test_formula_payloads_are_neutralised_and_the_rest_reads_back(store):
    texts = PAYLOADS + HARMLESS
    for text in texts:
        repository.add_application(
            store, repository.NewApplication(company="Co " + str(len(text)), role="R", notes=text)
        )
    rows = _export(store)
    assert len(rows) == len(texts) + 1  # a lone CR never splits a row
    notes = [row[rows[0].index("notes")] for row in rows[1:]]
    for text, cell in zip(texts, notes, strict=True):
        if text in PAYLOADS:
            assert cell == "'" + text
        else:
            assert cell == text


def test_every_cell_of_a_payload_company_is_neutralised(store):
    repository.add_application(
        store, repository.NewApplication(company='=HYPERLINK("http://x")', role="@role")
    )
    header, row = _export(store)
    assert row[header.index("company")] == '\'=HYPERLINK("http://x")'
    assert row[header.index("role")] == "'@role"


@pytest.mark.parametrize("table", list(csv_io.COLUMNS))
def test_each_table_has_its_header_even_when_empty(store, table):
    assert _export(store, table) == [csv_io.COLUMNS[table]]


def test_export_into_a_folder_path_is_refused(store, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        csv_io.export_to_path(store, "applications", tmp_path, zone=ZONE)


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(datetime(2000, 1, 1), datetime(2040, 12, 31)),
    zone=st.sampled_from(
        ["Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns", "UTC"]
    ),
)
def test_stored_instants_are_written_in_local_time_exactly(moment, zone):
    """The per-hour shortcut gives what a full time-zone conversion gives, DST or not."""
    local = ZoneInfo(zone)
    stored = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    expected = moment.replace(tzinfo=UTC).astimezone(local).isoformat()
    assert csv_io._local_text(local)(stored) == expected


def test_the_store_and_a_plain_reader_export_the_same_rows_with_progress(store, db_path):
    from followup.store.header import reader

    for n in range(3):
        repository.add_application(store, repository.NewApplication(f"Co {n}", "=Role"))
    seen: list[tuple[int, int]] = []
    buffer = io.StringIO(newline="")
    assert (
        csv_io.export_table(
            store, "applications", buffer, zone=ZONE, progress=lambda *p: seen.append(p)
        )
        == 3
    )
    assert seen[-1] == (3, 3)  # the progress bar ends full
    connection = reader(db_path)
    assert connection is not None  # a current file opens without SQLAlchemy
    plain = io.StringIO(newline="")
    csv_io.export_table(connection, "applications", plain, zone=ZONE)
    connection.close()
    assert plain.getvalue() == buffer.getvalue()
    assert "'=Role" in plain.getvalue()


# Characters that make a line need more than commas: quoting, the separator the export joins
# cells with in SQL, line ends, and formula starts.
AWKWARD = st.text(alphabet=st.sampled_from(list('ab ,"\r\n\x1f=-@é')), max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(AWKWARD, AWKWARD, AWKWARD, AWKWARD).filter(
            lambda r: r[0].strip() != "" and r[1].strip() != ""
        ),
        min_size=1,
        max_size=6,
    )
)
def test_every_cell_reads_back_whatever_it_holds(tmp_path_factory, rows):
    """Rows with awkward cells take the slow path, the others the fast one; both read back."""
    from followup.store.db import Store

    store = Store.open(tmp_path_factory.mktemp("awkward") / "f.db", create=True)
    try:
        for company, role, notes, location in rows:
            repository.add_application(
                store,
                repository.NewApplication(
                    company=company, role=role, notes=notes, location=location
                ),
            )
        header, *cells = _export(store)
    finally:
        store.close()
    assert len(cells) == len(rows)
    for (company, role, notes, location), row in zip(rows, cells, strict=True):
        assert len(row) == len(header)
        got = {name: row[header.index(name)] for name in ("company", "role", "notes", "location")}
        assert got == {
            "company": csv_io.neutralise(company.strip()),
            "role": csv_io.neutralise(role.strip()),
            "notes": csv_io.neutralise(notes),
            "location": csv_io.neutralise(location.strip()),  # one line: trimmed
        }
        assert row[header.index("created_at")].endswith(("+01:00", "+02:00"))
