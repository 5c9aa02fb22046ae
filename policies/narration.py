"""A demand told, not given: the reply or the picture narrated (`jianfu classify --explain`).

An order speaks to its readers about something not yet done; a narrative tells what somebody
did or does. A demand is narrated when every verb of its kind in the message — a reply's (回复,
回个, 扣1), a picture's (拍照, 截图, 上传, 发…群) — is, by a mark on it:

- aspect — done, going on or, for a reply, to come: 回复了, 回了个, 已经回复, 陆续上传, 正在
  截图, 会在看到后回复 (not 回复了解, not 回复了吗: a word, a question);
- manner — an adverbial with 地 just before the verb: 一连串地回复, 纷纷地上传 (how it was done);
- repetition — the adverb 又 before the verb in its phrase: 又要转发朋友圈截图 (met once more);
- advice — the verb's sentence opens with 建议 (建议大家…时，要么附上截图): suggested, not ordered;
- a condition — 如果 heads the reply's phrase, the reply its predicate, and the sentence goes on to
  what follows from it (如果回复“收到”或“好的”,这两个选项都不够好; 如果你没有回复,领导…): weighed, not asked;
- the copula — 是 joins the reply to what it is, its complement or its subject (正确的做法是,回复:收到;
  及时回复“收到”是一种礼节和态度): a model answer named, a reply weighed;
- the verb turned into a noun or a time: 回复的人, 回复“收到”的次数, 第一个回复的“出头鸟”,
  不回复时 — or into a noun's modifier: 只会固定回复“收到”的替身进程, 回复的概率;
- an indefinite or third-person subject before it in a sentence that asks nothing: 某网友,
  某单位, and heading a phrase 有的, 有人, 部分, 多数, 他, 她, or someone unnamed counted with 一
  or 几 (一些人, 一名干部 — the grammar's numeral and noun, `_counted_subject`);
- for a picture, a verb in the perfect with its count before it (发出了一张…照片);

and no verb stands in a phrase that asks or addresses the readers (请, 务必, 尽快, 大家, 各位 —
`guards.IMPERATIVE`, `guards.GROUP_ADDRESSEE`). A sentence that narrates one verb tells its
other verbs too: "同事们回复了，可是还有三个同事没有回复" is a story, not a chase. A quoted demand
is blanked first (`guards.neutralize_quotes`): the story that quotes an order is read without it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# proof's medium is read at call time (proof imports segment, which imports reply, which reads
# this module)
from policies import proof as _proof
from policies.guards import (
    GROUP_ADDRESSEE,
    IMPERATIVE,
    PHRASE_MARK,
    asks_readers,
    neutralize_quotes,
    span_at,
)
from policies.lead import compile_lead
from policies.segment import tag_words, word_tags, words_tagged

# The words of each demand: a reply's verb (回复, 回个, 回了, 扣1) — 回 with the character it makes
# a word with — and a picture's medium (拍照, 截图, 照片, 定位 — `policies.proof`'s).
_REPLY = compile_lead(r"回[\u4e00-\u9fff]?|扣")
# Aspect on the verb: after it (回复了“好”, 回了个收到, 就回复了 — not 了解, not a question's 了吗,
# and not on a verb negated: 就差你们几个没回了 is a chase, its 了 a change of state), or an adverb of
# the done or the going on just before it (已经在群里回复, 陆续上传, 正在截图).
_AFTER = compile_lead(r"[了过](?![解吗么没])")
_NEGATED = compile_lead(r"(?<=[没未不])")
_BEFORE = compile_lead(r"(已经?|陆续|正在)(在[^,，。;；!！?？请]{1,8})?$")
# A reply to come, or the one someone would give: the modal before the verb (会在看到后回复) —
# not a picture's medium, a noun (班会照片).
_MODAL = compile_lead(r"会(在[^,，。;；!！?？请]{1,8})?$")
# A step joined to the act before it: the conjunction 并 right before the reply's verb (处理心跳并回复确认,
# 持久化到会话并回复确认, 排队执行，并回复确认, 将被记录并回复确认) — a procedure's steps, what a program or a
# bot does, in a message that neither asks nor addresses anyone (`asks_readers` over the whole text):
# 以上请知悉，并回复确认 and 各班组长务必传达…，并在群里回复确认 ask, and every real demand joined by 并
# met asks so.
_JOINED = compile_lead(r"并(在[^,，。;；!！?？请]{1,8})?$")


def _joined(text: str, start: int, verb: re.Match[str]) -> str | None:
    """The 并 (`_JOINED`) that joins the reply's verb to the act before it in its phrase (from
    `start`), when nothing in the message asks or addresses the readers."""
    joined = _JOINED.search(text, start, verb.start())
    return joined.group() if joined is not None and not asks_readers(text) else None


# The verb as a noun (…的人, …的次数, …的“出头鸟”) or a time that ends its phrase (不回复时,).
_NOMINAL = compile_lead(r"^[^,，。;；!！?？请]{0,8}?(的(人|次数|[“\"])|的?(?<!小)时候?$)")
# An indefinite or third-person subject before the verb in its sentence: a certain one (某网友,
# 某单位), or at the head of a phrase (after a modifier with 的 at most) some (有的, 部分, 多数),
# someone (有人: 有人只在群里回复收到 — not 还有人没回, not 所有人, which head nothing), he, she
# — not "这是部分内容", not 其他人.
# Or the sentence an example (比如, 例如, 譬如, 比方说 heading it before a comma or a colon): a case
# told to show what is meant — not 比如 within a sentence, listing what a notice asks for
# (请上报材料，比如照片、视频).
_SUBJECT = compile_lead(
    r"某|(?<![^,，;；:：。!！?？\n])([^,，。;；:：!！?？\n]{0,10}?的)?(有的|有人|部分|多数|[他她])"
    r"|(?<![^。!！?？\n])(比如|例如|譬如|比方说)[,，:：]"
)


# An obligation conceded: a contrast (但, 但是, 可是, 却) and a modal of need right before the reply's
# verb, after a sentence that asks no one — 真的很想摔手机，但必须回复; 脑子断线但必须回复: the
# speaker's own state or wish, then the reply owed anyway (a complaint told, not an order given).
# After an order the contrast still orders (大家…，但必须回复: the readers addressed), and after a
# leave given, what may be left undone (可以不评论，但必须回复; 不用发表意见，但必须回复收到): a
# rule's two halves, both for the readers.
_CONCEDED = compile_lead(r"(?:但是?|可是|却)(?:还是|仍然|也)?(?:必须|只能|还得)$")
_LEAVE = compile_lead(r"可以|不用|不必|无需|无须")


def _conceded(text: str, verb: re.Match[str], start: int) -> str | None:
    """The contrast and modal that concede the reply owed in this phrase (from `start`), when
    nothing before them in the sentence asks or addresses the readers."""
    conceded = _CONCEDED.search(text, start, verb.start())
    if conceded is None:
        return None
    sentence_start, _ = span_at(text, verb.start())
    before = text[sentence_start : conceded.start()]
    return None if asks_readers(before) or _LEAVE.search(before) else conceded.group()


# The reply as a condition: 如果 heading the reply's phrase, the reply the condition's predicate (no verb
# of the tagger's between them but a negated one: 如果回复“收到”或“好的”,这两个选项都不够好; 如果你没有回复,
# 领导心里就会感到焦虑), and the sentence going on past that phrase to what follows from it — what a
# reply, or none, would bring about, weighed in a column on etiquette, not asked. A reading condition
# keeps the reply its consequence (如果收到回复一下: 收到 is a verb before it), and a phrase that asks or
# addresses the readers was read before the marks (`_asks`: 如果大家没有回复，请…).
_IF = ("如果", "c")
_VERB = "v"


def _conditioned(text: str, start: int, verb: int, sentence_end: int) -> str | None:
    """The 如果 (`_IF`) heading the phrase (from `start`) whose predicate is the reply's verb at
    `verb` — only a verb negated (`_NEGATED`: 没有, 不) between them — when the sentence goes on
    after the phrase (a phrase mark before `sentence_end`)."""
    head = text[start:verb].lstrip()
    if not head.startswith(_IF[0]) or PHRASE_MARK.search(text, verb, sentence_end) is None:
        return None  # no condition heading the phrase, or nothing follows from it
    at = verb - len(head)
    words = tag_words(head)
    if not words or words[0] != _IF:
        return None
    for word, flag in words:
        if flag.startswith(_VERB) and not _NEGATED.match(text, at + 1):
            return None  # a verb of its own before the reply (如果收到回复一下): the condition's
        at += len(word)
    return _IF[0]


# The reply joined by the copula 是 to what it is: its complement — a way, a model answer, the least
# one should do, named (小周正确的做法是,回复:收到; 最基本的是回复“好的”“明白”“收到”) — or its subject, the
# reply weighed (在工作中及时回复 “收到” 是一种礼节和态度): a column's statement of what a reply is, not an
# order. 是 is the word alone (tagged v by the tagger: not 还是, 就是, 只是, 是否, 要不是). Before the reply,
# 是 has a subject of its own in its phrase (not 是，回复收到: an assent heading the answer), only a comma
# or a colon between it and the reply, and nothing before the reply in its sentence asks or addresses the
# readers (大家要做的是回复收到; 唯一的要求是回复收到: 要求 asks). After the reply, 是 follows its object
# (the formula, `_OBJECT_MAX`) in its phrase; there too nothing before the reply in its sentence asks or
# addresses the readers (各位，回复“收到”是最基本的礼貌 speaks to them), and a phrase that asks (回复收到是
# 必须的: 必须) was read before the marks (`_asks`).
_COPULA = ("是", "v")
_BETWEEN = ",，:："


def _copula(text: str, verb: re.Match[str], start: int, sentence: tuple[int, int]) -> str | None:
    """The copula 是 (`_COPULA`) that makes the reply at `verb` (its phrase from `start`, its
    `sentence`) the complement or the subject of what the sentence says it is, if one does."""
    if asks_readers(text[sentence[0] : verb.start()]):
        return None
    before = text[sentence[0] : verb.start()].rstrip()
    if before.endswith(tuple(_BETWEEN)):
        before = before[:-1].rstrip()
    if before.endswith(_COPULA[0]):
        at = sentence[0] + len(before) - 1
        head = span_at(text, at, PHRASE_MARK)[0]
        words = [word for word in tag_words(text[head : at + 1]) if word[0].strip()]
        if len(words) < 2 or words[-1] != _COPULA:
            return None
        return _COPULA[0] + verb.group()
    at = text.find(_COPULA[0], verb.end(), verb.end() + _OBJECT_MAX + 1)
    if at < 0 or PHRASE_MARK.search(text, verb.end(), at):
        return None
    position = verb.start()
    for word in tag_words(text[verb.start() : span_at(text, at, PHRASE_MARK)[1]]):
        if position == at:
            return verb.group() + text[verb.end() : at + 1] if word == _COPULA else None
        position += len(word[0])
    return None


def _framed(
    text: str, verb: re.Match[str], proof: bool, start: int, sentence: tuple[int, int]
) -> str | None:
    """The frame that makes the verb's phrase (from `start`) or its `sentence` no order: a reply
    as a condition (`_conditioned`), or a suggestion heading the sentence (`_ADVICE`)."""
    conditioned = None if proof else _conditioned(text, start, verb.start(), sentence[1])
    if conditioned is not None:
        return conditioned + verb.group()
    if text[sentence[0] : verb.start()].lstrip().startswith(_ADVICE):
        return _ADVICE  # 建议大家…，要么附上截图: the sentence is a suggestion, not an order
    return None if proof else _copula(text, verb, start, sentence)


def _mark(text: str, verb: re.Match[str], proof: bool, start: int, end: int) -> str | None:
    """The first mark that narrates this word by itself — aspect, a noun, a narrated subject —
    if one does; its phrase runs from `start` to `end`."""
    after = None if proof else _aspect(text, verb)  # a medium is a noun: 发照片了 ends with 了
    if after is not None:
        return text[verb.start() : after.end()]
    if proof:  # a picture's verb in the perfect before it: 该工作群立即发出了一张…照片
        done = _done_before(text, start, verb.start(), verb.end(), end)
        if done is not None:
            return done + text[verb.start() : verb.end()]
    before = _BEFORE.search(text[start : verb.start()])
    if before is None and not proof:
        before = _MODAL.search(text[start : verb.start()])
    if before is not None:
        return before.group() + verb.group()
    how = _manner(text, start, verb.start()) or (None if proof else _joined(text, start, verb))
    if how is not None:
        return how + verb.group()
    again = _again(text, start, verb.start(), end)
    if again is not None:
        return again + verb.group()
    nominal = _as_noun(text, verb, proof, end)
    if nominal is not None:
        return nominal
    sentence_start, sentence_end = span_at(text, verb.start())
    framed = _framed(text, verb, proof, start, (sentence_start, sentence_end))
    if framed is not None:
        return framed
    subject = _SUBJECT.search(text, sentence_start, verb.start())
    said = subject.group() if subject else _counted_subject(text, sentence_start, verb.start())
    if said is None and not proof:
        said = _party_after(text, start, verb.start(), sentence_end)
    if said is not None and not _orders_around(text, sentence_start, sentence_end, verb.end()):
        return said  # 部分村还没上传照片，请尽快上传: the sentence asks
    return None


# The outcome of the example's action, in a phrase after it: the readers its subject, the adverb 就
# (tagged d) after them, a change of state (了, tagged ul) ending it — …拍成照片发到群里，大家就都知道
# 了 ("then everyone knows"): the group is who learns, not who is ordered. Not 大家就在群里回复收到吧
# (no state changed: an order), not 比如巡查时，大家拍照发到群里 (the readers do the action itself).
_THEN = ("就", "d")
_CHANGED = ("了", "ul")


def _outcome(phrase: str) -> bool:
    """Is `phrase` a result clause whose subject is the readers (`_THEN`, `_CHANGED`)?"""
    group = GROUP_ADDRESSEE.search(phrase)
    if group is None or _THEN[0] not in phrase[group.end() :] or IMPERATIVE.search(phrase):
        return False  # no readers, nothing after them to tag, or an order
    words = tag_words(phrase.rstrip())
    if not words or words[-1] != _CHANGED:
        return False
    at = 0
    for word in words:
        if word == _THEN and at >= group.end():
            return True
        at += len(word[0])
    return False


def _orders_around(text: str, start: int, end: int, after: int) -> bool:
    """Does the sentence from `start` to `end` ask or address the readers (`asks_readers`) — but in a
    phrase after the verb (ending at `after`) that is its outcome (`_outcome`)?"""
    if not asks_readers(text[start:end]):
        return False  # the common case: nothing in the sentence asks
    head = start
    for mark in [*PHRASE_MARK.finditer(text, start, end), None]:
        tail = mark.start() if mark is not None else end
        phrase = text[head:tail]
        if asks_readers(phrase) and not (head >= after and _outcome(phrase)):
            return True
        head = tail + 1
    return False


# The verb in a modifier of the noun that ends its phrase: 的 a few characters after it (its object
# between), then words the tagger reads ending in a noun (n), with no verb of a reply among them —
# 只会固定回复“收到”的替身进程, 收到消息后回复的概率: a kind of thing or a measure named, not an order.
# Not a verb negated (还没回复收到的同学: the silent picked out, a chase's), not a pronoun's 的
# (收到后回复我们的值班群: the noun is where the reply goes), not a phrase going on to its verb (…的业主
# 回复一下: its last word no noun); a phrase that asks (请没回复的家长…) is read before the marks (`_asks`).
_OF = "的"
_OBJECT_MAX = 8  # characters between the verb and its 的: the object it takes (“收到”, 一下)
_NOUN = "n"
_POSSESSOR = "r"  # a pronoun before the 的 (我们的, 你的): the noun is then the reply's object


def _as_noun(text: str, verb: re.Match[str], proof: bool, end: int) -> str | None:
    """The verb turned into a noun or a time (`_NOMINAL`: 回复的人, 不回复时) or, a reply's, into a
    noun's modifier (`_modifies_noun`), with the words that make it one."""
    nominal = _NOMINAL.search(text[verb.end() : end])
    if nominal is not None:
        return verb.group() + nominal.group()
    modified = None if proof else _modifies_noun(text, verb, end)
    return None if modified is None else verb.group() + modified


