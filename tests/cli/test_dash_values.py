"""Values that begin with `-` are values: a company named `-2+3`, `--notes -note`."""

import json

import pytest


def _only(cli, app):
    shown = cli("show", app, "--json")
    assert shown.code == 0, shown
    return json.loads(shown.out)


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "-2+3", "Role"],
        ["add", "--", "-2+3", "Role"],
        ["add", "-2+3", "Role", "--notes", "-note"],
        ["add", "-2+3", "Role", "--notes=-note"],
    ],
)
def test_a_company_named_minus_two_plus_three(cli, argv):
    added = cli(*argv)
    assert added.code == 0, added
    assert added.out.strip() == "1"
    record = _only(cli, "1")
    assert record["company"] == "-2+3" and record["role"] == "Role"
    if "--notes" in argv or "--notes=-note" in argv:
        assert record["notes"] == "-note"


def test_option_values_that_begin_with_a_dash(cli):
    assert cli("add", "-h1", "-Role", "--url", "-u", "--salary", "-1").code == 0
    made = cli("interview", "1", "--at", "tomorrow 10am", "--with", "-Dana", "--notes", "-x")
    assert made.code == 0, made
    logged = cli("log", "1", "--kind", "reply", "--body", "-x", "--contact", "-Dana")
    assert logged.code == 0, logged
    record = _only(cli, "1")
    assert (record["company"], record["role"]) == ("-h1", "-Role")
    assert (record["url"], record["salary"]) == ("-u", "-1")
    assert record["interviews"][0]["notes"] == "-x"
    assert [c["name"] for c in record["contacts"]] == ["-Dana"]
    assert record["touchpoints"][0]["body"] == "-x"


@pytest.mark.parametrize(
    "argv, words",
    [
        (["add", "A", "B", "--bogus"], "unrecognized arguments: --bogus"),
        (["add", "--bogus", "A", "B"], "unrecognized arguments: --bogus"),
        (["add", "A", "B", "--notes", "--x"], "write --notes=VALUE"),
    ],
)
def test_an_unknown_option_is_still_a_usage_error(cli, db_path, argv, words):
    result = cli(*argv)
    assert result.code == 2
    assert words in result.err and result.err.count("\n") == 1
    assert not db_path.exists()
