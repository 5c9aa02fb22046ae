"""Taiwan and Hong Kong groups in Traditional script (s32-tw): a notice's receipt button pressed as
the reply (看完請按下面按鈕; 看到訊息請按下方的「已讀」按鈕), a LINE 接龍 whose short header line ends
in 請接龍 with no #接龍 tag (報名以下請接龍; 参与者请接龙报名：).
The sentences are made up for these tests; the real lines are in
corpora/real/recall_messages.jsonl, lookalike_messages.jsonl and real_messages.jsonl (see
corpora/real/SOURCES.md, "tenth batch").
"""

from __future__ import annotations

import pytest

from policies.chain import parse_chain
from policies.classify import classify

CASES = {
    "ack_request": [
        # the receipt button after reading, unnamed or named a receipt, Traditional and Simplified
        "看完請按下方按鈕", "看到請按「已讀」按鈕", "收到通知請按下面的確認按鈕",
        "已读请按下方按钮，谢谢", "看到消息请按下面的「收到」按钮",
    ],
    "chain": [
        # a short header line that asks for the 接龙, then the numbered members
        "週六打球\n報名以下請接龍\n1. 阿明\n2. 小華",
        "参加聚餐的请接龙：\n1、张三\n2、李四",
        "收到請接龍\n1. 王小明 收到\n2. 李美花 收到",
    ],
    "other": [
        # a button pressed for something else, or with no reading before it
        "看完影片請按下方按鈕領取優惠", "看完後請按下方按鈕開始測驗", "請按下方按鈕", "按下面的按鈕就可以了",
        # 請接龍 closing a sentence, or with no numbered members after it
        "今天的會議紀要如下，收到請接龍：\n1. 下週一交材料\n2. 週三開會", "報名以下請接龍",
        # a button pressed to begin or to get something, named in its clause
        "看完請按開始按鈕", "收到請按領取按鈕",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_s32_tw_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


def test_a_tail_header_is_the_chain_title() -> None:
    """The header line is the description: an acknowledgement chain keeps its ack title."""
    chain = parse_chain("收到請接龍\n1. 王小明\n2. 李美花")
    assert chain is not None and chain.title == "收到請接龍" and chain.is_ack_chain
    sign_up = parse_chain("報名以下請接龍\n1. 王小明\n2. 李美花")
    assert sign_up is not None and sign_up.title == "報名以下請接龍" and not sign_up.is_ack_chain
