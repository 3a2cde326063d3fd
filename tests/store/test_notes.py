"""Saving notes over a change made elsewhere since the edit began keeps both texts."""

from __future__ import annotations

from followup.store import repository


def _one(store) -> int:
    return repository.add_application(store, repository.NewApplication("Northwind", "Engineer"))


def test_notes_saved_over_an_unchanged_text_replace_it(store):
    ident = _one(store)
    repository.set_notes(store, ident, "first")
    assert repository.set_notes(store, ident, "second", expected="first") is False
    assert repository.notes_of(store, ident) == "second"


def test_notes_changed_elsewhere_since_the_edit_began_are_kept_with_ours(store):
    ident = _one(store)
    repository.set_notes(store, ident, "first")
    repository.set_notes(store, ident, "theirs, saved elsewhere")  # another app
    assert repository.set_notes(store, ident, "first, and mine", expected="first") is True
    notes = repository.notes_of(store, ident)
    theirs, mark, mine = notes.partition(repository.CONFLICT_MARK)
    assert theirs.strip() == "theirs, saved elsewhere"
    assert mark and mine.strip() == "first, and mine"


def test_an_edit_that_changed_nothing_leaves_what_was_saved_elsewhere(store):
    ident = _one(store)
    repository.set_notes(store, ident, "first")
    repository.set_notes(store, ident, "theirs")
    assert repository.set_notes(store, ident, "first", expected="first") is False
    assert repository.notes_of(store, ident) == "theirs"
