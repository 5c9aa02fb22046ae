"""Feishu / Lark settings: the FEISHU_* environment and the optional `[feishu]` table.

An app is on when FEISHU_APP_ID is set (in the environment or `[feishu] app_id`); then its
secret and verification token must be set too, and an encrypt key, when given, must look like
one. Secrets come only from the environment and never appear in repr or logs.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bot.settings import ConfigError, Settings

FEISHU_API = "https://open.feishu.cn"  # Feishu's open-API host (China)
LARK_API = "https://open.larksuite.com"  # Lark's (international)
EVENTS_PATH = "/feishu/events"
ENCRYPT_KEY_LENGTH = (16, 128)  # console-generated keys are 32 characters; refuse the absurd

# Every variable this adapter reads: (name, meaning, secret?) — for docs, check-config, logs.
ENV_VARS: tuple[tuple[str, str, bool], ...] = (
    ("FEISHU_APP_ID", "the app's App ID, `cli_…` (turns Feishu / Lark on)", False),
    ("FEISHU_APP_SECRET", "the app's App Secret (fetches the tenant access token)", True),
    (
        "FEISHU_VERIFICATION_TOKEN",
        "the event subscription's Verification Token (every event must carry it)",
        True,
    ),
    (
        "FEISHU_ENCRYPT_KEY",
        "the event subscription's Encrypt Key: decrypts event bodies and checks "
        "`X-Lark-Signature` (optional in Feishu; recommended)",
        True,
    ),
    ("FEISHU_API_BASE", f"open-API base URL (default {FEISHU_API}; Lark: {LARK_API})", False),
)

# Keys of the `[feishu]` table and the variable each stands for (the variable wins).
TABLE_KEYS: dict[str, str] = {"app_id": "FEISHU_APP_ID", "api_base": "FEISHU_API_BASE"}


class FeishuConfigError(ConfigError):
    """The FEISHU_* environment or the [feishu] table does not make sense; the message names
    the variable or key."""


@dataclass(frozen=True, slots=True)
class FeishuSettings:
    """How jianfu talks to one Feishu / Lark app."""

    app_id: str = ""  # App ID (cli_…)
    app_secret: str = field(default="", repr=False)  # App Secret: fetches tenant tokens
    verification_token: str = field(default="", repr=False)  # every event carries it
    encrypt_key: str = field(default="", repr=False)  # decrypts bodies, checks signatures
    api_base: str = FEISHU_API  # open-API base URL (Lark: https://open.larksuite.com)
    max_body_bytes: int = 256 * 1024  # larger event bodies get 413
    # seconds an event's answer waits for the message to be handled (Feishu wants an answer
    # within 3 s, else it delivers the event again)
    handle_bound: float = 2.5
    # events being handled at once; past it a new one gets 503 at once (Feishu delivers it
    # again, 15 s later) instead of queueing behind a store that fell behind
    max_pending: int = 1024  # as DingTalk's: ~1 s of work at the measured rate
    sends_per_second: int = 5  # Feishu's limit for one app in one group
    token_margin: float = 30 * 60.0  # a tenant token this close to expiry is renewed
    chat_cache_seconds: float = 3600.0  # group owner/admins are asked again after this
    # a group whose every message for this long @-mentioned the bot: the app probably lacks
    # im:message.group_msg (it sees only @-messages); `/jianfu status` says so
    mentions_only_days: float = 3.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> FeishuSettings | None:
        """Read FEISHU_*; None when FEISHU_APP_ID is unset (Feishu is off)."""
        app_id = environ.get("FEISHU_APP_ID", "").strip()
        if not app_id:
            for name in ("FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN", "FEISHU_ENCRYPT_KEY"):
                if environ.get(name, "").strip():
                    raise FeishuConfigError(f"{name} is set but FEISHU_APP_ID is not")
            return None
        if not app_id.startswith("cli_"):
            raise FeishuConfigError(f"FEISHU_APP_ID must start with cli_, got {app_id!r}")
        secret = _required(environ, "FEISHU_APP_SECRET")
        token = _required(environ, "FEISHU_VERIFICATION_TOKEN")
        key = environ.get("FEISHU_ENCRYPT_KEY", "").strip()
        if key:
            _check_encrypt_key(key)
        return cls(
            app_id=app_id,
            app_secret=secret,
            verification_token=token,
            encrypt_key=key,
            api_base=_base_url(environ.get("FEISHU_API_BASE", "")),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> FeishuSettings | None:
        """`from_env` over the settings' environment, under the `[feishu]` table's values."""
        where = settings.source.name if settings.source else "settings"
        table = settings.platforms.get("feishu", {})
        env = {**_table_as_env(table, where), **_set(settings.env)}
        return cls.from_env(env)


def _required(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name, "").strip()
    if not value:
        raise FeishuConfigError(f"FEISHU_APP_ID is set but {name} is not")
    return value


def _check_encrypt_key(key: str) -> None:
    low, high = ENCRYPT_KEY_LENGTH
    if not low <= len(key) <= high:
        raise FeishuConfigError(
            f"FEISHU_ENCRYPT_KEY must be {low}–{high} characters (Feishu's are 32), "
            f"got {len(key)}: copy it whole from the app's event subscription page"
        )
    allowed = set(string.ascii_letters + string.digits + string.punctuation)
    if not set(key) <= allowed:
        raise FeishuConfigError("FEISHU_ENCRYPT_KEY has spaces or non-ASCII characters")


def _base_url(value: str) -> str:
    url = value.strip().rstrip("/") or FEISHU_API
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise FeishuConfigError(f"FEISHU_API_BASE must be an http(s) URL, got {url!r}")
    return url


def _set(environ: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in environ.items() if k.startswith("FEISHU_") and v.strip()}


def _table_as_env(table: Mapping[str, Any], where: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for key, value in table.items():
        if key not in TABLE_KEYS:
            known = ", ".join(TABLE_KEYS)
            raise FeishuConfigError(f"{where}: [feishu].{key}: unknown key (known: {known})")
        if not isinstance(value, str):
            raise FeishuConfigError(f"{where}: [feishu].{key}: expected a string")
        env[TABLE_KEYS[key]] = value
    return env
