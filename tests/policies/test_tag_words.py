"""`policies.segment.tag_words` reads the dictionary's tags without jieba's tagger: its cut and
tags must be those of `jieba.posseg.lcut(text, HMM=False)`."""

from __future__ import annotations

import subprocess
import sys

import jieba.posseg
import pytest

from policies.segment import CLAUSE_END, alone_at, tag_words, words_at

SENTENCES = (
    "各拍一张发到群里",
    "各上传1份照片",  # a digit alone in a CJK block: one ASCII run
    "ABC各拍一张，T恤各买一件",
    "今晚锁门前交表",
    "周日之前 交齐\r\n明早9点前",
    "x_y#z&w.v+1 …各拍一张！！",
    "１２３各拍　好",  # full-width digits and an ideographic space stand alone
    "看到的同事们回个话",
    "收到的点心请回复",
    "AA制各付各的ok吗??",
    "",
)


def _posseg(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in jieba.posseg.lcut(text, HMM=False)]


@pytest.mark.parametrize("text", SENTENCES)
def test_cut_and_tags_are_the_taggers(text: str) -> None:
    assert tag_words(text) == _posseg(text)


@pytest.mark.parametrize("text", SENTENCES)
def test_a_word_alone_is_known_without_tagging(text: str) -> None:
    # `alone_at`: a character that is a word of its own, tagged x, in the clause holding it —
    # the gates of proof._modifies_noun and reply.confirms_condition rest on it
    for at in range(len(text)):
        if alone_at(text, at) and text[at] not in CLAUSE_END:  # a clause's mark ends it
            assert (at, text[at], "x") in words_at(text, at), (text, at)


def test_clause_words_are_read_once_per_message() -> None:
    folded = "巡查时请拍照，发到群里"
    first = words_at(folded, 4)
    assert words_at(folded, 2) is first  # the same clause of the same message: kept
    assert words_at("另一条：" + folded, 8) is not first  # another message: tagged again


def test_tags_read() -> None:
    tagged = tag_words("今晚各拍一张")
    assert [(w, f) for w, f in tagged if w != "各"] == [("今晚", "t"), ("拍", "v"), ("一张", "m")]


def test_classify_does_not_import_the_tagger() -> None:
    code = (
        "import sys\nfrom policies.classify import classify\n"
        "classify('各位同事今晚前各拍一张发群里，收到的请回复')\n"
        "print('jieba.posseg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# 各 before a verb and its count (`policies.sure._each_does`): the dictionary look-up before the
# tagging lets through every form the tagging reads so (各拍一张), and the tagging still decides
# what the look-up lets through (各发两张: the route makes 发两张 one word).
@pytest.mark.parametrize(
    ("text", "each_does", "looked_up"),
    [
        ("各拍一张", True, True),
        ("各交一份", True, True),
        ("各发两张照片", False, True),
        ("各位同事", False, False),
        ("各位于会场的同事", False, False),  # 位于 a verb, 会场 no numeral
        ("各上传1份照片", False, False),  # 1 is a run of ASCII, no numeral of the dictionary
    ],
)
def test_each_does_looked_up_first(text: str, each_does: bool, looked_up: bool) -> None:
    from policies.sure import _each_does, _verb_then_count

    assert _verb_then_count(text[1:6]) is looked_up
    assert _each_does(text, 0) is each_does
    tagged = tag_words(text[:6])
    assert each_does == (tagged[0][0] == "各" and [f[:1] for _, f in tagged[1:3]] == ["v", "m"])
