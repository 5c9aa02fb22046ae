"""Parse a 接龙 (solitaire / WeChat GroupNote) list and tell an acknowledgement chain from a sign-up.

#接龙
周六羽毛球            ← description (title)
例 姓名 人数          ← optional template
                      ← blank line
1. 张三               ← items: "1." "1、" "1，" "1 " "①"; an item may continue on unnumbered lines
2. 李四 2人
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policies.text import fold

_HEADER = re.compile(r"^\s*(?:[#＃]\s*接[龙龍]|[【\[]\s*接[龙龍]\s*[】\]]|接[龙龍])")
_HEADER_INLINE = re.compile(
    r"[#＃]\s*接[龙龍]|^\s*[【\[]\s*接[龙龍]\s*[】\]]|^\s*接[龙龍]\s*[:：\s]"
)
# A header that ends its line, as a LINE group types a 接龙 with no tag: a short line that asks for it
# (報名以下請接龍, 参与者请接龙报名：), read folded, is the description, and the numbered items follow:
# after 请接龙 a word of two characters at most and marks. A sentence before it (会议纪要如下，收到请
# 接龙：) makes the line a notice whose points are numbered, not a list.
_HEADER_TAIL = re.compile(r"^[^,，。;；!！?？]{0,20}请接龙[\u4e00-\u9fff]{0,2}\W*$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# An item's number is followed by any mark people type after it (1. 1、 1。 1） 1： 1，) or a space.
_NUMBER_MARK = r"(?:[.、．。)）:：，]|,(?!\d))"  # 1,000 is a number
_ITEM = re.compile(
    r"^\s*(?:(\d{1,3})(?:\s*" + _NUMBER_MARK + r"\s*|\s+)|([" + _CIRCLED + r"])\s*)(\S.*)$"
)
# Items written on the header's line: "#接龙 已学习 1.张三 2.李四".
_INLINE_ITEM = re.compile(r"\s+(?=(?:\d{1,3}\s*" + _NUMBER_MARK + r"|[" + _CIRCLED + r"])\s*\S)")
_TEMPLATE = re.compile(r"^\s*(例|例如|格式|模板)\s*[:：]?\s*")
# A notice that launches a 接龙 may number its own points (1、the report to hand in 2、the blog; 1. the
# talk video 2. the coding video) and ask for the 接龙 only after them: that list is what the notice
# announces, not who answered. Its points are things a clause describes (要求提交的报告, 有真人出镜的…
# 展示), where a member is a name or a unit with a word or two; and under its call comes at most the
# example line (1. 姓名/项目简介/Issue#) — in a re-post, the members would follow there.
_POINT = re.compile(r"的")
_CALL = re.compile(r"接[龙龍]")
_NOTE_ITEM = re.compile(r"(?:^|\s)(?:\d{1,3}\s*" + _NUMBER_MARK + r"|[" + _CIRCLED + r"])\s*\S")

# Title cues: the list only confirms (read / learned / done / received / present).
_ACK_TITLE = re.compile(
    r"已阅|已读|阅读|已.{0,6}(转发|完成|学习|观看|阅读|注册)|已学习|学习.{0,12}确认|学完|已完成|完成.{0,10}(学习|注册|转发|观看|巡查)|收到|已知晓|知晓|知悉"
    r"|确认|已转发|已观看|观看.{0,6}后|签到|打卡|到岗|报到|已落实"
)
# Title cues: the list collects information (sign-up, order, headcount, choices).
_INFO_TITLE = re.compile(
    r"报名|拼单|团购|订购|订餐|点餐|人数|尺码|去向|报备|统计|意向|投票|选择|限\d+人|预约|排班|安排"
)
# Words an item may add without adding information.
_ACK_ITEM_WORDS = re.compile(
    r"已阅|已读|已学习|已学|已完成|完成|收到|已收到|已知晓|知晓|确认|参加|已参加|已到岗|到岗|已签到|签到|已转发|已观看|[✔✓√☑✅👌👍]"
)
_INFO_ITEM = re.compile(
    r"\d|[一二两三四五六七八九十]\s*(人|份|件|杯|个|张|户|位)|[+＋]\s*\d|不|在路上|带|要|可能|晚到|去|大|小号|少冰|去冰"
)
_BARE_ITEM_MAX = 12
# Compiled once, not looked up in `re`'s cache on every item of every post.
_SPACES = re.compile(r"\s+")
_ROLE = re.compile(r"\([^)]{0,8}\)")
_UNIT_NUMBER = re.compile(r"^\s*(\d{1,2}|[一二三四五六七八九十]{1,2})(班|组|栋|号楼|车间|网格)")
_MARKS = re.compile(r"[\s,，。.!！~～]+")
_FIELD_SEPARATORS = re.compile(r"[\s+＋、,，/]+")
_PLAIN_FIELD = re.compile(r"^(姓名|名字|科室|部门|单位|班级|张三|李四|收到|已阅|已读|确认|例)?$")


@dataclass(frozen=True, slots=True)
class ChainItem:
    number: int  # the item's position as written (circled digits count too)
    text: str  # the item text after its number, continuation lines joined by a space


@dataclass(frozen=True, slots=True)
class ChainList:
    """One posted 接龙 list."""

    title: str  # the description lines, joined by a space ("" when none)
    template: str  # the 例 line, if any
    items: tuple[ChainItem, ...]
    note: str = ""  # unnumbered text after the items and a blank line

    @property
    def key(self) -> str:
        """Identifies the chain across re-posts: its folded title, else its first item."""
        base = self.title or (self.items[0].text if self.items else "")
        return _SPACES.sub("", fold(base))[:80]

    @property
    def is_ack_chain(self) -> bool:
        """True when the chain only confirms (已阅/已学习/收到/确认参加…), collecting no information."""
        return ack_chain_reasons(self) != ()


@lru_cache(maxsize=4096)  # the classifier and the detector both parse each chain post
def parse_chain(text: str) -> ChainList | None:
    """Parse a 接龙 post; None when `text` is not one (no header, no numbered item, or its numbered
    lines are a notice's points with the call for the 接龙 after them)."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = _header_line(lines)
    if start is not None and len(lines) - start <= 2:
        lines[start:] = _INLINE_ITEM.split("\n".join(lines[start:]).replace("\n", " "))
    if start is None:
        return None
    head = _HEADER_INLINE.split(lines[start], maxsplit=1)
    title_parts: list[str] = []
    if len(head) == 2 and head[1].strip(" :：】"):
        title_parts.append(head[1].strip(" :：】"))
    elif len(head) == 1 and not _HEADER.match(lines[start]):  # the header ends its line
        title_parts.append(lines[start].strip().rstrip(" :："))
    template = ""
    items: list[ChainItem] = []
    notes: list[str] = []
    gap = False
    for line in lines[start + 1 :]:
        stripped = line.strip()
        match = _ITEM.match(line)
        if match and not notes:
            number = int(match.group(1)) if match.group(1) else _CIRCLED.index(match.group(2)) + 1
            items.append(ChainItem(number, match.group(3).strip()))
            gap = False
        elif not stripped:
            gap = bool(items)
        elif items and (gap or notes):
            notes.append(stripped)
        elif items:
            last = items[-1]
            items[-1] = ChainItem(last.number, f"{last.text} {stripped}")
        elif _TEMPLATE.match(stripped):
            template = _TEMPLATE.sub("", stripped)
        else:
            title_parts.append(stripped)
    note = " ".join(notes)
    if not items or _announces_points(items, note):
        return None
    return ChainList(" ".join(title_parts), template, tuple(items), note)


def _announces_points(items: list[ChainItem], note: str) -> bool:
    """The numbered lines are a notice's own points: the call for the 接龙 comes after them, with
    no member under it (at most the example line), and every one is a thing a clause describes."""
    call = _CALL.search(note)
    if call is None or len(_NOTE_ITEM.findall(note, call.end())) > 1:
        return False
    return all(_POINT.search(item.text) for item in items)


def is_chain(text: str) -> bool:
    """`parse_chain(text) is not None`, without reading the items: the first one settles it."""
    body = text.replace("\r\n", "\n")
    lines = body.split("\n")
    start = _header_line(lines)
    if start is None:
        return False
    if len(lines) - start <= 2:  # items written on the header's line
        return parse_chain(text) is not None
    below = sum(map(len, lines[: start + 1])) + start + 1  # where the line after the header starts
    call = max(body.rfind("接龙"), body.rfind("接龍"))  # the last call for the 接龙
    if call < below:  # the header's is the only one: its numbered lines are the list
        return any(_ITEM.match(line) for line in lines[start + 1 :])
    for line in lines[start + 1 :]:
        below += len(line) + 1
        if _ITEM.match(line):
            break
    else:
        return False
    # a 接龙 called for below the first item: the items may be a notice's points
    if call < below:
        return True
    return parse_chain(text) is not None


def _header_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:3]):
        if _HEADER.match(line) or _HEADER_INLINE.search(line):
            return index
        if _HEADER_TAIL.search(fold(line)):
            return index
    return None


