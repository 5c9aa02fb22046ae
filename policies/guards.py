"""What every demand rule shares: sentences, questions, quotes, and the guards that say a message
only *looks* like a demand — meta talk and complaints (不用回复收到, 形式主义), the habit told
rather than done (经常, 有人说), news narration, one person addressed (您, 亲, 在吗), or help with
a problem (报错截图).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from policies.lead import compile_lead
from policies.segment import words_at
from policies.text import fold

SENTENCE_CHAR = r"[^。！？!?\n]"  # within one sentence
_QUOTE = compile_lead(r"[“\"「『‘]([^”\"」』’]{2,400})[”\"」』’]")
_QUOTED_DEMAND = compile_lead(r"请|回|扣|拍|截|发群|上传|定位|留痕|转发|接龙")
# The A-not-A question (去不去) is found at its 不, the verb before it looked behind: every
# alternative then starts with a known character, and the engine skips to where one can start
# (the rules only ask whether a text is a question; its match starts at the 不).
QUESTION = compile_lead(
    r"[?？]|吗|请问|哪(?!怕)|啥|怎么|什么|(?<=(\w))不\1(?=\w)|几个意思|能否|有用"
)
IMPERATIVE = compile_lead(
    r"请(?!问)|务必|必须|要求|一律|抓紧|赶紧|尽快|马上|每天|每人|每位|辛苦|麻烦|烦请|劳烦|难道|please|pls"
    r"|好吗|好不好|别让我"
)
# No need: a negation (不, 无, 没) on a modal of need (需要, 须, 必要, 用): 不需要, 无须, 没必要, 不用.
_NO_NEED = r"(?:不|无|没)(?:需要?|须|必要?|用)"
NOT_DEMAND = compile_lead(
    # no need (_NO_NEED), no more (不再) or exempt (免) a few words before the demand — or a ban on
    # the demand, unless on something else (不用回复其他内容 asks for the one reply)
    r"(?:(" + _NO_NEED + r"|不再|免于|免)(?!刷)(在群里|在群内|再|都|要求)*[^，,。;；]{0,6}"
    r"(回复?|刷|扣|接龙|报到|截图|拍照|照片|留痕|定位|视频)"
    r"|(不要|别|请勿|勿)(在群\w?)?(再)?[^，,。]{0,2}(刷|回复|回收到|扣1|接龙|发?截(?!止|至)\w|拍照|留痕"
    r"|发(照片|截图|图片|图|定位|视频)))(?!复?(?:其他|其它|别的))"
    r"|(截图|照片|定位|视频|位置)[^，,。]{0,6}(" + _NO_NEED + r"|不再)(再)?(发|上传|拍)"
    r"|好麻烦|太麻烦|真麻烦|为什么.{0,4}(每天|都要|总|老|又)"
    r"|形式主义|减负|刷屏(?<!以免刷屏)(?<!避免刷屏)(?<!防止刷屏)|动不动|[哎唉]$|结果还是|让扣1|这种|这类|能不能(少|别|不)|别搞|少发|有必要吗"
    r"|(留痕|截图|拍照|回复收到|接龙|扣1).{0,8}(取消|废止|停止)|(取消|废止|停止).{0,8}(留痕|截图|拍照|回复收到|扣1)"
    # a ban on the demand itself, a rule for those who give orders (policy reports, commentary):
    # 不得要求基层…打卡晒成绩, 严禁以工作群上传工作截图代替实地工作, 不能要求拍照上传
    r"|((不得|严禁|禁止|不准|不允许|不许|杜绝)(再)?(随意|强制|一律|变相)?(要求|强制|强迫|责令|让|以)|不能(再)?要求)"
    r"[^，,。；;！!？?]{0,24}(截图|截屏|拍照|照片|定位|视频|留痕|打卡|晒|回复收到|回收到|接龙|扣1)"
    # the demand named as a practice, the topic of talk (…要求拍照上传的现象, 换衣拍照留痕之风)
    r"|(截图|截屏|拍照|照片|定位|视频|留痕|打卡|上传|发群|回复收到|接龙|扣1)[^，,。！!？?]{0,6}"
    r"(的(现象|做法|风气|乱象)|之风)"
    r"|天天|没时间干|受不了|烦死|累死|吐槽|减轻.{0,6}负担"
    r"|回复的?(只有|人数|才|共)|(已有|已经有|目前有|共有)[^，,。]{0,8}回复"
    # talk about the habit, not the habit: complaints, habits told, speech reported, news told
    r"|很烦|很麻烦|烦人|建议(大家|可以)|屏蔽|一群人|本来是|现在都是|有人[^。！？]{0,12}说"
    r"|导致|疲于|自动(回复|生成|发送)"  # a machine's auto-reply or output, not members asked
    # a test of a channel or a program ("这是连通性测试，收到请回复1"), not a notice
    r"|(这是|此为|本条)[^，,。！!]{0,20}测试|(?<!\w)测试\s?[-—:：]?[^，,。]{0,12}收到|测试\s?[-—:：]"
    # (the test's morpheme 测: 链路测试, 链路自测; 通 of a channel, not 通知 — 通知检测人员)
    r"|(通(?!知)|接入|冒烟|链路)[^，,。]{0,2}测"
    # the habitual aspect tells what is usually done; an order is given once, for now: an adverb
    # of the usual time or frequency (经常, 常常, 通常, 往往, 总是/总会, 平常, 一般都/会). Not 平时:
    # the guard reads the whole message, and 平时 asks about habits in a poll as often as it frames
    # a demand ("大家平时看短视频多还是中视频多？弹幕扣个1" is the model's to veto)
    r"|经常|常常|通常|往往|总是|总会|平常|一般(都|会)|还得|因为要"
    # a dilemma complained of: 也不是, then a verb negated, 也不是 — 回也不是，不回也不是,
    # 回复也不是，不回复也不是 (neither doing it nor not will do): the demand's bind, told (the
    # same verb both times is not checked: a back-reference would cost the groups-free compile)
    r"|也不是[，,]?不\w{1,2}也不是",
    groups=False,  # tested, or read whole (`policies.explain`): its groups only group
)


# News told, not a notice: "该县要求驻村干部每天…" — unless the message goes on to ask (请 …).
_NARRATED = compile_lead(
    r"((?<![按依据照])要求|(?<![按依据照])规定)[^，,。]{0,12}"
    r"(干部|职工|教师|老师|员工|群众|村民)"
)
_ASKS = compile_lead(r"请|务必|必须")


# Many readers: the group, each member, each unit (one list for _ASKS_READERS and GROUP_ADDRESSEE).
# 各 + any unit (each one, each kind: 各一张, 各种 are not), in _MANY and WHOLE_GROUP alike.
_EACH_UNIT = r"各(?![一二两三几\d种类项样])\w"
_MANY = r"大家|全体|所有人|每(人|位|个)|" + _EACH_UNIT


# A demand told rather than given: some bodies in general demanding (有的单位要求…, 部分学校要求…,
# 很多公司需要… — a partitive or a quantity, the bodies unnamed), the habit of one
# (领导总让…), an authority's demand on "us" or "them" (单位要求我们…), one person's on me or
# you (他要求我…), a requirement's scope (只要求…, 仅要求…), or news (据称…, a headline marked "(图)") — unless the message goes on to ask
# its readers (请, 大家, 各位 …).
_TOLD = compile_lead(
    r"(有的|有些|一些|部分|不少(?!于)|很多|许多|某些)[^，,。]{0,6}(要求|让|叫|规定|需要)"
    r"|(总|老|总是|老是)(让|要求|叫)"
    r"|(领导|单位|上级|学校|老师|公司|部门|班主任|主任|局|县|镇|乡|区|市)[^，,。]{0,4}(要求|让|叫)(我们|咱们|他们)"
    r"|(要求|叫)(我|你)(?!们)"  # one person's demand on another, reported
    # a requirement measured by its scope: the adverb of restriction on 要求 (只要求, 仅要求) says how far
    # a prompt's, a request's or a stage's requirement goes (请求正文仅要求回复收到, 测试 prompt 只要求回复
    # 固定文本, 第一阶段只要求回复收到的私聊消息) — a requirement described, its asker in the third
    # person; an order gives its demand without measuring it against others
    r"|[只仅]要求"
    # what a third person posts to a group (老师把今天活动照片发到家长群里, 老师辛苦拍照上传到班级群)
    r"|(老师|他|她)(?!们)[^，,。请]{0,3}(把|将)?[^，,。]{0,8}(照|视频|截图)[^，,。]{0,8}"
    r"(到|至|在)[^，,。]{0,4}群"
    # what an authority stressed, its words reported after a mark ("领导还专门开会强调，即使晚上10点后，
    # 也必须回复"; 对老师表示感谢 reports no words)
    r"|(强调|表示|指出)(?=[，,:：“\"])"
    # news: speech reported (据称, 声称) or a headline's picture credit ("…拍照为证(图)")
    r"|据称|声称|宣称|[(（](组|附)?图[)）]\s*$"
)
_ASKS_READERS = compile_lead(r"请|你们|" + _MANY)


def told(folded: str) -> str | None:
    """The words that tell a demand rather than give it, if they do (`jianfu classify --explain`).

    A rule told about a third party keeps its own 必须 (part of what is told), not a 请.
    """
    if "请" in folded:  # a rule told, then asked of the readers: neither reading holds
        return None  # (_ASKS_READERS finds the 请 too) — and most notices have one
    rule = _NARRATED.search(folded)
    if rule is not None and _ASKS.search(folded, 0, rule.start()) is None:
        return rule.group()
    told_ = _TOLD.search(folded)
    if told_ is not None and _ASKS_READERS.search(folded) is None:
        return told_.group()
    return _habit(folded) or _about_one(folded) or _someone_said(folded)


# Someone unnamed said it: a phrase that opens with the existential 有 (tagged v) and a noun —
# 有网友, 有家长, 有乡镇干部 — and ends with a verb right before a mark that opens what was said (a
# comma, a colon, a quote): 有网友就表示，如果需要确保员工收到信息，应提前告知; 有家长说，…让老师每天
# 拍照. An account reported, not an order (the existential subject of `policies.narration`'s 有人,
# with the noun the tagger names), adverbs (d) at most between the noun and the verb. Not 有孩子没交
# 作业的， (a phrase that ends in 的: those who …), not 有问题及时反馈， (a condition and what to do: 及时
# is no adverb of the tagger's), and not when the message asks the readers (请, 大家 …: `told`).
# A time may head the phrase before 有 (近日有网友反映，: news), and how it was said may
# stand between the noun and the verb — one verb and its nouns (有网友发视频称，, 近日有网友发视频表示,: a
# video posted) — not two verbs (有家长拍照发群，: acts), nor a noun before the verb (有乡镇官员透露，: the
# someone's own).
_EXISTS = ("有", "v")
_OPENS_SPEECH = re.compile(r"[，,:：“\"]")
_TIME = "t"  # the tag of a time word (近日, 今天; 10月6日 is cut in numbers)


def _heads(folded: str, start: int, at: int) -> bool:
    """Whether 有 at `at` heads its phrase (from `start`), a time word at most before it."""
    return start == at or all(
        flag == _TIME for word_at, _, flag in words_at(folded, start) if word_at < at
    )


def _how_said(flags: list[str]) -> bool:
    """The tags between the someone and the verb of saying: adverbs, then at most one verb with the
    nouns after it, its object (发视频) — not a noun before it, which may be the someone's own
    (有乡镇官员透露，: the 官员), nor a verb alone (有鄉鎮幹部透露說，: two verbs of saying)."""
    at = 0
    while at < len(flags) and flags[at] == "d":
        at += 1
    if at == len(flags):
        return True
    objects = flags[at + 1 :]  # the verb's object: 发视频 — a verb alone is a second verb (透露说)
    return flags[at].startswith("v") and bool(objects) and all(f.startswith("n") for f in objects)


def _someone_said(folded: str) -> str | None:
    """The phrase of an unnamed someone and their verb of saying, if the message reports one."""
    if _EXISTS[0] not in folded or _ASKS_READERS.search(folded):
        return None
    at = folded.find(_EXISTS[0])
    while at >= 0:
        start = span_at(folded, at, PHRASE_MARK)[0]
        mark = _OPENS_SPEECH.search(folded, at)
        if mark is not None and _heads(folded, start, at):  # 有 heads its phrase, a mark follows
            words = [word for word in words_at(folded, at) if at <= word[0] < mark.start()]
            if (
                len(words) >= 3
                and words[0][1:] == _EXISTS
                and words[1][2].startswith("n")
                and words[-1][2] == "v"
                and words[-1][0] + len(words[-1][1]) == mark.start()
                and _how_said([flag for _, _, flag in words[2:-1]])
            ):
                return folded[at : mark.start()]
        at = folded.find(_EXISTS[0], at + 1)
    return None


# The habit or the prediction of a demand, not the demand: the modal 会 (tagged v, a word of its own —
# not 开会, 会议, which the tagger keeps whole), adverbs at most after it, then a pivot — a verb, the
# ones it makes act (nouns, pronouns, a count, with a time: 每个人, 孩子放学后, 各村) and their act, a
# verb, which holds the demand: 一般都会要求每个人看到消息之后回复“收到”, 老师会让孩子拍照发群, 明天会
# 通知各村拍照上传 — what is usually or will be demanded of them, told. Not when the first verb is the
# demand's own (会拍合影发群: `PREDICTED`'s plan), nor when the act holds no demand (老师会拉你进群).
# The readers as the pivot are those the told demand falls on, not those addressed; before the modal
# in its sentence and after the pivot nothing may ask them (请 anywhere: `told`), and no demand's word
# (`_QUOTED_DEMAND`) stands before the modal or after its sentence (今天巡查后拍照发群里，组长会让人拍照
# 检查 gives its order, then says what follows). Not 晚上有个会，要求大家拍照 (a mark between the
# meeting and the order).
_MODAL = ("会", "v")
_PIVOT = ("n", "r", "m", "q", "f", "t")  # nouns (n, nr, ns …), pronouns, counts, places, times


def _habit(folded: str) -> str | None:
    """The modal, the verb and the pivot of a demand told as a habit or a prediction, if any."""
    at = folded.find(_MODAL[0])
    while at >= 0:
        sentence, end = span_at(folded, at)
        if not _QUOTED_DEMAND.search(folded, at, end):
            at = folded.find(_MODAL[0], at + 1)
            continue  # no demand's word after the modal in its sentence: nothing to tag for
        words = words_at(folded, at)
        k = next((k for k, (start, *word) in enumerate(words) if start == at), None)
        told_ = None if k is None or tuple(words[k][1:]) != _MODAL else _pivot(words, k + 1)
        if told_ is not None:
            verb, acts = told_
            before, after = folded[sentence:at], folded[words[acts][0] : end]
            if _QUOTED_DEMAND.search(after) and not (
                _QUOTED_DEMAND.match(words[verb][1])  # 会拍合影发群: the demand's own verb
                or _orders(before)
                or _orders(after)
                or _QUOTED_DEMAND.search(folded, 0, at)  # a demand before the one told
                or _QUOTED_DEMAND.search(folded, end)  # or after its sentence
                or _ASKS_READERS.search(folded, end)
            ):
                return folded[at : words[verb][0] + len(words[verb][1])]
        at = folded.find(_MODAL[0], at + 1)
    return None


def _pivot(words: tuple[tuple[int, str, str], ...], k: int) -> tuple[int, int] | None:
    """From word `k` (`policies.segment.words_at`): adverbs (d), a verb, then one to four words of
    a pivot (`_PIVOT`: 每个人, 孩子放学后) and a verb — the index of the first verb and of the second,
    if they run so."""
    while k < len(words) and words[k][2] == "d":
        k += 1
    if k >= len(words) or not words[k][2].startswith("v"):
        return None
    verb = k
    k += 1
    while k < len(words) and k - verb <= 4 and words[k][2][:1] in _PIVOT:
        k += 1
    if k == verb + 1 or k >= len(words) or not words[k][2].startswith("v"):
        return None
    return verb, k


def _orders(text: str) -> bool:
    return bool(IMPERATIVE.search(text) or _ASKS_READERS.search(text))


# One other person the message is about or acts for: he or she (他, 她 — tagged r, not 他们) as the
# object of a verb or a preposition (给她发微信，并且要求秒回; 帮我带个话，让他回个电话): a story told
# about someone, or an errand for one — not a demand on the readers, unless the message asks them
# (请, 大家, 各位 …: `told`) or gives a demand before the person is named or in the person's own
# phrase (巡查后拍照发群里，我转给他: the order, then what is done with it; 帮她拍照发群里: asked of the
# reader, for her).
_THIRD = ("他", "她")


def _about_one(folded: str) -> str | None:
    """A verb or a preposition and the one other person it acts on, if the message has one."""
    if _ASKS_READERS.search(folded):
        return None
    for pronoun in _THIRD:
        at = folded.find(pronoun)
        while at >= 0:
            words = words_at(folded, at)
            k = next((k for k, (start, *_) in enumerate(words) if start == at), 0)
            if k > 0 and words[k][1:] == (pronoun, "r") and words[k - 1][2] in ("v", "p"):
                if _QUOTED_DEMAND.search(folded, 0, span_at(folded, at, PHRASE_MARK)[1]):
                    return None  # a demand before the person or beside: given, then explained
                return words[k - 1][1] + pronoun
            at = folded.find(pronoun, at + 1)
    return None


# The proof and reply rules ask the same guards of the same message, one after the other: a
# few entries keep the answer for the second (messages, not history: nothing lasts a scan).
_SHARED = 8


@lru_cache(maxsize=_SHARED)
def is_narrated(folded: str) -> bool:
    return told(folded) is not None


@lru_cache(maxsize=_SHARED)
def neutralize_quotes(folded: str) -> str:
    """Blank out quoted demands ("“看到请扣1”，一天扣八百个1"): quoting is not demanding.

    A quoted reply *object* stays: 请回复“孩子姓名+收到” has no demand verb inside the quotes. So
    does speech reported: an utterance introduced by a colon and whole to its own full stop
    (第二条来了：“看到消息回一下。”) is quoted, whatever it asks — unless the colon follows a
    verb of the reply (请回复：“收到。” names the reply).
    """
    if not any(opening in folded for opening in '“"「『‘'):
        return folded  # no quote opens, as a match of `_QUOTE` must (a test holds it): most

    def blank(m: re.Match[str]) -> str:
        inner = m.group(1)
        if len(inner) <= _QUOTED_MAX and _QUOTED_DEMAND.search(inner):
            return "〔引〕"
        if inner[-1] in _UTTERANCE_END:
            before = folded[: m.start()].rstrip()
            if (
                before.endswith((":", "："))
                and before[-2:-1] not in _REPLY_VERB  # 请回复：“收到。” names the reply
                and "群" not in before[-3:-1]  # 发群里：“…” quotes a post (policies.proof)
            ):
                return "〔引〕"
        return m.group(0)

    return _QUOTE.sub(blank, folded)


_UTTERANCE_END = "。！!？?"
# A quote of a demand is a demand's few words (“看到请扣1”); speech reported after a colon is whole
# sentences, however many (帮扶干部说：“每次去走访贫困户后，我都要…上传到系统…方便。”: a press
# report's interviewee telling their routine) — quotes are read up to `_QUOTE`'s length, their
# demand words only in a quote of at most `_QUOTED_MAX` characters.
_QUOTED_MAX = 40
_REPLY_VERB = "复回扣发"


# The singular honorific (您, 亲) addresses one person; a group demand addresses many. So does a
# role given to the one listener — "you are" at a clause's head, now or pretended (你是…助手,
# 你现在是一名客服, 假装你是人类; not 如果你是…, a condition on whoever reads).
_ONE_ADDRESSEE = compile_lead(
    r"您|阁下|亲亲|亲(?=[，,。！!～~\s哦]|$)|(?<=[哦呢啊呀吧])亲|(?<!\w)(?:假装)?你(?:现在)?是"
    r"|(?<!\w)你好"  # a greeting to one ("你好，请回复收到"; 大家好 greets many)
    r"|我是"  # the speaker introduces themself to one listener ("顾台，收到请回复。我是林浩")
)
GROUP_ADDRESSEE = compile_lead(_MANY)


# The whole group addressed: 大家, 各位, 全体, @所有人, each member or unit (每人, 各部门, 各店),
# the members by any plural but a pronoun's (同学们, 网格员们; not 你们, 我们). 各 before a verb and
# its count (各拍一张) is each doing, no unit: `policies.sure` reads that off the tagger.
WHOLE_GROUP = compile_lead(
    r"大家|各位|全体|所有人|@all|全员|每个?人|每位"
    r"|"
    + _EACH_UNIT  # 各 + any unit
    + r"|(?<![我你您咱俺他她它])们"  # the members by their plural, not a pronoun's
    r"|群(里|内|中)(的|各位|所有|成员)|\ball\s?[,，:：!！]|\beveryone\b|\beverybody\b",
    groups=False,  # tested, or read whole (`policies.sure`): its groups only group
)


def addresses_many(folded: str) -> bool:
    """Does `folded` address the group (`GROUP_ADDRESSEE`, `WHOLE_GROUP`: 大家, 各位, 们 …)?"""
    return bool(GROUP_ADDRESSEE.search(folded) or WHOLE_GROUP.search(folded))


@lru_cache(maxsize=_SHARED)
def addresses_one(folded: str) -> bool:
    # the many first: most texts that get here speak to them, and it is the cheaper search
    if GROUP_ADDRESSEE.search(folded):
        return False
    return bool(_ONE_ADDRESSEE.search(folded)) or asks_if_there(folded) is not None


# "Are you there?": 在 (be present) asked as a yes-no question, in either of the question's forms —
# the verb and 吗 (在吗), or the verb, 不 and the verb again (在不在: the A-not-A question, as
# `QUESTION` reads it on any verb). Asked of one person (一号在不在, 王姐在吗); 大家都在吗 asks the
# many (`GROUP_ADDRESSEE`, read first).
_THERE = "在"
_A_NOT_A = re.compile(r"(\w)不\1")
_YES_NO_PARTICLE = "吗"


def asks_if_there(folded: str) -> str | None:
    """The yes-no question on 在 ("are you there?") in `folded`, as written, if it has one."""
    at = folded.find(_THERE)
    while at >= 0:
        if folded.startswith(_YES_NO_PARTICLE, at + 1):
            return folded[at : at + 2]
        a_not_a = _A_NOT_A.match(folded, at)
        if a_not_a is not None:
            return a_not_a.group()
        at = folded.find(_THERE, at + 1)
    return None


# A prompt's handshake with its one listener, a model: the reply is to say it understood the
# instructions (理解了请回复“收到”, 明白请回复 Yes) — a notice asks whether it was read or
# received — or the speaker and that one "you" in one clause, the two parties of an exchange: the
# speaker's next turn (接下来我会给你具体的任务，…请回复; 每笔交易我都会要求你回复'确认'; 然后我
# 会逐个让你做组件), what "you" are to tell "me" (並告訴我你手上有沒有任務), whatever the modal or
# none. Not the speakers' turn (我们会…), not to many (你们), not the speaker let see any reader
# (扣个1让我看到你: a reader, whoever replies), and not when the message speaks to many
# (大家理解了请回复收到).
_HANDSHAKE = compile_lead(
    r"(?<!不)(明白|理解)了?(的话)?[，,]?(请|就)?回复"
    r"|(?<!让)我(?!们)[^，,。！？!?]{0,12}?你(?!们)"
)


def handshake(folded: str) -> re.Match[str] | None:
    """The words that make a reply demand a prompt's handshake with one listener, if any."""
    if not (("回复" in folded and ("明白" in folded or "理解" in folded)) or "你" in folded):
        return None  # what either of _HANDSHAKE's branches cannot match without
    match = _HANDSHAKE.search(folded)
    return match if match is not None and GROUP_ADDRESSEE.search(folded) is None else None


