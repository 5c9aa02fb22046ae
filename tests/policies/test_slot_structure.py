"""Rule pieces that stood for one line, read as the slot they fill (issue 11, round 27).

Forms written for these tests, in no corpus, on both sides of each boundary.
"""

from __future__ import annotations

import pytest

from policies.classify import classify


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # replying told: by its subject (他, 我们) or the progressive 正在
        ("他一直在回“收到”", "other"),
        ("我们这几天都在回复“已阅”", "other"),
        ("领导们正在回复1", "other"),
        # 在 ending 现在 tells nothing: the order stays
        ("收到通知的现在回复1", "ack_request"),
        ("看到消息的同事现在回复收到", "ack_request"),
        # aspect after the verb (回复了, 回过) tells; 了解 and 了吗 do not
        ("昨天大伙都回复了“收到”，只有老孙没回", "other"),
        ("她回过一个1，别的什么都没说", "other"),
        ("看到请回复了解", "ack_request"),
    ],
)
def test_reply_aspect(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # one class of the change-of-state 了 as typed (了, 啦, 喇, 咯, 喽): after 好 a state told …
        ("好咯，冇问题", "other"),
        ("好喇，明白", "other"),
        ("好喽，没问题", "other"),
        # … after "I" and an assent, news taken in
        ("我清楚咯", "ack"),
        ("我明白喽", "ack"),
        ("我懂啦", "ack"),
        ("我明白", "other"),
        # the assent's own 好的 and the receipt keep them
        ("好的，明白喽", "ack"),
        ("收到咯", "ack"),
    ],
)
def test_change_of_state(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a unit of any name, then who signs: a name that says no unit, title or kin word
        ("收到，质检 王小明", "ack"),
        ("已阅，夜审 小林", "ack"),
        # words that are no name after it
        ("收到，明天 下午", "other"),
        ("收到，后来 我们", "other"),
        ("收到，敬礼 png", "other"),
    ],
)
def test_unit_then_who(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 了 after a reply verb tells, at the phrase's end too …
        ("老周前天看到通知就回复了", "other"),
        ("家长们都回复了。", "other"),
        # … but not on a verb negated: a chase
        ("就差你们两个没回了", "ack_request"),
        ("还有三位老师没回复了，抓紧", "ack_request"),
    ],
)
def test_aspect_and_negation(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a degree adverb before 好 judges, and no name or unit absorbs it
        ("碧螺春新茶挺好的", "other"),
        ("周边民宿蛮好的", "other"),
        # names and units without one still sign
        ("收到，碧螺春茶厂", "ack"),
        ("好的，商户：老李茶庄", "ack"),
        ("已阅 单位：b区仓储", "ack"),
    ],
)
def test_degree_adverb_is_no_name(text: str, label: str) -> None:
    assert classify(text).label == label
