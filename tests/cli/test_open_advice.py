"""Right advice in right words, from the shell: what was still open in issue 14."""

from __future__ import annotations


def _ok(result):
    assert result.code == 0, result.err
    return result


def test_due_words_what_has_no_deadline_as_such_after_what_has_one(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00"))
    # On Thu 12 Nov the check-in window is open until Mon 16 Nov, and keep-searching has no
    # deadline: it is not urgent, says so, and comes after the check-in.
    rows = _ok(cli("due", "--now", "2026-11-12 10:00")).out.splitlines()[1:]
    assert rows[0].split()[:4] == ["due", "due", "in", "4d"] and "check-in" in rows[0], rows
    assert rows[1].split()[:3] == ["due", "no", "deadline"] and "keep-searching" in rows[1], rows
    assert not any(" now " in row for row in rows), rows


def test_a_drafts_last_edited_time_follows_now(cli, store):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from followup.config import Settings
    from followup.store import drafts

    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-02 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-11-04 10:00",
            "--with",
            "Dana Scully",
            "--now",
            "2026-11-03",
        )
    )
    zone = ZoneInfo("Europe/Berlin")
    then = datetime(2026, 11, 4, 12, 0, tzinfo=zone)
    prepared = drafts.prepare(store, 1, Settings(), then, zone)
    drafts.save(store, prepared, prepared.text + "\nP.S. edited", now=then)
    # The thank-you is sent by other means two days later: the draft stays, listed as unsent.
    _ok(cli("log", "1", "--kind", "thank-you", "--now", "2026-11-06 09:00"))
    shown = _ok(cli("show", "1", "--now", "2026-11-06 09:00")).out
    assert "last edited Wed 4 Nov 2026 12:00" in shown, shown


def _interviewed_then_told_by_email(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-30 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-12-02 10:00",
            "--with",
            "Dana Scully",
            "--now",
            "2026-12-01",
        )
    )
    _ok(cli("log", "1", "--kind", "thanks", "--contact", "Dana", "--now", "2026-12-03 09:00"))
    _ok(
        cli(
            "log",
            "1",
            "--kind",
            "reply",
            "--contact",
            "Dana",
            "--decision-by",
            "2026-12-11",
            "--now",
            "2026-12-04 09:00",
        )
    )


def test_the_check_in_never_says_a_date_came_from_a_conversation_it_did_not(cli):
    _interviewed_then_told_by_email(cli)
    drafted = _ok(cli("draft", "1", "--now", "2026-12-15 09:00"))
    assert "decision by Friday 11 December" in drafted.out
    assert "When we spoke on Wednesday 2 December, you mentioned" not in drafted.out


def test_the_offer_is_answered_by_their_deadline_to_whoever_sent_it(cli):
    _interviewed_then_told_by_email(cli)
    _ok(
        cli(
            "log",
            "1",
            "--kind",
            "offer",
            "--contact",
            "Rita Recruiter",
            "--decision-by",
            "2026-12-22",
            "--now",
            "2026-12-17 09:00",
        )
    )
    _ok(cli("stage", "1", "offer", "--now", "2026-12-17 09:00"))
    drafted = _ok(cli("draft", "1", "--now", "2026-12-17 10:00"))
    assert "Draft (offer-reply) to Rita Recruiter" in drafted.err
    assert "Dear Rita," in drafted.out and "Dana" not in drafted.out
    assert "by when" not in drafted.out
    assert "my answer by Tuesday 22 December" in drafted.out
    # Glad of it, without a word that reads as a yes before the offer is in writing.
    assert "delighted to receive it" in drafted.out and "keen to join" not in drafted.out


def test_an_offer_without_a_sender_or_a_deadline_leaves_both_to_fill(cli):
    _interviewed_then_told_by_email(cli)
    # The offer came by phone: only the stage says so, and their old date is stale by then.
    _ok(cli("stage", "1", "offer", "--now", "2026-12-17 09:00"))
    _ok(cli("log", "1", "--kind", "reply", "--channel", "phone", "--now", "2026-12-17 09:00"))
    drafted = _ok(cli("draft", "1", "--now", "2026-12-17 10:00"))
    assert "Dear [their first name]," in drafted.out
    assert "by when you would like my answer" in drafted.out
    assert "11 December" not in drafted.out


def test_a_check_in_before_their_decision_date_is_said_to_be_early(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-30 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-12-02 10:00",
            "--with",
            "Dana Scully",
            "--decision-by",
            "2026-12-11",
            "--now",
            "2026-12-01",
        )
    )
    drafted = _ok(cli("draft", "1", "--template", "check-in", "--now", "2026-12-07 09:00"))
    early = "!!  Early: they said they would decide by Fri 11 Dec 2026"
    assert early in drafted.out
    later = _ok(cli("draft", "1", "--template", "check-in", "--now", "2026-12-15 09:00"))
    assert "Early" not in later.out
    logged = _ok(cli("log", "1", "--kind", "check-in", "--now", "2026-12-07 09:00"))
    assert logged.err.splitlines()[-1] == (
        "Early: they said they would decide by Fri 11 Dec 2026; checking in before then can "
        "seem impatient."
    )
    assert logged.out.strip() == "1"  # logged all the same


