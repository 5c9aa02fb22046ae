"""DingTalk's configuration: the DINGTALK_* environment and the `[dingtalk]` table
(group robots' webhooks and signing secrets named by `[dingtalk.robots."<id>"]`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from bot.adapters.dingtalk.robot import (
    ROBOT_ENDPOINT,
    RobotWebhook,
)
from bot.adapters.dingtalk.trust import host_port
from bot.settings import ConfigError

Mode = Literal["callback", "stream"]
MODES: tuple[Mode, ...] = ("callback", "stream")
OPENAPI_ENDPOINT = "https://api.dingtalk.com"  # the SDK's default for DINGTALK_OPENAPI_ENDPOINT

# Every variable this adapter reads: (name, meaning, secret?) — for docs, check-config, logs.
# Group robots' webhooks and signing secrets sit in variables named by [dingtalk.robots."<id>"].
ENV_VARS: tuple[tuple[str, str, bool], ...] = (
    (
        "DINGTALK_CLIENT_SECRET",
        "the app secret: verifies callbacks, logs in to Stream (turns DingTalk on)",
        True,
    ),
    (
        "DINGTALK_CLIENT_ID",
        "the app key / client id (Stream mode and the robot API need it)",
        False,
    ),
    (
        "DINGTALK_ROBOT_CODE",
        "the robot's robotCode (developer console, the robot's page): turns on the robot API — "
        "notices with read status, private messages to members, group posts without a webhook",
        False,
    ),
    ("DINGTALK_MODE", "`callback` (default: POST /dingtalk/callback) or `stream`", False),
    ("DINGTALK_OPENAPI_ENDPOINT", f"open-API base URL (default {OPENAPI_ENDPOINT})", False),
    ("DINGTALK_ROBOT_ENDPOINT", f"custom group robot base URL (default {ROBOT_ENDPOINT})", False),
    (
        "DINGTALK_SESSION_HOSTS",
        "comma-separated `host[:port]` that replies may go to besides DingTalk's documented "
        "`https://oapi.dingtalk.com` (a private gateway; a test's fake server); a payload's "
        "`sessionWebhook` to any other host is ignored",
        False,
    ),
)


class DingTalkConfigError(ConfigError):
    """The DINGTALK_* environment or the [dingtalk] table does not make sense; the message
    names the variable or key."""


@dataclass(frozen=True, slots=True)
class DingTalkSettings:
    """How jianfu talks to DingTalk. Secrets never appear in repr or logs."""

    client_secret: str = field(default="", repr=False)  # app secret: Stream login + callback sign
    client_id: str = ""  # app key / client id; Stream mode and the robot API need it
    # robotCode: with client_id and the secret, the robot API (api.dingtalk.com) posts notices
    # and reads their read status, and reaches members privately; "" = webhooks only
    robot_code: str = ""
    mode: Mode = "callback"  # how DingTalk delivers messages: HTTP callback or Stream (WebSocket)
    openapi_endpoint: str = OPENAPI_ENDPOINT  # open-API base URL (Stream gateway lives there)
    robot_endpoint: str = ROBOT_ENDPOINT  # custom group robot base URL
    max_body_bytes: int = 64 * 1024  # larger callback bodies get 413
    # callback timestamps further from now get 401: DingTalk's documented bound ("timestamp
    # 与系统当前时间戳如果相差1小时以上，则认为是非法的请求"); a used timestamp gets 401 too
    sign_window: timedelta = timedelta(hours=1)
    session_hosts: tuple[str, ...] = ()  # host[:port] replies may go to besides oapi.dingtalk.com
    time_skew: timedelta = timedelta(minutes=5)  # createAt is clamped to receive time ± this
    stream_stuck_after: float = 30.0  # seconds opening a Stream connection before it is "stuck"
    handle_bound: float = 3.0  # seconds an answer or ack waits for the message to be handled
    # callbacks being handled at once; past it a new one gets 503 at once (DingTalk delivers
    # it again) instead of queueing behind a store that fell behind
    max_pending: int = 1024  # ~1 s of work at the measured rate: less than handle_bound

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DingTalkSettings | None:
        """Read DINGTALK_*; None when DINGTALK_CLIENT_SECRET is unset (DingTalk is off)."""
        secret = environ.get("DINGTALK_CLIENT_SECRET", "").strip()
        if not secret:
            return None
        mode = environ.get("DINGTALK_MODE", "callback").strip().lower() or "callback"
        if mode not in MODES:
            raise DingTalkConfigError(f"DINGTALK_MODE must be callback or stream, got {mode!r}")
        client_id = environ.get("DINGTALK_CLIENT_ID", "").strip()
        if mode == "stream" and not client_id:
            raise DingTalkConfigError("DINGTALK_MODE=stream needs DINGTALK_CLIENT_ID")
        robot_code = environ.get("DINGTALK_ROBOT_CODE", "").strip()
        if robot_code and not client_id:
            raise DingTalkConfigError("DINGTALK_ROBOT_CODE needs DINGTALK_CLIENT_ID (the app key)")
        return cls(
            client_secret=secret,
            client_id=client_id,
            robot_code=robot_code,
            mode="stream" if mode == "stream" else "callback",
            openapi_endpoint=_base_url(environ, "DINGTALK_OPENAPI_ENDPOINT", OPENAPI_ENDPOINT),
            robot_endpoint=_base_url(environ, "DINGTALK_ROBOT_ENDPOINT", ROBOT_ENDPOINT),
            session_hosts=_session_hosts(environ.get("DINGTALK_SESSION_HOSTS", "")),
        )


def robots_from_config(
    table: Mapping[str, Any], environ: Mapping[str, str], where: str = "settings"
) -> dict[str, RobotWebhook]:
    """The custom group robots of the `[dingtalk]` table. Their secrets come from the
    environment, named in the table (secrets never sit in the config file):

        [dingtalk.robots."cid-xxx"]            # the group's conversationId
        webhook_env = "DINGTALK_OPS_WEBHOOK"   # holds the robot's webhook URL (or access token)
        sign_env = "DINGTALK_OPS_SIGN"         # holds its SEC… signing secret
    """
    unknown = sorted(set(table) - {"robots"})
    if unknown:
        raise DingTalkConfigError(f"{where}: [dingtalk]: unknown key(s) {', '.join(unknown)}")
    robots = table.get("robots", {})
    if not isinstance(robots, Mapping):
        raise DingTalkConfigError(f'{where}: [dingtalk].robots: expected [dingtalk.robots."<id>"]')
    return {
        str(group): _robot(entry, environ, f'{where}: [dingtalk.robots."{group}"]')
        for group, entry in robots.items()
    }


def _robot(entry: object, environ: Mapping[str, str], where: str) -> RobotWebhook:
    if not isinstance(entry, Mapping) or set(entry) != {"webhook_env", "sign_env"}:
        raise DingTalkConfigError(f"{where}: expected exactly webhook_env and sign_env")
    values = []
    for key in ("webhook_env", "sign_env"):
        name = entry[key]
        if not isinstance(name, str) or not environ.get(name, "").strip():
            raise DingTalkConfigError(f"{where}.{key}: environment variable {name!r} is not set")
        values.append(environ[name].strip())
    webhook, secret = values
    token = webhook
    if "://" in webhook:
        token = parse_qs(urlsplit(webhook).query).get("access_token", [""])[0]
    if not token:
        raise DingTalkConfigError(f"{where}.webhook_env: the URL has no access_token")
    if not secret.startswith("SEC"):
        raise DingTalkConfigError(f"{where}.sign_env: a robot's signing secret starts with SEC")
    return RobotWebhook(token, secret)


def _session_hosts(value: str) -> tuple[str, ...]:
    hosts = []
    for entry in value.split(","):
        if not entry.strip():
            continue
        try:
            hosts.append(host_port(entry))
        except ValueError as exc:
            raise DingTalkConfigError(f"DINGTALK_SESSION_HOSTS: {exc}") from None
    return tuple(hosts)


def _base_url(environ: Mapping[str, str], name: str, default: str) -> str:
    value = environ.get(name, "").strip().rstrip("/") or default
    if urlsplit(value).scheme not in ("http", "https"):
        raise DingTalkConfigError(f"{name} must be an http(s) URL, got {value!r}")
    return value