# The reply a machine asks for, not a reader's: the message is itself the test of a channel or a
# program (系统测试~收到请回复, 链路自测，收到请回1, 企业微信预约通知通道测试，收到后请回复), a test
# message that says so (测试消息, 测试邮件), a program introducing itself (这是客户端的第1条信息,
# 这里是TCP的Client客户端), or an instruction to a model: the reply pinned to one token and nothing
# else (只回复“收到”, 仅回复1 — "reply only"; a notice's "you need only reply" (只需回复收到即可) is no
# machine's —
# 不要说其他的话, 无需展开, 不要调用任何工具 — a tool call, 并忽略其它内容, 简短回复), something to
# memorize (请记住暗号…), the reply as a command that does something (回复“确认”
# 以完成操作, 以接收该代码).
# A notice *about* a test names when it is held or what is done ("明天上午进行系统测试，收到请回复"):
# the test's own clause is then no bare heading.
# (冒烟, a smoke test, heads a program's run as 测试 does: "e2e-… 冒烟：请回复“收到”两个字")
# The heading may name in a word what is tested (测试程序。。收到请回复下, 測試連接，請回覆OK, 测试消息:
# s33-replyprec): a heading's phrase ends within two characters of the test — 测试成绩已出 goes on.
_TEST_HEAD = compile_lead(
    r"(测试|联调|冒烟)(一下)?[\u4e00-\u9fff]{0,2}(?=\s?([，,。！!~～:：\]】)）]|$))"
)
# A test message named whole, wherever it stands (测试邮件将发送至…, 这是系统短信功能测试消息): 测试 the
# attribute of a noun for what a channel carries — the class whole, not the nouns lines showed (s35-review:
# s34-review had trimmed it to 消息, 邮件): 消息 (讯息, 訊息 fold to it), 短信 (簡訊), 彩信, 邮件, 电邮, 推送,
# 私信. Not 通知 or 信息: with 测试 before them they read as well as a notice or the information *about* a
# test (关于期末测试通知，收到请回复, 请查收体能测试信息) — an event announced, which this pattern, read
# before `_ANNOUNCED`, would set aside; the test's own heading (这是一条测试通知，收到请回复) is
# `_TEST_HEAD`'s. Not 字段 (a data field, no message).
_TEST_MESSAGE = compile_lead(r"测试(消息|短信|彩信|邮件|电邮|推送|私信)")
# What makes a test an event announced or asked of people: its time or routine, a verb that holds,
# joins or ends it (not 完成: a test completed heads a program's report, 测试完成。请回复确认，我再继续 —
# s33-replyprec), an order to do it (请大家做好…自测), a notice's topic (关于…测试), or a person's
# own health test (抗原自测, 核酸, 体温自测 — not a channel's).
_ANNOUNCED = compile_lead(
    r"关于|进行|开展|组织|举行|参加|安排|开始|结束|做好|请|要|务必|将|于|[明今昨每]"
    r"|上午|下午|晚上|早上|周|[0-9]+\s?[月号日点时]|抗原|核酸|体温"
)
_HEAD_MARK = re.compile(r"[。！!？?\n，,；;~～:：\[【(（]")
_MACHINE = compile_lead(
    r"这里?是[^，,。！!]{0,12}(客户端|服务端|服务器|client|server|机器人|程序|脚本)"
    # a ban on anything more than the reply, its object a few words on (不要有任何多余解释)
    r"|(不要|别|勿|无需|无须|不用|不必)[^，,。]{0,6}(说其|多余|展开|解释|复述|真的去做|调用[^，,。]{0,2}工具)"
    r"|忽略(其它|其他)|(简短|简单)地?回复|你只(需要?)?[^，,。]{0,4}回复|(只|仅)回复"
    r"|牢?记住?[^，,。]{0,8}(暗号|秘密|数字|列表|代码|口令)"
    # a machine the reply's doer or addressee, in the reply's clause: 希望机器人在群里回复“已记录”,
    # 机器人收到消息后回复原会话, 机器人收到请回复 — not after a preposition (在机器人里回复: a place)
    r"|(?<![在向给对跟和与@])(机器人|bot|程序|脚本)[^，,。！!？?;；\n]{0,8}回复"
)


