"""Calling Feishu's open API as the app: the tenant access token, sending, chat info.

- `POST /open-apis/auth/v3/tenant_access_token/internal` `{"app_id", "app_secret"}` →
  `{"code": 0, "tenant_access_token": "t-…", "expire": <seconds>}`. The token is cached and
  fetched afresh `token_margin` before it expires (Feishu hands out a new one in the last
  30 minutes), and at once when a call answers 99991663 / 99991661 (invalid / missing token).
- `POST /open-apis/im/v1/messages?receive_id_type=chat_id` (a 1:1 reply: `open_id`) with
  `{"receive_id", "msg_type": "text", "content": "{\"text\": …}"}`; at most 5 messages a
  second per group (`SendRate`); a rate-limit answer (HTTP 429, codes 230020 / 99991400) is
  retried once a second later.
- `GET /open-apis/im/v1/chats/{chat_id}?user_id_type=open_id` → `owner_id`,
  `user_manager_id_list`, `user_count`: the group's owner and admins (cached) and size.
- `GET /open-apis/im/v1/chats/{chat_id}/members?member_id_type=open_id&page_size=100` →
  `items: [{member_id, name}]`, `has_more`, `page_token`: the group's roster with names.
- `GET /open-apis/bot/v3/info` → `{"bot": {"open_id"}}`: whether a message @s the bot.
- `GET /open-apis/im/v1/messages/{message_id}/read_users?user_id_type=open_id&page_size=100`
  → `items: [{user_id_type, user_id, timestamp}]`, `has_more`, `page_token`: who has read a
  message the bot sent (only the readers; only the bot's own messages of the last 7 days,
  while the bot is still in the chat; 50 calls a second).

Errors name the path and Feishu's code and msg, never a token or secret.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.adapters.base import AdapterError
from bot.adapters.feishu.config import FeishuSettings
from bot.adapters.token import TokenClient

TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal"
SEND_PATH = "/open-apis/im/v1/messages"
CHAT_PATH = "/open-apis/im/v1/chats/{chat_id}"
MEMBERS_PATH = "/open-apis/im/v1/chats/{chat_id}/members"
BOT_INFO_PATH = "/open-apis/bot/v3/info"
READ_USERS_PATH = "/open-apis/im/v1/messages/{message_id}/read_users"
MAX_PAGES = 60  # pages of 100 read at most: Feishu groups hold up to 5,000 members
TOKEN_CODES = frozenset({99991661, 99991663})  # missing / invalid (expired) access token
RATE_CODES = frozenset({230020, 99991400})  # sent too fast (per group / per app)
TIMEOUT = aiohttp.ClientTimeout(total=10)


class OpenApiError(AdapterError):
    """Feishu refused or failed a call: path, HTTP status, Feishu's code and msg."""

    def __init__(self, reason: str, code: int = 0, status: int = 0) -> None:
        super().__init__(f"feishu: {reason}")
        self.code = code
        self.status = status


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """What the chat API says about a group."""

    owner: str  # the owner's open_id ("" when a bot owns it)
    managers: frozenset[str]  # admins' open_ids
    size: int | None  # user_count


@dataclass(slots=True)
class SendRate:
    """At most `rate` sends per second in one group: `wait()` sleeps until one may go."""

    rate: int
    clock: Callable[[], float]
    sleep: Callable[[float], Awaitable[None]]
    _sent: deque[float] = field(default_factory=deque)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def wait(self) -> None:
        async with self._lock:
            while True:
                now = self.clock()
                while self._sent and now - self._sent[0] >= 1.0:
                    self._sent.popleft()
                if len(self._sent) < self.rate:
                    self._sent.append(now)
                    return
                await self.sleep(1.0 - (now - self._sent[0]))


