"""Who a demand's shape is said to: a group of readers, or one listener that is no member.

The precision round of issue 11 (s28): the shapes of a demand are also said where no group reads
them — a program checking its channel or a model told how to answer ("只需回复“收到”", "【自检】请
回复“收到”即可"). The reply there is the whole task; a notice asks its readers to show they read
*it*. Kept apart from `policies.guards`, whose message-wide guards other rounds tune line by line.
"""

from __future__ import annotations

import re

from policies.guards import WHOLE_GROUP
from policies.lead import compile_lead

# A day, a clock time or a deadline set (今天, 每天, 周五, 上午9点, 下午三点前, 之前, 截止): what a notice
# gives its readers to act on; a form's field and a program's check set none (`policies.proof`'s
# form prompt reads it too).
DAY_OR_DEADLINE = compile_lead(
    r"[今明后每当]天|今晚|今日|每日|本周|下周|周[一二三四五六日末]|[0-9一二三四五六七八九十两]\s?[点时](?!间)"
    r"|[点时号日]前|之前|以前|截止"
)
# The reply as all there is to do: "you need only reply" (只需回复, 仅需回复, 只要回复), "just reply"
# (直接回复) or the reply and 即可 ("… and that is enough": 回复“收到”即可), in one clause.
_ONLY_THE_REPLY = compile_lead(
    r"(?:只需要?|仅需|只要|直接)(?:回复|回覆)|(?:回复|回覆)[^，,。！!？?；;\n]{0,8}即可"
)


# The reply pinned to one token ("reply only": 只回复, 仅回复), read by `guards.machine_talk`: this
# module leaves it there, and reads the reply that is all there is to do.
_PINNED = compile_lead(r"[只仅]回复")


def reply_alone(folded: str, read_condition: re.Pattern[str]) -> re.Match[str] | None:
    """The words that make the reply all a lone listener is asked (只需回复, 回复…即可), if
    `folded` gives nothing to read first — no reading condition (`read_condition`: 看到, 收到,
    阅 … before the reply), sets no day or time — and speaks to no group (大家, 各位, 们, 群 …): a program's check or a
    model's instruction, not a notice. A notice asks its readers to show they read it
    (看到仅需回复1即可, 请确认收到，回复1即可) or speaks to them (请各位…回复“收到”即可)."""
    found = _ONLY_THE_REPLY.search(folded)
    if found is None or "群" in folded or WHOLE_GROUP.search(folded):
        return None
    if _PINNED.search(folded):
        return (
            None  # "reply only" (只回复“收到”): the pinned reply is `guards.machine_talk`'s reading
        )
    if DAY_OR_DEADLINE.search(folded):
        return None  # a notice's day or time (明天上午9点开会，回复收到即可)
    if read_condition.search(folded, 0, found.start()):
        return None  # something was given to read, and its reading is to be shown
    return found
