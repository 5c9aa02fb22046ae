"""The bot's settings: one typed value, loaded once at start-up and validated there.

Sources, later wins: defaults ← the TOML file (`--config`, else `JIANFU_CONFIG`, else
`./jianfu.toml` when it exists) ← environment (`JIANFU_HOST`, `JIANFU_PORT`, `JIANFU_DB`)
← command-line flags. Secrets (tokens, app secrets) come only from the environment: a TOML key
that looks like a secret is refused, and `Settings` never prints the environment.

A bad value raises `ConfigError` naming the file, the key and the problem, e.g.
`jianfu.toml: [group_defaults].cooldown_minutes: expected an integer from 0 to 10080, got -1`.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handlers.group_settings import GroupSettings, SettingError
from handlers.texts import LANGUAGES, Language
from handlers.zones import UnknownZone, zone_named

DEFAULT_CONFIG = Path("jianfu.toml")  # read when present and no path is given
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
RETENTION_DAYS = (1, 3650)  # the range of retention_days: a day to ten years

# Top-level tables that belong to a platform adapter. They are kept raw in `Settings.platforms`
# and validated by the adapter. Add a name here when you add an adapter.
PLATFORM_TABLES: frozenset[str] = frozenset({"wechaty", "dingtalk", "feishu"})
# Platforms people ask for that jianfu has no adapter for (yet): a table for one is an error
# that says so, instead of a configuration that silently does nothing.
UNSUPPORTED_PLATFORMS: tuple[str, ...] = ("lark", "wecom", "wework", "slack", "telegram")

# Parts of key names that mean "secret": such keys belong in the environment, not the file
# (a key ending in "_env", e.g. token_env = "MY_TOKEN", names the variable and is fine).
SECRET_WORDS = ("secret", "token", "password", "passwd", "api_key", "apikey", "private_key")


class ConfigError(Exception):
    """The configuration is wrong; the message names the file or variable, key and problem.
    Owned by the settings, not the CLI: `jianfu` prints it as one line and exits 2."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything `jianfu run` needs to know. Every field has a default."""

    host: str = "127.0.0.1"  # address the one HTTP server binds
    port: int = 8080  # its port (0 = any free port, for tests)
    db: str = "jianfu.db"  # the database: a SQLite file, or a postgresql:// URL shared by
    #                        several bot processes ([store] url; the password: PGPASSWORD)
    db_pool_size: int = 2  # PostgreSQL connections each process may hold ([store] pool_size)
    playground: bool = False  # serve the playground group (the runtime also turns it on
    #                           when no platform is configured)
    admins: tuple[str, ...] = ()  # member ids that are admins in every group
    language: Language = "zh-CN"  # default language of groups without their own setting
    timezone: str = "Asia/Shanghai"  # default time zone of groups without their own setting
    retention_days: int = 180  # incidents, audit rows and posts older than this are purged
    #                            (a number of days, 1–3650)
    log_level: str = "INFO"  # DEBUG | INFO | WARNING | ERROR
    log_json: bool = False  # one JSON object per log line instead of plain text
    group_defaults: GroupSettings = field(default_factory=GroupSettings)  # [group_defaults]
    groups: Mapping[str, GroupSettings] = field(default_factory=dict)  # [groups."<id>"], merged
    platforms: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # raw adapter tables
    source: Path | None = None  # the TOML file these came from, if any
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)  # secrets

    def group_settings(self, group_id: str) -> GroupSettings:
        """The config's settings for one group (its [groups."<id>"] table or the defaults)."""
        return self.groups.get(group_id, self.group_defaults)


