"""s34-pieces: one-line pieces taken off — both sides of each boundary.

- `guards._someone_said`: an unnamed someone's words reported (有网友…称，) with a time heading the
  phrase (近日有网友反映，) or how it was said between — one verb and its object (有网友发视频称，) — tells
  the demand in them; two verbs between are acts (有领导到现场督查，拍照发群里 orders), a noun before the
  verb may be the someone's own (有乡镇官员透露，: not read, nor 有网友爆料称， with the tagger's noun 爆料),
  a verb alone is a second verb of saying (透露說: not read), and the readers asked (大家, 请) still make
  it an order.
- `ack._DONE`'s 更新: a receipt, then the done report of the update (收到，已更新。) is an ack; the
  update with its object (已更新您的需求信息) or with a request (已更新请查收) says more.

Lines marked "corpus" are real lines of the recall or look-alike sets; the others are made up for
these tests.
"""

from __future__ import annotations

import pytest

from policies import guards
from policies.classify import classify
from policies.text import fold

CASES = {
    "proof_request": [
        "下午有领导到现场督查，拍照发群里",
        "有同事拍照发群，没发的抓紧拍照发群",
        "明天有领导来检查，大家拍照发群里",
        "今天有专家讲座，听完截图发群",
        "有网友爆料称，领导要求下班前截图发群",  # a noun alone between: not read
    ],
    "ack_request": [
        "有网友说，看到请回复收到",
    ],
    "ack": [
        "收到，已更新。",  # corpus
        "收到，已更新",  # corpus
        "收到，这就安排。",  # corpus
    ],
    "other": [
        "近日有网友发视频表示,在四川成都街头,有身穿环卫工服装的男子将已清理的垃圾重新扔到地上,随后再捡起,全程还有人举着手机拍摄,场面实在滑稽。",  # corpus
        "近日有网友发视频称，公司每天都让员工拍照发群里打卡",
        "有网友发视频说，领导要求下班前截图发群",
        "近日有家长反映，老师每天要求回复收到",
        "收到，已更新您的需求信息",
        "已更新请查收",
    ],
}


@pytest.mark.parametrize(
    ("text", "label"), [(t, label) for label, texts in CASES.items() for t in texts]
)
def test_label(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "近日有网友发视频表示,在四川成都街头,有身穿环卫工服装的男子",
            "有网友发视频表示",
        ),  # corpus
        ("据了解，近日有网友反映，该区域展出的画作遭到破坏。", "有网友反映"),  # corpus
        ("10月6日，有网友发视频称，2026出现一个新词“怨气产品”。", "有网友发视频称"),  # corpus
        ("4月4日，有网友发帖称，华中科技大学有宿舍遭遇雷击。", None),  # corpus: 发帖 a noun
        ("第一种病症是秀工作、脱实向虚。有乡镇官员透露，一些人在微信工作群里", None),  # corpus
        (
            "第一種病症是秀工作、脫實向虛。有鄉鎮幹部透露說，一些人在微信工作群裡",
            None,
        ),  # corpus: a verb alone
        ("有网友就表示,如果需要确保员工收到信息,应提前告知", "有网友就表示"),  # corpus
        ("下午有领导到现场督查，拍照发群里", None),  # two verbs: acts, not how it was said
        ("今天有专家讲座，听完截图发群", None),  # no verb before the mark
        ("有孩子没交作业的，请家长督促", None),  # a phrase ending in 的
    ],
)
def test_someone_said(text: str, said: str | None) -> None:
    assert guards._someone_said(fold(text)) == said
