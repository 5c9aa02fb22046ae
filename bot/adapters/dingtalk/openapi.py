"""Calling DingTalk's robot API (api.dingtalk.com, "new" v1.0 API) as the app's robot.

- `POST /v1.0/oauth2/accessToken` `{"appKey", "appSecret"}` → `{"accessToken", "expireIn"}`
  (7,200 s): cached, fetched afresh `TOKEN_MARGIN` before it expires, and at once when a call
  is refused 401 (`InvalidAuthentication`). Every call sends it as `x-acs-dingtalk-access-token`.
- `POST /v1.0/robot/groupMessages/send` `{"robotCode", "openConversationId", "msgKey",
  "msgParam"}` → `{"processQueryKey"}`: a group message; its key asks who has read it.
- `POST /v1.0/robot/groupMessages/query` `{"robotCode", "openConversationId",
  "processQueryKey", "maxResults" (≤ 200), "nextToken"}` → `{"sendStatus", "readUserIds",
  "hasMore", "nextToken"}`: the userIds that have read it, page by page. DingTalk answers
  `processQueryKey.expireTime` while it has no read data yet, or no longer.
- `POST /v1.0/robot/oToMessages/batchSend` `{"robotCode", "userIds" (≤ 20), "msgKey",
  "msgParam"}` → `{"processQueryKey", "invalidStaffIdList", "flowControlledStaffIdList"}`: the
  robot's 1:1 chat with each member.

`msgKey` "sampleText" takes `msgParam` `{"content"}`, "sampleMarkdown" `{"title", "text"}` (a
JSON string). Errors are HTTP 4xx/5xx with `{"code", "message", "requestid"}`; a 429 (or a
throttling code) is tried once more a second later. Errors name the path, the status and
DingTalk's code and message — never a token or secret.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from bot.adapters.base import AdapterError
from bot.adapters.dingtalk.config import DingTalkSettings
from bot.adapters.dingtalk.robot import markdown_title
from bot.adapters.token import TokenClient

TOKEN_PATH = "/v1.0/oauth2/accessToken"
GROUP_SEND_PATH = "/v1.0/robot/groupMessages/send"
GROUP_QUERY_PATH = "/v1.0/robot/groupMessages/query"
PRIVATE_SEND_PATH = "/v1.0/robot/oToMessages/batchSend"
TOKEN_HEADER = "x-acs-dingtalk-access-token"
TOKEN_MARGIN = 300.0  # seconds before expiry a token is fetched afresh
PAGE_SIZE = 200  # readUserIds per page: the documented maximum of maxResults
MAX_PAGES = 50  # pages read at most (10,000 readers)
NOT_READY = "processQueryKey.expireTime"  # no read data for the key (not yet, or no longer)
THROTTLED = ("Throttling", "QpsLimit", "flowControl")  # parts of rate-limit codes
TIMEOUT = aiohttp.ClientTimeout(total=10)


class RobotApiError(AdapterError):
    """DingTalk refused or failed a robot-API call: path, HTTP status, its code and message."""

    def __init__(self, reason: str, code: str = "", status: int = 0) -> None:
        super().__init__(f"dingtalk: {reason}")
        self.code = code
        self.status = status


def message_param(text: str, *, markdown: bool) -> tuple[str, str]:
    """(msgKey, msgParam) of a text or markdown robot message."""
    if markdown:
        param = {"title": markdown_title(text), "text": text}
        return "sampleMarkdown", json.dumps(param, ensure_ascii=False)
    return "sampleText", json.dumps({"content": text}, ensure_ascii=False)


class RobotApi(TokenClient[DingTalkSettings]):
    """The app robot's open-API calls, with a cached access token."""

    async def send_group(self, conversation_id: str, text: str, *, markdown: bool) -> str:
        """Post in a group (its openConversationId); the message's processQueryKey."""
        key, param = message_param(text, markdown=markdown)
        body = {
            "robotCode": self.settings.robot_code,
            "openConversationId": conversation_id,
            "msgKey": key,
            "msgParam": param,
        }
        return _query_key(await self.call(GROUP_SEND_PATH, body), GROUP_SEND_PATH)

    async def send_private(self, user_id: str, text: str, *, markdown: bool) -> str:
        """Post in the robot's 1:1 chat with the member `user_id` (their userId/staffId)."""
        key, param = message_param(text, markdown=markdown)
        body = {
            "robotCode": self.settings.robot_code,
            "userIds": [user_id],
            "msgKey": key,
            "msgParam": param,
        }
        answer = await self.call(PRIVATE_SEND_PATH, body)
        for field, why in (
            (
                "invalidStaffIdList",
                "is not a userId the robot can reach (not in the organisation?)",
            ),
            ("flowControlledStaffIdList", "was not sent to: DingTalk throttled the robot"),
        ):
            if user_id in (answer.get(field) or ()):
                raise RobotApiError(f"{PRIVATE_SEND_PATH}: member {user_id} {why}", field, 200)
        return _query_key(answer, PRIVATE_SEND_PATH)

    async def group_readers(self, conversation_id: str, query_key: str) -> frozenset[str]:
        """The userIds that have read the group message `query_key`, page by page."""
        readers: set[str] = set()
        body: dict[str, Any] = {
            "robotCode": self.settings.robot_code,
            "openConversationId": conversation_id,
            "processQueryKey": query_key,
            "maxResults": PAGE_SIZE,
        }
        for _ in range(MAX_PAGES):
            answer = await self.call(GROUP_QUERY_PATH, body)
            ids = answer.get("readUserIds") or []
            if not isinstance(ids, list):
                raise RobotApiError(f"{GROUP_QUERY_PATH} answered readUserIds that is not a list")
            readers.update(i for i in ids if isinstance(i, str))
            token = answer.get("nextToken")
            if not answer.get("hasMore") or not isinstance(token, str) or not token:
                break
            body["nextToken"] = token
        return frozenset(readers)

    async def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST with the access token; a refused token is fetched again and a throttled call
        waits a second, each tried once more."""
        retried: set[str] = set()
        while True:
            try:
                return await self._request(path, body, await self.token())
            except RobotApiError as exc:
                if exc.status == 401 and "token" not in retried:
                    retried.add("token")
                    self.forget_token()
                    continue
                throttled = exc.status == 429 or any(t in exc.code for t in THROTTLED)
                if throttled and "rate" not in retried:
                    retried.add("rate")
                    await self._sleep(1.0)
                    continue
                raise

    async def _fetch_token(self) -> tuple[str, float]:
        credentials = {"appKey": self.settings.client_id, "appSecret": self.settings.client_secret}
        answer = await self._request(TOKEN_PATH, credentials, "")
        token, expire = answer.get("accessToken"), answer.get("expireIn")
        if not isinstance(token, str) or not token or not isinstance(expire, int):
            raise RobotApiError(f"{TOKEN_PATH} answered without accessToken/expireIn")
        return token, expire - TOKEN_MARGIN

    async def _request(self, path: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        http = self._http()
        if http is None:
            raise RobotApiError("the adapter is not started")
        headers = {TOKEN_HEADER: token} if token else {}
        url = self.settings.openapi_endpoint + path
        try:
            async with http.post(url, json=body, headers=headers, timeout=TIMEOUT) as response:
                status = response.status
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise RobotApiError(f"POST {path} failed: {type(exc).__name__}", "", 0) from None
        if not isinstance(answer, dict):
            raise RobotApiError(f"POST {path} answered {status} without a JSON object", "", status)
        if status != 200:
            code = str(answer.get("code", ""))[:100]
            message = str(answer.get("message", ""))[:200]
            raise RobotApiError(
                f"POST {path} answered {status} {code} {message}".rstrip(), code, status
            )
        return answer


def _query_key(answer: dict[str, Any], path: str) -> str:
    key = answer.get("processQueryKey")
    if not isinstance(key, str) or not key:
        raise RobotApiError(f"{path} answered without processQueryKey", "", 200)
    return key
