"""A notice that launches a 接龙 and numbers its own points (s36): the points (the report to hand
in, the blog; the talk video, the coding video) come first and the call for the 接龙 after them,
with no member under it — the list is what the notice announces, not who answered, so the reply
rules read the notice (接龙确认 is a confirmation asked of the group). A list of members stays a
chain: members are names or units with a word or two, and a call below them, a re-post with
members under the call, or a nickname with 的 does not make a notice of it.

Real lines behind these shapes: recall_messages.jsonl (an open-source summer programme's two
launches for its WeChat groups), and the group-buy 接龙 template of a WeChat solitaire importer
(members, then 大家快点接龙，三点结束)."""

from __future__ import annotations

import pytest

from policies.chain import is_chain, parse_chain
from policies.classify import classify

REPORT_LAUNCH = (
    "接龙\n『暑期2021中期学生报告提交确认』\n\n组委会要求 XX (时间) 之前提交报告。若同学未在截止日期前"
    "在系统内提交报告，该项目将被视为自动放弃，组委会将不再支持此项目。\n\nWechaty OSPP'21 中期需提交"
    "内容包括：\n1、组委会要求提交的报告\n2、Wechaty社区要求提交的博客\n\n请各个项目的同学，在确认已经"
    "完成后，接龙确认。（同时更新对应的 GitHub Issue）\n例 姓名/项目简称/Issue#"
)
VIDEO_LAUNCH = (
    "#接龙\n『暑期2021中期 Demo Day 视频完成确认』\n\n期中 Demo Day 视频需要2个视频：\n"
    "1. 期中汇报视频 （3-5分钟的、有真人出镜的、基于PPT的展示）\n"
    "2. Live Coding 视频（不限时长的、有真人出镜的 Live Coding）\n\n"
    "可以参考去年@范蕊 的视频：\n1. 答辩视频：https://www.bilibili.com/video/BV1n54y1U7Fn\n\n"
    "各个项目的同学 ，在完成视频录制后，接龙确认。（同时将视频链接更新到对应的 GitHub Issue）\n\n"
    "1. 姓名/项目简介/Issue#"
)

# Lists of members: a call for the 接龙 below them, members under the notice's call, 的 in a name.
MEMBER_LISTS = [
    "#接龙\n半个南瓜 等会送来\n例 楼栋号-房间号 需要多少份\n\n1.295-909 五斤西瓜，十斤苹果\n"
    "2.295-910 六斤西瓜，三斤苹果\n\n大家快点接龙，三点结束",
    REPORT_LAUNCH + "\n\n1. 张三/日程助手/#12\n2. 李四/群消息摘要/#15",
    "#接龙 早起打卡\n1. 吃可爱长大的 6:10起床\n2. 清川 早六点半 运动",
]


@pytest.mark.parametrize("text", [REPORT_LAUNCH, VIDEO_LAUNCH])
def test_a_notice_numbering_its_points_before_its_call_is_no_list(text: str) -> None:
    assert parse_chain(text) is None and not is_chain(text)
    verdict = classify(text)
    assert verdict.label == "ack_request", verdict


@pytest.mark.parametrize("text", MEMBER_LISTS)
def test_a_list_of_members_stays_a_chain(text: str) -> None:
    chain = parse_chain(text)
    assert chain is not None and is_chain(text)
    assert classify(text).label == "chain"
