"""Is this reply only a formulaic confirmation (收到, 1, 已阅, 收到-财务科王芳, [强])?

An ack may carry the sender's name, unit or title, emoji, politeness and formulaic pledges;
anything that adds real task content (a time, a question, a plan, a "but") makes it `other`.
The check is a handful of regular expressions over a short string: no segmentation needed.
"""

from __future__ import annotations

import re

# Formulas that say "I have seen it". Longest first so 收到啦 wins over 收到.
_FORMULAS = sorted(
    """收到啦 收到噻 收到咯 收到哈 收到了 已收到 收到 收道 收倒 已阅 已读 阅 已知晓 知晓 知悉 已知悉 已了解
    了解 已收悉 收悉 知道了 知道 明白了 明白 好的 好嘞 好滴 好哒 好 嗯嗯 嗯 晓得了 晓得 得嘞 妥妥 妥 要得 冇问题 没问题 中 是 收
    谨遵指示 遵命 照办 ok的 okk okok ok okay 收晒 晒 妥了 莫得问题 没得问题 没毛病 木有问题 好咧 好勒 好哩 懂了 懂 阔以 已get get到 get了 get sd 收到滴""".split(),
    key=len,
    reverse=True,
)
# Formulaic pledges and politeness that may ride along with a confirmation.
_PLEDGES = sorted(
    """坚决贯彻落实 坚决落实 贯彻落实 马上落实 立即落实 按要求落实 抓好落实 一定落实 遵照执行 立即执行
    马上执行 坚决执行 保证完成任务 保证完成 全力配合 积极配合 立行立改 第一时间传达到位 第一时间传达 传达到位
    马上办 马上学习 认真学习 马上 立即 请领导放心 请放心 放心 谢谢大家 谢谢领导 谢谢老师 谢谢主任 谢谢亲 谢谢你 谢谢您 谢谢 多谢
    感谢提醒 感谢通知 谢谢通知 感谢告知 感谢 辛苦了 辛苦 唔该 麻烦了 谢 thanks thank you thx ty""".split(),
    key=len,
    reverse=True,
)
_EN_ACKS = (
    "got it",
    "noted with thanks",
    "with thanks",
    "noted",
    "acked",
    "ack",
    "received",
    "roger that",
    "roger",
    "copy that",
    "understood",
    "acknowledged",
    "will do",
    "ok",
    "okay",
    "sure",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "yes",
    "get it",
    "sd",
    "get",
    "yep",
    "will comply",
)
_FORMULA_RE = re.compile("|".join(map(re.escape, _FORMULAS)))
# Pledges follow one shape: (坚决|立即|按要求…) + (贯彻)? + (落实|执行|完成…) + (任务|到位)?
_PLEDGE_SHAPE = (
    r"(坚决|立即|马上|立刻|按要求|按照要求|遵照|认真|一定|保证|全力|积极|尽快|及时|准时|坚定)(贯彻)?"
    r"(做好|办好|完成好|服从安排|听从安排|服从指挥|安排落实|安排部署|落实|执行|完成|办理|配合|照办|传达|整改|学习|落实到位|参加|参会|出席|到场|拥护|服从|支持|安排)(任务|到位|好)?"
)
_PLEDGE_SHAPE_RE = re.compile(_PLEDGE_SHAPE)  # alone, a pledge acks ("坚决拥护，坚决落实！")
# Thanks in many shapes: 谢谢老师, 辛苦老师了, 感谢大家啦.
_THANKS_SHAPE = r"(谢谢|感谢|多谢|辛苦)(你|您|大家|老师|领导|各位|主任|亲|啦|了|通知|提醒|告知)*"
_PLEDGE_RE = re.compile(
    _PLEDGE_SHAPE + "|" + _THANKS_SHAPE + "|" + "|".join(map(re.escape, _PLEDGES))
)
_EN_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _EN_ACKS)) + r")\b")
_PUNCT = re.compile(r"[\s.,!?;:~\-—_+()\[\]【】<>《》「」『』\"'“”‘’、，。！？；：～·…/\\|*#=^]+")
_ONES = re.compile(r"^1+$")
ACK_EMOJI = frozenset(
    "强 ok 抱拳 玫瑰 握手 耶 胜利 拳头 鼓掌 合十 爱心 好的 666 "
    "👍 👌 ✅ ✔ ☑ ✔️ 🙏 💪 🌹 🌷 💐 ✌ 🫡 🤝 👏 🆗 ⭕ 🙋 🙋‍♂️ 🙋‍♀️ 💯 🉑 ❤ 😊 🙂 😄".split()
)
# "1 村委会赵明", "张三 1": a 1 set off from a signature by a space or a dash.
_SIGNED_ONES = re.compile(r"^1+[\s,，.。:：\-—+(（]+(?P<a>.+)$|^(?P<b>.+?)[\s,，\-—+]+1+$")