def _modifies_noun(text: str, verb: re.Match[str], end: int) -> str | None:
    """The words from the verb's end to its phrase's `end` when they make the verb a noun's
    modifier (`_OF`, `_NOUN`) — tagged only when a 的 follows the verb closely."""
    of = text.find(_OF, verb.end(), min(end, verb.end() + _OBJECT_MAX + 1))
    if of < 0 or _NEGATED.match(text, verb.start()):
        return None
    if any(flag == _POSSESSOR for _, flag in tag_words(text[verb.end() : of])):
        return None  # 回复我们的值班群: a pronoun's 的, the noun the reply's object
    rest = text[of + 1 : end]
    words = [word for word in tag_words(rest) if word[0].strip()]
    if not words or words[-1][1] != _NOUN or _REPLY.search(rest):
        return None
    return text[verb.end() : end]


# A step of a procedure told: a party named as the subject heading the reply's phrase, then when
# it replies (服务端收到后回复一个固定信息，如果…; Follower 收到后回复心跳应答包; B 看到后回复，然后双方
# 决策) — a protocol, a program or a game described, not the readers asked. The party is a word the
# tagger reads as a noun (n, nz, vn) or a Latin-letter name (eng) — not a person's name (nr), a
# pronoun (r: 大家, 各位), nor a noun with the plural 们 (家长们: the readers) — and the phrase says
# when (后). A Chinese noun tells only in a sentence that goes on to its next step, the next phrase
# opening with a conjunction (tagged c: 然后, 如果, 但, 否则): a short "家长收到后回复" may be an
# order without 请; a Latin-letter party tells anyway.
_PARTY = ("n", "nz", "vn", "eng")
_WHEN = ("后", "f")
_NEXT_STEP = "c"


