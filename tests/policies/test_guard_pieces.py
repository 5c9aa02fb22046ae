"""The guards and frames generalised from one-line pieces (test_rule_evidence): each slot stands
for its class, on both sides of its boundary (forms written for these tests, in no corpus)."""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.reply import confirms_condition

DEMAND = ("ack_request", "proof_request")

# (no demand, demand): the same words on both sides of one guard's boundary
PAIRS = [
    # a ban or "no need", whatever verb of replying follows; unless the ban is on something else
    ("大家辛苦了，这条不用再回了", "看到这条请回一下"),
    ("请勿在群中回复收到", "请在群中回复收到"),
    ("以后不要截个图发群了", "以后巡查完截个图发群"),
    ("请回复收到，不要回复其它消息", "请回复收到，不要回复其它消息"),  # both a demand: see below
    # the A-not-A question followed by its verb asks; a tag question after an order does not
    ("这张照片可不可以不发群里", "看到请回复收到，行不行"),
    # a count of the replies so far reports them
    ("目前已有十几位家长回复", "还没回复的家长请回复"),
    # a model's instruction bans a tool call; a notice bans forgetting the tools
    ("请回复收到，不要调用外部工具", "明天植树，收到请回复，不要忘带工具"),
    # a channel tested (测试一下 as the message's own heading); a test announced for a time
    ("网关测试一下，收到请回复", "明天上午测试一下，收到请回复"),
    # a third person's picture posted to a group, told; an order to post one
    ("他把活动照片传到了家长群", "请把活动照片传到家长群"),
    # speech reported after a colon, whole to its own full stop; the same words said
    ("晚上九点，科长发来一句：“看到的都回一下。”", "晚上九点前，看到的都回一下。"),
    # whoever stressed it, its words reported after a mark; a stress relayed to the readers
    ("校办再三强调，周末也必须回复", "再次强调：请各位周末也回复收到"),
    # a demand on me or on you (one), told; a demand on you (many), given
    ("组长一直要求我巡查完截图发群", "要求你们巡查完截图发群"),
    ("网格长叫你拍照发群", "网格员巡查后拍照发群"),
    # 请问 opens a question, whatever interrogative follows or none; 请 alone asks
    ("请问巡查完要截图发群", "请巡查完截图发群"),
    # some (有的, 很多 …) of any kind of body demand, told; one body's demand
    ("有的物业要求业主每天拍照发群", "物业要求业主每天拍照发群"),
    ("很多楼栋需要业主看到后回复收到", "看到后请回复收到"),
    # the speaker's next turn with one "you", an adverb or two before the modal (我稍后会, 我马上就);
    # not the speakers' (我们) and not to many (你们)
    ("收到后请回复确认，我稍后会把账号发给你", "收到后请回复确认，我们稍后会把任务发给你"),
    ("看明白规则后回复收到，我马上就给你出第一题", "看到通知后回复收到，我马上就给你们发材料"),
    # the reply pinned to one token ("reply only": 只回复, 仅回复): a model's instruction; not 只要 (as
    # long as), not a notice's "you need only reply" (只需回复, 仅需回复), not to many (各位)
    ("仅回复“明白”，别做总结", "只要看到通知就请回复收到"),
    ("只回复“明白”，别做总结", "周五停电，看到仅需回复1即可"),
    ("这段先记下，只回复OK", "看到通知请各位仅回复收到"),
    # any 错 is the problem the screenshot shows (显示错了, 弹错); not 不错 (good), not 错过 (missed)
    ("小程序上的日期显示错了，请截图发群", "今天的板报出得不错，请各班拍照发群"),
    ("页面一直弹错，截个图发群里", "巡查完请拍照发群，别错过每个点位"),
    # no need: any negation (不, 无, 没) on any modal of need (需要, 须, 必要, 用); the need itself asks
    ("这周没必要在群里报到了", "这周需要在群里报到"),
    ("本次巡河无须再拍照发群", "本次巡河须拍照发群"),
    ("本周不需要发定位到群里", "本周需要发定位到群里"),
    # a channel's test, whatever its morpheme (链路测试, 链路自测); a person's own test (体温自测), and
    # 通知 (notify) is no channel's 通
    ("专线链路自测，收到请回1", "今日体温自测，收到请回1"),
    ("网关接入自测，看到请回复", "请通知检测人员，看到请回复"),
    # the speaker and one "you" in one clause, whatever the modal or none: two parties of an exchange;
    # not the speakers (我们), not to many (你们)
    ("看完规则请回复收到，我随后把题目发你", "看完通知请回复收到，我随后把表格发你们"),
    ("收到请回复确认，并告诉我你现在的进度", "收到请回复确认，我们汇总后通知你"),
    ("收到请回复确认，我随后把账号发你", "在群里的扣个1，让我看到你"),
    # 可 + the picture's verb, a few words apart, offers it (one may); 请 asks, and so does an offer
    # beside an order, or one made to the group
    ("展板有问题的话可附上现场截图反馈", "展板布置好后请附上现场截图反馈"),
    ("义诊结束后可拍照发到群里留念", "义诊结束后拍照发到群里，可以附上说明"),
    ("义诊结束后可以拍照发群", "义诊结束后大家可以拍照发群"),
    # the habitual aspect: an adverb of the usual time (平常, 经常, 通常 …) tells what is done; a day
    # named (今天) orders it
    ("平常巡查完都拍照发群打卡", "今天巡查完都拍照发群打卡"),
    # a partitive (部分, like 有的, 一些) before the bodies demanding: told; one body's demand
    ("部分街道要求网格员每天拍照发群", "街道要求网格员每天拍照发群"),
    # one listener addressed (你是…助手: `_ONE_ADDRESSEE`, for the proof rules too); the members
    # named by their role
    ("你是排班助手，看到请回复收到", "排班员，看到请回复收到"),
    # "are you there?": 在 asked as a yes-no question (在吗, 在不在) asks one person; the many asked
    # (大家) are the group; no question, no one person
    ("老周在不在，看到回个话", "大家都在不在，看到回个话"),
    ("三号机在吗，收到回复1", "三号机，收到回复1"),
    # a role given to the one listener at a clause's head, now or pretended (你现在是, 假装你是); a
    # condition on whoever reads (如果你是) gives none
    ("你现在是值班助手，看到请回复收到", "如果你是新来的，收到请回复1"),
    ("假装你是客服，收到请回复1", "值班员现在看到请回复收到"),
    # a manner adverbial with 地 just before the verb tells how it was done; 请 asks it so
    ("上周通知一发，同事们齐刷刷地回复“收到”", "通知一发，请齐刷刷地回复“收到”"),
    # the adverb 又 (again) before the verb in its phrase: the demand met once more, told; 又 in
    # another phrase (明天又要开会) leaves the demand beside it asked
    ("今天又得拍照发群打卡", "今天巡查完拍照发群打卡"),
    ("又要回复收到了，手机都被刷爆", "明天又要开会，收到请回复"),
    # a suggestion (建议) opening the verb's sentence advises; in a sentence of its own it leaves
    # the order before it given
    ("建议每天巡查时，顺手拍照发群", "巡查完拍照发群。建议每天巡查两次"),
    # a ban on anything more than the reply, its object a few words on (不要有任何多余…); a ban on
    # something else (not anyone missing) leaves the reply asked
    ("请回复“收到”，不要有任何多余的寒暄", "请回复“收到”，不要有任何人缺席"),
    # 哪怕 (even if) is a concession, no question: the demand after it stands; 哪 asks
    ("哪位老师方便拍照发群", "哪怕下雨也请拍照发群"),
    ("哪个网格还没回复收到", "哪怕周末也请及时回复收到"),
]


