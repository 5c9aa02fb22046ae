"""DingTalk: an enterprise robot, which sees only the messages that @ it.

Two ways in, one way out:

- HTTP callback (`DINGTALK_MODE=callback`, the default): DingTalk POSTs every message that @s
  the robot (and every 1:1 chat with it) to `POST /dingtalk/callback`, signed with the app
  secret in the `timestamp` + `sign` headers. We check the signature, hand the message to the
  runtime in a tracked task, and answer 200 once it is handled — detector run and incident
  committed. When the runtime could not record it (the database is locked by another
  writer, a disk error) or `handle_bound` (3 s) passes first, the answer is 503, so DingTalk
  delivers it again; a redelivery while the first is still being handled waits for that one.
  Back-pressure: while `max_pending` (1,024) callbacks are being handled, a new one is answered
  503 at once, before it is parsed, and nothing of it is kept (DingTalk delivers it again).
- Stream mode (`DINGTALK_MODE=stream`): the official `dingtalk-stream` SDK keeps a WebSocket to
  DingTalk's gateway (`stream.py`); same payload, same normalization, and
  the ack is sent at the same moment the callback would be answered (a system-error ack where
  the callback would get 503).

DingTalk does not deliver an answered message again, so answering first would lose the demand
of a message the bot crashed on. Only the reply POST (network to DingTalk) stays out of the
answer: the runtime records before it posts, so the handling task's first `send` marks the
message handled (`Delivery.handled`, told through a context variable of that task) and the
answer goes out while the POST is on its way. A retry of a slow callback is dropped by msgId.

Replies go to the message's `sessionWebhook` (valid for a while, no auth). Once it has expired or
fails, and for scheduled posts such as the digest, a group's custom robot webhook is used: a
signed URL, at most 20 messages a minute per robot, which a local rate limiter respects. With
DINGTALK_ROBOT_CODE set, the app robot's API (`openapi.py`) is the last way out: group posts,
and a member's 1:1 chat with the robot (private nudges); notices always go through it, since
only it returns a `processQueryKey` to ask who has read them (`outbox.py`).

A 1:1 chat's message enters only when it is a text the app accepts (`accepts_private`: a
command, a notice confirmation), as in WeChat; other private talk is answered and dropped.

DingTalk never delivers a message that does not @ the robot (nor "@所有人"), so jianfu cannot
watch 收到 pile-ups or 接龙 chains there; it answers commands and checks what it is shown.

One package: `adapter.py` (the `DingTalkAdapter`), `config.py` (DINGTALK_* and `[dingtalk]`),
`payload.py` (raw payload → `Message`), `robot.py` (posting as a group robot), `outbox.py`
(which way a post goes), `openapi.py` (the robot API), `stream.py` (the Stream SDK's link),
`trust.py` (replay and host checks), `delivery.py` (signatures, session webhooks). Its fake
servers: tests/bot/adapters/fake_dingtalk.py.
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
