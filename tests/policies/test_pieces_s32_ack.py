"""s32-piecesa: one-line pieces of policies.ack / policies.reply read by structure.

The modal of the future is one closed class, 会 and 将 (`ack._VOW_MODALS`): a vow opens on it
(已收到，会尽快修复; 知悉，将认真落实 — real replies of the recall set) and, right after a name, it
makes the name the subject of what will be done (老師會盡快處理, a real look-alike: told, not signed).
Before, the second reading spelled the class again as a tuple of its own (`_MODAL_WILL`), whose 会
decided that one look-alike alone. The look-alikes below are made up for these tests, except where
a comment says they are corpus lines.
"""

from __future__ import annotations

import pytest

from policies import ack
from policies.classify import classify

MODAL = {
    "ack": [
        "已收到，会尽快修复",  # recall set (a vow: the modal, then one act)
        "知悉，将认真落实",  # recall set
        "收到，会尽快处理",  # the pledge, "I" its subject unsaid
        "三组李四收到，会准时参加",  # signed receipt, then the pledge
    ],
    "other": [
        "✅ 已確認收到，老師會盡快處理",  # look-alike set: a third person acting, told
        "收到，老师会尽快处理",
        "收到，门店将联系您",  # the modal's other member after a name
    ],
}
MODAL_TABLE = [(label, text) for label, texts in MODAL.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), MODAL_TABLE, ids=[t[:20] for _, t in MODAL_TABLE])
def test_modal_of_the_future_is_one_class(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


def test_a_name_before_the_modal_reads_the_vows_class(monkeypatch: pytest.MonkeyPatch) -> None:
    """One class read in both places: without 会 in it, the vow and the name's check both go."""
    assert not hasattr(ack, "_MODAL_WILL")
    monkeypatch.setattr(ack, "_VOW_MODALS", frozenset(("将",)))
    classify.cache_clear()
    try:
        assert classify("已收到，会尽快修复").label == "other"  # the vow's 会 gone
        # and the name's check with it
        assert classify("✅ 已確認收到，老師會盡快處理").label == "ack"
    finally:
        classify.cache_clear()
