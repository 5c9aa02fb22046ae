"""A demand told is not a demand given: the narration guard on both sides of its line.

Forms written for these tests, in no corpus: an order keeps its demand however much it looks
like a story (a condition picked out with 的, a vocative, 还有…没回复, 请 beside a third person,
部分 or 这位 asked); a narrative — aspect on the verb, the verb as a noun, a third-person or
indefinite subject in a sentence that asks nothing — is `other`.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.narration import narrated
from policies.normalize import normalize


def _narrated(text: str) -> str | None:
    folded = normalize(text).folded
    return narrated(folded) or narrated(folded, proof=True)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the verb not yet done, the readers addressed or picked out: an order
        ("没回复的同事请尽快回复", "ack_request"),
        ("已回复的请忽略，未回复的请马上回复收到", "ack_request"),
        ("同事们，收到请回复", "ack_request"),
        ("还有人没回复，抓紧", "ack_request"),
        ("还有一名同志没有回复，请抓紧", "ack_request"),
        ("这位同学请看到后回复收到", "ack_request"),
        ("各村巡河后拍照上传到工作群", "proof_request"),
        ("部分村还没上传巡查照片，请尽快上传", "proof_request"),
        # 有人 asked, or not heading its phrase: an order
        ("有人没回复的请尽快回复", "ack_request"),
        ("群里还有人没回复，抓紧回复收到", "ack_request"),
        ("有人还没交巡查照片，请马上拍照发群里", "proof_request"),
        ("今天巡查结束后请各网格员拍照发群里", "proof_request"),
    ],
)
def test_an_order_is_not_narrated(text: str, label: str) -> None:
    assert _narrated(text) is None
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        # aspect on the verb: done, one after another
        ("一位家长在群里回复了一个1", "回复了"),
        ("她们陆续回复了“收到”", "回复了"),
        # the verb as a noun
        ("回复的人越来越少", "回复的人"),
        # an indefinite or third-person subject, no order in the sentence
        ("某网友看到通知后回复收到", "某"),
        ("某单位的干部每次开会都拍照上传到群里", "某"),
        ("有的家长看到通知后回复收到", "有的"),
        ("上周开会，有人只在群里回复收到，散会就忘了", "有人"),
        ("巡河那天，有人拍照上传到工作群就走了", "有人"),
        ("部分干部巡查后拍照发群", "部分"),
        ("他看到后回复收到", "他"),
    ],
)
def test_a_narrative_is_other(text: str, mark: str) -> None:
    folded = normalize(text).folded
    assert mark in (narrated(folded) or narrated(folded, proof=True) or "")
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    [
        "请大家回复了解情况",  # 了解 is a word, not the 了 of the done
        "大家都回复了吗？",  # a question, not a report
        "下面是部分名单，请回复收到",  # 部分 not the subject heading its phrase
        "其他人回复收到即可",  # 其他 is no 他
        "所有人回复收到即可",  # 所有人 is the readers, not someone: 有人 heads no phrase
        "还有人没回复收到",  # 还有人: there are still some, not the subject of a story
        "部分村还没上传巡查照片，请尽快上传",  # the sentence asks: 部分 is the ones asked
        "三组已经回复了，还没回复的请抓紧",  # a verb in a phrase that asks is given
    ],
)
def test_not_a_narrative_mark(text: str) -> None:
    assert _narrated(text) is None


def test_explain_names_the_mark() -> None:
    cues = {cue.name: cue for cue in explain("某网友看到通知后回复收到")}
    assert cues["guard:narrated"].fired and cues["guard:narrated"].detail == "reply: 某"
    assert cues["label"].detail == "other"


# A counted subject heading its phrase (a numeral with its measure, then the noun it counts) tells;
# the readers, a rank, the picture counted, or a sentence that asks do not. Invented sentences.
@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("一些家长晚上会把孩子读书的照片发到班级群里", "一些家长"),
        ("听同事说，一些人开完会就在群里回复收到", "一些人"),
        ("镇上的一名网格员巡查时拍了好几张照片上传到工作群", "一名网格"),
        ("那天晚上，几位老师陆陆续续在群里回复收到", "几位老师"),
    ],
)
def test_a_counted_subject_tells(text: str, mark: str) -> None:
    folded = normalize(text).folded
    assert mark in (narrated(folded) or narrated(folded, proof=True) or "")
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("一些村还没上传巡查照片，请尽快上传", "proof_request"),  # the sentence asks
        ("两名同学还没回复，请抓紧回复收到", "ack_request"),  # the sentence asks
        ("还有三个村没有拍照发群，抓紧", "proof_request"),  # 还有 heads the phrase: a chase
        ("每个网格员巡查后拍照发到群里", "proof_request"),  # 每个 is the readers, not a count
        ("第一步：巡查后拍照上传到工作群", "proof_request"),  # a rank, not a count
        ("三名同学负责拍照，活动结束后上传到群里", "proof_request"),  # a number counted out
        ("通知：几位网格员巡查后拍照发群", "proof_request"),  # the notice heads the phrase
        ("学校强调：一些同学还没回复收到，请尽快回复", "ack_request"),  # relayed, and it asks
    ],
)
def test_a_count_that_asks_is_not_told(text: str, label: str) -> None:
    assert _narrated(text) is None
    assert classify(text).label == label


# A picture's verb in the perfect with its count (发了三张照片) tells what was sent; 了 in a
# condition, or a verb still to come after the picture, does not.
@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("昨晚值班的同事往群里发出了两张现场照片", "发出了"),
        ("会后办公室上传了十几张活动照片", "上传了"),
    ],
)
def test_a_picture_sent_in_the_perfect_tells(text: str, mark: str) -> None:
    assert mark in (_narrated(text) or "")
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    [
        "到了现场的话发张现场照片到群里",  # 了 in a condition: no count after it
        "巡查完了拍两张照片发到群里",  # 了 ends a phase; the picture still to be sent
    ],
)
def test_a_perfect_that_does_not_tell(text: str) -> None:
    assert _narrated(text) is None
    assert classify(text).label == "proof_request"
