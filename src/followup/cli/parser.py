"""The command-line contract of DESIGN.md, as argparse parsers."""

from __future__ import annotations

import argparse
import re

from followup.domain.model import Channel, Direction, InterviewKind, Stage, TouchpointKind
from followup.store.fields import EXPORT_TABLES


class UsageError(Exception):
    """Bad usage: one line on stderr, exit 2."""


# What a person types as an option: `--word` (perhaps `--word=value`). Anything else that
# begins with `-` (`-2+3`, `-note`, `--- signed`) is a value.
_OPTION_WORD = re.compile(r"--[A-Za-z][A-Za-z0-9-]*(=.*)?", re.DOTALL)
# Options whose value names a choice, a moment or a person: `--at ""` (from an unset shell
# variable) is a mistake to point out, not "now"; `--notes ""` is just empty notes.
_NAMES_SOMETHING = {
    "--now",
    "--stage",
    "--applied",
    "--at",
    "--kind",
    "--direction",
    "--channel",
    "--contact",
    "--with",
    "--decision-by",
    "--until",
    "--template",
}
_MISSING_VALUE = re.compile(r"argument (--[a-z-]+): expected one argument")


class Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one clear line and exit code 2.

    Values may begin with `-` (a company named `-2+3`, `--notes -note`); every text value
    must be valid UTF-8.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        missing = _MISSING_VALUE.fullmatch(message)
        if missing:
            option = missing.group(1)
            message += f" (for a value that begins with '--', write {option}=VALUE)"
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def add_argument(self, *args, **kwargs):
        # Every value that is not a file name is text that is stored or shown: check it here,
        # once for every argument, rather than in each command.
        if kwargs.get("action", "store") in ("store", "append") and "type" not in kwargs:
            kwargs["type"] = given if _NAMES_SOMETHING.intersection(args) else text
        return super().add_argument(*args, **kwargs)

    def _parse_optional(self, arg_string: str):
        # argparse takes any unknown `-x...` for an option and then refuses it; only the
        # options we have, and words that look like options (so that `--bogus` is still a
        # clear usage error), are options here.
        if (
            arg_string.startswith("-")
            and arg_string not in self._option_string_actions
            and not _OPTION_WORD.fullmatch(arg_string)
        ):
            return None
        return super()._parse_optional(arg_string)


