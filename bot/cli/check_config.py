"""`jianfu check-config [--config FILE] [--playground]`: validate a configuration and say what
`jianfu run` would run with it — server, database, retention, logging, adapters, digest — without
starting anything. Secrets are shown only as "set" / "not set".

It loads the settings and builds the platform adapters exactly as `jianfu run` does
(`bot.settings.load_settings`, `bot.app.platform_adapters`, `bot.app.serves_playground`), so a
configuration it accepts starts, and one it refuses fails here first with the key named
(exit status 2).
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli import CliError

if TYPE_CHECKING:  # imported lazily at run time: `jianfu --help` stays fast
    from bot.adapters.base import Adapter
    from bot.ops.environment import EnvVar
    from bot.settings import Settings
    from handlers.group_settings import GroupSettings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-config",
        help="validate the configuration and show what would run (secrets hidden)",
        description="Validate jianfu.toml and the environment, and print what `jianfu run` "
        "would run: server, database, retention, logging, adapters and digest schedule. "
        "Exit status 2 names the bad key.",
    )
    parser.add_argument("--config", help="jianfu.toml path (env JIANFU_CONFIG; ./jianfu.toml)")
    parser.add_argument(
        "--playground", action="store_true", help="as `jianfu run --playground` would"
    )
    parser.set_defaults(func=check_config_command)


def check_config_command(args: argparse.Namespace) -> int:
    from bot.settings import load_settings

    settings = load_settings(args.config, cli={"playground": args.playground or None})
    print("\n".join(report(settings, playground=args.playground or None)))
    return 0


def report(settings: Settings, playground: bool | None = None) -> list[str]:
    """What `jianfu run` would run with `settings`, one line each. Raises `CliError`."""
    from bot.adapters.base import AdapterError
    from bot.app import platform_adapters, serves_playground

    try:
        adapters = platform_adapters(settings)
    except (AdapterError, ValueError) as exc:
        raise CliError(str(exc)) from None
    base = f"http://{settings.host}:{settings.port}"
    lines = [
        f"config: {settings.source or 'none (defaults and environment)'}",
        f"server: {base}/  (health: {base}/healthz)",
        f"database: {shown(settings.db)}  ({database_state(settings.db)})",
        f"retention: {settings.retention_days} days (purged daily)",
        f"logging: {settings.log_level}, {'JSON lines' if settings.log_json else 'plain text'}",
        f"admins from config: {len(settings.admins)}",
        "adapters:",
    ]
    lines += [f"  {adapter.name}: {describe_adapter(adapter, base)}" for adapter in adapters]
    if serves_playground(settings, adapters, playground):
        from bot.adapters.playground.guard import TOKEN_ENV, access_token

        why = "no platform is configured" if not adapters else "asked for"
        token = access_token(settings.host, settings.env.get(TOKEN_ENV, ""))  # `run` refuses too
        lock = ", access token required" if token else ""
        lines.append(f"  playground: {base}/  ({why}{lock})")
    lines += digest_lines(settings)
    lines += ["environment:", *secret_lines(settings)]
    return lines


def describe_adapter(adapter: Adapter, base: str) -> str:
    """One line about a platform adapter, secrets as set / not set."""
    from bot.adapters.dingtalk import CALLBACK_PATH, DingTalkAdapter
    from bot.adapters.feishu import EVENTS_PATH, FeishuAdapter
    from bot.adapters.wechaty import WechatyAdapter

    if isinstance(adapter, FeishuAdapter):
        app = adapter.settings
        crypt = "encrypted + signed" if app.encrypt_key else "not encrypted (no encrypt key)"
        return (
            f"app {app.app_id} via {app.api_base}; Feishu must POST events to "
            f"{base}{EVENTS_PATH} ({crypt})"
        )
    if isinstance(adapter, DingTalkAdapter):
        conf = adapter.settings
        robots = f"{len(adapter.robots)} group robot webhook(s)"
        robots += (
            f"; robot API on (robotCode {conf.robot_code}): notices with read status"
            if conf.robot_code
            else "; robot API off (no DINGTALK_ROBOT_CODE): notices without read status"
        )
        if conf.mode == "stream":
            return f"Stream mode via {conf.openapi_endpoint}, client id {conf.client_id}; {robots}"
        return f"callback mode, DingTalk must POST to {base}{CALLBACK_PATH}; {robots}"
    if isinstance(adapter, WechatyAdapter):
        config = adapter.config
        tls = (
            f"TLS (server name {config.server_name or config.host})" if config.tls else "plaintext"
        )
        token = "set" if config.token else "not set"
        return f"puppet service {config.endpoint}, {tls}, token {token}"
    return type(adapter).__name__


def shown(target: str) -> str:
    from bot.store.pg import display_target

    return display_target(target)


def database_state(target: str) -> str:
    """Whether the database exists, and which migrations the next start would run."""
    from bot.store import MIGRATIONS
    from bot.store.pg import is_postgres_url

    if is_postgres_url(target):
        done = postgres_migrations(target)
        pending = [name for name, _ in MIGRATIONS if name not in done]
        return f"PostgreSQL; migrations to run at start: {', '.join(pending) or 'none'}"
    path = Path(target)
    if not path.exists():
        if not path.parent.is_dir():
            raise CliError(f"db: {path}: the directory {path.parent} does not exist")
        return "will be created"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            done = (
                {row[0] for row in conn.execute("SELECT name FROM migrations")}
                if "migrations" in tables
                else set()
            )
    except sqlite3.DatabaseError as exc:
        raise CliError(f"db: {path}: not a readable SQLite database ({exc})") from None
    pending = [name for name, _ in MIGRATIONS if name not in done]
    return f"exists; migrations to run at start: {', '.join(pending) or 'none'}"


def postgres_migrations(url: str) -> set[str]:
    """The migrations a PostgreSQL database has run (read only; none when it is empty)."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            if conn.execute("SELECT to_regclass('migrations')").fetchone() == (None,):
                return set()
            return {row[0] for row in conn.execute("SELECT name FROM migrations")}
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0]
        raise CliError(f"db: {shown(url)}: cannot connect ({reason})") from None


def digest_lines(settings: Settings) -> list[str]:
    def when(group: GroupSettings) -> str:
        return f"{group.digest_day} {group.digest_time} {group.timezone}"

    lines = [f"digest: weekly, {when(settings.group_defaults)} by default"]
    default = when(settings.group_defaults)
    lines += [
        f'  group "{gid}": {when(group)}'
        for gid, group in sorted(settings.groups.items())
        if when(group) != default
    ]
    return lines


def secret_lines(settings: Settings) -> list[str]:
    """Every variable jianfu reads: secrets as set / not set, others with their value."""
    from bot.ops.environment import all_env_vars, is_secret_name, named_in_tables

    declared = all_env_vars()
    named = sorted(named_in_tables(settings.platforms) - {var.name for var in declared})
    lines = []
    for name, secret in _variables(declared, named):
        value = settings.env.get(name, "")
        if secret or is_secret_name(name, declared):
            shown = "set" if value.strip() else "not set"
        elif value.strip().startswith("-----BEGIN"):
            shown = "set (PEM text)"
        else:
            shown = _short(value.strip()) if value.strip() else "not set"
        lines.append(f"  {name}: {shown}")
    return lines


def _variables(declared: Iterable[EnvVar], named: Iterable[str]) -> list[tuple[str, bool]]:
    """(name, secret) of the declared variables, then of those the config names (secret)."""
    return [(var.name, var.secret) for var in declared] + [(name, True) for name in named]


def _short(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
