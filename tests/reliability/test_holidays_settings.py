"""A wrong holidays setting names the value that is wrong: a subdivision the country does not
have is not blamed on the country, and some valid ones are listed; a subdivision is matched
as the calendar spells it ("ca" is CA, "augsburg" is Augsburg)."""

from __future__ import annotations

import pytest


def _settings(tmp_path, text: str) -> None:
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "text, words",
    [
        (
            'holidays_country = "US"\nholidays_subdivision = "XX"\n',
            "holidays_subdivision 'XX' is not a subdivision of US; valid ones include AK, AL,",
        ),
        (
            'holidays_country = "DE"\nholidays_subdivision = "Bavaria?"\n',
            "holidays_subdivision 'Bavaria?' is not a subdivision of DE; valid ones include BB,",
        ),
        ('holidays_subdivision = "CA"\n', "holidays_subdivision 'CA' needs holidays_country"),
        ('holidays_country = "XX"\n', "holidays_country 'XX' is not a known country code"),
    ],
)
def test_the_wrong_value_is_named(cli, tmp_path, text, words):
    _settings(tmp_path, text)
    added = cli("add", "Acme", "Engineer")
    assert added.code == 2 and added.err.count("\n") == 1, added
    assert words in added.err
    if "subdivision" in words:
        assert "country code" not in added.err
    assert cli("list", "--all").code == 2  # nothing was written, and it says so each time


@pytest.mark.parametrize(
    "country, typed, kept", [("US", "ca", "CA"), ("DE", "augsburg", "Augsburg")]
)
def test_a_subdivision_is_taken_as_the_calendar_spells_it(cli, tmp_path, country, typed, kept):
    _settings(tmp_path, f'holidays_country = "{country}"\nholidays_subdivision = "{typed}"\n')
    doctor = cli("doctor")
    assert f"holidays_subdivision = '{kept}'" in doctor.out, doctor
