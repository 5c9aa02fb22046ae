"""WeChat through a Wechaty puppet service — see `adapter.py`.

One package: `adapter.py` (the `WechatyAdapter`: gRPC event stream in, `MessageSendText` out),
`config.py` (WECHATY_PUPPET_SERVICE_* and `[wechaty]`), `payloads.py` (the puppet's payloads →
`Message`). Its fake server: tests/bot/adapters/fake_puppet.py.
"""

from __future__ import annotations

from bot.adapters.wechaty.adapter import WechatyAdapter
from bot.adapters.wechaty.config import (
    ENV_CA_CERT,
    ENV_ENDPOINT,
    ENV_NO_TLS,
    ENV_REQUIRED,
    ENV_SERVER_NAME,
    ENV_TOKEN,
    ENV_VARS,
    TABLE_KEYS,
    WechatyConfig,
    WechatyConfigError,
)

__all__ = [
    "ENV_CA_CERT",
    "ENV_ENDPOINT",
    "ENV_NO_TLS",
    "ENV_REQUIRED",
    "ENV_SERVER_NAME",
    "ENV_TOKEN",
    "ENV_VARS",
    "TABLE_KEYS",
    "WechatyAdapter",
    "WechatyConfig",
    "WechatyConfigError",
]
