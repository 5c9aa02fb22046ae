"""The object and delivery side of proof demands, by structure (issue 11: no piece for one
line). Lines written for these tests, in no corpus: each pair has the same words on both sides,
only the structure differs.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand)
PAIRS = [
    # a payment's voucher in either order, one money slot: the picture first, then the top-up it
    # shows; the top-up first, then its picture — not a duty in the money's place
    ("上传截图后再点我已充值，30分钟内完成", "上传截图后再点我已签到，30分钟内完成"),
    ("付款完成后上传付款成功的截图", "培训完成后上传培训成功的截图"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_the_structure_decides(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


def test_the_voucher_names_its_money() -> None:
    """The picture first, then the money it shows, in one sentence: the voucher's cue names the
    money; across a sentence the picture is no voucher of it."""
    cues = {c.name: c for c in explain("各位拍照发群里后再点确认收款")}
    assert cues["guard:voucher"].fired and cues["guard:voucher"].detail == "收款"
    assert classify("各位拍照发群里后再点确认收款").label == "other"
    assert classify("各位拍照发群里。再点确认收款").label == "proof_request"