@pytest.mark.parametrize(("told", "asked"), [p for p in PAIRS if p[0] != p[1]])
def test_a_guard_sets_aside_its_class_and_not_the_demand_beside_it(told: str, asked: str) -> None:
    assert classify(told).label == "other", told
    assert classify(asked).label in DEMAND, asked


def test_a_ban_on_other_replies_keeps_the_one_reply_asked() -> None:
    assert classify("请回复收到，不要回复其它消息").label == "ack_request"
    assert classify("收到后回复1即可，无须回复别的").label == "ack_request"


# (unsure, sure): the frames and addressees of `policies.sure`
SURE = [
    ("请回复收到", "请在本群回复收到"),  # in the group, 本群 or 群里
    ("请拍照发群", "请各店长拍照发群"),  # 各 + any unit is the group (not 各一张, 各种)
    ("请回复收到", "请18点之前回复收到"),  # a clock deadline, 前 or 之前
    ("请回复收到", "Dear all: please reply 收到"),  # "all" said to the readers
    ("请回复收到", "收到材料的请回复收到"),  # those who received it, whatever came before 的
]


@pytest.mark.parametrize(("bare", "aimed"), SURE)
def test_a_frame_makes_the_demand_sure(bare: str, aimed: str) -> None:
    unsure, sure = classify(bare), classify(aimed)
    assert unsure.label in DEMAND and sure.label in DEMAND
    assert (unsure.sure, sure.sure) == (False, True), aimed


@pytest.mark.parametrize("text", ["正面反面各拍一张发群", "请把各类票据拍照发群"])
def test_each_one_or_each_kind_is_no_addressee(text: str) -> None:
    assert classify(text).label == "proof_request" and not classify(text).sure


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("看到的吱个声", True),  # a verb with its measure word: an action
        ("收到的点个赞", True),
        ("请查收收到的材料", False),  # the thing received
        ("请把收到的编号回复给我", False),
    ],
)
def test_the_condition_picks_out_people_or_names_a_thing(text: str, people: bool) -> None:
    assert confirms_condition(text) is people


def test_a_reply_named_after_a_colon_is_the_reply_asked_not_speech_reported() -> None:
    """请回复：“收到。” names the reply (a verb of the reply before the colon); so does 发群里：
    quote a post (policies.proof's to judge)."""
    assert classify("请回复：“收到。”").label == "ack_request"
    assert classify("请在群里回复：“已阅。”").label == "ack_request"
