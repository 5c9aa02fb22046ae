"""Fake DingTalk servers on 127.0.0.1 speaking the documented wire protocol.

- `FakeOapi` (on the test's event loop): the `sessionWebhook` endpoint (`/robot/sendBySession`)
  and the custom group robot (`/robot/send?access_token&timestamp&sign`), which verifies the
  signature itself, with its own HMAC, and refuses bad ones with DingTalk's errcode 310000.
- `FakeRobotApi` (on the test's event loop): api.dingtalk.com's robot API — the access token
  (`/v1.0/oauth2/accessToken`), `groupMessages/send` (a `processQueryKey` per message),
  `groupMessages/query` (its `readUserIds`, `maxResults` ≤ 200 a page, `nextToken`) and
  `oToMessages/batchSend` (members outside `staff` come back in `invalidStaffIdList`); every
  call needs a live `x-acs-dingtalk-access-token`, else 401 `InvalidAuthentication`. `faults`
  are answers (status, raw body) served instead of the next call's other than a token's.
- `FakeStreamGateway` (on a thread of its own, because the SDK blocks its loop with `requests`):
  `POST /v1.0/gateway/connections/open` and the WebSocket it points to, which sends the queued
  frames to the client and collects every frame the client sends back.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import queue
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import WSMsgType, web

from tests.conftest import start_on_loopback

SESSION_PATH = "/robot/sendBySession"
ROBOT_PATH = "/robot/send"
CHATBOT_TOPIC = "/v1.0/im/bot/messages/get"


def documented_payload(base: str = "", **changes: Any) -> dict[str, Any]:
    """The documented callback example, sent now; the session webhook points at `base` and
    is live."""
    now = int(time.time() * 1000)
    payload: dict[str, Any] = {
        "conversationId": "cid-xxx",
        "atUsers": [{"dingtalkId": "xxx", "staffId": "xxx"}],
        "chatbotCorpId": "dinge8a565xxxx",
        "chatbotUserId": "$:LWCP_v1:$Cxxxxx",
        "msgId": "msg0xxxxx",
        "senderNick": "杨xx",
        "isAdmin": True,
        "senderStaffId": "user123",
        "sessionWebhookExpiredTime": now + 90 * 60 * 1000,
        "createAt": now,  # the documented example says 1613630252678 (2021)
        "senderCorpId": "dinge8a565xxxx",
        "conversationType": "2",
        "senderId": "$:LWCP_v1:$Ff09GIxxxxx",
        "conversationTitle": "机器人测试-TEST",
        "isInAtList": True,
        "sessionWebhook": f"{base}{SESSION_PATH}?session=xxxxx",
        "text": {"content": " 你好"},
        "msgtype": "text",
    }
    payload.update(changes)
    return payload


_last_stamp = [0]


def fresh_timestamp() -> int:
    """Now in milliseconds, never the same twice: the bot accepts each signed timestamp once
    (DingTalk's sign covers only the timestamp), so two callbacks in one millisecond would
    look like a replay."""
    _last_stamp[0] = max(int(time.time() * 1000), _last_stamp[0] + 1)
    return _last_stamp[0]


def signed_headers(secret: str) -> dict[str, str]:
    """A callback's headers as DingTalk sends them: a fresh timestamp and its sign."""
    stamp = str(fresh_timestamp())
    return {"timestamp": stamp, "sign": dingtalk_sign(stamp, secret)}


async def post_callback(
    http: aiohttp.ClientSession, url: str, payload: dict[str, Any], secret: str
) -> int:
    """POST `payload` to a bot's callback `url` signed with `secret`, as DingTalk does; the
    answer's status."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    async with http.post(url, data=body, headers=signed_headers(secret)) as response:
        return response.status


def host_of(base: str) -> str:
    """`127.0.0.1:port` of a fake's base URL: what DINGTALK_SESSION_HOSTS must allow."""
    return base.split("://", 1)[1]


def dingtalk_sign(timestamp: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


@dataclass
class Post:
    """One message the bot posted."""

    path: str
    query: dict[str, str]
    body: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class FakeOapi:
    """oapi.dingtalk.com: session webhooks and custom group robots."""

    def __init__(self, robot_tokens: dict[str, str] | None = None) -> None:
        self.robot_tokens = dict(robot_tokens or {})  # access_token → SEC secret
        self.session_posts: list[Post] = []
        self.robot_posts: list[Post] = []
        self.session_errcode = 0  # 300001 = "session 不存在"
        self.session_hold: asyncio.Event | None = None  # set: session posts wait for it
        self.session_held: list[dict[str, Any]] = []  # bodies of posts waiting on the hold
        self.robot_hold: asyncio.Event | None = None  # set: robot posts wait for it
        self.robot_received: list[dict[str, Any]] = []  # every robot post that arrived
        self.arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> FakeOapi:
        app = web.Application()
        app.router.add_post(SESSION_PATH, self._session)
        app.router.add_post(ROBOT_PATH, self._robot)
        self._runner, self.base = await start_on_loopback(app)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_posts(self, posts: list[Post], count: int, timeout: float = 10) -> None:
        async with asyncio.timeout(timeout):
            while len(posts) < count:
                self.arrived.clear()
                await self.arrived.wait()

    async def _session(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.session_hold is not None:  # a slow DingTalk: answer once the test says so
            self.session_held.append(body)
            await self.session_hold.wait()
        if self.session_errcode:
            return web.json_response({"errcode": self.session_errcode, "errmsg": "session 不存在"})
        self.session_posts.append(Post(request.path, dict(request.query), body))
        self.arrived.set()
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    async def _robot(self, request: web.Request) -> web.Response:
        body = await request.json()
        query = dict(request.query)  # aiohttp has already %-decoded the values
        secret = self.robot_tokens.get(query.get("access_token", ""))
        if secret is None:
            return web.json_response({"errcode": 300001, "errmsg": "token is not exist"})
        timestamp = query.get("timestamp", "")
        if not timestamp.isdigit() or abs(time.time() * 1000 - int(timestamp)) > 3600_000:
            return web.json_response({"errcode": 310000, "errmsg": "timestamp invalid"})
        expected = dingtalk_sign(timestamp, secret)
        if not hmac.compare_digest(query.get("sign", ""), expected):
            return web.json_response({"errcode": 310000, "errmsg": "sign not match"})
        self.robot_received.append(body)
        self.arrived.set()
        if self.robot_hold is not None:  # DingTalk has it, and has not answered yet
            await self.robot_hold.wait()
        self.robot_posts.append(Post(request.path, query, body))
        self.arrived.set()
        return web.json_response({"errcode": 0, "errmsg": "ok"})


@dataclass
class ApiCall:
    """One robot-API call the bot made."""

    path: str
    body: dict[str, Any]
    token: str


class FakeRobotApi:
    """api.dingtalk.com: the app robot's messages and their read status."""

    def __init__(self, *, app_key: str, app_secret: str, robot_code: str) -> None:
        self.app_key, self.app_secret, self.robot_code = app_key, app_secret, robot_code
        self.staff: set[str] = set()  # userIds of the organisation's members
        self.readers: dict[str, list[str]] = {}  # processQueryKey → userIds that read it
        self.not_ready: set[str] = set()  # keys answered processQueryKey.expireTime
        self.calls: list[ApiCall] = []  # every call but the token's, answered or not
        self.sent: dict[str, ApiCall] = {}  # processQueryKey → the send that made it
        self.faults: list[tuple[int, str]] = []
        self.token_requests = 0
        self._tokens: set[str] = set()
        self._runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> FakeRobotApi:
        app = web.Application(middlewares=[self._fault])
        app.router.add_post("/v1.0/oauth2/accessToken", self._token)
        app.router.add_post("/v1.0/robot/groupMessages/send", self._group_send)
        app.router.add_post("/v1.0/robot/groupMessages/query", self._group_query)
        app.router.add_post("/v1.0/robot/oToMessages/batchSend", self._batch_send)
        self._runner, self.base = await start_on_loopback(app)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def expire_tokens(self) -> None:
        self._tokens.clear()

    def to(self, path: str) -> list[ApiCall]:
        """The calls to `path` (`/v1.0/robot/…`), oldest first."""
        return [c for c in self.calls if c.path == path]

    @web.middleware
    async def _fault(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if self.faults and request.path != "/v1.0/oauth2/accessToken":
            status, raw = self.faults.pop(0)
            return web.Response(status=status, text=raw, content_type="application/json")
        response: web.StreamResponse = await handler(request)
        return response

    async def _token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        body = await request.json()
        if body != {"appKey": self.app_key, "appSecret": self.app_secret}:
            return _error(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret")
        token = "tok-" + uuid.uuid4().hex
        self._tokens.add(token)
        return web.json_response({"accessToken": token, "expireIn": 7200})

    async def _call(self, request: web.Request) -> tuple[dict[str, Any], web.Response | None]:
        """The call's body, or the error its token, robotCode or shape earns."""
        token = request.headers.get("x-acs-dingtalk-access-token", "")
        body = await request.json()
        self.calls.append(ApiCall(request.path, body, token))
        if token not in self._tokens:
            return body, _error(401, "InvalidAuthentication", "不合法的access_token")
        if body.get("robotCode") != self.robot_code:
            return body, _error(400, "invalidParameter.robotCode.invalid", "无效的robotCode")
        if "msgKey" in body:
            if body["msgKey"] not in ("sampleText", "sampleMarkdown"):
                return body, _error(400, "invalidParameter.msgKey.invalid", "msgKey不合法")
            json.loads(body["msgParam"])  # a JSON string
        return body, None

    async def _group_send(self, request: web.Request) -> web.Response:
        _, refused = await self._call(request)
        if refused is not None:
            return refused
        key = uuid.uuid4().hex + "+/="  # real keys are base64: they need escaping in URLs
        self.sent[key] = self.calls[-1]
        return web.json_response({"processQueryKey": key})

    async def _group_query(self, request: web.Request) -> web.Response:
        body, refused = await self._call(request)
        if refused is not None:
            return refused
        key = body.get("processQueryKey", "")
        sent = self.sent.get(key)
        if sent is None or sent.body["openConversationId"] != body.get("openConversationId"):
            return _error(400, "invalid.processQueryKey", "无效的processQueryKey")
        if key in self.not_ready:
            return _error(
                400, "processQueryKey.expireTime", "processQueryKey还未生成消息查询数据或已过期"
            )
        size = int(body.get("maxResults", 200))
        if size > 200:
            return _error(400, "invalidParameter.pageSize.invalid", "maxResults超出上限200")
        start = int(body.get("nextToken") or 0)
        readers = self.readers.get(key, [])
        more = start + size < len(readers)
        answer = {
            "sendStatus": "SUCCESS",
            "readUserIds": readers[start : start + size],
            "hasMore": more,
            "nextToken": str(start + size) if more else "",
        }
        return web.json_response(answer)

    async def _batch_send(self, request: web.Request) -> web.Response:
        body, refused = await self._call(request)
        if refused is not None:
            return refused
        users = body.get("userIds", [])
        if not users or len(users) > 20:
            return _error(400, "invalidParameter.userIds.overMax", "用户userId列表超过上限")
        key = uuid.uuid4().hex
        self.sent[key] = self.calls[-1]
        invalid = [u for u in users if u not in self.staff]
        answer = {"processQueryKey": key, "invalidStaffIdList": invalid}
        return web.json_response(answer | {"flowControlledStaffIdList": []})


def _error(status: int, code: str, message: str) -> web.Response:
    """api.dingtalk.com's error body."""
    body = {"code": code, "requestid": uuid.uuid4().hex, "message": message}
    return web.json_response(body, status=status)


def callback_frame(data: Any, message_id: str | None = None) -> dict[str, Any]:
    """A Stream CALLBACK frame carrying a robot message (`data` is a JSON string on the wire)."""
    return {
        "specVersion": "1.0",
        "type": "CALLBACK",
        "headers": {
            "appId": "app-1",
            "contentType": "application/json",
            "messageId": message_id or uuid.uuid4().hex,
            "time": str(int(time.time() * 1000)),
            "topic": CHATBOT_TOPIC,
        },
        "data": data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
    }


class FakeStreamGateway:
    """DingTalk's Stream gateway, on its own thread and event loop."""

    def __init__(self, *, client_id: str, client_secret: str, open_status: int = 200) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.open_status = open_status  # answer connections/open with this status
        self.open_delay = 0.0  # seconds connections/open takes to answer
        self.ticket = "ticket-" + uuid.uuid4().hex
        self.frames: list[dict[str, Any]] = []  # sent to each client once it connects
        self.opens: queue.Queue[dict[str, Any]] = queue.Queue()  # connections/open bodies
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()  # frames from the client
        self.base = ""
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._done: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="fake-stream-gateway", daemon=True)

    def start(self) -> FakeStreamGateway:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake gateway did not start")
        return self

    def stop(self) -> None:
        if self._done is not None:
            self._loop.call_soon_threadsafe(self._done.set)
        self._thread.join(10)

    def next_received(self, timeout: float = 10) -> dict[str, Any]:
        return self.received.get(timeout=timeout)

    def _run(self) -> None:
        self._loop.run_until_complete(self._serve())
        self._loop.close()

    async def _serve(self) -> None:
        self._done = asyncio.Event()
        app = web.Application()
        app.router.add_post("/v1.0/gateway/connections/open", self._open)
        app.router.add_get("/connect", self._connect)
        runner = web.AppRunner(app, shutdown_timeout=1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        self._ready.set()
        await self._done.wait()
        await runner.cleanup()

    async def _open(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.opens.put(body)
        await asyncio.sleep(self.open_delay)
        if self.open_status != 200:
            return web.json_response({"code": "Unauthorized"}, status=self.open_status)
        if (body.get("clientId"), body.get("clientSecret")) != (self.client_id, self.client_secret):
            return web.json_response({"code": "InvalidAuthentication"}, status=401)
        ws_base = self.base.replace("http://", "ws://")
        return web.json_response({"endpoint": f"{ws_base}/connect", "ticket": self.ticket})

    async def _connect(self, request: web.Request) -> web.StreamResponse:
        if request.query.get("ticket") != self.ticket:
            return web.json_response({"code": "bad ticket"}, status=403)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        for frame in self.frames:
            await ws.send_str(json.dumps(frame, ensure_ascii=False))
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                self.received.put(json.loads(msg.data))
        return ws
