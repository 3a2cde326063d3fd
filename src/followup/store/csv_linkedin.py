"""What other trackers' files say beyond an application's own fields, as followup keeps it.

LinkedIn's "Job Applications" export names the recruiter by `Contact Email` (and `Contact
Phone Number`), keeps the screening questions in `Question And Answers` and the CV sent in
`Resume Name`: the contact becomes a contact of the application, the questions and the CV
go into its notes, and its source is "LinkedIn" (the file says nothing else of where).
"""

from __future__ import annotations

from followup.domain.model import ContactRole
from followup.store.csv_cells import Cells
from followup.store.tables import ApplicationContactRow, ContactRow

# Our field names for these columns (compared as csv_import compares headers).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "contact_email": ("contactemail", "recruiteremail"),
    "contact_phone": ("contactphonenumber", "contactphone", "recruiterphone"),
    "questions": ("questionandanswers", "questionsandanswers", "screeningquestions"),
    "resume": ("resumename", "resume", "cvname"),
}
# LinkedIn's export is the one file with these columns together.
_LINKEDIN = ("questions", "resume")


def is_linkedin(cells: Cells) -> bool:
    return all(cells.has(name) for name in _LINKEDIN) and cells.has("contact_email")


def source(cells: Cells, row: list[str]) -> str:
    """The source column, or "LinkedIn" for LinkedIn's export, which has none."""
    if cells.has("source") or not is_linkedin(cells):
        return cells.text(row, "source")
    return "LinkedIn"


def notes(cells: Cells, row: list[str]) -> str:
    """The notes column with the screening questions and the CV sent after it."""
    parts = [cells.text(row, "notes")]
    questions = cells.text(row, "questions", strip=True)
    if questions:
        parts.append(f"Questions and answers when applying: {questions}")
    resume = cells.text(row, "resume", strip=True)
    if resume:
        parts.append(f"CV sent: {resume}")
    return "\n\n".join(part for part in parts if part.strip())


class Contacts:
    """The contact named by email in each row: one contact per address, the one already
    there when there is one, linked to the row's application as its recruiter."""

    def __init__(self, have: dict) -> None:
        self.by_email: dict[str, int] = dict(have.get("contact_emails", {}))
        self.next = max([0, *have.get("contact_ids", ())]) + 1
        self.linked: set[tuple[int, int]] = set()

    def add(self, cells: Cells, row: list[str], application_id: int, batch) -> None:
        if not cells.has("contact_email"):
            return
        email = cells.text(row, "contact_email", strip=True)
        if not email:
            return
        ident = self.by_email.get(email.lower())
        if ident is None:
            ident, self.next = self.next, self.next + 1
            self.by_email[email.lower()] = ident
            batch.add(
                ContactRow,
                id=ident,
                name=email,  # the file has no name: the address is how they are known
                title="",
                email=email,
                phone=cells.text(row, "contact_phone", strip=True),
                notes="",
                created_at=cells.now,
            )
        if (application_id, ident) not in self.linked:
            self.linked.add((application_id, ident))
            batch.add(
                ApplicationContactRow,
                application_id=application_id,
                contact_id=ident,
                role=ContactRole.RECRUITER.value,
            )
