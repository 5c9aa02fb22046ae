"""Text normalization shared by every detector: width, script, emoji, WeChat codes, @mentions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import opencc

from policies.signature import TITLES
from policies.t2s_chars import CHANGEABLE, OPENCC_VERSION

# Traditional → simplified with OpenCC's t2s tables (characters and phrases; ~1 µs a message).
_T2S = opencc.OpenCC("t2s")
# Text typed in Traditional also uses Taiwan and Hong Kong words for the media and channels a
# demand names (影片 for 视频, 視訊 for a video call, 傳送 for 发送, 社群 for 社区). OpenCC's tw2sp tables
# translate these but also its IT vocabulary (執行 → 运行, 截圖 → 截屏), so only these are read.
_REGIONAL = {
    "影片": "视频",
    "视讯": "视频",
    "录影": "录像",
    "简讯": "短信",
    "讯息": "消息",
    "萤幕": "屏幕",
    "荧幕": "屏幕",
    "专案": "项目",
    "网路": "网络",
    "资讯": "信息",
    "传送": "发送",
    "即时": "实时",
    "社群": "社区",
}
_REGIONAL_WORD = re.compile("|".join(_REGIONAL))
# A text OpenCC could change holds one of the characters its t2s keys replace (generated from its
# dictionaries by `python -m bot.ops.t2s_chars`), or one beyond the BMP (not listed: sent to OpenCC
# as they are), or a lone surrogate (OpenCC's UTF-8 encoding raises on it, as it always did).
# Text typed in Simplified holds none: a search of one class is cheaper than the conversion.
# With an OpenCC other than the one the list was generated from, every text is converted.
_CHANGEABLE = (
    re.compile(f"[{re.escape(CHANGEABLE)}\ud800-\udfff\U00010000-\U0010ffff]")
    if opencc.__version__ == OPENCC_VERSION
    else re.compile(r"[\s\S]")
)

# WeChat text codes for stickers: [强] [OK] [抱拳] … Placeholders for media are not stickers.
WECHAT_CODE = re.compile(r"\[([\u4e00-\u9fffA-Za-z]{1,4})\]")
MEDIA_PLACEHOLDERS = frozenset(
    "图片 位置 语音 视频 文件 表情 表情包 动画表情 链接 红包 转账 分享 接龙 小程序 名片 通话 视频号".split()
)
MENTION = re.compile(r"(?<!被)[@＠][^\s@＠,，:：的]{1,20}(?:\u2005|\s|$)")
# WeChat and DingTalk quote-replies start "回复@张老师：" (or "回复 张老师："); typed without the @
# or the space, the one answered is named by a title ("回复张主任：收到", "回复领导：已阅"): a
# dictated wording has none between 回复 and its colon ("回复：收到").
QUOTE_REPLY = re.compile(
    r"^\s*回复(?:(?:\s?[@＠]|\s)[^\s:：]{1,20}|[\u4e00-\u9fff]{0,3}?(?:"
    + "|".join(TITLES)
    + r"))[:：]\s*"
)
_SPACES = re.compile(r"\s+")


# WeChat hands a quote-reply to bots and exports as text: 「张老师：the quoted message」, a line
# of spaced dashes, then the reply (wechaty's puppets build it so, itchat and chatgpt-on-wechat
# receive it so). Only the reply is the member's message; the quote is the one it answers.
_QUOTE_BLOCK = re.compile(r"\s*「([\s\S]*)」[ \t]*\n[ \t]*-(?: -){5,}[ \t]*(?:\n|$)")


def split_quote(text: str) -> tuple[str, str] | None:
    """(reply, quoted) of a WeChat quote-reply; None when `text` is not one."""
    if "」" not in text or "- - -" not in text:  # cheap first: most messages have neither
        return None
    match = _QUOTE_BLOCK.match(text)
    return None if match is None else (text[match.end() :], match.group(1))


def reply_text(text: str) -> str:
    """The member's own words: a quote-reply without the message it quotes."""
    quoted = split_quote(text)
    return text if quoted is None else quoted[0]


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    if code in (0x200D, 0xFE0F, 0xFE0E, 0x20E3) or 0x1F3FB <= code <= 0x1F3FF:
        return True
    cat = unicodedata.category(ch)
    return cat == "So" or (cat == "Sk" and code > 0x2000) or 0x1F000 <= code <= 0x1FAFF


# Chinese text is rarely NFKC as typed: its commas, colons and brackets are full width (，：（）).
# Each of those, and the ideographic space, stands alone in NFKC (one character in, its
# compatibility decomposition out, nothing to combine with), so they are swapped directly and the
# result checked: NFKC reads a text through its characters' decompositions, so one that is then
# NFKC is what NFKC makes of the original. Anything else (①, …, ㎡, combining marks) takes the
# full normalization — a text is normalized either way, only faster here.
_WIDE_FORMS = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in range(0xFF01, 0xFF5F)}
_WIDE_FORMS["\u3000"] = " "
_WIDE_FORM = re.compile("[\uff01-\uff5e\u3000]")


def _wide_form(match: re.Match[str]) -> str:
    return _WIDE_FORMS[match.group()]


