"""CSV files in the encodings people's tools write, of even and odd length, import as typed."""

from __future__ import annotations

import codecs
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.store import csv_import, repository

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)

# (encoding, byte-order mark, company, role): the company and role must come back as typed.
CASES = [
    ("utf-8", b"", "Café Müller", "Kellnerin"),
    ("utf-8", codecs.BOM_UTF8, "Café Müller", "Kellnerin"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "Café Müller", "Kellnerin"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "Café Müller", "Kellnerin"),
    ("cp1252", b"", "Café Müller", "Kellnerin"),
    ("cp1252", b"", "Nestlé “Suisse” — Vevey", "Ingénieur"),
    ("latin-1", b"", "Søren Ærø ApS", "Ingeniør"),
    ("mac_roman", b"", "Café Müller", "Köchin"),
    ("shift_jis", b"", "株式会社サンプル", "ソフトウェアエンジニア"),
    ("cp1251", b"", "Яндекс", "Разработчик"),
]


@pytest.mark.parametrize("padding", ["", "x"], ids=["one-length", "one-more-byte"])
@pytest.mark.parametrize("encoding, mark, company, role", CASES)
def test_a_file_in_any_common_encoding_imports_as_typed(
    store, tmp_path, encoding, mark, company, role, padding
):
    text = f"Company,Title,Date Applied,Notes\r\n{company},{role},2026-10-01,{padding}\r\n"
    path = tmp_path / "applications.csv"
    path.write_bytes(mark + text.encode(encoding))
    summary = csv_import.import_file(store, path, now=NOW, zone=ZONE)
    assert summary.added == 1
    (found,) = repository.list_applications(store, include_closed=True)
    assert (found["company"], found["role"]) == (company, role)


def test_both_lengths_are_tried():
    """Each case is run at an even and at an odd length in bytes (parity once chose UTF-16)."""
    for encoding, mark, company, role in CASES:
        lengths = set()
        for padding in ("", "x"):
            text = f"Company,Title,Date Applied,Notes\r\n{company},{role},2026-10-01,{padding}\r\n"
            lengths.add(len(mark + text.encode(encoding)) % 2)
        assert lengths == {0, 1} or encoding.startswith("utf-16")


def test_a_file_whose_mark_lies_is_one_clear_error(store, tmp_path):
    path = tmp_path / "liar.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Company,Title\nCaf\xe9,Dev\n")
    with pytest.raises(csv_import.CsvImportError, match="UTF-8 mark but is not UTF-8"):
        csv_import.import_file(store, path, now=NOW, zone=ZONE)
    assert repository.list_applications(store, include_closed=True) == []


def test_our_export_with_a_field_over_the_csv_modules_limit_imports_again(store, tmp_path):
    from followup.store import csv_io
    from followup.store.db import Store

    notes = "a note that goes on " * 10_000  # 200,000 characters, over csv's 131,072
    repository.add_application(store, repository.NewApplication("Acme", "Dev", notes=notes))
    target = tmp_path / "applications.csv"
    csv_io.export_to_path(store, "applications", target, zone=ZONE)
    other = Store.open(tmp_path / "other.db", create=True)
    assert csv_import.import_file(other, target, now=NOW, zone=ZONE).added == 1
    (found,) = repository.list_applications(other, include_closed=True)
    assert repository.application_detail(other, found["id"])["notes"] == notes
    other.close()
