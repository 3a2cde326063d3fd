"""`followup doctor`: what state the data file, its backups and the settings are in; and
`--restore`, which replaces a file that fails its check with a good backup, after showing
both and asking."""

from __future__ import annotations

import sys
from datetime import datetime

from followup.cli.context import Context
from followup.cli.parser import UsageError
from followup.store.header import StoreError, StoreRefused


def doctor(options, context: Context) -> int:
    if (options.yes or options.force) and not options.restore:
        raise UsageError("--yes and --force go with --restore (see 'followup doctor --help')")
    if options.restore:
        return _restore(options, context)
    return _report(context)


def _report(context: Context) -> int:
    from followup.config import policy_lines
    from followup.store import backups, health, repository

    if context.on_server:
        return _report_server(context)
    path = context.db_path
    lines: list[str] = [
        f"data file:      {path}",
        f"settings file:  {context.config_path}"
        + ("" if context.config_path.exists() else " (not created; defaults in force)"),
    ]
    settings = context.settings
    state = health.diagnose(path)
    problem = state.state == "damaged"  # the exit says so too, for scripts
    if state.state == "missing":
        lines.append("database:       not created yet (it is made on the first write)")
    elif state.state == "refused":
        raise StoreRefused(state.detail)
    elif state.state == "unusable":
        lines.append(f"database:       cannot be checked: {state.detail}")
        print("\n".join(lines))
        return 1
    elif state.state == "damaged":
        lines.append(f"database:       DAMAGED ({state.detail})")
        lines.append(
            "                `followup doctor --restore` shows the newest good backup and "
            "asks before it replaces this file (kept aside, never deleted)"
        )
    else:
        store = context.store()
        lines.append(f"schema version: {store.schema_version()}")
        if store.migrated_from:
            lines.append(f"migrated from:  {store.migrated_from} (backup: {store.backup_path})")
        integrity = store.integrity_check()
        lines.append(f"integrity:      {integrity}")
        if integrity != "ok":
            problem = True
        counts = repository.row_counts(store)
        lines.append("rows:           " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    found = backups.backups(path)
    if found:
        newest = found[0]
        lines.append(
            f"backups:        {len(found)} in {backups.folder_for(path)}; newest "
            f"{_when(newest.made, context)}, check: {backups.check(newest.path)}"
        )
    else:
        lines.append(
            f"backups:        none yet (one a day is made in "
            f"{backups.folder_for(path)}, keeping {settings.backups_keep})"
        )
    blocked = backups.problem(path) if state.state == "ok" else None
    if blocked is not None:
        lines.append(f"                no backup could be made: {blocked}")
    lines.append("policy in force:")
    lines.extend(f"  {line}" for line in policy_lines(settings))
    print("\n".join(lines))
    return 0 if blocked is None and not problem else 1


def _restore(options, context: Context) -> int:
    from followup.store import backups, health

    if context.on_server:
        raise UsageError(
            f"{context.db_path} is a database on a server: its backups are `pg_dump`'s, and "
            "so is bringing one back (`pg_restore`); nothing was changed"
        )
    path = context.db_path
    state = health.diagnose(path)
    if state.state == "unusable":
        raise StoreError(f"{path}: {state.detail}")
    if state.state == "refused" and not options.force:
        raise UsageError(
            f"{state.detail}; `--force` puts it aside and brings back the newest good backup"
        )
    if state.state == "ok" and not options.force:
        raise UsageError(
            f"{path} passes its check, so it was not replaced; `--force` replaces a healthy "
            "file with its newest good backup"
        )
    if not options.yes and not sys.stdin.isatty():
        raise UsageError("doctor --restore asks first: add --yes to restore without a terminal")
    good = backups.newest_good(path)
    if good is None:
        raise StoreError(
            f"no good backup of {path} was found in {backups.folder_for(path)}; nothing was changed"
        )
    print(f"data file: {path}")
    print(f"  now:     {_state_said(state)}{_written(health.last_written(path), context)}")
    print(f"  backup:  made {_when(good.made, context)} ({good.path})")
    now = None
    if state.state == "damaged":
        from followup.store.salvage import readable_counts

        now = readable_counts(path)  # what the restore replaces: what can be read
    elif state.state == "ok":
        now = health.counts(path)
    for line in health.comparison(now, health.counts(good.path)):
        print(f"  {line}")
    if not options.yes and not _confirmed("Replace the data file with this backup?"):
        print("Nothing was changed.")
        return 1
    aside = backups.restore(path, good, aside_as="damaged" if state.fails else "replaced")
    if aside is not None:
        print(f"The file it replaced is kept as {aside}")
    print(f"Restored the backup made {_when(good.made, context)}.")
    return 0


def _state_said(state) -> str:
    """The file's state in words that are true of it: a readable file that is not
    followup's, or a healthy one replaced only because --force said so, is not "damaged"."""
    if state.state == "missing":
        return "missing"
    if state.state == "damaged":
        return f"DAMAGED ({state.detail})"
    if state.state == "refused":
        return f"readable, but not one followup can use: {state.detail}".removesuffix(
            "; left untouched"
        )
    return "passes its check (replaced only because of --force)"


def _written(moment: datetime | None, context: Context) -> str:
    return f"; last written {_when(moment, context)}" if moment is not None else ""


def _confirmed(question: str) -> bool:
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def _report_server(context: Context) -> int:
    """The report on a server's database: where, which server, the schema and the counts.
    Its backups are the server's, and said to be: followup makes no copies of it."""
    from followup.config import policy_lines
    from followup.store import repository

    store = context.store()
    server, role = store.server_identity()
    lines = [
        f"database:       {context.db_path}",
        f"settings file:  {context.config_path}"
        + ("" if context.config_path.exists() else " (not created; defaults in force)"),
        f"server:         PostgreSQL {server}, as role {role} (its own schema, {role})",
        f"schema version: {store.schema_version()}",
    ]
    counts = repository.row_counts(store)
    lines.append("rows:           " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    lines.append(
        "backups:        the server's job: `pg_dump` (followup makes no copies of a "
        "database on a server)"
    )
    lines.append("policy in force:")
    lines.extend(f"  {line}" for line in policy_lines(context.settings))
    print("\n".join(lines))
    return 0


def _when(moment: datetime, context: Context) -> str:
    return f"{moment.astimezone(context.zone):%a %d %b %Y %H:%M}"