def _party_after(text: str, start: int, verb: int, sentence_end: int) -> str | None:
    """The party heading the phrase (from `start`) that replies after something (X 收到后回复),
    as written — read by the tagger (`policies.segment.tag_words`) only when the phrase has 后."""
    if _WHEN[0] not in text[start:verb]:
        return None  # no "after": no step told — nothing to tag
    words = [word for word in tag_words(text[start:verb]) if word[0].strip()]
    if len(words) < 3 or words[0][1] not in _PARTY or _WHEN not in words[2:]:
        return None
    if words[1][0] == "们":
        return None  # 家长们收到后回复: the readers by their plural
    if words[0][1] != "eng" and not _goes_on(text, verb, sentence_end):
        return None
    return words[0][0]


def _goes_on(text: str, verb: int, sentence_end: int) -> bool:
    """Whether the phrase after the reply's (from `verb`) in its sentence opens with a conjunction
    (`_NEXT_STEP`: 然后, 如果, 但 …), the next step of what is told."""
    mark = PHRASE_MARK.search(text, verb, sentence_end)
    if mark is None:
        return False
    words = [word for word in tag_words(text[mark.end() : sentence_end]) if word[0].strip()]
    return bool(words) and words[0][1] == _NEXT_STEP


# A suggestion heading the sentence of the verb (建议大家…时，附上截图): advice on what one may do,
# not an order — unless the verb's own phrase asks or addresses the readers (`_asks`, read first:
# 建议大家拍照发群 in one phrase still speaks to them). A suggestion in a sentence of its own (…拍照发群
# 打卡。建议每天练1遍) leaves the order before it given.
_ADVICE = "建议"


