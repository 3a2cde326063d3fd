"""An action is said once: its message, then when, then (in the shell) the rule's name."""

from __future__ import annotations


def test_show_says_the_check_in_once_and_names_its_rule_for_done(cli):
    assert cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00").code == 0
    shown = cli("show", "1", "--now", "2026-11-13 09:00")
    assert shown.code == 0, shown.err
    assert "check-in: Check in" not in shown.out
    assert (
        "  [due] Check in: are you still being considered? (due in 3d; check-in)"
        in shown.out.splitlines()
    )
