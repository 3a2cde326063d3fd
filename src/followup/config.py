"""The settings file: TOML in the user config folder, read into a Policy and a few preferences."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field
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


_TOP_LEVEL = {
    "your_name": str,
    "horizon_days": int,
    "theme": str,
    "backups_keep": int,
    "date_order": str,
}
_OPTIONAL_TEXT = {"holidays_country", "holidays_subdivision"}

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
"""


def load_settings(path: Path) -> Settings:
    """Settings from `path`; the defaults when it does not exist; ConfigError when it is wrong."""
    if not path.exists():
        return Settings(path=path)
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"settings file {path} is not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"cannot read settings file {path}: {error.strerror}") from None
    return settings_from_mapping(raw, path)


def settings_from_mapping(raw: dict[str, Any], path: Path | None = None) -> Settings:
    where = f"settings file {path}" if path else "settings"
    policy_keys = set(Policy.keys())
    top: dict[str, Any] = {}
    policy: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _TOP_LEVEL:
            expected = _TOP_LEVEL[key]
            if not _is(value, expected):
                raise ConfigError(f"{where}: {key} must be {_name(expected)}, got {value!r}")
            top[key] = value
        elif key in _OPTIONAL_TEXT:
            if not isinstance(value, str) or (value and not value.strip()):
                raise ConfigError(f'{where}: {key} must be a text such as "US", got {value!r}')
            policy[key] = value.strip().upper() or None
        elif key in policy_keys:
            if not _is(value, int) or value < 0:
                raise ConfigError(f"{where}: {key} must be a whole number >= 0, got {value!r}")
            policy[key] = value
        else:
            raise ConfigError(f"{where}: unknown key {key!r}")
    if top.get("date_order", "DMY").upper() not in DATE_ORDERS:
        raise ConfigError(f"{where}: date_order must be DMY, MDY or YMD, got {top['date_order']!r}")
    if "date_order" in top:
        top["date_order"] = top["date_order"].upper()
    for key in ("horizon_days", "backups_keep"):
        if top.get(key, 0) < 0:
            raise ConfigError(f"{where}: {key} must be a whole number >= 0")
    result = Policy(**policy)
    if result.max_unanswered < 1:
        raise ConfigError(f"{where}: max_unanswered must be at least 1")
    for stem in ("check_in_after_decision", "check_in_after_interview", "check_in_after_applying"):
        if getattr(result, f"{stem}_due_wd") < getattr(result, f"{stem}_open_wd"):
            raise ConfigError(f"{where}: {stem}_due_wd must not be before {stem}_open_wd")
    if result.second_follow_up_due_days < result.wait_days:
        raise ConfigError(f"{where}: second_follow_up_due_days must be at least wait_days")
    if result.holidays_country:
        _check_country(result.holidays_country, result.holidays_subdivision, where)
    return Settings(policy=result, path=path, **top)


def save_preference(path: Path, key: str, value: str) -> None:
    """Set one top-level preference (the theme) in the settings file, keeping the rest."""
    import tomli_w

    from followup.paths import make_private_dir

    raw: dict[str, Any] = {}
    if path.exists():
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    raw[key] = value
    make_private_dir(path.parent)
    temporary = path.with_name(path.name + ".tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        tomli_w.dump(raw, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


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


def _name(expected: type) -> str:
    return {int: "a whole number", str: "a text"}[expected]


def _check_country(country: str, subdivision: str | None, where: str) -> None:
    import holidays

    try:
        holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError:
        raise ConfigError(
            f"{where}: holidays_country {country!r} is not a known country code"
        ) from None
    except Exception as error:
        raise ConfigError(f"{where}: holidays_subdivision {subdivision!r}: {error}") from None
