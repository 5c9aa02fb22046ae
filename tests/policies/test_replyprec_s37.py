"""Reply-demand precision by structure (s37-replyprec), pinned on both sides.

- A party of an exchange receives and answers: the subject right before the reading condition is a
  compound headed by 端 (an end of a channel: 客户端, 服务端, 对端) or 方 (a side: 接收方, 发送方, 对方) —
  a protocol's step told (服务端收到后回复ACK), not a notice's readers asked. The readers of a notice
  are the group (各方, 大家), a member named (张伟) or no one named (收到后回复); 请 before the party
  asks it. The party may be the reply's own subject too (对方回复收到视为发出成功, 败方回复确认).

The first lines of each list are real lines of the open sets (corpora/real/lookalike_messages.jsonl,
recall and probe sets); the others are written for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

PARTY_ANSWERS = [
    "接收方收到后回复Ack",  # lookalike set
    "服务端收到后回复ACK，处于close_wait状态",  # lookalike set
    "客户端收到消息后回复 ACK",  # lookalike set
    "发送方收到后回复确认",
    "对端看到后回复一下",
    "向合作方发出清单，且对方回复收到视为发出成功。",  # lookalike set
    "败方回复确认",  # lookalike set
    "等服务端回复确认后再发下一包",
    "发送方必须等到接收方回复确认后再发下一组",
]
READERS_ASKED = [
    "各方收到后请回复确认",
    "大家收到后回复收到",
    "收到后回复ACK",
    "张伟收到后回复一下",
    "请对方收到后回复确认",
    "明天上午九点开会，各单位负责人收到后回复“收到”",
    "请对方回复收到",
    "各方回复确认",
    "麻烦对方收到后回复确认",
    "明天开会，收到后回复确认",
]


@pytest.mark.parametrize("text", PARTY_ANSWERS)
def test_a_party_of_an_exchange_that_receives_and_answers_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", READERS_ASKED)
def test_the_readers_asked_after_reading_still_demand(text: str) -> None:
    assert classify(text).label == "ack_request"