def machine_talk(folded: str) -> re.Match[str] | None:
    """The words that make a reply demand a machine's — a test of a channel, a program's call, an
    instruction to a model — rather than a notice's to its readers, if any. A program's call or a
    model's instruction is not one when the message speaks to many (大家, 各位 …). Asked only of
    a message a demand shape was found in (`policies.reply`); a test's patterns only where
    one of their first characters is (a test holds them)."""
    if "测" in folded or "联" in folded or "冒" in folded:  # every test's pattern starts so
        found = _TEST_MESSAGE.search(folded)
        if found is not None:
            return found
        head = _test_heading(folded)
        if head is not None:
            return head
    found = _MACHINE.search(folded) or _counted_reply(folded) or _reply_for(folded)
    return found if found is not None and GROUP_ADDRESSEE.search(folded) is None else None


def _test_heading(folded: str) -> re.Match[str] | None:
    """The test that heads `folded` (`_TEST_HEAD`) rather than an event announced, if any."""
    for head in _TEST_HEAD.finditer(folded):
        start = 0
        for mark in _HEAD_MARK.finditer(folded, 0, head.start()):
            start = mark.end()
        if not _ANNOUNCED.search(folded, start, head.end()):
            return head  # the test is this message's own heading, not an event announced
    return None


# The reply as the command that does something: 回复, and a few characters on in its sentence the
# preposition of purpose 以 (tagged p, a word of its own) before a predicate — a verb, an adjective,
# or an adverb as the tagger reads 同意 — what the reply makes a program do: 回复“确认”以修改订单,
# 以继续, 以绑定, 以同意并继续查询, 回复 确认 以完成操作 — in the reply's own phrase. A notice asks
# for the reply as a receipt; a purpose it gives is a word of its own (以便统计, 以示知晓: the tagger
# keeps them whole) or a phrase of its own (在本群回复，以确保信息传达到每位医护人员), and 以下, 以上
# name what to reply with.
_PURPOSE = ("以", "p")
_PREDICATE = ("v", "a", "d")  # the tags a purpose's head may have (vn, ad … by their first letter)
_REPLY_BEFORE = re.compile(r"回复[^，,；;。！？!?]{0,12}$")  # searched up to the 以: in its phrase


