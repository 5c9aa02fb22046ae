"""WeChat quote-replies as bots and exports receive them: 「name：quoted」, a line of spaced
dashes, the reply. Only the reply is the member's message; the quote is what it answers.

The format is the platform's (wechaty's puppets build it, itchat and chatgpt-on-wechat receive
it; two real quote-replies from a bot's tests are in corpora/real/real_conversations.jsonl).
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.text import reply_text, split_quote
from tests.policies.test_detect import NAMES, Chat

DASHES = "\n- - - - - - - - - - - - - - -\n"
NOTICE = "【通知】明天上午9点在三楼会议室开会，请各科室负责人准时参加，带好上月台账。"


def quoting(quoted: str, reply: str, who: str = "王主任") -> str:
    return f"「{who}：{quoted}」{DASHES}{reply}"


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        # real, as delivered (a bot's test inputs)
        (
            f"「风：[图片]」{DASHES}@前夜 看看图片里 hermes 是啥问题",
            "@前夜 看看图片里 hermes 是啥问题",
        ),
        (f"「𝓓𝓪𝓵𝓲·𝓦𝓪𝓷𝓰：公益啊」{DASHES}@前夜 有 ds 公益站？", "@前夜 有 ds 公益站？"),
        # itchat's spacing, a multi-line quote, a quote inside the quote
        (f"「 张三: 明天开会 」{DASHES}1", "1"),
        (quoting("第一行\n第二行", "收到"), "收到"),
        (quoting("请回复「收到」", "收到"), "收到"),
    ],
)
def test_a_quote_reply_is_split_into_its_reply(text: str, reply: str) -> None:
    assert reply_text(text) == reply
    assert split_quote(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "「张老师：明天到校」\n收到",  # a quote typed by hand, no dashed line
        "请大家回复「收到」" + DASHES + "谢谢",  # the text does not open with the quote
        "「张老师：明天到校」\n- - -\n收到",  # three dashes: a list or a divider, not WeChat's line
        "「张老师：明天到校」 - - - - - - - - 收到",  # dashes on the quote's own line
        "收到",
    ],
)
def test_other_texts_are_no_quote_reply(text: str) -> None:
    assert split_quote(text) is None
    assert reply_text(text) == text


@pytest.mark.parametrize(
    ("quoted", "reply", "label"),
    [
        ("明天上午8点到校，请准时", "收到", "ack"),
        ("请各位看到后回复收到", "收到", "ack"),  # the demand is the quote's, not the reply's
        ("巡查时拍照发群里", "好的，王主任", "ack"),
        ("请各位今天下班前转发并截图", "已转发", "ack"),
        ("#接龙\n已学习\n\n1. 张三", "收到", "ack"),  # quoting a 接龙 is no 接龙 post
        ("周五的材料", "收到请回复", "ack_request"),  # the reply's own demand still counts
        ("请各位看到后回复收到", "我下午三点前把表发你", "other"),
    ],
)
def test_a_quote_reply_is_labelled_by_its_reply(quoted: str, reply: str, label: str) -> None:
    assert classify(quoting(quoted, reply)).label == label


def test_acks_quoting_the_notice_make_a_pile_up() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:5]):
        chat.say(name, quoting(NOTICE, "收到", "boss"), 1 + k)
    assert chat.kinds() == ["stack"]


def test_a_reply_quoting_the_notice_is_no_new_notice() -> None:
    """Quoting a long notice makes a short reply long and multi-line: it is still a reply."""
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:3]):
        chat.say(name, "收到", 1 + k)
    chat.say(NAMES[5], quoting(NOTICE, "我那天请假，会后找同事补", "boss"), 4)
    for k, name in enumerate(NAMES[3:5]):
        chat.say(name, "收到", 5 + k)
    assert chat.kinds() == ["stack"]


def test_a_quote_reply_that_is_itself_a_notice_starts_a_new_pile_up() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:3]):
        chat.say(name, "收到", 1 + k)
    second = "【通知】会议改到下午3点，地点不变，请各科室负责人相互转告。"
    chat.say("boss", quoting(NOTICE, second, "boss"), 4)
    for k, name in enumerate(NAMES[3:5]):
        chat.say(name, "收到", 5 + k)
    assert chat.kinds() == []


def test_explain_names_the_quote_then_reads_the_reply() -> None:
    from policies.explain import explain

    cues = explain(quoting("请各位看到后回复收到", "收到"))
    assert (cues[0].name, cues[0].detail) == ("quote-reply", "王主任：请各位看到后回复收到")
    assert cues[1].detail == "收到" and cues[-1].detail == "ack"
    assert [c.name for c in explain("收到")] == [c.name for c in cues[1:]]


# -- acks count toward the notice they answer: a quote names it ------------------------------

SECOND = "【通知】周五下午2点消防演练，各科室务必参加，不得缺席，具体分工另行通知。"


def stacks_of(chat: Chat) -> list[tuple[int, str]]:
    """(members, first characters of the trigger) of each pile-up, in time order."""
    found = sorted((i for i in chat.final().values() if i.kind == "stack"), key=lambda i: i.start)
    return [(i.members, i.trigger[4:6]) for i in found]


def test_acks_quoting_the_notice_before_count_toward_it() -> None:
    """Two notices, then replies: those quoting the first answer the first."""
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:3]):
        chat.say(name, "收到", 1 + k)
    chat.say("boss", SECOND, 5)
    for k, name in enumerate(NAMES[3:5]):
        chat.say(name, quoting(NOTICE, "收到", "boss"), 6 + k)
    for k, name in enumerate(NAMES[5:8]):
        chat.say(name, "收到", 9 + k)
    # 3 + 2 answer the meeting (a pile-up), 3 the drill (none); without the quotes: 3 and 5
    assert stacks_of(chat) == [(5, "明天")]


def test_acks_quoting_the_latest_notice_count_toward_it() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:3]):
        chat.say(name, "收到", 1 + k)
    chat.say("boss", SECOND, 5)
    for k, name in enumerate(NAMES[3:8]):
        chat.say(name, quoting(SECOND, "收到", "boss"), 6 + k)
    assert stacks_of(chat) == [(5, "周五")]


@pytest.mark.parametrize(
    "quoted",
    [
        "好的",  # too short to tell which message it was
        "明天下雨记得带伞，路上注意安全哈",  # small talk, not the notice before
    ],
)
def test_acks_quoting_something_else_count_toward_the_latest_notice(quoted: str) -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    chat.say("boss", SECOND, 1)
    for k, name in enumerate(NAMES[:5]):
        chat.say(name, quoting(quoted, "收到", "同事"), 2 + k)
    assert stacks_of(chat) == [(5, "周五")]


def test_a_notice_that_had_its_pile_up_takes_no_more() -> None:
    """Late acks quoting a notice whose pile-up was counted neither reopen it nor swell the
    next notice's."""
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:5]):
        chat.say(name, "收到", 1 + k)
    chat.say("boss", SECOND, 7)
    for k, name in enumerate(NAMES[5:8]):
        chat.say(name, quoting(NOTICE, "收到", "boss"), 8 + k)
    for k in range(3):
        chat.say(f"v{k}", "收到", 12 + k)
    assert stacks_of(chat) == [(5, "明天")]


def test_the_notice_before_is_kept_across_a_restore() -> None:
    import json

    lines = [("boss", NOTICE), *((n, "收到") for n in NAMES[:3]), ("boss", SECOND)]
    lines += [(n, quoting(NOTICE, "收到", "boss")) for n in NAMES[3:5]]
    for cut in range(len(lines) + 1):
        chat = Chat()
        for k, (who, text) in enumerate(lines):
            if k == cut:
                state = json.loads(json.dumps(chat.detector.snapshot("g1")))
                chat.detector = type(chat.detector)()
                chat.detector.restore("g1", state)
            chat.say(who, text, k)
        assert stacks_of(chat) == [(5, "明天")], cut


def test_forgetting_a_member_forgets_their_ack_to_the_notice_before() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k, name in enumerate(NAMES[:3]):
        chat.say(name, "收到", 1 + k)
    chat.say("boss", SECOND, 5)
    chat.detector.forget("g1", [NAMES[0]])
    for k, name in enumerate(NAMES[3:5]):
        chat.say(name, quoting(NOTICE, "收到", "boss"), 6 + k)
    assert stacks_of(chat) == []  # 2 + 2: the forgotten member's ack is gone
