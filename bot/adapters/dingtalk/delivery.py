"""A DingTalk callback's signature check and the session webhooks kept for replies (a message's
delivery to the runtime is `bot.adapters.delivery`, shared with Feishu)."""

from __future__ import annotations

import base64
import binascii
import hmac
from datetime import UTC, datetime, timedelta

from bot.adapters.dingtalk.payload import (
    SessionWebhook,
)
from bot.adapters.dingtalk.robot import (
    sign_digest,
)
from bot.adapters.lru import LruCache
from bot.adapters.refusals import Refused

SESSION_LIMIT = 1024  # conversations whose session webhook is kept
SESSION_MARGIN = timedelta(seconds=30)  # a session webhook this close to expiry counts as expired


# --- signatures -------------------------------------------------------------------------------


def check_callback(
    timestamp: str | None, signature: str | None, secret: str, now: datetime, window: timedelta
) -> Refused | None:
    """Why a callback's `timestamp` + `sign` headers are refused, or None when they are good."""
    if not timestamp or not signature:
        return Refused("missing_sign", "missing timestamp or sign header")
    try:
        sent = datetime.fromtimestamp(int(timestamp) / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return Refused("bad_timestamp", "timestamp header is not a millisecond time")
    if abs(now - sent) > window:
        return Refused("stale_timestamp", "timestamp is more than an hour from now")
    try:
        given = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return Refused("bad_sign", "sign header is not base64")
    if not hmac.compare_digest(given, sign_digest(timestamp, secret)):
        return Refused("bad_sign", "sign does not match")
    return None


# --- remembering -------------------------------------------------------------------------------


class SessionBook:
    """The newest session webhook of each conversation, for the last `limit` conversations."""

    def __init__(self, limit: int = SESSION_LIMIT) -> None:
        self._sessions: LruCache[str, SessionWebhook] = LruCache(limit)

    def keep(self, key: str, session: SessionWebhook) -> None:
        self._sessions.put(key, session)

    def live(self, key: str, now: datetime) -> SessionWebhook | None:
        session = self._sessions.get(key)
        if session is None or session.expires - SESSION_MARGIN <= now:
            return None
        return session