# The structural particle of a manner adverbial (一连串地, 齐刷刷地, 默默地), by its tag: the words
# the dictionary tags uv (地 alone), looked up before the phrase is tagged.
_MANNER = "uv"


def _manner(text: str, start: int, verb: int) -> str | None:
    """A manner adverbial just before the verb, in its phrase (from `start`): a word, then the
    particle 地 (tagged uv by `policies.segment.tag_words`) — 我们照例一连串地回复“收到”, 家长们纷纷
    地拍照上传: how it was done, an event told. Not 原地 or 场地 (a noun the tagger keeps whole: 到场地
    拍照), and not in a phrase that asks (请认真地回复: `_asks`, read before the marks)."""
    if text[verb - 1 : verb] not in words_tagged(_MANNER):
        return None  # no 地 glued to the verb: nothing to tag
    words = tag_words(text[start:verb])
    if len(words) < 2 or words[-1][1] != _MANNER:
        return None
    return words[-2][0] + words[-1][0]


# The adverb of repetition (又, tagged d): 又要转发朋友圈截图, 又得回复收到 — the demand met once more,
# complained of or told; an order gives its demand, it does not count it (再 asks a repetition:
# 再拍一张). Not the correlative 又…又… (又是打卡又是拍视频: both … and …, a list, no repetition).
_AGAIN = ("又", "d")