def text(value: str) -> str:
    """A text argument: bytes that are not UTF-8 come in as lone surrogates; refuse them."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise argparse.ArgumentTypeError(f"not valid UTF-8 text: '{shown}'") from None
    return value


def given(value: str) -> str:
    """A value that names something (a stage, a moment, a person): blank is a slip."""
    if not text(value).strip():
        raise argparse.ArgumentTypeError(f"needs a value, got {value!r}")
    return value


def path(value: str) -> str:
    """A file name: any bytes the system allows, so not checked as text."""
    return value


def _globals(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after the command name: the subcommand's copy must not overwrite
    # a value given before it, hence SUPPRESS there.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH", default=default, type=path, help="the data file")
    parser.add_argument(
        "--config", metavar="PATH", default=default, type=path, help="the settings file"
    )
    parser.add_argument(
        "--now", metavar="WHEN", default=default, help="act as if it were this moment"
    )


def _choices(enum) -> str:
    return ", ".join(member.value for member in enum)


def build_parser() -> Parser:
    parser = Parser(
        prog="followup",
        description="A keyboard-first job tracker that knows when to follow up. "
        "With no command, opens the full-screen app.",
        epilog="WHEN takes ISO 8601 or plain English ('tomorrow 3pm', 'fri', 'in 3 days'), "
        "read in local time. Data: --db or FOLLOWUP_DB; settings: --config or FOLLOWUP_CONFIG.",
    )
    _globals(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _globals(sub, top=False)
        return sub

    add = command("add", "Record a new application; prints its id.")
    add.add_argument("company")
    add.add_argument("role")
    add.add_argument("--stage", default="applied", help=f"one of: {_choices(Stage)}")
    add.add_argument("--applied", metavar="WHEN", help="date applied (default: today)")
    add.add_argument("--url", default="")
    add.add_argument("--source", default="")
    add.add_argument("--location", default="")
    add.add_argument("--salary", default="")
    add.add_argument("--notes", default="")

    interview = command("interview", "Record an interview; prints its id.")
    interview.add_argument("app", metavar="APP", help="application id or company name")
    interview.add_argument("--at", metavar="WHEN", required=True, help="when it starts")
    interview.add_argument("--duration", metavar="MIN", type=_minutes, default=60)
    interview.add_argument("--kind", default="video", help=f"one of: {_choices(InterviewKind)}")
    interview.add_argument(
        "--with", dest="with_", metavar="NAME", action="append", default=[], help="interviewer"
    )
    interview.add_argument("--decision-by", metavar="WHEN", help="when they said they'd decide")
    interview.add_argument("--notes", default="")
    interview.add_argument(
        "--they-said", default="", metavar="TEXT", help="what they said (a thank-you may quote it)"
    )

    log = command("log", "Log a message sent or received.")
    log.add_argument("app", metavar="APP", help="application id or company name")
    log.add_argument(
        "--kind",
        required=True,
        help=f"one of: {_choices(TouchpointKind)} (check-in and follow-up are the same; "
        "thanks, response, invitation, references and a few more words are understood)",
    )
    log.add_argument("--direction", help=f"one of: {_choices(Direction)} (default: by kind)")
    log.add_argument("--channel", help=f"one of: {_choices(Channel)} (default: the last used)")
    log.add_argument("--at", metavar="WHEN", help="when (default: now)")
    log.add_argument("--contact", metavar="NAME")
    log.add_argument("--subject", default="")
    log.add_argument("--body", default="")
    log.add_argument("--decision-by", metavar="WHEN", help="a new date they gave for deciding")

    notes = command("notes", "Write an application's notes, or an interview's with --interview.")
    notes.add_argument("app", metavar="APP")
    notes.add_argument("text", metavar="TEXT")
    notes.add_argument("--interview", metavar="N", type=_interview, help="the interview's id")
    notes.add_argument(
        "--they-said",
        metavar="TEXT",
        help="with --interview: what they said (a thank-you may quote it; notes never)",
    )

    stage = command("stage", "Move an application to another stage.")
    stage.add_argument("app", metavar="APP")
    stage.add_argument("stage", metavar="STAGE", help=f"one of: {_choices(Stage)}")

    listing = command("list", "List applications (open ones unless --all).")
    listing.add_argument("--stage")
    listing.add_argument("--all", action="store_true", help="include closed applications")
    listing.add_argument("--json", action="store_true")

    show = command("show", "Show one application with everything recorded for it.")
    show.add_argument("app", metavar="APP")
    show.add_argument("--json", action="store_true")

    due = command("due", "What to do: overdue first, then due, waiting and coming up.")
    due.add_argument("--at", metavar="WHEN", help="as of this moment (default: now)")
    due.add_argument("--horizon", metavar="DAYS", type=_days, help="look this far ahead")
    due.add_argument("--json", action="store_true")

    snooze = command("snooze", "Hide one action until a moment.")
    snooze.add_argument(
        "app", metavar="APP", help="application id or company name ('-' for keep-searching)"
    )
    snooze.add_argument("rule", metavar="RULE")
    snooze.add_argument("--until", metavar="WHEN", required=True)

    done = command("done", "Dismiss one action for its current cycle.")
    done.add_argument(
        "app", metavar="APP", help="application id or company name ('-' for keep-searching)"
    )
    done.add_argument("rule", metavar="RULE")

    draft = command("draft", "Print a draft message for an application, with the checker's notes.")
    draft.add_argument("app", metavar="APP")
    draft.add_argument(
        "--template",
        metavar="NAME",
        help="thank-you, check-in, second-follow-up, "
        "withdraw, feedback-request, references, schedule-reply, offer-reply",
    )

    export = command(
        "export",
        "Write a table as CSV (applications by default); to a folder, every table.",
    )
    export.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        default="-",
        type=path,
        help="file, folder (one file per table), or - for stdout",
    )
    export.add_argument("--table", choices=EXPORT_TABLES, default=None)

    importing = command(
        "import", "Bring in a CSV file (our export, or Huntr, Teal, LinkedIn...) or a folder."
    )
    importing.add_argument(
        "path", metavar="PATH", type=path, help="a CSV file, or a folder `export` wrote"
    )
    importing.add_argument("--dry-run", action="store_true", help="say what would happen")

    calendar = command("calendar", "Write the coming follow-ups as an iCalendar file.")
    calendar.add_argument(
        "path", metavar="PATH", nargs="?", default="-", type=path, help="file, or -"
    )
    calendar.add_argument("--horizon", metavar="DAYS", type=_days, help="how far ahead")

    stats = command("stats", "How the search is going: funnel, replies, follow-ups.")
    stats.add_argument("--json", action="store_true")

    demo = command("demo", "Fill a demo database with realistic applications and open it.")
    demo.add_argument("--size", metavar="N", type=_size, default=40)
    demo.add_argument("--no-open", action="store_true", help="only build it, print its path")

    copy_to = command(
        "copy-to",
        "Copy everything into an empty database: a file, or a server (postgresql://...).",
    )
    copy_to.add_argument("target", metavar="TARGET", type=path, help="a path or a URL")

    doctor = command("doctor", "Check the data file, its backups and the settings in force.")
    doctor.add_argument(
        "--restore",
        action="store_true",
        help="when the data file fails its check: show the newest good backup and what it "
        "holds, ask, then put the file aside (never deleted) and bring the backup back",
    )
    doctor.add_argument(
        "--yes", action="store_true", help="with --restore: do not ask (for scripts)"
    )
    doctor.add_argument(
        "--force",
        action="store_true",
        help="with --restore: replace the data file even though it passes its check",
    )
    return parser


def _positive(text: str, what: str, low: int, high: int) -> int:
    cleaned = text.strip()
    # ASCII digits only: int() would also read '١٢' and '1_000'. Beyond the range's length
    # the exact value does not matter (and int() refuses more than 4,300 digits).
    if not re.fullmatch(r"[+-]?[0-9]+", cleaned):
        shown = cleaned if len(cleaned) <= 20 else cleaned[:19] + "…"
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, got {shown!r}")
    digits = cleaned.lstrip("+-").lstrip("0") or "0"
    if len(digits) > len(str(high)) or not low <= int(cleaned) <= high:
        shown = cleaned if len(cleaned) <= 20 else cleaned[:19] + "…"
        raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}, got {shown}")
    return int(cleaned)


def _interview(text: str) -> int:
    return _positive(text, "interview id", 1, 2**63 - 1)


def _minutes(text: str) -> int:
    return _positive(text, "duration", 1, 24 * 60)


def _days(text: str) -> int:
    return _positive(text, "horizon", 0, 3650)


def _size(text: str) -> int:
    return _positive(text, "size", 1, 1_000_000)
