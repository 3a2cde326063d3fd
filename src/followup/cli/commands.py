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
from followup.domain.model import (
    Channel,
    Direction,
    InputError,
    InterviewKind,
    Stage,
    TouchpointKind,
    parse_choice,
)
from followup.domain.rules import FollowUpRule, State, most_urgent_first
from followup.domain.when import parse_day, parse_when, show_day, show_moment


def run(options: argparse.Namespace, context: Context) -> int:
    handler = HANDLERS.get(options.command or "")
    if handler is None:
        return open_app(context)
    return handler(options, context)


def echo(line: str) -> None:
    """What the command did, for the person: on stderr, so stdout stays for scripts."""
    print(line, file=sys.stderr)


def application_id(text: str) -> int:
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit() or int(cleaned) <= 0:
        raise InputError(f"APP must be an application id (a number), got {text!r}")
    return int(cleaned)


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
    needs_a_terminal()
    settings = context.settings  # a broken settings file is reported before the screen opens
    from followup.tui.run import run_app

    return run_app(context, settings, path=path)


# Recording.


def cmd_add(options, context: Context) -> int:
    from followup.store import repository

    now = context.now()
    stage = parse_choice(Stage, options.stage, "stage")
    applied = None
    if options.applied:
        applied = parse_day(options.applied, now, prefer="past")
    elif stage is not Stage.WISHLIST:
        applied = now.date()
    new = repository.NewApplication(
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
    new_id = repository.add_application(context.store(create=True), new, now=now)
    when = f", applied on {show_day(applied)}" if applied else ""
    echo(
        f"Added application {new_id}: {output.one_line(new.company)} / "
        f"{output.one_line(new.role)} ({stage.value}{when})"
    )
    print(new_id)
    return 0


def cmd_interview(options, context: Context) -> int:
    from followup.store import repository

    now = context.now()
    app = application_id(options.app)
    starts = parse_when(options.at, now)
    kind = parse_choice(InterviewKind, options.kind, "interview kind")
    decision = parse_day(options.decision_by, now) if options.decision_by else None
    store = _existing_store(context, app)
    new_id, moved = repository.add_interview(
        store,
        app,
        starts_at=starts,
        duration_minutes=options.duration,
        kind=kind,
        interviewers=options.with_,
        decision_by=decision,
        notes=options.notes,
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
    from followup.store import repository

    now = context.now()
    app = application_id(options.app)
    kind = parse_choice(TouchpointKind, options.kind, "kind")
    direction = (
        parse_choice(Direction, options.direction, "direction")
        if options.direction
        else DEFAULT_DIRECTION.get(kind, Direction.OUT)
    )
    channel = parse_choice(Channel, options.channel, "channel") if options.channel else None
    at = parse_when(options.at, now, prefer="past") if options.at else now
    decision = parse_day(options.decision_by, now) if options.decision_by else None
    store = _existing_store(context, app)
    if channel is None:
        channel = repository.last_channel(store, app) or Channel.EMAIL
    new_id = repository.log_touchpoint(
        store,
        app,
        kind=kind,
        direction=direction,
        channel=channel,
        at=at,
        contact=options.contact,
        subject=options.subject,
        body=options.body,
        decision_by=decision,
        now=now,
    )
    arrow = "from" if direction is Direction.IN else "to"
    who = f" {arrow} {output.one_line(options.contact)}" if options.contact else ""
    extra = f"; they now decide by {show_day(decision)}" if decision else ""
    echo(
        f"Logged {kind.value} ({direction.value}, {channel.value}){who} for application {app} "
        f"at {show_moment(at, context.zone)}{extra}"
    )
    print(new_id)
    return 0


def cmd_stage(options, context: Context) -> int:
    from followup.store import repository

    app = application_id(options.app)
    stage = parse_choice(Stage, options.stage, "stage")
    store = _existing_store(context, app)
    before = repository.set_stage(store, app, stage, now=context.now())
    echo(f"Application {app}: {before} → {stage.value}")
    return 0


def _existing_store(context: Context, app: int):
    """The store for a write to an existing application: a missing file has no applications."""
    from followup.store import repository

    if not context.db_path.exists():
        raise repository.UnknownApplication(app)
    return context.store(create=True)


# Reading.


def cmd_list(options, context: Context) -> int:
    from followup.store import repository

    stage = parse_choice(Stage, options.stage, "stage") if options.stage else None
    rows = repository.list_applications(
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
    from followup.store import actions, repository

    app = application_id(options.app)
    store = context.store()
    record = repository.application_detail(store, app)
    settings = context.settings
    record["actions"] = [
        output.action_record(action)
        for action in actions.for_application(
            store, app, settings.policy, context.now(), context.zone
        )
    ]
    if options.json:
        output.print_json(output.jsonable(record, context.zone))
        return 0
    output.print_detail(record, context.zone)
    return 0


def cmd_due(options, context: Context) -> int:
    from followup.store import actions

    now = context.now()
    at = parse_when(options.at, now) if options.at else now
    settings = context.settings
    horizon = options.horizon if options.horizon is not None else settings.horizon_days
    evaluation = actions.evaluate(context.store(), settings.policy, at, context.zone)
    limit = at + timedelta(days=horizon)
    shown = most_urgent_first(
        action
        for action in evaluation.actions
        if action.state is not State.UPCOMING or action.opens_at <= limit
    )
    if options.json:
        output.print_json([output.jsonable(output.action_record(a), context.zone) for a in shown])
        return 0
    if not shown:
        echo(f"Nothing to do as of {show_moment(at, context.zone)} (looking {horizon} days ahead).")
        return 0
    output.print_actions(shown, at, context.zone)
    return 0


# Snoozing and dismissing.


def _rule(text: str) -> FollowUpRule:
    return parse_choice(FollowUpRule, text, "rule")


def _target(text: str, rule: FollowUpRule) -> int | None:
    if text.strip() in ("-", ""):
        if rule is not FollowUpRule.KEEP_SEARCHING:
            raise InputError(f"rule {rule.value} needs an application id")
        return None
    if rule is FollowUpRule.KEEP_SEARCHING:
        raise InputError("keep-searching belongs to no application: use '-' for APP")
    return application_id(text)


def cmd_snooze(options, context: Context) -> int:
    from followup.store import repository

    now = context.now()
    rule = _rule(options.rule)
    app = _target(options.app, rule)
    until = parse_when(options.until, now)
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
    app = _target(options.app, rule)
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
    from followup.domain.templates import TEMPLATES, TemplateError
    from followup.store import drafts

    app = application_id(options.app)
    if options.template and options.template not in TEMPLATES:
        raise InputError(
            f"unknown template {options.template!r}: choose one of "
            f"{', '.join(t for t in TEMPLATES if t != 'check-in-after-date')}"
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
    for problem in prepared.problems:
        echo(f"followup: template problem: {problem}")
    checked = drafts.check_text(prepared, prepared.text)
    to = f" to {prepared.recipient}" if prepared.recipient else ""
    echo(
        f"Draft ({prepared.template}){to} by {prepared.channel}"
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
    connection = reader(context.db_path)
    source = connection if connection is not None else context.store()
    try:
        if options.path == "-":
            count = csv_io.export_table(source, options.table, sys.stdout, zone=context.zone)
            sys.stdout.flush()
        else:
            from pathlib import Path

            target = Path(options.path).expanduser()
            count = csv_io.export_to_path(source, options.table, target, zone=context.zone)
            echo(f"Wrote {count} {options.table} to {target}")
    finally:
        if connection is not None:
            connection.close()
    return 0


def cmd_import(options, context: Context) -> int:
    from pathlib import Path

    from followup.store import csv_import

    path = Path(options.path).expanduser()
    if not path.is_file():
        raise InputError(f"no file {str(path)!r} to import")
    store = context.store() if options.dry_run else context.store(create=True)
    summary = csv_import.import_file(
        store, path, now=context.now(), zone=context.zone, dry_run=options.dry_run
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
    )
    if target is not None:
        echo(f"Wrote {count} follow-ups (the next {horizon} days) to {target}")
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
    echo(f"Demo database with {count} applications: {target}")
    if options.no_open:
        print(target)
        return 0
    store.close()
    return open_app(context, path=target)


def cmd_doctor(options, context: Context) -> int:
    from followup.config import policy_lines
    from followup.store import (
        backups,
        repository,
    )

    if options.restore:
        aside, used = backups.restore(context.db_path)
        print(f"The damaged file was kept as {aside}")
        print(f"Restored the backup of {used.made:%Y-%m-%d %H:%M} UTC ({used.path})")
        return 0

    lines: list[str] = [
        f"data file:      {context.db_path}",
        f"settings file:  {context.config_path}"
        + ("" if context.config_path.exists() else " (not created; defaults in force)"),
    ]
    settings = context.settings
    if not context.db_path.exists():
        lines.append("database:       not created yet (it is made on the first write)")
    else:
        from followup.store.db import check_file

        check_file(context.db_path)  # a foreign or newer file is refused before anything else
        verdict = backups.quick_check(context.db_path)
        if verdict != "ok":
            lines.append(f"database:       DAMAGED ({verdict})")
            lines.append(
                "                `followup doctor --restore` brings back the newest "
                "good backup and keeps the damaged file aside"
            )
            print("\n".join(lines))
            return 1
        store = context.store()
        lines.append(f"schema version: {store.schema_version()}")
        if store.migrated_from:
            lines.append(f"migrated from:  {store.migrated_from} (backup: {store.backup_path})")
        lines.append(f"integrity:      {store.integrity_check()}")
        counts = repository.row_counts(store)
        lines.append("rows:           " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    found = backups.backups(context.db_path)
    if found:
        newest = found[0]
        lines.append(
            f"backups:        {len(found)} in {backups.folder_for(context.db_path)}; newest "
            f"{newest.made:%Y-%m-%d %H:%M} UTC, check: {backups.check(newest.path)}"
        )
    else:
        lines.append(
            f"backups:        none yet (one a day is made in "
            f"{backups.folder_for(context.db_path)}, keeping {settings.backups_keep})"
        )
    lines.append("policy in force:")
    lines.extend(f"  {line}" for line in policy_lines(settings))
    print("\n".join(lines))
    return 0


HANDLERS: dict[str, Any] = {
    "add": cmd_add,
    "interview": cmd_interview,
    "log": cmd_log,
    "stage": cmd_stage,
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
}