# The marks nearly every message has, replaced one by one (a str.replace is cheapest); the rest
# of the wide forms by one pattern when they are left.
_COMMON_WIDE = tuple((wide, _WIDE_FORMS[wide]) for wide in "，：？！（）；")


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, faster on the full-width forms of Chinese text."""
    if unicodedata.is_normalized("NFKC", text):  # the quick check is cheaper than normalizing
        return text
    narrowed = text
    for wide, narrow in _COMMON_WIDE:
        narrowed = narrowed.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", narrowed):
        return narrowed
    narrowed = _WIDE_FORM.sub(_wide_form, narrowed)
    if unicodedata.is_normalized("NFKC", narrowed):
        return narrowed
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """NFKC (full width → half width), lower case, Traditional → Simplified (OpenCC)."""
    text = nfkc(text)
    folded = text.lower()
    if _CHANGEABLE.search(folded):
        simplified = _T2S.convert(folded)
        if simplified != folded:  # typed in Traditional
            simplified = _REGIONAL_WORD.sub(lambda m: _REGIONAL[m.group()], simplified)
        folded = simplified
    return folded.replace("〇k", "ok")


_REPEAT_GAP = frozenset(" \n,，。.、!！~～;；")  # what may stand between a message and its repeat
_TONE_MARKS = "。.!！~～…"  # the marks a message may end on for tone, after its repeat too
_TONE_ENDS = tuple(_TONE_MARKS)
_EVEN_GAPS = ((0, 2), (1,))  # by the length's parity: a gap of 0, 1 or 2 between the halves


def undouble(text: str) -> str:
    """A message pasted or typed twice in one post counts once ("收到请回复收到请回复",
    "好的，明白 好的，明白", "好的。好的", "收到 收到", "ok。ok", "明白！明白！"): a space or a mark
    of punctuation may stand between, and marks of tone may end it. A formula said twice is the
    formula said.

    Glued, one character doubled is a word, not a repeat: 嗯嗯, 谢谢, 哈哈, 好好 stay as they are.
    Across a mark, a number said again is a number or a list (1.1, 11.11, 3，3): the grammar's to
    read. One character said over and over across marks (好，好，好，好) is a reaction, not a
    message typed twice: it stays, for the ack grammar to count.
    """
    stripped = text.strip()
    once = _typed_once(stripped)
    if once is None and stripped.endswith(_TONE_ENDS):
        once = _typed_once(stripped.rstrip(_TONE_MARKS))
    return text if once is None else once


def _typed_once(stripped: str) -> str | None:
    """The message `stripped` repeats once, or None when it is no message typed twice."""
    for gap in _EVEN_GAPS[len(stripped) & 1]:  # the gaps that leave two halves of one length
        half = (len(stripped) - gap) >> 1
        if half < (1 if gap else 2) or stripped[0] != stripped[half + gap]:  # cheap first
            continue
        first = stripped[:half]
        if first != stripped[half + gap :]:
            continue
        if not all(ch in _REPEAT_GAP for ch in stripped[half : half + gap]):
            continue
        inner = _typed_once(first)
        if (gap and first.isdigit()) or (inner is not None and len(inner) == 1):
            return None  # 11.11, 3，3: a number; 好，好，好，好: a reaction
        return first
    return None


def strip_mentions(text: str) -> str:
    """Remove @mentions and a quote-reply's "回复@张老师：" — also after a mention typed before it
    ("@王主任 回复@张老师：收到")."""
    if "回复" in text:
        text = _unquote(text)
    if "@" not in text and "＠" not in text:
        return text
    text = MENTION.sub(" ", text)
    return _unquote(text) if "回复" in text else text


def _unquote(text: str) -> str:
    """`QUOTE_REPLY.sub("", text)`: its ^ can only hold at the text's start, so one match there
    does it — a sub would try the pattern at every position of a notice that has a 回复 later."""
    quote = QUOTE_REPLY.match(text)
    return text if quote is None else text[quote.end() :]


# Characters outside these ranges may be emoji; only those are looked at one by one.
_PLAIN_RANGES = (
    r"\u0000-\u1fff\u2010-\u203b\u203d-\u2048\u204a-\u205e\u3040-\u9fff\uac00-\ud7af\uff00-\uffef"
    r"\u3000-\u302f"
)  # general punctuation (“”—…) included; ‼ ⁉ are emoji
_PLAIN = re.compile(f"[{_PLAIN_RANGES}]*")
_MAYBE_EMOJI = re.compile(f"[^{_PLAIN_RANGES}]")


_MODIFIERS = frozenset("\u200d\ufe0f\ufe0e\u20e3") | frozenset(map(chr, range(0x1F3FB, 0x1F400)))


def strip_emoji(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove emoji and WeChat sticker codes; return the rest and what was removed.

    Stickers come back as their code (`强`, `抱拳`), emoji as the character; skin tones,
    variation selectors and joiners are dropped without counting.
    """
    if "[" not in text and _PLAIN.fullmatch(text):
        return text, ()
    removed: list[str] = []

    def sticker(match: re.Match[str]) -> str:
        if match.group(1) in MEDIA_PLACEHOLDERS:
            return match.group(0)
        removed.append(match.group(1))
        return " "

    def emoji(match: re.Match[str]) -> str:
        ch = match.group()
        if not _is_emoji(ch):
            return ch
        if ch not in _MODIFIERS:
            removed.append(ch)
        return " "

    text = _MAYBE_EMOJI.sub(emoji, WECHAT_CODE.sub(sticker, text))
    return text, tuple(removed)


def is_media_placeholder(text: str) -> bool:
    """`[图片]`, `[位置]`, `[文件] x.docx`: an export's stand-in for a media message."""
    if "[" not in text:
        return False  # no code to open it (most messages): no copy stripped, no match tried
    match = WECHAT_CODE.match(text.strip())
    return bool(match and match.group(1) in MEDIA_PLACEHOLDERS)


def excerpt(text: str, limit: int = 60) -> str:
    """One line, at most `limit` characters, with an ellipsis when cut."""
    line = _SPACES.sub(" ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def whole_names(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of `names` as a whole name: not preceded or followed by a letter,
    digit, _ or - (an @ before it is fine). Longest first, so 李娜娜 wins over 李娜."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
