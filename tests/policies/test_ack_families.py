"""The ack families the s29-variants batch of real acks showed missing, and their boundaries: the
done-it family said by its result (办好了, 已经弄好, 弄好了), a pledge to start (这就开始, 马上开搞),
a receipt with a scheduled act (收到，明天交), with the thanks for two acts (感谢告知与协助), and a
notice passed on to the people it names (已转发给团队成员, 我通知我们班). The sentences are made up
for these tests; the real lines are in corpora/real/recall_messages.jsonl.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # done, said by its result (弄 is the colloquial "do")
        "填好了", "已经弄好了", "转发完了", "交完了", "处理好了",
        # a pledge to start
        "好的，马上开始", "收到，这就开搞",
        # a receipt with an act scheduled: the day, a part of it, then the pledge or one verb
        "收到，明天交", "收到，今晚提交", "已阅，明天上午准时参加",
        # a receipt with the thanks for an act
        "收到，感谢告知", "收到，感谢提醒与协助",
        # the notice passed on, to the people or the group named
        "收到，已转发给全体组员", "收到，已通知家长", "已阅，已转达到班主任群", "收到，我通知各位家长",
    ],
    "other": [
        # a result told to one listener (a shop's 哦), a state, a question about what is done, a
        # result almost reached or not, a verb that is no work done (想好了: decided)
        "处理好了哦", "好了", "弄好了吗", "快弄好了", "还没弄好", "想好了", "吃好了",
        "已完成的任务有哪些", "收到货了很好", "收到你的消息很开心",
        # a time with a number, a person, a 把: a plan of its own; a day with no act; going somewhere
        "收到，明天下午三点前把表发你", "收到，明天我把材料给你", "收到，明天去", "收到，今天有事",
        # negation refuses; an answer promised is content; an assent alone does not schedule
        "收到，明天不交", "收到，马上不去", "好的，明天交",
        # thanks to one listener for what they did; thanks for a thing
        "收到了，谢谢你惦记着", "收到，谢谢你的苹果",
        # 先 and 同意 are tagged adverbs too, but commit to nothing; the now is no schedule
        "收到，我先停下来", "已阅，同意执行", "收到，正在开会", "收到，刚才看了",
        # a forward to each group is told as a report; goods are no recipient; a name no group
        "已转发至各班级群", "收到，已发货", "收到，已通知他明天来", "到底", "1楼",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_family_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)
