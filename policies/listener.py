"""Who a demand's shape is said to: a group of readers, or one listener that is no member.

The precision round of issue 11 (s28): the shapes of a demand are also said where no group reads
them — a program checking its channel or a model told how to answer ("只需回复“收到”", "【自检】请
回复“收到”即可"). The reply there is the whole task; a notice asks its readers to show they read
*it*. Kept apart from `policies.guards`, whose message-wide guards other rounds tune line by line.

What a notice gives its readers to act on — a day, a clock time, a deadline — is read here once
(`deadline`, `day_or_deadline`) for this module, `policies.proof` and `policies.sure` (s29).
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

from policies.guards import PHRASE_MARK, WHOLE_GROUP
from policies.lead import compile_lead
from policies.segment import clause_span, word_tags, words_at

# When a notice's readers are to act — the one reading of a day or a deadline, for this module's
# lone listener (`reply_alone`), `policies.proof`'s form prompt, its quota and its pictures that
# prove something, and `policies.sure`'s binding deadline.
#
# A deadline (`deadline`): a clock time then 前 (17:00前, 9点之前, 22:00 前, 今晚8点前), the day's end
# then 前 (下班前, 放学前), the time asked for (请于今晚9点前, 请于10月16日前), or a time word then 前 in
# its clause (今晚锁门前, 周五之前, 月底前, 次日前) — a time word as jieba's lexicon tags it (t: 今天,
# 明早, 本周, 周日, 月底 …, no list of ours). Not 3点后 (after it), not 之前 with no time before it
# (之前说过: "earlier"), not 日前 (recently).
_CLOCK_DEADLINE = compile_lead(
    r"(\d+|[一二三四五六七八九十两]+)\s?(点|时|:\d\d)之?\s?前|(下班|放学)[^，,。]{0,6}前"
    r"|请于[^，,。]{1,10}?前"  # the time asked for (请于今晚9点前, 请于10月16日前)
)
# After a time word, in its clause: what stands between it and 前 (no number: a time of day after
# it, 今晚9点前, makes the deadline the clock's), at most this many characters.
_BEFORE_GAP = 6
_BEFORE = re.compile(rf"[^，,。\d]{{0,{_BEFORE_GAP}}}?[之以]?前")
_BEFORE_MARK = re.compile("前")
# A day or a clock time named (今天, 每天, 周五, 上午9点, 下午三点), or a cut-off (截止): what a notice
# gives its readers to act on, deadline or not; a form's field and a program's check set none.
_DAY_OR_TIME = compile_lead(
    r"[今明后每当]天|今晚|今日|每日|本周|下周|周[一二三四五六日末]|[0-9一二三四五六七八九十两]\s?[点时](?!间)"
    r"|截止"
)


def deadline(folded: str, start: int = 0, end: int | None = None) -> str | None:
    """The deadline set in `folded` (between `start` and `end`), as written: by the clock, the
    day's end or the time asked for (`_CLOCK_DEADLINE`) first, else by the day (`_by_day`)."""
    end = len(folded) if end is None else end
    found = _CLOCK_DEADLINE.search(folded, start, end)
    if found:
        return found.group()
    return _by_day(folded, start, end) if "前" in folded[start:end] else None


def day_or_deadline(folded: str) -> bool:
    """Whether `folded` names a day or a clock time (`_DAY_OR_TIME`) or sets a deadline."""
    return bool(_DAY_OR_TIME.search(folded) or deadline(folded))


def _by_day(folded: str, start: int, end: int) -> str | None:
    """A deadline by the day: a time word then 前 in its clause (今晚锁门前, 周日前, 明天之前), as
    written. A clause is tagged only when the lexicon has a time word ending close enough before
    one of its 前 (`_may_have_time_word`); each clause once."""
    seen = -1  # the clauses holding a 前 (the deadline's last character), in order, once each
    for before_mark in _BEFORE_MARK.finditer(folded, start, end):
        clause_start, clause_end = clause_span(folded, before_mark.start())
        if clause_start <= seen:
            continue  # a second 前 in a clause already read: not tagged again
        seen = clause_start
        if not _may_have_time_word(folded, clause_start, min(clause_end, end)):
            continue
        for word_start, word, flag in words_at(folded, before_mark.start()):
            if flag == "t" and word_start >= start:  # the dictionary's words, its time words
                before = _BEFORE.match(folded, word_start + len(word), end)
                if before:
                    return folded[word_start : before.end()]
    return None


