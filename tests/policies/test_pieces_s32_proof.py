"""One-line pieces of proof, listener and narration taken off (s32-piecesp), each by structure or by
real lines of its class, with a line each side of the boundary — all lines real (corpus lines,
sources in corpora/real/SOURCES.md), none written for these tests.

- proof's bare-modal exception (`_BARE_MODAL` 要) dropped: between the picture (the topic) and its
  发, the modal 要 orders as any order's word (`_DIRECTIVE`) does — the exception decided one line,
  probe 3's 签到截图+学习截图都要发 (a demand), and decided it wrongly.
- proof's `_ORDERS_GROUP` 们 replaced by the readers addressed (你们) and the group slot of
  `guards.WHOLE_GROUP`: the members by their plural (骑手们, 同学们), not the speaker's side or
  others (给我们发来…照片: told). _DIRECTIVE's 要 now decides the probe 3 line as well (off too).
- listener's 请 (请你: the one listener asked) decides more than one line with the s32-piecesp batch
  (a prompt to one model: 请你回复收到，并重复收到的信息); proof's 云 (我云爬山) is tested beside it,
  though the batch's 让我云旅游 changes no label without it (its row stays).
- proof's `_HAVE` 有 dropped: the verb of what the picture must show is read as a verb only where a
  word begins — of every verb of the slot, as it was of 有 alone (no label changes).
"""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify
from policies.explain import explain
from policies.guards import WHOLE_GROUP
from policies.listener import said_to_one


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the modal 要 between the pictures and their 发: ordered (probe 3)
        ("签到截图+学习截图都要发，缺一不可", "proof_request"),
        # a look-alike with the same 要…发: a story app's refusal, told (look-alikes)
        ("照片要发给画图的模型才能生成主角，得先请家长在控制面板上点头同意", "other"),
    ],
)
def test_the_modal_orders_the_pictures_send(text: str, label: str) -> None:
    assert classify(text).label == label, explain(text)


def test_the_modal_puts_the_send_off_as_an_order() -> None:
    assert proof.delivered("签到截图+学习截图都要发，缺一不可")
    assert not hasattr(proof, "_BARE_MODAL")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the members by their plural: the group ordered to post (probe 2)
        ("骑手们每天早会拍合影发群，站长要报给区域", "proof_request"),
        ("保洁阿姨们清理完垃圾桶后拍个照片发群里哈", "proof_request"),
        # the readers addressed by their plural (probe 4)
        ("下午领导来检查，你们在岗位上拍个照发群，证明在岗", "proof_request"),
        # a pronoun's plural: the speaker's side sent the pictures, told (look-alikes)
        (
            "浙里养俱乐部的群友给我们发来数百张在西湖边拍的照片,透过画面,虽可感叹岁月给青丝染上白霜,"
            "但那些笑容依旧灿烂,情谊更加绵长。",
            "other",
        ),
    ],
)
def test_the_group_by_its_plural_not_a_pronouns(text: str, label: str) -> None:
    assert classify(text).label == label, explain(text)


def test_whole_group_reads_the_plural() -> None:
    assert WHOLE_GROUP.search("骑手们每天早会拍合影发群")
    assert not WHOLE_GROUP.search("群友给我们发来数百张照片")
    assert not proof._ORDERS_GROUP.search("群友给我们发来数百张照片")
    assert proof._ORDERS_GROUP.search("你们在岗位上拍个照发群")


@pytest.mark.parametrize(
    ("text", "one"),
    [
        # 请你: the one listener asked — two prompts to a model (look-alikes)
        ("请你回复收到，并重复收到的信息", "请你"),
        ("对于你收到的所有其它格式的消息，请你一律回复“收到”", "请你"),
        # the many asked: no one listener (real set)
        ("收到请回复", None),
    ],
)
def test_the_one_listener_asked(text: str, one: str | None) -> None:
    assert said_to_one(text) == one


def test_the_prompts_to_one_listener_are_no_demand() -> None:
    for text in (
        "请你回复收到，并重复收到的信息",
        "对于你收到的所有其它格式的消息，请你一律回复“收到”",
    ):
        assert classify(text).label == "other", explain(text)


@pytest.mark.parametrize(
    ("text", "virtual"),
    [
        # 云 a word of its own after someone: taking part by the pictures (look-alikes)
        ("一定一定！你们多拍照片发群里，我云爬山！", True),
        ("以后旅行一定要狂发 story 让我云旅游！在教会多说说话，要开始多照顾 junior 啦！", True),
        # 云 inside a name: a platform's back office (look-alikes)
        ("转发此次活动文章到朋友圈并截图发给文化云后台参与抽奖。", False),
    ],
)
def test_taking_part_from_afar(text: str, virtual: bool) -> None:
    assert (proof._virtually(text) is not None) is virtual


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        # the verb of what the picture shows begins a word: a norm for it (dev set, probe 3)
        ("请各位老师将家访照片发到群里，照片里要有学生和家长", "照片里要有"),
        ("夜查请拍照，照片要显示时间，发群里留底", "照片要显示"),
        # 有 inside a word (有效): no verb of showing — a contest's rule (look-alikes)
        (
            "本次比赛严禁刷票，年货照片必须真实有效，如果发现违规作弊行为，将会被做取消比赛资格的处理。",
            None,
        ),
    ],
)
def test_what_the_picture_must_show_begins_a_word(text: str, norm: str | None) -> None:
    found = proof.must_show(text)
    assert (found.group() if found else None) == norm
    assert not hasattr(proof, "_HAVE")