def test_a_check_in_after_their_date_logs_without_a_word_of_warning(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-30 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-12-02 10:00",
            "--decision-by",
            "2026-12-11",
            "--now",
            "2026-12-01",
        )
    )
    logged = _ok(cli("log", "1", "--kind", "check-in", "--now", "2026-12-15 09:00"))
    assert "Early" not in logged.err


def test_a_reply_inviting_you_to_a_call_is_answered_with_the_schedule_reply(cli):
    _ok(cli("add", "Initech", "Analyst", "--now", "2026-11-30 09:00"))
    logged = _ok(
        cli(
            "log",
            "1",
            "--kind",
            "reply",
            "--contact",
            "Rita Recruiter",
            "--body",
            "Thanks for applying! Could we set up a call next week? Let me know your availability.",
            "--now",
            "2026-12-03 09:00",
        )
    )
    assert "They invite you to talk: 'followup draft 1' offers the reply" in logged.err
    drafted = _ok(cli("draft", "1", "--now", "2026-12-03 10:00"))
    assert "Draft (schedule-reply) to Rita Recruiter" in drafted.err
    assert "Dear Rita," in drafted.out and "still being considered" not in drafted.out
    # They asked for a call, not an interview: the reply says what they asked.
    assert "interview" not in drafted.out.lower().split("-- check")[0], drafted.out
    # Once the call is booked, the invitation is answered.
    _ok(cli("interview", "1", "--at", "2026-12-08 15:00", "--now", "2026-12-03 11:00"))
    later = _ok(cli("draft", "1", "--now", "2026-12-03 12:00"))
    assert "schedule-reply" not in later.err


def test_an_invitation_logged_by_that_word_leads_to_the_schedule_reply(cli):
    _ok(cli("add", "Initech", "Analyst", "--now", "2026-11-30 09:00"))
    _ok(cli("log", "1", "--kind", "invitation", "--now", "2026-12-03 09:00"))
    assert "Draft (schedule-reply)" in _ok(cli("draft", "1", "--now", "2026-12-03 10:00")).err
    # Answered by phone: the reply is logged, and the next draft is no longer the schedule one.
    _ok(cli("log", "1", "--kind", "other", "--channel", "phone", "--now", "2026-12-03 11:00"))
    assert "schedule-reply" not in _ok(cli("draft", "1", "--now", "2026-12-03 12:00")).err


def test_a_rejection_that_mentions_the_interview_is_no_invitation(cli):
    _ok(cli("add", "Initech", "Analyst", "--now", "2026-11-30 09:00"))
    logged = _ok(
        cli(
            "log",
            "1",
            "--kind",
            "rejection",
            "--body",
            "Thank you for your interest. Unfortunately we will not move forward to the next "
            "round of interviews.",
            "--now",
            "2026-12-03 09:00",
        )
    )
    assert "invite" not in logged.err
    assert "schedule-reply" not in _ok(cli("draft", "1", "--now", "2026-12-03 10:00")).err


def test_import_says_which_rows_match_an_open_application(cli, tmp_path):
    _ok(cli("add", "Hooli", "Backend Engineer", "--now", "2026-11-30 09:00"))
    _ok(cli("add", "Acme", "Data Engineer", "--now", "2026-11-30 09:00"))
    one = tmp_path / "one.csv"
    one.write_text(
        "company,role,stage,applied_on\n"
        "hooli,Backend Engineer,applied,2026-11-01\n"
        "Initech,Analyst,applied,2026-11-02\n"
    )
    said = (
        "  hooli / Backend Engineer: already open as application 1 (applied); "
        "check it is not the same one"
    )
    dry = _ok(cli("import", str(one), "--dry-run", "--now", "2026-11-30 10:00"))
    assert said in dry.out.splitlines()
    assert "Initech / Analyst: already" not in dry.out
    done = _ok(cli("import", str(one), "--now", "2026-11-30 10:00"))
    assert said in done.out.splitlines()

    many = tmp_path / "many.csv"
    many.write_text(
        "company,role,stage,applied_on\n"
        + "".join(f"Acme,Data Engineer,applied,2026-11-{day:02d}\n" for day in range(1, 9))
    )
    lines = _ok(cli("import", str(many), "--dry-run", "--now", "2026-11-30 10:00")).out
    assert "  8 rows match an open application at the same company and role:" in lines
    assert "    ...and 3 more" in lines


def test_show_lists_what_they_said_apart_from_the_notes(cli):
    _ok(cli("add", "Hooli", "Engineer", "--now", "2026-11-30 09:00"))
    _ok(
        cli(
            "interview",
            "1",
            "--at",
            "2026-12-02 10:00",
            "--notes",
            "salary low",
            "--they-said",
            "The team ships every Friday",
            "--now",
            "2026-12-01",
        )
    )
    shown = _ok(cli("show", "1", "--now", "2026-12-03")).out.splitlines()
    assert "    notes: salary low" in shown
    assert "    they said: The team ships every Friday" in shown
