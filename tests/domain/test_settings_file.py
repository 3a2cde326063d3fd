"""The settings file: every key in a sane range, odd files refused in one line, and the
theme written back with the person's comments and layout kept."""

import os
import tomllib

import pytest

from followup.config import DOCUMENTED_DEFAULTS, ConfigError, load_settings, save_preference
from followup.domain.policy import Policy
from tests.conftest import file_hash

EVERY_NUMBER = [key for key in tomllib.loads(DOCUMENTED_DEFAULTS) if key not in ("your_name",)] + [
    "horizon_days",
    "backups_keep",
]


@pytest.mark.parametrize("key", sorted(set(EVERY_NUMBER)))
@pytest.mark.parametrize(
    "value", ["99999999999", "9223372036854775807", "-1", "nan", "inf", "-inf", "7.0", '"7"']
)
def test_every_number_refuses_what_is_out_of_range_or_not_a_whole_number(tmp_path, key, value):
    path = tmp_path / "config.toml"
    path.write_text(f"{key} = {value}\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert key in message and str(path) in message and "\n" not in message


def test_the_largest_values_still_make_a_schedule(tmp_path, cli, db_path):
    """Every setting at its highest: the rules' date arithmetic still works (no overflow)."""
    from followup.config import _range  # the limits themselves, so the test follows them

    path = tmp_path / "config.toml"
    lines = [f"{key} = {_range(key)[1]}" for key in sorted(set(EVERY_NUMBER))]
    path.write_text("\n".join(lines) + "\n")
    load_settings(path)
    assert cli("add", "Acme", "Dev", "--applied", "2026-01-05").code == 0
    interview = ["--at", "2026-01-07 10:00", "--decision-by", "2026-01-09"]
    assert cli("interview", "1", *interview).code == 0
    assert cli("log", "1", "--kind", "follow-up", "--at", "2026-01-08").code == 0
    for argv in (["due"], ["show", "1"], ["calendar"], ["stats"], ["draft", "1"]):
        result = cli(*argv)
        assert result.code == 0, (argv, result)
        assert "unexpected" not in result.err


@pytest.mark.parametrize(
    "text, words",
    [
        ('your_name = "Ada\\u001b[31m"', "your_name must be one line"),
        (f'your_name = "{"x" * 201}"', "at most 200 characters"),
        ("theme = 3", "theme must be a text"),
        ("horizon_days = 2026-01-01", "got 2026-01-01"),
        ("max_unanswered = 11", "from 1 to 10"),
        ("check_in_after_applying_due_wd = 261", "from 0 to 260"),
    ],
)
def test_a_bad_value_says_what_is_allowed(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text + "\n")
    with pytest.raises(ConfigError, match=words):
        load_settings(path)


def test_an_unknown_key_is_a_one_line_warning_and_the_rest_is_used(cli, tmp_path):
    (tmp_path / "config.toml").write_text("wiat_days = 3\nwait_days = 5\n")
    result = cli("due")
    assert result.code == 0
    assert result.err.startswith(
        f"followup: settings file {tmp_path / 'config.toml'}: unknown key 'wiat_days' "
        "is ignored; did you mean 'wait_days'?\n"
    )
    assert load_settings(tmp_path / "config.toml").policy == Policy(wait_days=5)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p.write_bytes(b"\xff\xfe\x00w\x00a"), "not UTF-8 text (byte 0xff at offset 0)"),
        (lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00" * 4), "is not valid TOML"),
        (lambda p: p.mkdir(), "is a folder, not a file"),
        (lambda p: p.write_bytes(b"#" * 1_000_001), "is over 1 MB"),
    ],
    ids=["utf-16", "binary", "folder", "huge"],
)
def test_an_odd_settings_file_is_one_line_exit_2_and_nothing_is_written(
    cli, tmp_path, db_path, make, words
):
    make(tmp_path / "config.toml")
    result = cli("add", "Acme", "Dev")
    assert result.code == 2, result
    assert words in result.err and str(tmp_path / "config.toml") in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not db_path.exists()


def test_a_pipe_or_dev_null_can_be_the_settings_file(cli, tmp_path):
    assert cli("--config", "/dev/null", "due").code == 0
    fifo = tmp_path / "settings.fifo"
    os.mkfifo(fifo)
    assert cli("--config", str(fifo), "due").code == 0  # no writer: empty, not a hang


COMMENTED = """\
# My settings, tuned for a slow industry.
wait_days = 10   # they take their time
second_follow_up_due_days = 14

# no theme yet
"""


def test_saving_the_theme_keeps_comments_order_and_layout(tmp_path):
    (tmp_path / "cfg").mkdir()
    path = tmp_path / "cfg" / "config.toml"
    path.write_text(COMMENTED)
    path.chmod(0o640)
    save_preference(path, "theme", "nord")
    assert path.read_text() == COMMENTED + 'theme = "nord"\n'
    save_preference(path, "theme", "gruvbox")
    assert path.read_text() == COMMENTED + 'theme = "gruvbox"\n'
    assert path.stat().st_mode & 0o777 == 0o640
    assert load_settings(path).theme == "gruvbox"
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]  # no temporary left


def test_saving_the_theme_through_a_link_keeps_the_link(tmp_path):
    real = tmp_path / "dotfiles" / "followup.toml"
    real.parent.mkdir()
    real.write_text(COMMENTED)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_preference(link, "theme", "nord")
    assert link.is_symlink()
    assert real.read_text().endswith('theme = "nord"\n')


@pytest.mark.parametrize(
    "content", [b"wait_days = = 3\n", b"\xff\xfe", b'theme = "a"\ntheme = "b"\n']
)
def test_a_broken_settings_file_is_never_overwritten(tmp_path, content):
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    before = file_hash(path)
    with pytest.raises(ConfigError, match=str(path)):
        save_preference(path, "theme", "nord")
    assert file_hash(path) == before


def test_the_theme_is_not_written_over_dev_null(tmp_path):
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/null")
    with pytest.raises(ConfigError, match="not a regular file"):
        save_preference(link, "theme", "nord")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
