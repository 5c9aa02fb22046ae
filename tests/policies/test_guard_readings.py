"""The guards' readings by structure (s30-piecesg), both sides of each, in forms written for these
tests (in no corpus): a demand told as a habit or a prediction (the modal 会 and a pivot), a story
about or an errand for one other person (他, 她 as an object), a dilemma complained of (回也不是，不回
也不是), and the reply's length counted in sentences (用一句话回复: a model's instruction).
"""

from __future__ import annotations

import pytest

from policies import guards
from policies.classify import classify
from policies.text import fold


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the modal, a verb and its pivot: what is usually or will be demanded of them, told
        ("那边单位会要求每个人看到通知后回复收到", "other"),
        ("班主任会让家长放学后拍照发到群里", "other"),
        ("街道会通知各村巡查后拍照发群", "other"),
        ("领导会叫每个人回复收到", "other"),
        # a demand given, then what follows; a meeting, a mark, then an order; the readers asked
        ("今天巡查后拍照发群里，组长会让人检查", "proof_request"),
        ("晚上有个会，要求大家拍照发群", "proof_request"),
        ("学校会让孩子拍照上传。请大家今晚拍照发群", "proof_request"),
        ("学校会让孩子拍照上传，大家今晚之前拍照发群", "proof_request"),
        # no pivot: the modal and the demand's own verb, a plan (`PREDICTED`'s, left as it was)
        ("明天会要求大家回复收到，大家注意看群", "ack_request"),
    ],
)
def test_a_demand_told_as_a_habit_or_a_prediction(text: str, label: str) -> None:
    assert classify(text).label == label


def test_the_habit_is_read_off_the_tagger() -> None:
    assert guards._habit(fold("一般都会要求每个人看到消息之后回复收到")) == "会要求"
    assert guards._habit(fold("系统会自动截图发群")) is None  # no pivot
    assert guards._habit(fold("每次开会要求每个人拍照发群")) is None  # 开会: no modal 会
    assert guards._habit(fold("骑手们每天早会拍合影发群")) is None  # the demand's own verb first
    assert guards._habit(fold("分享作品后，老师会拉你进阅读群")) is None  # the act holds no demand


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # he or she as an object before the demand: a story about one, an errand for one
        ("科长半夜给她发消息，要求必须回复收到。没回就打电话", "other"),
        ("主任找到他，非要他每天拍照发群", "other"),
        ("主任每次找到他，要求每天拍照发群", "other"),
        # the demand before the person or in the person's own phrase: given to the readers
        ("巡查后拍照发群里，我转给他", "proof_request"),
        ("今天值班的拍照发群，领导要看，我再转给她", "proof_request"),
        # the readers asked besides: the story frames an order
        ("小王请假了，大家帮他把巡查照片发群里", "proof_request"),
    ],
)
def test_a_story_about_one_other_person(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("回也不是，不回也不是，群里又要求回复收到", "other"),
        ("拍也不是不拍也不是，天晓得要拍几张照片发群", "other"),
        ("回复也不是，不回复也不是，工作群里要求每条都回复收到", "other"),
        # 也不是 with no verb repeated and negated: no dilemma, the demand stays
        ("光看不回也不是办法，收到请回复", "ack_request"),
        ("回也不是办法，不回也不行，收到请回复", "ack_request"),
    ],
)
def test_a_dilemma_complained_of(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the reply's length counted in sentences before its verb: a model's instruction
        ("请用一句话回复“收到”。", "other"),
        ("请只用一句话确认收到，然后等待下一条输入", "other"),
        # a notice counts the characters of the reply, or speaks to many: it stays a demand
        ("请回复“收到”二字", "ack_request"),
        ("请大家用一句话回复收到", "ack_request"),
        # 一句话 with no verb after it: talk about the reply, no machine's
        ("看到通知请回复收到，就一句话的事", "ack_request"),
    ],
)
def test_the_reply_counted_in_sentences(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # someone unnamed (有 + a noun) and a verb of saying before a mark: an account reported
        ("有家长说，老师每天都要求回复收到", "other"),
        ("有同事说：领导要求每天拍照发群", "other"),
        # a condition and what to do (及时 is no adverb of the tagger's), or the readers asked
        ("有问题及时反馈，巡查后拍照发群", "proof_request"),
        ("有变化及时通知，每天拍照发群", "proof_request"),
        ("有家长说没看到通知，请大家看到后回复收到", "ack_request"),
    ],
)
def test_someone_unnamed_said_it(text: str, label: str) -> None:
    assert classify(text).label == label
