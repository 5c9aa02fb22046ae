"""s34-replyprec: reply demands read `other` when the reply is what a program or a procedure does —
both sides of each boundary.

- A reply's confirmation glued to the noun it names (`reply._names_message`: 回复确认消息, 回复确认信息,
  回覆確認訊息, 先回覆確認卡) is a confirmation message a bot or a server answers with, in a message that
  neither asks nor addresses anyone; a reading confirmed runs on into a verb (回复确认收到), and
  请大家回复确认信息 still asks. The same wording taken bare by the dictation shape (回复确认信息) names
  no wording to copy.
- A reply joined by 并 to the act before it (`narration._JOINED`: 处理心跳并回复确认, 持久化到会话并回复
  确认, 将被记录并回复确认) is a procedure's step, in a message that neither asks nor addresses anyone;
  以上请知悉，并回复确认 and 各班组长务必传达…，并在群里回复确认 ask.
- A reply given to one person named before its verb (`listener._reply_given_to`: 给领导回复「收到」,
  给 Olivia 回个收到) goes to that one, as 回复我 does; 给领导看回复情况 (a verb between) and a group
  named (请大家给老师回复收到) still ask the group.

Lines marked "corpus" are real lines of the recall, real or look-alike sets, or of the probes; the
others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack_request": [
        "请大家回复确认信息",  # the message asks: the noun does not tell
        "各位老师回复确认消息",  # the readers addressed
        "回复确认收到",  # a reading confirmed: a verb after 确认, not a noun
        "请回复确认",  # corpus: no noun, asked
        "以上请知悉，并回复确认",  # corpus (probe 5): joined by 并, but asked
        "以上安排请各位知悉，并在群里回复确认",  # corpus (probe 7)
        "重要！下周一起进出厂区必须佩戴工牌，门岗将严格查验。各班组长务必传达到每位员工，并在群里回复确认。",  # corpus (probe 4)
        "请全体成员阅读群公告并回复收到",  # corpus (probe 6)
        "各位同仁，以上通知请阅知并回复",  # corpus (dev)
        "都回一下收到，我要截图给领导看回复情况",  # corpus (probe 8): a verb between 给领导 and the reply
        "请大家给老师回复收到",  # the group named
        "各位家长给班主任回复收到",  # the group named
        "@所有人 收到消息请回复",  # corpus: no 后, asked
        "大家收到消息后回复一下",  # the group named
        "收到这条消息后回复收到",  # the notice named by its determiner
        "麻烦各位同事看到消息后回复一下，确认都通知到了",  # corpus (probe 6)
    ],
    "other": [
        "回复确认消息",  # corpus: a code comment
        "一般回复确认信息，无直接内容",  # corpus: a protocol's comment
        "如果图片安全，将回复确认信息。",  # corpus: a bot plugin's help
        "5. 回覆確認訊息",  # corpus: a docstring's step (Traditional)
        "若超過設定時間、專案設定變更、或上一項工作在不同 project，下一次省略專案的 `run` 先回覆確認卡，不直接執行。",  # corpus
        "机器人回复确认邮件",  # the noun another message
        "处理心跳并回复确认",  # corpus: a WebSocket hub's comment
        "其他文字訊息將被記錄並回覆確認。",  # corpus: a Telegram bot's help
        "仅含 Directive 的消息中,它们持久化到会话并回复确认。",  # corpus: an agent gateway's docs
        "服务端校验签名并在日志里回复确认",  # 并 + 在…: the step's place
        "给 Olivia 回个收到",  # corpus: an assistant's placeholder example
        "曾經的我非常喜歡給領導回復「收到」,我認為這是積極反饋領導安排的應盡職責",  # corpus (cut)
        "看到消息给张老师回复收到",  # one teacher named
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_reply_precision_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)
