"""s36-ackrec: the classes of real acks the grammar did not read — both sides of each boundary.

- A speaker who names themselves (我是黄丽): "I am" and a name of any words but no stop character,
  as a form field's label says the words are a name (`signature.is_self_named`) — a signature. A
  self-introduction with anything else in the name (我是新来的周洁) or a reply promised after the
  receipt (我会尽快回复) stays out.
- 接到, an order or a notice taken as it is handed down, is a receipt beside 收到 (接到了). What was
  handed over (接到电话了, 我接到了她的电话) runs on past the grammar.
- The verbs that set about the work (`ack._BEGIN`): 动手 beside 开始, alone or after urgency (收到，这就
  动手). An object after it (动手术, 动手打人) or 吧 (动手吧: urging) keeps it out.
- 为您 before a pledged act (马上为您处理): the asker served. An object after the act (为您处理这个
  问题) or 给您 handing a thing over (马上给您发货) stays task talk.
- Cantonese 得 is OK (得喇, 得，我記住喇), an assent of its own; Mandarin's 得了 / 得啦 ("that will
  do") is not, nor 得 glued to a noun (得返狗護士: "get").
- 交给我(吧), "leave it to me", is a pledge with nothing of the task named; 把手机交给我吧 names one.
- get is a receipt (已get, get✅), as get到 was; an English sentence around it is not.

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike, probes, noise);
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "您好，我是黄丽，您的邮件我已收到，谢谢",  # corpus
        "您好，我是元棪，您的邮件已经收到。",  # corpus
        "收到，我是李四",
        "接到了！马上动手~",  # corpus
        "接到了。动手。",  # corpus
        "接到",
        "收到，这就动手。",  # corpus
        "收到，马上动手",
        "收到，这就为您安排",  # corpus
        "收到！马上为您处理！",  # corpus
        "得喇",  # corpus
        "得，我記住喇。",  # corpus
        "得",
        "没问题，交给我",  # corpus
        "好的，交给我吧",  # corpus
        "已get",  # corpus (probe 3)
        "get✅",  # corpus (probe 3)
    ],
    "other": [
        "您好，我是熊昆，您的邮件我已收到，我会尽快回复谢谢。",  # corpus: an answer promised
        "大家好，我是新来的周洁，请多指教[抱拳]",  # corpus: not a name alone
        "我是张三",  # a name, no confirmation
        "我接到了她的电话。",  # corpus: what was handed over
        "接到电话了",
        "接到通知了吗",  # asked
        "收到，马上动手术",  # an object after the act
        "收到，马上动手打人",
        "动手吧",  # urging
        "明白了，我马上为您处理这个问题。",  # corpus: an object after the act
        "收到，马上给您发货",  # corpus: a thing handed over
        "收到，马上为您",
        "得了",  # Mandarin: that will do
        "得了得了",
        "得啦",
        "得返狗護士",  # corpus (noise, Cantonese): 得 glued to a noun is "get"
        "得喇得喇，我醒晒喇！",  # corpus: what follows is talk
        "收到，我会尽快查看实验报告。",  # corpus: an object of its own
        "你想合影留念吗？那就把手机交给我吧，我来拍～",  # corpus: the thing named
        "把钥匙交给我",
        "get the file",
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_ackrec_s36_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)
