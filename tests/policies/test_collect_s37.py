"""s37-collect2: a reply that collects information is `other` (LABELS.md) — both sides of the boundary.

- 确认 whose object is a yes-no question on 是否 (`reply._CONFIRM_ASKS`, in `reply._ACK_OBJ`): 请回复确认
  是否参加, 回复确认是否接受此职位 — the reply answers whether, which the confirmation alone (请回复确认,
  收到请回复确认) does not. A question on the receipt itself (回复确认是否收到, 是否已阅, 是否看过) still
  asks for the read receipt. 能否 (烦请回复确认能否参加) has one real line only and stays read as a demand.

Lines marked "corpus" are real lines of the open sets; the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "other": [
        "请回复确认是否参加。",  # corpus (main: ack_request)
        "请在 {{offerExpiry}} 前回复确认是否接受此职位。",  # corpus (main: ack_request)
        "请回复确认是否继续本月剩余自动化运行。",  # corpus (main: ack_request)
        "请于 D0 结束前回复能否参加，如需调整时间或新增议题也请同步告知。",  # corpus
        "如有变动请回复标记，例如：\n- 「张三请假」\n- 「李四加班」",  # corpus
        "各位老师请于周四前回复确认是否参加培训",
        "请核对名单，回复确认是否有误",
        "请各班回复确认是否需要订餐",
        "周六团建，请回复确认是否参加",
    ],
    "ack_request": [
        "请回复确认",
        "收到请回复确认",
        "请大家回复确认是否收到",
        "请各位回复确认是否已阅",
        "请大家回复确认是否看过",
        "通知已发，请各村回复确认。",
        "看到请回复确认，谢谢",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s37_collect(label: str, text: str) -> None:
    assert classify(text).label == label, text