def _may_have_time_word(folded: str, start: int, end: int) -> bool:
    """Whether a word the lexicon tags a time (t) ends close enough before a 前 of
    `folded[start:end]` to be read with it (`_BEFORE`) — looked up before the clause is tagged:
    any time word the tagger can cut is such a word of the lexicon."""
    tags, longest = word_tags(), _longest_time_word()
    for before_mark in _BEFORE_MARK.finditer(folded, start, end):
        mark = before_mark.start()
        for word_end in range(max(start + 1, mark - _BEFORE_GAP - 1), mark + 1):
            for word_start in range(max(start, word_end - longest), word_end):
                if tags.get(folded[word_start:word_end]) == "t":
                    return True
    return False


@functools.cache
def _longest_time_word() -> int:
    """The length of the lexicon's longest time word (t)."""
    return max(len(word) for word, flag in word_tags().items() if flag == "t")


# The reply as all there is to do: "you need only reply" (只需回复, 仅需回复, 只要回复), "just reply"
# (直接回复) or the reply and 即可 ("… and that is enough": 回复“收到”即可), in one clause.
_ONLY_THE_REPLY = compile_lead(
    r"(?:只需要?|仅需|只要|直接)(?:回复|回覆)|(?:回复|回覆)[^，,。！!？?；;\n]{0,8}即可"
)


# The reply pinned to one token ("reply only": 只回复, 仅回复), read by `guards.machine_talk`: this
# module leaves it there, and reads the reply that is all there is to do.
_PINNED = compile_lead(r"[只仅]回复")


