"""Demands for proof traces (proof_request): photos, screenshots, location, video as evidence.

An evidence medium (截图/拍照/定位/视频) joined to a destination (发群/上传/回传), a trace
purpose (留痕/备查/为证), a quota (每人3张), the activity it proves (巡查/学习/转发) or the
moment (现在拍一张); dropped for questions, reports of what was sent, work products (发票拍照),
and the message-wide guards of `policies.guards`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from policies.guards import (
    GROUP_ADDRESSEE,
    IMPERATIVE,
    NOT_DEMAND,
    PHRASE_MARK,
    PREDICTED,
    QUESTION,
    SENTENCE_CHAR,
    TROUBLE,
    WHOLE_GROUP,
    addresses_many,
    addresses_one,
    asks_readers,
    is_narrated,
    neutralize_quotes,
    predicts,
    span_at,
)
from policies.lead import compile_lead
from policies.listener import day_or_deadline, deadline
from policies.segment import (
    alone_at,
    clause_span,
    tag_clause,
    tag_words,
    words_at,
    words_opening,
)
from policies.signature import heading, names_person

_MEDIUM = (
    r"(截图|截屏|截个图|截张图|截一下图|拍照|照片|(?<![球节])拍(?=照|张|个|一|下(?!订单|后|单|的|商品|宝贝)|段|视频|摄|清楚|全|到|几|至少|[0-9]|(?:(?![了的])[\u4e00-\u9fff]){1,4}?照(?!片))|相片|定位|位置共享"
    r"|共享位置|位置|视频|录像|影像资料|自拍|(现场|工作|集体|活动|打卡)照|(现场|工作|活动|打卡)图片?|(巡查|巡逻|巡河|值班|走访|入户|培训|整治)的?图片|合影|晒图|(留痕|佐证|痕迹|影像|图片)(材料|资料)|影相|影张相|影个相|影一影|\bscreenshots?\b|\bphotos?\b"
    r"|\bpictures?\b|\bselfies?\b|\blocation\b|\bvideo\b)"
)
_MEDIUM_RE = compile_lead(_MEDIUM, groups=False)  # its matches are read whole (.group(), spans)


@lru_cache(maxsize=8)  # a message's rules read its pictures one after the other (a few texts)
def _mediums(folded: str) -> tuple[re.Match[str], ...]:
    """Every picture (`_MEDIUM_RE`) of the whole of `folded`, in order: the proof shape, its
    guards and `policies.narration` each read them — found once per text, not once per rule
    (the longest pattern here; its matches are what `_MEDIUM_RE.finditer(folded)` yields)."""
    return tuple(_MEDIUM_RE.finditer(folded))


# Cheap first checks (one character class) before the long patterns that need them.
_MEDIUM_HINT = compile_lead(
    r"截|录像|录一|录个|录段|拍|照|相片|定位|位置|视频|影像|合影|晒图|以图|影"
    r"|图片|现场图|工作图|活动图|打卡图|大学习|留痕|佐证|痕迹|screenshot|photo|selfie|location|video"
)  # literals only: the engine skips to the positions where one can start
_SHOOT = compile_lead(r"[拍录截]")
_LATIN_PLACE = compile_lead(r"group|chat|thread")
_SEND = r"(?P<send>发(?![现生布展明起言])|传|晒|报|post|share|send|drop|upload)"
_CLAUSE_CHAR = r"[^，,。；;！？!?\n]"  # within one clause: 上传微信运动、手机健康等步数截图
# Sent to the group: one verb of sending with the group on either side of it — the group its
# goal in its clause (发群, 发到群里, 晒到班级群) or its place (群里发, 在班级群晒出; a verb there, not
# the 报 of 通报). The picture is the verb's object
# (`_sent_to_group`): before it (截图发群, 把照片发到群里), or after it (发定位到群里, 群里发一下…截图).
_TO_GROUP = compile_lead(
    r"(?P<place>群(里|内|中)?"
    + SENTENCE_CHAR
    + r"{0,4}?)?"
    + _SEND
    + r"(?P<goal>"
    + _CLAUSE_CHAR
    + r"{0,14}?(群|group|chat|thread))?"
)
_OBJECT_BEFORE = 30  # the picture, then the verb: 把…巡查的现场照片…发到群里
_OBJECT_AFTER = 24  # the verb, then the picture: 群里发一下你们…的成绩截图
# In English the picture may come first with the group as its place, no verb of ours between.
_IN_THE_GROUP = compile_lead(r".{0,60}\b(in|to) (the|this|our) (group|chat|thread)\b")


def _is_verb_at(folded: str, at: int) -> bool:
    """Does a word begin at `at`, or is the word holding it a verb (转发, 上传; not 通报, 汇报)?"""
    for start, word, flag in words_at(folded, at):  # the dictionary's words
        if start + len(word) > at:
            return start == at or flag.startswith("v")
    return False


def _sent_to_group(folded: str) -> bool:
    """ "截图发群", "发定位到群里", "群里发…照片": a picture the object of a verb of sending whose
    goal or place is the group, in one sentence."""
    for send in _TO_GROUP.finditer(folded):
        goal, place = send.group("goal"), send.group("place")
        if not (goal or place):
            continue
        verb, after = send.start("send"), send.end("send")
        start, end = span_at(folded, verb)
        mediums = _MEDIUM_RE.finditer(folded, start, end)
        if not goal:  # the group its place: a picture after the verb (群里发一下…截图), and the
            # verb a word (在家长群通报…: its character inside another) — tagged only then
            after_verb = any(verb <= m.start() <= after + _OBJECT_AFTER for m in mediums)
            if after_verb and _is_verb_at(folded, verb):
                return True
            continue
        for medium in mediums:
            if medium.start() >= verb:
                if medium.end() <= send.start("goal") + len(goal):
                    return True  # between the verb and the group: 发定位到群里
                if place and medium.start() <= after + _OBJECT_AFTER:
                    return True  # after the verb, the group before it: 群里发一下…截图
            elif medium.end() >= verb - _OBJECT_BEFORE:
                return True  # before the verb: 截图发群
    return any(_IN_THE_GROUP.match(folded, medium.end()) for medium in _mediums(folded))


# Handed in (上传, 报送 …), the picture the verb's object: before it (照片上传, 把…照片…报送党委宣传部)
# or after it (上传…步数截图) — `delivered`. 附上, 提供, 反馈, 提交 take their object after them
# (提供步数截图, 并反馈你的截图): a picture before them is their subject (照片由…提供). The object
# first, the verb may be far after it in its clause (将…情况(文字和照片)、师生感想…于…前报送: no
# comma between, whatever puts it first).
_DELIVER = compile_lead(
    r"(?P<after>附上|提供|反馈|提交)|上传|回传|上报|报送|报至"
    r"|报[\u4e00-\u9fff]{0,4}(办|处|科|室|局|委|站|所)(?![\u4e00-\u9fff])"  # 报党委宣传部
)
# Sent over, after the picture (截图发给我, 照片交上来, 定位发一下, 视频传给…).
_SENT_OVER = compile_lead(
    r"发给我|给我|发到这里|发这里|交上来|报上来|发过来|发上来|传上来|发一下|发下|传一下|传下|发来|发出来"
    r"|交一下|(必须|务必|需要?|要|请)交(?![流通])|(交给|报给|传给|发送(给|至|到)|(交|送)(到|至))[^，,。]{0,6}"
)
_SEND_VERB = compile_lead(r"发(?![现生布展明起言])")  # 截图发…, 发一下…截图
_DELIVER_EN = compile_lead(
    r"\b(share|drop|upload)\b.{0,40}"
    + _MEDIUM
    + r"|"
    + _MEDIUM
    + r".{0,40}\b(send|post|upload|submit)\b"
)  # share … a photo; take a screenshot … and send it
_VERB_AFTER = 10  # the picture, then its verb: 照片统一上传
_VERB_AFTER_CLAUSE = 40  # …in its clause, no comma between: 将…(文字和照片)、师生感想…于…前报送
_DELIVER_BEFORE = 30  # where the verbs before the picture are looked for
_VERB_BEFORE = 20  # the verb, then the picture, in its clause: 上传微信运动、手机健康等步数截图
_SEND_BEFORE = 8  # 发 and its object: 发一下青年大学习截图


def delivered(folded: str) -> bool:
    """ "截图发给我", "上传…步数截图", "将…(文字和照片)…报送党委宣传部": a picture handed in or
    sent over, the object of its verb."""
    for medium in _mediums(folded):
        at, end = medium.start(), medium.end()
        start, stop = span_at(folded, at)
        # right after it (the rest of its word between): 截图发…, 现场照片发我 — the picture named,
        # then sent; not a shot (拍照发群: shoot, then send, two verbs in a row)
        sent = None if medium.group().startswith("拍") else _SEND_VERB.search(folded, end)
        if sent and sent.start() <= end + 1 and not folded[end : sent.start()].strip("照片 "):
            return True
        over = _SENT_OVER.search(folded, end, stop)
        if over and over.start() - end <= _VERB_AFTER:
            return True
        if sent and _ordered_send(folded, end, sent.start()):
            return True  # 打卡截图请统一在晚上8点前发: the picture, an order, then 发
        clause = span_at(folded, at, PHRASE_MARK)[0]
        for verb in _DELIVER.finditer(folded, max(start, at - _DELIVER_BEFORE - 1), stop):
            if verb.start() >= end:  # the verb after its object
                gap = verb.start() - end
                one_clause = PHRASE_MARK.search(folded, end, verb.start()) is None
                if not verb.group("after") and (
                    gap <= _VERB_AFTER or (one_clause and gap <= _VERB_AFTER_CLAUSE)
                ):
                    return True
            elif verb.end() <= at and verb.start() >= clause and verb.end() >= at - _VERB_BEFORE:
                return True  # the verb before it, in its clause: 上传…步数截图, 反馈你的截图
        if any(v.end() >= at - _SEND_BEFORE for v in _SEND_VERB.finditer(folded, start, at)):
            return True  # 发一下青年大学习截图
    return bool(_DELIVER_EN.search(folded))


def _ordered_send(folded: str, end: int, verb: int) -> bool:
    """Is 发 at `verb` the picture's own verb (the picture ends at `end`), put off by an order: in
    the picture's clause (no phrase mark between), at most `_VERB_AFTER_CLAUSE` characters on, an
    order's word (`_DIRECTIVE`: 请, 要, 统一, 务必, 按时 …) between them — the picture the topic,
    the order its comment (打卡截图请统一在晚上8点前发, 晨会照片请于9点前发到群里, 签到截图+学习截图都要发).
    The modal 要 orders here as anywhere (s32-piecesp: its exception, "the bare modal tells", decided
    one line of the corpora, probe 3's 都要发, wrongly; 照片要发给画图的模型 stays told by its story)."""
    if verb - end > _VERB_AFTER_CLAUSE or PHRASE_MARK.search(folded, end, verb):
        return False
    return _DIRECTIVE.search(folded, end, verb) is not None


# A norm for the picture, a trace that orders by itself: what it must show (照片里要有群众, 截图须
# 显示时间: its own 要/须), or the role it is to serve (截图为证, 拍照为凭) — not 作为证…, told.
# The verb of what it shows is a verb only where a word begins (`must_show`): 有 not inside 所有 or
# 真实有效 — read of every verb of the slot, not of 有 alone (s32-piecesp).
_MUST_SHOW = compile_lead(
    r"(截图|照片|图片|视频|录屏)[^。！？]{0,6}(要|须|必须)[^，,。]{0,4}"
    r"(?P<shows>显示|看到|看清|体现|包含|带有|拍到|有|能\w)"
    r"|(?<!作)为证|为凭"
)


@lru_cache(maxsize=8)  # asked by the weaker shape, by the trace and by `policies.sure`
def must_show(folded: str) -> re.Match[str] | None:
    """The norm for the picture (`_MUST_SHOW`), if `folded` has one: the verb of what it shows a
    word's start (照片里要有群众, 截图须显示时间; not 照片必须真实有效, 照片必须办完所有手续 — 有 inside
    a word), or the role it serves (为证, 为凭: no verb to read)."""
    for found in _MUST_SHOW.finditer(folded):
        at = found.start("shows")
        if at < 0 or any(w[0] == at for w in words_at(folded, at)):
            return found
    return None


# The picture named, then what it proves (发个定位证明一下你在岗, 录一段视频发群，证明人在现场):
# read after any medium (`_MEDIUM_RE`), in its sentence.
_PROVES_BY = compile_lead(r"[^。，,]{0,6}[，,]?\s?(证明|以证)(?!材料|文件|书|信)")
_TRACE = compile_lead(
    r"留个?痕|备查|留底|留存|台账|留(存|下|好)?(影像|照片|视频|录像)|(带|用|开启|打开)[^，,。]{0,4}水印|作为.{0,8}(依据|凭证|证明)|凭证|考核依据"
    r"|纳入.{0,6}(考核|积分)|扣分"
)
# The trace named alone, the order left out: "青年大学习截图", "打卡截图呢" — a reminder: a
# screenshot named by the duty it proves (`_PROVES_ACTIVITY`, read in `named_trace`).
_NAMED_TRACE = compile_lead(r"(?P<duty>[\u4e00-\u9fff]{1,8})截图(呢|啊|哦)?")


# A bare order to send one's location ("发定位", "大家把定位发一下"); a check-in by picture
# (拍照打卡, 截个图打卡) is read by `checks_in`.
_CHECK_IN = compile_lead(
    r"^(请)?(大家|各位)?(都)?(把)?(实时)?定位(都)?(发|共享)(一下|下)?[。.!！]?$"
)
_CHECKING_IN = "打卡"
# The verbs of checking in a picture can be (s36-demrec): 打卡 and 签到, the sign-in a roll call
# takes — 请各位现场拍照签到, 到达现场后，请在现场自拍签到 (not 报到, a reply's word: `policies.reply`).
# 签到 is also the name of an app's feature (扫码或拍照签到, 拍照签到 · 演练): a check-in only when the
# group is ordered (`_ORDERS_GROUP`: 请, 要, 各, 你们).
_CHECK_IN_VERBS = (_CHECKING_IN, "签到")
_MEDIUM_GAP = 2  # 拍个照打卡: a measure word between the shooting and the check-in
_ACTIVITY = (
    r"转发|朋友圈|点赞|评论|观看|看完|学习|学完|完成|打卡|签到|投票|注册|巡查|巡逻|巡河|夜查|执勤|值班"
    r"|在岗|上班|离岗|加班|外出|出差|抵达|申报|提交成功|(成功|完成)的?(页面|界面)|扫楼|巡检|清理|清扫|消杀|研修|考试|答题|测试|成绩|演习|整治|开工|班前|晨检|疫苗|接种|问卷|打完|做完|入户|走访|家访|活动|会议|开会|参会|参训"
    r"|培训|班会|晨会|例会|现场|检查完|自查|督导|志愿|张贴|积分|直播|收看|收听|到达|步数|打扫|清洁|劳动(?!节|法|者|力|合同)|家务|锻炼|上课|听课|网课"
    r"|finish|complete|done|attend|watch|training|\bcourse\b"
)
_AFTER_DOING = compile_lead(
    r"(" + _ACTIVITY + r")|(现场|工作|打卡|值班|在岗)照"  # a picture of being at work proves itself
)
# A clause of time closed by its localiser, read off the tagger's cut (`_closes_time`): 巡查时,
# 完成后, 培训期间, 巡查完毕 — not 最后 (the last), 随时 (any time), 实时, 小时, 时空, 时间.
_WHEN_DONE = compile_lead(r"时|后|期间|完毕")
_AFTER_GAP = 12  # the clause of time, then the picture: 巡河后请上传巡河轨迹截图
_SHOT_GAP = 8  # the clause of time, then the shot in its scope: 清扫完毕后用执法仪重新拍摄
_NO_EVENT = ("t", "q", "r", "x")  # tags of a time, a measure, a pronoun, no word: 下午后, 这时
_NUMERAL = compile_lead(r"[0-9零一二两三四五六七八九十百千半几]")


def _after_doing(folded: str) -> bool:
    """Does a picture prove a thing done: an activity named (`_AFTER_DOING`), a picture after
    a clause of time in its clause (巡河后请上传巡河轨迹截图, 盘点时请附上货架照片, `_done_before`)
    — not a comma away (跑外勤时偶遇了一只猫，拍了照片发到群里: something met on the way, told) —
    or a picture named by its duty (点赞截图, 走访的照片: `_duty_pictured`)?"""
    return bool(_AFTER_DOING.search(folded)) or _after_time(folded) or _duty_pictured(folded)


_OF = "的"  # 走访的照片: the duty, then the picture it names


def _duty_pictured(folded: str) -> bool:
    """A picture named by the duty it proves: a duty (`_PROVES_ACTIVITY`) right before it, or
    before 的 and it — 点赞截图, 你们走访的照片 (as `named_trace` reads a short message's)."""
    for duty in _PROVES_ACTIVITY.finditer(folded):
        at = duty.end() + (len(_OF) if folded.startswith(_OF, duty.end()) else 0)
        if _MEDIUM_RE.match(folded, at):
            return True
    return False


def _after_time(folded: str) -> bool:
    """Does a picture come after a clause of time in its clause (`_done_before`), or after a
    clause of its sentence that holds one (`_time_clause_before`)?"""
    return any(
        _done_before(folded, m.start(), _AFTER_GAP) or _time_clause_before(folded, m.start())
        for m in _mediums(folded)
    )


def _time_clause_before(folded: str, at: int) -> bool:
    """Is the picture at `at` the shot opening its clause (`_MEDIUM_RE` at the clause's start),
    the clause before it a clause of time (保洁阿姨打扫完公共卫生间后，拍前后对比照发群)? The clause
    right before the picture's, a comma away in its sentence, holds a thing done and its localiser
    (`_WHEN_DONE`: 后, 时, 期间, 完毕 — its own word or glued to its verb, as `_closes_time` reads
    the cut); the picture's clause opens with the shot, a bare order (拍一张, 拍…照): not a shot
    told (拍了照片) or offered (可附上截图), which open with no shot."""
    start = clause_span(folded, at)[0]
    if start < 2 or folded[start - 1] not in "，," or not _WHEN_DONE.search(folded, 0, start):
        return False  # the sentence's first clause, or no localiser before it: nothing to tag
    if folded[start:at].strip():
        return False  # the clause opens with something else than the shot
    words = [w for w in words_at(folded, start - 2) if w[2] != "x"]
    for k in range(len(words)):
        before = _closes_time(words, k)
        if before and _is_event(before[-2:]):
            return True
    return False


def _done_before(folded: str, at: int, gap: int) -> bool:
    """Does a clause of time end at most `gap` characters before `at`, in its clause
    (`_time_done`)?"""
    return _time_done(folded, at, gap) is not None


def _time_done(folded: str, at: int, gap: int, only_acts_in_scope: bool = False) -> str | None:
    """The clause of time ending at most `gap` characters before `at`, in its clause, if any: an
    event (any word but a time, a number or a pronoun, `_is_event`), then the localiser
    (`_WHEN_DONE`) — the event's word and the localiser's; or a conjunction of sequence opening the
    clause (然后), the event the clause before it. With `only_acts_in_scope`, a thing completed
    and the perfective 了 (完成了截个图: not 看了截图), and no second
    act joined between (拒签时注明见证人并拍照: the shot one step of a procedure; 巡查时到岗亭门口
    拍张照 is in the clause's scope)."""
    start, end = clause_span(folded, at)
    if _WHEN_DONE.search(folded, start, end) is None and not (
        only_acts_in_scope and "了" in folded[start:end]
    ):
        return None  # no localiser and no 了 in its clause: no clause of time, nothing to tag
    words = [w for w in words_at(folded, at) if w[0] < at]
    k = len(words) - 1
    while k >= 0 and words[k][0] + len(words[k][1]) > at - gap:
        if words[k][2] == "y" or _CHATTY.fullmatch(words[k][1]):
            return None  # a particle ends a sentence typed without marks: 发货哦亲按拍下…
        before = _closes_time(words, k)
        if before is None and only_acts_in_scope and words[k][2] == "ul" and k > 0:
            done = words[k - 1][1]  # the perfective 了 after a thing completed: 完成了截个图
            if "完" in done:
                return done + words[k][1]
            # or after an act of two characters or more, the shot right after it (巡查了拍照:
            # done, then shoot — not 看了截图, the picture its object)
            act = len(done) > 1 and words[k - 1][2] in ("v", "vn") and words[k][0] + 1 == at
            if k > 1 and words[k - 2][2].startswith("r"):
                return None  # 我巡查了拍照: the doer named, told
            return done + words[k][1] if act else None
        if before is None and k == 0 and words[0][2] == "c" and _WHEN_DONE.search(words[0][1]):
            before = _clause_before(folded, words[0][0])  # 先关注公众号，然后截图发我
        if before is not None:
            return before[-1][1] + words[k][1] if before and _is_event(before[-2:]) else None
        if only_acts_in_scope and words[k][2] == "c":
            return None  # another act joined: 拒签时注明见证人并拍照, one step of a procedure
        k -= 1
    return None


def _clause_before(folded: str, start: int) -> list[tuple[int, str, str]]:
    """The words of the clause before the one starting at `start` (然后 opening a clause: the
    thing done is the clause before it), when it has a verb; none otherwise."""
    if start < 2:
        return []
    words = [w for w in words_at(folded, start - 2) if w[2] != "x"]
    return words if any(flag.startswith("v") for _, _, flag in words) else []


def _closes_time(words: list[tuple[int, str, str]], k: int) -> list[tuple[int, str, str]] | None:
    """When the `k`th word holds the localiser of a clause of time, the words before it: the
    localiser a word of its own (巡查 时), glued to the verb after it (结束 后发: the cut's), after
    a particle (之后, 以后), or ending a noun whose rest is a word of its own (告知 书后: 书 后).
    Not a word that holds it as part of a time, an adverb or a conjunction (最后, 随时, 实时,
    然后, 时间, 小时: 小)."""
    start, word, flag = words[k]
    found = _WHEN_DONE.search(word)
    if found is None:
        return None
    if found.group() == word or (found.start() == 0 and flag.startswith("v")):
        return words[:k]
    if found.end() == len(word) and flag in ("n", "f"):
        rest = [(start, w, f) for w, f in tag_words(word[: found.start()])]
        if flag == "f" and len(rest) == 1 and rest[0][2] in ("u", "p"):
            return words[:k]  # a localiser of two: a particle and 后 (之后, 以后), not 最后, 前后
        if flag == "n" and rest and rest[-1][2].startswith(("n", "v")):
            return words[:k] + rest
    return None


def _is_number(word: str, flag: str) -> bool:
    return flag in ("m", "eng") and bool(_NUMERAL.search(word))


def _is_event(before: list[tuple[int, str, str]]) -> bool:
    """Can the last of `before` (the words before 后/时) close a thing done: not a time, a
    measure, a pronoun, a mark, nor a number or a word counted by one (下午后, 这时, 两天后,
    3点后, 三小时后)?"""
    _, word, flag = before[-1]
    if flag.startswith(_NO_EVENT) or _is_number(word, flag):
        return False
    return not (len(before) > 1 and _is_number(*before[-2][1:]))


# The shot: 拍 and a count or its object (拍照, 拍个照, 拍一张, 拍段视频 — not 拍了: told), 截图,
# 截屏, 录像, 录一段.
_TAKEN = compile_lead(r"截个?图|截屏|录屏|录像|录[个段一]|拍摄|拍[^，,。了的]{0,3}?(照|视频|张)")
# What comes right before a shot, besides a clause of time (`_time_done`), to make it a duty's.
_FIELD_DUTY = compile_lead(
    r"(("
    # an activity and an order to shoot (巡查中请拍摄, 学习…请及时提交截图)
    + _ACTIVITY
    + r")(时|中|后|期间)?"
    + SENTENCE_CHAR
    + r"{0,6}(请|要|记得)"
    + SENTENCE_CHAR
    + r"{0,4}"
    # a thing finished (开完, 点完了)
    + r"|完(?![成善整全美])[\u4e00-\u9fff]{0,2}?(了|后|毕)?[，,]?\s?"
    # those at their post (到岗的, 在岗的): a picture of being there
    + r"|(到岗|在岗|上岗|到场|到达|值班|执勤|巡查|巡逻)的[^，,。]{0,2})$"
)


def _field_duty(folded: str) -> bool:
    """ "巡查时拍照法群里", "完成后截图", "入户走访请拍照", "点完截图": a shot (`_TAKEN`) ordered for
    when a thing is done — in the scope of a clause of time (`_time_done`), the clause's last act
    (`_ends_in_shot`), a proof someone checks (`_checked`) — or after a duty and an order, a
    thing finished, those at their post (`_FIELD_DUTY`)."""
    for shot in _TAKEN.finditer(folded):
        if _FIELD_DUTY.search(folded, 0, shot.start()):
            return True
        done = _time_done(folded, shot.start(), _SHOT_GAP, only_acts_in_scope=True)
        done = done or _ordered_after(folded, shot.start())
        if done and _ends_in_shot(folded, shot) and _checked(folded, shot, done):
            return True
    return False


def _ordered_after(folded: str, at: int) -> str | None:
    """ "入户走访请拍照", "检查请拍照发群", "清扫都要拍照上传": an event (a verb of two characters
    or more: not 新店的营业时间表请拍照, a document; not 亲要拍照哦, a customer called 亲), then an
    order (请, 要, 记得 …), then the shot at `at`, only adverbs between — the event's word, if so."""
    start, end = clause_span(folded, at)
    if _DIRECTIVE_ANYWHERE.search(folded, start, end) is None:
        return None  # no order's word in the clause: nothing to tag
    words = [w for w in words_at(folded, at) if w[0] < at]
    k = len(words) - 1
    while k > 0 and words[k][2] == "d":
        k -= 1  # 都, 也, 及时 …
    if k <= 0 or not _DIRECTIVE.fullmatch(words[k][1]):
        return None
    k -= 1
    while k > 0 and words[k][2] == "d":
        k -= 1  # 清扫都要拍照
    _, event, flag = words[k]  # a verb: not 营业时间表请拍照, a document
    ordered = flag.startswith("v") and len(event) > 1 and not _DIRECTIVE.fullmatch(event)
    if not ordered and k > 0 and _verb_object(words[k - 1], words[k]):
        return words[k - 1][1] + event  # 巡楼记得拍照: a verb cut from its object
    if not ordered and len(event) == 2 and flag.startswith("n"):
        root = tag_words(event[0])  # 盘库请拍照发群: a verb and its object tagged one noun
        ordered = len(root) == 1 and root[0][1] in ("v", "vg", "zg")
    return event if ordered else None


def _verb_object(verb: tuple[int, str, str], noun: tuple[int, str, str]) -> bool:
    """Are two one-character words a verb and its object the cut split (巡 楼, 盘 库, 查 岗): a
    root tagged a verb or a bound verb morpheme (zg, vg), then a noun?"""
    return (
        len(verb[1]) == len(noun[1]) == 1
        and verb[2] in ("v", "vg", "zg")
        and noun[2].startswith("n")
    )


def _checked(folded: str, shot: re.Match[str], done: str) -> bool:
    """Is the shot after a thing `done` a proof someone checks: of a thing completed (完成后截图,
    学完后拍照) or a duty (`_DUTY` in its clause: 巡查时拍照, 入户走访请拍照), handed in, sent or
    posted to the group (`delivered`, `_sent_to_group`, the group named after it: 拍照法群里),
    with a purpose of trace (`_trace`), or what it must show noted right after it
    (拍照（须拍到屏幕和观看人员）)? Not "旅游时记得拍照", "日落时拍照", "大家出游时记得拍照":
    pictures kept."""
    start, end = span_at(folded, shot.start(), PHRASE_MARK)
    after = folded[shot.end() : end]
    if "完" in done or _DUTY.search(folded, start, shot.start()):
        return True
    if "群" in after or after.startswith(_NOTE):
        return True
    return delivered(folded) or _sent_to_group(folded) or _trace(folded) is not None


_NOTE = ("(", "（")  # a note in brackets: what the picture must show


def _ends_in_shot(folded: str, shot: re.Match[str]) -> bool:
    """Is the shot the clause's last act — nothing after it, or only its sending or handing in
    (拍照发群里, 截图上传) or an order — not the topic of what follows (遛狗时拍照很好看,
    吃饭时拍照要注意光线: told, or advice)?"""
    for start, word, flag in words_at(folded, shot.start()):
        if start >= shot.end() and flag == "x" and not word.isalnum():
            break  # a mark: a note in brackets (拍照（须拍到屏幕）), another clause
        if start < shot.end() or not (flag == "v" or flag.startswith("a")):  # not 工作(vn)群
            continue
        if not (_SEND_VERB.match(word) or _DELIVER.search(word) or _DIRECTIVE.fullmatch(word)):
            return False
    return True


# Activities whose photos prove attendance or compliance, whatever else the message names.
_DUTIES = (
    r"转发|朋友圈|点赞|关注|观看|学习|学完|投票|巡\w|夜查|走访|入户|家访|执勤|值班"
    r"|整治|整改|开工|班前|志愿|清理|清扫|消杀|到场|抵达|拜访|出差"
)
# The speaker's own picture (我家孩子的照片, 我的视频): asked to see it, not chasing the members'.
_OWN_PICTURE = compile_lead(r"我(家|的|们家)[^，,。？?]{0,6}(照片|视频|截图|定位)")
_CHASE_PROOF = compile_lead(
    # the picture still owed, either side of it (`_owed`): not sent yet (照片还没发, 没发定位的 —
    # not "我还没发": told) or made up for (补传现场照片, 补发定位 — not "我补发一下", "已补传"), the
    # picture of a duty or a trace, or pressed for (`_chase`: 补传现场照片…完成打卡, 请尽快补发定位 —
    # not a program's 补传照片 button or error)
    r"(?P<owed>(?<!我)(?<!我还)(还没|没有?|未)(发|交|上传|上报|报送)"
    r"|(?P<made_up>(?<![我已])补(?=[\u4e00-\u9fff])))"  # 补 + a verb of sending (`_made_up`)
    r"|(截图|照片|定位|视频)呢[?？]"
    # the duty's picture asked after, typed without a question mark: 今天的巡查照片呢
    + r"|("
    + _DUTIES
    + r")[^，,。！？]{0,3}(照片|定位|视频)呢[!！。.]?$"  # 学习截图呢: a named trace
    # the receiver has not seen it yet: 还没有看到学习截图, 未收到定位
    r"|(还没有?|尚未|未)(看到|收到)[^，,。]{0,6}(截图|照片|定位|视频)"
    # the Youth Study (青年大学习): handed in, only its completion screenshot can be
    r"|(?<![我已])(?<!怎么)(?<!如何)(交|上交|提交)(一下|下)?(本期|这期)?(青年)?大学习"
    r"|大学习[^，,。我已怎如]{0,8}(没有?|未)?(交|提交|上交)(一下|下|了没|了吗|没有?|的|[?？]|$)"
)
# Pressed for: urgency (尽快, 抓紧, 马上), an obligation (务必, 必须, 需) or a clock time's deadline
# (22:00 前, 5点前).
_PRESSED = compile_lead(r"尽快|抓紧|赶紧|马上|立即|及时|务必|必须|需|[0-9点时]\s?前")
# The picture owed, after its marker (没发照片, 补传现场照片) or before it (照片还没发).
_OWED_PICTURE = compile_lead(r"截图|照片|定位|视频")
_OWED_AFTER = _OWED_BEFORE = 4  # characters of the clause between the marker and the picture


_HAND_IN = "交"  # 补交: handed in, the one verb of handing in that is not also one of sending


def _made_up(folded: str, at: int) -> int | None:
    """Where the verb after the 补 ending at `at` ends, when it is a verb of sending or handing in
    — the ones a picture is sent to the group with (`_TO_GROUP`: 补发, 补传, 补报, 补晒) or handed
    in with (`_DELIVER`: 补上传, 补报送; 补交) — not 补充, 补拍, 补课, 补贴: made up for, it is owed."""
    sent = _TO_GROUP.match(folded, at)
    if sent and sent.start("send") == at:
        return sent.end("send")
    handed = _DELIVER.match(folded, at)
    if handed:
        return handed.end()
    return at + len(_HAND_IN) if folded.startswith(_HAND_IN, at) else None


def _owed(folded: str, marker: re.Match[str], end: int | None = None) -> bool:
    """Is a picture owed by `marker` (没发, 补传 …; its verb ending at `end`, if not its own end):
    one after it in its clause, or one before it with no 我 between (照片我还没发: told)?"""
    end = marker.end() if end is None else end
    after = folded[end : end + _OWED_AFTER + 2]
    shot = _OWED_PICTURE.search(after)
    if shot and shot.start() <= _OWED_AFTER and not set(after[: shot.start()]) & set("，,。"):
        return True
    before = folded[max(0, marker.start() - _OWED_BEFORE - 2) : marker.start()]
    last = _last(_OWED_PICTURE.finditer(before))
    if (
        last
        and len(before) - last.end() <= _OWED_BEFORE
        and not set(before[last.end() :]) & set("，,。我")
    ):
        return True
    return folded.startswith(_THOSE, end) and _sent_in_clause_before(folded, marker.start(), end)


_THOSE = "的"  # 没发的: those who have not, the verb's object left out


def _sent_in_clause_before(folded: str, start: int, end: int) -> bool:
    """ "各店的早会视频发一下，没发的扣分": the verb owed (ending at `end`) with its object left out,
    the clause before it holding a picture and the same verb after it — the object it refers to."""
    own = clause_span(folded, start)[0]
    if own < 2:
        return False
    before = folded[clause_span(folded, own - 2)[0] : own]
    shot = _OWED_PICTURE.search(before)
    return bool(shot and folded[end - 1] in before[shot.end() : shot.end() + _OWED_AFTER + 1])


def _chase(folded: str) -> re.Match[str] | None:
    """The chase of the pictures not yet sent, if any (`_CHASE_PROOF`)."""
    for found in _CHASE_PROOF.finditer(folded):
        end = None
        if found.group("made_up"):
            end = _made_up(folded, found.end())
            if end is None:
                continue  # 补充, 补拍: nothing sent or handed in
            if not (proves_activity(folded) or _PRESSED.search(folded)):
                continue  # "请编辑补传照片后再导出": a program's step, no duty's picture made up for
        if found.group("owed") is None or _owed(folded, found, end):
            return found
    return None


# Routine evidence: "每天发三次定位", "每小时发一张照片".
_ROUTINE_PROOF = compile_lead(
    r"(每[^，,。！？\s]{0,2}?(天|日|小时)|定时|按时)[^。！？]{0,10}发[^。！？，,]{0,6}(定位|位置|照片|截图|视频|(工作|现场|打卡)照)"
    r"|每到[^，,。]{0,6}(发|拍)[^，,。]{0,6}(定位|位置|照片|照|视频)"  # 每到一个点发个定位
)
# (Not 原图, s35-pieces: the original file asked of activity photos, 活动照片不少于10张(需原图), is their
# standard as evidence, not a document or a piece of work; it alone set that real demand aside.)
_WORK_PRODUCT = compile_lead(
    r"发票|处方|缴费单|刷卡单|底联|单据|小票|回单|收据|身份证|证件|接种证|病历|报错|界面|合同|扫描件|编号|漏水|推文|报销|入职|入库|登记要用|报给物业|找物业|联系物业|供应商|(?<!拜访)(?<!走访)(?<!到)(?<!家)客户(?!处|单位|家|门店|店)|高清|太糊|模糊"
    r"|(?<!施)工单|维修|报修|剪好|剪辑|设计稿|初稿|提提?意见|导航|接你|接送|会合|见面|坏了|报价|勘查|理赔|行驶证|驾驶证|保单|排班表|课表|值班表|报表|名单|纪要|清单|明细"
    r"|(盖章|签(?!到))[^，,。]{0,2}拍照(?![^，,。]{0,3}群)"  # the signed paper is the document, unless shown to the group
    # the finished piece photographed (把完成的练习卷拍照; 写完拍照发群 is `_written`'s): the work,
    # not a trace of it
    r"|(完成|做完|做好|写完|写好)的[^，,。]{0,8}(拍照|拍)"
    # the photo handed in as the answers (s37-product2: 完成后拍照提交答案): the answer sheet
    # photographed is the work read or graded, not a trace of a duty (LABELS: the homework
    # photographed is the work product) — the shot before 提交答案, not after it (提交答案后截图发群:
    # the quiz taken, its screenshot the trace). Not 卷 (试卷, 练习卷) alone: it is in names (卷卷通)
    # and in lines 完成的 already decides
    r"|拍照提交答案"
)
# A verb of writing and its result (写完, 写好, 抄完, 填好, 写满), then the paper photographed (拍, not
# a screenshot: 问卷填完截个图 shows a form done online) at most `_WRITTEN_GAP` characters on, no 的
# and no mark between (`_written`): what was written is the work (文章写好之后拍照上传).
_WRITING = compile_lead(r"写|抄|填")
_SNAPPED = "拍"
_WRITTEN_GAP = 3
_RESULT_TAGS = ("v", "a")  # the result cut as its own word: 写 完(v), 写 好(a)
_GLUED_RESULT_TAGS = ("a",)  # or glued to the verb (填好), an adjective alone: not 填写, 填报
# A payment's screenshot is its voucher (LABELS: an invoice photo is the work product).
# One shape, either order: the money (one slot for paying, topping up, receiving) and its picture
# (one slot), the picture after the money in its clause (付款后截图, 充值成功的截图) or before it in its
# sentence (拍照发到群里，再点击确认收款; 上传截图并且点我已充值), at most `_VOUCHER_GAP` characters apart.
# The money: a word in 款 (付款, 收款, 汇款, 打款 — not 一款, 这款, 同款: a count or a kind of goods),
# 支付, 转账, 充值, 缴费, 到账.
PAYMENT = compile_lead(
    r"(?![一二两三四五六七八九十几这那哪每同新爆])[\u4e00-\u9fff]款|支付|转账|充值|缴费|到账"
)
# One of these is in every match of `PAYMENT`: a text without them names no money.
_PAYMENT_WORDS = ("款", "支付", "转账", "充值", "缴费", "到账")
_VOUCHER_SHOT = compile_lead(r"凭证")  # the voucher named, or a picture (`_pictures`)
_VOUCHER_GAP = 12
_PROVES_ACTIVITY = compile_lead(_DUTIES + r"|打卡|签到|完后")
_DIRECTIVE = compile_lead(
    r"请|(?<!不)要|务必|必须|需|须|记得|一律|统一|按时|每|抓紧|尽快|please|must"
    # "录一段视频…", "拍下发群": a verb and a count order it — 下 the count of 一下, not the
    # directional complement 下来 (s38-togroup): 拍下来 is the shot kept, no count, and a bare
    # 拍下来发群里 orders no more than 截图发群里 does (拍下来发群里“有瓜速来”, 拍下来发群里共同鉴赏: quiz
    # options, a sight shared)
    r"|^\s*(拍|录|截|发)(一|个|张|段|下(?!来)|几)"
)
# Where a word `_DIRECTIVE` matches whole can stand in a text: its words, with no look-behind
# and no start of text (a word is matched alone) — looked for before a clause is tagged.
_DIRECTIVE_ANYWHERE = compile_lead(_DIRECTIVE.pattern.replace("(?<!不)", "").replace(r"^\s*", ""))
_FORWARD_PROOF = compile_lead(
    r"(转发|朋友圈|分享到|转到|转至|转了|转完|转好)" + SENTENCE_CHAR + r"{0,24}?(截图|截屏|截个图)"
)
# A title quoted (转发“母亲节…免费送”活动微信): one object, however long its words.
_TITLE = re.compile(r"“[^“”]{1,60}”")
_TITLED = "“名”"
# A picture handed in (上传, 报送 …, not shown) to the group, a bare order opening its clause:
# 拍照上传到群组, 照片报送工作群 — not an option offered (可打印使用或拍照上传至工作群).
_OPENING = re.compile(r"[，,。！？!?；;：:\s]")
_HANDED_GROUP = compile_lead(r"(到|至)?[^，,。！？]{0,4}群")
_HANDED_GAP = 4  # 拍照统一上传到群组


def handed_to_group(folded: str) -> bool:
    """ "拍照上传到群组", "照片报送工作群": a picture handed in (`_DELIVER`) to the group, a bare
    order opening its clause."""
    for verb in _DELIVER.finditer(folded) if "群" in folded else ():
        if not _HANDED_GROUP.match(folded, verb.end()):
            continue
        opening = max((m.end() for m in _OPENING.finditer(folded, 0, verb.start())), default=0)
        medium = _MEDIUM_RE.match(folded, opening)
        if medium and medium.end() <= verb.start() <= medium.end() + _HANDED_GAP:
            return True
    return False


# The speaker going on with the picture sent: 我会继续判断, 我会继续帮你整理.
_GOES_ON = compile_lead(r"我会继续[\u4e00-\u9fff]")
# A picture shared to talk or laugh about, not to prove: posted with its caption (截屏发群:"这要是
# 我早几年就投了"), or for the readers to look at together (…发班级群，看看谁…, 提醒大家注意).
SHARED = compile_lead(
    r"群[\u4e00-\u9fff]?\s?[:：]\s?[“\"「『]"  # the medium is in the message already
    + r"|(让|给)大家(看|瞧)|大家(一起)?(看看|瞧瞧|分析|讨论)|一起(分析|讨论|研究|看看)"
    # the readers put to use, named as the purpose: any verb that makes them do something with it
    # (提醒大家注意, 看看谁跟你一样, 让大家一起猜, 帮其他人了解这场局), after the picture —
    # `_for_the_readers` reads the verb — the readers are everyone (大家), anyone (谁) or the
    # others (其他人, 别人) — not a stand-in doing the duty (让别人代拍)
    + r"|(?P<readers>大家|谁|其他人|别人|他人)(?!代)"
    # for the fun of it: the readers wished a good time, the speaker not going (我就不去了) — or
    # there only by the pictures (我云爬山: `_virtually`)
    + r"|玩得(开心|愉快|尽兴)|我[^。！？]{0,16}?不(去|来|参加)了"
    # a keepsake (留个纪念, 留作纪念, 留念) or pictures chosen for their looks (好看的照片, 美照): kept
    # and shown for the pleasure of them, not for what they prove (s30-proofp)
    + r"|留(个|作|下)?纪念|(作|做)纪念|留念"
    + r"|(好看|漂亮|美美|精彩|有趣|搞笑)的[^，,。！？]{0,4}(照片|视频|图片|截图)|美照|靓照|美图"
)
# 云 as an adverb of manner: done by pictures and streams only (云旅游, 云爬山, 云看展).
_VIRTUAL = "云"
SENT_REPORT = compile_lead(
    r"发[^，,。]{0,4}群(里|内|中)?了|说(要|让|得|必须)|(会|将)上传|我[^，,。]{0,6}(拍了|截了|截图的时候|发给|已经|发的)|我[^，,。]{0,4}(都|已)?(传|发|上传|拍)[^，,。]{0,8}了|(已|已经)(上传|传到|发到|回传|报送|发给|拍照|拍了)"
    # a picture named by what was done with it ("用户上传的学习截图", "我发的照片"), not ordered
    r"|(?<!转)(发|上传|提交|截)的[^，,。]{0,4}(照片|截图|视频|定位|图片)"
    # the sending told by its aspect (s35-proofrec): a send verb, its complement of place and a
    # perfective or experiential marker, a group after it in its clause ("周姐把会议自拍发到了会员群",
    # "照片被发到了粉丝群聊里", "截图都传到过群里") — what was done, not what is asked; an order has
    # no aspect on its send (拍照发到群里); the aspect markers are a closed class, both kept
    r"|(发|传)(到|在|进|至)(了|过)[^，,。！？!?]{0,8}群"
)


# A quota: sheets (张) of pictures counted — the count first (拍3张现场照片) or the picture first
# (照片2-3张, 活动照片（不少于3张）) — a noun in 片 (照片, 相片, 图片), a shot (截图) or a photo of a
# kind (现场照) — and owed (`quota`), in its sentence: by each member or unit (每人, 各村) or with a
# minimum (至少, 不少于) before it or inside it, handed in (报 with 上报 and 报送, 提交) after it, or by
# a deadline (今晚前, 15时前). A count of pictures owed by no one is a form's field, a
# spec, a contest's rule (商品图片1-3张, 楼栋外观照片1-3张).
_COUNT = r"(\d+|[一二两三四五六七八九十]+)"
_PICTURE_NOUN = r"[\u4e00-\u9fff]片"
_PICTURES_COUNTED = compile_lead(
    _COUNT
    + r"\s?张[^。！？，,]{0,6}("
    + _PICTURE_NOUN
    + r"|视频|截图|(对比|现场|工作|集体|活动|打卡)照)|("
    + _PICTURE_NOUN
    + r"|视频|截图|合影)[^。！？，,]{0,6}[(（]?"
    + _COUNT
    + r"(-\d+)?\s?张"
)
_SHEET = "张"  # the measure word every match of `_PICTURES_COUNTED` holds
_QUOTA_HEAD = compile_lead(
    r"每人|每位|每个|每班|每组|每村|每户|各|(?P<minimum>至少|不少于)|(?P<handed>上?报送?|提交)"
)
# A count of one: "至少一张" sets no number beyond the picture itself — a minimum of one is an
# upload's check (必须上传…图片，至少上传一张照片), no quota; each member's one (每人一张) still is.
# One by its value, however it is written (1, 一: `_value`).


def quota(folded: str) -> re.Match[str] | None:
    """The pictures counted (`_PICTURES_COUNTED`) that someone owes, if any — in their sentence:
    a head before them or inside them (每人, 各…, 不少于), handing in after them, or a
    deadline."""
    if _SHEET not in folded:
        return None  # both of its shapes count sheets: no 张, no search (one alternative starts
        # with any character, `_PICTURE_NOUN`: the engine would try it at every position)
    for counted in _PICTURES_COUNTED.finditer(folded):
        start, end = span_at(folded, counted.start())
        # 至少一张: the picture asked at all, no number of them — a minimum no head
        head = _head(folded, start, counted.end(), minimum=not _counts_one(counted))
        if head or deadline(folded, start, end):
            return counted
        after = _head(folded, counted.end(), end, handed=True)
        if after:
            return counted
    return None


def _counts_one(counted: re.Match[str]) -> bool:
    """Do the pictures counted (`_PICTURES_COUNTED`) number one sheet (一张照片, 照片1张)?"""
    counts = re.findall(_COUNT, counted.group())
    return len(counts) == 1 and _value(counts[0]) == 1


def _value(count: str) -> float | None:
    """What a count of `_COUNT` numbers: its digits, or a Chinese numeral of one character by the
    Unicode database (一 1, 两 2, 十 10); None for a numeral of several characters (十二)."""
    if count.isdecimal():  # what \d matches
        return int(count)
    return unicodedata.numeric(count, None) if len(count) == 1 else None


def _head(
    folded: str, start: int, end: int, handed: bool = False, minimum: bool = True
) -> re.Match[str] | None:
    """The first quota head (`_QUOTA_HEAD`; with `handed`, of handing in only; without
    `minimum`, not 至少, 不少于) in `folded[start:end]`; 报 handing in only as a verb of its own
    (报, 上报, 报送 — not the 报 of 海报, 通报)."""
    for head in _QUOTA_HEAD.finditer(folded, start, end):
        if head.group("minimum") and not minimum:
            continue
        if head.group("handed") is None:
            if not handed:
                return head
        elif _is_verb_at(folded, head.start()):
            return head
    return None


# A photo of what the members are doing right now ("现在拍一张你们正在工作的照片", "发个视频看看
# 你们在干什么").
_RIGHT_NOW = compile_lead(
    r"(拍|录)[^。！？]{0,6}(你们|大家|各位|自己)[^。！？]{0,4}(正在|现在|此刻|在岗|工作中|上班)"
    r"|(拍|录|发)[^。！？]{0,8}(看看|看下|看一下)(你们|大家|各位)[^。！？]{0,3}(在|正在)(干|做|忙)(什么|啥|嘛)"
    r"|(现在|马上|立即|立刻)(拍|录)[^。！？]{0,6}(你们|大家|各位)"
)
# The moment now, said by a time adverb (现在, 此刻, 此时) or by the progressive asked (在做什么,
# 正在干啥): what the readers are doing right now (`right_now`).
_NOW = compile_lead(r"现在|此刻|此时|正?在(干|做|忙)(什么|啥|嘛)")
_NOW_BEFORE = 30  # 现在是北京时间下午8:04,孩子们在家都在做什么?发张原生态的照片
_IN_SAYING = re.compile(r"[^。！!\n]*")  # one saying: a question mark may fall between


# In English, a picture posted on a task done (s37-proofrec): the imperative of sending opening its
# sentence or its clause, or after please (pls) — not we will post, I'll post: the speaker's own —
# with a picture (`_MEDIUM_RE`) its object, and the addressee's task done its condition: after the
# task named, its doer or its verb maybe before it (after you finish the training, after the clear,
# after the 5S cleanup) — not once done or after each step (a helper's check: no task named), after
# the repair is merged (a thing's state), nor a payment (upload your payment screenshot after
# completing the UPI payment: the voucher). A picture posted to the group, chat or thread named is
# `_sent_to_group`'s (in the group after you finish the course): read there alone.
_POSTED_EN = compile_lead(r"(?:^|[.!?:;,\n]|\bpl(?:ea)?se?\b)\s*(?:post|send)\s")
_OBJECT_EN = 40  # the verb, then its picture: post a photo of your workstation
_TASK_DONE_EN = compile_lead(r"\bafter\s+(?:[\w']+\s+){0,3}?the\s+(?!(?:[\w-]+\s+){0,2}?is\b)")
_MONEY_EN = compile_lead(r"\bpayments?\b")


def task_posted_en(folded: str) -> bool:
    """ "Please post a screenshot in this channel after you finish the training", "post a
    screenshot after the clear": a picture posted on the order, the addressee's task done its
    condition."""
    if "after" not in folded or _TASK_DONE_EN.search(folded) is None:
        return False  # most texts have none: no search
    if _MONEY_EN.search(folded) or _LATIN_PLACE.search(folded):
        return False  # a group, a chat, a thread named: `_sent_to_group` reads it
    for verb in _POSTED_EN.finditer(folded):
        end = span_at(folded, verb.end())[1]
        if any(
            verb.end() <= m.start() <= min(end, verb.end() + _OBJECT_EN) for m in _mediums(folded)
        ):
            return True
    return False


# In English, the completion itself the picture's content (s38-proofrec): a picture (`_MEDIUM_RE`)
# of the addressee's completion — a screenshot of your completion, your completion badge, your
# completion proof — named as what must be shot (submit a screenshot of your completion/final chapter;
# take a clear screenshot of your completion and submit it; once you have completed them, send a
# screenshot of your completion proof): the task done is what the picture proves, as 完成截图 names
# it. Not a screenshot of my completion (the speaker's own) nor of a completion rate or time told
# without the addressee (the completion of the job: a thing's state).
_COMPLETION_SHOT_EN = compile_lead(r"\s+of\s+your\s+completion\b")


def completion_shot_en(folded: str) -> bool:
    """ "Submit a screenshot of your completion/final chapter": a picture of the addressee's
    completion (`_COMPLETION_SHOT_EN` right after the picture)."""
    if "completion" not in folded:
        return False  # most texts name none: no search
    return any(_COMPLETION_SHOT_EN.match(folded, m.end()) for m in _mediums(folded))


# In English, a rule that obliges its doer to post a screenshot of the outcome (s38-proofrec): must, the
# verb of posting (post, send), then a screenshot — the screen's own record of what was done on it: a
# result, a score, a leaderboard, tests passing — of the thing named after it (of …): the winning
# captain must post a screenshot of the result on discord; in order for a pr to merge you must post a
# screenshot of the acc tests passing; one player must post a screenshot of the final leaderboard. The
# outcome is proved by its record, as a norm laid on a doer (各单位须…拍照报送) is in Chinese. A photo
# obliged is a thing's picture — a pet's face for a refund, an identity document, the waves of a post, a
# delivery's — material for a claim or a post, not read here; a payment's screenshot is its voucher.
_OBLIGED_SHOT_EN = compile_lead(r"\bmust\s+(?:post|send)\s+(?:a|the)\s+screenshots?\s+of\b")


def obliged_shot_en(folded: str) -> bool:
    """ "The winning captain must post a screenshot of the result on discord": a screenshot of
    the outcome posted under an obligation (`_OBLIGED_SHOT_EN`), no payment named."""
    if "must" not in folded or _MONEY_EN.search(folded):
        return False  # most texts oblige no one: no search
    return _OBLIGED_SHOT_EN.search(folded) is not None


def right_now(folded: str) -> bool:
    """A picture of what the members are doing right now (`_RIGHT_NOW`), or the moment now
    (`_NOW`) and, at most `_NOW_BEFORE` characters on, a picture (`_pictures`: what they are
    doing, not where they are) the group addressed is to send (`delivered`): "各位家长，现在…
    孩子们在做什么？发张照片"."""
    if _RIGHT_NOW.search(folded):
        return True
    if not (GROUP_ADDRESSEE.search(folded) and delivered(folded)):
        return False
    for now in _NOW.finditer(folded):
        pictures = _pictures(folded, now.end(), now.end() + _NOW_BEFORE + 4)
        medium = pictures[0] if pictures else None
        if (
            medium
            and medium.start() - now.end() <= _NOW_BEFORE
            and _IN_SAYING.fullmatch(folded, now.end(), medium.start())
        ):
            return True
    return False


# The members' location, asked of the whole group ("各位把定位发一下", "请大家开启位置共享"): where
# each one is, a trace of being there. A place's address (位置) is not asked of every member.
_GROUP_LOCATION = compile_lead(
    r"(大家|各位|全体|所有人|全员|每人|每位|各[^，,。的]{1,4}|[生师事员部]们)[^。！？，,]{0,4}?(把|将)"
    r"[^。！？，,]{0,4}?(定位|实时位置)[^。！？，,]{0,2}(发|共享|分享)"
)
# The members' location shared on an order (请…开启位置共享, 请…发个定位), the order given for a duty
# or an arrival (入户走访时, 巡逻过程中, 到达现场后 — what `_AFTER_DOING` finds), or turning on a
# live tracking (请务必开启实时位置共享): a trace of being there. A meet-up's "到了在群里发定位"
# gives no order and names no duty. In English the imperative is the order, and the duty or the
# arrival is needed the same way: share your live location here when you arrive (not: when you
# get home, during this activity).
_SHARE_LOCATION = compile_lead(
    r"(请|务必|必须|一律|都要)[^。！？，,]{0,16}?(开启?|打开|共享|发)[^。！？，,]{0,4}?(实时)?(位置|定位)"
    r"|\bshare (your )?(live )?location\b"
)
# One's live location (实时定位, 实时位置), the object of a send (`delivered`), on an order (请, 务必 …):
# a trace of being there (上下班请发实时定位, 请各网格员现在发一下实时位置) — not a meet-up's 到了发个定位, a
# shop's address (门店位置发一下): a place not live, or sent on no order.
_LIVE = "实时"


def _located(folded: str) -> bool:
    """Is one's live location sent on an order (`_LIVE`'s note)? The pictures are blanked first:
    the place must be what is sent (上下班请发实时定位+自拍)."""
    if _LIVE not in folded or not _DIRECTIVE.search(folded):
        return False
    return delivered(_MEDIUM_RE.sub(_only_places, folded))


def _only_places(medium: re.Match[str]) -> str:
    """A medium kept if it is a place (定位, 位置), blanked (its length kept) if it is a picture."""
    return medium.group() if "位" in medium.group() else "　" * len(medium.group())


# Turned on and left on (开启位置共享, 打开实时位置): the members tracked, not a place told.
_TRACKED = compile_lead(r"(开启?|打开)(实时)?(位置共享|共享位置|实时位置)")
# An arrival in English (到达, 抵达 are `_ACTIVITY`'s): when you arrive on site — not at home.
_ARRIVAL = compile_lead(r"\barriv\w*\b(?!\s+(at\s+)?home)")
# A question word inside an order asks nothing ("拍一张正在干什么的照片", "看看你们在干啥").
_EMBEDDED_QUESTION = compile_lead(
    r"(看看|看下|看一下|瞧瞧)[^，,。？?]{0,10}?(什么|啥|嘛)|(什么|啥)的"
)


# A picture posted to the group is a trace when it proves something — a thing done (an activity,
# 后/完/时/前 before the medium), being somewhere (a selfie, a site photo), a deadline met — or
# when the group is ordered to post it (请/要/每…, 各/大家/们). "把截图发到群里，说明情况",
# "找到…并截图发群里", "用手机拍照发送到微信群" have neither: a picture shared to talk about. A
# location alone proves nothing: "到了在群里发定位" is a meet-up (`_SHARE_LOCATION` ties it to a duty).
_PROVES_SOMETHING = compile_lead(
    r"("
    + _ACTIVITY
    + r")|自拍|水印|(现场|工作|集体|打卡)照"
    + r"|\bby (today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|\d{1,2}\s?(am|pm|:))"
)
# The group ordered: an order's word (`_DIRECTIVE`), 各 (各拍一张) or the readers addressed (你们) —
# and, searched beside it where it is read (`_weaker_shape`), the whole group named
# (`guards.WHOLE_GROUP`: 大家, 全体, the members by their plural) — not the speaker's side or others
# (给我们发来…照片, 他们拍的照片: told).
_ORDERS_GROUP = compile_lead(_DIRECTIVE.pattern + r"|各|你们")
# A thing finished (完), then the picture (`_MEDIUM_RE`, the one class of pictures) at most
# `_DONE_GAP` characters on in its sentence: 巡查完拍照, 巡完楼影张相. A thing done before 后/时
# is read by the clause-of-time reader (`_after_time`): 完成后截图, not 尾随其后，继续将偷拍照片….
_DONE = compile_lead(r"完")
_DONE_GAP = 12
_IN_SENTENCE = re.compile(SENTENCE_CHAR + "*")


def _proves_something(folded: str) -> bool:
    """Does the picture posted prove something (`_PROVES_SOMETHING`, a deadline), or come after
    a thing finished (`_after_done`) or done (`_after_time`)?"""
    return bool(
        _PROVES_SOMETHING.search(folded)
        or deadline(folded)
        or _after_done(folded)
        or _after_time(folded)
    )


def _after_done(folded: str) -> re.Match[str] | None:
    """The 完 of a thing finished that a picture (`_MEDIUM_RE`) follows at most
    `_DONE_GAP` characters on, in its sentence (完成后拍照, 巡完楼影张相), if any."""
    for done in _DONE.finditer(folded):
        medium = _MEDIUM_RE.search(folded, done.end())
        if (
            medium
            and medium.start() - done.end() <= _DONE_GAP
            and _IN_SENTENCE.fullmatch(folded, done.end(), medium.start())
            and "了" not in folded[done.end() : medium.start()].lstrip("了")
        ):
            return done  # not 打扫完走廊后，拍了照片发到群里: the shot told (做完了拍照: done)
    return None


# A picture posted to one's own feed — any sending verb (发, 发送至, 转发到, 晒, 分享), the group maybe
# named as the other choice (拍照发群里/朋友圈安利) — (截图发朋友圈, 照片发送至朋友圈): shown to friends, a win, a
# result, a prize's condition — not handed to the group. `shares_to_feed` keeps the demands that
# remain once it is set aside (…转发朋友圈并截图发群) and the feed posts that prove a duty (学习后).
_TO_FEED = compile_lead(
    _MEDIUM + SENTENCE_CHAR + r"{0,8}?(发|晒|分享)[\u4e00-\u9fff/]{0,4}?朋友圈", groups=False
)  # tested, replaced by a literal, its match read whole
# A duty a picture can prove, besides the check-in it may itself be (打卡, 签到).
_DUTY = compile_lead(_DUTIES + r"|上班|下班|上岗|在岗|离岗|加班")
# A friendly reminder of one's own routine, from an app or a friend: a particle of chat (哦, 啦,
# 呀, ~) or a timer's "…时间到了" (晚饭时间到了，记得拍照打卡～), given to no member (no 大家, 们),
# with no order (请, 每天, 务必) and no duty the picture would prove — with 记得, 别忘了 or neither.
_CHATTY = compile_lead(r"[哦喔噢啦呀哟呦~]|时间到(了|啦)")
_ORDER = compile_lead(
    r"请|务必|必须|一律|要求|需|须|每天|每日|每人|按时|尽快|抓紧|之前|前[,，]"
)  # and a norm (`_only_then`): 照片 + 回复「打卡」才算完成
_ONLY_THEN = "才"


# A sight: a place to photograph, a visit for pleasure — 网红, 景点, 好去处, going there (来/去打卡),
# a keepsake (留念, 美好回忆). A photo spot (拍照打卡点) is no check-in at all: the check-in modifies
# the noun (`checks_in`).
_SIGHTSEEING = compile_lead(
    r"网红|景点|景区|好去处|游客|旅游|旅行|攻略|留念|美好(记忆|回忆)|(来|去)打卡"
)


# Shapes that carry their own structure (a count, the moment, a check-in, a forward, a routine, a
# chase): the model's veto is for the weaker ones, where a medium and a verb may only be sharing.
STRUCTURED_SHAPES = frozenset(
    (
        "proof:chase",
        "proof:check-in",
        "proof:forward-screenshot",
        "proof:location",
        "proof:routine",
        "proof:quota",
        "proof:right-now",
    )
)


def proof_request_cue(folded: str) -> str | None:
    """The cue name when `folded` demands photos/screenshots/location as evidence (留痕).

    As for replies, the message-wide guards run only once a proof shape was found.
    """
    if not _MEDIUM_HINT.search(folded):
        return None
    if not (_mediums(folded) or quota(folded) or _chase(folded)):
        return None  # 活动图片1-3张, 交青年大学习了吗: a quota, a chase name their pictures
    quoted = neutralize_quotes(folded)
    name = _proof_shape(quoted)
    # "亲，关注后截图给我", "小王，巡查完…", "报错就截图发群里": one person, or help with a problem
    if name is None or _one_or_trouble(folded) or is_narrated(folded):
        return None
    if is_payment_voucher(folded) or (name not in STRUCTURED_SHAPES and is_shared(folded)):
        return None
    # 晒单…上传3张以上的图片，审核通过即可获得1个赠币: a promotion's rule; 项目目的：用户拍照上传美食照片…:
    # a spec's field says what a program is for
    if is_paid_for(folded) or purpose_labelled(folded):
        return None
    # "…现场照片发给我，我会继续判断": a helper's next step on one user's picture; "用户上传巡查照片后立即
    # 返回，后台压缩处理": a product's user, told; "发现破损请拍照留存，并…联系客服": a defect's evidence
    # for a claim
    if name not in STRUCTURED_SHAPES and (
        serves_one(folded) or yours_shown(folded) or kept_for_claim(quoted)
    ):
        return None
    # "用户上传巡查照片后…": a product's user; "用户让我截图发到…": asked of me, told;
    if app_user(quoted) or asked_of_speaker(quoted) or _shared_with_kin(folded, name):
        return None  # 拍下来发家族群: shared with kin
    if reminds_one(quoted) or shares_to_feed(quoted):  # 记得拍照打卡哦, 截图发朋友圈
        return None
    if NOT_DEMAND.search(quoted) or SENT_REPORT.search(quoted) or is_predicted(quoted):
        return None
    if unordered(quoted) or forced(quoted):
        return None  # 不准随意截图…, 可能被截图转发, 合影发群（选做）, 发现…拍照发群里, 不会强制…发照片
    if name == "proof:after-activity" and form_prompt(quoted):
        return None  # "请上传现场照片", "请上传打卡照片": a form asks its one user for a field
    return None if _a_procedure(name, quoted) else name


def _a_procedure(name: str, quoted: str) -> bool:
    """Is the picture a step of a workflow, a feature or a tool rather than a trace ordered?"""
    # "每一步都截图留痕": a screen's record kept by the one at it, sent to no one
    if name in _KEPT_SHAPES and kept_screenshot(quoted):
        return True
    if name in _KEPT_SHAPES and moves_on(quoted):
        return True  # "完成后上传照片进入下一阶段": the workflow moves on to its next stage
    # "安装完成后上传照片，进入待验收状态", "支持…现场照片上传、手动录入", "选择相册，然后上传照片" — a
    # step awaiting a check asked of the readers or said to the group stays an order (请大家巡查后拍照
    # 上传，待审核; 各位网格员…拍照上传，等待审核: s37-proofprec)
    awaits = awaits_check(quoted) and not (asks_readers(quoted) or addresses_many(quoted))
    return name in _DONE_SHAPES and (
        awaits
        or listed_upload(quoted)
        or stepped_upload(quoted)
        or read_by_program(quoted)
        or shot_once_loaded(quoted)
    )


# The shapes that read a picture as the trace of a thing done, from the thing done alone (no group,
# no quota, no moment): what a workflow's step or a feature's list can look like (s31-afteract).
_DONE_SHAPES = frozenset(("proof:after-activity", "proof:field-duty-photo"))
_KEPT_SHAPES = _DONE_SHAPES | {"proof:trace"}
# A step of a workflow (s31-afteract): after the picture, in its sentence, the verb of waiting 待 (a
# word of its own, tagged v: not 有待, 期待, 待遇) and then a verb — someone's check the upload waits
# for, the state the order moves to (安装完成后上传照片，进入待验收状态; 须上传任务完成截图，待平台审核
# 通过后激活相应的额度): a program's or a platform's process told to its one user, not a trace asked of
# a group. So does 等待, the same verb of two characters (…完成后上传照片或视频，等待发布者确认; 物业完成清障并
# 上传照片，等待复检确认; 操作完成之后截图上传，等待卖家确认…: s37-proofprec's second batch).
_WAIT = "待"
_WAITS = (_WAIT, "等待")  # the verb of waiting, a word of its own: its last character is 待


def awaits_check(folded: str) -> bool:
    """Does a verb of waiting (`_WAIT`) and a verb after it follow a picture in its sentence?"""
    if _WAIT not in folded:
        return False  # no waiting anywhere: nothing to tag
    for medium in _pictures(folded):
        end = span_at(folded, medium.start())[1]
        at = folded.find(_WAIT, medium.end(), end)
        while at >= 0:
            words = words_at(folded, at)
            for k, (start, word, flag) in enumerate(words):
                if (
                    word in _WAITS
                    and start + len(word) == at + 1
                    and flag == "v"
                    and any(f == "v" for _, _, f in words[k + 1 :])
                ):
                    return True  # 待 or 等待 a word of its own, a verb after it: 待平台审核
            at = folded.find(_WAIT, at + 1, end)
    return False


# A workflow moving on (s36-proofprec), as a step awaiting a check (`awaits_check`) does: after the
# picture, in its sentence, a verb of moving into (进入, 转入, 进到 — the class whole) and the next (下一,
# 下个) — the next stage, node or step of a process (完成后上传照片进入下一阶段; 每个节点验证通过后截图留存，
# 再进入下一节点): a program's or a procedure's steps told to the one working through them, not a
# trace asked of a group.
_NEXT_STAGE = compile_lead(r"(进入|转入|进到)下[一个]")


def moves_on(folded: str) -> bool:
    """Does a move into the next stage (`_NEXT_STAGE`) follow a picture in its sentence?"""
    if "下" not in folded:
        return False  # no next anywhere: nothing to read
    for medium in _pictures(folded):
        end = span_at(folded, medium.start())[1]
        if _NEXT_STAGE.search(folded, medium.end(), end):
            return True
    return False


# A picture handed to a program (s39-proofprec): after the picture, in its sentence, a program — AI, 系统,
# a model (模型, 大模型), an algorithm (算法): the class of the machines that read a picture — opens a
# clause of its own — a word of its own, not 系统管理员 — and a verb follows it in that clause (a verb, or
# a manner and a verb the tagger cut whole as a noun: 自动识别) (穿上后拍照上传，AI 打分并给出专业改进建议; 完成后
# 拍照上传，系统将扫描勾选痕迹生成成长报告; 扫码或拍照上传，系统将自动识别塑料种类并累计积分; 上传照片，AI 分析
# 性格…): the program is the doer of what comes of the picture — recognising, grading, scanning it — so
# the picture is the input of a tool, told to its one user, not a trace asked of a group. Not the
# program as the upload's goal (拍照打卡上传系统, 照片会上传到系统存储: no clause opened by it), nor a
# clause opened by it with no verb (…截图系统，请及时提交截图), nor a group named, the many addressed or
# a duty named (各网格员巡查后拍照上传，系统自动统计; 巡查后拍照上传，系统识别隐患: an order that says what
# the system does with the trace).
_PROGRAM = compile_lead(r"(?<![a-z])ai(?![a-z])|系统|模型|算法")
_VERB_TAGS = ("v", "vn")


def read_by_program(folded: str) -> bool:
    """Does a program (`_PROGRAM`) open a clause after a picture (`_pictures`), in its sentence, a
    verb after it in that clause, when no group is named, the many are not addressed and no duty
    (`_DUTY`: 巡查, 走访 …) is named?"""
    if _for_the_group(folded) or _DUTY.search(folded):
        return False
    for medium in _pictures(folded):
        end = span_at(folded, medium.start())[1]
        for program in _PROGRAM.finditer(folded, medium.end(), end):
            start = clause_span(folded, program.start())[0]
            if start <= medium.start() or folded[start : program.start()].strip():
                continue  # in the picture's clause, or not opening its own
            words = words_at(folded, program.start())
            own = any(
                at == program.start() and len(w) == len(program.group()) for at, w, _ in words
            )
            if own and any(at >= program.end() and _verbal(w, tag) for at, w, tag in words):
                return True  # the program a word of its own (not 系统管理员), a verb after it
    return False


def _verbal(word: str, tag: str) -> bool:
    """Is a word a verb (`_VERB_TAGS`) — or a noun the tagger made of a manner and a verb, its last
    two characters a verb of their own (自动识别, 智能分析: cut whole and tagged n)?"""
    if tag in _VERB_TAGS:
        return True
    if not tag.startswith("n") or len(word) <= 2:
        return False
    head = tag_words(word[-2:])
    return len(head) == 1 and head[0][1] in _VERB_TAGS


# A screen shot once a program's content is on it (s39-proofprec): every picture a shot right after the
# clause of time of a program's loading or rendering — 加载, 渲染 (the content a program brings onto a
# screen), 完成 optionally, then 后 (字体加载完成后截图; 等待页面加载完成后截图; 在主线程创建 WebView 加载
# HTML，等待渲染完成后截图; 二维码加载完成后截图上传): the event the shot waits for is a program's, not a
# duty someone did, so the shot is a renderer's, a test's or a script's step — a screen's state —
# not a trace of the readers' work. Not when a group is named or the many addressed (请各位等待页面加载
# 完成后截图发群: asked of them). 加载出来后截图 (one real line) is left.
_LOADED_SHOT = compile_lead(r"(加载|渲染)(完成)?后$")
_LOADED_GAP = 8  # the clause of time right before the shot: 加载完成后


def shot_once_loaded(folded: str) -> bool:
    """Is every picture (`_mediums`) a shot right after a program's loading or rendering
    (`_LOADED_SHOT`), when no group is named and the many are not addressed?"""
    if _for_the_group(folded):
        return False
    mediums = _mediums(folded)
    return bool(mediums) and all(
        _LOADED_SHOT.search(folded, max(0, m.start() - _LOADED_GAP), m.start()) for m in mediums
    )


# A picture's upload named as one item of a list of features (s31-afteract): the picture and the
# verb of handing in glued (现场照片上传, 拍照上传), the item joined to others by the list's mark 、 or a
# conjunction (tagged c) — right after the verb (现场照片上传、手动录入; 拍照上传和地理定位), or right before
# the picture's phrase when the item before it is an act (a verb ends it: 批量导入、现场照片上传; 生成描述
# 和现场照片上传) — in a message that orders nothing and addresses no one: a feature described (支持,
# 含…), not an order. Not 签到表和现场照片上传至工作群: sent to a group named (an order's goal), and the
# conjunction joins two nouns, the objects of one upload (the item before it is no act).
_LIST_MARK = "、"
_GROUP_NAMED = "群"  # 签到表和现场照片上传至工作群: sent to the group, an order's goal


def _for_the_group(folded: str) -> bool:
    """Does `folded` name the group (`_GROUP_NAMED`) or address the many (`addresses_many`)? — the
    test before a picture may be read as one user's (a program's input, a step, one's own)."""
    return _GROUP_NAMED in folded or addresses_many(folded)


_JOINS = ("c",)  # the tag of a conjunction: 和, 及, 并
_UPLOAD_ITEM = compile_lead(r"(照片|图片|截图|视频|拍照)(上传|回传|上报)")
_ACT = ("v", "vn")


def listed_upload(folded: str) -> bool:
    """Is a picture's upload (`_UPLOAD_ITEM`) an item of a list of acts, in a message that orders
    nothing (`_DIRECTIVE_ANYWHERE`, `IMPERATIVE`) and addresses no one (`GROUP_ADDRESSEE`)?"""
    for item in _UPLOAD_ITEM.finditer(folded):  # a picture glued to its upload: rare, then tagged
        words = words_at(folded, item.start())
        after = next((w for w in words if w[0] == item.end()), None)
        if after and (after[1] == _LIST_MARK or after[2] in _JOINS):
            return _orders_nothing(folded)
        k = next((k for k, w in enumerate(words) if w[0] <= item.start() < w[0] + len(w[1])), None)
        while k is not None and k > 0 and words[k - 1][2].startswith("n"):
            k -= 1  # the picture's attributes: 现场照片
        if k is None or k < 2:
            continue
        joined = words[k - 1][1] == _LIST_MARK or words[k - 1][2] in _JOINS
        if joined and words[k - 2][2] in _ACT:
            return _orders_nothing(folded)
    return False


# A tool's next step (s36-proofprec): a picture uploaded (上传 and the bare picture noun right after it:
# 上传照片, 上传图片 — what is uploaded named by its kind only) right after the conjunction of sequence
# 然后 (选择目标相册，然后上传照片; 重启 Codex，然后上传照片并输入：) in a message that addresses no
# group and names none. The pictures are material handed to a program (a frame, a photo editor),
# chosen from what one has: not shot after the step, so no trace of it. A shot after the step (然后截图
# 发我, 然后拍照上传) is the step's trace, and 请大家先…，然后上传照片 or …上传到群里 ask a group. 先…后
# 上传照片 (先保存商品后上传照片) is one real line: left.
_UPLOADED = compile_lead(r"上传(照片|图片|相片|视频|图像)")
_THEN = "然后"


def stepped_upload(folded: str) -> bool:
    """Is every picture (`_mediums`) a bare picture uploaded (`_UPLOADED`) as a step of sequence
    (然后 right before it), when no group is addressed or named?"""
    uploads = list(_UPLOADED.finditer(folded))
    if not uploads or _for_the_group(folded):
        return False
    covered = [(u.start(), u.end()) for u in uploads]
    if not all(any(a <= m.start() < b for a, b in covered) for m in _mediums(folded)):
        return False  # a picture of another kind (拍照, 截图, 现场照片): shot, or named by what it shows
    for upload in uploads:
        start = clause_span(folded, upload.start())[0]
        if not folded[start : upload.start()].rstrip().endswith(_THEN):
            return False
    return True


# A screen's record kept (s36-proofprec): every picture a screenshot (截图, 截屏) with the word of keeping
# right after it (截图留痕, 截图留存, 截图存档 …) — a tester's or a program's own record of each step
# (每一步都截图留痕; 使用 Playwright 执行 E2E；每步截图留痕; 每个节点验证通过后截图留存), sent to no one
# (`delivered`), no group named, no reader asked (`guards.asks_readers`: 请, 你们, 大家, 各…). A shot
# kept (拍照留痕: a duty's trace in the field) and a screenshot sent or asked of readers
# (请各位截图留痕, 截图留存后发群) stay demands. A photo kept (完工后拍照留档, 拍照存档, 拍照留存痕迹: one
# real line for each word of keeping) is left.
_KEPT_SHOT = compile_lead(r"(截图|截屏|截个图|截张图)(留痕|留存|留底|存档|留档|存证|归档|保存)")


def kept_screenshot(folded: str) -> bool:
    """Is every picture a screenshot kept (`_KEPT_SHOT`), sent to no one and asked of no reader?"""
    kept = [k.start() for k in _KEPT_SHOT.finditer(folded)]
    if not kept or not all(m.start() in kept for m in _mediums(folded)):
        return False
    return not (_GROUP_NAMED in folded or asks_readers(folded) or delivered(folded))


def _orders_nothing(folded: str) -> bool:
    """Does `folded` give no order (`_DIRECTIVE_ANYWHERE`, `guards.asks_readers`), address no
    one and name no group a picture would go to?"""
    return not (
        _GROUP_NAMED in folded or _DIRECTIVE_ANYWHERE.search(folded) or asks_readers(folded)
    )


# A share proved (s35-review): a share or a forward (分享, 转发), then its screenshot in the same sentence
# (分享到朋友圈并截图, 分享后截图), then in that sentence the screenshot sent — 发, the verb of sending
# (发给我, 发给客服, 发送到现场群) — the forward-and-screenshot of LABELS.md, a trace of the share, whoever
# it is asked of: said to one 您 (希望您将以下海报分享到朋友圈并截图发给我; …走心地评论并截图，然后把截图
# 发给客服平台小助手，他会加您进听课群) it is the same trace, a condition of entry or of points. Not 关注后
# 截图给我 (a follow, no share), 分享到朋友圈并截图即可 (nothing sent), nor help with a problem (`TROUBLE`:
# 转发失败就截图发给我). An upload of a feed's screenshot named as a form's step (上传朋友圈截图) is one real
# line: left.
_SHARE_SHOT = compile_lead(r"(转发|分享)" + SENTENCE_CHAR + r"{0,30}?(截图|截屏|截个图)")


def share_proved(folded: str) -> bool:
    """Is a share's screenshot (`_SHARE_SHOT`) sent (`_SEND_VERB`: 发, not 发现) after it in its
    sentence, when no problem is told (`TROUBLE`)?"""
    if TROUBLE.search(folded):
        return False
    for shot in _SHARE_SHOT.finditer(folded):
        end = span_at(folded, shot.start())[1]
        if _SEND_VERB.search(folded, shot.end(), end):
            return True
    return False


def _one_or_trouble(folded: str) -> bool:
    """Is the message said to one person — addressed (您, 亲: `guards.addresses_one`) or named at
    its head (`named_listener`) — or about help with a problem (`guards.TROUBLE`: 报错就截图)? Not
    when what it asks is a share proved by its screenshot sent (`share_proved`): a trace, asked of
    one or of many."""
    one = addresses_one(folded) or named_listener(folded) or TROUBLE.search(folded)
    return bool(one) and not share_proved(folded)


def named_listener(folded: str) -> str | None:
    """The one person a message speaks to, named at its head and set off by a comma (小王，巡查完拍照
    发群里; 张三，该吃早餐了，拍个照发群里: `policies.signature.heading`), if it names no many (大家,
    各位, 们 …): a name by the signature grammar's person (surname and given name, 小/老 + surname,
    surname + title) that the tagger does not read as one word of another kind (周五, 凌晨, 毕竟: a
    time, an adverb — a name is cut in two, 小 王, or tagged one, nr: 王老师)."""
    if addresses_many(folded):
        return None
    head = heading(folded)
    if head is None or not names_person(head):
        return None
    words = tag_words(head)
    return head if len(words) > 1 or words[0][1].startswith(_NAME_TAG) else None


_NAME_TAG = "nr"  # a person's name, as the tagger's dictionary has it (王老师)


# A form's prompt: the picture named by its kind — where or what for it is taken (现场, 完成)
# glued to the medium, and the words of its name before it (任务完成截图, 到达现场照片: the name's
# attributes, inside the upload's object; a duty among them, 入户走访现场照片, names its trace) —
# the object of an upload ordered (上传, 提交 before it:
# not 已上传, not 上传的 — a picture named by what was done with it is `SENT_REPORT`'s), named once,
# with no one addressed, sent to no one (发 …) and to no group, by no day or deadline, and nothing
# done named besides its name: a form field asks its one user for its content (请上传现场照片,
# 请上传任务完成截图, 请上传到达现场照片; the check-in's kind too, s36-proofprec: 请上传打卡照片, 点击上传
# 打卡照片, 请上传至少一张打卡截图 — the kind is the field's label, not a duty named besides it). A thing done named outside the name (学习完截图上传, 会议现场拍照报送, 到达现场后请
# 上传现场照片, 值日打卡，并上传现场照片), the readers (大家, 网格员们), a send (打卡照片发给组长), a day
# (今天请上传现场照片) or the picture named again (…打卡截图，没截图的不算时长: a rule on those without
# one) make it a trace asked of people.
_UPLOAD_OF_KIND = compile_lead(
    r"(?<!已)(?<!已经)(?:上传|提交)(?!的)"
    r"(?P<name>[^，,。；;！!？?\n]{0,6}?(?P<kind>现场|完成|打卡)(?P<medium>照片|图片|截图|照|图))"
)


def form_prompt(folded: str) -> re.Match[str] | None:
    """The upload of a kind of picture that makes `folded` a form's prompt (`_UPLOAD_OF_KIND`), if
    it is one: only the picture's name (its kind and the words before it) says what it is of,
    named once, uploaded to no one, and no reader is addressed."""
    upload = _UPLOAD_OF_KIND.search(folded)
    if upload is None or "群" in folded or len(_MEDIUM_RE.findall(folded)) > 1:
        return None
    if _SEND_VERB.search(folded) or _SENT_OVER.search(folded) or WHOLE_GROUP.search(folded):
        return None
    if day_or_deadline(folded):
        return None  # a day or a deadline set: a task given to people, not a field
    # the picture's whole name, the upload's object, is the field's label: its kind and the
    # words before it (任务完成截图, 到达现场照片) say what it is of — nothing done besides it
    bare = folded[: upload.start("name")] + upload.group("medium") + folded[upload.end() :]
    if _AFTER_DOING.search(bare) or _FIELD_DUTY.search(bare) or _trace(bare) or _after_done(bare):
        return None  # a thing done (or finished: 整改完…照片) is named besides the picture's name
    if _done_before(bare, upload.start("name"), _AFTER_GAP):
        return None  # a clause of time before the upload (上岗后请上传…): the thing done named
    if _PROVES_ACTIVITY.search(folded, upload.start("name"), upload.start("kind")):
        return None  # a duty names it (入户走访现场照片, 整改完成照片): its trace, not a field's
    return upload


def is_predicted(folded: str) -> re.Match[str] | None:
    """ "农户会转发、会截图发群里": every picture of the message is one someone will take (会 +
    verb), told, not ordered; "巡查完拍照发群里，我会截图汇总" still orders its 拍照."""
    match = predicts(folded)
    if match is None or _MEDIUM_RE.search(PREDICTED.sub("", folded)):
        return None
    return match


# A picture the message orders no reader to take or send (s30-proofp, issue 11): every picture of
# it is said in a mood other than the order's, read in the picture's own clause —
# banned (不准随意截图, 不得…转发、截图留存, 禁止将客户照片发到群里): a verb that negates or bans
#   (`_bans`: 不 heading a verb or a modal — 不准, 不得, 不能 —, or 禁, 勿 ending one: 严禁,
#   禁止, 请勿; not 禁毒) governs the verb phrase the picture is in, a few characters on (`_BAN_SCOPE`): only
#   adverbs, the object's words and verbs listed with the picture's (抄写、转发、截图) between —
#   not a clause of its own the ban is in (不能参加的同志请拍照说明: a verb of its own, 的 before a
#   noun), a reminder (不能忘了拍照: 忘, its own verb), a quota or a deadline (不得少于3张, 不得迟于
#   18点: 少于, 迟于, verbs of comparing);
# suffered (可能被截图转发到群里): 被 right before the picture — someone else's shot, the passive; or
#   the picture the passive's subject, sent (s33-proofprec: 视频被发到群里, 照片被人发到…群里, 私密照片被传到聊天群):
#   right after it 被, an agent of a few characters at most and a verb of sending (`_SEND`) — a
#   picture that was posted, told (a news story, a game's event, a scenario), not one the readers owe;
# optional (合影发群（选做）, 吃完拍照（可选，…）): a note in brackets makes it a choice (选);
# offered (有好看的照片可以发群里, 可以拍照发群里): 可 / 可以 on the picture's verb, in a message that
#   orders nothing, sets no day, names no duty the picture proves and no thing done before it —
#   each makes 可以 a soft order (今晚前可以补传, 各位可以把巡查照片发群里, 义诊结束后大家可以拍照发群);
# found (发现楼道堆放杂物拍照发群里, 巡查时发现问题拍照发群里): a clause of finding (发现 + what is
#   found) just before the picture — it shows a thing found, for someone to act on: information,
#   not a trace of the readers' duty; unless a trace purpose is named (发现问题拍照留痕) or the
#   picture has its own clause of time (发现问题要拍照，整改后再拍一张: the fix is proved);
# told (刚巡查完，拍了几张照片发群里, 现场照片已发群): the picture's own verb in the perfect, in a phrase that
#   asks nothing (`IMPERATIVE`) — a shot taken (`_SHOT_TAKEN`: 拍, 截, 录 and 了 before the picture, its
#   count and modifiers between: 拍了一张豆豆睡觉的照片), or the picture, then 已 or 已经 and a verb of
#   sending (`_SENT_ALREADY`, `_SEND`'s: 照片已发群, 截图已经上传) — not a picture that heads a relative
#   clause (拍了照片的发群里: those who took one, asked);
# contingent (如果还是一样，请拍照发群里, 若…报无法加载…，请截图发群里 — s38-togroup): the phrase before the
#   picture's opens with a conjunction and tells an event, the picture its consequence (`_contingent`):
#   help asked with what went wrong, as a thing found is shown; unless a trace purpose is named.
_NEGATION = "不"  # heading a verb or a modal the tagger cuts whole: 不准, 不得, 不能
_BANNING = (
    "禁",
    "勿",
)  # ending a verb or an adverb that bans: 严禁, 请勿, 切勿 — or before 止: 禁止
_MODALS = "准许得能可"  # after 不 in an adverb the tagger cuts whole (不许): a ban, not a manner
_ONLY = "只仅"  # 只, 仅仅 between the ban and the picture: only the picture banned (不能只拍照)
_STOPPED = "止"  # 禁止: the ban and its complement; 禁毒, 禁烧, 勿忘 hold their object, not a ban
# the tags of a ban's word (不准, 严禁: v; 切勿: d) — not 不要 (df), which `guards.NOT_DEMAND` reads
# before a picture, as it reads 别 and 请勿
_BANS_AS = ("v", "d")
# What a ban governs between it and the picture: adverbs (随意, 重复), prepositions (把, 将), the
# object's nouns, pronouns, numbers and measures, a verbal noun (巡查照片), its owner's 的 right
# before the picture, marks and conjunctions of a list (、, 或) — and a verb only when listed or
# before a noun of the object (禁毒宣传活动照片).
_GOVERNED = ("d", "p", "r", "a", "m", "q", "x", "c", "vn")
_LISTED = ("、", "或", "和", "及")
_OWNER = "uj"  # 孩子的照片: the picture's owner, right before it
_BAN_SCOPE = 10  # the ban, then the picture in its verb phrase: 不得重复抄写、转发、截图留存
_BAN_WORD = 3  # a ban's word is this long at most (不允许): where its morpheme is looked for
_PASSIVE = compile_lead(r"被(人|别人|他人|对方)?$")
_PASSIVE_SENT = compile_lead(r"被[^，,。！？!?；;\s]{0,3}?" + _SEND)  # 照片被(人)发到…
_BY = "被"  # the passive's mark, every match of `_PASSIVE_SENT` opens with it
_OPTIONAL = compile_lead(r"[(（][^)）]{0,4}?选(?![送出取择])")
_MAY = compile_lead(r"(?<![认许不宁])可以?(?![能爱是惜见观怕靠选])")
_MAY_GAP = 4  # 可以拍照发群里, 照片可以发群里: the modal and the picture, either side
_SHOT_TAKEN = compile_lead(r"[拍截录][摄下]?了[^，,。！？!?；;]{0,10}$")
_SENT_ALREADY = compile_lead(r"[^，,。！？!?；;]{0,2}?已经?" + _SEND)
_RELATIVE = "的"  # 拍了照片的: the picture's clause a relative one, those who did it
_FOUND = compile_lead(r"(?<![没未])发现")
_FOUND_GAP = 14  # 发现楼道堆放杂物拍照: what is found, then the picture


def unordered(folded: str) -> str | None:
    """The mood every picture of `folded` is said in when none is ordered (banned, suffered,
    optional, offered, found — the note above), the first one's name; None when a picture is
    ordered or there is none."""
    moods = []
    for medium in _mediums(folded):
        mood = _mood(folded, medium)
        if mood is None:
            return None  # this picture is ordered: the rest need not be read
        moods.append(mood)
    if not moods:
        return None
    if ("found" in moods or "contingent" in moods) and _trace(folded):
        return None  # 发现问题拍照留痕: the trace named
    return moods[0]


def _mood(folded: str, medium: re.Match[str]) -> str | None:
    """The mood of the picture `medium` when it is not ordered (`unordered`), else None."""
    start, end = span_at(folded, medium.start(), PHRASE_MARK)
    if _banned(folded, medium.start()):
        return "banned"
    if _PASSIVE.search(folded, start, medium.start()) or _sent_passive(folded, medium):
        return "suffered"
    sentence_start, sentence_end = span_at(folded, medium.start())
    if _OPTIONAL.search(folded, sentence_start, sentence_end + 1):
        return "optional"
    if _offered(folded, medium, start, end):
        return "offered"
    if _told(folded, medium, start, end):
        return "told"
    if _contingent(folded, start):
        return "contingent"
    return "found" if _found_before(folded, medium, sentence_start) else None


def _sent_passive(folded: str, medium: re.Match[str]) -> bool:
    """Is the picture `medium` — or the picture right after it that its shot takes (偷拍视频: 拍,
    then 视频, one act) — the subject of a passive of sending (`_PASSIVE_SENT`: 视频被发到群里)?"""
    if _BY not in folded:
        return False  # no passive anywhere: nothing to read
    taken = _MEDIUM_RE.match(folded, medium.end())
    return _PASSIVE_SENT.match(folded, taken.end() if taken else medium.end()) is not None


def _told(folded: str, medium: re.Match[str], start: int, end: int) -> bool:
    """Is the picture `medium` (its phrase from `start` to `end`) told in the perfect: a shot
    taken before it (`_SHOT_TAKEN`) or a sending done after it (`_SENT_ALREADY`), in a phrase
    that asks nothing, the picture heading no relative clause?"""
    if folded.startswith(_RELATIVE, medium.end()) or IMPERATIVE.search(folded, start, end):
        return False
    return bool(
        _SHOT_TAKEN.search(folded, start, medium.start())
        or _SENT_ALREADY.match(folded, medium.end(), end)
    )


def _banned(folded: str, at: int) -> bool:
    """Does a ban (`_bans`) govern the picture at `at`: the words back from it to the ban, at
    most `_BAN_SCOPE` characters, all of its verb phrase (`_GOVERNED`, a verb only when listed)?"""
    near = folded[max(0, at - _BAN_SCOPE - _BAN_WORD) : at]
    if _NEGATION not in near and not any(mark in near for mark in _BANNING):
        return False  # no negation and no ban near enough: nothing to tag
    words = [word for word in words_at(folded, at) if word[0] < at]
    for k in range(len(words) - 1, -1, -1):
        position, word, flag = words[k]
        if at - position - len(word) > _BAN_SCOPE:
            return False
        if _bans(word, flag):
            return True
        if word[0] in _ONLY and flag.startswith("d"):
            return False  # 不能只拍照发群: only the picture banned, so the picture presupposed
        after = words[k + 1] if k + 1 < len(words) else None
        # the picture's own verb right before it (发照片, 转发截图), a verb listed with it
        # (抄写、转发、截图) or before a noun of the object (禁毒宣传活动照片: its attribute)
        joined = after is None or (
            after[1] in _LISTED or after[2].startswith("n") or after[2] == "vn"
        )
        owner = flag == _OWNER and after is None
        if not (flag.startswith("n") or flag in _GOVERNED or owner or (flag == "v" and joined)):
            return False  # a verb of its own, a clause's 的: the ban is on something else
    return False


def _bans(word: str, flag: str) -> bool:
    """Is `word` (tagged `flag`) a verb or an adverb that negates or bans: 不 heading a verb or a
    modal of two characters or more (不准, 不得, 不能), or 禁, 勿 ending it (严禁, 请勿, 切勿; 禁止
    with its complement) — not 禁毒, 勿忘 (the ban's object in the word)?"""
    if flag not in _BANS_AS:
        return False
    if word[0] == _NEGATION and len(word) > 1:
        # 不准, 不得 (v); 不许 (d): 不 and a modal — not 不断, 不定期, adverbs of manner and time
        return flag != "d" or word[1] in _MODALS
    stem = word.removesuffix(_STOPPED)
    if not stem.endswith(_BANNING):
        return False
    # 门禁 (a door's access control, tagged v): a noun before 禁 is what is controlled, no one banned
    # (s38-proofprec: 完成门禁反锁并拍照留存 read as a ban on the photo) — 严禁, 请勿, 切勿 open on an
    # adverb or a verb
    head = tag_words(stem[:-1]) if len(stem) > 1 else []
    return not (head and head[0][1].startswith("n"))


def _offered(folded: str, medium: re.Match[str], start: int, end: int) -> bool:
    """可 / 可以 on the picture's verb, a few characters either side of it in its clause, in a
    message that orders nothing (`IMPERATIVE`, `_ORDER`) and sets no day or deadline."""
    near = any(
        0 <= medium.start() - may.end() <= _MAY_GAP or 0 <= may.start() - medium.end() <= _MAY_GAP
        for may in _MAY.finditer(folded, start, end)
    )
    return near and not (
        IMPERATIVE.search(folded)
        or _ORDER.search(folded)
        or day_or_deadline(folded)
        or _PROVES_ACTIVITY.search(folded)  # 各位可以把巡查照片发群里: the duty's picture, asked
        or _after_done(folded)  # 义诊结束后大家可以拍照发群: a thing done before it, its trace
        or _after_time(folded)
    )


# A picture asked in case of an event (s38-togroup): the phrase right before the picture's, a comma
# away in its sentence, opens with a conjunction (the tagger's c: 如果, 若, 要是 …) and tells an event
# — no order's word in it (`_DIRECTIVE`: 若需加急…, a procedure chosen, then ordered), no duty or
# thing done (`_AFTER_DOING`), no clause of time (`_WHEN_DONE`: 如果…完成后) — and the picture's
# phrase is its consequence: 如果还是一样，请拍照发群里; 若 lark-cli 报无法加载 .ps1，请截图发群里 — what
# went wrong shown to the group for help, not a duty's trace (as a thing found is: `_found_before`).
# Not a picture's phrase opening with a conjunction itself (然后截图发我: a step in sequence), not a
# message that names a duty or a thing done (`_PROVES_ACTIVITY`, `_proves_something`: 如果下雨，巡查
# 完拍照发群) or speaks to the whole group (如有…，请大家拍照发群: `addresses_many`).
_CONJUNCTION = "c"


def _contingent(folded: str, start: int) -> bool:
    """Is the picture's phrase (from `start`) the consequence of a condition telling an event, the
    phrase right before it in its sentence (the note above)?"""
    if start < 2 or folded[start - 1] not in "，,":
        return False  # the sentence's first phrase: no condition before it
    condition = folded[span_at(folded, start - 2, PHRASE_MARK)[0] : start - 1]
    opening = condition.lstrip()  # its first word, once tagged, starts at its first non-space
    if not opening.startswith(words_opening(_CONJUNCTION).get(opening[:1], ())):
        return False  # no conjunction's word opens the phrase: nothing to tag
    words = [word for word in tag_words(condition) if word[0].strip()]
    if not words or words[0][1] != _CONJUNCTION:
        return False  # the phrase before opens with no conjunction: nothing to read
    phrase = tag_words(folded[start : span_at(folded, start, PHRASE_MARK)[1]])
    if phrase and phrase[0][1] == _CONJUNCTION:
        return False  # 然后截图发我: the picture a step in sequence
    event = condition[condition.find(words[0][0]) + len(words[0][0]) :]
    if _DIRECTIVE_ANYWHERE.search(event) or _AFTER_DOING.search(event) or _WHEN_DONE.search(event):
        return False  # 若需加急, 如果巡查完成后: a procedure chosen, a duty, a time
    return not (
        _PROVES_ACTIVITY.search(folded) or _proves_something(folded) or addresses_many(folded)
    )


def _found_before(folded: str, medium: re.Match[str], sentence_start: int) -> bool:
    """A clause of finding (发现 …) ending at most `_FOUND_GAP` characters before the picture, in
    its sentence, with at most one clause mark between — and no clause of time of the picture's
    own between them (`_done_before`: 整改后再拍一张)."""
    found = _last(_FOUND.finditer(folded, sentence_start, medium.start()))
    if found is None or medium.start() - found.end() > _FOUND_GAP:
        return False
    between = folded[found.end() : medium.start()]
    return len(PHRASE_MARK.findall(between)) <= 1 and not _done_before(
        folded,
        medium.start(),
        len(between),  # its own, after the finding: not 巡查时发现…
    )


# A found thing's picture carried to a claim (s38-proofprec): the picture after a clause of finding
# (`_found_before`: 发现破损, 发现可疑信号) and, after it in its sentence, a verb of contacting a party
# (`_CLAIM`: 联系, 联络 — not the nouns 联系人, 联系方式, 联系电话 — or 报警) — 如签收时发现破损，请拍照留存
# 并在48小时内联系客服; 发现破损或缺失请拍照留存，并在24小时内联系客服提交照片; 若任一环节发现可疑信号，请拍照
# 留存证据，并联系前台/房东或报警处理. A shop, a platform or a safety app tells its one reader to keep the
# evidence of a defect or a danger and take it to the party who answers for it (客服, 供应商, 房东, the
# police): a claim, not a trace of a duty done that the group is asked to show. A trace named with the
# finding (发现问题拍照留痕) stays a demand (`unordered`): no party is contacted there; so does a finding
# on a duty's round (巡查发现隐患请拍照留痕，并联系物业整改: `_DUTY`), a picture for the group (…拍照发群里
# 留痕，并联系业主: 群) or one asked of the many (各位网格员发现隐患请拍照留痕，及时联系社区) — the picture
# there still shows the round was made.
_CLAIM = compile_lead(r"联[系络](?![人方电])|报警")


def kept_for_claim(folded: str) -> bool:
    """Is a picture found (`_found_before`) followed in its sentence by a contact (`_CLAIM`), in
    a message that names no duty (`_DUTY`) and no group, nor addresses the many?"""
    if "发现" not in folded or _for_the_group(folded) or _DUTY.search(folded):
        return False  # no finding, or a group's picture, the many asked or a duty's round
    for medium in _mediums(folded):
        start, end = span_at(folded, medium.start())
        if _CLAIM.search(folded, medium.end(), end) and _found_before(folded, medium, start):
            return True
    return False


def is_sightseeing(folded: str) -> bool:
    """ "网红餐厅…是打卡拍照的好去处", "欢迎…来打卡拍照": a check-in at a sight — a place to
    photograph, visited for the pleasure of it — when no order (请, 每天, 务必) and no duty
    (巡查, 上班 …) makes the picture a trace. Only the check-in shape is set aside: a sight's
    photo still ordered to the group ("大家…拍照发群") keeps its own shape."""
    return bool(_SIGHTSEEING.search(folded)) and not (_orders(folded) or _DUTY.search(folded))


# A check-in judged (s32-proofp): what a place, a room or a route is good for — the check-in the
# object of a verb of fitness, the word right before its shot (适合拍照打卡, 每个角落都适合拍照打卡,
# 值得拍照打卡), or the subject of a judgement, a degree adverb the word right after it (拍照打卡很方便,
# 拍照打卡很好看, 拍照打卡超赞) — in a message that orders nothing and names no duty (as
# `is_sightseeing`): a description or a review, no trace asked. Not 请大家拍照打卡，非常感谢 (ordered;
# 非常 opens a clause of its own), 每天拍照打卡超过3次 (超过 a verb, no degree adverb).
# The verbs of fitness are the class whole, not the words lines showed (s35-review: s34-review had trimmed
# them to 适合 and 值得, which made 此处宜拍照打卡 a demand): 适合, 适宜, 适于, 宜 (a word of its own to the
# tagger: 此处宜拍照打卡) and the modal 值得 — what a place is fit or worth for. Not 推荐 or 建议: a speaker's
# advice aimed at readers (推荐大家拍照打卡), no judgement of the place. The degree adverbs are the closed class (程度副词), not the words lines happened to
# show (很 decides 5, 超 3): a judgement is one whichever of them grades it (拍照打卡特别美 is no order);
# the lead kept the class when s34-review trimmed it to 很 and 超, which made 拍照打卡非常出片 a demand.
_FIT_FOR = ("适合", "适宜", "适于", "宜", "值得")
_DEGREE = ("很", "挺", "蛮", "太", "真", "真的", "特别", "非常", "十分", "超级", "超")


def is_judged(folded: str) -> bool:
    """ "适合拍照打卡", "拍照打卡很方便": every check-in by picture (`checks_in`'s) the object of a
    verb of fitness (`_FIT_FOR`) or the subject of a degree adverb (`_DEGREE`), in a message
    that orders nothing (`_orders`) and names no duty (`_DUTY`)."""
    at = folded.find(_CHECKING_IN)
    judged = False
    while at >= 0:
        pictures = _pictures(folded, max(0, at - 8), at) if _shot_before(folded, at) else []
        if pictures:
            if not (_fit_for(folded, pictures[-1].start()) or _degree_after(folded, at)):
                return False  # a check-in not judged: it may be asked
            judged = True
        at = folded.find(_CHECKING_IN, at + 1)
    return judged and not (_orders(folded) or _duty_not_judged(folded))


# 适合发朋友圈: the verb of fitness (two characters) and at most two more before the duty it judges
_FIT_REACH = 4


def _duty_not_judged(folded: str) -> bool:
    """Is a duty (`_DUTY`) named that no verb of fitness (`_FIT_FOR`) judges — not 适合发朋友圈, what
    a place is good for (a review: 拍照打卡很好看，适合发朋友圈), the duty judged as the check-in is?"""
    for duty in _DUTY.finditer(folded):
        before = folded[max(0, duty.start() - _FIT_REACH) : duty.start()]
        if not any(fit in before for fit in _FIT_FOR):
            return True
    return False


def _fit_for(folded: str, shot: int) -> bool:
    """Is the word right before the shot at `shot`, in its clause, a verb of fitness (适合)?"""
    if not folded.endswith(_FIT_FOR, 0, shot):
        return False  # no such verb's characters before it: nothing to tag
    before = [w for w in words_at(folded, shot) if w[0] < shot]
    return bool(before) and before[-1][1] in _FIT_FOR and before[-1][0] + len(before[-1][1]) == shot


def _degree_after(folded: str, at: int) -> bool:
    """Is the word right after the check-in at `at` (打卡), in its clause, a degree adverb (很, 特别, 超),
    alone or glued to its adjective (超酷)?"""
    end = at + len(_CHECKING_IN)
    if not folded.startswith(_DEGREE, end):
        return False  # no degree adverb's characters after it: nothing to tag
    after = next((w for w in words_at(folded, at) if w[0] >= end), None)
    if after is None or after[0] != end:
        return False
    # the adverb a word of its own (很, 超), or glued by the dictionary to the adjective it grades
    # (超酷: an adjective, where 超过 and 超出 are verbs)
    return after[1] in _DEGREE or after[2].startswith(_ADJECTIVE)


_ADJECTIVE = "a"  # the tag of an adjective (a, ad, an …) by its first letter


def _orders(folded: str) -> bool:
    """An order (请, 务必, 每天 …) or a norm: 才 (only then) before the verb of what counts
    (截图打卡才作数, 照片 + 回复才算完成, 拍到人脸才有效, 才能通过) — not 刚才, 人才, 我才发现
    (a person's own "only just"), 他的才能很突出 (a talent, described)."""
    if _ORDER.search(folded):
        return True
    at = folded.find(_ONLY_THEN)
    while at >= 0:
        start, tagged = tag_clause(folded, at)
        position, before = start, ("", "x")
        for k, (word, flag) in enumerate(tagged):
            if position == at and word in (_ONLY_THEN, _ONLY_THEN + "能"):
                after = tagged[k + 1][1] if k + 1 < len(tagged) else "x"
                # 才 its own word (not 刚才, 人才), the adverb; 才能 glued: only then can, before
                # what counts — or a talent, described (很: zg, 突出)
                norm = flag == "d" if word == _ONLY_THEN else after[0] not in "xdaz"
                if norm and not before[1].startswith("r"):
                    return True
                break
            if position > at:
                break
            position, before = position + len(word), (word, flag)
        at = folded.find(_ONLY_THEN, at + 1)
    return False


def shares_to_feed(folded: str) -> re.Match[str] | None:
    """ "如果你赢了，记得截图发朋友圈！": the picture goes to one's own feed — its match, when with it
    set aside no demand is left and no duty is proved ("学习后截图发朋友圈" stays a trace)."""
    found = _TO_FEED.search(folded) if "朋友圈" in folded else None
    if found is None or _PROVES_ACTIVITY.search(_TO_FEED.sub("〔晒〕", folded)):
        return None
    # the feed kept, the picture dropped: "…发朋友圈，并截图回传" still has its forward's screenshot
    return found if _proof_shape(_TO_FEED.sub("发朋友圈", folded)) is None else None


def reminds_one(folded: str) -> re.Match[str] | None:
    """ "小美，午餐时间到啦~ 记得拍张照片发群里哦": a chatty reminder of one's own routine (a meal,
    the day's tasks) — its particle of chat (`_CHATTY`) — to no member, with no order and no duty
    the picture proves. Chat, not a word of memory, makes it one: 别忘了拍照打卡哦, 拍张照打卡呀~."""
    found = _CHATTY.search(folded)
    if found is None:
        return None
    if addresses_many(folded):
        return None  # the members addressed (大家, 家长们): a notice, however friendly
    if _orders(folded) or _DUTY.search(folded):
        return None
    return found


# One reader's own shown (s36-proofprec): the picture owned by the singular you (你的…截图, 你家的…照片:
# 把你的微信运动步数截图发出来, 把你的APP使用时长排行榜截图发出来) in a message that orders nothing
# (`_DIRECTIVE_ANYWHERE`: 请, 要, 须, 每, 记得 …; `guards.IMPERATIVE`), names no group and addresses none:
# a challenge to show one's own, to compare or to share, not a trace asked of members (你们的…照片 is
# the members'). 请你…并反馈你的截图 orders: it stays.
_YOUR_PICTURE = compile_lead(r"你(的|家的?)[^，,。？?！!]{0,12}(截图|截屏|照片|视频|定位)")


def yours_shown(folded: str) -> bool:
    """Is a picture the singular you's (`_YOUR_PICTURE`), in a message with no order, no group
    named and no group addressed?"""
    if _YOUR_PICTURE.search(folded) is None:
        return False
    if _for_the_group(folded):
        return False
    return not (_DIRECTIVE_ANYWHERE.search(folded) or IMPERATIVE.search(folded))


def serves_one(folded: str) -> bool:
    """ "把检查结果或现场照片发到群里，我会继续判断": the speaker goes on working with the picture
    (a diagnosis, a summary) — a helper's request to one user, when no duty is proved and no
    group is addressed."""
    return bool(_GOES_ON.search(folded)) and not (
        GROUP_ADDRESSEE.search(folded) or _PROVES_ACTIVITY.search(folded)
    )


# The product's user as a picture's subject (s33-proofprec): 用户 opening the phrase a picture is in
# (用户上传巡查照片后立即返回，后台压缩处理; 开启后,用户必须上传签到照片,支持拍照或从相册上传) — an app, a
# feature or a setting described by what its user does, in the third person: a spec or product copy,
# no reader ordered, whatever modal it uses (必须: the product's rule). A work group's members are not
# its 用户, and an order to them does not open with it; 请用户拍照上传… (an agent told to ask its user),
# 将用户投诉的点位拍照发群 (the users' complaint, the readers' duty) have a verb before 用户.
_APP_USER = re.compile(r"用户")


# …or the user as the doer of a chain of acts (s35-proofprec): 用户 opening the picture's sentence, the
# phrases after its own up to the picture's each opening with no doer of their own — a conjunction, an
# adverb, a verb or a preposition first (`_CHAINED`: 用户想知道…，直接打开小程序，点击拍照，然后上传照片到服务端;
# 用户只需将项目文件复制到…目录，然后上传照片并提出处理请求，即可生成作品): comma-joined phrases with no
# subject share the user as theirs, a product's flow told. Not when the user's phrase is a clause of time
# (用户投诉后，物业人员…: a time, not the doer), nor when a person takes the chain over between — a
# personal pronoun (`_PERSON`, the whole closed class), the whole group (`WHOLE_GROUP`), an order's 请.
_CHAINED = ("c", "d", "v", "p", "ad")  # by the tag's first letters: 然后, 再, 点击/vn, 将, 直接
_PERSON = re.compile(r"[我你您他她它咱俺]|人家|别人|自己|请")
_TIME_CLOSED = re.compile(r"(时|后|期间|完毕)\s*$")


# A family's own group (s37-proofprec): every group the message names is 家 + one character + 群
# (发家庭群, 发家族群) — pictures shared with kin, whatever was done before them (完成后"截图发家庭群"), not
# a trace handed to the work; not the class's parents' group (家长群), which is the work's, and not
# when the work's group is named too (发家族群和工作群). Read in a message that asks no reader, the
# picture no forward's proof (`_shared_with_kin`): 请转发至各自家族群，并截图反馈 spreads a post to the
# family groups and asks the screenshot back as its trace.
_FAMILY_GROUP = compile_lead(r"家(?!长)[\u4e00-\u9fff]群")
_GROUP = "群"
_FORWARDED = "proof:forward-screenshot"  # a forward's proof: the post spread to the family groups


def to_family_only(folded: str) -> bool:
    """Does `folded` name a group, and every group it names a family's own (`_FAMILY_GROUP`)?"""
    groups = folded.count(_GROUP)
    return groups > 0 and len(_FAMILY_GROUP.findall(folded)) == groups


def _shared_with_kin(folded: str, name: str) -> bool:
    """Is the picture (its cue `name`) shared with kin: every group a family's own (`to_family_only`),
    no reader asked or addressed, no forward it proves?"""
    return (
        name != _FORWARDED
        and to_family_only(folded)
        and not (asks_readers(folded) or addresses_many(folded))
    )


# The picture asked of the speaker (s37-proofprec): 让我 before every picture in its sentence — someone
# made me do it (修完后用户让我截图发到 Telegram, 管理员先让我做 3 个小任务，…点赞后截图发群里): an order
# told as received, in a message that asks no reader (`IMPERATIVE`), none addressed between 让我 and the
# picture (`GROUP_ADDRESSEE`: 领导让我…，大家拍照发群里 — after the picture, 每个任务返了 8 元 counts tasks).
# Not 让我们 (let us: the readers with the speaker), not a relay (领导让我通知…, 让我转告…: the order
# passed on to the readers).
_ASKED_OF_ME = compile_lead(r"让我(?!们)")
_RELAYED = compile_lead(r"通知|转告")


def asked_of_speaker(folded: str) -> bool:
    """Is every picture of `folded` asked of the speaker (`_ASKED_OF_ME` before it in its sentence,
    not relayed, no reader addressed between), in a message that asks no reader?"""
    if _ASKED_OF_ME.search(folded) is None or IMPERATIVE.search(folded):
        return False  # nobody made me, or the readers are asked: nothing told
    mediums = _mediums(folded)
    for medium in mediums:
        start, _ = span_at(folded, medium.start())
        asked = _ASKED_OF_ME.search(folded, start, medium.start())
        if (
            asked is None
            or _RELAYED.match(folded, asked.end())
            or GROUP_ADDRESSEE.search(folded, asked.end(), medium.start())
        ):
            return False
    return bool(mediums)


def app_user(folded: str) -> re.Match[str] | None:
    """The 用户 (`_APP_USER`) that opens the phrase of a picture, before it, or that opens its
    sentence as the doer of the phrases up to it (`_user_chain`), if any."""
    if _APP_USER.pattern not in folded:
        return None  # no user named: nothing to read
    for medium in _mediums(folded):
        start = span_at(folded, medium.start(), PHRASE_MARK)[0]
        while start < medium.start() and folded[start].isspace():
            start += 1
        found = _APP_USER.match(folded, start, medium.start()) or _user_chain(folded, medium)
        if found is not None:
            return found
    return None


def _user_chain(folded: str, medium: re.Match[str]) -> re.Match[str] | None:
    """The 用户 opening the sentence of `medium`, when every phrase after its own, up to the
    picture's, opens with no doer (`_CHAINED`) and no person (`_PERSON`, `WHOLE_GROUP`) is named
    between; its own phrase not a clause of time (`_TIME_CLOSED`)."""
    start = span_at(folded, medium.start())[0]
    while start < medium.start() and folded[start].isspace():
        start += 1
    found = _APP_USER.match(folded, start, medium.start())
    if found is None:
        return None
    between = folded[found.end() : medium.start()]
    if _PERSON.search(between) or WHOLE_GROUP.search(between):
        return None  # 用户反映的问题，请各网格员…: someone else ordered
    marks = [m.start() for m in PHRASE_MARK.finditer(folded, found.end(), medium.start())]
    if not marks or _TIME_CLOSED.search(folded, found.end(), marks[0]):
        return None  # the picture in the user's own phrase (read above), or the user's a time
    for at in marks:
        opening = tag_words(folded[at + 1 : medium.end()].lstrip())
        if not opening or not opening[0][1].startswith(_CHAINED):
            return None  # a phrase with a doer of its own: 服务端会返回…, 物业人员要…
    return found


def payment_voucher(folded: str) -> re.Match[str] | None:
    """The money a picture near it is the voucher of (付款后截图, 截图…确认收款), if any."""
    if not any(word in folded for word in _PAYMENT_WORDS):
        return None  # most notices name no money: no search (`PAYMENT` opens with any character)
    paid = list(PAYMENT.finditer(folded))
    shots = [*_pictures(folded), *_VOUCHER_SHOT.finditer(folded)] if paid else []
    for money in paid if shots else ():
        end = money.end() + _VOUCHER_GAP + 3
        after = [m.start() for m in shots if money.end() <= m.start() and m.end() <= end]
        gap = folded[money.end() : min(after)] if after else "。"
        if len(gap) <= _VOUCHER_GAP and not set(gap) & set("。！？，,；;"):
            return money  # the money, then its picture in the clause
        start = max(0, money.start() - _VOUCHER_GAP - 3)
        ends = [m.end() for m in shots if start <= m.start() and m.end() <= money.start()]
        gap = folded[max(ends) : money.start()] if ends else "。"
        if len(gap) <= _VOUCHER_GAP and not set(gap) & set("。！？"):
            return money  # the picture, then the money it shows, in the sentence
    return None


def _pictures(folded: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The pictures (`_MEDIUM_RE`: 截图, 拍照, 照片, 视频 …) of `folded[start:end]` — not a place
    (定位, 位置): a place is no picture of a thing done or paid."""
    if start == 0 and end is None:
        found: Iterable[re.Match[str]] = _mediums(folded)  # the whole text's, found once
    else:
        found = _MEDIUM_RE.finditer(folded, start, len(folded) if end is None else end)
    return [m for m in found if "位" not in m.group()]


# A picture someone is forced to send, the force named with its agent or its circumstance before it
# (s34-proofprec): 强制 inside its phrase, not heading it, and the picture after it in that phrase
# (这些活动不会强制每个家长都发照片; 非必要情况下强制要求下级和基层单位…上传工作照片、视频和轨迹; 上面强制
# 要求我们…) — the compulsion spoken of, by a rule against it, a reassurance or a complaint. 强制 heading
# its phrase may be the order itself (强制要求每人每天发定位到群里), and a force in a phrase of its own
# leaves the order after it read (活动不强制，参加的请拍照发群).
_FORCE = compile_lead(r"强制")


def forced(folded: str) -> bool:
    """Is a picture of `folded` after a force named (`_FORCE`) in its phrase, something before
    the force in that phrase?"""
    for force in _FORCE.finditer(folded):
        start, end = span_at(folded, force.start(), PHRASE_MARK)
        if not folded[start : force.start()].strip():
            continue  # the force heads its phrase: maybe the order itself
        if any(force.end() <= medium.start() < end for medium in _mediums(folded)):
            return True
    return False


# A spec's field of purpose (s34-proofprec): a label ending in 目的 and a colon (项目目的：, 使用场景和
# 目的:) heads the picture's sentence — what a program or a project is for (用户拍照上传美食照片, AI 辅助
# 识别菜品…; 打卡、发送位置等场景获取定位信息: a permission's use), a feature described — if nothing in
# the rest of the sentence orders (`_DIRECTIVE_ANYWHERE`: 本次巡查目的：排查隐患，巡查后请拍照发群里 is an
# order with its purpose first) or speaks to readers (`guards.asks_readers`). A notice's 活动目的： in a
# sentence of its own leaves its order in the next one (要求：活动后拍照发群里) read.
_PURPOSE_LABEL = compile_lead(r"目的\s?[：:]")


def purpose_labelled(folded: str) -> bool:
    """Is a picture of `folded` in the rest of the sentence a purpose label (`_PURPOSE_LABEL`)
    heads, and does that rest order nothing?"""
    for label in _PURPOSE_LABEL.finditer(folded):
        end = span_at(folded, label.end())[1]
        field = folded[label.end() : end]
        if _DIRECTIVE_ANYWHERE.search(field) or asks_readers(field):
            continue
        if any(label.end() <= medium.start() < end for medium in _mediums(folded)):
            return True
    return False


# The pictures paid for: a gain counted, gotten for them (获得1个赠币, 获得2个积分) — a promotion's
# rule, its pictures offered for the gain and owed by no one, whatever shape asks for them (晒单…
# 上传3张以上的图片; 上传竞拍成功页面截图) — unless they prove a duty (巡查, 学习 …: an incentive
# for the trace is still the trace, `proves_activity`) or are asked of the members (每人至少上传3张
# 照片…获得1个积分: a task set them, the gain its incentive).
_REWARD = compile_lead(r"获得\s?(\d+|[一二两三四五六七八九十]+)\s?个")


def is_paid_for(folded: str) -> bool:
    """ "…上传3张以上的图片，审核通过即可获得1个赠币": the pictures earn a counted gain
    (`_REWARD`), prove no duty and are asked of no members (每人, 各位: a task set them)."""
    return (
        _REWARD.search(folded) is not None
        and not proves_activity(folded)
        and WHOLE_GROUP.search(folded) is None
    )


def is_payment_voucher(folded: str) -> bool:
    """ "支付完成后截图发给客服": the screenshot proves a payment, it is the voucher itself."""
    return payment_voucher(folded) is not None and not _PROVES_ACTIVITY.search(folded)


def shared(folded: str) -> re.Match[str] | None:
    """What makes a picture one shared to talk or laugh about (`SHARED`), if anything: the
    readers are put to use only by a verb of the purpose, after the picture (`_for_the_readers`)."""
    for found in SHARED.finditer(folded):
        if found.group("readers") is None:
            return found
        verb = _for_the_readers(folded, found.start())
        if verb is not None:
            return _SPAN.match(folded, verb, found.end())  # the verb and its readers: 提醒大家
    return _virtually(folded)


def _virtually(folded: str) -> re.Match[str] | None:
    """ "我云爬山", "让我们也云旅游一下": someone (a pronoun, jieba's r, or the group: 大家), then
    云 cut as a word of its own and a word after it — the pictures let them take part from afar:
    to share, not to prove. Not the 云 of a name or a product (文化云后台, 腾讯云, 瑞云: a noun or
    a name before it, or no word of its own)."""
    at = folded.find(_VIRTUAL)
    while at >= 0:
        words = words_at(folded, at)
        for k, (start, word, _) in enumerate(words):
            if start != at or word != _VIRTUAL or k + 1 >= len(words) or words[k + 1][2] == "x":
                continue
            j = k - 1
            while j >= 0 and words[j][2] in ("d", "m"):
                j -= 1  # 也, 一起: adverbs between
            if j >= 0 and (words[j][2] == "r" or WHOLE_GROUP.fullmatch(words[j][1])):
                return _SPAN.match(folded, words[j][0], start + len(word) + len(words[k + 1][1]))
        at = folded.find(_VIRTUAL, at + 1)
    return None


_SPAN = re.compile(r".+", re.DOTALL)


def _last(found: Iterator[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for last in found:  # noqa: B007 - the loop keeps the last one
        pass
    return last


def _for_the_readers(folded: str, at: int) -> int | None:
    """ "拍照发到群里提醒大家注意", "…发到社区，帮其他人了解": where the verb starts whose object
    are the readers at `at`, if they are the object of a
    verb (any: 提醒, 帮, 看看, 告诉 …) that comes after the picture, in its sentence — the
    purpose it is sent for.
    Before the picture they are the ones ordered (让大家拍照发群); an order's verb (请大家, 要求大家)
    gives them the duty."""
    medium = _last(_MEDIUM_RE.finditer(folded, 0, at))  # the last picture before them
    if medium is None or medium.end() > at or set(folded[medium.end() : at]) & set("。！？!?\n"):
        return None  # 截屏发群里…。希望大家诚实: a wish of its own, no purpose of the picture
    before = None
    for start, word, flag in words_at(folded, at):
        if start + len(word) > at:
            break  # the word the readers are in (其他人 holds 他人)
        before = (start, word, flag)
    if (
        before is not None
        and before[2].startswith("v")
        and not IMPERATIVE.search(before[1])
        and not _DIRECTIVE.search(before[1])
    ):
        return before[0]
    return None


def is_shared(folded: str) -> bool:
    """ "测完截图发班级群，看看谁跟你一样": a picture for the readers to talk about — unless it
    shows an activity done (转发, 巡查 …), which makes any picture of it a trace."""
    return shared(folded) is not None and not _PROVES_ACTIVITY.search(folded)


def proves_activity(folded: str) -> re.Match[str] | None:
    """What makes a picture a trace of something done: an activity (巡查, 学习 …) or a purpose
    (留痕, 备查) — `policies.sure` reads it."""
    return _PROVES_ACTIVITY.search(folded) or _trace(folded)


@lru_cache(maxsize=8)  # asked by the weaker shape and again by `proves_activity`
def _trace(folded: str) -> re.Match[str] | None:
    """A purpose of trace (留痕, 备查, 台账), a norm for the picture (照片须显示…, 截图为证), or a
    picture named with what it proves."""
    found = _TRACE.search(folded) or must_show(folded)
    if found is None and ("证" in folded):
        for medium in _mediums(folded):
            found = _PROVES_BY.match(folded, medium.end())
            if found:
                break
    return found


def checks_in(folded: str) -> bool:
    """A picture as the check-in: a medium just before a verb of checking in (`_CHECK_IN_VERBS`:
    拍照打卡, 截图打卡, 拍个照打卡, 请在现场自拍签到), the check-in the act — not a noun it modifies
    (拍照打卡的APP, 拍照打卡功能, 拍照签到图片: a feature, a spot to photograph), nor one of a list
    (定位打卡、拍照打卡), nor 签到 given no order — or a bare order to send one's location (`_CHECK_IN`)."""
    for verb in _CHECK_IN_VERBS:
        at = folded.find(verb)
        if at >= 0 and verb != _CHECKING_IN and not _ORDERS_GROUP.search(folded):
            continue  # 签到 names an app's feature (扫码或拍照签到, 拍照签到 · 演练) unless ordered
        while at >= 0:
            if (
                _shot_before(folded, at)
                and not _modifies_noun(folded, at + len(verb))
                and not _asked_whether(folded, at)
                and not _used_for(folded, at)
            ):
                return True
            at = folded.find(verb, at + 1)
    return bool(_CHECK_IN.search(folded))


# A check-in tipped (s36-proofprec): a verb of remembering right before its shot (记得拍照打卡 — the
# class whole: 记得, 记着, 记住, 别忘了, 不要忘了, 莫忘) in a message with no order (`_orders`: 请, 每天,
# 务必 …), no duty the picture would prove (`_DUTY`), no group named or addressed: a travel guide's or a
# friend's tip to keep a moment (金沙江大桥是川藏分界线，记得拍照打卡), no trace asked. 每天记得拍照打卡,
# 上岗后记得拍照打卡, 大家记得拍照打卡发群 stay check-ins. Said with a particle of chat (记得拍照打卡哦) it
# is `reminds_one`'s reminder: read there, not twice; after a thing finished (完: 任务全部完成！记得拍照
# 打卡) the check-in proves it: no tip.
_REMEMBER = compile_lead(r"(记得|记着|记住|别忘了?|不要忘了?|莫忘)$")


def tipped_check_in(folded: str) -> bool:
    """Is a check-in's shot (`checks_in`) right after a verb of remembering (`_REMEMBER`), with no
    order, duty or group in the message?"""
    if _GROUP_NAMED in folded or _orders(folded) or _DUTY.search(folded):
        return False
    if addresses_many(folded) or _CHATTY.search(folded):
        return False  # said with a particle of chat (记得拍照打卡哦): `reminds_one`'s
    if _DONE.search(folded):
        return False  # a thing finished before it (今天的任务全部完成！记得拍照打卡): its proof
    at = folded.find(_CHECKING_IN)
    while at >= 0:
        pictures = _pictures(folded, max(0, at - 8), at)
        if pictures and _REMEMBER.search(
            folded, max(0, pictures[-1].start() - 4), pictures[-1].start()
        ):
            return True
        at = folded.find(_CHECKING_IN, at + 1)
    return False


# A check-in asked whether (s32-proofp): 是否 right before its shot — a yes/no setting or
# question names the check-in as one choice (是否拍照打卡: a rule's field; 请选择是否拍照打卡: a form's
# message to the admin who sets it), no one told to check in.
_WHETHER = "是否"


def _asked_whether(folded: str, at: int) -> bool:
    """Does 是否 (`_WHETHER`) end right where the shot before the check-in at `at` starts?"""
    if _WHETHER not in folded:
        return False  # no 是否 anywhere: nothing to read
    pictures = _pictures(folded, max(0, at - 8), at)
    return bool(pictures) and folded.endswith(_WHETHER, 0, pictures[-1].start())


# A check-in as what a thing is used for (s38-proofprec): a verb of use (用于, and its kin 用来, 用以)
# right before the check-in's shot — 使用相机, 用于拍照打卡; 相机/相册权限：用于拍照打卡; (a backdrop) 用于拍照
# 打卡，画面留人物站位. The check-in is the complement of use, its subject a thing (a camera, an app's
# permission, a prop): a privacy notice or a planner names a use, no one is told to check in. Not
# 请大家用手机拍照打卡 (the means, 用 and its object, before the shot: the readers told).
_USED_FOR = compile_lead(r"用[于来以]$")
_USE_REACH = 3  # the verb of use, then the shot: nothing between


def _used_for(folded: str, at: int) -> bool:
    """Does a verb of use (`_USED_FOR`) end right where the shot before the check-in at `at`
    starts?"""
    if "用" not in folded:
        return False  # no verb of use anywhere: nothing to read
    pictures = _pictures(folded, max(0, at - 8), at)
    if not pictures:
        return False
    start = pictures[-1].start()
    return _USED_FOR.search(folded, max(0, start - _USE_REACH), start) is not None


def check_in_used_for(folded: str) -> bool:
    """Is a check-in (打卡) what a thing is used for (`_used_for`)? — `policies.explain` shows it."""
    at = folded.find(_CHECKING_IN)
    while at >= 0:
        if _used_for(folded, at):
            return True
        at = folded.find(_CHECKING_IN, at + 1)
    return False


def _shot_before(folded: str, at: int) -> bool:
    """Does a medium end right before `at` (at most `_MEDIUM_GAP` characters of its word away),
    not after a list's 、?"""
    pictures = _pictures(folded, max(0, at - 8), at)  # not 定位打卡: the app's own check-in
    last = pictures[-1] if pictures else None
    if last is None or at - last.end() > _MEDIUM_GAP:
        return False
    gap = folded[last.end() : at]
    return all("\u4e00" <= ch <= "\u9fff" for ch in gap) and folded[: last.start()][-1:] != "、"


def _modifies_noun(folded: str, after: int) -> bool:
    """Is the word ending at `after` (打卡) an attribute of a noun after it: with 的 and any
    head (拍照打卡的APP, 拍照打卡的小程序), or without, a noun the tagger's dictionary names (n…,
    a Latin word, a verbal noun, or a one-character measure or noun it heads: 拍照打卡功能,
    拍照打卡点) — or glued into a longer word?"""
    if after >= len(folded):
        return False
    if folded[after] in "(（":
        return True  # 拍照打卡（功能开发中）: a feature named, with its note
    if alone_at(folded, after):
        return False  # a mark or a space after it (拍照打卡！): no noun, nothing to tag
    words = words_at(folded, after)
    for k, (position, word, flag) in enumerate(words):
        if position == after:
            if word == "的":  # a relative clause, unless 的 ends it (要拍照打卡的！)
                return k + 1 < len(words) and words[k + 1][2] != "x"
            return (
                flag.startswith("n")
                or flag in ("eng", "vn")
                or (len(word) == 1 and flag in ("m", "q"))
            )
        if position > after:
            return True  # glued into a longer word (打卡机)
    return False


def _proof_shape(folded: str) -> str | None:
    """The first proof shape that `folded` has, in order of strength."""
    if _chase(folded) and not _OWN_PICTURE.search(folded):
        return "proof:chase"
    if named_trace(folded):
        return "proof:named-trace"
    if _medium_clause_is_question(folded):
        return None
    if checks_in(folded) and not (
        is_sightseeing(folded) or is_judged(folded) or tipped_check_in(folded)
    ):
        return "proof:check-in"
    if _FORWARD_PROOF.search(_TITLE.sub(_TITLED, folded) if "“" in folded else folded):
        return "proof:forward-screenshot"  # 转发“…”活动微信至朋友圈并截图: the title one object
    if ("定位" in folded or "位置" in folded) and _GROUP_LOCATION.search(folded):
        return "proof:location"
    shape = _weaker_shape(folded)
    if shape is None and (
        task_posted_en(folded) or completion_shot_en(folded) or obliged_shot_en(folded)
    ):
        return "proof:task-posted"
    return shape


def _weaker_shape(folded: str) -> str | None:
    """The shapes a work product (发票, 值班表 …) can explain away."""
    shows = must_show(folded)
    trace = _trace(folded)
    to_group = ("群" in folded or bool(_LATIN_PLACE.search(folded))) and _sent_to_group(folded)
    work = _WORK_PRODUCT.search(folded) or _written(folded) or _graded(folded)
    if not trace and work and not _PROVES_ACTIVITY.search(_without_work(folded)):
        return None  # 排班表拍照发群, 发票拍照发我: the photo is the work, not a trace of it
    if _ROUTINE_PROOF.search(folded):
        return "proof:routine"
    if quota(folded):
        return "proof:quota"
    if right_now(folded):
        return "proof:right-now"
    if to_group and (_proves_something(folded) or _group_ordered(folded)):
        return "proof:to-group"
    if to_group and handed_to_group(folded):
        return "proof:to-group"
    # a trace ordered (请, 要 … in its own phrase or the picture's: `_trace_ordered`), normed (照片须
    # 显示…) or laid on the whole group (各单位拍照报送，作为台账材料: each unit's duty; not 每个构件, each
    # thing) — "拍照留痕搞到最后…" only complains
    if trace and (
        shows
        or WHOLE_GROUP.search(folded)
        or _trace_ordered(folded, trace)
        or _trace_joined(folded, trace)
        or shot_opens_clause(folded)
    ):
        return "proof:trace"
    if "位" in folded and _located(folded):
        return "proof:location"  # 上下班请发实时定位, 请各网格员现在发一下实时位置
    shared = _SHARE_LOCATION.search(folded) if "位" in folded or "location" in folded else None
    if shared and (
        _TRACKED.search(folded, shared.start())
        or _ARRIVAL.search(folded)
        or _after_doing(folded)
        or _PROVES_ACTIVITY.search(folded)
    ):
        return "proof:location"  # structured: before the weaker shape the model may veto
    if _after_doing(folded) and delivered(folded):
        return "proof:after-activity"
    if _SHOOT.search(folded) and _field_duty(folded):
        return "proof:field-duty-photo"
    return None


# The shot itself the order (s37-proofrec): a clause that opens on the verb of shooting (`_SHOOT`:
# 拍, 录, 截) counted — a numeral or a measure word its next word, as the tagger cuts it (拍一张, 拍个)
# — with its picture in the clause is the bare imperative, as 拍一张… opening the text is
# (`_DIRECTIVE`): 登杆作业前…，拍一张照片发群再上; 今天谁去…了，拍个照片发上来留个痕. Not a shot with no
# count (截图发群里 on trouble, 拍照发群里假装是KFC, 拍视频发群后继续: help, a joke, a tool's step).


def shot_opens_clause(folded: str) -> bool:
    """Does a clause open on a counted shot (拍一张, 拍个), its picture (`_MEDIUM_RE`) in it?"""
    for medium in _mediums(folded):
        if not _SHOOT.match(folded, clause_span(folded, medium.start())[0]):
            continue  # the clause opens on no verb of shooting: its first word is none, no tagging
        words = words_at(folded, medium.start())
        if (
            len(words) > 2
            and words[1][0] < medium.start()
            and _SHOOT.match(words[0][1])
            and words[0][2].startswith("v")
            # the count one idea, tagged two ways: a numeral (一张: m) or a measure word (个: q)
            and words[1][2] in ("m", "q")
        ):
            return True
    return False


def _group_ordered(folded: str) -> bool:
    """Is the group ordered: an order's word (`_ORDERS_GROUP`), the whole group named
    (`guards.WHOLE_GROUP`) or a counted shot opening its clause (`shot_opens_clause`)?"""
    return bool(
        _ORDERS_GROUP.search(folded) or WHOLE_GROUP.search(folded) or shot_opens_clause(folded)
    )


def _trace_ordered(folded: str, trace: re.Match[str]) -> bool:
    """Does an order's word (`_DIRECTIVE`: 请, 要, 须, 每 …) stand in the phrase of the trace
    (`trace`: 留痕, 备查, 作为…凭证) or of a picture (`_MEDIUM_RE`) — the order governing what is
    shot or kept (开会的拍个照发上来，要留痕; 请使用水印相机拍照后上传)? An order's word in another
    phrase governs something else: 为每个构件建立唯一数字身份，把…表格、拍照留痕与检测数据一一绑定 (each
    component, a product told), 保安需要证明自己到达了…，因此会拍摄带有水印的照片作为证据 (a need
    explained), 不得频繁要求基层填表格报材料；…不把是否开会发文、拍照留痕…作为…标准 (a rule on others)."""
    spans = [span_at(folded, trace.start(), PHRASE_MARK)]
    spans += [span_at(folded, m.start(), PHRASE_MARK) for m in _mediums(folded)]
    return any(_DIRECTIVE.search(folded, start, end) for start, end in dict.fromkeys(spans))


# A task's step said bare (s34-proofrec): an act, then 并 and the shot with its trace right after it
# (发放普法折页并拍照留痕, 到场核实并拍照留痕) — the picture is the trace of the act its phrase holds.
_JOINED = "并"
# Told, not set: a doer named before 并 — a pronoun (我们, 他们: tag r) or a word for people, one that
# ends in 员, 人, 者 or 们 (工作人员到场核实并拍照留痕) — the perfect before 并 (已到场核实…) or 了
# after the trace.
_DOER_TAG = "r"
_PEOPLE = "员人者们"
_PERFECT = "已"
_CHANGED = "了"


def _trace_joined(folded: str, trace: re.Match[str]) -> bool:
    """Is the trace (`trace`: 留痕, 备查 …) said right after a shot (`_TAKEN`: 拍照, 截图) that 并 joins
    to the act before it in its phrase — a task's step and its trace (发放普法折页并拍照留痕) — with no
    clause of time (`_WHEN_DONE`: 时, 后 …) before 并 in the phrase? A clause of time sets an event the
    step answers: 拒签时注明见证人并拍照留痕 (a procedure's contingency, someone else's act)."""
    start, _ = span_at(folded, trace.start(), PHRASE_MARK)
    joined = folded.rfind(_JOINED, start, trace.start())
    if joined < 0:
        return False
    shot = _TAKEN.match(folded, joined + len(_JOINED))
    if shot is None or shot.end() != trace.start():
        return False
    if _WHEN_DONE.search(folded, start, joined) or _PERFECT in folded[start:joined]:
        return False
    if folded.startswith(_CHANGED, trace.end()):
        return False
    before = [w for w in words_at(folded, start) if start <= w[0] < joined]
    return not any(tag.startswith(_DOER_TAG) or word[-1] in _PEOPLE for _, word, tag in before)


def _written(folded: str) -> re.Match[str] | None:
    """The writing, its result and the photograph of it (`_WRITING`'s note: 写完拍照, 文章写好之后
    拍照), if any: the writing verb a word of its own, its result the next word — one character
    the tagger reads as a verb or an adjective (写 完, 写 好, 写 满) — or glued to it, an adjective
    (填好: not 填写, 填报, two acts)."""
    for root in _WRITING.finditer(folded):
        at = root.start()
        end = at + 2
        shot = folded.find(_SNAPPED, end, end + _WRITTEN_GAP + 1)
        if shot < 0 or set(folded[end:shot]) & set("的，,。；;"):
            continue  # no photograph right after the writing and its result: nothing to tag
        words = [w for w in words_at(folded, at) if w[0] >= at]
        if not words or words[0][0] != at:
            continue  # inside a word: 手写, 书写, 抄送's 送 …
        _, word, _ = words[0]
        if len(word) == 1 and len(words) > 1 and len(words[1][1]) == 1:
            result = words[1][2] in _RESULT_TAGS
        else:
            result = len(word) == 2 and tag_words(word[1])[0][1] in _GLUED_RESULT_TAGS
        if result:
            return _SPAN.match(folded, at, shot + len(_SNAPPED))
    return None


def _without_work(folded: str) -> str:
    """`folded` with its work products (`_WORK_PRODUCT`, `_written`, `_graded`) blanked: what is
    left to prove a duty."""
    bare = _WORK_PRODUCT.sub(" ", folded)
    written = _written(bare)
    bare = bare[: written.start()] + " " + bare[written.end() :] if written else bare
    graded = _graded(bare)
    return bare[: graded.start()] + " " + bare[graded.end() :] if graded else bare


# A picture read as the work itself (s31-afteract): after it in the message, a verb of reading a
# work — grading it, recognising what it shows (批改, 批阅, 识别, 评分; OCR) — a word of its own, as
# the tagger cuts it: 做完后拍照上传，AI 自动批改; 做完后拍照即可批改; 用餐后拍照上传餐盘，AI识别剩食并评分 —
# the worksheet, the paper, the plate photographed is what is read, the work product (LABELS), not
# a trace of a duty (学习完截图发我 names none; 自动识别 cut as one noun is a feature's name, not the
# verb). The span blanked for a duty's search (`_without_work`) runs from the picture's clause to the
# verb: the thing done before the picture is the work's (做完后拍照), not a duty.
_GRADING = compile_lead(r"批改|批阅|识别|评分|ocr")  # one list: the words matched, then read whole


def _graded(folded: str) -> re.Match[str] | None:
    """The picture's clause through the verb that reads it as a work (`_GRADING`), if the message
    has one after its first picture (`_pictures`)."""
    if _GRADING.search(folded) is None:
        return None  # no verb of grading anywhere: nothing to tag
    pictures = _pictures(folded)
    if not pictures:
        return None
    for verb in _GRADING.finditer(folded, pictures[0].end()):
        word = next((w for w in words_at(folded, verb.start()) if w[0] == verb.start()), None)
        if word and _GRADING.fullmatch(word[1]):  # the verb a word of its own, no longer
            start = clause_span(folded, pictures[0].start())[0]
            return _SPAN.match(folded, start, verb.start() + len(word[1]))
    return None


# Politeness alone in a question asks a favour ("查完麻烦截图发我微信?"); to many readers
# (麻烦大家…?) it still orders. Politeness is an imperative cue the tagger reads as an adjective
# (a, an: 麻烦, 劳烦, 辛苦 — the trouble the favour gives named), not an adverb or a verb that binds
# (务必, 尽快, 请): `_politeness`.
_POLITE_TAGS = ("a", "an")
_NAMED_MAX = 12  # a trace named alone is a short message


def named_trace(folded: str) -> bool:
    """A short message that only names a duty's screenshot (`_NAMED_TRACE`): 青年大学习截图,
    打卡截图呢 — not 聊天截图, 游戏截图 (no duty proved)."""
    if len(folded) > _NAMED_MAX:
        return False
    named = _NAMED_TRACE.fullmatch(folded.rstrip("!！~～。. "))
    return bool(named and _PROVES_ACTIVITY.search(named.group("duty")))


# A request put as a question, a verb in the imperative's 一下 ending it: "青年大学习截图发一下？"
_ASKED_TO_SEND = compile_lead(r"一?下[?？]+$")


_CLAUSE_MARK = re.compile(r"[。！!\n？?，,;；]")  # what ends a clause (`span_at`)


def _medium_clause_is_question(folded: str) -> bool:
    """ "明天去1楼拍照取证?" asks; "上岗了没？发个定位来看看" demands. Judge the medium's clause.

    The mediums are found in one search of the text, each clause holding one judged once, in
    order: none spans a clause's mark, and the marks around a clause read to `_MEDIUM_RE`'s
    look-arounds as its ends would, so a clause holds one where the text has one starting in it."""
    end = -1
    for medium in _mediums(folded):  # read as far as the clauses judged need
        if medium.start() <= end:
            continue  # in the clause judged last
        start, end = span_at(folded, medium.start(), _CLAUSE_MARK)
        clause = folded[start : end + 1]  # with its mark
        if not _MEDIUM_HINT.search(clause):
            continue
        if "什么" in clause or "啥" in clause or "嘛" in clause:  # _EMBEDDED_QUESTION needs one
            clause_asked = _EMBEDDED_QUESTION.sub("", clause)
        else:
            clause_asked = clause
        if QUESTION.search(clause_asked):
            orders, polite = _politeness(clause)
            if orders or _asked_to_do(clause):
                return False
            return not (polite and GROUP_ADDRESSEE.search(folded))
    return False


def _politeness(clause: str) -> tuple[bool, bool]:
    """Does `clause` hold an imperative cue (`IMPERATIVE`) that orders, and one that is only
    polite — a word of its own the tagger reads as an adjective (麻烦截图发我?: the trouble named)?"""
    cues = list(IMPERATIVE.finditer(clause))
    if not cues:
        return False, False
    polite_at, at = set(), 0
    for word, flag in tag_words(clause):
        if flag in _POLITE_TAGS:
            polite_at.add((at, word))
        at += len(word)
    polite = [(cue.start(), cue.group()) in polite_at for cue in cues]
    return not all(polite), any(polite)


def _asked_to_do(clause: str) -> bool:
    """ "截图发一下？", "照片交下？": the clause ends in a verb and the imperative's 一下 (a
    delimitative: do it a bit), asked — a request, whatever the verb. 以下？, 楼下？ end in no verb
    (下 is part of their word), nor does 发我一下？ (a favour to the speaker, its object 我). The
    verb is a word the dictionary tags as one, or a bare one-character root it tags a noun (传)."""
    found = _ASKED_TO_SEND.search(clause)
    if found is None:
        return False
    before = [word for word in words_at(clause, found.start()) if word[0] < found.start()]
    if not before:
        return False
    position, word, tag = before[-1]  # the word right before the request's 一下
    verb = tag.startswith("v") or (len(word) == 1 and tag.startswith("n"))  # not 发我一下: to me
    return position + len(word) == found.start() and verb


def chases_proof(folded: str) -> bool:
    """Does `folded` chase the pictures not yet sent (还没发定位的抓紧)? A reminder of a demand."""
    return _chase(folded) is not None
