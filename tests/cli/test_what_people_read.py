"""What `show` and `draft` print reads as a person wrote it: every contact's email, a
person in two roles once, one full stop after "Inc.", the check-in called the check-in."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from followup.domain.model import ContactRole
from followup.store import demo, repository
from followup.store.db import Store


def _pied_piper(cli, db_path) -> None:
    assert cli("add", "Pied Piper, Inc.", "Backend Engineer", "--applied", "2026-11-02").code == 0
    interview = cli(
        "interview", "1", "--at", "2026-11-16 10:00", "--with", "Priya Patel",
        "--decision-by", "2026-11-20", "--now", "2026-11-18 09:00",
    )  # fmt: skip
    assert interview.code == 0, interview.err
    store = Store.open(db_path)
    repository.add_contact(
        store, 1, name="Priya Patel", role=ContactRole.RECRUITER, email="priya@piedpiper.example"
    )
    store.close()


def test_show_lists_a_person_once_with_both_roles_and_their_email(cli, db_path):
    _pied_piper(cli, db_path)
    shown = cli("show", "1", "--now", "2026-11-18 09:00")
    assert shown.code == 0, shown.err
    people = [line for line in shown.out.splitlines() if "Priya Patel" in line and "(" in line]
    assert people[0].strip() == "Priya Patel (interviewer, recruiter) · priya@piedpiper.example"
    assert sum("Priya Patel (" in line for line in shown.out.splitlines()) == 1


def test_a_company_ending_in_a_full_stop_gets_one_and_the_check_in_keeps_its_name(cli, db_path):
    _pied_piper(cli, db_path)
    thanked = cli(
        "log", "1", "--kind", "thank-you", "--at", "2026-11-16 15:00", "--now", "2026-11-18 09:00"
    )
    assert thanked.code == 0, thanked.err
    drafted = cli("draft", "1", "--now", "2026-11-24 09:00")
    assert drafted.code == 0, drafted.err
    thanks = cli("draft", "1", "--template", "thank-you", "--now", "2026-11-24 09:00").out
    assert "role at Pied Piper, Inc. I enjoyed" in thanks
    assert "Draft (check-in) to Priya Patel" in drafted.err + drafted.out
    assert "check-in-after-date" not in drafted.err + drafted.out


def test_the_demo_has_company_names_a_person_would_believe_and_no_weekend_interviews(db_path):
    zone = ZoneInfo("Europe/Berlin")
    store = Store.open(db_path, create=True)
    for day in range(7):  # whatever the day of the week it is made on
        now = datetime(2026, 11, 16 + day, 9, 30, tzinfo=zone)
        store.close()
        db_path.unlink()
        store = Store.open(db_path, create=True)
        demo.fill(store, size=80, now=now, zone=zone)
        for item in repository.list_applications(store, include_closed=True):
            assert not any(ch.isdigit() for ch in item["company"]), item["company"]
            for interview in repository.application_detail(store, item["id"])["interviews"]:
                assert interview["starts_at"].astimezone(zone).weekday() < 5, (now, interview)
    store.close()
