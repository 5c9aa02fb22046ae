"""Proof precision of `proof:to-group` (s38-togroup, issue 11): two structures that set a picture
sent to a group apart from a duty's trace, each pinned on both sides. Real lines come first (from
corpora/real, as collected); the invented ones are marked.

- 下来 is no count: a bare 拍下来发群里 opens on the shot and its directional complement (the shot
  kept), not on a verb and a count (拍一张, 录一段, 拍下 = 拍一下) — it orders no more than 截图发群里
  does; a counted shot opening the text still orders;
- a picture asked in case of an event: the phrase before the picture's opens with a conjunction
  (如果, 若) and tells what happened (还是一样, 报无法加载) — help asked of the group, not a trace; a
  condition that names a duty or a thing done, a need (若需), a clause of time, a duty after it, or
  the whole group addressed keeps the order.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import proof_request_cue, unordered

COMPLEMENT = [  # real: quiz and game options (s38-togroup batch)
    "拍下来发群里：新概念电子寻龙点穴。",
    "拍下来发群里“有瓜速来”",
    "拍下来发群",
    "拍下来发群里共同鉴赏",
]
COUNTED = [
    "发一下青年大学习截图，谢谢配合",  # real (real_messages.jsonl)
    "拍一张发群里",  # invented
    "录一段视频发群里",  # invented
    "拍下发群里",  # invented: 下 the count of 一下
]

CONTINGENT = [  # real: help asked with a picture of what went wrong
    "由于五国状况复杂这里只提供一个能减少五国概率的方法，如果还是一样，请拍照发群里",
    "这台电脑的 PowerShell 执行策略由系统/公司策略管理，脚本不能自动修改。"
    "若 lark-cli 报无法加载 .ps1，请截图发群里。",
]
CONTINGENT_INVENTED = [
    "如果还是一样，请截图发群里",
]
CONDITION_ORDERS = [
    "永辉BOSS监控机如果插2跟网线要做路由表，做完拍照发到群里",  # real (real_messages.jsonl)
    "如果完成了，请截图发群里",  # invented: the condition a thing done
    "如果学完了，请截图发群里",  # invented: a duty in the condition
    "若需加急，请截图发至群内",  # invented: a need, a procedure chosen
    "如果下雨，巡查完拍照发群",  # invented: a duty after the condition
    "如果今天停电，请大家拍照发群里",  # invented: the whole group addressed
    "如果还是一样，请拍照发群里留痕",  # invented: the trace named
]


@pytest.mark.parametrize("text", COMPLEMENT)
def test_complement_is_no_count(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", COUNTED)
def test_counted_shot_still_orders(text: str) -> None:
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", CONTINGENT + CONTINGENT_INVENTED)
def test_picture_in_case_of_an_event_is_help(text: str) -> None:
    folded = normalize(text).folded
    assert unordered(folded) == "contingent"
    assert proof_request_cue(folded) is None
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", CONDITION_ORDERS)
def test_condition_with_a_duty_or_an_order_stays(text: str) -> None:
    assert unordered(normalize(text).folded) != "contingent"
    assert classify(text).label == "proof_request"


def test_sequence_is_no_condition() -> None:
    # invented: the picture's own phrase opens with the conjunction — a step, read elsewhere
    assert unordered(normalize("先关注公众号，然后截图发群里").folded) != "contingent"
