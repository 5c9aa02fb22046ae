"""A demand is `sure` (reminded by default) only when its structure aims it at the whole group."""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.normalize import normalize
from policies.sure import salutes_group

# (unsure, sure): the same demand, bare and then aimed at the group by one structural frame.
PAIRS = [
    ("收到请回复", "请大家收到后回复"),  # the group named
    ("收到请回复", "@所有人 收到请回复"),  # @所有人 (a mention the normalizer sets aside)
    ("收到请回复", "＠ALL 收到请回复"),  # typed full width and upper case: read folded
    ("看到请扣1", "看到的请扣1"),  # those a condition picks out of the group
    ("请回复收到", "请在群里回复收到"),  # the reply asked in the group
    ("请回复收到", "请于今天17:00前回复收到"),  # a deadline
    ("请回复收到", "请务必回复收到"),  # an obligation
    ("Please reply 收到", "Hi all, please reply 收到"),
    ("你们多拍照片发群里", "巡查时拍照发群里"),  # a picture that proves an activity done
    ("你们多拍照片发群里", "同学们多拍照片发群里"),  # the members by their plural, not 你们
]


@pytest.mark.parametrize(("bare", "aimed"), PAIRS)
def test_a_bare_demand_is_unsure_and_the_same_demand_aimed_at_the_group_is_sure(
    bare: str, aimed: str
) -> None:
    unsure, sure = classify(bare), classify(aimed)
    assert unsure.label == sure.label and sure.label in ("ack_request", "proof_request")
    assert (unsure.sure, sure.sure) == (False, True)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("至少拍3张照片发群里", "sure:shape (proof:quota)"),
        ("回复格式：部门+姓名+收到", "sure:format"),
        ("还没回复的请尽快回复", "sure:"),
        ("复制下面这句话发到群里：已学习", "sure:"),
    ],
)
def test_a_collective_shape_or_a_dictated_format_is_sure_without_an_addressee(
    text: str, why: str
) -> None:
    found = classify(text)
    assert found.label in ("ack_request", "proof_request") and found.sure
    [cue] = [c for c in explain(text) if c.name == "sure"]
    assert cue.fired and cue.detail.startswith(why)


def test_explain_says_why_a_demand_is_held() -> None:
    [cue] = [c for c in explain("收到请回复") if c.name == "sure"]
    assert not cue.fired and "remind_unsure" in cue.detail
    [none] = [c for c in explain("今天天气不错") if c.name == "sure"]
    assert (none.fired, none.detail) == (False, "no demand")


@pytest.mark.parametrize("text", ["收到", "明天九点开会", "不用回复收到"])
def test_what_is_not_a_demand_is_never_sure(text: str) -> None:
    assert classify(text).label not in ("ack_request", "proof_request")
    assert classify(text).sure is False


@pytest.mark.parametrize(
    ("text", "salutation"),
    [
        ("各位客户经理：从今天起拜访客户时发个定位", "各位客户经理:"),
        ("【通知】各位家长：请拍照发群", "【通知】各位家长:"),
        ("各位家长：请拍照发群", "各位家长:"),  # read as itself, though 家长 could sign
        ("@所有人 各位同事：明天开会，收到请回复", "各位同事:"),  # the mention is set aside
        ("伙伴们，今天的海报转发一下", "伙伴们,"),
        ("亲爱的同学们：收到请回复", "亲爱的同学们:"),
        ("各单位：请于今天17:00前回复", "各单位:"),
        ("大家好！请拍照发群", "大家好!"),
        ("Hi all, please reply 收到", "hi all"),
        ("办公室王芳：各位同事：明天开会", "各位同事:"),  # the speaker's signature first
        ("弹幕：大家好，扣个1", None),  # what stands before the colon is no speaker
        ("大家平时看短视频多还是中视频多？", None),  # a subject, not a salutation
        ("大家收到请回复", None),
        ("家人们，扣个1", None),  # a stream's audience
        ("稍微喝一口水，大家好，扣个1", None),  # not where the message opens
        ("我们，收到请回复", None),
    ],
)
def test_a_salutation_is_the_group_named_where_the_message_opens(
    text: str, salutation: str | None
) -> None:
    found = salutes_group(normalize(text).folded)
    assert (found.group() if found else None) == salutation


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # a day by any of its names (the lexicon's time words), then 前: a deadline
        ("请明早之前回复收到", True),
        ("月底前回复收到", True),
        ("请于次日前回复收到", True),
        ("本周四以前回复收到", True),
        ("今晚8点前回复收到", True),  # the clock's deadline, on that day
        # a day or a time that is no deadline: when it happens, after it, "recently", "formerly"
        ("明天上午9点开会，收到请回复", False),
        ("日前通知已下发，收到请回复", False),
        ("今晚下班后把照片发群里", False),
        ("以前都是收到请回复", False),
    ],
)
def test_a_deadline_by_the_day_is_a_time_word_then_before(text: str, due: bool) -> None:
    found = classify(text)
    assert found.label in ("ack_request", "proof_request")
    assert found.sure is due
    [cue] = [c for c in explain(text) if c.name == "sure"]
    assert cue.detail.startswith("sure:due") is due
