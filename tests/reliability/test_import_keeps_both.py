"""An export whose rows are already here but were edited elsewhere (a draft's text, notes,
the stage) is never dropped as "already there": both texts are kept, the file's below a
marked line, and the summary says per table how many differed. A dry run says the same and
writes nothing; the same file imported again changes nothing more."""

from __future__ import annotations

import shutil

from followup.cli import main
from followup.store import drafts
from followup.store.db import Store
from tests.conftest import file_hash

NOW = ["--now", "2026-11-20 12:00"]


def _run(capsys, db, *args: str) -> tuple[str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), *NOW, *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out, captured.err


def _draft(db, text: str) -> None:
    store = Store.open(db)
    try:
        drafts.save_draft(store, 1, "thank-you", text, "thank-you", "interview-1")
    finally:
        store.close()


def test_text_edited_elsewhere_is_kept_beside_the_text_here(capsys, tmp_path):
    here, laptop = tmp_path / "here.db", tmp_path / "laptop.db"
    _run(capsys, here, "add", "Acme", "Engineer", "--applied", "2026-11-01", "--notes", "Met Ann")
    _run(capsys, here, "interview", "Acme", "--at", "2026-11-18 10:00", "--notes", "Went well")
    _draft(here, "Dear Ann, thank you")
    shutil.copy(here, laptop)  # the same file, carried to another machine and edited there
    _run(capsys, laptop, "notes", "Acme", "Ann's manager is Bob")
    _run(capsys, laptop, "stage", "Acme", "offer")
    _run(capsys, laptop, "interview", "Acme", "--at", "2026-11-18 10:00", "--they-said", "x")
    _draft(laptop, "Dear Ann, thank you for the tour of the lab")
    _run(capsys, laptop, "export", str(tmp_path / "export") + "/")

    before = file_hash(here)
    dry, _ = _run(capsys, here, "import", str(tmp_path / "export"), "--dry-run")
    assert file_hash(here) == before
    out, _ = _run(capsys, here, "import", str(tmp_path / "export"))
    assert out == dry.replace("would add", "added").replace("would be kept", "kept")
    lines = out.splitlines()
    assert lines[0].startswith("1 row of applications: added 0, 1 already there with other")
    assert any(
        line.startswith("1 row of drafts: added 0, 1 already there with other") for line in lines
    )
    assert "already present, skipped" not in lines[0]

    shown, _ = _run(capsys, here, "show", "Acme")
    assert "Met Ann" in shown and "Ann's manager is Bob" in shown
    assert "the file said stage offer" in shown
    store = Store.open(here)
    try:
        template, body = drafts.load_draft(store, 1, "thank-you", "interview-1")
    finally:
        store.close()
    assert body.startswith("Dear Ann, thank you\n")
    assert body.endswith("Dear Ann, thank you for the tour of the lab")

    # Again: everything the file holds is here now.
    again, _ = _run(capsys, here, "import", str(tmp_path / "export"))
    assert "other text" not in again and "1 already present, skipped" in again.splitlines()[0]


def test_a_message_or_a_contact_edited_elsewhere_is_not_added_twice(capsys, tmp_path):
    """The same message with other words, and the same person with an address added, are
    the same message and the same person: a second follow-up would be counted by the rules
    ("consider moving on"), and a second Priya Patel would make `--contact Priya` ambiguous."""
    here, laptop = tmp_path / "here.db", tmp_path / "laptop.db"
    _run(capsys, here, "add", "Acme", "Engineer", "--applied", "2026-10-20")
    _run(
        capsys, here, "log", "1", "--kind", "check-in", "--at", "2026-11-05 10:00",
        "--body", "hi", "--contact", "Priya Patel",
    )  # fmt: skip
    due_before, _ = _run(capsys, here, "due")
    shutil.copy(here, laptop)
    export = tmp_path / "export"
    _run(capsys, laptop, "export", str(export) + "/")
    touchpoints = export / "touchpoints.csv"
    touchpoints.write_text(touchpoints.read_text("utf-8-sig").replace(",hi,", ",hi there,"))
    contacts = export / "contacts.csv"
    head, row = contacts.read_text("utf-8-sig").splitlines()[:2]
    cells = row.split(",")
    cells[head.split(",").index("email")] = "priya@example.com"
    contacts.write_text(head + "\n" + ",".join(cells) + "\n")

    out, _ = _run(capsys, here, "import", str(export))
    assert "1 row of touchpoints: added 0, 1 already there with other" in out
    assert "1 row of contacts: added 0, 1 already there with other" in out
    shown, _ = _run(capsys, here, "show", "Acme")
    assert shown.count("→ follow-up") == 1, shown
    assert shown.count("Priya Patel") == 2 and "priya@example.com" in shown  # contact, timeline
    assert _run(capsys, here, "due")[0] == due_before  # still one follow-up, same advice
    _run(capsys, here, "log", "1", "--kind", "reply", "--contact", "Priya")  # not ambiguous
