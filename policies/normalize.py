"""Normalize a message once, for every detector: the text they read and what was set aside.

Width folding, case, Traditional → Simplified (OpenCC), a message typed twice, @mentions and
quote-replies, emoji and stickers (kept aside: [强] may be the whole reply), runs of spaces, the
marks a message ends on for tone (。 ！！！ ～～) — and the signature a message ends or starts
with ("…-办公室王芳", "（三组 李四）", "【三组李四】…"), kept as a field beside the body rather
than deleted blindly: the ack grammar reads it as a part of the reply, and a demand that is not
found as posted is looked for in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policies.lead import compile_lead
from policies.signature import split_signature
from policies.text import fold, strip_emoji, strip_mentions, undouble

# The marks a message may end on for tone or emphasis (。 ！！！ ～～ …): they end it, and say
# nothing; a question mark stays (a question is not an order).
_FINAL_MARKS = re.compile(r"(?<=[^\s\d])\s*[。.!~…]+$")  # after a digit: 1。 numbers
_FINAL_MARK_CHARS = tuple("。.!~…")  # cheap first check: the pattern is tried only on these
SIGNED_MAX = 40  # a signature is looked for on replies up to this long (the length an ack may have)
# Chinese marks typed half width: NFKC already folds ，！？：； to , ! ? : ; but leaves 。 and “”
# as they are, so a sentence typed with "." and straight quotes reads as typed with 。 and “”:
# a period after a Chinese character (not before a letter or digit: 报告.pdf, www.x.com) or
# before one (not after a letter or digit: 1.确认 numbers, v2.版本), and
# straight double quotes taken in pairs.
_PERIOD_AFTER_HAN = compile_lead(r"(?<=[\u4e00-\u9fff])\.(?![a-z0-9])")  # the engine skips to
_PERIOD_BEFORE_HAN = compile_lead(r"(?<![a-z0-9.])\.(?=[\u4e00-\u9fff])")  # each "." (`lead`)
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Normalized:
    folded: str  # what the detectors read: folded, mentions and emoji removed, spaces single
    emoji: tuple[str, ...]  # the emoji and sticker codes removed (强, 👌 …)
    signature: str  # the signature split off the end or start ("" when none)
    body: str  # `folded` without the signature


# classify, the model's veto and its grams read the same text within one call; classify's own
# cache keeps repeated texts from coming back here, so a small cache holds what is reused
@lru_cache(maxsize=1024)
def normalize(text: str) -> Normalized:
    folded, emoji = strip_emoji(strip_mentions(undouble(_chinese_marks(fold(text)))))
    folded = " ".join(folded.split())
    if folded.endswith(_FINAL_MARK_CHARS):
        folded = _FINAL_MARKS.sub("", folded)
    if len(folded) > SIGNED_MAX:
        return Normalized(folded, emoji, "", folded)
    signed = split_signature(folded)
    return Normalized(folded, emoji, signed.signature, signed.body if signed.signature else folded)


def _chinese_marks(folded: str) -> str:
    """。 and “” where Chinese text was typed with "." and straight quotes."""
    if "." in folded:
        folded = _PERIOD_BEFORE_HAN.sub("。", _PERIOD_AFTER_HAN.sub("。", folded))
    if '"' in folded and _CJK.search(folded):
        folded = _STRAIGHT_QUOTES.sub(r"“\1”", folded)
    return folded
