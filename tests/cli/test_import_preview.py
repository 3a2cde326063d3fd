"""An import's dry run shows the first rows as they will be stored; LinkedIn's own export
keeps its contact, its screening questions and where it came from."""

from __future__ import annotations

from pathlib import Path

LINKEDIN = Path(__file__).parent.parent / "store" / "import_files" / "linkedin_applications.csv"


def test_the_dry_run_shows_the_first_rows_as_they_will_be_stored(cli, db_path):
    assert cli("add", "Initech", "QA Lead").code == 0  # a database that is not empty
    before = db_path.read_bytes()
    dry = cli("import", str(LINKEDIN), "--dry-run", "--now", "2026-11-22 10:00")
    assert dry.code == 0, dry.err
    lines = dry.out.splitlines()
    assert lines[0] == "3 rows of applications: would add 3"
    assert lines[1] == "First rows as they will be stored:"
    assert lines[2] == "  Soylent, Inc. / Product Manager"
    assert lines[3] == "    stage applied · applied on Wed 18 Nov 2026 · source LinkedIn"
    assert lines[4] == "    recruiter talent@soylent.example"
    assert lines[5].startswith("    notes: Questions and answers when applying: Are you")
    assert all(len(line) <= 68 for line in lines[1:]), lines
    assert db_path.read_bytes() == before


def test_linkedin_contact_email_questions_and_source_are_kept(cli):
    done = cli("import", str(LINKEDIN), "--now", "2026-11-22 10:00")
    assert done.code == 0, done.err
    shown = cli("show", "1", "--now", "2026-11-22 10:00").out
    assert "source: LinkedIn" in shown
    assert "talent@soylent.example (recruiter) · +1 555 0100" in shown
    assert "Questions and answers when applying: Are you authorized to work in the US?:Yes" in (
        shown
    )
    assert "CV sent: Ada_CV_2026.pdf" in shown
    # The same address on another row is the same person, not a second contact.
    other = cli("show", "3", "--now", "2026-11-22 10:00").out
    assert "talent@soylent.example (recruiter)" in other
    assert "contacts:" not in cli("show", "2", "--now", "2026-11-22 10:00").out


def test_linkedin_dates_are_month_first_whatever_the_date_order(cli, tmp_path):
    """LinkedIn writes "11/3/26" for 3 November, even for a reader whose dates are day first;
    another file's numeric dates follow the date_order setting."""
    (tmp_path / "config.toml").write_text('date_order = "DMY"\n')
    linkedin = tmp_path / "li.csv"
    linkedin.write_text(
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,Question And Answers\n"
        '"11/3/26, 4:52 PM",a@b.example,,Hooli,Engineer,https://x.example/1,cv.pdf,\n'
    )
    done = cli("import", str(linkedin), "--now", "2026-11-22 10:00")
    assert done.code == 0, done.err
    assert "applied on: 2026-11-03" in cli("show", "1", "--now", "2026-11-22 10:00").out
    other = tmp_path / "other.csv"
    other.write_text("Company,Role,Applied\nInitech,Analyst,4/11/26\n")
    assert cli("import", str(other), "--now", "2026-11-22 10:00").code == 0
    assert "applied on: 2026-11-04" in cli("show", "Initech", "--now", "2026-11-22 10:00").out


def test_columns_with_nowhere_to_go_are_named(cli, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(
        "Company,Job Title,Applied,Contact Email,Contact Name,Interview Date\n"
        "B,Eng,2026-11-02,alex@b.example,Alex Smith,2026-11-20\n"
    )
    dry = cli("import", str(other), "--dry-run", "--now", "2026-11-22 10:00")
    assert dry.code == 0, dry.err
    assert dry.out.splitlines()[:2] == [
        "1 row of applications: would add 1",
        "  columns not kept (followup has no field for them): 'Contact Name', 'Interview Date'",
    ]
