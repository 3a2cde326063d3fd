"""The settings file: TOML in the user config folder, read into a Policy and a few preferences."""

from __future__ import annotations

import contextlib
import os
import stat
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from followup.domain.model import InputError
from followup.domain.phrases import DATE_ORDERS
from followup.domain.policy import Policy


class ConfigError(InputError):
    """The settings file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    policy: Policy = field(default_factory=Policy)
    your_name: str = ""
    horizon_days: int = 7
    theme: str = "textual-dark"
    # Daily backups beside the data file; how many to keep (0: none).
    backups_keep: int = 7
    # How numeric dates such as 3/12 are read: "DMY", "MDY" or "YMD"; empty: from the locale.
    date_order: str = ""
    path: Path | None = None
    # One line each, for keys that were ignored (a typo, a key from another version).
    warnings: tuple[str, ...] = field(default=(), compare=False)


_TOP_LEVEL = {
    "your_name": str,
    "horizon_days": int,
    "theme": str,
    "backups_keep": int,
    "date_order": str,
}
_OPTIONAL_TEXT = {"holidays_country", "holidays_subdivision"}

# The range of every number. Beyond these a setting means nothing for a job search, and
# the rules' date arithmetic (which steps working days one at a time) must stay quick and
# far from datetime's year 9999.
_YEAR_OF_HOURS = 365 * 24
_YEAR_OF_WORKING_DAYS = 260
_TEN_YEARS_OF_DAYS = 3650
_RANGES: dict[str, tuple[int, int]] = {
    "horizon_days": (0, _TEN_YEARS_OF_DAYS),
    "backups_keep": (0, 365),
    "max_unanswered": (1, 10),
    "references_min_interviews": (0, 100),
    **{key: (0, _YEAR_OF_HOURS) for key in ("prep_hours", "notes_hours", "thank_you_hours")},
    **{
        key: (0, _TEN_YEARS_OF_DAYS)
        for key in (
            "check_in_min_days",
            "wait_days",
            "second_follow_up_due_days",
            "keep_searching_days",
            "stale_days",
            "lapse_days",
        )
    },
}
_TEXT_LIMITS = {"your_name": 200, "theme": 100, "date_order": 10}
# A settings file is a few hundred bytes; anything this big is the wrong file.
_MAX_FILE_BYTES = 1_000_000


def _range(key: str) -> tuple[int, int]:
    if key.endswith("_wd"):
        return (0, _YEAR_OF_WORKING_DAYS)
    return _RANGES[key]


DOCUMENTED_DEFAULTS = """\
# followup settings. Every key is optional; these are the defaults.

