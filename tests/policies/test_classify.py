"""The classifier on tables of real-looking messages (written for these tests)."""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.events import LABELS
from policies.normalize import normalize
from policies.text import undouble
from tests.policies.cases import ACK, ACK_REQUEST, CHAIN, OTHER, PROOF_REQUEST

TABLE = [
    *(("ack", t) for t in ACK),
    *(("ack_request", t) for t in ACK_REQUEST),
    *(("proof_request", t) for t in PROOF_REQUEST),
    *(("other", t) for t in OTHER),
    *(("chain", t) for t in CHAIN),
]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:24] for _, t in TABLE])
def test_label(label: str, text: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(("label", "text"), TABLE[::7])
def test_every_non_other_label_says_why(label: str, text: str) -> None:
    result = classify(text)
    assert result.label in LABELS
    assert bool(result.reasons) == (label != "other")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("收到请回复", "demand:reply-after-reading"),
        ("请回复“收到”", "demand:reply-confirmation"),
        ("还有谁没回复？", "demand:chase-non-repliers"),
        ("转发后截图发群里", "proof:forward-screenshot"),
        ("请各位将学习积分截图发到群里", "proof:to-group"),
        ("入户后请拍照留痕", "proof:trace"),
        ("1", "ack:ones"),
        ("[强]", "ack:emoji-only"),
        ("收到-财务科王芳", "ack:signed"),
    ],
)
def test_reasons_name_the_cue(text: str, cue: str) -> None:
    assert cue in classify(text).reasons


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("请把收到的验证码回复给我", "other"),  # 收到的 + a thing: not "those who received"
        ("收到的请回复", "ack_request"),  # 收到的 + a verb: "those who received"
        ("看到的同事请回复收到", "ack_request"),
        ("1号楼", "other"),
        ("１", "ack"),  # full width
        ("已閱", "ack"),  # traditional
        ("收到請回覆", "ack_request"),
        ("@王主任 收到", "ack"),
        ("收到，我下午三点前把表发你", "other"),
        ("现在群里动不动就让扣1，真是形式主义", "other"),
    ],
)
def test_normalization_and_word_boundaries(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("各卡點執勤民警請錄一段執勤影片發群", "proof_request"),  # Taiwan: 影片 is 视频
        ("外勤人員每天9點前在群裡傳送即時位置", "proof_request"),  # 傳送即時位置: 发送实时位置
        ("明白，馬上執行", "ack"),  # 執行 stays 执行 (Taiwan IT tables would say 运行)
        ("收到请确认（三组李四）", "ack_request"),  # the demand ends where the signature begins
        ("请接龙确认 财务科 张伟", "ack_request"),
        ("阅知请回、综治办刘洋", "ack_request"),
        ("请扣1[抱拳]", "ack_request"),  # the model judges the text without its sticker
        ("办公室王芳：巡查完了没？发个定位来看看", "proof_request"),  # the speaker first
        ("王芳-办公室：noted", "ack"),
        ("【三组李四】got it", "ack"),
        ("三组李四明白", "ack"),  # 明白 is no given name here
        ("602室家长1", "ack"),
        ("王明白", "other"),  # a name, nothing confirmed
        ("三组李四是！", "ack"),  # 是, the answer to a roll call, after a glued signature
        ("财务科张伟是，收到！", "ack"),
        ("王老师好", "other"),  # 好 after a name greets
        ("李四是", "other"),  # a bare name is not marked as a signature
        ("OK, but which template should we use?～王芳", "other"),  # English words are no name
        ("OK～王芳", "ack"),
        ("第1周值班：张伟、李娜👌🏻", "other"),  # after a colon comes what is said: a roster
        ("张伟、李娜、王芳👌", "other"),  # three names are a list, not one signer
        ("[强]-办公室王芳", "ack"),
        ("好的，明白 好的，明白", "ack"),  # typed twice with a mark between
        ("收到请回复\n收到请回复", "ack_request"),
        ("好，好，好，好", "other"),  # one word repeated is a reaction, not a message twice
        ("双十一，双十一", "other"),  # typed twice, read once: still no formula
        ("请回复收到 请回复收到", "ack_request"),
        ("收到。收到！", "ack"),  # a mark of tone after the repeat
        ("收到请告知～～", "ack_request"),  # marks of tone at the end say nothing
        ("got it。。。", "ack"),
        ("[接龙]\n已知晓停电通知\n1、张三\n2、李四", "chain"),  # half-width box
        ("[接龙]", "other"),  # an export's placeholder for a 接龙 whose text is lost
    ],
)
def test_as_people_type_it(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("还没转发的抓紧，转好的回个已转", "ack_request"),  # forwarded as told, then show it
        ("各网格员把防诈宣传转发到小区群，转发后群里回复一下", "ack_request"),
        ("文件已经转发给客户了，等他回复", "other"),  # someone else will answer
        ("麻烦把报名表转发到年级群，家长有问题直接回复我", "other"),
        ("每拜访一家客户，发一个定位到群里", "proof_request"),  # the client is the place visited
        ("到客户处后发个位置到群里", "proof_request"),
        ("把截图发给客户", "other"),  # the client receives a work product
        ("逾期不再汇总，收到请回复", "ack_request"),  # the negation ends at the comma
        ("大家收到的话回复一下", "ack_request"),  # 收到的话: "if you received it"
        ("收到的话费清单发我", "other"),  # the phone bill received
    ],
)
def test_forwarding_visits_and_negation_scope(text: str, label: str) -> None:
    assert classify(text).label == label


def test_platform_chain_type_is_a_chain_even_without_list_text() -> None:
    assert classify("接龙", "chain").label == "chain"
    assert classify("[图片]", "image").label == "other"


def test_same_input_same_output() -> None:
    first = [classify(t) for _, t in TABLE]
    classify.cache_clear()
    assert [classify(t) for _, t in TABLE] == first


@pytest.mark.parametrize(
    ("text", "once"),
    [
        ("好的。好的", "好的"),  # a formula typed twice across a mark
        ("收到 收到", "收到"),
        ("行\n行", "行"),  # one character on a line of its own: typed again
        ("好的，好的。", "好的"),  # a mark of tone after the repeat
        ("好的好的好的好的", "好的好的"),  # 好的好的 typed twice
        ("好，好，好，好", "好，好，好，好"),  # one character over and over: a reaction, kept
        ("嗯嗯", "嗯嗯"),  # glued, one character doubled is a word
        ("3.3", "3.3"),  # a number across a mark: a number or a list
        ("12，12", "12，12"),
    ],
)
def test_typed_twice_reads_once(text: str, once: str) -> None:
    assert undouble(text) == once


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ('请大家回复"收到".', "请大家回复“收到”"),  # half-width period and straight quotes
        ("收到.谢谢", "收到。谢谢"),
        ("报告.pdf已收到", "报告.pdf已收到"),  # a file's extension
        ("www.example.com", "www.example.com"),
        ("版本1.2已发布", "版本1.2已发布"),  # a number
        ("1.确认参加", "1.确认参加"),  # a numbered line
    ],
)
def test_chinese_marks_typed_half_width(text: str, folded: str) -> None:
    assert normalize(text).folded == folded
