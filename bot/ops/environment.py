"""Every environment variable jianfu reads, in one list, and which of them hold secrets.

The runtime's own variables are declared here (`CORE`); each platform adapter declares its own
in a module-level `ENV_VARS` tuple of `(name, meaning, secret)` in `bot/adapters/<name>.py` or exported by the package `bot/adapters/<name>/`.
The configuration reference (`docs/configuration.md`), `jianfu check-config` and the log's
secret filter all read this one list, so a variable added to an adapter is documented,
reported and redacted without further work.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import bot.adapters

# Parts of a variable's name that mark its value as a secret, whoever declared it.
SECRET_NAME_WORDS: tuple[str, ...] = ("SECRET", "TOKEN", "PASSWORD", "PASSWD", "API_KEY", "APIKEY")


@dataclass(frozen=True, slots=True)
class EnvVar:
    """One environment variable jianfu reads."""

    name: str  # e.g. "WECHATY_PUPPET_SERVICE_TOKEN"
    meaning: str  # one line for the reference
    secret: bool = False  # never printed or logged: check-config shows only "set" / "not set"
    source: str = "jianfu"  # who reads it: "jianfu" or the adapter's name


CORE: tuple[EnvVar, ...] = (
    EnvVar("JIANFU_CONFIG", "path of the TOML configuration file (like `--config`)"),
    EnvVar("JIANFU_HOST", "address the HTTP server binds (like `--host`; default 127.0.0.1)"),
    EnvVar("JIANFU_PORT", "port of the HTTP server (like `--port`; default 8080)"),
    EnvVar(
        "JIANFU_DB",
        "the database: SQLite file or postgresql:// URL (like `--db`; default ./jianfu.db)",
    ),
    EnvVar(
        "JIANFU_JIEBA_CACHE",
        "a prebuilt jieba dictionary cache to load instead of building one at first use "
        "(the Docker image sets it)",
    ),
)


def adapter_modules() -> list[str]:
    """The modules under `bot/adapters/` that declare `ENV_VARS`, sorted by name."""
    names = []
    for info in pkgutil.iter_modules(bot.adapters.__path__, "bot.adapters."):
        module = importlib.import_module(info.name)
        if hasattr(module, "ENV_VARS"):
            names.append(info.name)
    return sorted(names)


def adapter_env_vars() -> list[EnvVar]:
    """Every adapter's declared variables, adapter by adapter, in declaration order."""
    out: list[EnvVar] = []
    for name in adapter_modules():
        module = importlib.import_module(name)
        source = name.rsplit(".", 1)[-1]
        out.extend(
            EnvVar(var, meaning, bool(secret), source) for var, meaning, secret in module.ENV_VARS
        )
    return out


def all_env_vars() -> list[EnvVar]:
    """The runtime's variables, then every adapter's."""
    return [*CORE, *adapter_env_vars()]


def is_secret_name(name: str, declared: Iterable[EnvVar] = ()) -> bool:
    """Is `name` declared secret, or does its name say it is (…TOKEN, …SECRET, …)?"""
    if any(var.name == name and var.secret for var in declared):
        return True
    return any(word in name.upper() for word in SECRET_NAME_WORDS)


def named_in_tables(platforms: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """Variables the config names for secrets: the value of every `…_env` key in a platform
    table (e.g. `[dingtalk.robots."<id>"] sign_env = "DINGTALK_OPS_SIGN"`)."""
    names: set[str] = set()

    def walk(table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            if isinstance(value, Mapping):
                walk(value)
            elif str(key).endswith("_env") and isinstance(value, str):
                names.add(value)

    for table in platforms.values():
        walk(table)
    return names


def secret_names(
    env: Mapping[str, str], platforms: Mapping[str, Mapping[str, Any]] | None = None
) -> list[str]:
    """The variables in `env` whose values must never be printed or logged."""
    declared = adapter_env_vars()
    named = named_in_tables(platforms or {})
    return sorted(name for name in env if name in named or is_secret_name(name, declared))
