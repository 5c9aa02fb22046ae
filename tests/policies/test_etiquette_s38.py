"""Talk *about* replying 收到 read as a reply demand (s38-etiquette), both sides of each rule.

Real lines first (corpora/real/lookalike_messages.jsonl, their sources in corpora/real/SOURCES.md);
lines marked "invented" were written for these tests. The demands beside them keep their label.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.narration import narrated
from policies.normalize import normalize


@pytest.mark.parametrize(
    "text",
    [
        # real: an etiquette column weighing what a reply would bring about (kmcaishui.com)
        "但是,我们收到领导安排工作的信息,如果回复“收到”或“好的”,这两个选项都不够好,降低了你的职业形象分值。",
        # real: an etiquette column on what follows from no reply (pictureperfectmakeupdc.com)
        "其實,領導下完指令后,一般情況下會瀏覽一下,有關人員是否回復收到,如果你沒有回復,領導心里就會感到焦慮,"
        "心急的領導就會在群里詢問,某某某收到沒有,到時候你就被動了。",
        # invented: the same structure, a reply as the condition of what follows
        "如果只回复一个“好”字，领导会觉得你在敷衍",
        "如果不回复，同事会以为你没看到通知",
    ],
)
def test_a_reply_as_the_condition_of_what_follows_is_told(text: str) -> None:
    assert narrated(normalize(text).folded) is not None
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # real demands the rule must leave alone
        ("各位收到请回复", "ack_request"),
        ("请大家收到后回复“收到”", "ack_request"),
        ("【通知】明天上午9点开会，收到请回复", "ack_request"),
        # invented: a reading condition under 如果 keeps the reply its consequence
        ("如果收到回复一下", "ack_request"),
        ("如果看到了回复一下，谢谢", "ack_request"),
        # invented: the condition asks the readers, or nothing follows from it
        ("如果大家没有回复，请尽快回复收到", "ack_request"),
        ("明天开会，如果收到请回复", "ack_request"),
    ],
)
def test_a_reading_condition_or_an_asked_reply_stays_a_demand(text: str, label: str) -> None:
    assert classify(text).label == label
