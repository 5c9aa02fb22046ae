"""The sentence-final particles of written Cantonese and Taiwan's Mandarin as one closed class
(`policies.ack._DIALECT_FINALS`, issue 11, s27-dialect round), each side of its boundaries.

A particle of the class ends a receipt or an assent as 了 and 啦 do (收到喇 = 收到了, 好的喔); Taiwan's
喔 is its plain softener, not the 哦 a clerk coaxes one listener with (好的哦 stays a turn to one
person) — but 喔 opening a reply is still "oh" (喔，知道了). Cantonese clipped assents (明, 知)
confirm only with a particle of the class. "Noted" (记下了, 记住喇) is news taken in. A particle
never makes a narrative, a third person's receipt or an instruction an ack. None of these forms is
in a corpus (checked against every corpus, fixture and noise file when written).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # a receipt on a particle of the class, signed or thanked
        "收到喇，多謝", "收到喇-行政部陳小姐", "已收到喇", "收到了唷～", "收到囉，謝謝各位",
        # an assent on Taiwan's 喔: its plain softener, not a turn to one listener
        "好的喔，謝謝", "了解喔，收到", "知道了喔", "沒問題喔", "OK喔",
        # Cantonese clipped assents with their particle; the perfective 咗 after an assent
        "明晒", "知晒，唔該", "明喇，多謝", "知喇-財務部", "明白咗",
        # "noted"
        "我记住了", "好，记下了", "收到，記下了",
        # Southwest Mandarin's 噻 after a receipt or an assent
        "收到了噻", "明白噻，谢谢",
    ],
    "other": [
        # the mainland 哦 after an assent still speaks to one listener; 喔 opening a reply is "oh"
        "了解哦～", "喔，知道了",
        # a clipped stem bare, or with a particle that is not of the class
        "明", "知", "知啦啦啦",
        # a third person's receipt, goods arrived, a receipt with content after it
        "佢收到喇", "件衫收到喇，好靚", "我哋今日收到喇份文件", "收到喇，但係份表仲未填",
        # a narrative or an instruction ending on a particle of the class
        "佢知喇", "阿明話佢明喇", "記得帶遮喔", "明天要交喔", "得喇，你揀啦", "好唷，明天見",
        # a clipped stem inside a word; a bare particle
        "明仔聽日返", "知名度", "喔喔喔",
        # 噻 after content or a third person
        "快点噻", "他收到噻",
        # "noted" asked, ordered, told of someone else, or with an object
        "记住了吗", "记下来", "把电话记下了", "他记下了",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t for _, t in TABLE])
def test_dialect_particle_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)
