"""WeChat through a Wechaty puppet service — see `adapter.py`.

One package: `adapter.py` (the `WechatyAdapter`: gRPC event stream in, `MessageSendText` out),
`config.py` (WECHATY_PUPPET_SERVICE_* and `[wechaty]`), `payloads.py` (the puppet's payloads →
`Message`). Its fake server: tests/bot/adapters/fake_puppet.py. The adapter (and with it the
gRPC SDK) is imported only when asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    configured,
)

if TYPE_CHECKING:
    from bot.adapters.wechaty.adapter import WechatyAdapter

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
    "configured",
]


def __getattr__(name: str) -> object:
    """`WechatyAdapter` is imported when first asked for: its gRPC SDK (grpclib,
    wechaty_grpc) loads only when WeChat is configured (`bot.app.platform_adapters`)."""
    if name == "WechatyAdapter":
        from bot.adapters.wechaty.adapter import WechatyAdapter

        return WechatyAdapter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
