"""The full-screen app needs a terminal; without one it says so at once (exit 2) instead of
waiting for keys that never come. The commands work without one."""

from __future__ import annotations


def test_the_app_without_a_terminal_says_it_needs_one(cli, db_path):
    done = cli()  # stdin, stdout and stderr are pipes here
    assert done.code == 2
    assert done.err == (
        "followup: the full-screen app needs a terminal; the commands work without one "
        "(followup --help lists them)\n"
    )
    assert done.out == ""
    assert not db_path.exists()


def test_demo_without_a_terminal_makes_nothing_unless_told_not_to_open(cli, db_path):
    done = cli("demo")
    assert done.code == 2
    assert "needs a terminal" in done.err and done.err.count("\n") == 1
    assert not db_path.exists()
    made = cli("demo", "--size", "5", "--no-open")
    assert made.code == 0 and made.out.strip() == str(db_path)


def test_commands_work_without_a_terminal(cli):
    assert cli("add", "Northwind", "Engineer").out == "1\n"
    assert "Northwind" in cli("list").out
