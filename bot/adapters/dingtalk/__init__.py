"""DingTalk: an enterprise robot (HTTP callbacks or Stream mode) — see `adapter.py`.

One package: `adapter.py` (the `DingTalkAdapter`), `config.py` (DINGTALK_* and `[dingtalk]`),
`payload.py` (raw payload → `Message`), `robot.py` (posting as a group robot), `stream.py`
(the Stream SDK's link), `trust.py` (replay and host checks), `delivery.py` (signatures,
delivery to the runtime, session webhooks). Its fake servers: tests/bot/adapters/fake_dingtalk.py.
"""

from __future__ import annotations

from bot.adapters.dingtalk.adapter import CALLBACK_PATH, DingTalkAdapter
from bot.adapters.dingtalk.config import (
    ENV_VARS,
    MODES,
    OPENAPI_ENDPOINT,
    DingTalkConfigError,
    DingTalkSettings,
    Mode,
    robots_from_config,
)
from bot.adapters.dingtalk.delivery import check_callback

__all__ = [
    "CALLBACK_PATH",
    "ENV_VARS",
    "MODES",
    "OPENAPI_ENDPOINT",
    "DingTalkAdapter",
    "DingTalkConfigError",
    "DingTalkSettings",
    "Mode",
    "check_callback",
    "robots_from_config",
]