def _again(text: str, start: int, verb: int, end: int) -> str | None:
    """The adverb 又 (again) in the phrase before the verb (the phrase runs from `start` to
    `end`), as the tagger cuts it (`policies.segment.tag_words`: 又 its own word, tagged d — not
    一又二分之一), with the words after it up to the verb; None for the correlative 又…又…."""
    at = text.find(_AGAIN[0], start, verb)
    if at < 0 or text.find(_AGAIN[0], at + 1, end) >= 0:
        return None  # no 又 before the verb (nothing to tag), or two: 又…又… pairs, no repetition
    position = start
    for word in tag_words(text[start:verb]):
        if word == _AGAIN:
            return text[position:verb]
        position += len(word[0])
    return None


def _asks(text: str, verb: re.Match[str], start: int, end: int) -> bool:
    """Does the phrase of this word (from `start` to `end`) ask or address the readers? Before
    a verb turned into a noun it counts from `_heads_noun`."""
    if _NOMINAL.search(text[verb.end() : end]) is not None:
        start = _heads_noun(text, start, verb.start())
    return asks_readers(text[start : verb.start()]) or asks_readers(text[verb.end() : end])


# The numerals of an unnamed someone: 一 (a, one: 一名, 一些) and 几 (a few: 几位) — not a number
# counted out (三名同学负责拍照 assigns a task), not the ordinal 第 (第二天, 第二阶).
_SOME = "一几"


