"""The settings file: defaults, the strict preset, and a clear error naming a bad key."""

import pytest

from followup.config import ConfigError, load_settings
from followup.domain.policy import Policy


def test_defaults_without_a_file(tmp_path):
    settings = load_settings(tmp_path / "none.toml")
    assert settings.policy == Policy()
    assert settings.policy.max_unanswered == 2
    assert settings.horizon_days == 7


def test_values_from_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('max_unanswered = 1\nholidays_country = "gb"\nyour_name = "Ada"\n')
    settings = load_settings(path)
    assert settings.policy.max_unanswered == 1
    assert settings.policy.holidays_country == "GB"
    assert settings.your_name == "Ada"


@pytest.mark.parametrize(
    "text, key",
    [
        ('max_unanswered = "two"', "max_unanswered"),
        ("max_unanswered = 0", "max_unanswered"),
        ("wait_days = -1", "wait_days"),
        ("thank_you_hours = true", "thank_you_hours"),
        ('holidays_country = "Atlantis"', "holidays_country"),
        ("check_in_after_decision_due_wd = 1", "check_in_after_decision_due_wd"),
        ("horizon_days = [1]", "horizon_days"),
    ],
)
def test_a_bad_value_names_the_key(tmp_path, text, key):
    path = tmp_path / "c.toml"
    path.write_text(text + "\n")
    with pytest.raises(ConfigError, match=key):
        load_settings(path)


def test_broken_toml_names_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("max_unanswered = = 2")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)


def test_cli_reports_a_bad_setting_in_one_line(cli, tmp_path):
    (tmp_path / "config.toml").write_text("wait_days = 'soon'\n")
    result = cli("due")
    assert result.code == 2
    assert "wait_days" in result.err and result.err.count("\n") == 1


def test_the_documented_defaults_are_the_defaults_and_are_in_the_readme():
    import tomllib
    from pathlib import Path

    from followup.config import DOCUMENTED_DEFAULTS, Settings, settings_from_mapping

    assert settings_from_mapping(tomllib.loads(DOCUMENTED_DEFAULTS)) == Settings()
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert DOCUMENTED_DEFAULTS in readme


def test_cli_reports_a_settings_file_that_is_not_utf8_in_one_line(cli, tmp_path):
    (tmp_path / "config.toml").write_bytes(b'theme = "caf\xe9"\n')
    result = cli("due")
    assert result.code == 2
    assert "is not UTF-8 text (byte 0xe9 at offset 12)" in result.err
    assert result.err.count("\n") == 1 and "unexpected" not in result.err
