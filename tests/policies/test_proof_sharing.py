"""A picture asked to share is no trace (issue 11, sharing round): each guard on both sides of its
boundary, with lines written for these tests — the sharing look-alike it leaves `other` and the
proof demand next to it that it must not touch.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand): the same medium and destination, only the structure differs
PAIRS = [
    # the picture goes to one's own feed — a win, a result, a prize — not to the group …
    ("要是抽中了，记得截图发朋友圈！", "转发朋友圈后截图发群里"),
    ("测完把结果截图发朋友圈，看看谁跟你一样", "请各位将活动照片发朋友圈，并截图发到群里"),
    # … unless it proves a duty done
    ("毕业旅行的照片发朋友圈啦", "学习完截图发朋友圈，再截图发群"),
    # a chatty reminder of one's own routine, to no member …
    ("早饭时间到了，记得拍照打卡～", "大家上班记得拍照打卡哦"),
    ("阿杰，健身完了吧？记得拍张照片发群里哦", "巡河时记得拍照发群里哦"),
    ("别忘了给今天的晚餐拍照打卡呀", "每天记得拍照打卡哦"),
    # a norm: the picture makes the duty count
    ("今天的计划都完成啦，记得拍照打卡哦", "下次记得拍照打卡才算完成哦"),
    # the readers wished a good time, the speaker there by the pictures
    ("你们好好玩，多拍点照片发群里，我云旅游一下", "你们到了景区先拍照发群里报平安，再分组行动"),
    ("祝大家玩得开心，照片记得发群里", "请大家巡查完把照片发群里"),
    # the last photo in the album, not one taken after
    ("把你相册里最后一张照片发群里", "巡查完最后拍一张照片发群里"),
    # the speaker's own picture asked to see, not the members' chased
    ("怎么没有我家孩子的照片呢？", "你们的巡查照片呢？"),
    # a favour asked of one in a question; politeness to many still orders
    ("看完麻烦截图发我一下？", "麻烦大家学习完截图发群里？"),
    # the finished piece photographed is the work itself
    ("把做完的试卷拍照上传到班级群", "作业家长签字后拍照发群"),
    ("写完拍照发群，我们一起改", "检查完拍照发群"),
    ("获奖者收到奖品后回签并拍照回传", "值班人员到岗后拍照回传"),
    # a third person's posting told, not ordered
    ("老师把今天春游的照片发到家长群里了。", "请老师把今天春游的照片发到家长群里。"),
    ("她辛苦拍照上传到班级群，我们都很感谢", "各位老师辛苦拍照上传到班级群"),
    # a fake-location tool named is no location shared
    ("有人用虚拟定位打卡被查出来了", "每天早上拍照打卡"),
]


@pytest.mark.parametrize(("sharing", "demand"), PAIRS, ids=[s[:12] for s, _ in PAIRS])
def test_sharing_stays_other_and_the_demand_beside_it_is_found(sharing: str, demand: str) -> None:
    assert classify(sharing).label == "other", classify(sharing)
    assert classify(demand).label == "proof_request", classify(demand)


def test_explain_names_the_feed_and_the_reminder() -> None:
    feed = {cue.name: cue for cue in explain("赢了记得截图发朋友圈")}["guard:feed"]
    assert feed.fired and feed.detail == "截图发朋友圈"
    kept = {cue.name: cue for cue in explain("学习完截图发朋友圈")}["guard:feed"]
    assert not kept.fired
    reminder = {cue.name: cue for cue in explain("晚饭时间到了，记得拍照打卡")}["guard:reminder"]
    assert reminder.fired and reminder.detail == "时间到了"  # the chat, not a word of memory
    ordered = {cue.name: cue for cue in explain("请大家记得拍照打卡哦")}["guard:reminder"]
    assert not ordered.fired