# Your name, used to sign drafts.
your_name = ""
# How many days ahead `followup due` and the agenda look for upcoming actions.
horizon_days = 7
# A checked backup of the data file is made once a day; this many are kept (0: none).
backups_keep = 7
# How numeric dates such as 3/12 are read: "DMY", "MDY" or "YMD". Unset, it follows the
# locale (LC_TIME or LANG): en_US reads MDY, en_GB, de, fr and most others DMY.
# date_order = "DMY"
# Follow-ups without a reply before the app suggests moving on. 1 is the strict preset.
max_unanswered = 2
# Count working days without the public holidays of this country ("US", "GB", "DE", ...).
# holidays_country = "US"
prep_hours = 48
notes_hours = 24
thank_you_hours = 24
# Days after an interview when its thank-you and notes reminders go away (too late).
lapse_days = 3
check_in_after_decision_open_wd = 2
check_in_after_decision_due_wd = 3
check_in_after_interview_open_wd = 5
check_in_after_interview_due_wd = 7
check_in_after_applying_open_wd = 7
check_in_after_applying_due_wd = 10
check_in_min_days = 2
wait_days = 7
second_follow_up_due_days = 10
references_due_wd = 1
references_min_interviews = 2
keep_searching_days = 7
# Days without any contact after which an application is suggested for closing (move-on).
stale_days = 60
"""


def load_settings(path: Path) -> Settings:
    """Settings from `path`; the defaults when it does not exist; ConfigError when it is wrong."""
    text = read_settings_text(path)
    if text is None:
        return Settings(path=path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"settings file {path} is not valid TOML: {error}") from None
    return settings_from_mapping(raw, path)


def read_settings_text(path: Path) -> str | None:
    """The settings file's text, or None when there is none; ConfigError for anything odd."""
    try:
        # O_NONBLOCK: a FIFO with no writer must not hang the program on open.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError(f"settings file {path} is a folder, not a file") from None
    except PermissionError:
        raise ConfigError(f"cannot read settings file {path}: permission denied") from None
    except OSError as error:
        raise ConfigError(f"cannot read settings file {path}: {error.strerror}") from None
    try:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise ConfigError(f"settings file {path} is a folder, not a file")
        # Blocking again: `--config <(...)` is a pipe whose writer may not have written yet.
        os.set_blocking(descriptor, True)
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(_MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"cannot read settings file {path}: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > _MAX_FILE_BYTES:
        raise ConfigError(f"settings file {path} is over 1 MB: it is not a settings file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"settings file {path} is not UTF-8 text (byte 0x{data[error.start]:02x} "
            f"at offset {error.start}): is it the right file?"
        ) from None


def settings_from_mapping(raw: dict[str, Any], path: Path | None = None) -> Settings:
    where = f"settings file {path}" if path else "settings"
    policy_keys = set(Policy.keys())
    top: dict[str, Any] = {}
    policy: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key in _OPTIONAL_TEXT:
            if not isinstance(value, str) or (value and not value.strip()):
                raise ConfigError(
                    f'{where}: {key} must be a text such as "US", got {_shown(value)}'
                )
            # A country is a code ("US"); a subdivision may be a name ("Augsburg"), made
            # the calendar's own spelling when the country is checked.
            cleaned = value.strip()
            policy[key] = (cleaned.upper() if key == "holidays_country" else cleaned) or None
        elif key in _TOP_LEVEL and _TOP_LEVEL[key] is str:
            top[key] = _checked_text(key, value, where)
        elif key in _TOP_LEVEL:
            top[key] = _checked_number(key, value, where)
        elif key in policy_keys:
            policy[key] = _checked_number(key, value, where)
        else:
            warnings.append(_unknown_key(key, where, [*_TOP_LEVEL, *policy_keys]))
    if "date_order" in top:
        if top["date_order"].upper() not in DATE_ORDERS:
            raise ConfigError(
                f"{where}: date_order must be DMY, MDY or YMD, got {_shown(top['date_order'])}"
            )
        top["date_order"] = top["date_order"].upper()
    if policy.get("holidays_country"):
        policy["holidays_subdivision"] = _check_country(
            policy["holidays_country"], policy.get("holidays_subdivision"), where
        )
    elif policy.get("holidays_subdivision"):
        raise ConfigError(
            f"{where}: holidays_subdivision {_shown(raw['holidays_subdivision'])} needs "
            'holidays_country, the country it belongs to (e.g. holidays_country = "US")'
        )
    result = Policy(**policy)
    for stem in ("check_in_after_decision", "check_in_after_interview", "check_in_after_applying"):
        if getattr(result, f"{stem}_due_wd") < getattr(result, f"{stem}_open_wd"):
            raise ConfigError(f"{where}: {stem}_due_wd must not be before {stem}_open_wd")
    if result.second_follow_up_due_days < result.wait_days:
        raise ConfigError(f"{where}: second_follow_up_due_days must be at least wait_days")
    return Settings(policy=result, path=path, warnings=tuple(warnings), **top)


def _checked_number(key: str, value: Any, where: str) -> int:
    low, high = _range(key)
    if not _is(value, int) or not low <= value <= high:
        raise ConfigError(
            f"{where}: {key} must be a whole number from {low} to {high}, got {_shown(value)}"
        )
    return value


def _checked_text(key: str, value: Any, where: str) -> str:
    limit = _TEXT_LIMITS[key]
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key} must be a text in quotes, got {_shown(value)}")
    if len(value) > limit or not value.isprintable():
        raise ConfigError(
            f"{where}: {key} must be one line of at most {limit} characters, got {_shown(value)}"
        )
    return value


def _unknown_key(key: str, where: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{where}: unknown key {_shown(key)} is ignored{hint}"


def _shown(value: Any) -> str:
    """A value as the person wrote it in TOML, cut short: one line of an error message."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, dict):
        shown = "a table"
    elif isinstance(value, date | time):
        shown = value.isoformat()
    else:
        from followup.domain.text import visible

        shown = visible(repr(value))
    return shown if len(shown) <= 40 else shown[:39] + "…"


def save_preference(path: Path, key: str, value: str) -> None:
    """Set one top-level preference (the theme) in the settings file, keeping the rest.

    The person's comments, order and layout are kept (tomlkit); a file that cannot be read
    as settings is left exactly as it is, and ConfigError says why.
    """
    import tempfile

    import tomlkit

    from followup.paths import make_private_dir

    # A settings file that is a link (dotfiles) stays a link: the file it points to changes.
    target = path.resolve() if path.is_symlink() else path
    before = read_settings_text(target) or ""
    try:
        tomllib.loads(before)
        document = tomlkit.parse(before)
    except (tomllib.TOMLDecodeError, tomlkit.exceptions.ParseError) as error:
        raise ConfigError(
            f"settings file {path} is not valid TOML ({error}); it was left as it is"
        ) from None
    document[key] = value
    after = tomlkit.dumps(document)
    if tomllib.loads(after).get(key) != value:  # never write a file we could not read back
        raise ConfigError(f"could not set {key} in settings file {path}; it was left as it is")
    try:
        found = target.stat()
    except FileNotFoundError:
        mode = 0o600
    else:
        if not stat.S_ISREG(found.st_mode):  # `--config /dev/null`: nothing to replace
            raise ConfigError(f"settings file {path} is not a regular file; {key} is not saved")
        mode = stat.S_IMODE(found.st_mode)
    make_private_dir(target.parent)
    # A temporary file of our own, renamed over the old one: a crash or a second writer
    # leaves either the old file or the new one, never half of one.
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as out:
            out.write(after)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def policy_lines(settings: Settings) -> list[str]:
    """The policy in force, one `key = value` a line, for `followup doctor`."""
    lines = [
        f"your_name = {settings.your_name!r}",
        f"horizon_days = {settings.horizon_days}",
        f"backups_keep = {settings.backups_keep}",
    ]
    for key, value in asdict(settings.policy).items():
        lines.append(f"{key} = {value!r}" if value is not None else f"{key} = (not set)")
    return lines


def _is(value: Any, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _check_country(country: str, subdivision: str | None, where: str) -> str | None:
    """The subdivision as the holidays calendar spells it; ConfigError naming the value
    that is wrong (the country, or the subdivision, with some that are right)."""
    import holidays

    try:
        calendar = holidays.country_holidays(country)
    except NotImplementedError:
        raise ConfigError(
            f"{where}: holidays_country {_shown(country)} is not a known country code "
            '(two letters, such as "US", "GB" or "DE")'
        ) from None
    if subdivision is None:
        return None
    codes = tuple(calendar.subdivisions)
    names = tuple(getattr(calendar, "subdivisions_aliases", {}))
    for known in (*codes, *names):
        if known.casefold() == subdivision.casefold():
            return known
    if not codes:
        raise ConfigError(
            f"{where}: holidays_subdivision {_shown(subdivision)}: the holidays calendar of "
            f"{country} has no subdivisions; remove the setting"
        )
    some = ", ".join(codes[:8]) + (f" (and {len(codes) - 8} more)" if len(codes) > 8 else "")
    raise ConfigError(
        f"{where}: holidays_subdivision {_shown(subdivision)} is not a subdivision of "
        f"{country}; valid ones include {some}"
    )
