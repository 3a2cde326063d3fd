"""The `followup` command: argument parsing, one clear line for every error, exit codes 0/1/2.

The full-screen app is not imported here: `followup.__main__`, above both faces, hands the
command line the function that opens it, and Textual is imported only when it starts.
"""

from __future__ import annotations

import sqlite3
import sys

from followup.cli.context import Context, FullScreen
from followup.cli.parser import UsageError, build_parser
from followup.domain.model import InputError
from followup.store.header import StoreDamaged, StoreError


def main(argv: list[str] | None = None, *, full_screen: FullScreen | None = None) -> int:
    """Run one command; `full_screen` opens the app when no command is given (and after
    `demo`), passed in by `followup.__main__`."""
    arguments = sys.argv[1:] if argv is None else argv
    context = Context()
    try:
        try:
            options = build_parser().parse_args(arguments)
        except SystemExit as exit_:  # --help and --version
            return int(exit_.code or 0)
        context = Context(options.db, options.config, options.now, full_screen)
        context.clock  # noqa: B018  (a bad --now is bad input for every command)
        context.settings  # noqa: B018  (and so is a bad settings file, before any write)
        from followup.cli import commands

        return commands.run(options, context)
    except (UsageError, InputError, StoreDamaged) as error:
        _say(f"followup: {error}")
        return 2
    except StoreError as error:
        _say(f"followup: {error}")
        return 1
    except sqlite3.DatabaseError as error:  # read straight from the driver
        _say(f"followup: {_database_problem(error, context)}")
        return _database_code(error)
    except KeyboardInterrupt:
        _say("followup: interrupted")
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as error:  # the promise: no traceback reaches a person
        if _is_database_error(error):
            _say(f"followup: {_database_problem(error, context)}")
            return _database_code(error)
        _say(f"followup: unexpected error: {type(error).__name__}: {error}")
        _log_traceback()
        return 1
    finally:
        context.close()


def _is_database_error(error: Exception) -> bool:
    """SQLAlchemy's DatabaseError, looked for only if SQLAlchemy was imported at all."""
    errors = sys.modules.get("sqlalchemy.exc")
    server = sys.modules.get("psycopg")  # a server's error met on a plain connection
    return (errors is not None and isinstance(error, errors.DatabaseError)) or (
        server is not None and isinstance(error, server.Error)
    )


def _database_code(error: Exception) -> int:
    """A write refused because the file or its folder is read-only is refused like bad
    input (exit 2: nothing was written, nothing is wrong with the data); anything else, 1."""
    from followup.store.header import reason

    return 2 if _read_only(reason(error)) else 1


def _read_only(reason: str) -> bool:
    return "readonly" in reason or "read-only" in reason or "unable to open" in reason


def _database_problem(error: Exception, context: Context) -> str:
    from followup.store.header import reason as sqlite_reason

    reason = sqlite_reason(error)
    if "malformed" in reason or "not a database" in reason:
        return (
            f"the data file {context.db_path} is damaged ({reason}); "
            "`followup doctor --restore` brings back the newest good backup"
        )
    if "full" in reason:
        return f"could not write to {context.db_path}: the disk is full; nothing was changed"
    if context.on_server:
        return f"the database {context.db_path} could not be used: {reason}"
    if _read_only(reason):
        import os

        path = context.db_path
        which = "the file or its folder is"  # or its journal, or not this user's
        if path.exists() and not os.access(path, os.W_OK):
            which = "the file is"
        elif not os.access(path.parent, os.W_OK):
            which = "its folder is"  # SQLite writes its journal beside the file
        return f"could not write to {path}: {which} read-only; nothing was changed"
    return f"the data file {context.db_path} could not be used: {reason}"


def _say(line: str) -> None:
    # Messages quote paths and SQLite's words, which can hold a damaged file's bytes.
    from followup.domain.text import visible

    print(visible(line), file=sys.stderr)


def _quiet_stdout() -> None:
    # Output piped into `head` and closed: not an error worth a message.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _log_traceback() -> None:
    import os
    import traceback

    if os.environ.get("FOLLOWUP_DEBUG"):
        traceback.print_exc()