def ack_chain_reasons(chain: ChainList) -> tuple[str, ...]:
    """Why `chain` is an acknowledgement chain; () when it collects information."""
    # each test only once the ones before it passed: a long list of items that carry
    # information is not read a second time for ack words
    bare_share = sum(_is_bare(item.text) for item in chain.items) / len(chain.items)
    if _template_collects(chain.template) or bare_share < 0.6:
        return ()
    title = fold(chain.title)
    if _ACK_TITLE.search(title):
        return ("chain:ack-title", "chain:bare-items")
    explicit = sum(_says_ack(item.text) for item in chain.items) / len(chain.items)
    if explicit >= 0.5 and not _INFO_TITLE.search(title):
        return ("chain:ack-items",)
    return ()


@lru_cache(maxsize=1 << 12)  # every re-post of a list brings its earlier items again
def _says_ack(item: str) -> bool:
    """The item has an ack word (已阅, 收到, ✔ …)."""
    return _ACK_ITEM_WORDS.search(fold(item)) is not None


@lru_cache(maxsize=1 << 12)
def _is_bare(item: str) -> bool:
    """A name, unit or title, maybe with an ack word: no information of its own."""
    text = _ACK_ITEM_WORDS.sub("", fold(item))
    text = _ROLE.sub("", text)  # (护士长)
    text = _UNIT_NUMBER.sub("", text)
    text = _MARKS.sub("", text)
    if _INFO_ITEM.search(text):
        return False
    return len(text) <= _BARE_ITEM_MAX


def _template_collects(template: str) -> bool:
    """A 例 line with fields beyond name/unit (日期, 人数, 去向 …) means information is collected."""
    if not template:
        return False
    fields = _FIELD_SEPARATORS.split(fold(template))
    return any(not _PLAIN_FIELD.match(f) for f in fields)
