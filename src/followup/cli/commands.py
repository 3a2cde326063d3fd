"""One function per command. Each validates everything first, then writes in one transaction.

The store's modules are imported inside the commands that use them: a command that needs
neither SQLAlchemy nor the rules (export, --help) starts in a fraction of the time.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from typing import Any

from followup.cli import output
from followup.cli.context import Context
from followup.cli.parser import UsageError
from followup.domain.invitations import INVITATION_KINDS, INVITATION_SUBJECT, invites
from followup.domain.model import (
    KIND_MOVES_STAGE,
    TOUCHPOINT_KIND_ALIASES,
    Channel,
    Direction,
    InputError,
    InterviewKind,
    Stage,
    TouchpointKind,
    parse_choice,
)
from followup.domain.rules import FollowUpRule, State
from followup.domain.text import counted
from followup.domain.timewords import urgency
from followup.domain.when import CENTURY_AHEAD, parse_day, parse_when, show_day, show_moment

# The commands that write to the data file. Each checks the file before it reads or writes
# anything: what it reads of a damaged file could be wrong, and what it writes would stand
# between the person and the backup that restores the rest. (demo writes only to a file it
# makes, and checks that one when it writes.)
WRITING = {"add", "interview", "log", "stage", "notes", "snooze", "done", "import"}
# The commands that only read: on a damaged file they read what can still be read of it.
READING = {"list", "show", "due", "draft", "export", "calendar", "stats"}


def run(options: argparse.Namespace, context: Context) -> int:
    handler = HANDLERS.get(options.command or "")
    if handler is None:
        return open_app(context)
    if options.command in WRITING:
        context.ensure_sound()
    if options.command in READING:
        from followup.cli.reading import read_what_can_be_read

        return read_what_can_be_read(handler, options, context)
    return handler(options, context)


def echo(line: str) -> None:
    """What the command did, for the person: on stderr, so stdout stays for scripts."""
    print(line, file=sys.stderr)


def _when(context: Context, text: str, now, what: str, **how: Any):
    """A moment from a date argument, read with the settings' date order; InputError naming
    the option and what was understood when the reading cannot be right."""
    return parse_when(text, now, order=context.date_order, what=what, **how)


def _day(context: Context, text: str, now, what: str, **how: Any):
    return parse_day(text, now, order=context.date_order, what=what, **how)


def _decision(context: Context, text: str | None, now):
    # A decision date is the employer's word about their own timeline: usually ahead, but a
    # date just passed is still theirs (the closest reading of "nov 25").
    return _day(context, text, now, "--decision-by") if text else None


def _skipped(message: str) -> None:
    """An application the rules could not evaluate: named on stderr; the rest go on."""
    print(f"followup: {message}", file=sys.stderr)


# SQLite's largest integer: a bigger id cannot name a row, and cannot even be asked about.
LARGEST_ID = 2**63 - 1
# How many candidates an ambiguous company name lists on its one line.
CANDIDATES_SHOWN = 5


def application_id(context: Context, text: str) -> int:
    """APP: an application id, or a company name that matches exactly one application."""
    cleaned = text.strip().removeprefix("#")
    # ASCII digits only: str.isdigit() also takes '²' and '١٢', which int() refuses or reads.
    if cleaned.isascii() and cleaned.isdigit():
        digits = cleaned.lstrip("0")
        if not digits or len(digits) > len(str(LARGEST_ID)) or int(digits) > LARGEST_ID:
            raise InputError(f"no application with id {_short(cleaned)}")
        return int(digits)
    if not cleaned:
        raise InputError("APP must be an application id or a company name, got ''")
    from followup.store import records

    found = records.applications_at(context.store(), cleaned) if context.db_path.exists() else []
    shown = _short(cleaned)
    if not found:
        hint = (
            "ids are written with the digits 0-9"
            if cleaned.isnumeric()
            else "`followup list --all` shows them"
        )
        raise records.NotFound(
            f"no application with the id or company name '{shown}' ({hint})", name=shown
        )
    if len(found) > 1:
        # The company is named too when the name matched more than one company.
        several = len({row["company"] for row in found}) > 1
        listed = "; ".join(
            f"{row['id']} "
            + (f"{output.one_line(row['company'])} / " if several else "")
            + f"{output.one_line(row['role'])} ({row['stage']})"
            for row in found[:CANDIDATES_SHOWN]
        )
        hidden = len(found) - CANDIDATES_SHOWN
        more = f"; and {hidden} more" if hidden > 0 else ""
        raise InputError(
            f"'{shown}' matches {len(found)} applications, give the id: {listed}{more}"
        )
    return found[0]["id"]


def _short(text: str, limit: int = 60) -> str:
    """A value quoted in an error: on one line, and not so long that the line is lost."""
    shown = output.one_line(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def needs_a_terminal() -> None:
    """The full-screen app reads keys from a terminal and draws on one; without one it could
    only wait for keys that never come."""
    streams = (sys.stdin, sys.stdout, sys.stderr)
    if not all(stream is not None and stream.isatty() for stream in streams):
        raise UsageError(
            "the full-screen app needs a terminal; the commands work without one "
            "(followup --help lists them)"
        )


def open_app(context: Context, *, path=None) -> int:
    if path is None and context.on_server:
        # The app still keeps files beside its data (what was not saved, the watch on the
        # file, backups): on a server it would have nowhere to keep them.
        raise UsageError(
            f"the full-screen app opens a data file for now; {context.db_path} is a server's "
            "database: the commands work on it (followup --help lists them)"
        )
    needs_a_terminal()
    settings = context.settings  # a broken settings file is reported before the screen opens
    if context.full_screen is None:
        raise UsageError("the full-screen app opens from the `followup` program")
    return context.full_screen(
        path or context.db_path, settings, context.clock, context.zone, context.config_path
    )


# Recording.


def cmd_add(options, context: Context) -> int:
    from followup.store import earlier, writes

    now = context.now()
    stage = parse_choice(Stage, options.stage, "stage")
    applied = None
    if options.applied:
        applied = _day(context, options.applied, now, "--applied", prefer="past", may_be="past")
    elif stage is not Stage.WISHLIST:
        applied = now.date()
    new = writes.NewApplication(
        company=options.company,
        role=options.role,
        stage=stage,
        applied_on=applied,
        url=options.url,
        source=options.source,
        location=options.location,
        salary=options.salary,
        notes=options.notes,
    )
    store = context.store(create=True)
    already = earlier.same_application(store, new.company, new.role, now)
    new_id = writes.add_application(store, new, now=now)
    when = f", applied on {show_day(applied)}" if applied else ""
    echo(
        f"Added application {new_id}: {output.one_line(new.company)} / "
        f"{output.one_line(new.role)} ({stage.value}{when})"
    )
    if already:  # a warning, as quick-add gives: a script may mean it
        company = output.one_line(new.company.strip())
        echo(f"Note: {company} already has an application: {earlier.described(already)}")
    print(new_id)
    return 0


def cmd_interview(options, context: Context) -> int:
    from followup.store import writes

    now = context.now()
    app = application_id(context, options.app)
    starts = _when(context, options.at, now, "--at", needs_time="an interview")
    kind = parse_choice(InterviewKind, options.kind, "interview kind")
    decision = _decision(context, options.decision_by, now)
    store = _existing_store(context, app)
    new_id, moved = writes.add_interview(
        store,
        app,
        starts_at=starts,
        duration_minutes=options.duration,
        kind=kind,
        interviewers=options.with_,
        decision_by=decision,
        notes=options.notes,
        they_said=options.they_said,
        now=now,
    )
    extra = f"; they decide by {show_day(decision)}" if decision else ""
    echo(
        f"Interview {new_id} for application {app}: {show_moment(starts, context.zone)}, "
        f"{options.duration} min, {kind.value}{extra}"
    )
    if moved:
        echo(f"Application {app} is now {moved}")
    print(new_id)
    return 0


DEFAULT_DIRECTION = {
    TouchpointKind.REPLY: Direction.IN,
    TouchpointKind.REFERENCES_REQUESTED: Direction.IN,
}


def cmd_log(options, context: Context) -> int:
    from followup.store import records, writes

    now = context.now()
    app = application_id(context, options.app)
    kind = parse_choice(TouchpointKind, options.kind, "kind", TOUCHPOINT_KIND_ALIASES)
    direction = (
        parse_choice(Direction, options.direction, "direction")
        if options.direction
        else DEFAULT_DIRECTION.get(kind, Direction.OUT)
    )
    channel = parse_choice(Channel, options.channel, "channel") if options.channel else None
    at = (
        _when(context, options.at, now, "--at", prefer="past", may_be="past") if options.at else now
    )
    decision = _decision(context, options.decision_by, now)
    store = _existing_store(context, app)
    if channel is None:
        channel = records.last_channel(store, app) or Channel.EMAIL
    word = "-".join(options.kind.strip().lower().replace("_", "-").split())
    subject = options.subject
    if word in INVITATION_KINDS and not subject.strip():
        subject = INVITATION_SUBJECT  # what tells the drafts it was an invitation
    decides = KIND_MOVES_STAGE.get(word) if direction is Direction.IN else None
    if decides is not None and not subject.strip():
        subject = decides.value.capitalize()  # the timeline says what it was, not just "reply"
    new_id, before, after = writes.log_message(
        store,
        app,
        kind=kind,
        direction=direction,
        channel=channel,
        at=at,
        contact=options.contact,
        subject=subject,
        body=options.body,
        decision_by=decision,
        now=now,
        stage=decides,
        today=now.astimezone(context.zone).date(),
    )
    arrow = "from" if direction is Direction.IN else "to"
    # The person matched ("Priya" is the application's Priya Patel), not only what was typed.
    person = records.touchpoint_contact(store, new_id) if options.contact else None
    who = f" {arrow} {output.one_line(person)}" if person else ""
    extra = f"; they now decide by {show_day(decision)}" if decision else ""
    echo(
        f"Logged {kind.value} ({direction.value}, {channel.value}){who} for application {app} "
        f"at {show_moment(at, context.zone)}{extra}"
    )
    if before != after:
        echo(f"Application {app}: {before} → {after}")  # as `followup stage` says it
    elif decides is not None and after != decides.value:
        echo(f"Application {app} stays {after}, as it is closed; 'followup stage' changes it.")
    if direction is Direction.IN and invites(subject, options.body):
        echo(
            f"They invite you to talk: 'followup draft {app}' offers the reply to schedule it; "
            f"once the time is set, record it with 'followup interview {app} --at WHEN'."
        )
    if kind is TouchpointKind.FOLLOW_UP and direction is Direction.OUT:
        from followup.domain.templates import early_check_in

        early = early_check_in(records.application_detail(store, app), at, context.zone)
        if early:
            echo(f"{early}.")  # logged all the same: it was sent
    print(new_id)
    return 0


def cmd_stage(options, context: Context) -> int:
    from followup.store import repository

    app = application_id(context, options.app)
    stage = parse_choice(Stage, options.stage, "stage")
    store = _existing_store(context, app)
    now = context.now()
    today = now.astimezone(context.zone).date()
    before = repository.set_stage(store, app, stage, now=now, today=today)
    echo(f"Application {app}: {before} → {stage.value}")
    return 0


def cmd_notes(options, context: Context) -> int:
    from followup.store import repository

    app = application_id(context, options.app)
    store = _existing_store(context, app)
    if options.interview is None:
        if options.they_said is not None:
            raise InputError("--they-said belongs to an interview: add --interview N")
        repository.set_notes(store, app, options.text, now=context.now())
        echo(f"Notes of application {app} written")
    else:
        repository.set_interview_notes(
            store,
            app,
            options.interview,
            options.text,
            they_said=options.they_said,
            now=context.now(),
        )
        echo(f"Notes of interview {options.interview} (application {app}) written")
    return 0


def _existing_store(context: Context, app: int):
    """The store for a write to an existing application: a missing file has no applications."""
    from followup.store import records

    if not context.db_path.exists():
        raise records.UnknownApplication(app)
    return context.store(create=True)


# Reading.


def cmd_list(options, context: Context) -> int:
    from followup.store import records

    stage = parse_choice(Stage, options.stage, "stage") if options.stage else None
    rows = records.list_applications(
        context.store(), stage=stage, include_closed=options.all or stage is not None
    )
    if options.json:
        output.print_json([output.jsonable(row, context.zone) for row in rows])
        return 0
    if not rows:
        echo(
            "No applications yet: add one with `followup add COMPANY ROLE`."
            if not options.all and stage is None
            else "No applications match."
        )
        return 0
    output.print_table(
        ["id", "company", "role", "stage", "applied", "decide by"],
        [
            [
                row["id"],
                row["company"],
                row["role"],
                row["stage"],
                row["applied_on"].isoformat() if row["applied_on"] else "",
                row["decision_by"].isoformat() if row["decision_by"] else "",
            ]
            for row in rows
        ],
    )
    return 0


def cmd_show(options, context: Context) -> int:
    from followup.store import actions, records

    app = application_id(context, options.app)
    store = context.store()
    record = records.application_detail(store, app)
    settings = context.settings
    try:
        found = actions.for_application(store, app, settings.policy, context.now(), context.zone)
    except actions.RulesFailed as error:  # the record itself is still worth showing
        _skipped(str(error))
        found = []
    record["actions"] = [output.action_record(action) for action in found]
    if options.json:
        output.print_json(output.jsonable(record, context.zone))
        return 0
    output.print_detail(record, context.zone, context.now())
    return 0


def cmd_due(options, context: Context) -> int:
    from followup.store import actions

    now = context.now()
    at = _when(context, options.at, now, "--at", ahead=CENTURY_AHEAD) if options.at else now
    settings = context.settings
    horizon = options.horizon if options.horizon is not None else settings.horizon_days
    evaluation = actions.evaluate(
        context.store(), settings.policy, at, context.zone, report=_skipped
    )
    limit = at + timedelta(days=horizon)
    # Most pressing as the words read ("due today" before "due in 5d"), then the nearest
    # moment; what has no deadline comes after what has one.
    shown = sorted(
        (
            action
            for action in evaluation.actions
            if action.state is not State.UPCOMING or action.opens_at <= limit
        ),
        key=lambda action: (
            urgency(output.relative(action, at, context.zone)),
            action.sort_key(),
        ),
    )
    if options.json:
        output.print_json([output.jsonable(output.action_record(a), context.zone) for a in shown])
        return 0
    if not shown:
        echo(f"Nothing to do as of {show_moment(at, context.zone)} (looking {horizon} days ahead).")
        return 0
    if options.at:  # the resolved date, so that a misreading shows at once
        echo(f"As of {show_moment(at, context.zone)}:")
    output.print_actions(shown, at, context.zone)
    return 0


# Snoozing and dismissing.


def _rule(text: str) -> FollowUpRule:
    return parse_choice(FollowUpRule, text, "rule")


def _target(context: Context, text: str, rule: FollowUpRule) -> int | None:
    if text.strip() in ("-", ""):
        if rule is not FollowUpRule.KEEP_SEARCHING:
            raise InputError(f"rule {rule.value} needs an application id")
        return None
    if rule is FollowUpRule.KEEP_SEARCHING:
        raise InputError("keep-searching belongs to no application: use '-' for APP")
    return application_id(context, text)


def cmd_snooze(options, context: Context) -> int:
    from followup.store import repository

    now = context.now()
    rule = _rule(options.rule)
    app = _target(context, options.app, rule)
    until = _when(context, options.until, now, "--until")
    if until <= now:
        raise InputError(
            f"--until must be in the future; {options.until!r} is "
            f"{show_moment(until, context.zone)}"
        )
    store = _existing_store(context, app) if app is not None else context.store(create=True)
    repository.snooze(store, app, rule.value, until=until)
    target = f"application {app}" if app is not None else "keep-searching"
    echo(f"Snoozed {rule.value} for {target} until {show_moment(until, context.zone)}")
    return 0


def cmd_done(options, context: Context) -> int:
    from followup.store import actions, repository

    now = context.now()
    rule = _rule(options.rule)
    app = _target(context, options.app, rule)
    store = _existing_store(context, app) if app is not None else context.store()
    if app is not None and not repository.application_exists(store, app):
        raise repository.UnknownApplication(app)
    action = actions.current_action(store, app, rule, context.settings.policy, now, context.zone)
    if action is None:
        target = f"application {app}" if app is not None else "you"
        raise InputError(f"there is no {rule.value} action for {target} now")
    if not store.exists:
        store = context.store(create=True)
    repository.snooze(store, app, rule.value, until=None, cycle=action.cycle)
    echo(
        f"Done: {rule.value}"
        + (f" for application {app}" if app is not None else "")
        + " (it comes back only in a new cycle)"
    )
    return 0


# Drafting.


def cmd_draft(options, context: Context) -> int:
    from followup.domain.templates import SHOWN, TEMPLATES, TemplateError, shown_name
    from followup.store import drafts

    app = application_id(context, options.app)
    if options.template and options.template not in TEMPLATES:
        raise InputError(
            f"unknown template {options.template!r}: choose one of "
            f"{', '.join(t for t in TEMPLATES if t not in SHOWN)}"
        )
    store = context.store()
    try:
        prepared = drafts.prepare(
            store,
            app,
            context.settings,
            context.now(),
            context.zone,
            template=options.template,
            templates_folder=context.templates_folder,
        )
    except TemplateError as error:
        raise InputError(str(error)) from None
    except drafts.NothingToSend as error:
        raise InputError(f"{error} (--template NAME drafts one anyway)") from None
    for problem in prepared.problems:
        echo(f"followup: template problem: {problem}")
    checked = drafts.check_text(prepared, prepared.text)
    to = f" to {prepared.recipient}" if prepared.recipient else ""
    echo(
        f"Draft ({shown_name(prepared.template)}){to} by {prepared.channel}"
        + (" (your saved draft)" if prepared.saved else "")
    )
    sys.stdout.write(prepared.text.rstrip("\n") + "\n\n")
    sys.stdout.write(f"-- check ({checked.words} words)\n")
    for finding in checked.findings:
        sys.stdout.write(f"{'ok' if finding.ok else '!!'}  {finding.text}\n")
    return 0


# Files.


def cmd_export(options, context: Context) -> int:
    from followup.store import csv_io
    from followup.store.header import reader

    # A current file is read straight from the driver; anything else (a missing file, an older
    # schema, a damaged one) goes through the store, which says what is wrong.
    connection = None if context.on_server else reader(context.reading_copy or context.db_path)
    source = connection if connection is not None else context.store()
    try:
        table = options.table or "applications"
        if options.path == "-":
            count = csv_io.export_table(source, table, sys.stdout, zone=context.zone)
            sys.stdout.flush()
        else:
            from pathlib import Path

            target = Path(options.path).expanduser()
            if target.is_dir() or options.path.endswith(("/", os.sep)):
                # A whole export: every table from one moment, to import back as one.
                from followup.paths import make_private_dir

                try:
                    make_private_dir(target)
                except OSError as error:
                    raise csv_io.ExportError(f"cannot make {target}: {error.strerror}") from None
                chosen = [options.table] if options.table else None
                written = csv_io.export_folder(source, target, zone=context.zone, tables=chosen)
                said = ", ".join(counted(n, name) for name, n in written.items())
                echo(f"Wrote {said} to {target}")
                return 0
            count = csv_io.export_to_path(source, table, target, zone=context.zone)
            echo(f"Wrote {counted(count, table)} to {target}")
    finally:
        if connection is not None:
            connection.close()
    return 0


def cmd_import(options, context: Context) -> int:
    from pathlib import Path

    from followup.store import csv_import

    path = Path(options.path).expanduser()
    if not (path.is_file() or path.is_dir()):
        raise InputError(f"no file {str(path)!r} to import")
    store = context.store() if options.dry_run else context.store(create=True)
    summary = csv_import.import_file(
        store,
        path,
        now=context.now(),
        zone=context.zone,
        dry_run=options.dry_run,
        date_order=context.date_order,
    )
    for line in summary.lines():
        print(line)
    if options.dry_run:
        echo("Dry run: nothing was written.")
    return 0


def cmd_calendar(options, context: Context) -> int:
    from pathlib import Path

    from followup.store import calendar

    horizon = options.horizon if options.horizon is not None else context.settings.horizon_days
    target = None if options.path == "-" else Path(options.path).expanduser()
    count = calendar.write(
        context.store(),
        context.settings,
        target,
        now=context.now(),
        zone=context.zone,
        horizon_days=horizon,
        stdout=sys.stdout,
        report=_skipped,
    )
    if target is not None:
        echo(f"Wrote {counted(count, 'follow-ups')} (the next {horizon} days) to {target}")
    return 0


def cmd_stats(options, context: Context) -> int:
    from followup.store import stats

    found = stats.compute(context.store(), context.now(), context.zone)
    if options.json:
        output.print_json(found.as_json())
    else:
        print("\n".join(stats.lines(found)))
    return 0


def cmd_demo(options, context: Context) -> int:
    from followup import paths
    from followup.store import demo, repository

    if not options.no_open:
        needs_a_terminal()  # before the file is made: bad usage changes nothing
    chosen = context.db_flag or os.environ.get("FOLLOWUP_DB")
    target = context.db_path if chosen else paths.demo_db_path()
    store = context.store(create=True, path=target)
    if repository.count_applications(store):
        raise InputError(f"{target} already holds applications; demo fills only an empty file")
    count = demo.fill(store, size=options.size, now=context.now(), zone=context.zone)
    # One rules pass now, so the app's first frame already shows what is overdue.
    from followup.store.evaluation import Evaluator

    Evaluator(store, context.settings.policy, context.zone).summarize(context.now())
    echo(f"Demo database with {count} applications: {target}")
    if options.no_open:
        print(target)
        return 0
    store.close()
    return open_app(context, path=target)


def cmd_copy_to(options, context: Context) -> int:
    """Everything in the current database, copied into an empty TARGET and checked there."""
    from followup import paths
    from followup.store.copying import copy_everything

    if not options.target.strip():
        raise InputError("copy-to needs a TARGET: a file's path or a postgresql:// URL")
    target = paths.db_location(options.target)
    source = context.db_path
    if isinstance(target, paths.Path) and target.is_dir():
        raise InputError(f"{target} is a folder: copy-to needs a file's path or a URL")
    if str(target) == str(source) or (
        isinstance(target, paths.Path)
        and isinstance(source, paths.Path)
        and target.exists()
        and source.exists()
        and target.samefile(source)
    ):
        raise InputError(f"{target} is the database being copied: give another as TARGET")
    if not source.exists():
        raise InputError(f"there is nothing to copy: {source} does not exist yet")
    context.ensure_sound()  # a damaged file is restored, not copied on
    made = isinstance(target, paths.Path) and not target.exists()
    try:
        store = _opened(target, create=made)
        try:
            counts = copy_everything(context.store(), store, target_name=str(target))
        finally:
            store.close()
    except BaseException:
        if made:
            _remove_made(target)
        raise
    said = ", ".join(f"{n} {name}" for name, n in counts.items() if name != "application_urgency")
    echo(f"Copied {said} from {source} to {target}; counts and content checked")
    return 0


def _opened(target, *, create: bool):
    from followup import paths

    if isinstance(target, paths.Server):
        from followup.store.postgres import PostgresStore

        return PostgresStore.open(target)
    from followup.store.db import Store

    return Store.open(target, create=create)


def _remove_made(path) -> None:
    """A file copy-to made for a copy that failed: taken away with its journal files."""
    from contextlib import suppress

    for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with suppress(OSError):
            made.unlink()


def cmd_doctor(options, context: Context) -> int:
    from followup.cli.doctor import doctor

    return doctor(options, context)


HANDLERS: dict[str, Any] = {
    "add": cmd_add,
    "interview": cmd_interview,
    "log": cmd_log,
    "stage": cmd_stage,
    "notes": cmd_notes,
    "list": cmd_list,
    "show": cmd_show,
    "due": cmd_due,
    "snooze": cmd_snooze,
    "done": cmd_done,
    "draft": cmd_draft,
    "export": cmd_export,
    "import": cmd_import,
    "calendar": cmd_calendar,
    "stats": cmd_stats,
    "demo": cmd_demo,
    "doctor": cmd_doctor,
    "copy-to": cmd_copy_to,
}
