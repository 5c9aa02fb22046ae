"""The voucher and sharing guards of `policies.proof` generalised by structure (pieces-proof2):
a payment's picture in either order (the picture, then the money it shows), the readers put to
use by a verb (提醒/看看/让/帮 + 大家/谁/其他人), the feed named next to the group (发群里/朋友圈).
Lines written for these tests, in no corpus: each guard on both sides of its boundary.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

LOOKALIKES = [
    # the picture first, the money after: a receipt, not a trace
    "请拍照发到群里，等财务核对到账",
    "截图发群里，再去后台确认付款",
    # a payment's screenshot, whatever the payment (缴费, 充值, 转账 …)
    "物业费缴费后请截图发给管家",
    "转账后截图发群里，群主核对后拉你进课程",
    # the readers put to use: warned, guessing, told
    "截图发群里，看看谁先认出这是哪",
    "照片发到群里，让大家评评哪张最好看",
    "拍下来发群里提醒大家绕行",
    "拍照发到论坛，帮其他人避坑",
    # the feed or the group, one's choice: a dish recommended
    "好吃的菜拍照发群里/朋友圈安利一下",
]

DEMANDS = [
    # no money: the picture proves a duty
    "请各位巡查后拍照发到群里，等领导核对",
    "值班人员每天拍照发群里确认在岗",
    # the readers are ordered, not put to use
    "请大家拍照发群里",
    "各位学习完截图发群里，让大家互相监督",
    # a stand-in doing the duty is no reader
    "不准让其他人代拍，每人必须自己拍照发群里",
    # a duty in the same message keeps the picture a trace
    "转发朋友圈后截图发群里/朋友圈都行",
]


@pytest.mark.parametrize("line", LOOKALIKES)
def test_lookalike_stays_other(line: str) -> None:
    assert classify(line).label == "other", line


@pytest.mark.parametrize("line", DEMANDS)
def test_demand_still_accused(line: str) -> None:
    assert classify(line).label == "proof_request", line
