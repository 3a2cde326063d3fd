"""Every command with hostile values: one clear line on stderr, exit 2, the data unchanged.

Each case runs `followup` as a real subprocess on a small database (one application) and
checks what a person would see: the exit code, exactly one line on stderr, no traceback and
no "unexpected error", nothing on stdout, and the data file byte for byte as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from followup.store import repository
from followup.store.db import Store
from tests.conftest import file_hash

BAD_UTF8 = os.fsdecode(b"Bad\xff")  # argv bytes that are not UTF-8, as Python receives them
ESCAPES = "\x1b[31mred\x1b[0m"
LONG = "x" * 100_000
HUGE = "9" * 5000

# (argv, words the one line holds); {BAD}, {ESC}, {LONG}, {HUGE} are filled in below.
CASES: list[tuple[list[str], str]] = [
    # add
    (["add", "", "Dev"], "company must not be empty"),
    (["add", "Acme", "   "], "role must not be empty"),
    (["add", BAD_UTF8, "Dev"], "argument company: not valid UTF-8 text: 'Bad\\xff'"),
    (["add", "Acme", BAD_UTF8], "argument role: not valid UTF-8"),
    (["add", "Acme", "Dev", "--notes", BAD_UTF8], "argument --notes: not valid UTF-8"),
    (["add", "Acme", "Dev", "--url", BAD_UTF8], "argument --url: not valid UTF-8"),
    (["add", "Acme", "Dev", "--stage", ""], "argument --stage: needs a value"),
    (["add", "Acme", "Dev", "--stage", ESCAPES], "unknown stage '\\x1b[31mred"),
    (["add", "Acme", "Dev", "--stage", LONG], "unknown stage 'xxx"),
    (["add", "Acme", "Dev", "--stage", "-x"], "unknown stage '-x'"),
    (["add", "Acme", "Dev", "--applied", ""], "argument --applied: needs a value"),
    (["add", "Acme", "Dev", "--applied", BAD_UTF8], "argument --applied: not valid UTF-8"),
    (["add", "Acme", "Dev", "--bogus"], "unrecognized arguments: --bogus"),
    (["add", "Acme"], "required: role"),
    # interview
    (["interview", "1", "--at", ""], "argument --at: needs a value"),
    (["interview", "1", "--at", "tomorrow", "--duration", "-5"], "between 1 and 1440"),
    (["interview", "1", "--at", "tomorrow", "--duration", "0"], "between 1 and 1440"),
    (["interview", "1", "--at", "tomorrow", "--duration", HUGE], "between 1 and 1440"),
    (["interview", "1", "--at", "tomorrow", "--duration", "١٢"], "must be a whole number"),
    (["interview", "1", "--at", "tomorrow", "--duration", "1e3"], "must be a whole number"),
    (["interview", "1", "--at", "tomorrow 10am", "--kind", ESCAPES], "unknown interview kind"),
    (["interview", "1", "--at", "tomorrow", "--with", ""], "argument --with: needs a value"),
    (["interview", "1", "--at", "tomorrow", "--with", BAD_UTF8], "--with: not valid UTF-8"),
    (["interview", "1", "--at", "tomorrow", "--decision-by", " "], "--decision-by: needs"),
    (["interview", "²", "--at", "tomorrow"], "digits 0-9"),
    (["interview", HUGE, "--at", "tomorrow"], "no application with id 999"),
    # log
    (["log", "1", "--kind", ""], "argument --kind: needs a value"),
    (["log", "1", "--kind", "reply", "--direction", "sideways"], "unknown direction"),
    (["log", "1", "--kind", "reply", "--channel", ""], "argument --channel: needs a value"),
    (["log", "1", "--kind", "reply", "--at", ""], "argument --at: needs a value"),
    (["log", "1", "--kind", "reply", "--contact", " "], "argument --contact: needs a value"),
    (["log", "1", "--kind", "reply", "--body", BAD_UTF8], "--body: not valid UTF-8"),
    (["log", "1", "--kind", "reply", "--body", "--x"], "write --body=VALUE"),
    (["log", "9223372036854775808", "--kind", "reply"], "no application with id"),
    (["log", "Globex", "--kind", "reply"], "no application with the id or company name"),
    # stage
    (["stage", "1", ""], "unknown stage ''"),
    (["stage", "1", BAD_UTF8], "argument STAGE: not valid UTF-8"),
    (["stage", "-1", "offer"], "no application with the id or company name '-1'"),
    (["stage", "1", "offer", "extra"], "unrecognized arguments: extra"),
    # list, show
    (["list", "--stage", ""], "argument --stage: needs a value"),
    (["list", "--stage", LONG], "unknown stage"),
    (["show", ""], "APP must be an application id or a company name"),
    (["show", ESCAPES], "'\\x1b[31mred\\x1b[0m'"),
    (["show", BAD_UTF8], "argument APP: not valid UTF-8"),
    (["show", "١٢"], "digits 0-9"),
    # due
    (["due", "--horizon", "-1"], "between 0 and 3650"),
    (["due", "--horizon", HUGE], "between 0 and 3650"),
    (["due", "--horizon", ""], "must be a whole number"),
    (["due", "--at", ""], "argument --at: needs a value"),
    # snooze, done
    (["snooze", "1", "", "--until", "tomorrow"], "unknown rule ''"),
    (["snooze", "1", "check-in", "--until", ""], "argument --until: needs a value"),
    (["snooze", HUGE, "check-in", "--until", "tomorrow"], "no application with id"),
    (["done", "1", BAD_UTF8], "argument RULE: not valid UTF-8"),
    (["done", "²", "thank-you"], "digits 0-9"),
    # draft
    (["draft", "1", "--template", ""], "argument --template: needs a value"),
    (["draft", "1", "--template", ESCAPES], "unknown template '\\x1b[31mred"),
    (["draft", HUGE], "no application with id"),
    # export, import, calendar, stats
    (["export", "--table", ""], "invalid choice"),
    (["export", "--table", BAD_UTF8], "not valid UTF-8"),
    (["import", "/nonexistent/h13c.csv"], "no file"),
    (["import", "/"], "holds no .csv file"),
    (["calendar", "--horizon", "-3"], "between 0 and 3650"),
    (["stats", "--json", "extra"], "unrecognized arguments: extra"),
    # demo, doctor
    (["demo", "--size", "-1", "--no-open"], "between 1 and 1000000"),
    (["demo", "--size", HUGE, "--no-open"], "between 1 and 1000000"),
    (["demo", "--no-open"], "already holds applications"),
    (["doctor", "--bogus"], "unrecognized arguments: --bogus"),
    # global options, before or after the command
    (["--now", "", "list"], "argument --now: needs a value"),
    (["list", "--now", BAD_UTF8], "argument --now: not valid UTF-8"),
    (["--db", "", "list"], "--db needs a file name"),
    (["--config", " ", "list"], "--config needs a file name"),
    ([BAD_UTF8], "invalid choice"),
]


def _id(argv: list[str]) -> str:
    shown = " ".join(a if len(a) < 30 else a[:10] + "…" for a in argv)
    return shown.encode("ascii", "backslashreplace").decode() or "empty"


@pytest.fixture
def one_application(db_path):
    store = Store.open(db_path, create=True)
    repository.add_application(store, repository.NewApplication("Acme", "Engineer"))
    store.close()
    return db_path


def _run(argv: list[str], db_path, tmp_path, **env_changes: str):
    env = dict(os.environ)
    env["FOLLOWUP_DB"] = str(db_path)
    env["FOLLOWUP_CONFIG"] = str(tmp_path / "config.toml")
    env.update(env_changes)
    done = subprocess.run(
        [sys.executable, "-m", "followup", *argv],
        capture_output=True,
        env=env,
        cwd=tmp_path,  # a relative data file, had one been made, lands in the test's folder
        timeout=60,
    )
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8")


def _assert_refused(code: int, out: str, err: str, words: str) -> None:
    assert code == 2, (code, err)
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("followup: ")
    assert words in err, err
    assert "Traceback" not in err and "unexpected error" not in err
    assert "\x1b" not in err  # escape codes are shown, never sent to the terminal
    assert len(err) < 400, err  # one line a person can read, even for a 100,000-char value
    assert out == ""


@pytest.mark.parametrize("argv, words", CASES, ids=[_id(a) for a, _ in CASES])
def test_every_command_refuses_a_hostile_value_in_one_line(one_application, tmp_path, argv, words):
    before = file_hash(one_application)
    code, out, err = _run(argv, one_application, tmp_path)
    _assert_refused(code, out, err, words)
    assert file_hash(one_application) == before


ENVIRONMENTS = [
    ({"FOLLOWUP_DB": "  "}, "FOLLOWUP_DB is set to '  ', which is not a file name"),
    ({"FOLLOWUP_CONFIG": " "}, "FOLLOWUP_CONFIG is set to ' ', which is not a file name"),
    ({"FOLLOWUP_DB": "/"}, "the data file / is a folder"),
    ({"FOLLOWUP_CONFIG": "/"}, "settings file / is a folder, not a file"),
]


@pytest.mark.parametrize("env, words", ENVIRONMENTS, ids=[str(e) for e, _ in ENVIRONMENTS])
@pytest.mark.parametrize("argv", [["add", "Acme", "Dev"], ["list"], ["doctor"]])
def test_an_odd_environment_is_one_line_and_writes_nothing(
    one_application, tmp_path, env, words, argv
):
    before = file_hash(one_application)
    code, out, err = _run(argv, one_application, tmp_path, **env)
    _assert_refused(code, out, err, words)
    assert file_hash(one_application) == before


def test_a_folder_given_as_the_data_file_is_refused(one_application, tmp_path):
    code, out, err = _run(["--db", str(tmp_path), "add", "Acme", "Dev"], one_application, tmp_path)
    _assert_refused(code, out, err, f"the data file {tmp_path} is a folder")


def test_an_empty_variable_means_the_default(one_application, tmp_path):
    code, out, err = _run(["list"], one_application, tmp_path, FOLLOWUP_CONFIG="")
    assert code == 0 and "Acme" in out, err
