"""Proof demands of the proof-recall round (issue 11), each on both sides of its boundary (written
for these tests): a picture handed in to the group or a supervisor, a page screenshot, a picture
owed or not yet seen, the Youth Study chased by name, a picture that proves — and the look-alikes
that share their words (an option offered, the speaker's own picture, a question how, an error).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

DEMANDS = [
    # a bare order opening its clause: the picture handed in (上传, 报送) to the group
    ("拍照上传到群组", "proof:to-group"),
    ("截图上传至工作群", "proof:to-group"),
    # the picture owed, made up for; the one not seen yet
    ("22:00 前仍可补传现场照片", "proof:chase"),
    ("请尽快补发定位", "proof:chase"),
    ("还没有看到你们的学习截图", "proof:chase"),
    ("今天的巡查照片呢", "proof:chase"),
    # the Youth Study handed in: only its completion screenshot can be
    ("交青年大学习了吗", "proof:chase"),
    ("这期大学习大家记得提交一下", None),
    ("青年大学习还没交的抓紧", "proof:chase"),
    # delivery verbs: 传一下, 交到, 发送给, a duty's pictures (巡查图片), an office (报…办)
    ("请各位把今天入户的照片传一下", "proof:after-activity"),
    ("各网格员请把巡查图片发上来", "proof:after-activity"),
    ("走访照片今天必须交", "proof:after-activity"),
    ("各村请于下午5点前将人居环境整治照片报镇农办", "proof:after-activity"),
    # a picture that proves, its proof after a comma
    ("每个人都要拍照，证明你来过", "proof:trace"),
    # a watermark proves time and place
    ("水印照片发群，无水印不算", "proof:to-group"),
]

LOOK_ALIKES = [
    "以下为地推团队标准日报和周报模板。可打印使用或拍照上传至工作群。",  # an option offered
    "我已经拍照上传到群组了",  # told
    "我补发一下照片",  # the speaker's own
    "已补传定位",
    "青年大学习怎么交？",  # asks how
    "我交青年大学习了",
    "我的巡查照片呢",  # the speaker's own
    "照片呢",  # no duty named
    "此页截图功能上线了",  # nothing handed over
    "请将报错页面截图发给老师",  # help with an error
    "请把发票照片交到财务室",  # the work product
]


@pytest.mark.parametrize(("text", "cue"), DEMANDS, ids=[t[:16] for t, _ in DEMANDS])
def test_the_proof_demand_is_found_with_its_shape(text: str, cue: str | None) -> None:
    found = classify(text)
    assert found.label == "proof_request", found
    if cue is not None:
        assert found.reasons[0] == cue, found


@pytest.mark.parametrize("text", LOOK_ALIKES, ids=[t[:16] for t in LOOK_ALIKES])
def test_the_look_alike_is_no_proof_demand(text: str) -> None:
    assert classify(text).label != "proof_request", classify(text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # a request put as a question, its 一下 the imperative's
        ("在？青年大学习截图发一下？", "proof:after-activity"),
        # the medium first, the sending after it, in English
        (
            "Take a screenshot after you complete the training and send it to me.",
            "proof:after-activity",
        ),
        # an English deadline makes a group's picture a trace of meeting it
        ("Upload the completion certificate screenshot to the group by Friday.", "proof:to-group"),
        ("今天开会的照片发一下", "proof:after-activity"),
    ],
)
def test_more_ways_to_type_a_proof_demand(text: str, cue: str) -> None:
    found = classify(text)
    assert found.label == "proof_request" and found.reasons[0] == cue, found


@pytest.mark.parametrize(
    "text",
    [
        "聚餐照片发一下？",  # a question with no duty: sharing
        "截图发一下？",
        "I took a screenshot and will send it later.",  # told
        "Did you upload the photos to the group?",  # a question
    ],
)
def test_their_look_alikes_stay_other(text: str) -> None:
    assert classify(text).label != "proof_request", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        # a helper goes on with one user's picture: a diagnosis, a summary
        "把检查结果或现场照片发到群里，我会继续判断。",
        "请把设备型号和现场照片发给我，我会继续帮你处理",
        # 不要 forbids something else, it orders no post
        "截图发到群里，不要自己乱敲命令",
    ],
)
def test_a_helper_s_request_is_no_proof_demand(text: str) -> None:
    assert classify(text).label != "proof_request", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        "各位巡查后把现场照片发到群里，我会继续督促",  # the group addressed, a duty proved
        "截图发到群里，要在今晚前",  # 要 orders
    ],
)
def test_the_demand_beside_those_guards_stays(text: str) -> None:
    assert classify(text).label == "proof_request", classify(text)
