"""Demands to reply in the group to show one has read something (ack_request).

A shape, not a word: a condition (收到后/看到的/阅后) + an action that only shows reading
(回复, 扣1, 报到, 接龙确认) + a confirmation object aimed at the group; a dictated wording
(回复格式：收到+姓名); copy this line and post it; chasing those who have not replied. Each
shape must hold in its clause (not asked, not told in the perfective, not a show of hands),
and the message-wide guards (`policies.guards`) are checked once a shape was found.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from policies.ack import ack_cues, replies_itself
from policies.guards import (
    IMPERATIVE,
    NOT_DEMAND,
    PHRASE_MARK,
    QUESTION,
    SENTENCE_CHAR,
    WHOLE_GROUP,
    addresses_many,
    addresses_one,
    asks_readers,
    clause_at,
    handshake,
    is_narrated,
    machine_talk,
    neutralize_quotes,
    span_at,
)
from policies.lead import compile_lead
from policies.listener import reply_alone, said_to_one
from policies.narration import done_before, reply_told, time_of_next
from policies.segment import CLAUSE_END, alone_at, tag_words, words_at
from policies.signature import SIGNATURE_MAX, is_marked, is_signature, split_signature
from policies.text import fold

# The reply "1", whole: not 1号, 10 or 1天 (a place, a number, a count), but 1 at the end, before a
# mark or a final particle, or before what it is for (扣1表示收到).
_ONE_ENDS = r"(?=$|[\s，,。.!！~、)）\]】\"”'’；;]|[哈哦呀啊嘛吧～\-—–(（]|表示|以示|即可|就行|就好|好吗|谢谢|以便)"
_ONE_WHOLE = r"1" + _ONE_ENDS
# 确认 whose object is a yes-no question on 是否 (请回复确认是否参加, 回复确认是否接受此职位, 回复确认
# 是否继续…运行): the reply answers it — attend or not, accept or not, go on or stop — information
# collected (LABELS.md), not the confirmation 确认 is alone; a question on the receipt itself (回复确认
# 是否收到, 是否已阅) still asks for the read receipt. (能否, 烦请回复确认能否参加, has one real line:
# left accused until a second one is found.)
_CONFIRM_ASKS = r"是否(?!已?(?:收到|收悉|看到|看过|阅|读|知悉|知晓|了解))"
_ACK_OBJ = (
    r"(?:收到(?!的(?:验证码|校验码|动态码|码|短信|信息|消息|内容|邮件|文件|数字|号码|链接|密码))|已收到|已阅|已读|已阅知晓|已知晓|知晓|已知悉|已了解|知道了|已学习|确认(?!"
    + _CONFIRM_ASKS
    + r")|received|ok|ack"
    r"|" + _ONE_WHOLE + ")"
)
_OBJ_QUOTE = r"[\s\"“”'‘’「」『』【】:：]*"
_REPLY_VERB = r"(?:回复|回覆|回个|回一下|回下|补回|扣个?|打个?|接龙|回)"
_OBJECT_INFO = r"(?:(?:学习|观看)?(?:心得|体会|感想|感悟|观后感|读后感|总结)|邮件|意见|名单|是否|几|日期|时间|电话|函|你|您|给|客户|a或b|方案|人数|尺码|报价|老板|[\u4e00-\u9fff]总)"
# Having read it (收到后, 看到的, 阅毕), do something that only shows you read it. The one reading
# condition of the rules: `READ_CONDITION` below, also read by `policies.sure` (看到的… picks out
# the members), `policies.listener` (a reply after something given to read), narration's time of a
# next step (确认收到后) and `confirms_condition` (收到的 + people, or a thing).
# What was received, right after the verb, is no notice when it is goods or money (货物, 货款, 款项):
# a delivery or a payment received — a shop's or a payment admin's confirm box (请确认已收到货物，确认
# 收货后将无法撤销; 货到付款订单，请确认已收到款项; 请确认已收到定金，并填写…; 请卖家确认已收到定金) or a
# buyer's step (已经收到货请点击确认) — so the condition's verb is not one before 货 or 款, nor before a
# noun of money headed by 金 (定金, 订金, 押金, 保证金, 年终奖金 …: the word the tagger cuts right after
# the verb ends in 金 — `_money_after`, read by `READ_CONDITION`; not 黄金周, 金秋, 金老师, whose word
# ends otherwise or is 金 alone: s35-review's real boxes), for every reader alike.
_CONDITION = (
    r"(?:(?<![没未不我他她望盼待])(收到|收悉|看到|看见|看过|读过|阅毕|阅读|阅|已读|已阅|看完|读完|阅知|知悉|见信"
    r"|学习?完|学习(?=后))(?![货款])(?!回执)(后|的|了|完)?"
    r"|(转发|转|分享)(后|完(毕|成)?(后|的)?|好了?的?|了的))"  # or forwarded as told, then show it
)
_SHOW_READ = (
    r"(回复|回覆|会复|回个?话|回一下|回下|回个|回应|回执(?=[\s，,。.!！~]|$|一下)|反馈(?=[\s，,。.!！~]|$|一下)|冒个?泡|吱(一|个)?声|说一声"
    r"|报到|报个到|告知(?=[\s，,。.!！]|$)|接龙确认|接个?龙(?=[\s，,。.!！]|$)|(请|即|就|速)?(?<![没未不])回(?=[\s，,。.!！]|$)|确认(?=[\s，,。.!！]|$)"
    # the 1 that only says "I read it" (看到扣1), whole: the reply's own token, as 回复 is
    r"|扣个?"
    + _ONE_WHOLE
    # the receipt button a notice carries, pressed as the reply (看完请按下面按钮, 看到讯息请按下方的
    # 「已读」按钮): a few characters, and nothing after it but the clause's end — a button pressed
    # for something else says what after it (按下方按钮领取); what it says before it is read by
    # `_receipt_button` (按开始按钮: not an ack)
    + r"|按[^，,。!！;；]{0,8}?按钮"
    r"(?=$|[\s，,。.!！~～;；])"
    ")"
)
# Those who read it (看到的, 看到后) check in or like it, right after the condition: 打卡, 点赞 as
# the sign of having read (收到大家的打卡 receives theirs).
_SIGN = (
    r"(的|后)(请|就|都|记得)?打卡(?=[\s，,。.!！~～]|$)"
    r"|(的|后|请|就)(请|就|都)?点(个|一下)?赞(?=[\s，,。.!！~～]|$)"
)
# The sign thanked, not asked for (收到，谢谢告知; 看到了，感谢回复; 已收到，多谢您的反馈): a reply's thanks.
_THANKED = "".join(
    f"(?<!{thanks}{whom})"
    for thanks in ("谢谢", "感谢", "多谢")
    for whom in ("", "你", "您", "大家", "您的", "你的")
)

# Done (完成, 修改完, 打完勾): 完 as the verb's result, not the adjective's whole (完善, 完整, 完全, 完美),
# not negated (没完成, 还没有完成, 未完成), not a reading's (学完, 学习完, 看完, 读完: `READ_CONDITION`'s).
_DONE = r"(?<![没未不有学习看读阅])完(?!善|整|全|美)成?"

# Everyone posts the same line: "复制下面这句话发到群里", "请复制“已学习”粘贴到群".
_COPY_AND_POST = (
    r"复制[^。！？]{0,4}(这句话|这段话|这句|下面(这|的)?(句|段)|以下(内容|文字)|[\"“「『][^”\"」』]{1,12}[”\"」』])"
    r"[^。！？]{0,8}(发|粘贴|贴)[^。！？]{0,4}(群|这里)"
)
# The wording everyone must post, dictated after a colon or in quotes ("回复模板：已知晓", "请按以下
# 格式回复：姓名 已学习", "请以“已学习”回复"): a demand when the wording, its placeholders for who
# signs it left out, is itself an ack ("回复：是否参加" dictates nothing to confirm with; "回复@张老师：
# 收到" is a reply quoted, not a wording dictated).
_DICTATION = compile_lead(
    r"(?:回复|回覆|复制|粘贴)(?:格式|模板|内容|如下)?[^。！？!?\n:：@]{0,16}[:：]\s?([^。！？!?\n]{1,30})"
    r"|(?:[“\"「『]([^”\"」』]{1,16})[”\"」』][^，,。]{0,4}(?:格式)?)?(?:回复|回覆|reply(?:ing)?)"
    r"(?:\s?(?:一下)?(?:with)?\s?(?:[“\"「『‘']([^”\"」』’']{1,16})[”\"」』’']"
    r"|([^\W_][^\s，,。.!！?？~～、;；:：“”\"「」『』()（）]{0,7})(?=$|[\s，,。.!！?？~～;；])))?"
)
_PLACEHOLDER = compile_lead(
    r"(?:孩子|学生|你的|本人|自己的?)?(?:姓名|名字|真名)|部门|单位|科室|班级|职务|工号|学号|某某|xxx"
    r"|\[[^\]]{0,8}\]|【[^】]{0,8}】|[(（][^)）]{0,8}[)）]|[+＋\-—–/、\s✅☑✔]"
)


# A mail-merge template ({{姓名}}, {name}, ${name}): its 您 is each of the many it is sent to.
_MAIL_MERGE = compile_lead(r"\{\{?[^{}\n]{1,16}\}\}?|\$\{[^{}\n]{1,16}\}")
# A done-it report dictated as the reply (✅ [名字] 注册完成, 姓名+学习完毕): the formula of 已完成.
_DONE_IT = compile_lead(r"(已经?)?[\u4e00-\u9fff]{1,4}?完[\u4e00-\u9fff]?")
_NOT_DONE = compile_lead(r"[否没未几吗]|多少|情况|时间|进度")
# The marks that join the fields of a template (村名+姓名+收到, 楼号-房号-已知晓, 楼层 姓名 收到).
_FIELD_MARK = re.compile(r"[+＋\-—–/、\s]+")


# What _DICTATION cannot match without: one of its verbs, and a colon or an opening quote.
_DICTATION_NEEDS = (("回复", "回覆", "复制", "粘贴", "reply"),)


def _wording(match: re.Match[str]) -> int:
    """The group of `_DICTATION` holding the wording (after 回复：, quoted before or after 回复),
    0 when a reply verb dictates none."""
    return next((k for k in (1, 2, 3, 4) if match.group(k) is not None), 0)


def _dictated(folded: str) -> list[tuple[int, int]]:
    """Spans of the wordings dictated in `folded` (after 回复：, or quoted before 回复)."""
    if not all(any(word in folded for word in words) for words in _DICTATION_NEEDS):
        return []  # most notices: no wording dictated, and no search of the whole text
    return [m.span(k) for m in _DICTATION.finditer(folded) if (k := _wording(m))]


def _dictates_ack(match: re.Match[str]) -> bool:
    """Is a field of the dictated wording, placeholders left out, an ack ("姓名 已学习" → 已学习,
    "村名+姓名+收到" → 收到, "楼号-房号-已知晓" → 已知晓), and none of them asks (收到没)? One
    character (是, 行) is a vote as often as an ack: 回复“是” dictates no confirmation (1 does)."""
    wording = match.group(_wording(match)) if _wording(match) else ""
    if not wording or _NOT_DONE.search(_PLACEHOLDER.sub("", wording)):
        return False
    for field in _FIELD_MARK.split(wording):
        field = _PLACEHOLDER.sub("", field)
        if (len(field) > 1 or field.isdigit()) and (
            _DONE_IT.fullmatch(field) or ack_cues(field, ())
        ):
            return True
    return False


def reports_reply(quoted: str) -> re.Match[str] | None:
    """ "我已回复了", "已经回复过": a reply told. The wording a notice dictates ("复制以下内容发群里：
    我已知晓") is what the readers will say, not what the writer did."""
    if "我" not in quoted and "已" not in quoted:
        return None  # most notices: no 我 or 已, which every match of `REPLY_REPORT` starts
        # with (a test holds it) — nor after a dictated wording is blanked (〔引〕 adds neither)
    for start, end in reversed(_dictated(quoted)):
        quoted = quoted[:start] + "〔引〕" + quoted[end:]
    return REPLY_REPORT.search(quoted)


# The token sign and the closing question (`demand:token-sign`, `demand:asked-if-read`): each a gate
# of its own shape too, the question's searched in the message's last characters only.
# The sign: 个 and its one-character object, ending the clause.
_TOKEN_SIGN = compile_lead(r"个[\u4e00-\u9fff](?=[\s，,。.!！~～]|$)")
# What stands before the sign's 个: 的/后 (those who read it), an adverb at most, the verb.
_SIGN_HEAD = re.compile(r"(?:的|后)(?:请|就|都)?[\u4e00-\u9fff]$")
_ASKED_IF_READ = compile_lead(r"都?(?:看到|收到|看过|读过)了?(?:吗|么|没有?)\s?\??$")


# The longest question `demand:asked-if-read` reads at the message's end (都看到了没有？).
_QUESTION_TAIL = 8


@dataclass(frozen=True, slots=True)
class _TailGate:
    """A shape's gate that holds at the message's end: its pattern searched in the last
    `_QUESTION_TAIL` characters only, not along the whole message."""

    pattern: re.Pattern[str]

    def search(self, folded: str) -> re.Match[str] | None:
        return self.pattern.search(folded, max(0, len(folded) - _QUESTION_TAIL))


# The closing question searched at the message's end: the shape's gate and its match alike.
_ASKED_AT_END = _TailGate(_ASKED_IF_READ)


# Each shape with the literals it cannot match without (all of one group, any in each group):
# a cheap literal search skips the pattern on the long notices that have none of them.
_ACK_REQUEST: tuple[
    tuple[str, tuple[tuple[str, ...] | re.Pattern[str] | _TailGate, ...], re.Pattern[str]], ...
] = (
    (
        "demand:reply-confirmation",
        (("回", "扣", "打", "接龙", "reply", "ack", "confirm"),),
        compile_lead(
            _REPLY_VERB
            + r"\s?(下|一个|个|一声)?"
            + _OBJ_QUOTE
            + _ACK_OBJ
            # the token typed after 扣 ("key in") in the Chinese numeral, whole as the digit is
            # (`_ONE_ENDS`): 看到的同学在群里扣个一, 看到这里还在坚持的弹幕扣个一。, 给我扣个一
            # (s38-replyrec: a teacher's and a talk's presence checks) are 扣个1, and 看到请扣一 is
            # 看到请扣1; 扣一分, 扣一滴血, 扣一票 deduct (a measure after 一), 扣一，扣二 is a scale
            # (`OPTIONS`). Only after 扣: 回一, 打一 have no real line (打一字 heads a riddle's answer).
            + r"|扣\s?个?一"
            + _ONE_ENDS
            + r"|reply\W{0,3}(with\W{0,3})?[\"“']?(收到|received|ok|ack|got it|yes|1)\b"
            + r"|reply.{0,20}\b(after|once you'?v?e?) (reading|read|seen|seeing)"
            + r"|\b(acknowledge|ack|confirm)\b.{0,40}\bin \w+ (group|chat|thread)"
            # the team addressed, then asked to acknowledge: "team," (a vocative: the collective
            # noun set off by a comma — "X team:" heading a line is a speaker's name) and the
            # imperative right after it — Team, please
            # acknowledge and join investigation; CLI team, please acknowledge/adapt (s38-replyrec:
            # an incident template, a handoff between two teams). One person or role addressed
            # (Tech Lead, please acknowledge receipt …; Tracy, …; Dear colleague, …) names no team;
            # a team asked to confirm (Hi team, please confirm your attendance / leave updates /
            # positions) is asked for information. "Everyone please acknowledge." was met only in a
            # channel test (Hello Crew, testing our communications.), so the vocative is the team's.
            + r"|(?<![a-z])team\s?[,，]\s?(please|pls|plz|kindly)\s(do\s)?acknowledge\b"
            + r"|\breply\b.{0,20}\bin \w+ (group|chat|thread)"
            + r"|reply.{0,30}\bto confirm|confirm (that )?you'?(ve)? (read|received|seen)"
        ),
    ),
    (
        "demand:reply-after-reading",
        (
            ("收", "看", "读", "阅", "知悉", "接到", "见", "学完", "学习", "转", "分享"),
            (
                "回",
                "会复",
                "冒",
                "声",
                "报",
                "告知",
                "龙",
                "确认",
                "打卡",
                "反馈",
                "赞",
                "扣",
                "按钮",
            ),
        ),
        compile_lead(  # what follows `READ_CONDITION` (`_after_reading`)
            r"(?:"
            + SENTENCE_CHAR
            + r"{0,12}?"
            + _THANKED
            + _SHOW_READ
            + r"(?!"
            + _OBJECT_INFO
            + r")|"
            + _SIGN
            + r")"
        ),
    ),
    (
        "demand:must-reply",
        (("回复", "回个话", "回一下", "回执"),),
        compile_lead(
            r"(务必|必须|都要|一律|及时|尽快|抓紧|赶紧|赶快)(回复|回个话|回一下)(一下|下)?(?=[\s,，。.!！;；]|$)"
            # who is to reply (大家, 全员, 每位老师 …) orders only when asked (请) or heading its
            # clause: 会先全员回复, everyone 全员回复 (a mode), 不管…都回复一下 tell or describe;
            # 都 quantifies whoever a short head names (大家都, 你们都, 每个人都) or the group a 请
            # asks (请 @全体 都回复一下: the mention folded away)
            r"|(?:请[^，,。]{0,8}?|(?<![^，,。!！?？;；:：\n]))(每人|每位[^，,。]{0,6}|全员|全体[^，,。]{0,4}|所有人"
            r"|大家|各位|每个人|[^，,。]{0,3}?都)(回复|回个话|回一下)(一下|下)?(?=[\s,，。.!！;；]|$)"
            r"|(请|要)[^，,。]{0,8}(阅后|阅知并|阅知后)回复"
            r"|(?<!有问题)(?<!有疑问)(?<!有意见)(?<!如有)(?<!若有)请(回复|回执)(?=[)）。.!！\s]|$)"
        ),
    ),
    (
        "demand:chase-non-repliers",
        (("回", "接龙", "扣1", "报到"), ("没", "未", "不")),  # a negation in every branch
        compile_lead(
            r"(?<![我你他她方户家板总])(一直)?((还没|没有?|未)(在群.?)?(回复|回)"
            r"|不回复?(?=的|者|视|按|就|将|算))"
            r"(?![家来去答应头忆顾归避馈电款访执单报到国程落升车放味合传扣过神被])(?!收(?!到))"
            r"(?!邮件|复邮件|复函|函|短信|客户)"
            r"|(还没|没有?|未)(接龙|扣1|报到)(?!报名)"
            # a reproach of all who stay silent: 怎么都不回？ 为什么都没回复
            r"|(怎么|为什么|为啥|咋)(大家|你们)?(都|还)(不|没)(回复|回)(?![我你家来去])"
        ),
    ),
    ("demand:copy-and-post", (("复制",),), compile_lead(_COPY_AND_POST)),
    ("demand:dictated-reply", _DICTATION_NEEDS, _DICTATION),
    (
        "demand:check-in",
        (("报到", "报个到", "签到", "签个到", "冒", "吱一声", "接龙", "确认"),),
        compile_lead(
            # in the group: 群里, 群内 before the check-in (群签到, nothing between, names the feature:
            # 每日群签到, 本群签到排行)
            r"群[^\s，,。！!？?](报到|报个到|签到|签个到|吱一声)|报个到|接龙(确认|报到|签到)"
            r"|进群(后|的)[^，,。]{0,6}(报到|签到|签个到)"  # signing in on joining the group
        ),
    ),
    (
        # those who read it (看到的, 收到后 — `READ_CONDITION`, right before) make a token sign, a verb
        # with its measure and a one-character object, all they are asked, ending the clause (看到的
        # 出个声, 收到的举个手: the 个 of a gesture); `_token_signs` checks the condition
        "demand:token-sign",
        (_TOKEN_SIGN,),
        _TOKEN_SIGN,
    ),
    (
        # the whole group asked, at the message's end, whether it saw or received it (刚才发布的通知
        # 大家都看到了吗？, 大家看到了吗): the question is the demand — the answer is the receipt
        # (`_group_asked`; a question with more after it is talk: 大家看到了吗？原来如此简单)
        "demand:asked-if-read",
        (_ASKED_AT_END,),
        _ASKED_IF_READ,
    ),
    (
        # done, then the 接龙 that says so, no word after it: 完成后再次接龙, 填完表再次接龙, 回复「1」
        # 完成报平安接龙： — the 接龙 is the confirmation itself (a sign-up 接龙报名 goes on, 接龙就行
        # too; 没完成的… picks out those with something to report)
        "demand:done-check-in",
        (("完",), ("接龙",)),
        compile_lead(_DONE + r"[^，,。！!？?\n]{0,8}?接龙(?!\w)"),
    ),
)
READ_CONDITION = compile_lead(_CONDITION)
# The head of a money noun (定金, 押金, 保证金): its last character, the compound's head morpheme.
_MONEY_HEAD = "金"
# The characters after the verb where a money noun's head may stand (定金, 保证金, 年终奖金).
_MONEY_REACH = 4


def _money_after(folded: str, verb_end: int) -> bool:
    """Whether the word the tagger cuts right after the reading verb ending at `verb_end` is a
    compound headed by 金 (定金, 订金, 押金, 保证金, 年终奖金: money received, a shop's or a payment
    admin's box) — two characters or more, its last 金; not 黄金周, 金秋 (another head), nor 金 alone
    (金老师: a surname)."""
    if _MONEY_HEAD not in folded[verb_end : verb_end + _MONEY_REACH]:
        return False  # the common case: no 金 near, nothing to cut
    word = next((w for at, w, _ in words_at(folded, verb_end) if at == verb_end), "")
    return len(word) > 1 and word.endswith(_MONEY_HEAD)


def _reads(found: re.Match[str]) -> bool:
    """Whether the reading condition found is one: its verb receives no money (`_money_after`)."""
    return found.group(1) is None or not _money_after(found.string, found.end(1))


class _Reading:
    """The reading conditions of a text: `READ_CONDITION`'s matches less those whose verb receives
    money (`_reads`) — matched, searched and iterated as a pattern is (the pattern read when
    called: the one-line guard patches it)."""

    __slots__ = ()

    def match(self, folded: str, pos: int = 0) -> re.Match[str] | None:
        found = READ_CONDITION.match(folded, pos)
        if found is None or _MONEY_HEAD not in folded:
            return found  # the common case: no 金 anywhere, the pattern's answer
        return found if _reads(found) else None

    def finditer(
        self, folded: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        found = READ_CONDITION.finditer(folded, pos, endpos)
        return found if _MONEY_HEAD not in folded else (f for f in found if _reads(f))

    def search(self, folded: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if _MONEY_HEAD not in folded:
            return READ_CONDITION.search(folded, pos, endpos)
        return next(self.finditer(folded, pos, endpos), None)


READING = _Reading()
_AFTER_READING = next(p for name, _, p in _ACK_REQUEST if name == "demand:reply-after-reading")


@dataclass(frozen=True, slots=True)
class _Found:
    """A shape found in two steps (the reading condition, then what follows): where, what."""

    at: int
    text: str

    def start(self) -> int:
        return self.at

    def group(self) -> str:
        return self.text


def _matches(name: str, pattern: re.Pattern[str], folded: str) -> Iterator[re.Match[str] | _Found]:
    if name == "demand:reply-after-reading":
        return (_Found(at, text) for at, text in _after_reading(folded))
    if name == "demand:check-in":
        return chain(pattern.finditer(folded), (_Found(*f) for f in _confirms_reading(folded)))
    if name == "demand:asked-if-read":
        found = _ASKED_AT_END.search(folded)  # the question closes the message (`pattern`'s)
        return iter([found] if found and _group_asked(folded, found.start()) else [])
    if name == "demand:token-sign":
        return (_Found(*f) for f in _token_signs(folded, pattern))
    return pattern.finditer(folded)


def _token_signs(folded: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """Where `folded` asks a token sign (`pattern`: 个 and one character; `_SIGN_HEAD` before it:
    的/后, a verb) right after a reading condition's verb (`READ_CONDITION`: 看到的出个声): the
    condition's start and the text."""
    for sign in pattern.finditer(folded):
        head = _SIGN_HEAD.search(folded, max(0, sign.start() - 4), sign.start())
        if head is None:
            continue
        at = head.start()
        for condition in READING.finditer(folded, max(0, at - 4), at + 1):
            if condition.group(1) and condition.end(1) == at:
                yield condition.start(), folded[condition.start() : sign.end()]
                break


def _group_asked(folded: str, at: int) -> bool:
    """Whether the sentence of the question at `at` names the whole group before it (大家, 各位,
    同学们 — `guards.WHOLE_GROUP`): a question the group is to answer, not one person's (你收到没有？)
    nor a thing's whereabouts (仓库3号货架的货收到了吗？)."""
    return WHOLE_GROUP.search(folded, span_at(folded, at)[0], at) is not None


# 确认已读, 确认一下都看到了, 接龙，确认已收到: confirming what the reading condition names — not in
# writing (书面确认收到: a letter's or a form's acknowledgement, as 请回复邮件 is an e-mail's).
_CONFIRM = compile_lead(r"(?<!书面)确认(?:一下)?都?已?")


def _confirms_reading(folded: str) -> Iterator[tuple[int, str]]:
    """Where `folded` asks to confirm having read (确认 + `READ_CONDITION`'s verb): a check-in."""
    for head in _CONFIRM.finditer(folded):
        for at in range(head.end(), head.start() + 1, -1):  # 确认已收到 (已 then 收到), 确认已读
            found = READING.match(folded, at)
            if found and found.group(1):  # not goods or money (请确认已收到货物: `_CONDITION`)
                yield head.start(), folded[head.start() : found.end()]
                break


def _after_reading(folded: str) -> Iterator[tuple[int, str]]:
    """Where `folded` asks, after `READ_CONDITION`, for what only shows reading (看到请回复,
    收到后接龙确认, 看到的打卡): the start and the text of each. The condition is one pattern,
    read here, by `policies.sure` and by `policies.segment`; what follows may start right
    after its verb (看到的打卡: 的 is the sign's) or after its mark (收到后，请回复)."""
    for condition in READING.finditer(folded):
        verb = condition.end(1) if condition.group(1) else condition.end(3)
        for at in dict.fromkeys((condition.end(), verb)):
            found = _shown_read(folded, at)
            if found:
                yield condition.start(), folded[condition.start() : found.end()]
                break


def _shown_read(folded: str, at: int) -> re.Match[str] | None:
    """What follows the reading condition at `at` and only shows reading (`_AFTER_READING`), a
    button pressed only when it is the receipt (`_receipt_button`): a button for something else is
    passed over, and what follows it is read on."""
    found = _AFTER_READING.match(folded, at)
    while found is not None and found.group().endswith(_BUTTON):
        press = _PRESSED.search(found.group())
        if press is None or _receipt_button(press.group()[1 : -len(_BUTTON)]):
            break
        blank = found.start() + press.start()  # its 按 blanked: the button is no reply
        folded = folded[:blank] + "〇" + folded[blank + 1 :]
        found = _AFTER_READING.match(folded, at)
    return found


# The receipt button (`_SHOW_READ`'s 按…按钮): between 按 and 按钮 where it is (下面, 下方的, 右下角,
# 这个: a location, 的, a pronoun, marks) and what it says, if anything, is an ack (「已读」, 确认,
# 「收到」: the ack grammar's) — a button named by another act (开始, 领取, 进入, 下载 …) is for that act.
_BUTTON = "按钮"
_PRESSED = compile_lead(r"按[^，,。!！;；]{0,8}?按钮$")
_WHERE_TAGS = ("f", "r", "uj", "x")


def _receipt_button(between: str) -> bool:
    """Whether what stands between 按 and 按钮 (`between`) makes the button the receipt: nothing
    but where it is, or a label that is an ack."""
    label = "".join(w for w, tag in tag_words(between) if not tag.startswith(_WHERE_TAGS))
    return not label or bool(ack_cues(label, ()))


@dataclass(frozen=True, slots=True)
class _LiteralGate:
    """Every literal of the shapes' groups (`_ACK_REQUEST`), found in one pass of a text where one
    search a group read the whole text again (ten searches of a notice): `scan` finds, at each
    position where a literal starts, the longest one starting there — a lookahead, longest
    first, then one character stepped on, so literals that overlap (会复, 复制) are each found where
    they start. A literal found holds the shorter ones inside it (扣1 holds 扣, 报个到 holds 报):
    `bits` sets the bit of every group with a literal inside it. A text has a literal of a group
    exactly when a literal found sets that group's bit. `groups` are the groups it was built from
    (`of`), in order: each word of each is a piece of a rule the one-line guard reads
    (tests/policies/rule_evidence.py, as it reads a word list)."""

    scan: re.Pattern[str]
    bits: dict[str, int]
    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, groups: list[tuple[str, ...]]) -> _LiteralGate:
        """The gate of `groups` (each a tuple of literals), numbered in order."""
        words = sorted({word for group in groups for word in group}, key=lambda w: (-len(w), w))
        firsts = "".join(sorted({re.escape(word[0]) for word in words}))
        scan = compile_lead("(?=(" + "|".join(map(re.escape, words)) + "))[" + firsts + "]")
        bits = {
            word: sum(1 << k for k, group in enumerate(groups) if any(w in word for w in group))
            for word in words
        }
        return cls(scan, bits, tuple(groups))


_Gate = re.Pattern[str] | _TailGate


def _shape_bits(
    rows: tuple[tuple[str, tuple[tuple[str, ...] | _Gate, ...], re.Pattern[str]], ...],
) -> tuple[
    tuple[tuple[str, int, re.Pattern[str]], ...], tuple[tuple[int, _Gate], ...], _LiteralGate
]:
    """Each shape with the bits of its gates, the gates that are patterns of their own
    (`demand:token-sign`'s, searched apart) with their bits, and the one-pass gate of the literal
    groups: the literal groups numbered in order through all shapes (the gate is built from them
    in that order), then the patterns after them."""
    literals = [group for _, needs, _ in rows for group in needs if isinstance(group, tuple)]
    shapes: list[tuple[str, int, re.Pattern[str]]] = []
    patterns: list[tuple[int, _Gate]] = []
    first = 0
    for name, needs, pattern in rows:
        bits = 0
        for group in needs:
            if isinstance(group, tuple):
                bits |= 1 << first
                first += 1
            else:
                patterns.append((1 << (len(literals) + len(patterns)), group))
                bits |= patterns[-1][0]
        shapes.append((name, bits, pattern))
    return tuple(shapes), tuple(patterns), _LiteralGate.of(literals)


# The shapes with the bits of their gates (`_GATE`'s literal groups, then `_PATTERN_GATES`): a
# shape is tried when all of them are set.
_SHAPES, _PATTERN_GATES, _GATE = _shape_bits(_ACK_REQUEST)
# The reply itself ("扣1", "回1"): a verb and its object with no condition and no audience.
_BARE_REPLY_MAX = 30
_BARE_REPLY_VERBS = "扣打回"
_BARE_REPLY = compile_lead(r"(?:[\s\W]*[" + _BARE_REPLY_VERBS + r"]\s?(?:1+|一)[\s\W]*)+")
# "确认收到", "收到，确认", "收到，已确认": a receipt confirmed, said by the one who received it, the
# 确认 on either side of it, once (请确认收到 asks).
_CONFIRMED_REPLY = compile_lead(
    r"\s*(?=.*确认)(?:确认)?(?:已?收到|已阅|已读)(?:[\s,，]?已?确认)?(?:了|啦)?\s*"
)
# Hands raised for a preference or a choice, not to show one has read something.
_PREFERENCE = compile_lead(r"想|喜欢|觉得|感觉|同意|支持|愿意|希望|需要|要去|参加|报名|投票|选")
# "…的同学请扣1": the hands of those a condition picks out, a headcount unless that is reading.
_SELECTED = compile_lead(r"的(同学|同事|人|家长|老师|朋友|小伙伴|同志|伙伴)们?[^，,。]{0,3}$")
_RAISED_HAND = compile_lead(r"扣|1|一")
# A chase names the members it chases or tells them what to do; "快递还没回复呢" reports — or says
# what their silence is taken as (未回复的视为未读), unless that is a choice made by silence (N 分钟内
# 未回复视为拒绝: a program's timeout, an approval's rule). An @
# names them when a name follows it (@张伟, @所有人); the feature named in quotes (通过“@”功能提醒
# 未接龙的成员: a manual) mentions no one.
_CHASE_TARGET = compile_lead(
    r"请|尽快|抓紧|赶紧|速|马上|立即|立刻|务必|谁|哪些|哪几|还有|[还就]差|[0-9]+\s*(个|位|名)"
    r"|的(同事|同志|老师|家长|人|单位|科室|村|社区|同学|伙伴|朋友|小伙伴|负责人)|@(?=\w)"
    r"|回复?的(?!话)|视为(?!拒绝)|责任自负|逐个|一律|都(不|没)回"
)
_ASKS_WHO = compile_lead(r"谁|哪些|哪几|还有|为什么|(怎么|为啥|咋)(大家|你们)?(都|还)")
# A question that only pretends to ask: 回个收到很难吗？ 别光看不回 — a reproach, which orders.
_RHETORICAL = compile_lead(r"(很|有那么|有这么|就那么|就这么)难(吗|嘛)|别光|别只")
# 他回复“好的” tells the wording someone posted, it dictates none (其他人回复“收到” asks);
# 收到客户的回复 tells of a reply received; 收到的回复一下 asks those who received it to reply
# (一下, 一声 after it make 回复 a verb, as in 看到的回复一下; 一下子 is "all at once").
_THIRD_PARTY = compile_lead(
    r"(客户|对方|他|她|厂家|供应商|甲方|老板)[^，,。]{0,6}(没|未|不)回|(?<!其)(他|她|客户|对方)们?回复[“\"「『]|收到(?:[^，,。、]{1,10}的回复|的回复(?!一下(?!子)|一声))"
)
REPLY_REPORT = compile_lead(
    r"我[^，,。]{0,4}(回复?|扣)[^，,。]{0,6}了|我(这就|替|帮|代|来)[^，,。]{0,3}回复?|我已经?"
    r"|(?<![@给向跟和让])我[^，,。请]{0,8}(在|都)回复?|已经?回复?([:：]|了|收到|过)"
)
# Etiquette, not a notice: how one replies "in principle" ("原则上回复“收到”，比较正式") is a norm
# told about replying; a notice asks its readers once, for now. (Proof notices keep their 原则上:
# "原则上每村报3张照片" is an official quota.)
NORM = compile_lead(r"原则上")
# A choice: 或, 还是, a list of options, or verdicts split by a spaced slash (回复"已复核 / 需修改
# X 项"; a template's fields are joined without spaces: 姓名/收到).
OPTIONS = compile_lead(
    r"回复[^，,。]{0,8}(或者?|还是|选择|选项|\s/)|回复是否"
    r"|回复?[^。！？]{0,10}1[.、:：)]?\s?[\u4e00-\u9fffa-z]{1,8}[\s,，、;；]+2[.、:：)]?\s?[\u4e00-\u9fffa-z]|意向"
    # a menu: a reply and its token, then a range of numbers or a second reply with another token
    r"|(?:回复?|扣)\s?([a-z0-9]+)(?:\s?[-~～]\s?\d|[^。]{0,20}(?:回复?|扣)\s?(?!\1(?![a-z0-9]))[a-z0-9])"
    # the same scale in the numerals after 扣, as `demand:reply-confirmation` reads 扣一 as 扣1
    # (迟到的扣一，早退的扣二: a deduction for each, no token to post)
    r"|扣\s?个?一[^。]{0,20}扣\s?个?[二两三四五]"
    # a go-ahead with its way out: a reply, its object glued on, cancels (回复「确认」执行，回复其他取消;
    # 回复y确认, 回复其他取消; 或回复任意内容取消; 回复N取消) — the reply decides an operation, go or
    # cancel, not a receipt; 取消 opening a quote is the wording to post (管理员可回复“取消”)
    r"|(?:回复|回覆)\s?[^，,。！!？?；;\s]{1,6}?(?<![“\"「『‘'【])取消"
)


# Two confirmations offered as one ("收到请在群内回复 1 或 收到"): either is the same read receipt,
# not a choice between options. The two sides of `OPTIONS`' own 或 (还是, a spaced slash): the words
# before it, and after it (a reply verb and a quote mark may open them).
_SIDE_BEFORE = compile_lead(r"([^\s，,。！!？?、；;：:或/\"“”「」『』【】]{1,6})[\"”」』】]?\s?$")
_SIDE_AFTER = compile_lead(
    r"\s?(?:回复|回|扣)?\s?[\"“「『【]?([^\s，,。！!？?、；;：:或/\"“”「」『』【】]{1,6})"
)


def _one_ack(quoted: str, start: int, end: int) -> bool:
    """Whether the choice joined at `start`–`end` (或, 还是) is between two confirmations ("回复1或
    收到": 1 or 收到), which are one. The words around it run on (请回复1, 收到以解除): an ack ending
    the first side and one beginning the second."""
    before = _SIDE_BEFORE.search(quoted, max(0, start - 8), start)
    after = _SIDE_AFTER.match(quoted, end)
    if before is None or after is None:
        return False
    first, second = before.group(1), after.group(1)
    # the second side only when the first ends on an ack: each side is up to six readings
    ends = any(ack_cues(first[k:], ()) for k in range(len(first)))
    return ends and any(ack_cues(second[: k + 1], ()) for k in range(len(second)))


def offers_options(quoted: str) -> re.Match[str] | None:
    """ "回复1同意，回复2不同意", "回复1-5": a menu or a range to pick from, not a read receipt
    (回复1或收到 offers one)."""
    for found in OPTIONS.finditer(quoted):
        if found.group(1) is None or not _one_ack(quoted, found.start(1), found.end(1)):
            return found
    return None


# Replies that are no read receipt by the way the message frames them (notices round):
# - a command: the token replied *does* something to an automated system, the operation named
#   right after it (回复“确认”完成预约, 回复Y开通, 回复1即可办理) — not a sign of having read: 打卡,
#   签到, 报到 after the reply stay the check-ins they are (回复「打卡」完成打卡);
_COMMAND = compile_lead(
    r"(?:回复|回覆|回)\s?(?:[“\"「『‘'][^”\"」』’'：:]{1,8}[”\"」』’']|[a-z0-9#]{1,8}|[\u4e00-\u9fff]{1,4}(?=即可|以|来))\s?"
    r"(?:即可|就可以|就能|可|来|以便?)?(?:完成|办理|开通|取消|退订|绑定|激活|查看|查询|兑换|领取|签收|预约|订阅|解绑)"
    r"(?![^，,。！!？?\s]{0,4}?(?:打卡|签到|报到|接龙))"  # a check-in completed (完成报平安接龙) stays one
)
# - a menu without tokens on both sides: two replies each after its own condition, neither a
#   reading, each its own phrase (确认请回复1，修改请回复新的微信号) — a choice;
_MENU_ASKS = "请回复"  # what every menu item has
_MENU_ITEM = compile_lead(
    r"([\u4e00-\u9fff]{1,6}?)\s?" + _MENU_ASKS + r"\s?[^\s，,。！!？?；;]{1,12}"
)
# A condition that chooses: not a reply's own (没回复的), a negation (不同意: `OPTIONS` reads
# yes/no menus), a modal or an order (要, 请, 都).
_NOT_CHOSEN = compile_lead(r"[回复没未不要请都]")
# - an offer with its alternative: you may reply, or just ignore it (可回复“收到”确认，也可直接
#   忽略; 可以回复1，或者直接关闭) — optional, so no demand;
_OFFER = compile_lead(
    r"可(?:以)?[^，,。！!？?；;]{0,6}(?:回复|回覆|回)[^。！？!?]{0,16}(?:也可|亦可|或者?直接|或忽略)[^，,。！!？?；;]*"
)
# - a manual: a product role (用户, 群成员, 管理员 …) that may or can reply, or a feature that lets
#   it (用户可以在群里回复收到来确认, 本功能支持群成员回复1确认) — a procedure described.
_MANUAL = compile_lead(
    r"(?:(?:用户|群成员|成员|管理员|群主|访客|玩家)(?:们)?[^，,。！!？?；;请]{0,4}(?:可以?|能够?|可通过|支持)[^，,。！!？?；;请]{0,6}"
    r"|支持[^，,。！!？?；;请]{0,8}(?:用户|群成员|成员|管理员|群主)[^，,。！!？?；;请]{0,4})(?:回复|回覆)[^，,。！!？?；;]*"
)

# - a promise: the speaker's own reply to come (已收到，谢谢，我会尽快回复; 我们将在三个工作日内回复) —
#   what the speaker will do, not what the readers are asked to.
_PROMISE = compile_lead(r"我们?(?:会|将)[^，,。！!？?；;请]{0,8}?(?:回复|回覆|回)")


def framed(folded: str) -> re.Match[str] | None:
    """The first item of a menu that frames every reply of `folded` as a choice, if it is one (a
    command, an offer or a manual frames its own reply: `unframed`)."""
    if _MENU_ASKS not in folded:
        return None  # no menu item (each has its 请回复): no phrase split and matched
    items = [
        item
        for phrase in PHRASE_MARK.split(folded)
        if (item := _MENU_ITEM.fullmatch(phrase.strip())) is not None
        and not _NOT_CHOSEN.search(item.group(1))
        and not READING.search(item.group(1))
    ]
    return items[0] if len({item.group(1) for item in items}) > 1 else None


def unframed(folded: str) -> str:
    """`folded` with the replies that frame themselves blanked: a command to a system (回复“确认”
    完成预约), an offer with its alternative (可回复收到，也可直接忽略), the speaker's promise (我会
    尽快回复), a manual's procedure (用户可以回复1确认). What is left may still demand (…请在群里
    回复“收到”；管理员可回复“取消”)."""
    # a manual describes and asks nothing: a 请 in the message asks someone (…请在群里回复“收到”；
    # 管理员可回复“取消”: the admin's option beside the members' order)
    manual = () if IMPERATIVE.search(folded) else (_MANUAL,)
    if _COMMAND.search(folded):
        folded = _COMMAND.sub(_blank_command, folded)
    for pattern in (_OFFER, _PROMISE, *manual):
        if pattern.search(folded):
            folded = pattern.sub("〔框〕", folded)
    return folded


def _blank_command(match: re.Match[str]) -> str:
    """A command blanked — but not one after a reading condition in its sentence (学习完请回复
    “已学习”完成登记): the reply is then the reading's receipt, whatever it completes."""
    start = span_at(match.string, match.start())[0]
    if READING.search(match.string, start, match.start()):
        return match.group()
    return "〔框〕"


def _is_the_reply(body: str) -> bool:
    return bool(_BARE_REPLY.fullmatch(body) or _CONFIRMED_REPLY.fullmatch(body))


def _signed_before_reply(body: str) -> bool:
    """The reply itself with its signer glued before it, no mark between (三组李四确认收到,
    602室家长扣1): a signature that says what it is (a unit, title, kin word or number — a
    bare name glued to 确认收到 may be the one asked to confirm), then the reply."""
    if "确认" not in body and not any(verb in body for verb in _BARE_REPLY_VERBS):
        return False  # no reply to end it (`_is_the_reply` needs 确认 or a verb): nothing to split
    for end in range(2, min(len(body) - 1, SIGNATURE_MAX) + 1):
        head = body[:end]  # the reply first: two short matches, where the signer's are long
        if _is_the_reply(body[end:]) and is_marked(head) and is_signature(head, whole=False):
            return True
    return False


# The whole channel named by a broadcast mention, then asked to acknowledge: "@channel Please
# acknowledge receipt immediately." (a lab's alert), "…\n\n@channel - Please acknowledge" (an
# incident post's last line), "@all please ack" (s39-replyrec: two chat apps' mention parsers). The
# shapes read a message with its mentions taken out (`policies.text.strip_mentions`: "please
# acknowledge receipt" alone is a letter's request too), so this reads it as posted. Nothing of its
# own follows the verb, or the receipt only: "@all please acknowledge test run" names its object (a
# test's); @oncall, @Tracy name one role or person; "@here please ack" is one line (not read).
_BROADCAST_ACK = compile_lead(
    r"(?<![\w@])@(channel|all)\b\W{0,3}please\sack(nowledge)?\b(?!\s+(?!receipt\b)[a-z])"
)


def broadcast_ack(text: str) -> bool:
    """Whether `text`, as posted, asks the channel named by a broadcast mention to acknowledge."""
    return "@" in text and _BROADCAST_ACK.search(fold(text)) is not None


def with_broadcast(text: str, cue: str | None) -> str | None:
    """`cue` (the shapes' reading of the folded text), or else the reply-confirmation a broadcast
    mention asks of the whole channel (`broadcast_ack`, read on `text` as posted: the mention that
    names the group is not in the folded text) — classify and explain read it alike."""
    if cue is not None or not broadcast_ack(text):
        return cue
    return "demand:reply-confirmation"


def ack_request_cue(folded: str) -> str | None:
    """The cue name when `folded` asks members to post a confirmation in the group.

    The demand shapes are looked for first and the message-wide guards only when one is
    found: most messages demand nothing, and the guards are the costly patterns.
    """
    shapes = _literal_shapes(folded)
    if not shapes:
        return None  # the common case (收到, 好的, chat): no shape's literals, no reply verb
    if len(folded) <= _BARE_REPLY_MAX:
        body = split_signature(folded).body
        if _is_the_reply(body) or _signed_before_reply(body) or replies_itself(folded):
            return None  # 扣1, 扣1-三组李四, 确认收到, 收到，确认: the reply itself (确认已收到，会监督…:
            # one the ack grammar reads whole, naming no group it would speak to)
    quoted = neutralize_quotes(folded)
    name = _reply_shape(quoted, shapes if quoted == folded else None)
    if name is None:
        return None
    one = addresses_one(folded) and not _MAIL_MERGE.search(folded)
    one = one or (name in _ASKED_OF_ANYONE and _to_one(folded))  # 你…请回复确认, 收到后回复我
    if one or handshake(folded) or is_narrated(folded):
        return None  # "在吗？看到请回复": one person asked in a 1:1 chat
    if machine_talk(folded):
        return None  # "系统测试~收到请回复", "请回复“收到”，不要说其他的话": a machine's reply
    if reply_alone(folded, READING):
        return None  # "【自检】请回复“收到”即可": the reply is all, nothing was given to read
    if framed(folded):
        return None  # "确认请回复1，修改请回复新的号码": a menu
    rest = unframed(quoted)
    if rest != quoted and _reply_shape(rest) is None:
        return None  # "回复“确认”完成预约", "可回复收到，也可直接忽略": a command, an offer
    if NOT_DEMAND.search(quoted) or reports_reply(quoted) or offers_options(quoted):
        return None
    if NORM.search(folded):
        return None
    return name


# The shapes that name no one (a reading condition, a reply to post): said to whoever reads, so
# also to one listener — a chase, a check-in, a line to copy name the group by their shape.
_ASKED_OF_ANYONE = frozenset(("demand:reply-after-reading", "demand:reply-confirmation"))


def _to_one(folded: str) -> bool:
    """Whether `folded` speaks to one listener (`policies.listener.said_to_one`): its 你 is each
    recipient's in a mail-merge template ({姓名}，你好), as its 您 is; a reply sent back to me is
    one person's whoever receives the template."""
    said = said_to_one(folded)
    return said is not None and not (said.endswith("你") and _MAIL_MERGE.search(folded))


def _literal_shapes(folded: str) -> list[tuple[str, re.Pattern[str]]]:
    """The shapes (name, pattern) whose literals `folded` has, in order: one pass for them all."""
    found = 0
    for word in _GATE.scan.findall(folded):
        found |= _GATE.bits[word]
    for bit, gate in _PATTERN_GATES:
        if gate.search(folded):
            found |= bit
    if not found:
        return []  # most messages: no gate holds, no shape to check
    return [(name, pattern) for name, needs, pattern in _SHAPES if found & needs == needs]


def _reply_shape(
    folded: str, shapes: list[tuple[str, re.Pattern[str]]] | None = None
) -> str | None:
    """The first demand shape that holds in its clause (not asked, not told, not a vote);
    `shapes`, when given, are `_literal_shapes(folded)`, already found."""
    for name, pattern in _literal_shapes(folded) if shapes is None else shapes:
        for match in _matches(name, pattern, folded):
            clause = clause_at(folded, match.start())
            phrase = clause_at(folded, match.start(), PHRASE_MARK)
            if _THIRD_PARTY.search(clause) or _told(phrase):
                continue  # 回了个收到 (`policies.narration`'s aspect): told; "…家长回复了，还没回复的请回复" tells, then asks
            if name in _CONFIRMING and (
                _step_told(folded, match) or _said_of_someone(folded, match)
            ):
                continue  # 买家已确认收到; 用户回复确认后执行: a confirmation done, or the time of a next
                # step; 领用人确认已收到上述耗材, 我们会在 72 小时内确认收到: who confirms, stated
            if _no_readers_asked(name, folded, match) or _reply_received(folded, match):
                continue  # 预约请求已收到，门店会联系你确认: the receipt reported; 收到消息 → 先回复
                # 「收到」: a standing procedure's first step, no notice's readers; 服务端收到后回复ACK:
                # a party of an exchange receives and answers
            if _verdict(name, folded, match):
                continue  # 即将执行…，确认请回复「确认」: the reply carries a decision, not a receipt;
                # 请审阅后回复「确认」冻结…, 确认无误后回复「确认提交」: a reviewer's verdict
            if name == "demand:dictated-reply" and not (
                isinstance(match, re.Match)
                and _dictates_ack(match)
                and not _bare_message(folded, match)
            ):
                continue  # "回复：是否参加、人数": a form to fill in, not a wording to confirm with;
                # 回复确认信息: a confirmation message named (`_names_message`), no wording
            if _shows_hands(folded, match, clause):
                continue  # "想去的扣个1": a show of hands, not a read receipt
            asks = QUESTION.search(clause) and not (
                IMPERATIVE.search(clause) or _RHETORICAL.search(clause)
            )
            if name == "demand:chase-non-repliers":
                if (asks and not _ASKS_WHO.search(clause)) or not _CHASE_TARGET.search(clause):
                    continue
            elif asks and name not in _ASKING:
                continue
            return name
    return None


def _check_in_asked(folded: str, at: int, end: int) -> bool:
    """Whether the check-in in the group found at `at` (群里报到, 群内签到, 报个到, 接龙报到) is asked
    of the readers: an order (请, 务必, 麻烦 …: `IMPERATIVE`), a need (需要: `_NEED`) or the group
    addressed (大家, 各位, 全体 …: `GROUP_ADDRESSEE`) in its sentence up to its `end` — 请在群里报到, 新进群的同事请在群里
    报到, 大家在群里报个到. Unasked, the check-in is a bot's or an app's sign-in named (群内签到获取积分,
    在群里签到打卡（每个群每天只会真签一次…）, 先在群里签到或发言吧), a habit or a plan told (之后开播、下播
    都会来群里报到) or the speaker's own (我先来群里报个到)."""
    before = folded[span_at(folded, at)[0] : end]  # the match's own 进群的同事请… with it
    return bool(asks_readers(before) or _NEED.search(before))


# A modal of need: the need itself asks (这周需要在群里报到; 这周没必要… is `guards.NOT_DEMAND`'s).
_NEED = compile_lead(r"需要?|须")


# The shapes that are a question themselves: asked, they still demand (大家都看到了吗？).
_ASKING = frozenset(("demand:asked-if-read",))


# The shapes whose words are a confirmation itself (回复确认, 确认收到): told done by the adverb of the
# perfect before it, or made the time of the next step by 后 after it (`policies.narration`).
_CONFIRMING = frozenset(("demand:reply-confirmation", "demand:check-in"))


# A decision as the reply's whole condition: 确认 (如确认, 确认的话) heading the reply's phrase, 请 at most
# after it — 即将删除账号…确认请回复【y】, 即将执行 {工具}，确认请回复「确认」, 确认请回复 1 如需修改请回复 2:
# "if you go ahead, reply …", a program's or a dispatcher's yes to an operation, not a read receipt. A
# receipt's condition names the reading (收到请回复, 确认收到请回复1, 阅读后确认请回复): 确认 alone names none.
_DECIDED = compile_lead(r"(?<![^\s。，,!！?？;；:：])(?:如果?|若)?确认(?:的话)?\s?[,，]?\s?请?\s?$")
_DECIDING = frozenset(("demand:reply-confirmation", "demand:must-reply", "demand:dictated-reply"))


def _said_of_someone(folded: str, match: re.Match[str] | _Found) -> bool:
    """Whether the confirmation of reading found (确认 + a reading verb, `_confirms_reading`) has
    its own subject in its phrase and nothing there asks or addresses the readers: a form's signer
    (领用人确认已收到上述耗材), a step's role (协调者确认收到交接通知), a promise (我们会在 72 小时内
    确认收到) — who confirms, stated. 请各班组确认…, 大家确认… ask, 老师们确认收到 addresses the
    members, 张伟确认收到 names the one asked; a bare 确认收到 has no subject."""
    if not isinstance(match, _Found):
        return False  # 群里报到, 接龙确认: the check-in's own words, not a confirmation of reading
    at = match.start()
    before = folded[span_at(folded, at, PHRASE_MARK)[0] : at]
    if not any(char.isalpha() for char in before):
        return False  # a bare 确认收到: no subject
    # the word right before 确认 a noun or a pronoun (领用人, 协调者, 小时内 after 我们会): its subject
    # or its time; an adverb (只简单确认收到即可) is the manner of an order
    if not any(
        start + len(word) == at and flag[:1] in "nr" for start, word, flag in words_at(folded, at)
    ):
        return False
    return not (
        asks_readers(before)
        or WHOLE_GROUP.search(before)  # 老师们确认收到: the members by their plural
        or is_signature(before)  # 张伟确认收到, 二班王老师确认收到: a member named, the one asked
    )


# A party of an exchange named as the one who receives or answers: a compound headed by 端 (an end of a
# channel: 客户端, 服务端, 对端) or 方 (a side: 接收方, 发送方, 对方, 甲方) — a protocol's or a deal's party,
# stated as the subject of the reading condition (服务端收到后回复ACK) or of the reply itself (对方回复收到
# 视为发出成功, 等到接收方回复确认后); a notice's readers are the group (各方, 大家: `asks_readers`), a
# member named (张伟收到后回复) or no one named (收到后回复).
_PARTY = compile_lead(r"[\u4e00-\u9fff][端方]\s?$")
# A node of a network as the one who receives: a compound headed by 器 (服务器, 接收器: a machine —
# no person's title ends in it), 主机 (a host: 目标主机, 源主机 — not any 机: 司机 is a person) or 设备
# (a device) — a protocol's step told (服务器收到后回复确认, 目标主机收到广播后回复, 设备收到后回复自身
# 信息). Unlike a party's, a node's name may be the thing received, the readers' (设备收到后请回复: the
# device delivered): a node answers with no order between its receipt and the reply (`_node_answers`).
_NODE = compile_lead(r"(?:[\u4e00-\u9fff]器|主机|设备)\s?$")
# The heads a party's or a node's compound may end in (the cheap gate before the phrase is read).
_PARTY_HEADS = ("端", "方", "器", "主机", "设备")


def _party_receives(folded: str, at: int) -> bool:
    """Whether the reply found at `at`, or the reading condition it follows in its sentence, has a
    party of an exchange as its subject (`_party_before`: 客户端收到消息后回复 ACK, 对端收到后回复ACK,
    对方回复收到视为发出成功, 败方回复确认)."""
    if not any(head in folded for head in _PARTY_HEADS):
        return False  # most demands: no 端 or 方 anywhere, no party to name
    start, end = span_at(folded, at)
    condition = None
    for found in READING.finditer(folded, start, end):
        if found.start() > at:
            break
        if found.group(1):
            condition = found  # the last reading condition before the reply, or the reply's own
    heads = (at,) if condition is None else (at, condition.start())
    return any(_party_before(folded, head) for head in heads) or (
        condition is not None and _node_answers(folded, condition.start(), at)
    )


def _node_answers(folded: str, head: int, at: int) -> bool:
    """Whether the reading condition at `head` has a node of a network as its subject (`_NODE`:
    服务器收到后回复确认, 其他在线设备收到后回复自身信息) and nothing orders the reply (found at `at`) between the
    condition and the end of the reply's sentence (设备收到后请回复, 设备收到后请在群里回复: the
    device is what the readers receive), nor before the node in its phrase (请服务器…), nor does the
    phrase address the group."""
    before = folded[span_at(folded, head, PHRASE_MARK)[0] : head]
    node = _NODE.search(before)
    if node is None or addresses_many(before):
        return False
    if IMPERATIVE.search(folded, head, span_at(folded, at)[1]):
        return False
    return IMPERATIVE.search(before, 0, node.start()) is None


def _party_before(folded: str, head: int) -> bool:
    """Whether the phrase before `head` ends in a party of an exchange (`_PARTY`: 对方回复, 接收方收到
    后), not asked right before it (请对方…, 麻烦对方…: the party addressed) and no group named there
    (各方收到后回复). An order on another verb before it is the other side's (就必须等到接收方回复确认后:
    the sender waits)."""
    before = folded[span_at(folded, head, PHRASE_MARK)[0] : head]
    party = _PARTY.search(before)
    if party is None or addresses_many(before):
        return False
    ahead = before[: party.start()].rstrip()
    return not any(order.end() == len(ahead) for order in IMPERATIVE.finditer(ahead))


def _receipt_told(folded: str, at: int) -> bool:
    """Whether the reading condition at `at` is a receipt told done — the adverb of the perfect
    before it (`policies.narration.done_before`: 已收到, 已经收到) and its phrase ending right after
    its verb (预约请求已收到，…; 已收到，老师正在组织回应): a statement of its own, not a condition on
    whoever reads (已收到通知的请回复1 picks out the readers; 请确认已收到 asks)."""
    condition = READING.match(folded, at)
    return bool(
        condition is not None
        and PHRASE_MARK.match(folded, condition.end())
        and done_before(folded, at)
    )


# The shapes a standing rule's reply takes (回复确认, 回复「收到」, a reading condition's reply).
_ANSWERING = frozenset(
    ("demand:reply-after-reading", "demand:reply-confirmation", "demand:dictated-reply")
)
# Any message received (收到消息后, 收到用户的消息时, 收到消息 →): the condition of a standing rule —
# what a program, an agent or a role does whenever a message comes in — not of this notice's
# readers (收到此消息后, 收到这条通知的: this one). Its modifier at most a clause's words.
_ON_MESSAGE = compile_lead(r"收到([^，,。！!？?；;\n]{0,30}?)消息")
# The modifier names this message or this notice: its readers are asked.
_THIS_ONE = compile_lead(r"此|本|这|该|上述|以上|通知")
# The reply follows the condition closely (后回复, 时，先立即回复, → 先回复): characters between.
_REPLY_NEAR = 8
# The reply a procedure's first step (先回复「收到」, 先立即回复): an order of steps laid down.
_FIRST_STEP = compile_lead(r"先")


# The time of the next step after a reply received or seen (收到回复后, 看到回复时): 后 (之后, 以后) or 时.
_RECEIVED_WHEN = compile_lead(r"[之以]?后|时")


def _reply_received(folded: str, match: re.Match[str] | _Found) -> bool:
    """Whether the reading condition found (`match`) takes the reply as its object — the reading
    verb bare, the reply verb glued after it with at most the words that modify it between (收到回复,
    收到确认回复, 收到对方回复, 看到回复) — and the whole is the time of the next step (`_RECEIVED_WHEN`:
    收到回复后，发送下一个请求; 收到对方回复后恢复输入框; 用户看到回复时…): a protocol's, a program's
    or a story's step, the reply what arrives, not what the readers are asked to post. A condition
    with its own mark (收到后回复, 看到的回复一下), a mark or an order between (收到，回复后…; 收到请回复
    后…) or no time after it (收到回复1, 看到回复一下) still asks."""
    if not isinstance(match, _Found):
        return False
    condition = READING.match(folded, match.start())
    if condition is None or condition.group(1) is None or condition.end() != condition.end(1):
        return False  # 收到后回复, 看到的回复: the condition's own mark, then the reply it asks
    end = match.start() + len(match.group())
    verb = next((v for v in _RECEIVED_REPLY if folded.endswith(v, 0, end)), None)
    if verb is None:
        return False
    between = folded[condition.end() : end - len(verb)]
    if not all(char.isalpha() for char in between) or IMPERATIVE.search(between):
        return False  # 收到，回复后; 收到请回复后: a mark or an order between, the reply asked
    return _RECEIVED_WHEN.match(folded, end) is not None


# The reply verbs that double as the noun of what arrives (回复, 回覆: a reply received).
_RECEIVED_REPLY = ("回复", "回覆")


_QUESTION_MARK = "?"


def _question_answered(folded: str, at: int) -> bool:
    """Whether the reading condition at `at` opens the sentence right after a question that does
    not ask about that reading — its verb (看到, 收到 …) not in it — in a message that names no
    group (请问新学期的校服什么时候发放？看到请回复一下; 人呢？收到回复一下): the reply the asker
    waits for is the answer, one person's question to another. A question about the reading repeats
    its verb (大家看到了吗？看到回1; 都看见没？看见了回个1), one that asks who (`_ASKS_WHO`: 怎么还有人
    不回？看到消息的都回复一下) chases the members: the receipt."""
    start = span_at(folded, at)[0]
    if start == 0 or folded[start - 1] != _QUESTION_MARK or folded[start:at].strip():
        return False  # no question right before the condition
    condition = READING.match(folded, at)
    if condition is None or condition.group(1) is None:
        return False
    asked = folded[span_at(folded, start - 1)[0] : start]
    return (
        condition.group(1) not in asked
        and _ASKS_WHO.search(asked) is None
        and WHOLE_GROUP.search(folded) is None
    )


def _no_readers_asked(name: str, folded: str, match: re.Match[str] | _Found) -> bool:
    """Whether the reply found (`match`) asks no readers of a notice: a reading condition told done
    (`_receipt_told`), the speaker's own with the answer promised (`_answer_promised`) or after a
    question it answers (`_question_answered`), any message's receipt answered by a standing rule
    (`_on_every_message`) or said of a party of an exchange (`_party_receives`), or a check-in in
    the group nobody is asked to make (`_check_in_asked`: 群内签到获取积分, 之后…都会来群里报到)."""
    at = match.start()
    if name == "demand:check-in" and isinstance(match, re.Match):
        return not _check_in_asked(folded, at, match.end())
    if name == "demand:reply-after-reading" and (
        _receipt_told(folded, at) or _answer_promised(folded, at) or _question_answered(folded, at)
    ):
        return True  # 收到，稍后回复: the speaker's own receipt, then the answer promised; 请问…
        # 什么时候发放？看到请回复一下: the answer to a question asked
    return name in _ANSWERING and (_on_every_message(folded, at) or _party_receives(folded, at))


def _on_every_message(folded: str, at: int) -> bool:
    """Whether the reply found at `at` answers any message received (`_ON_MESSAGE`) as the first
    step of a standing procedure (收到用户的消息时，先立即回复「收到」，再继续…; 收到消息 → 先回复
    「收到」: an agent's or a program's rule for every message) — in a message that orders nothing
    and addresses no group (请, 抓紧, 大家, 各位: @所有人 收到消息请回复, 各位老师收到消息后先回复,
    …先回复收到，再抓紧落实), names no member before the condition (张伟收到…) and no notice in it
    (收到此消息后先回复收到). A subject stated before the condition is not enough without the step
    (员工收到消息后回复收到 may be a company's notice, as 机器人收到消息后回复原会话 is a bot's design:
    the tagger reads both as nouns)."""
    if "消息" not in folded or asks_readers(folded) or WHOLE_GROUP.search(folded):
        return False  # most demands: no message named as the thing received; or an order given
        # (请, 抓紧 …) or the group addressed anywhere: …先回复收到，再抓紧落实 is a notice
    start, end = span_at(folded, at)
    for condition in _ON_MESSAGE.finditer(folded, start, end):
        if condition.start() > at or at - condition.end() > _REPLY_NEAR:
            continue
        if _THIS_ONE.search(condition.group(1)):
            continue  # 收到此消息后, 收到这条消息的: this notice
        before = folded[span_at(folded, condition.start(), PHRASE_MARK)[0] : condition.start()]
        if is_signature(before.strip()):
            continue  # 张伟收到消息后先回复: the member named is asked
        if _FIRST_STEP.search(folded, condition.end(), min(end, condition.end() + _REPLY_NEAR)):
            return True  # 收到消息 → 先回复「收到」: the first step of a procedure
    return False


# The reply verb closing the message (`_answer_promised`): nothing to post after it, no one named.
_ANSWER_END = compile_lead(r"(?:回复|回)[\s。.!！~～]*$")
# The words between a receipt's mark and the answer it promises: a time (稍后, 明天上午), short.
_PROMISED_WHEN_MAX = 4


def _answer_promised(folded: str, at: int) -> bool:
    """Whether the reading condition at `at` is the speaker's own receipt and the reply after it
    the speaker's answer, promised for later (收到，稍后回复; 收到，明天上午回复; 收到，晚点回复。):
    the receipt opens the message as a phrase of its own (收到 or 收到了, then its mark — not 收到后,
    收到的, a condition on whoever reads), and the rest is a few words closing on the reply verb,
    none of them asking (请, 务必, 尽快: `guards.IMPERATIVE`) or naming the group (大家, 各位:
    `guards.WHOLE_GROUP`) — told, as the look-alikes' 收到啦，晚点回你~ is, not asked. 收到，请回复,
    收到，大家回复 and 收到，回复1 (a token to post) still ask."""
    condition = READING.match(folded, at)
    if (
        condition is None
        or folded[:at].strip()
        or condition.group().endswith(("后", "的"))
        or not PHRASE_MARK.match(folded, condition.end())
    ):
        return False
    answer = _ANSWER_END.search(folded, condition.end() + 1)
    if answer is None:
        return False
    when = folded[condition.end() + 1 : answer.start()].strip()
    return (
        0 < len(when) <= _PROMISED_WHEN_MAX
        and not PHRASE_MARK.search(when)
        and IMPERATIVE.search(when) is None
        and WHOLE_GROUP.search(when) is None
    )


# A review as the reply's condition: the reading of one who judges (审阅) or a check found clean (无误:
# 确认无误后, 核对无误后), then 后 and the reply, in one phrase — 请审阅后回复「确认」冻结进入编码, 出游计划已
# 生成，请审阅后回复：, 确认无误后回复「确认提交」, 请确认内容无误后回复「确认」（覆盖）: the one who reviewed a
# draft, a plan or an operation answers with a verdict — go ahead (确认, 可以, Y, 确认导出) or changes
# (或告知修改意见) — a decision collected (LABELS), what a design gate, an agent's plan or a tool's preview
# asks, not a sign of having read (a notice's readers read it; they are not asked to pass it).
_REVIEW_REPLY = compile_lead(r"(?:审阅|无误)[^，,。！!？?；;\n]{0,12}?后\s?(?:请\s?)?(?:回复|回覆)")
# The shapes a review's reply may take: a reading condition's (审阅后回复), an order's (请…审阅后回复), a
# confirmation's or a wording's (回复「确认」, 回复「确认执行」).
_VERDICT_SHAPES = _DECIDING | {"demand:reply-after-reading"}
# What the review condition needs (the cheap gate: most demands have neither).
_REVIEW_NEEDS = ("审阅", "无误")
# The quotes and marks that may open the reply's object (回复「确认」, 回复 *Y*, 回复：).
_OBJECT_OPENS = '"“「『【:：*'  # and any space


def _verdict(name: str, folded: str, match: re.Match[str] | _Found) -> bool:
    """Whether the reply found (`match`, of shape `name`) carries a decision: a go-ahead as its whole
    condition (`_decided`: 确认请回复「确认」) or a review's verdict (`_reviewed`: 审阅后回复「确认」)."""
    return (name in _DECIDING and _decided(folded, match.start())) or (
        name in _VERDICT_SHAPES and _reviewed(folded, match)
    )


def _reviewed(folded: str, match: re.Match[str] | _Found) -> bool:
    """Whether the reply found (`match`: its reply verb, or the reading condition before it) is the one
    a review condition takes in its phrase (`_REVIEW_REPLY`: 审阅后回复, 确认无误后回复) and its object
    is no receipt — not a reading verb (`READ_CONDITION`'s: 审阅后回复收到, 已阅 still ask for the
    receipt): the reviewer's verdict."""
    if not any(word in folded for word in _REVIEW_NEEDS):
        return False  # most demands: no review named, nothing to search
    start = match.start()
    phrase = span_at(folded, start, PHRASE_MARK)[0]
    for review in _REVIEW_REPLY.finditer(folded, phrase, start + len(match.group())):
        if review.end() <= start:
            continue  # a review's reply before the one found (审阅后回复意见，收到请回复确认)
        at = review.end()
        while at < len(folded) and (folded[at].isspace() or folded[at] in _OBJECT_OPENS):
            at += 1
        receipt = READING.match(folded, at)
        return receipt is None or receipt.group(1) is None
    return False


def _decided(folded: str, at: int) -> bool:
    """Whether the reply at `at` has a decision as its phrase's whole condition (`_DECIDED`)."""
    return _DECIDED.search(folded, span_at(folded, at, PHRASE_MARK)[0], at) is not None


def _step_told(folded: str, match: re.Match[str] | _Found) -> bool:
    """Whether the confirmation found (`match`) is told done (已确认收到), is the time of a next
    step (确认收到后，…; 回复确认后执行; with what it confirms before the 后: 回复确认方向后进入…,
    AI 回复确认收到工具定义后), or heads a noun (确认已收到的消息, 回复确认收到的消息: the messages so
    confirmed, a protocol's, not an order)."""
    start = match.start()
    end = start + len(match.group())
    if done_before(folded, start) or time_of_next(folded, start, end):
        return True
    confirmed = _CONFIRMED_THING.match(folded, end)
    if confirmed and time_of_next(folded, start, confirmed.end()):
        return True
    if isinstance(match, _Found) and _button_confirms(folded, end):
        return True  # 请确认已收到商品。确认后订单将标记为已完成: the dialog's button confirms
    if "确认" not in match.group():
        # 还没回复收到的抓紧回一下: 回复收到的 picks out the members (a chase), no noun
        return False
    return _heads_thing(folded, end - folded.endswith("的", start, end)) or _names_message(
        folded, end
    )


# The confirmation's own word, met again after it (`_button_confirms`).
_CONFIRM_WORD = "确认"
# A reply's verb before it: the 确认 posted (回复确认, 接龙确认, 扣1确认), not a button's.
_POSTED = compile_lead(_REPLY_VERB)


def _button_confirms(folded: str, end: int) -> bool:
    """Whether the confirmation of receipt ending at `end` (`_confirms_reading`'s) is met again
    after it, in a later phrase, as an act of its own — no reply's verb before it in that phrase:
    请确认已收到商品。确认后订单将标记为已完成; 请确认已收到支付费用, 是否确认? — an app's dialog,
    whose button confirms; nothing is posted — in a message naming no group (`guards.WHOLE_GROUP`).
    …，并在群内回复确认 posts it."""
    at = folded.find(_CONFIRM_WORD, end)
    while at >= 0:
        start = span_at(folded, at, PHRASE_MARK)[0]
        if start >= end and _POSTED.search(folded, start, at) is None:
            return WHOLE_GROUP.search(folded) is None  # 各位…: the members asked
        at = folded.find(_CONFIRM_WORD, at + 1)
    return False


# What a confirmation confirms, run on to the 后 of the next step (确认方向后, 确认收到工具定义后).
_CONFIRMED_THING = compile_lead(r"[^\s，,。！!？?；;、]{1,8}?(?=[之以]?后)")
# The confirmation (its 收到 when the match ends at 确认) then 的 and a thing: a noun so confirmed.
_HEADS = compile_lead(r"(?:已?收到)?的(?!话)")


def _heads_thing(folded: str, end: int) -> bool:
    """Whether the confirmation ending at `end` runs on into 的 + a thing (确认已收到的消息, 回复确认收到
    的消息): a noun phrase. 的 + people (收到的同事) or nothing after it picks out the readers."""
    head = _HEADS.match(folded, end)
    if head is None or head.end() >= len(folded):
        return False
    after = folded[head.end() : head.end() + 2]
    if after[0] in CLAUSE_END or not after[0].isalpha():
        return False
    return not any(after.startswith(word) for word in _PEOPLE if len(word) <= 2)


def _names_message(folded: str, end: int) -> bool:
    """Whether the reply's confirmation ending at `end` (回复确认) is glued to the noun it names —
    the word right after it tagged a noun (n): 回复确认消息, 回复确认信息, 回覆確認訊息, 先回覆確認卡 —
    a reply that carries a confirmation message, what a bot, a server or a step answers, in a message
    that neither asks nor addresses anyone (`asks_readers`: 请大家回复确认信息 still asks). A reading
    confirmed runs on into a verb (回复确认收到, 回复确认已知晓), not a noun."""
    if end >= len(folded) or not folded[end].isalpha() or not folded.endswith("确认", 0, end):
        return False  # nothing glued after the confirmation: nothing to tag
    word = next((w for w in words_at(folded, end) if w[0] == end), None)
    return word is not None and word[2] == _NOUN and not asks_readers(folded)


def _bare_message(folded: str, match: re.Match[str]) -> bool:
    """Whether the wording `_DICTATION` took bare after the reply verb (its fourth group, no colon,
    no quote) is a confirmation glued to the noun it names (`_names_message`: 回复确认消息)."""
    start = match.start(4)
    return start >= 0 and _names_message(folded, start + len("确认"))


_NOUN = "n"  # the tag of a plain noun: 消息, 信息, 卡 (not 确认函, which the tagger keeps whole)


def _told(phrase: str) -> bool:
    """A reply verb of `phrase` told by its aspect (`policies.narration.reply_told`)."""
    return reply_told(phrase) is not None


def _shows_hands(folded: str, match: re.Match[str] | _Found, clause: str) -> bool:
    """Hands raised (扣1) by those who prefer or are picked out, with no reading condition."""
    if not _RAISED_HAND.search(match.group()):
        return False
    before = folded[max(0, match.start() - 12) : match.start()]
    picked = _PREFERENCE.search(clause) or _SELECTED.search(before)
    return bool(picked) and not READING.search(clause)


# A poll that lists its options and asks for the chosen one's number (…\n1. 上午\n2. 下午\n请回复
# 序号; [1] 授权 [2] 删除 … 请回复对应数字): a bare number replied is a vote. Its two parts, both
# needed: the reply's object is an item's number — 序号, 编号, 选项, (对应的) 数字 — and not a
# digit given to send (收到请回复数字1 is a read receipt); and items 1 and 2 are listed, each
# number at a line's start or after a separator, marked as a list marks it (1. 1、 1) [1] 1️⃣ |1|),
# or circled (① … ②, read before folding: NFKC makes ① a bare 1).
_NUMBER_ASKED = compile_lead(
    r"(?:回复|回覆|回)\s?(?:对应|相应)?的?\s?(?:序号|编号|选项|数字)"
    r"(?!\s?[“\"「『‘'(（]?\s?[0-9零一二三四五六七八九十])",
    groups=False,
)
_ITEM_ONE_TWO = re.compile(
    r"(?:^|[\s,，。;；:：|])[\[【(（]?1(?:\ufe0f?\u20e3|\s?[.、:：)）\]】|])"
    r".{1,80}?(?:^|[\s,，。;；:：|])[\[【(（]?2(?:\ufe0f?\u20e3|\s?[.、:：)）\]】|])",
    re.DOTALL | re.MULTILINE,
)
_CIRCLED_ONE_TWO = re.compile(r"①.{1,80}?②", re.DOTALL)


def is_poll(text: str) -> bool:
    """Does `text` ask members to choose by number ("回复1同意，回复2不同意", or options listed
    and the chosen one's number asked for: "1. 上午\n2. 下午\n请回复序号")? Used by the detector
    only (the numbers replied after it are votes); the label of `text` does not depend on it."""
    folded = fold(text)
    if offers_options(folded) is not None:
        return True
    if _NUMBER_ASKED.search(folded) is None:
        return False
    return (_ITEM_ONE_TWO.search(folded) or _CIRCLED_ONE_TWO.search(text)) is not None


_CHASE = next(p for name, _, p in _ACK_REQUEST if name == "demand:chase-non-repliers")


def chases(folded: str) -> bool:
    """Does `folded` chase those who have not replied (还有几个没回复，请抓紧)? A reminder asks
    again for the demand already made: the replies after it answer that one."""
    return _CHASE.search(folded) is not None


# -- the reading condition's 的: the people who read, or the thing read (收到的同事 / 收到的文件) --

# After "收到的/看到的", these mean "those who …" rather than "the received thing".
_PEOPLE = frozenset(
    "请 都 就 麻烦 务必 同事 同志 同学 老师 家长 朋友 姐妹 人 各位 大家 伙伴 小伙伴 领导 回复 回 扣 "
    "话 请在 在 点赞 接龙".split()
)
# Who is picked out is said by the grammar too: a verb right after 的 is what those who saw it
# are to do (看到的打卡), and a noun that takes the plural 们 names people, as only they take it
# (看到的兄弟们回个话) — the members by their plural, read as `guards.WHOLE_GROUP` reads them (not a
# pronoun's: 我们). (A noun before the verb is not enough: 看到的消息回复一下 fronts a thing.)


_REPLY_VERBS = frozenset("回扣冒吱报请都举说示")


def confirms_condition(folded: str) -> bool:
    """False when every "收到的/看到的" in `folded` is followed by a thing, not by people."""
    # the reading condition (`READ_CONDITION`, its verb of reading) with 的 after
    found = READING.finditer(folded)
    matches = [m for m in found if m.group(1) and folded.startswith("的", m.end(1))]
    if not matches:
        return True
    for match in matches:
        after = match.end(1) + 1
        if after >= len(folded) or folded.startswith("的话", after - 1):
            return True  # at the end, or 收到的话: "if you received it", a condition
        if folded[after] in CLAUSE_END or alone_at(folded, after):
            return True  # 收到的，请回复, 收到的!: nothing named after 的 (a mark: nothing to tag)
        words = words_at(folded, after)
        index = next((k for k, (start, _, _) in enumerate(words) if start == after), -1)
        if index < 0:
            continue  # 的 glued into a word: keep looking
        tagged = [(word, flag) for _, word, flag in words]
        token = tagged[index][0]
        if token in _PEOPLE or len(token.strip("，,。 ")) < 2 or token[0] in _REPLY_VERBS:
            return True
        if token.endswith("个"):
            return True  # a verb with its measure word, an action: 看到的出个声, 点个赞, 接个龙
        if _picked_by_grammar(tagged, index):
            return True
    return False


def _picked_by_grammar(tagged: list[tuple[str, str]], index: int) -> bool:
    """Whether the word after 的 (at `index`) is a verb that ends its clause, or a noun that
    takes 们. (A verb's tag alone is not enough: jieba tags 点心 in 收到的点心请回复 a verb.)"""
    word, flag = tagged[index]
    following = tagged[index + 1][0] if index + 1 < len(tagged) else ""
    if flag.startswith("v") and not following.strip("，,。.!！~～ "):
        return True  # the verb that ends its clause: 看到的打卡, 看到的打卡，谢谢
    # 们 glued to its noun or after it: the noun's last two characters and the next one's first
    return WHOLE_GROUP.search(word[-2:] + following[:1]) is not None
