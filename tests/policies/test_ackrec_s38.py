"""s38-ackrec: the classes of real acks the grammar did not read — both sides of each boundary.

- 感恩, the thanks Taiwan and Malaysia type after a receipt, one more word of `ack._THANKS`
  (收到了，感恩 🙏; 已收到，感恩您的来信). Alone it thanks and confirms nothing, as 谢谢 alone does;
  感恩节 (the holiday) and 感恩的心 run on past the grammar.
- An English ack with the title of the one it answers (`ack._EN_ADDRESS`: Noted sir, noted boss,
  Yes sir., Noted, ma'am.) — the English of 收到领导. The title alone is no ack, a name is no
  title (Noted Maya! …), and an ack that goes on — a plan, a question, a report — stays `other`.
- 阅知, "read and noted", the official's receipt (已阅知; 已阅知。谢谢！), 知悉's twin. 已阅知悉 is
  still 已阅 + 知悉; 已阅知 followed by a ruling (已阅知。此头不得咨询。) and 请阅知 (asked) stay out.

Lines marked "corpus" are real lines of the open sets (recall, look-alike, probes); the others
are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到了，感恩",  # corpus
        "收到了，感恩 🙏",  # corpus
        "已收到，感恩您的来信 🙏",  # corpus
        "收到，感恩",
        "已阅，感恩老师的付出",
        "Noted Sir",  # corpus
        "Noted sir 🙏",  # corpus
        "Noted, sir.",  # corpus
        "Yes sir.",  # corpus
        "noted boss",  # corpus
        "noted boss...",  # corpus
        "Well noted, boss",
        "Received, thanks sir",
        "Noted, ma'am.",  # corpus
        "Noted, Ma'am!",  # corpus
        "noted maam",  # corpus
        "Yes, sir!",  # corpus
        "已阅知",  # corpus (probe 3)
        "已阅知。谢谢！",  # corpus
        "次日开馆已阅知，继续督办",  # corpus
        "收到，已阅知",
        "已阅知悉",  # corpus (probes 4 and 5): still 已阅 + 知悉
    ],
    "other": [
        "感恩",  # thanks alone confirm nothing
        "感恩老师",
        "感恩节快乐",
        "收到感恩节礼物了",
        "感恩的心",
        "sir",  # a title alone
        "boss",
        "the boss noted it",
        "Noted sir, will check and revert",  # corpus: an answer promised
        "Noted sir, heading there in the afternoon session.",  # corpus: a plan
        "Noted boss! Will call you once I set up the mobile waterless/snow foam unit. 👍",  # corpus
        "Noted Boss I am waiting for the other two persons to sign",  # corpus: a state
        "Noted boss. Try /idea atau /angle dulu 🚀",  # corpus: an instruction
        "📄 Billing noted boss! Which Order / Invoice should I check?",  # corpus: a question
        "Noted, sir. I dey come.",  # corpus: a plan
        "Noted, Sir. A bold project.",  # corpus: a judgement
        "Noted Maya! I have your overload curve ready for our session.",  # corpus: a name, news
        "Noted, Ma'am. We will upload the revised version today.",  # corpus: a plan
        "ma'am",
        "已阅知。此头不得咨询。",  # corpus: a ruling after the read mark
        "已阅知。底稿未齐，不能下发刊结论。",  # corpus
        "请阅知",  # asked
        "阅知晓",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s38_ack_classes(label: str, text: str) -> None:
    assert classify(text).label == label, text


def test_the_title_signs_the_english_ack() -> None:
    assert "ack:signed" in classify("Noted sir").reasons
    assert "ack:signed" not in classify("Noted").reasons
