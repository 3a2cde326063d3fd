"""Bad input: one clear line on stderr, exit 2, nothing written, no traceback."""

import pytest

from followup.store import repository
from followup.store.db import Store
from tests.conftest import file_hash

BAD = [
    (["add", "", "Engineer"], "company must not be empty"),
    (["add", "Acme", "Dev", "--stage", "hired"], "unknown stage 'hired'"),
    (["add", "Acme", "Dev", "--applied", "the day after never"], "'the day after never'"),
    (["interview", "99", "--at", "tomorrow 10am"], "no application with id 99"),
    (["interview", "1", "--at", "blurgh o'clock"], "blurgh o'clock"),
    (["interview", "1", "--at", "tomorrow 10am", "--kind", "lunch"], "unknown interview kind"),
    (["interview", "1", "--at", "tomorrow 10am", "--duration", "-5"], "duration"),
    (["interview", "abc", "--at", "tomorrow 10am"], "no application with the id or company name"),
    (["interview", "1"], "--at"),
    (["log", "1", "--kind", "postcard"], "unknown kind 'postcard'"),
    (["log", "1", "--kind", "reply", "--channel", "pigeon"], "unknown channel"),
    (["log", "1", "--kind", "reply", "--decision-by", "someday maybe"], "someday maybe"),
    (["log", "42", "--kind", "reply"], "no application with id 42"),
    (["stage", "1", "hired"], "unknown stage"),
    (["stage", "7", "offer"], "no application with id 7"),
    (["list", "--stage", "nope"], "unknown stage"),
    (["show", "5"], "no application with id 5"),
    (["export", "--table", "secrets"], "invalid choice"),
    (["due", "--at", "when pigs fly"], "when pigs fly"),
    (["snooze", "1", "nap", "--until", "tomorrow"], "unknown rule 'nap'"),
    (["snooze", "1", "check-in", "--until", "yesterday"], "must be in the future"),
    (["done", "9", "thank-you"], "no application with id 9"),
    (["done", "1", "thank-you"], "no thank-you action"),
    (["--now", "never ever", "list"], "never ever"),
    (["frobnicate"], "invalid choice"),
]


@pytest.mark.parametrize("argv, words", BAD, ids=[" ".join(a) or "empty" for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, db_path, argv, words):
    store = Store.open(db_path, create=True)
    repository.add_application(store, repository.NewApplication("Acme", "Engineer"))
    store.close()
    before = file_hash(db_path)
    result = cli(*argv)
    assert result.code == 2, result
    assert words in result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert file_hash(db_path) == before


def test_bad_input_on_a_missing_file_creates_nothing(cli, db_path):
    result = cli("log", "1", "--kind", "reply")
    assert result.code == 2 and "no application with id 1" in result.err
    assert not db_path.exists()
