"""Reply demands and their look-alikes, s34-replyrec (issue 11): the first step of a standing
procedure that answers every message received (收到消息 → 先回复「收到」: an agent's or a bot's rule,
not a notice's readers asked) — both sides of the boundary — and the real look-alikes of the
session's batches that the rules already leave alone (a like as an app's feature, a vote or a
decision with a deadline).

What this round found and did not change, pinned here so a later round sees why:
- no new real reply demand: every group demand the searches met (a sales team's 收到請回覆 +1, a
  game's class group 收到返校通知的请在群里回复, an interview notice's 回复【姓名+收到】, …) came from a
  source already listed in corpora/real/SOURCES.md, so no recall rule rests on new lines;
- a subject stated before 收到消息后回复 (机器人, 操作员, gateway) frees three more look-alikes but
  would take 员工收到消息后回复收到 — a company's notice as likely as a bot's design — so it is not a
  reading: only the procedure's step (先) is.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

# Real lines (corpora/real/lookalike_messages.jsonl): an agent's rules for every message.
STANDING = [
    "收到用戶經由 Channels（如 Telegram）傳來的訊息時，先立即回覆「收到」，再繼續完成後續動作",
    "收到訊息 → 先回覆「收到」",
    # written for this test: the same rule in simplified script, a bot as its subject
    "机器人收到用户消息时，先回复“收到”，再开始处理",
]
# The near lines: a notice named, an order anywhere, the group or a member addressed, no step.
NOTICES = [
    "@所有人 收到消息请回复",  # real (recall_messages.jsonl)
    "看到消息请回复收到！此消息十分重要！！！",  # probe 7
    "收到此消息后先回复收到",
    "收到消息后请先回复收到",
    "收到消息后先回复收到，再抓紧落实",
    "各位老师收到消息后先回复",
    "各村收到消息后先回复收到",
    "张伟收到消息后先回复收到",
    "员工收到消息后回复收到",
]
# Real look-alikes of the batches (corpora/real/lookalike_messages.jsonl), already left alone.
LEFT_ALONE = [
    "还没有红心歌曲，去播放器或歌曲列表点一下红心吧",
    "点一下红心，收下这一轮。",
    "请在今天下午5点前回复，方便我订位置。",
    "【紧急】国学平台已切换至备用环境（上海），请全员确认功能正常",
    "後端 test 123，收到請回答",
    "戳一戳以示收到（好像没用）",
]


@pytest.mark.parametrize("text", STANDING)
def test_a_standing_procedures_first_reply_asks_no_readers(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOTICES)
def test_a_notice_or_an_order_still_asks(text: str) -> None:
    assert classify(text).label == "ack_request"


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_the_batches_look_alikes_stay_other(text: str) -> None:
    assert classify(text).label == "other"
