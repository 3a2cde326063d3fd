"""The follow-up policy: every threshold the rules use, with the defaults DESIGN.md names."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Policy:
    # Seed 004, "Do it only once!": 1 is the strict preset; 2 allows one more after a quiet week.
    max_unanswered: int = 2
    # Seeds 001 and 003: get ready (ask their timeline, ask for a card) before an interview.
    prep_hours: int = 48
    # Seed 002: take notes right after the interview.
    notes_hours: int = 24
    # Seed 004: thank them within 24 hours.
    thank_you_hours: int = 24
    # Seeds 000 and 004: a thank-you (and the notes) a day or two late still help; this many
    # days after the interview they would come too late, and their reminders go away.
    lapse_days: int = 3
    # Seeds 000 and 001: 2-3 working days past the date they gave.
    check_in_after_decision_open_wd: int = 2
    check_in_after_decision_due_wd: int = 3
    # Seed 002: a follow-up call five to seven working days after the interview.
    check_in_after_interview_open_wd: int = 5
    check_in_after_interview_due_wd: int = 7
    # After applying with no interview yet.
    check_in_after_applying_open_wd: int = 7
    check_in_after_applying_due_wd: int = 10
    # Seed 000: following up should not start until two or three days after.
    check_in_min_days: int = 2
    # Seed 003: after one unanswered follow-up, wait a week.
    wait_days: int = 7
    second_follow_up_due_days: int = 10
    # Seed 000: ready your references.
    references_due_wd: int = 1
    references_min_interviews: int = 2
    # Seed 001: keep searching while you wait.
    keep_searching_days: int = 7
    # Seeds 001, 003: after this many days without any contact, suggest moving on rather than
    # an ever-older check-in.
    stale_days: int = 60
    # Public holidays of this country (ISO code, e.g. "US", "GB", "DE") are not working days.
    holidays_country: str | None = None
    holidays_subdivision: str | None = None

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]


STRICT = Policy(max_unanswered=1)
