"""A fake Feishu open platform on 127.0.0.1 speaking the documented wire protocol.

- The open API (`FakeFeishuApi`): `POST /open-apis/auth/v3/tenant_access_token/internal`
  issues `t-…` tokens that expire, `POST /open-apis/im/v1/messages?receive_id_type=…` accepts a
  message only with a live `Authorization: Bearer` token (else code 99991663) and refuses a
  sixth message within a second in one chat (code 230020), `GET /open-apis/im/v1/chats/{id}`
  tells owner/admins/size, `GET /open-apis/bot/v3/info` the bot's open_id, and
  `GET /open-apis/im/v1/messages/{id}/read_users` pages through who has read a message the bot
  sent (`readers`), in the `user_id_type` asked for. `faults` are answers (status, raw body)
  served instead of the next open-API answer other than a token's: 401s, 429s, broken JSON.
- The event sender side (`event_body`, `encrypted`, `signed_headers`): the documented
  `im.message.receive_v1` body, AES-256-CBC encryption done here with its own code, and the
  `X-Lark-Signature` headers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.conftest import start_on_loopback

APP_ID = "cli_9f5343c580712544"  # the documented header's app_id
APP_SECRET = "fake-app-secret-7f"
VERIFICATION_TOKEN = "rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV"  # the documented header's token
ENCRYPT_KEY = "kudryavtsev3f9a1c2b7d4e6f8a0b1c2d"  # 34 characters
BOT_OPEN_ID = "ou_bot0000000000000000000000000000"
CHAT_ID = "oc_5ce6d572455d361153b7xx51da133945"  # the documented chat_id


@dataclass
class Sent:
    """One message the bot posted."""

    receive_id_type: str
    body: dict[str, Any]
    token: str
    at: float  # time.monotonic() when it arrived
    message_id: str = ""  # the id the fake answered with

    @property
    def text(self) -> str:
        content = json.loads(self.body["content"])
        if self.body["msg_type"] == "text":
            return str(content["text"])
        return json.dumps(content, ensure_ascii=False)


@dataclass
class FakeFeishuApi:
    token_lifetime: int = 7200  # seconds: the `expire` the token endpoint answers
    owner: str = "ou_owner"
    managers: list[str] = field(default_factory=list)
    user_count: int = 12
    roster: dict[str, str] = field(default_factory=dict)  # open_id → name, for the members API
    member_pages: int = 0  # member pages served
    sent: list[Sent] = field(default_factory=list)
    token_requests: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)  # sends answered with an error
    readers: dict[str, list[str]] = field(default_factory=dict)  # message_id → open_ids read it
    read_queries: list[dict[str, str]] = field(default_factory=list)  # read_users query strings
    faults: list[tuple[int, str]] = field(default_factory=list)  # served before the next answer
    _tokens: dict[str, float] = field(default_factory=dict)  # token → monotonic expiry
    _runner: web.AppRunner | None = None
    base: str = ""

    async def start(self) -> FakeFeishuApi:
        app = web.Application(middlewares=[self._fault])
        app.router.add_post("/open-apis/auth/v3/tenant_access_token/internal", self._token)
        app.router.add_get("/open-apis/im/v1/messages/{message_id}/read_users", self._read_users)
        app.router.add_post("/open-apis/im/v1/messages", self._send)
        app.router.add_get("/open-apis/im/v1/chats/{chat_id}", self._chat)
        app.router.add_get("/open-apis/im/v1/chats/{chat_id}/members", self._members)
        app.router.add_get("/open-apis/bot/v3/info", self._bot)
        self._runner, self.base = await start_on_loopback(app)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def expire_tokens(self) -> None:
        """Every token issued so far stops working (as when its `expire` has passed)."""
        self._tokens.clear()

    def live_tokens(self) -> set[str]:
        now = time.monotonic()
        return {token for token, until in self._tokens.items() if until > now}

    @web.middleware
    async def _fault(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if self.faults and not request.path.startswith("/open-apis/auth/"):
            status, raw = self.faults.pop(0)
            return web.Response(status=status, text=raw, content_type="application/json")
        response: web.StreamResponse = await handler(request)
        return response

    async def _token(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.token_requests += 1
        if body != {"app_id": APP_ID, "app_secret": APP_SECRET}:
            return web.json_response({"code": 10014, "msg": "app secret invalid"})
        token = "t-" + uuid.uuid4().hex
        self._tokens[token] = time.monotonic() + self.token_lifetime
        return web.json_response(
            {"code": 0, "msg": "ok", "tenant_access_token": token, "expire": self.token_lifetime}
        )

    def _bearer(self, request: web.Request) -> str | None:
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ")
        return token if auth.startswith("Bearer ") and token in self.live_tokens() else None

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        token = self._bearer(request)
        if token is None:
            self.refused.append(body)
            invalid = {"code": 99991663, "msg": "Invalid access token for authorization."}
            return web.json_response(invalid, status=400)
        kind = request.query.get("receive_id_type", "")
        if kind not in ("chat_id", "open_id", "user_id", "union_id", "email"):
            return web.json_response({"code": 99992402, "msg": "field validation failed"}, 400)
        now = time.monotonic()
        same = [s for s in self.sent if s.body["receive_id"] == body["receive_id"]]
        if len([s for s in same if now - s.at < 1.0]) >= 5:
            self.refused.append(body)
            limited = {"code": 230020, "msg": "This operation triggers the frequency limit."}
            return web.json_response(limited, status=400)
        json.loads(body["content"])  # content is a JSON string
        message_id = "om_" + uuid.uuid4().hex
        self.sent.append(Sent(kind, body, token, now, message_id))
        return web.json_response({"code": 0, "msg": "success", "data": {"message_id": message_id}})

    async def _chat(self, request: web.Request) -> web.Response:
        if self._bearer(request) is None:
            return web.json_response({"code": 99991663, "msg": "Invalid access token"}, 400)
        data = {
            "name": "安全生产群",
            "owner_id_type": request.query.get("user_id_type", "open_id"),
            "owner_id": self.owner,
            "user_manager_id_list": self.managers,
            "bot_manager_id_list": [],
            "chat_mode": "group",
            "user_count": str(self.user_count),
            "bot_count": "1",
        }
        return web.json_response({"code": 0, "msg": "success", "data": data})

    async def _members(self, request: web.Request) -> web.Response:
        if self._bearer(request) is None:
            return web.json_response({"code": 99991663, "msg": "Invalid access token"}, 400)
        size = min(int(request.query.get("page_size", "20")), 100)
        start = int(request.query.get("page_token") or 0)
        members = list(self.roster.items())
        page = members[start : start + size]
        more = start + size < len(members)
        self.member_pages += 1
        kind = request.query.get("member_id_type", "open_id")
        data = {
            "items": [
                {"member_id_type": kind, "member_id": m, "name": n, "tenant_key": "t"}
                for m, n in page
            ],
            "page_token": str(start + size) if more else "",
            "has_more": more,
            "member_total": len(members),
        }
        return web.json_response({"code": 0, "msg": "success", "data": data})

    async def _read_users(self, request: web.Request) -> web.Response:
        if self._bearer(request) is None:
            return web.json_response({"code": 99991663, "msg": "Invalid access token"}, 400)
        self.read_queries.append(dict(request.query))
        message_id = request.match_info["message_id"]
        kind = request.query.get("user_id_type", "")
        if kind not in ("open_id", "user_id", "union_id"):
            return web.json_response({"code": 99992402, "msg": "field validation failed"}, 400)
        if message_id not in {s.message_id for s in self.sent}:  # only the bot's own messages
            return web.json_response({"code": 230001, "msg": "invalid message_id"}, 400)
        size = int(request.query.get("page_size", "20"))
        if not 1 <= size <= 100:
            return web.json_response({"code": 99992402, "msg": "page_size out of range"}, 400)
        start = int(request.query.get("page_token") or 0)
        readers = self.readers.get(message_id, [])
        page, more = readers[start : start + size], start + size < len(readers)
        items = [
            {"user_id_type": kind, "user_id": id_as(r, kind), "timestamp": "1609484183000"}
            for r in page
        ]
        data = {"items": items, "has_more": more, "page_token": str(start + size) if more else ""}
        return web.json_response({"code": 0, "msg": "success", "data": data})

    async def _bot(self, request: web.Request) -> web.Response:
        if self._bearer(request) is None:
            return web.json_response({"code": 99991663, "msg": "Invalid access token"}, 400)
        bot = {"activate_status": 2, "app_name": "减负助手", "open_id": BOT_OPEN_ID}
        return web.json_response({"code": 0, "msg": "ok", "bot": bot})


def id_as(open_id: str, kind: str) -> str:
    """A member's id of another type: Feishu gives each user an open_id (per app), a user_id
    (per tenant) and a union_id; different strings for one person."""
    return open_id if kind == "open_id" else f"{kind[0]}-{open_id.removeprefix('ou_')}"


# --- the event sender ---------------------------------------------------------------------------


def event_body(
    text: str,
    *,
    sender: str = "ou_84aad35d084aa403a838cf73ee18467",
    message_id: str | None = None,
    event_id: str | None = None,
    chat_id: str = CHAT_ID,
    chat_type: str = "group",
    create_ms: int | None = None,
    mentions: list[dict[str, Any]] | None = None,
    message_type: str = "text",
    content: dict[str, Any] | None = None,
    token: str = VERIFICATION_TOKEN,
) -> dict[str, Any]:
    """The documented `im.message.receive_v1` event (schema 2.0) with these changes."""
    now_ms = create_ms if create_ms is not None else int(time.time() * 1000)
    return {
        "schema": "2.0",
        "header": {
            "event_id": event_id or uuid.uuid4().hex,
            "event_type": "im.message.receive_v1",
            "create_time": str(now_ms),
            "token": token,
            "app_id": APP_ID,
            "tenant_key": "2ca1d211f64f6438",
        },
        "event": {
            "sender": {
                "sender_id": {"union_id": "on_x", "user_id": "e33ggbyz", "open_id": sender},
                "sender_type": "user",
                "tenant_key": "736588c9260f175e",
            },
            "message": {
                "message_id": message_id or "om_" + uuid.uuid4().hex,
                "root_id": "",
                "parent_id": "",
                "create_time": str(now_ms),
                "chat_id": chat_id,
                "chat_type": chat_type,
                "message_type": message_type,
                "content": json.dumps(content or {"text": text}, ensure_ascii=False),
                "mentions": mentions or [],
            },
        },
    }


def at_bot(key: str = "@_user_1") -> dict[str, Any]:
    """A mention of the bot, as the event lists it."""
    return {"key": key, "id": {"open_id": BOT_OPEN_ID}, "name": "减负助手", "tenant_key": "t"}


def encrypted(body: dict[str, Any], key: str = ENCRYPT_KEY, iv: bytes | None = None) -> bytes:
    """`{"encrypt": b64(IV + AES-256-CBC(SHA-256(key), IV, PKCS#7(JSON)))}` (a random IV unless
    one is given)."""
    iv = os.urandom(16) if iv is None else iv
    padder = padding.PKCS7(128).padder()
    plain = padder.update(json.dumps(body, ensure_ascii=False).encode()) + padder.finalize()
    cipher = Cipher(algorithms.AES(hashlib.sha256(key.encode()).digest()), modes.CBC(iv))
    encryptor = cipher.encryptor()
    data = iv + encryptor.update(plain) + encryptor.finalize()
    return json.dumps({"encrypt": base64.b64encode(data).decode()}).encode()


def signed_headers(raw: bytes, key: str = ENCRYPT_KEY) -> dict[str, str]:
    """`X-Lark-Request-Timestamp`, `-Nonce` and `X-Lark-Signature` for a raw body."""
    timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:16]
    digest = hashlib.sha256((timestamp + nonce + key).encode() + raw).hexdigest()
    return {
        "X-Lark-Request-Timestamp": timestamp,
        "X-Lark-Request-Nonce": nonce,
        "X-Lark-Signature": digest,
        "Content-Type": "application/json",
    }