def _reply_for(folded: str) -> re.Match[str] | None:
    """The reply and the purpose it serves (回复“确认”以), if `folded` asks for a reply as a
    command: 以 tagged p, a predicate after it (`_PREDICATE`)."""
    at = folded.find(_PURPOSE[0])
    while at >= 0:
        reply = _REPLY_BEFORE.search(folded, max(0, at - 14), at)
        if reply is not None:
            words = words_at(folded, at)
            k = next((k for k, (start, *_) in enumerate(words) if start == at), None)
            if (
                k is not None
                and k + 1 < len(words)
                and words[k][1:] == _PURPOSE
                and words[k + 1][2][:1] in _PREDICATE
            ):
                return reply
        at = folded.find(_PURPOSE[0], at + 1)
    return None


# The reply's length counted in sentences: a count of the measure 句 (tagged m: 一句, 两句) and 话,
# right before a verb (仅用一句话确认收到即可, 请只用一句话回复收到) — how much a model is to say. A notice
# counts the characters of the reply it dictates (回复“收到”二字), never its sentences; 回复也就一句话的事
# (no verb after it) is talk about replying.
_SAID = re.compile(r"句话")


def _counted_reply(folded: str) -> re.Match[str] | None:
    """The sentences counted before a verb (`_SAID`), if `folded` has them."""
    for said in _SAID.finditer(folded):
        words = words_at(folded, said.start())
        k = next((k for k, (start, *_) in enumerate(words) if start > said.start()), len(words))
        counted = words[k - 1] if k > 0 else None
        if counted is None or counted[2] != "m" or k + 1 >= len(words):
            continue
        if words[k][1:] == ("话", "n") and words[k + 1][2].startswith("v"):
            return said
    return None