# A signature is a name, unit or title. These mark a sentence instead of a signature.
_CONTENT_CHARS = set(
    "吗呢吧了把给没不还说问请让被这那哪啥么我你他她们就再又要能去发改看做写打找查带用过着在可但回扣复的有"
)
_CONTENT_WORDS = re.compile(
    r"(钱|款|货|快递|包裹|东西|样品|红包|转账|工资|我想|想要|想问|已(?!阅|读|知)|安排|对接|处理|跟进|联系|文件|材料|同意|方案|会议|开会|通知|格式|提交|交给|交到|上交|交表|下午|上午|明天|今天|晚上|今晚|周[一二三四五六日末]|点前|分钟|一下|顺便|另外|不过|但是|然后)"
)
_SIGNATURE_MAX = 12
_LATIN_WORD = re.compile(r"[a-z]+")
# An id in a signature: a plate (鲁b·7q3x9), a staff number (a1023), a room (3-402).
_ID_TOKEN = re.compile(r"[a-z0-9][a-z0-9·.\-]*\d[a-z0-9·.\-]*|\d+[a-z]*")
# "received - kevin", "noted (lily)": an English ack, a dash or bracket, then a name.
_EN_SIGNED = re.compile(r"^(.+?)\s*[-—–(（/]\s*([a-z]+(?: [a-z]+)?)\s*[)）]?$")


def ack_cues(folded: str, emoji: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return the cues when `folded` (mentions and emoji removed) is only an acknowledgement.

    `emoji` are the stickers and emoji removed from it: alone, they ack only when every one
    of them means "ok" ([强], 👌, 🙏 …) — [捂脸][捂脸] is a reaction, not a confirmation.
    """
    core = _PUNCT.sub("", folded)
    if not core:
        return ("ack:emoji-only",) if emoji and all(e in ACK_EMOJI for e in emoji) else ()
    if _ONES.match(core):
        return ("ack:ones",)
    signed_one = _SIGNED_ONES.match(folded.strip())
    if signed_one:
        rest = _PUNCT.sub("", signed_one.group("a") or signed_one.group("b") or "")
        if rest and _is_signature(_FORMULA_RE.sub("", _PLEDGE_RE.sub("", rest)) or rest):
            return ("ack:ones", "ack:signed")
    english = _english_ack(folded)
    if english is not None:
        return english
    formulas = _FORMULA_RE.findall(core)
    if len(core) > 40 or not (formulas or _PLEDGE_SHAPE_RE.search(core)):
        return ()
    residue = _FORMULA_RE.sub("", _PLEDGE_RE.sub("", core))
    if not residue:
        return ("ack:formula",)
    if formulas and _is_signature(residue) and any(len(f) > 1 or f in "收阅" for f in formulas):
        return ("ack:formula", "ack:signed")
    return ()


def _english_ack(folded: str) -> tuple[str, ...] | None:
    """Pure-Latin messages: every word must belong to an English ack phrase."""
    if re.search(r"[\u4e00-\u9fff]", folded):
        return None
    signed = _EN_SIGNED.match(folded)
    if signed and _EN_RE.fullmatch(signed.group(1).strip(" ,.!")):
        return ("ack:english", "ack:signed")
    rest = _EN_RE.sub(" ", folded)
    rest = _PUNCT.sub("", rest)
    if rest == "" and _EN_RE.search(folded):
        return ("ack:english",)
    return ()


def _is_signature(residue: str) -> bool:
    residue = _ID_TOKEN.sub("", residue)
    if len(residue) > _SIGNATURE_MAX or _CONTENT_WORDS.search(residue):
        return False
    if any(ch in _CONTENT_CHARS for ch in residue):
        return False
    latin = _LATIN_WORD.findall(residue)
    return len(latin) <= 2 and all(len(w) <= 12 for w in latin)
