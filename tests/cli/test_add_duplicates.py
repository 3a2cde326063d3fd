"""`followup add` says (one line on stderr, and still adds, exit 0) when the company already
has an open application for the same role, or one closed within the last year."""

from __future__ import annotations

NOW = "2026-11-18T12:00:00+01:00"


def _add(cli, company: str, role: str, now: str = NOW):
    done = cli("add", company, role, "--now", now)
    assert done.code == 0, done
    assert done.out.strip().isdigit(), done
    return done


def _notes(done) -> list[str]:
    return [line for line in done.err.splitlines() if "already has" in line]


def test_the_same_open_application_is_added_with_a_warning(cli):
    _add(cli, "Northwind", "Backend Engineer", "2026-11-03T10:00:00+01:00")
    again = _add(cli, "  northwind ", "backend engineer")
    assert _notes(again) == [
        "Note: northwind already has an application: Backend Engineer "
        "(applied, applied 3 Nov 2026), still open."
    ], again.err
    listed = cli("list", "--json")
    assert listed.out.count('"company"') == 2  # a warning, not a refusal


def test_another_role_at_the_same_company_is_added_without_a_word(cli):
    _add(cli, "Northwind", "Backend Engineer")
    other = _add(cli, "Northwind", "Data Analyst")
    assert _notes(other) == [], other.err
    assert other.err.count("\n") == 1, other.err  # only "Added application ..."


def test_a_company_closed_within_the_year_is_said_whatever_the_role(cli):
    first = _add(cli, "Initech", "Analyst", "2026-03-01T10:00:00+01:00")
    ident = first.out.strip()
    assert cli("stage", ident, "rejected", "--now", "2026-04-01T10:00:00+02:00").code == 0
    again = _add(cli, "Initech", "Data Engineer")
    assert _notes(again) == [
        "Note: Initech already has an application: Analyst "
        "(rejected, applied 1 Mar 2026), closed in the last year."
    ], again.err


def test_a_company_closed_more_than_a_year_ago_is_not_said(cli):
    first = _add(cli, "Initech", "Analyst", "2025-03-01T10:00:00+01:00")
    ident = first.out.strip()
    assert cli("stage", ident, "rejected", "--now", "2025-04-01T10:00:00+02:00").code == 0
    again = _add(cli, "Initech", "Analyst")
    assert _notes(again) == [], again.err