def load_settings(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    cli: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from the file, the environment and command-line flags (`cli` keys: host,
    port, db, playground; None values are ignored). Raises `ConfigError`."""
    env = dict(os.environ if env is None else env)
    source = _config_path(path, env)
    data = _read_toml(source) if source else {}
    settings = _from_toml(data, source.name if source else "settings")
    settings = replace(settings, source=source, env=env)
    settings = _apply(settings, _from_env(env), "environment")
    overrides = {key: value for key, value in (cli or {}).items() if value is not None}
    return _apply(settings, overrides, "command line")


def _config_path(path: str | Path | None, env: Mapping[str, str]) -> Path | None:
    if path is not None:
        where = Path(path)
    elif env.get("JIANFU_CONFIG"):
        where = Path(env["JIANFU_CONFIG"])
    else:
        return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None
    if not where.is_file():
        raise ConfigError(f"{where}: no such config file (create one with `jianfu init`)")
    return where


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _from_toml(data: Mapping[str, Any], where: str) -> Settings:
    known = {f.name for f in fields(Settings)} - {"source", "env", "db_pool_size"}
    known |= PLATFORM_TABLES | {"store"}
    for key in data:
        if key in UNSUPPORTED_PLATFORMS:
            raise ConfigError(
                f"{where}: [{key}]: jianfu has no {key} adapter; the platforms are "
                f"{', '.join(sorted(PLATFORM_TABLES))} (and the built-in playground)"
            )
        if key not in known:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    _refuse_secrets(data, where, "")
    scalars = {k: v for k, v in data.items() if k in _TOP_CHECKS}
    settings = _apply(Settings(), scalars, where)
    settings = _apply(settings, _store_table(data, where), where)
    base = GroupSettings(language=settings.language, timezone=settings.timezone)
    defaults = _group_table(data.get("group_defaults", {}), base, where, "[group_defaults]")
    groups = _groups(data.get("groups", {}), defaults, where)
    platforms = {k: v for k, v in data.items() if k in PLATFORM_TABLES}
    for name, table in platforms.items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: [{name}]: expected a table, got {_got(table)}")
    return replace(settings, group_defaults=defaults, groups=groups, platforms=platforms)


def _store_table(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """`[store] url = "postgresql://…"`, `pool_size = 2`: the database, as `db` would say.
    A password does not belong in the file (PGPASSWORD, or JIANFU_DB, holds it)."""
    table = data.get("store", {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: [store]: expected a table, got {_got(table)}")
    unknown = set(table) - {"url", "pool_size"}
    if unknown:
        raise ConfigError(
            f"{where}: [store]: unknown key {sorted(unknown)[0]!r} (known: pool_size, url)"
        )
    if "url" in table and "db" in data:
        raise ConfigError(f"{where}: db and [store] url both name the database; keep one")
    url = table.get("url")
    if isinstance(url, str) and urlsplit(url).password is not None:
        raise ConfigError(
            f"{where}: [store].url: the password is a secret; set PGPASSWORD (or the whole "
            "URL in JIANFU_DB) in the environment instead"
        )
    names = {"url": "db", "pool_size": "db_pool_size"}
    return {names[key]: value for key, value in table.items()}


def _groups(data: object, defaults: GroupSettings, where: str) -> dict[str, GroupSettings]:
    if not isinstance(data, Mapping):
        raise ConfigError(f'{where}: groups: expected tables [groups."<id>"], got {_got(data)}')
    return {
        str(gid): _group_table(table, defaults, where, f'[groups."{gid}"]')
        for gid, table in data.items()
    }


def _group_table(data: object, base: GroupSettings, where: str, table: str) -> GroupSettings:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: {table}: expected a table, got {_got(data)}")
    try:
        return GroupSettings.from_dict(data, base)
    except SettingError as exc:
        raise ConfigError(f"{where}: {table}.{exc.key}: {exc.message('en')}") from None


def _refuse_secrets(data: Mapping[str, Any], where: str, prefix: str) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _refuse_secrets(value, where, f"{name}.")
        elif _looks_secret(str(key)):
            raise ConfigError(
                f"{where}: {name}: secrets are not read from the config file; "
                "set them in the environment instead"
            )


def _looks_secret(key: str) -> bool:
    """A key that would hold a secret. `*_env` keys only name an environment variable."""
    lowered = key.lower()
    return not lowered.endswith("_env") and any(word in lowered for word in SECRET_WORDS)


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    names = {"JIANFU_HOST": "host", "JIANFU_PORT": "port", "JIANFU_DB": "db"}
    return {key: env[var] for var, key in names.items() if env.get(var)}


def _apply(settings: Settings, values: Mapping[str, Any], where: str) -> Settings:
    changes = {}
    for key, value in values.items():
        check = _TOP_CHECKS.get(key)
        if check is None:
            raise ConfigError(f"{where}: unknown key {key!r}")
        try:
            changes[key] = check(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: {key}: {exc}, got {_got(value)}") from None
    return replace(settings, **changes)


def _got(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except TypeError:
        return repr(value)


def _host(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a host name or address")
    return value.strip()


def _port(value: object) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise ValueError("expected a port number 0–65535")
    return value


def database_target(value: object) -> str:
    """A SQLite file path (`sqlite:///path` too) or a PostgreSQL URL."""
    if not isinstance(value, str | Path) or not str(value).strip():
        raise ValueError("expected a file path or a postgresql:// URL")
    text = str(value).strip()
    if text.startswith("sqlite:///"):
        return text.removeprefix("sqlite:///") or "jianfu.db"
    if "://" in text and not text.startswith(("postgresql://", "postgres://")):
        raise ValueError("expected a file path, sqlite:///PATH or a postgresql:// URL")
    return text


def _pool_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise ValueError("expected a number of connections from 1 to 100")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _admins(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise ValueError("expected a list of member ids")
    return tuple(value)


def _language(value: object) -> Language:
    for lang in LANGUAGES:
        if value == lang:
            return lang
    raise ValueError(f"expected one of {', '.join(LANGUAGES)}")


def _timezone(value: object) -> str:
    try:
        zone_named(value)
    except UnknownZone:
        raise ValueError("expected an IANA time zone like Asia/Shanghai") from None
    return str(value)


def _retention(value: object) -> int:
    low, high = RETENTION_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"expected a number of days from {low} to {high}")
    return value


def _log_level(value: object) -> str:
    if not isinstance(value, str) or value.upper() not in LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")
    return value.upper()


_TOP_CHECKS: dict[str, Any] = {
    "host": _host,
    "port": _port,
    "db": database_target,
    "db_pool_size": _pool_size,
    "playground": _flag,
    "admins": _admins,
    "language": _language,
    "timezone": _timezone,
    "retention_days": _retention,
    "log_level": _log_level,
    "log_json": _flag,
}