# A screenshot of a problem asks for help; it proves nothing. Nor does one sent for the speaker to
# look at ("截图发我看看效果", "拍个照片给我看看尺寸"): material for a conversation. Any 错 is a
# problem (错误, 出错, 报错, 填错了, 弹错) but 不错 (good) and 错过 (missed).
TROUBLE = compile_lead(
    r"失败|(?<!不)错(?!过)|不行|冲突|异常|bug|error|提示|打不开|卡住|(发|给)给?我看"
    # a problem met is the condition of the picture, in its own clause (遇到问题截图发服务商, 有问题
    # 随时截图发我) — not "巡查后拍照发群，遇到问题及时上报", where the picture proves the round
    r"|(有|遇到|遇|出现|碰到)(任何|什么)?问题[^，,。；;！!？?]{0,6}(截图|截屏|拍照|拍个照|照片)"
)


# 会 + a verb of the demand tells what someone will do (农户会截图发群里, 我会截图发给王波): a
# prediction or a plan, not an order; 可 (以) + the verb, a few words apart, what one may do
# (反馈问题时可附上此页截图, 如需沟通可截图发到群聊), 可以 a phrase apart (s39-checkin: 可以使用PC端或
# 移动端设备进行拍照打卡, 旅客们可以在三峰塔…进行拍照打卡): an offer, not an order — unless the message
# also gives one (请, 务必, 每天 …) or speaks to the group. The meeting before 会 (开会, 开完会, 班会,
# 家长会 …) is a place, not a modal.
PREDICTED = compile_lead(
    r"(?:(?<![开散晚例大班周早晨机约聚学工教社年酒员谈讨训结署进度头面长议完])会(再|也|都)?"
    r"|可以?[^，,。；;！!？?]{0,4}?|可以[^，,。；;！!？?]{5,20}?)(截图|截屏|拍照|拍下|转发|发群|发到群|上传)"
)


