"""`log --kind` takes the words people use for their messages, besides the kinds themselves."""

from __future__ import annotations

import json

import pytest

from tests.conftest import file_hash


@pytest.fixture
def one(cli):
    assert cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00").code == 0


@pytest.mark.parametrize(
    "typed, kind, direction",
    [
        ("check-in", "follow-up", "out"),
        ("Check In", "follow-up", "out"),
        ("follow-up", "follow-up", "out"),
        ("thanks", "thank-you", "out"),
        ("response", "reply", "in"),
        ("rejection", "reply", "in"),
        ("references", "references-requested", "in"),
    ],
)
def test_the_words_people_use_name_a_kind(cli, one, typed, kind, direction):
    done = cli("log", "1", "--kind", typed, "--now", "2026-11-20 09:00")
    assert done.code == 0, done.err
    assert f"Logged {kind} ({direction}, email)" in done.err
    shown = json.loads(cli("show", "1", "--json").out)
    assert [(t["kind"], t["direction"]) for t in shown["touchpoints"]] == [(kind, direction)]


def test_an_unknown_kind_lists_the_kinds_and_their_words(cli, one, db_path):
    before = file_hash(db_path)
    done = cli("log", "1", "--kind", "postcard")
    assert done.code == 2
    assert done.err.strip() == (
        "followup: unknown kind 'postcard': choose one of thank-you (thanks, thankyou, "
        "thank-you-note), follow-up (check-in, nudge, second-follow-up), reply (response, "
        "offer, rejection), references-requested (references, reference-request, "
        "references-request), other"
    )
    assert file_hash(db_path) == before
