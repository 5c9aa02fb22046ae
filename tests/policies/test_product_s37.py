"""s37-product2: the photo handed in as the answers is the work product, not a trace — both sides
of the boundary.

- The shot handed in as the answers (拍照提交答案, `proof._WORK_PRODUCT`): 查看老师发送的原版题目，完成后
  拍照提交答案. LABELS: asking for a document that is itself the work product is `other`.
- Not the screenshot taken after the answers are submitted (提交答案后截图发群里): a quiz taken, its
  screenshot the trace. Not a shot handed in with no answers named (完成后拍照提交), nor one with a
  duty's purpose beside it (证明已参加).

Lines marked "corpus" are real lines of the open sets (look-alike); the others are made up for
these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "other": [
        "查看老师发送的结构化作业内容，完成后拍照提交答案。",  # corpus
        "查看老师发送的原版题目，完成后拍照提交答案。",  # corpus
        "今晚完成后拍照提交答案",
        "完成后拍照提交答案",
        "练习册第三页，完成后拍照提交答案",
    ],
    "proof_request": [
        "提交答案后截图发群里证明已参加",
        "请大家参加网上答题，提交答案后截图发到群里",
        "答题完成提交答案后截图发群",
        "完成后拍照提交",
        "学习强国答题后截图发群里",
        "请把问卷填完后截图发群里",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s37_work_product_classes(label: str, text: str) -> None:
    assert classify(text).label == label, text
