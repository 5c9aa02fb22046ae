"""Feishu / Lark: event callbacks in (`POST /feishu/events`), open-API messages out.

`config` reads FEISHU_*, `envelope` decrypts and checks signatures, `payload` turns event
bodies into `Message`, `openapi` calls Feishu as the app, `adapter` ties them together.
"""

from bot.adapters.feishu.adapter import FeishuAdapter
from bot.adapters.feishu.config import ENV_VARS, EVENTS_PATH, FeishuConfigError, FeishuSettings

__all__ = ["ENV_VARS", "EVENTS_PATH", "FeishuAdapter", "FeishuConfigError", "FeishuSettings"]