def _someone(word: tuple[str, str]) -> bool:
    """An indefinite numeral and a measure (一些, 一名, 几位: tagged m, its first character in
    `_SOME`, the rest a measure word, tagged q) — not 一线班组长 (一线 is front-line: 线 a noun)."""
    numeral, flag = word
    return flag == "m" and numeral[0] in _SOME and word_tags().get(numeral[1:]) == "q"


def _may_head(text: str, head: int, end: int) -> bool:
    """Whether an indefinite numeral (`_SOME`) stands before `end` where `_counted_subject` can read
    it as heading the phrase at `head`: at the head, or right after a 的 (its modifier's:
    厦门市同安区的一名干部) — looked up before the phrase is tagged."""
    return any(
        text[at] in _SOME and (at == head or text[at - 1] == "的") for at in range(head, end)
    )


def _counted_subject(text: str, start: int, verb: int) -> str | None:
    """An unnamed someone heading a phrase before the verb in its sentence: an indefinite numeral
    with its measure (tagged m by `policies.segment.tag_words`, `_SOME`: 一些, 一名, 几位) and the
    noun it counts — 一些人在工作群里…发到群里, 厦门市同安区的一名干部…上传到工作群: some people,
    a cadre, told. Before it at most a modifier with 的; the noun not the picture itself (一张照片
    都没发). Not 三名同学负责拍照 (a number counted out: a task assigned), not 第二天会长… (a rank),
    not 每个, 各, 大家 (the readers, not tagged m), not 还有三个同事没有回复 (还有 heads the
    phrase), not 通知：一名同学… (a colon is no phrase mark here: the notice heads the phrase)."""
    if not any(numeral in text[start:verb] for numeral in _SOME):
        return None  # no indefinite numeral before the verb: nothing to tag
    heads = [start] + [mark.end() for mark in PHRASE_MARK.finditer(text, start, verb)]
    for head in heads:
        if not _may_head(text, head, min(verb, head + 12)):
            continue  # no numeral where the words read below can put it: nothing to tag
        words = tag_words(text[head:verb])
        modifier = next((k + 1 for k, (word, _) in enumerate(words[:6]) if word == "的"), 0)
        if sum(len(word) for word, _ in words[:modifier]) > 11:
            modifier = 0
        at = modifier
        some = at + 1 < len(words) and _someone(words[at])
        if some and words[at + 1][1].startswith("n"):
            counted = words[at][0] + words[at + 1][0]
            if _proof._MEDIUM_RE.search(counted) is None:
                return counted
    return None


def _done_before(text: str, start: int, medium: int, after: int, end: int) -> str | None:
    """A verb in the perfect with its counted object (a verb tagged v, 了, a numeral and measure
    tagged m) before a picture's medium in its phrase, the medium ending what is done there:
    发出了一张…照片, 上传了三张截图 — sent, told. Not 去了的话发张现场照片 (了 in a condition, no
    count after it), not 拍了两张照片发群里 (a verb after the medium: what is to be done with the
    picture taken), not 发照片了 (a 了 after the medium ends a sentence: 大家发照片了 asks)."""
    if "了" not in text[start:medium]:
        return None  # no perfective 了 before the picture: nothing to tag
    words = tag_words(text[start:medium])
    done = next(
        (
            words[k - 1][0] + "了"
            for k in range(len(words) - 2, 0, -1)
            if words[k] == ("了", "ul")
            and words[k - 1][1].startswith("v")
            and words[k + 1][1] == "m"
        ),
        None,
    )
    if done is None or any(flag.startswith("v") for _, flag in tag_words(text[after:end])):
        return None
    return done


