"""DingTalk's side of silent-confirmation notices, against fake DingTalk servers on loopback
(`FakeRobotApi` for api.dingtalk.com's robot API, `FakeOapi` for webhooks): the notice's
processQueryKey, who has read it (groupMessages/query, page by page, as userIds — the ids
`Message.sender_id` carries), 1:1 confirmations in, private nudges out (oToMessages/batchSend),
webhook-only robots (no reference, no read status) and clear errors."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from fake_dingtalk import (
    FakeOapi,
    FakeRobotApi,
    documented_payload,
    host_of,
    post_callback,
)

from bot.adapters.base import AdapterError
from bot.adapters.dingtalk import (
    CALLBACK_PATH,
    DingTalkAdapter,
    DingTalkConfigError,
    DingTalkSettings,
)
from bot.adapters.dingtalk.robot import RobotWebhook
from policies.events import Message
from tests.bot.adapters.serving import on_loopback, recorder

APP_KEY = "dingappkey0001"
APP_SECRET = "app-secret-Zx81"
ROBOT_CODE = "dingrobot0001"
GROUP = "cid-xxx"  # the documented conversationId: the group's openConversationId
MEMBER = "user123"  # the documented senderStaffId
GROUP_SEND = "/v1.0/robot/groupMessages/send"
GROUP_QUERY = "/v1.0/robot/groupMessages/query"
PRIVATE_SEND = "/v1.0/robot/oToMessages/batchSend"


async def no_sleep(_: float) -> None:
    return None


@dataclass
class Bot:
    adapter: DingTalkAdapter
    api: FakeRobotApi
    oapi: FakeOapi
    url: str
    http: aiohttp.ClientSession
    received: list[Message] = field(default_factory=list)

    async def callback(self, payload: dict[str, Any]) -> int:
        return await post_callback(self.http, self.url + CALLBACK_PATH, payload, APP_SECRET)


async def serve(robot_code: str, **kwargs: Any) -> AsyncIterator[Bot]:
    api = await FakeRobotApi(app_key=APP_KEY, app_secret=APP_SECRET, robot_code=ROBOT_CODE).start()
    api.staff = {MEMBER, "user456"}
    oapi = await FakeOapi({"robot-token": "SECrobot"}).start()
    settings = DingTalkSettings(
        client_secret=APP_SECRET,
        client_id=APP_KEY,
        robot_code=robot_code,
        openapi_endpoint=api.base,
        robot_endpoint=oapi.base,
        session_hosts=(host_of(oapi.base),),
    )
    adapter = DingTalkAdapter(settings, sleep=no_sleep, **kwargs)
    adapter.set_private_filter(lambda text: text in ("1", "收到") or text.startswith("/jf"))
    received: list[Message] = []
    try:
        async with on_loopback(adapter, recorder(received)) as url, aiohttp.ClientSession() as http:
            yield Bot(adapter, api, oapi, url, http, received=received)
    finally:
        await api.close()
        await oapi.close()


@pytest.fixture
async def bot() -> AsyncIterator[Bot]:
    async for served in serve(ROBOT_CODE):
        yield served


# --- notices and their read status ---


async def test_a_notice_goes_through_the_robot_api_and_its_key_is_returned(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(GROUP, "周五前提交安全检查表")
    [call] = bot.api.to(GROUP_SEND)
    assert bot.api.sent[ref] is call  # the processQueryKey DingTalk answered
    assert call.body["openConversationId"] == GROUP and call.body["robotCode"] == ROBOT_CODE
    assert call.body["msgKey"] == "sampleText"
    assert json.loads(call.body["msgParam"]) == {"content": "周五前提交安全检查表"}
    assert bot.oapi.session_posts == [] and bot.oapi.robot_posts == []


async def test_read_by_pages_through_every_reader(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(GROUP, "通知")
    readers = [f"user{k:04d}" for k in range(450)]
    bot.api.readers[ref] = readers
    assert await bot.adapter.read_by(GROUP, ref) == frozenset(readers)
    queries = [c.body for c in bot.api.to(GROUP_QUERY)]
    assert [q.get("nextToken") for q in queries] == [None, "200", "400"]
    assert {(q["maxResults"], q["processQueryKey"], q["openConversationId"]) for q in queries} == {
        (200, ref, GROUP)
    }


async def test_a_reader_is_known_by_the_id_their_messages_carry(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(GROUP, "通知")
    assert await bot.callback(documented_payload(bot.oapi.base)) == 200
    [said] = bot.received
    bot.api.readers[ref] = [MEMBER]
    assert await bot.adapter.read_by(GROUP, ref) == {said.sender_id}


async def test_no_read_data_yet_and_no_reference_mean_cannot_tell(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(GROUP, "通知")
    assert await bot.adapter.read_by(GROUP, ref) == frozenset()  # nobody has read it
    bot.api.not_ready.add(ref)
    assert await bot.adapter.read_by(GROUP, ref) is None  # processQueryKey.expireTime
    assert await bot.adapter.read_by(GROUP, "") is None


async def test_a_webhook_only_robot_posts_the_notice_with_no_reference() -> None:
    robots = {GROUP: RobotWebhook("robot-token", "SECrobot")}
    async for bot in serve("", robots=robots):  # no DINGTALK_ROBOT_CODE
        assert await bot.adapter.send_notice(GROUP, "通知") == ""
        [post] = bot.oapi.robot_posts
        assert post.body == {"msgtype": "text", "text": {"content": "通知"}}
        assert await bot.adapter.read_by(GROUP, "") is None
        assert bot.api.calls == [] and bot.api.token_requests == 0


async def test_a_notice_the_api_refuses_is_posted_by_webhook_without_read_status() -> None:
    robots = {GROUP: RobotWebhook("robot-token", "SECrobot")}
    async for bot in serve(ROBOT_CODE, robots=robots):
        refusal = '{"code": "invalid.openConversationId", "message": "无效的openConversationId"}'
        bot.api.faults = [(400, refusal)]
        assert await bot.adapter.send_notice(GROUP, "通知") == ""
        assert [p.body["text"]["content"] for p in bot.oapi.robot_posts] == ["通知"]
        assert "invalid.openConversationId" in bot.adapter.status().detail


async def test_a_notice_nothing_else_can_post_raises_the_apis_refusal(bot: Bot) -> None:
    bot.api.faults = [(400, '{"code": "bot.stopped", "message": "群机器人已经停用"}')]
    with pytest.raises(AdapterError, match=r"groupMessages/send answered 400 bot\.stopped"):
        await bot.adapter.send_notice(GROUP, "通知")
    bot.api.faults = [(200, "<html>")]  # the post may have gone out: never posted twice
    bot.adapter.robots[GROUP] = RobotWebhook("robot-token", "SECrobot")
    with pytest.raises(AdapterError, match="JSONDecodeError"):
        await bot.adapter.send_notice(GROUP, "通知")
    assert bot.oapi.robot_posts == []
    bot.api.faults = [(400, '{"code": "bot.stopped", "message": "群机器人已经停用"}')]
    assert await bot.adapter.send_notice(GROUP, "再通知") == ""  # refused: the robot posts it
    assert [p.body["text"]["content"] for p in bot.oapi.robot_posts] == ["再通知"]


# --- private confirmations in, private nudges out ---


def direct(base: str, msg_id: str, text: str, sender: str = MEMBER) -> dict[str, Any]:
    """A 1:1 chat with the robot (conversationType "1")."""
    return documented_payload(
        base, msgId=msg_id, text={"content": text}, conversationType="1", senderStaffId=sender,
        conversationId=f"cid-direct-{sender}", atUsers=[], conversationTitle="",
    )  # fmt: skip


async def test_a_confirmation_in_the_one_to_one_chat_arrives_with_group_empty(bot: Bot) -> None:
    assert await bot.callback(direct(bot.oapi.base, "m-1", "1")) == 200
    [confirmed] = bot.received
    assert (confirmed.group_id, confirmed.sender_id, confirmed.text) == ("", MEMBER, "1")


async def test_other_private_talk_is_answered_200_and_stays_out(bot: Bot) -> None:
    assert await bot.callback(direct(bot.oapi.base, "m-2", "今晚吃什么")) == 200
    picture = direct(bot.oapi.base, "m-3", "") | {"msgtype": "picture", "content": {}}
    assert await bot.callback(picture) == 200
    assert bot.received == []


async def test_a_private_nudge_goes_through_the_robots_one_to_one_api(bot: Bot) -> None:
    await bot.adapter.send("", "请确认：周五前提交安全检查表", [MEMBER])
    [call] = bot.api.to(PRIVATE_SEND)
    assert call.body["userIds"] == [MEMBER] and call.body["robotCode"] == ROBOT_CODE
    assert json.loads(call.body["msgParam"]) == {"content": "请确认：周五前提交安全检查表"}
    assert bot.oapi.session_posts == []


async def test_a_private_reply_prefers_the_members_live_session(bot: Bot) -> None:
    assert await bot.callback(direct(bot.oapi.base, "m-4", "/jf status")) == 200
    await bot.adapter.send("", "已暂停", [MEMBER])
    [post] = bot.oapi.session_posts
    assert post.body["text"]["content"] == "已暂停"
    assert bot.api.to(PRIVATE_SEND) == []


async def test_a_nudge_to_someone_outside_the_organisation_is_a_clear_error(bot: Bot) -> None:
    with pytest.raises(AdapterError, match="member \\$:LWCP_v1:\\$x is not a userId"):
        await bot.adapter.send("", "请确认", ["$:LWCP_v1:$x"])


async def test_without_the_robot_api_a_nudge_with_no_session_says_what_is_missing() -> None:
    async for bot in serve(""):
        with pytest.raises(AdapterError, match="DINGTALK_ROBOT_CODE"):
            await bot.adapter.send("", "请确认", [MEMBER])


async def test_group_posts_without_a_session_or_webhook_use_the_robot_api(bot: Bot) -> None:
    await bot.adapter.send(GROUP, "**周报**", markdown=True)
    [call] = bot.api.to(GROUP_SEND)
    assert call.body["msgKey"] == "sampleMarkdown"
    assert json.loads(call.body["msgParam"]) == {"title": "周报", "text": "**周报**"}


# --- tokens and errors ---


async def test_the_token_is_fetched_once_and_again_when_refused(bot: Bot) -> None:
    await bot.adapter.send_notice(GROUP, "一")
    await bot.adapter.send_notice(GROUP, "二")
    assert bot.api.token_requests == 1
    bot.api.expire_tokens()
    await bot.adapter.send_notice(GROUP, "三")
    assert bot.api.token_requests == 2
    assert len(bot.api.sent) == 3


@pytest.mark.parametrize(
    ("faults", "says"),
    [
        (
            2 * [(401, '{"code": "InvalidAuthentication", "message": "不合法的access_token"}')],
            "401",
        ),
        (2 * [(429, '{"code": "Throttling.Api", "message": "请求太频繁"}')], "429 Throttling.Api"),
        ([(200, "<html>bad gateway</html>")], "failed: JSONDecodeError"),
        ([(200, '{"readUserIds": "user123"}')], "readUserIds that is not a list"),
    ],
)
async def test_a_refused_read_status_call_is_a_clear_adapter_error(
    bot: Bot, faults: list[tuple[int, str]], says: str
) -> None:
    ref = await bot.adapter.send_notice(GROUP, "通知")
    bot.api.faults = list(faults)
    with pytest.raises(AdapterError, match=says) as caught:
        await bot.adapter.read_by(GROUP, ref)
    assert GROUP_QUERY in str(caught.value)
    assert "tok-" not in str(caught.value) and APP_SECRET not in str(caught.value)
    assert bot.api.faults == []  # a 401 and a 429 were each tried once more
    assert says in bot.adapter.status().detail


async def test_wrong_app_credentials_are_a_clear_error_naming_the_token_call() -> None:
    async for bot in serve(ROBOT_CODE):
        bot.api.app_secret = "rotated"
        with pytest.raises(AdapterError, match="accessToken answered 400 invalidClientIdOrSecret"):
            await bot.adapter.send_notice(GROUP, "通知")


# --- configuration ---


def test_the_robot_code_turns_the_robot_api_on_and_needs_the_app_key() -> None:
    env = {"DINGTALK_CLIENT_SECRET": APP_SECRET, "DINGTALK_ROBOT_CODE": f" {ROBOT_CODE} "}
    with pytest.raises(DingTalkConfigError, match="DINGTALK_ROBOT_CODE needs DINGTALK_CLIENT_ID"):
        DingTalkSettings.from_env(env)
    settings = DingTalkSettings.from_env(env | {"DINGTALK_CLIENT_ID": APP_KEY})
    assert settings is not None and settings.robot_code == ROBOT_CODE
    adapter = DingTalkAdapter(settings)
    assert adapter.outbox.api is not None
    assert DingTalkAdapter(DingTalkSettings(client_secret=APP_SECRET)).outbox.api is None