class OpenApi(TokenClient[FeishuSettings]):
    """The app's open-API client over the app's one HTTP session (the tenant access token)."""

    @cached_property
    def _rates(self) -> dict[str, SendRate]:
        return {}

    async def _fetch_token(self) -> tuple[str, float]:
        answer = await self._request(
            "POST",
            TOKEN_PATH,
            {"app_id": self.settings.app_id, "app_secret": self.settings.app_secret},
            token="",
        )
        token, expire = answer.get("tenant_access_token"), answer.get("expire")
        if not isinstance(token, str) or not token or not isinstance(expire, int):
            raise OpenApiError(f"{TOKEN_PATH} answered without tenant_access_token/expire")
        return token, expire - self.settings.token_margin

    async def call(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A call with the tenant token; a token refusal fetches a new one and tries again,
        a rate-limit answer waits a second and tries again (once each)."""
        retried: set[str] = set()
        while True:
            try:
                return await self._request(method, path, body, token=await self.token())
            except OpenApiError as exc:
                if exc.code in TOKEN_CODES and "token" not in retried:
                    retried.add("token")
                    self.forget_token()
                    continue
                if (exc.code in RATE_CODES or exc.status == 429) and "rate" not in retried:
                    retried.add("rate")
                    await self._sleep(1.0)
                    continue
                raise

    async def send_text(
        self, receive_id: str, text: str, *, to_member: bool = False, markdown: bool = False
    ) -> str:
        """Post `text` to a group (`receive_id` its chat_id) or a member (`to_member`: their
        open_id), at most `sends_per_second` a second per receiver; `markdown` as a post with
        one `md` element. Returns the message id."""
        kind = "open_id" if to_member else "chat_id"
        await self._rate(receive_id).wait()
        content: dict[str, Any] = {"text": text}
        msg_type = "text"
        if markdown:
            content = {"zh_cn": {"title": "", "content": [[{"tag": "md", "text": text}]]}}
            msg_type = "post"
        body = {
            "receive_id": receive_id,
            "msg_type": msg_type,
            "content": json.dumps(content, ensure_ascii=False),
        }
        answer = await self.call("POST", f"{SEND_PATH}?receive_id_type={kind}", body)
        data = answer.get("data")
        return str(data.get("message_id", "")) if isinstance(data, dict) else ""

    async def chat(self, chat_id: str) -> ChatInfo:
        path = CHAT_PATH.format(chat_id=quote(chat_id, safe="")) + "?user_id_type=open_id"
        data = (await self.call("GET", path)).get("data")
        if not isinstance(data, dict):
            raise OpenApiError(f"{CHAT_PATH} answered without data")
        managers = data.get("user_manager_id_list")
        size = data.get("user_count")
        return ChatInfo(
            owner=str(data.get("owner_id") or ""),
            managers=frozenset(str(m) for m in managers)
            if isinstance(managers, list)
            else (frozenset()),
            size=int(size) if isinstance(size, (int, str)) and str(size).isdigit() else None,
        )

    async def chat_members(self, chat_id: str) -> dict[str, str]:
        """open_id → name of every member of the group, page by page."""
        path = MEMBERS_PATH.format(chat_id=quote(chat_id, safe=""))
        items = await self._items(path, "member_id_type=open_id&page_size=100", MEMBERS_PATH)
        return {
            i["member_id"]: str(i.get("name") or "")
            for i in items
            if isinstance(i.get("member_id"), str)
        }

    async def read_users(self, message_id: str) -> frozenset[str]:
        """The open_ids of everyone who has read the bot's message `message_id`, page by page
        (Feishu lists only readers, never who has not read it)."""
        path = READ_USERS_PATH.format(message_id=quote(message_id, safe=""))
        items = await self._items(path, "user_id_type=open_id&page_size=100", READ_USERS_PATH)
        return frozenset(i["user_id"] for i in items if isinstance(i.get("user_id"), str))

    async def _items(self, path: str, query: str, where: str) -> list[dict[str, Any]]:
        """Every item of a paged list (`data.items`, `has_more`, `page_token`), at most
        `MAX_PAGES` pages."""
        items: list[dict[str, Any]] = []
        token = ""
        for _ in range(MAX_PAGES):
            page = query + (f"&page_token={quote(token, safe='')}" if token else "")
            data = (await self.call("GET", f"{path}?{page}")).get("data")
            if not isinstance(data, dict) or not isinstance(data.get("items") or [], list):
                raise OpenApiError(f"{where} answered without data.items")
            items.extend(item for item in data.get("items") or () if isinstance(item, dict))
            token = str(data.get("page_token") or "")
            if not data.get("has_more") or not token:
                break
        return items

    async def bot_open_id(self) -> str:
        bot = (await self.call("GET", BOT_INFO_PATH)).get("bot")
        open_id = bot.get("open_id") if isinstance(bot, dict) else None
        if not isinstance(open_id, str) or not open_id:
            raise OpenApiError(f"{BOT_INFO_PATH} answered without bot.open_id")
        return open_id

    def _rate(self, receiver: str) -> SendRate:
        if receiver not in self._rates:
            if len(self._rates) > 4096:
                self._rates.clear()
            self._rates[receiver] = SendRate(
                self.settings.sends_per_second, self._clock, self._sleep
            )
        return self._rates[receiver]

    async def _request(
        self, method: str, path: str, body: dict[str, Any] | None, *, token: str
    ) -> dict[str, Any]:
        http = self._http()
        if http is None:
            raise OpenApiError("the adapter is not started")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        where = path.split("?", 1)[0]
        try:
            async with http.request(
                method, self.settings.api_base + path, json=body, headers=headers, timeout=TIMEOUT
            ) as response:
                status = response.status
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise OpenApiError(f"{method} {where} failed: {type(exc).__name__}") from None
        if not isinstance(answer, dict):
            raise OpenApiError(
                f"{method} {where} answered {status} without a JSON object", 0, status
            )
        code = answer.get("code", 0)
        if status != 200 or code != 0:
            msg = str(answer.get("msg", ""))[:200]
            code = code if isinstance(code, int) else -1
            raise OpenApiError(
                f"{method} {where} answered {status} code {code} {msg}".rstrip(), code, status
            )
        return answer


def mention_text(text: str, mentions: Sequence[str]) -> str:
    """`text` with an @ of each member first: Feishu's text `<at user_id="ou_…"></at>` tag."""
    tags = "".join(f'<at user_id="{open_id}"></at> ' for open_id in mentions if open_id)
    return tags + text


@dataclass(slots=True)
class GroupWatch:
    """Does a group show the bot only the messages that @ it?"""

    first_seen: datetime
    saw_unmentioned: bool = False  # a message that did not @ the bot arrived: it sees all


@dataclass(frozen=True, slots=True)
class CachedChat:
    info: ChatInfo
    until: float  # monotonic time after which it is asked again
