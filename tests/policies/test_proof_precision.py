"""Pictures asked for another reason, or the demand only talked about (proof-precision round): each
structure on both sides of its boundary, with lines written for these tests — the look-alike it
leaves `other` and the demand of the same surface that must stay a demand.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand): the same medium and verbs, only the structure differs
PAIRS = [
    # a check-in at a sight, for the pleasure of it …
    ("古镇的石桥是网红打卡拍照的地方", "各位到岗后拍照打卡"),
    ("周末带娃去湿地公园景点定位打卡", "每天上班拍照打卡"),
    ("这面彩绘墙是最受欢迎的拍照打卡点", "巡逻时到每个打卡点拍照发群"),
    ("樱花开了，欢迎大家来打卡拍照", "今天志愿服务结束后拍照打卡"),
    # … unless an order or a duty makes the picture a trace
    ("老街是游客最爱的打卡拍照点", "请大家到景区后拍照打卡"),
    # a problem met, the picture asked in its clause to get help …
    ("安装遇到问题截图发售后群", "安装完截图发群里"),
    ("有问题就截图私聊群主", "学习完成就截图发群里"),
    ("有问题随时截图发给我们", "学完随时截图发给我们"),
    # … not a round proved, with a problem to report beside it
    ("出现任何问题拍照联系物业", "巡查后拍照发群，遇到问题及时上报"),
    # a ban on the demand itself: a rule for those who give orders …
    ("严禁要求网格员每天拍照上传工作群", "要求网格员每天拍照上传工作群"),
    ("一律不得以截图晒学习积分代替实际学习", "今晚前把学习积分截图晒到群里"),
    ("不准强制家长在群里发打卡视频", "家长们今晚在群里发打卡视频"),
    # … not a ban on something else, inside a demand
    ("不得让基层干部拍照发群里留痕", "严禁让别人代拍，每人必须本人拍照发群里"),
    # what the readers get from the picture, named as its purpose: to learn, to guess — unless it
    # shows a duty done
    (
        "把这张奇怪的账单截图发群里，让大家一起猜猜是谁点的",
        "把今天值班的照片发群里，让大家了解情况",
    ),
    ("把徒步路线的照片发到论坛，帮别人了解路况", "请各位巡河后拍照发群，让大家了解情况"),
    # the demand named as a practice, the topic of talk
    ("村干部下村先拍照留痕的做法该改改了", "请各村干部下村先拍照留痕"),
    ("天天截图晒步数之风可以休矣", "每天截图晒步数到群里"),
    # a page screenshotted for someone to read it (a crash, a voucher), not to prove a duty done:
    # in real text "将此页截图发给…" goes to a developer or a service (lookalike page-screenshot batch)
    ("打不开的话把这个页面截图发给技术员", "学完把完成页面截图发到群里"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_the_structure_decides_not_the_words(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


def test_a_sight_keeps_a_demand_of_another_shape() -> None:
    """Only the check-in shape is set aside at a sight: a group told to post its pictures there
    is still a demand (the to-group shape)."""
    found = classify("大家到了景点先拍照发群里报平安")
    assert found.label == "proof_request" and "proof:to-group" in found.reasons


def test_the_ban_does_not_hide_a_reply_demand_beside_it() -> None:
    """The ban on demanding a reply is the rule told; a reply asked outright stays one."""
    assert classify("不得要求基层干部回复收到").label == "other"
    assert classify("各单位收到请回复").label == "ack_request"


def test_explain_names_the_sight() -> None:
    cues = {cue.name: cue.fired for cue in explain("古镇的石桥是网红打卡拍照的地方")}
    assert cues["guard:sightseeing"] and cues["label"]
    assert not {cue.name: cue.fired for cue in explain("请大家到景区后拍照打卡")}[
        "guard:sightseeing"
    ]