class Searches(Protocol):
    """What searches a text between two positions, as a pattern does (`reply.READ_CONDITION`)."""

    def search(self, folded: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None: ...


def reply_alone(folded: str, read_condition: Searches) -> re.Match[str] | None:
    """The words that make the reply all a lone listener is asked (只需回复, 回复…即可), if
    `folded` gives nothing to read first — no reading condition (`read_condition`: 看到, 收到,
    阅 … before the reply), sets no day or time — and speaks to no group (大家, 各位, 们, 群 …): a program's check or a
    model's instruction, not a notice. A notice asks its readers to show they read it
    (看到仅需回复1即可, 请确认收到，回复1即可) or speaks to them (请各位…回复“收到”即可)."""
    found = _ONLY_THE_REPLY.search(folded)
    if found is None or "群" in folded or WHOLE_GROUP.search(folded):
        return None
    if _PINNED.search(folded):
        # "reply only" (只回复“收到”): the pinned reply is `guards.machine_talk`'s reading
        return None
    if day_or_deadline(folded):
        return None  # a notice's day or time (明天上午9点开会，回复收到即可)
    if read_condition.search(folded, 0, found.start()):
        return None  # something was given to read, and its reading is to be shown
    return found


# One listener by the grammar of the message — what a private chat, a program's prompt, a shop's
# or a tutor's note to one says, not a notice (s30-replyp):
# - the singular 你 heading a phrase, its subject or its subject's possessor, or asked (请你): 你也要
#   回复, 你现在处于…, 请你一律回复, 你的矫形支具需要调整，看到请回复 (s33-one: "your brace", one
#   patient's; a group notice names the readers' own things with 你们的 or 各自的) — not 你们 (many),
#   and not within a phrase: an object, a condition or a template's field is each reader's
#   (我们汇总后通知你; 如果你看到这条消息，请回复收到; 回复：✅ [你的名字] 注册完成);
# - the reply sent to one person (回复我, 回我一下, 看到回复一下他): the receipt goes back to the one
#   who asked, not into the group — not 回复我们, 回复他人, and not a wording that opens with 我
#   (回复我已阅, 回我收到了: what the reply says).
_YOU = "你"
_NOT_ONE_YOU = "你们"
_ASKED = "请"
_TO_ONE = compile_lead(r"回复?(?:一?下)?(?:我|他|她)(?![们人已知收明了会在都])")


def said_to_one(folded: str) -> str | None:
    """The words that make `folded` speak to one listener (`_TO_ONE`, `_you_heads`,
    `_reply_given_to`, `_concern_for_you`), if it names no group (大家, 各位, 们, 群 …: `guards.WHOLE_GROUP`)."""
    if "群" in folded or WHOLE_GROUP.search(folded):
        return None
    found = _TO_ONE.search(folded)
    if found:
        return found.group()
    return _you_heads(folded) or _reply_given_to(folded) or _concern_for_you(folded)


# The reply given to one person named before its verb: the preposition 给 (tagged p, not 给予), one
# word (a name, a title, a pronoun — 领导, 张老师, Olivia, 我), then the reply's verb (回, 回复, 回个):
# 曾经的我非常喜欢给领导回复「收到」, 给 Olivia 回个收到 — the receipt goes to that one, as 回复我 sends
# it back (`_TO_ONE`). Not 给领导看回复情况 (two words between: the replies shown to the leader), not a
# group named (`said_to_one` reads none: 给大家回复, 给各位回个话).
_GIVEN_TO = ("给", "p")
_REPLY_VERB = "回"


def _reply_given_to(folded: str) -> str | None:
    """The 给 + one person + reply verb of `folded` (`_GIVEN_TO`), as written, if it has one."""
    at = folded.find(_GIVEN_TO[0])
    while at >= 0:
        if _REPLY_VERB not in folded[at:]:
            return None  # no reply verb after this 给 (nor after a later one): nothing to tag
        words = [w for w in words_at(folded, at) if w[0] >= at and not w[1].isspace()][:3]
        if len(words) == 3 and words[0][1:] == _GIVEN_TO and words[2][1].startswith(_REPLY_VERB):
            return folded[at : words[2][0] + len(words[2][1])]
        at = folded.find(_GIVEN_TO[0], at + 1)
    return None


# The speaker's worry for one listener as the reply's reason (s38-oneperson): a verb of concern
# (担心, 担忧, 挂念, 牵挂, 惦记: to worry about, to keep in mind) with the singular 你 as its object,
# closing its phrase — the end, a space or a phrase's mark right after it, or after one more
# character (a final particle: 担心你了) — 看到回个消息, 妈担心你; 看到回个话，有点担心你了。: a mother's
# or a friend's private message, the reply a sign of life asked of that one, not a receipt of a
# notice its readers are to show. A notice's politeness or service to each reader stays (收到请回复，
# 谢谢你; 我们汇总后通知你: `tests/policies/test_reply_to_one.py`), and so does a worry for many (别让我
# 担心你们: 你们; 大家看到回个话，担心你: a group named, `said_to_one` reads none), and a worry with more
# after its object (担心你迟到: the object opens a clause, no closing one).
_CONCERN_FOR_YOU = compile_lead(r"(?:担心|担忧|挂念|牵挂|惦记)你(?!们)")


def _concern_for_you(folded: str) -> str | None:
    """The verb of concern and its object 你 closing a phrase of `folded` (`_CONCERN_FOR_YOU`),
    as written, if it has one; the cheap gate first: most messages have no 你."""
    if _YOU not in folded:
        return None
    for found in _CONCERN_FOR_YOU.finditer(folded):
        end = found.end()
        if end < len(folded) and folded[end].isalpha() and not folded[end].isascii():
            end += 1  # one character more, a final particle (担心你了, 惦记你呢)
        if end == len(folded) or folded[end].isspace() or PHRASE_MARK.match(folded, end):
            return folded[found.start() : end]
    return None


def _you_heads(folded: str) -> str | None:
    """The singular 你 heading a phrase of `folded` (at its start, after a phrase's mark or a
    space) or asked (请你), with what asks it, if there is one."""
    at = folded.find(_YOU)
    while at >= 0:
        before = folded[at - 1 : at]
        heads = at == 0 or before.isspace() or PHRASE_MARK.match(before) is not None
        if (heads or before == _ASKED) and not folded.startswith(_NOT_ONE_YOU, at):
            return folded[at - 1 : at + 1] if before == _ASKED else _YOU
        at = folded.find(_YOU, at + 1)
    return None
