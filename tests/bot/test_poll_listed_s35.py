"""A poll that lists its options and asks for the chosen one's number: the numbers replied are
votes, not a pile-up (s35-conv). Before, only a poll whose options followed its 回复 ("回复1选农家乐，
回复2选爬山") was one; a list first and "请回复序号" after it was not, and five members choosing
option 1 made a stack. The shape is a bot menu's as much as a group poll's ([1] 授权账号 …
请回复对应数字; | 1 | TikTok | … 请回复序号选择平台 — github-file-id:60222055325, 69334406938).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.pipeline import Pipeline, scan
from policies.detect import DetectorOptions
from policies.events import Message
from policies.reply import is_poll

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 6, 5, 20, 0, tzinfo=CST)


def _stacks(first: str, replies: list[str]) -> int:
    messages = [Message("m0", "class", "teacher", first, T0)]
    messages += [
        Message(f"m{k + 1}", "class", f"p{k}", reply, T0 + timedelta(minutes=k + 1))
        for k, reply in enumerate(replies)
    ]
    incidents = scan(messages, Pipeline(lambda _gid: DetectorOptions()))
    return sum(i.kind == "stack" for i in incidents)


VOTES = ["1", "1", "2", "1", "1", "1", "2"]  # five members choose option 1


@pytest.mark.parametrize(
    ("first", "stacks"),
    [
        ("周六亲子活动时间投票\n1. 上午9点\n2. 下午2点\n请回复序号", 0),
        ("周末活动投票：①爬山 ②骑行 ③看电影，请回复对应序号", 0),
        ("[1] 周六上午\n[2] 周日下午\n------\n请回复对应数字：", 0),
        ("请各位家长回复对应数字：\n1️⃣ 参加\n2️⃣ 不参加", 0),
        # the other side: numbered items with a read receipt asked for — the 1s are acks
        ("各位家长：明天春游注意事项：\n1. 带水壶\n2. 穿校服\n收到请回复数字1", 1),
        ("各位老师：\n1. 明天8点到校\n2. 带好教案\n看到请回复数字“1”", 1),
        ("明天春游注意事项：\n1. 带水壶\n2. 穿校服\n收到请回复1", 1),
        ("请大家回复序号确认已阅本周安全提示，谢谢配合", 1),  # a number asked, no options listed
    ],
)
def test_numbers_after_a_listed_poll_are_votes(first: str, stacks: int) -> None:
    assert _stacks(first, VOTES) == stacks


def test_a_notice_after_the_poll_takes_the_numbers_back() -> None:
    """Votes answer the latest notice only: after a new notice (not a poll), 1s confirm it."""
    poll = "周六亲子活动时间投票\n1. 上午9点\n2. 下午2点\n请回复序号"
    notice = "各位家长：明天上午8点前到校参加升旗仪式，请穿好校服，看到请回复1"
    messages = [Message("m0", "class", "teacher", poll, T0)]
    messages.append(Message("m1", "class", "teacher", notice, T0 + timedelta(minutes=1)))
    messages += [
        Message(f"m{k + 2}", "class", f"p{k}", "1", T0 + timedelta(minutes=k + 2)) for k in range(5)
    ]
    incidents = scan(messages, Pipeline(lambda _gid: DetectorOptions()))
    assert sum(i.kind == "stack" for i in incidents) == 1


@pytest.mark.parametrize(
    ("text", "poll"),
    [
        (
            "| 序号 | 平台 |\n|---|---|\n| 1 | TikTok |\n| 2 | Instagram |\n请回复序号选择平台。",
            True,
        ),
        ("本周值班安排：1号楼张三，2号楼李四，请回复收到", False),  # numbers, no number asked
        ("会议时间11:30，2楼会议室，收到请回复编号", False),  # a number asked, no items 1 and 2
        ("通知：①明天开会②带笔记本，收到请回复数字1", False),  # a digit given to send
    ],
)
def test_is_poll_needs_both_the_number_asked_and_the_items(text: str, poll: bool) -> None:
    assert is_poll(text) is poll