def predicts(folded: str) -> re.Match[str] | None:
    """The 会 + verb (or 可 + verb) of a message that tells what will be done (or may be) and
    orders nothing, if any."""
    match = PREDICTED.search(folded) if "会" in folded or "可" in folded else None
    if match is None or asks_readers(folded):
        return None
    return match


def asks_readers(text: str) -> bool:
    """Does `text` ask (请, 务必, 尽快 …: `IMPERATIVE`) or address the readers (大家, 各位 …:
    `GROUP_ADDRESSEE`)?"""
    return bool(IMPERATIVE.search(text) or GROUP_ADDRESSEE.search(text))


def is_question(text: str) -> bool:
    """Does `text` end as a question (an aside in a pile-up, not a new notice)?"""
    return fold(text).rstrip(" ~～。.!！").endswith(("?", "？", "吗", "呢"))


_SENTENCE_MARK = re.compile(r"[。！!？?\n]")
PHRASE_MARK = re.compile(r"[。！!？?\n，,；;]")


@cache
def _last_mark(marks: str) -> re.Pattern[str]:
    """The last mark before a position, found in one match: any text, then a mark (the longest
    such). Keyed by the marks' source, so any pattern object with those marks gets the same."""
    return re.compile(r"(?s:.*)" + marks)


@cache
def _marks(marks: str) -> re.Pattern[str]:
    """The marks' own pattern, from their source (`_span_at`'s key)."""
    return re.compile(marks)


def span_at(folded: str, position: int, marks: re.Pattern[str] = _SENTENCE_MARK) -> tuple[int, int]:
    """Where the sentence around `position` (or its comma-delimited part, with `PHRASE_MARK`)
    starts, and where its closing mark stands (the text's end when it has none)."""
    return _span_at(folded, position, marks.pattern)


@lru_cache(maxsize=32)  # the rules of one message ask for the same span one after the other
def _span_at(folded: str, position: int, marks: str) -> tuple[int, int]:
    """`span_at`, keyed by the marks' source (a pattern's hash reads its whole code)."""
    end = _marks(marks).search(folded, position)
    last = _last_mark(marks).match(folded, 0, position)
    return last.end() if last else 0, end.start() if end else len(folded)


def clause_at(folded: str, position: int, marks: re.Pattern[str] = _SENTENCE_MARK) -> str:
    """The sentence around `position` (or its comma-delimited part, with `PHRASE_MARK`), with
    its closing mark."""
    start, end = span_at(folded, position, marks)
    return folded[start : end + 1]  # a mark is one character; past the end, slicing stops