def _aspect(text: str, verb: re.Match[str]) -> re.Match[str] | None:
    """The aspect marker after a reply's verb (回复了, 回了个, 回过), if it has one."""
    if _NEGATED.match(text, verb.start()):
        return None  # 没回了, 还没回复过: not done, whatever 了 says
    return _AFTER.match(text, verb.end()) or _AFTER.match(text, verb.start() + 1, verb.end())


def reply_told(phrase: str) -> str | None:
    """The first reply verb of `phrase` told by its aspect (回了个收到, 都回复了“收到”, 回复过), if
    one is: `policies.reply` reads a demand's own phrase with it (…家长回复了，还没回复的请回复 tells,
    then asks)."""
    for verb in _REPLY.finditer(phrase):
        after = _aspect(phrase, verb)
        if after is not None:
            return phrase[verb.start() : after.end()]
    return None


def done_before(text: str, at: int) -> str | None:
    """The adverb of the done or the going on (`_BEFORE`: 已, 已经, 陆续, 正在) right before the demand's
    verb at `at` in its phrase, if one is: 买家已确认收到货物, 管理员已确认收到补款, 本人已确认收到 — a
    confirmation reported, not asked (请确认已收到 asks: its 已 is on what was received, after the verb)."""
    start = span_at(text, at, PHRASE_MARK)[0]
    found = _BEFORE.search(text[start:at])
    return found.group() if found else None


# The time of the next step: a confirmation, or a reply with its confirmation, then 后 (之后, 以后) —
# 买家确认收到后，由卖家将订单设为已完成; 用户回复确认后执行; 确认收到后待办必须维持置顶: when something else
# is done, said of a procedure. Not when its phrase asks or addresses the readers before it (请确认收到后
# 开始工作, 请大家回复收到后再离开: both steps asked, the first one too).
_STEP_AFTER = compile_lead(r"[之以]?后")


def time_of_next(text: str, start: int, end: int) -> str | None:
    """The 后 that makes the demand's words (`text[start:end]`) the time of what follows, if it does
    and nothing before them in their phrase orders (`asks_readers`)."""
    then = _STEP_AFTER.match(text, end)
    if then is None and not text[start:end].endswith(_STEP_MARK):
        return None
    if asks_readers(text[span_at(text, start, PHRASE_MARK)[0] : start]):
        return None
    return text[start : then.end() if then else end]


_STEP_MARK = "后"  # READ_CONDITION's own 后, read with the confirmation (确认收到后)


def _heads_noun(text: str, start: int, verb: int) -> int:
    """Where the phrase before a verb turned into a noun starts to count for an order: after the
    asking word that heads the noun with it (要求回复“收到”的次数: no order), else where it
    starts (请各部门回复…的人数 still asks)."""
    ends = [asking.end() for asking in IMPERATIVE.finditer(text, start, verb)]
    return verb if ends and ends[-1] == verb else start


@lru_cache(maxsize=16)  # asked once a demand shape was found, by classify and by explain
def narrated(folded: str, proof: bool = False) -> str | None:
    """The mark that makes every word of the demand (a reply's verb, or with `proof` a picture's
    medium) in `folded` told rather than given, if one does. A word in a phrase that asks or
    addresses the readers is given: 没回复的请尽快回复 tells, then asks."""
    text = neutralize_quotes(folded)
    verbs: list[re.Match[str]] = []
    marks: list[str | None] = []
    # the words found one by one: once one asks, the rest of the text is not searched
    for verb in _proof._mediums(text) if proof else _REPLY.finditer(text):
        start, end = span_at(text, verb.start(), PHRASE_MARK)
        conceded = None if proof else _conceded(text, verb, start)
        if conceded is None and _asks(text, verb, start, end):
            return None  # asked before its marks are looked for: most demands ask
        verbs.append(verb)
        marks.append(conceded or _mark(text, verb, proof, start, end))
    for k, verb in enumerate(verbs):
        if marks[k] is None:  # the story of its sentence (同事们回复了，还有三个同事没有回复)
            start, end = span_at(text, verb.start())
            marks[k] = next(
                (m for j, m in enumerate(marks) if m and start <= verbs[j].start() < end), None
            )
            if marks[k] is None:
                return None
    return marks[0] if marks else None
