"""Who is speaking: the signature an ack may carry ("收到-财务科王芳", "三组李四收到", "（602 张三妈妈）").

A signature is a short run of parts, each from a closed grammar, never free text:

- a person: a common surname + one or two given-name characters (王芳, 欧阳明), 老/小/阿 + one
  character (老张, 小美), or a surname + a title (王老师, 李主任);
- a unit: up to eight characters ending in a unit word (财务科, 幸福里社区, 三组, 602室, 城管中队);
- a title or kin word alone (老师, 领导, 护士长; 乐乐妈妈, 3班家长);
- an id: a room, a plate or a staff number (3-402, a1023);
- a Latin name of one or two words (lily, kevin wang).

Given-name and unit characters exclude particles and content characters (了, 吗, 不, 我, 想 …),
so "货了", "我们科" or "不错" are never a signature: a sentence cannot pass as a name.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# The ~150 most common surnames (over 85 % of the population) and the common compound ones.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
    "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫"
    "费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = "欧阳 司马 诸葛 上官 东方 慕容 令狐 皇甫 尉迟 公孙 司徒 夏侯 长孙 宇文 端木 轩辕 呼延 独孤".split()
# The most common Japanese family names, as Chinese text writes them (colleagues in a Japanese
# firm, a name kept from Japanese): a given name of one or two characters, or in kana, follows.
JAPANESE_SURNAMES = """佐藤 铃木 高桥 田中 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 佐佐木 山口 松本 井上 木村 斋藤
    清水 山崎 池田 桥本 阿部 石川 山下 中岛 石井 小川 前田 冈田 长谷川 藤田 后藤 近藤 村上 远藤 青木 坂本
    福田 太田 西村 藤井 冈本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 柴田
    酒井 工藤 横山 宫崎 宫本 内田 高木 安藤 岛田 谷口 大野 高田 丸山 今井 河野 藤本 村田 武田 上野 杉山
    增田 平田 大冢 千叶 久保 松井 小岛 岩崎 樱井 野口 松尾 野村 木下 菊地 佐野 大西 杉本 新井 菅原 市川""".split()
# Characters that end a unit's name.
UNIT_WORDS = sorted(
    """科 处 室 部 办 组 队 中心 社区 村 班 局 所 站 院 校 委 委员会 协会 商会 理事会 网格 车间 股 厅 公司 分局 支部
    党支部 支队 大队 中队 小组 年级 学院 医院 病区 片区 街道 镇 乡 楼 栋 单元 门店 店 项目部 工区 小区 幼儿园 中学 小学
    大学 办公室 服务中心 事务所 分行 支行 银行 工作站 卫生院 派出所 监狱 仓库 厂 矿 馆 网点 岗 岗亭 物业 门市 宿舍 床 列车 车队 班组 门诊 药房 护理部 教研组 备课组 专班 工作组 专案组 指挥部 居委会 村委会 党委 党总支 工会 团委""".split(),
    key=len,
    reverse=True,
)
TITLES = sorted(
    """老师 领导 主任 书记 副书记 局长 副局长 科长 副科长 处长 所长 站长 院长 校长 园长 经理 总监 组长 队长 班长
    长官 群主 管理员 护士长 护士 医生 大夫 老板 师傅 会计 出纳 社工 网格员 委员 主席 干事 助理 同志 专员 主管 部长 厂长 馆长 行长
    村长 支书 镇长 乡长 县长 教练 辅导员 班主任 秘书 文书 司机 保安 民警 辅警 警官 律师 工程师 技术员
    楼长 店长 骑手 馆员 总经理 副总 职员 科员 队员 组员 网格长 户长 宿管 门卫 值班员 驾驶员 乘务员 业务员 客服 质检员""".split(),
    key=len,
    reverse=True,
)
KIN = sorted(
    "妈妈 爸爸 家长 妈 爸 奶奶 爷爷 外婆 外公 姥姥 姥爷 姐姐 哥哥 姐 哥 爸比 麻麻 监护人 业主 车主 家属 户主 住户 商户 租户".split(),
    key=len,
    reverse=True,
)
# Never part of a name or a unit: particles, pronouns, negation, the degree adverbs said before an
# adjective (很 太 真 最 挺 蛮: "碧螺春挺好的" judges the tea, no 挺 signs it), verbs and words of content.
STOP_CHARS = (
    "了吗呢吧啊呀哦噢嘛啦哈的地得着过么我你他她它们就再又要能去发改看做写打找查带用在可但回扣复有没不还说问"
    "请让被这那哪啥怎把给会已收到阅好谢感辛苦很太真最挺蛮都也和与跟及或是否个些点来出到今昨天午晚早时候"
)
_CJK_FREE = rf"(?:(?![{STOP_CHARS}])[\u4e00-\u9fff])"
_NUM = r"(?:[0-9]{1,4}|[一二三四五六七八九十两]{1,3})"
_LONG_SURNAMES = sorted((*COMPOUND_SURNAMES, *JAPANESE_SURNAMES), key=len, reverse=True)
# The two-character surnames are tried one by one: a guard on their first characters lets the
# engine skip them all at once where none can start (most places a name is looked for).
_SURNAME = (
    f"(?:(?=[{''.join(sorted({name[0] for name in _LONG_SURNAMES}))}])"
    f"(?:{'|'.join(_LONG_SURNAMES)})|[{SURNAMES}])"
)
# Kana: a Japanese given name (藤原ノエマ) or a whole name written in kana.
KANA = "\u3041-\u3096\u30a1-\u30fa\u30fc"
_KANA_NAME = f"[{KANA}]"


def _starts(words: list[str]) -> str:
    """A look-ahead for the characters `words` start with, in front of their alternation: the
    engine then tries the words one by one only where one of them can start (a signature is
    tried at every split of a reply), and matches what it matched without it. Written as
    escapes: made from the table, it is no piece of a rule (`tests/policies/rule_evidence.py`)."""
    firsts = sorted({word[0] for word in words})
    return "(?=[" + "".join(f"\\U{ord(ch):08x}" for ch in firsts) + "])"


_TITLE = "(?:" + _starts(TITLES) + "(?:" + "|".join(TITLES) + "))"
_PERSON = (
    rf"(?:{_SURNAME}{_CJK_FREE}{{1,2}}(?:{_TITLE})?"
    rf"|{_SURNAME}(?:{_TITLE}|总|总工)|[老小阿]{_CJK_FREE}(?:{_TITLE})?"
    rf"|{_SURNAME}?{_KANA_NAME}{{2,10}}(?:{_TITLE})?)"
)
# Units whose word is also an everyday word (号, 层, 区 …) count only after a number: 3号, 12层.
_NUMBERED_UNIT = rf"(?:{_NUM}(?:号|层|户|区|排|连|营|团|床|线|台|楼|栋|室|班|组|队|车|站|道|期|批))"
_LONG_UNIT_WORDS = [
    w for w in UNIT_WORDS if len(w) > 1
]  # 工会, 社区 stand alone; 科, 村 need a name
_UNIT = (
    rf"(?:(?:{_NUM}|[a-z])?(?:{_CJK_FREE}|{_NUM}|[a-z]){{1,8}}?{_starts(UNIT_WORDS)}(?:"
    + "|".join(UNIT_WORDS)
    + rf")|(?:{_CJK_FREE}|{_NUM}|[a-z]){{0,8}}?{_starts(_LONG_UNIT_WORDS)}(?:"
    + "|".join(_LONG_UNIT_WORDS)
    + "))"
)
_GRADE = r"(?:[初高大研][一二三四](?:年级)?)"  # 初一, 高三年级
_KIN = (
    rf"(?:{_CJK_FREE}{{1,3}}?{_starts(KIN)}(?:{'|'.join(KIN)})"
    rf"|(?:{_NUM}班|{_NUM}号)?{_starts(KIN)}(?:{'|'.join(KIN)}))"
)
# 3-402, a1023, 鲁b·7q3x9, a lone class number or letter set off by brackets: 二（3）班, s-07岗
_ID = rf"(?:(?:[\u4e00-\u9fff]号)?[a-z]{{0,3}}[0-9][0-9a-z·.\-‐]{{0,9}}|[\u4e00-\u9fff][a-z](?:[·.]?[0-9a-z]{{4,6}})?|{_NUM}|[a-z])"
_LATIN = r"(?:[a-z]{2,12}(?: [a-z]{2,12})?)"
_TITLED = rf"(?:{_CJK_FREE}{{0,3}}?{_TITLE})"  # 数学老师, 值班医生
# A department named by its function, without a unit word (财务收到, 后勤：收到): a closed list
# of the functions an office has; it is no mark (收到财务 is not signed, as 收到三组 is).
DEPARTMENTS = """财务 人事 人力 后勤 行政 综合 综治 城管 安监 质检 品控 采购 销售 仓储 研发 运营 宣传 纪检
    监察 保卫 党建 教务 德育 总务 政教 网信 应急 民政 社保 医保 审计 法务 会务""".split()
_DEPARTMENT = "(?:" + _starts(DEPARTMENTS) + "(?:" + "|".join(DEPARTMENTS) + "))"
_PART = (
    f"(?:{_GRADE}|{_NUMBERED_UNIT}|{_UNIT}|{_KIN}|{_PERSON}|{_TITLED}|{_ID}|{_LATIN}|{_DEPARTMENT})"
)
SEPARATORS = r"[\s\-—–_~·•|/\\,，、:：;；()（）\[\]【】<>《》.。!！+]"
# Parts, then maybe a lone surname set off by a separator ("综治办 孙", "高二3班班主任 周").
_SIGNATURE = re.compile(
    rf"{SEPARATORS}*(?:{_PART}{SEPARATORS}*){{1,4}}(?:(?<={SEPARATORS}){_SURNAME}{SEPARATORS}*)?"
)
SIGNATURE_MAX = 16

_parser: Any = importlib.import_module("re._parser")  # the stdlib's parser (as `policies.lead`)
_c: Any = importlib.import_module("re._constants")
_CJK_RANGE = (0x4E00, 0x9FFF)
_AFTER_ANY_CJK = ("号", "a-z")  # what an id writes after a character of any kind (…号, 鲁b…)


def _read_chars(items: Any, chars: set[str]) -> bool:
    """Gather into `chars` the characters the parsed `items` read by name (literals, members of
    a class, narrow ranges) — not in a look-around, which reads none. The CJK range is read
    only as `_CJK_FREE` does (after a look-ahead that refuses every stop character) or before
    what `_AFTER_ANY_CJK` names; anything else it cannot vouch for: False."""
    items = list(items)
    for k, (op, arg) in enumerate(items):
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.IN:
            if not _read_class(arg, items, k, chars):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        else:
            inner = _inner(op, arg)
            if inner is None or not all(_read_chars(part, chars) for part in inner):
                return False
    return True


def _inner(op: Any, arg: Any) -> list[Any] | None:
    """The parts a group, an alternation or a repeat reads (None: another kind of item)."""
    if op is _c.SUBPATTERN:
        return [arg[3]]
    if op is _c.BRANCH:
        return list(arg[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return [arg[2]]
    return None


def _read_class(members: Any, items: list[Any], k: int, chars: set[str]) -> bool:
    for kind, value in members:
        if kind is _c.LITERAL:
            chars.add(chr(value))
        elif kind is _c.RANGE and value == _CJK_RANGE:
            if not (_refuses_stops(items[k - 1] if k else None) or _id_after(items, k)):
                return False
        elif kind is _c.RANGE and value[1] - value[0] < 3000:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        elif not (kind is _c.CATEGORY and value is _c.CATEGORY_SPACE):
            return False
    return True


def _refuses_stops(item: Any) -> bool:
    """Is `item` a look-ahead refusing (at least) every stop character: (?![…])?"""
    if item is None or item[0] is not _c.ASSERT_NOT:
        return False
    inner = list(item[1][1])
    if len(inner) != 1 or inner[0][0] is not _c.IN:
        return False
    return {chr(v) for kind, v in inner[0][1] if kind is _c.LITERAL} >= set(STOP_CHARS)


def _id_after(items: list[Any], k: int) -> bool:
    following = items[k + 1] if k + 1 < len(items) else None
    return following in ((_c.LITERAL, ord("号")), (_c.IN, [(_c.RANGE, (ord("a"), ord("z")))]))


def _unsignable() -> re.Pattern[str] | None:
    """A stop character no part of a signature can hold: no word of the grammar has it and no
    name reads it (`_CJK_FREE` refuses it) — only an id's character before 号 or a letter does.
    A text with one anywhere else is no signature, known without trying the parts' many ways
    to split it. None when the grammar cannot be read so (then every text is tried)."""
    chars: set[str] = set()
    if not _read_chars(_parser.parse(_SIGNATURE.pattern).data, chars):
        return None
    unheld = "".join(sorted(set(STOP_CHARS) - chars))
    return re.compile(f"[{unheld}](?![号a-z])") if unheld else None


_UNSIGNABLE = _unsignable()


@dataclass(frozen=True, slots=True)
class Signed:
    """A text split into its body and the signature found at its start or end."""

    body: str
    signature: str  # "" when none


_MARKED = re.compile(f"{_TITLE}|{'|'.join(UNIT_WORDS)}|{'|'.join(KIN)}|{_NUMBERED_UNIT}")


def is_marked(text: str) -> bool:
    """True when a signature names a title, unit, kin word or number, not only a bare name.

    A bare name glued to the end of a word ("好的方案", "收到钱款") is too easily a noun; a
    signature directly after a confirmation must say what it is ("收到张老师", "收到三组").
    """
    return _MARKED.search(text) is not None


_LONE_SURNAME = re.compile(_SURNAME)
# A unit or post whose name ends in no unit word (质检, 北二集司, b区仓储, 夜审): short, no
# particle, verb or pronoun — accepted only when a person's name follows it as its own piece.
_FREE_UNIT = re.compile(rf"(?:[a-z0-9]{{0,3}}{_CJK_FREE}){{1,5}}")


def is_unit_before_name(piece: str, following: list[str]) -> bool:
    """Is `piece` a unit of any name, signed with the name that follows it? The name is a
    signature in characters that says no unit, title or kin word (赵红梅, 小林): who, not where
    (not a Latin word: 敬礼.gif names a sticker's file)."""
    return (
        len(piece) >= 2
        and _FREE_UNIT.fullmatch(piece) is not None
        and bool(following)
        and not following[0].isascii()
        and _SIGNATURE.fullmatch(following[0]) is not None
        and not is_marked(following[0])
    )


_STARTS = frozenset(w[0] for w in (*TITLES, *UNIT_WORDS, *KIN, "老小阿初高大研工店学编车房床"))


def can_start_signature(char: str) -> bool:
    """Cheap first check: a stop character starts no name, unit, title or kin word."""
    return char not in STOP_CHARS or char in _STARTS


# The signature grammar is the costliest pattern to try (tens of thousands of steps on a short
# name); the rules of one message ask it of the same piece one after the other.
@lru_cache(maxsize=32)
def signature_end(text: str, position: int) -> int | None:
    """Where the greedy signature starting at `position` ends; None when none starts there."""
    match = _SIGNATURE.match(text, position) or _LONE_SURNAME.match(text, position)
    return match.end() if match else None


@lru_cache(maxsize=32)  # as `signature_end`
def is_signature(text: str, *, whole: bool = True) -> bool:
    """True when all of `text` reads as a name, unit, title, kin word or id (and is short).

    A lone surname counts only when `text` is a whole piece set off by punctuation (`whole`,
    "综合办 孙"): glued to other words it is too often a word of its own (钱收到了).
    """
    stripped = text.strip(" -—–_~·•|/\\,，、:：;；()（）[]【】<>《》.。!！")
    if not stripped or len(stripped) > SIGNATURE_MAX:
        return False
    if (_UNSIGNABLE is None or not _UNSIGNABLE.search(text)) and _SIGNATURE.fullmatch(text):
        return True
    return whole and _LONE_SURNAME.fullmatch(stripped) is not None


# A signature given as a form field: a label, a colon, then a name of any words but no stop
# character ("收到 商户：老王烧烤", "已阅 单位：城东所"). A shop or a unit is named freely; the label
# says that the words are its name. Only at the end or the start of a reply, set off from it.
FIELD_LABELS = "商户 单位 门店 店铺 店名 部门 科室 公司 姓名 网点".split()
_FIELD_NAME = rf"(?:(?![{STOP_CHARS}])[\u4e00-\u9fffa-z0-9·]){{1,12}}"  # any word but a stop
_FIELD = rf"(?:{'|'.join(FIELD_LABELS)})\s*[:：]\s*{_FIELD_NAME}"
_FIELD_AT_END = re.compile(rf"(?:(?<={SEPARATORS})|(?<=\s)){_FIELD}[\s!！.。]*$")
_FIELD_AT_START = re.compile(rf"^\s*[(（【\[]?{_FIELD}[)）】\]]?\s*{SEPARATORS}+")


def field_signature(text: str) -> Signed | None:
    """A labelled signature (商户：老王烧烤) ending or starting `text`; None when there is none."""
    if ":" not in text and "：" not in text:
        return None  # cheap check first: no colon, no field
    end = _FIELD_AT_END.search(text)
    if end and text[: end.start()].strip():
        return Signed(text[: end.start()], end.group().strip(" !！.。"))
    start = _FIELD_AT_START.match(text)
    if start and text[start.end() :].strip():
        return Signed(text[start.end() :], start.group().strip())
    return None


# A speaker who says who they are (您好，我是黄丽，您的邮件我已收到): "I am", then a name of any words
# but no stop character, as a form field's label says that the words are a name (`_FIELD_NAME`).
_SELF_NAMED = re.compile(rf"我是{_FIELD_NAME}")


def is_self_named(piece: str) -> bool:
    """Is `piece` the speaker naming themselves (我是黄丽, 我是元棪)?"""
    return _SELF_NAMED.fullmatch(piece) is not None


_SEPARATOR_RUN = re.compile(r"\s*[\-—–_~·•|/\\,，、:：;；(（【\[<《]+\s*|\s+")
_LEADING = re.compile(
    r"^\s*[(（【\[]?(?P<sig>[^)）】\]]+?)[)）】\]]?(?:\s*[\-—–_~·•|/\\,，、:：;；]+\s*|\s+)"
)
# A speaker's signature: boxed (【三组李四】, （王芳）) or before a colon (王芳-办公室：).
_SPEAKER = re.compile(
    r"^\s*(?:[(（【\[](?P<boxed>[^)）】\]]+)[)）】\]]|(?P<named>[^:：\n]+?)\s*[:：](?!\d))\s*"
)  # a colon before a digit is a time or a ratio (22:00 前…, 1:1), not a name's
_REACH = SIGNATURE_MAX + 6  # how far from either end a signature can begin or end


def _trailing(text: str) -> Signed | None:
    """The shortest signature after the last separator that leaves one (CJK parts first)."""
    for match in _SEPARATOR_RUN.finditer(text, max(0, len(text) - _REACH)):
        tail = text[match.end() :]  # its first character first: the body is cut only for a tail
        if not tail or "a" <= tail[0] <= "z" or not can_start_signature(tail[0]):
            continue
        body = text[: match.start()]
        if not body.strip():
            continue
        if is_signature(tail):
            return Signed(body, tail.strip(" )）】]>》"))
    return None


# normalize splits a reply, and the reply and ack rules split the same text again within one
# classify: a few entries keep the answer for them (messages, not history).
@lru_cache(maxsize=8)
def split_signature(text: str) -> Signed:
    """Split a signature set off by punctuation or a space at the end or start of `text`.

    "请于周五前报送。-办公室王芳" → body "请于周五前报送。", signature "办公室王芳". Only a run that
    passes `is_signature` is split off; anything else stays in the body. A signature boxed or
    followed by a colon at the start ("【三组李四】收到", "王芳-办公室：noted") is the speaker's and
    wins over one found at the end ("办公室：noted" of "王芳-办公室：noted" is no signature).
    """
    leading = _leading(text)
    if leading and leading[1]:
        return leading[0]  # "【三组李四】…", "王芳-办公室：…": the speaker says who they are first
    trailing = _trailing(text)
    if trailing:
        return trailing
    return leading[0] if leading else Signed(text, "")


def speaker(text: str) -> Signed | None:
    """The speaker's signature a text opens with, boxed or before a colon (【三组李四】…,
    王芳-办公室：…): who says it, not what it says."""
    leading = _leading(text)
    return leading[0] if leading and leading[1] else None


_PERSON_ALONE = re.compile(_PERSON)


def names_person(text: str) -> bool:
    """Does `text` read whole as a person's name by this grammar (王芳, 小王, 王老师, 刘主任)?"""
    return _PERSON_ALONE.fullmatch(text) is not None


def heading(text: str) -> str | None:
    """The signature `text` starts with when it is set off only by a comma, a dash or a space —
    not boxed and before no colon, as a speaker signs (【三组李四】…, 王芳：…): the head of the
    sentence, the one it speaks to (小王，…) or its topic (网红粉红餐厅，…), read with the rest."""
    leading = _leading(text)
    return leading[0].signature if leading and not leading[1] else None


def _leading(text: str) -> tuple[Signed, bool] | None:
    """The signature a text starts with, and whether it is set off as a speaker's (boxed in
    brackets or followed by a colon) rather than by a dash or a space."""
    head = text[:_REACH]
    for pattern, speaker in ((_SPEAKER, True), (_LEADING, False)):
        match = pattern.match(head)
        if not match or match.end() >= len(text):
            continue
        signature = next(g for g in match.groups() if g is not None)
        if is_signature(signature):
            return Signed(text[match.end() :], signature.strip()), speaker
    return None
