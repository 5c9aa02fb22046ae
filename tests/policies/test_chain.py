from __future__ import annotations

import pytest

from policies.chain import parse_chain

DOC_EXAMPLE = "#接龙\n周六羽毛球\n例 姓名 人数\n\n1. 张三\n2. 李四 2人\n3. 王五"


def test_parses_the_documented_example() -> None:
    chain = parse_chain(DOC_EXAMPLE)
    assert chain is not None
    assert chain.title == "周六羽毛球"
    assert chain.template == "姓名 人数"
    assert [(i.number, i.text) for i in chain.items] == [(1, "张三"), (2, "李四 2人"), (3, "王五")]
    assert not chain.is_ack_chain  # a sign-up with a headcount template


@pytest.mark.parametrize(
    "text",
    [
        "#接龙\n收到\n1.张三\n2.李四",
        "#接龍\n已閱\n1、张三\n2、李四",
        "【接龙】\n已学习\n①张三\n②李四",
        "通知如下 #接龙 已阅\n1 张三\n2 李四",
        "接龙：\n已完成培训\n1) 张三\n2) 李四",
        "#接龙\n已阅\n1，张三\n2，李四",
        "[接龙]\n已知晓\n1：张三\n2：李四",
    ],
)
def test_header_and_item_styles(text: str) -> None:
    chain = parse_chain(text)
    assert chain is not None
    assert [i.text for i in chain.items] == ["张三", "李四"]
    assert chain.is_ack_chain


def test_continuation_lines_and_trailing_note() -> None:
    chain = parse_chain("#接龙\n已阅\n1. 张三\n   办公室\n2. 李四\n\n备注：今天下班前完成")
    assert chain is not None
    assert [i.text for i in chain.items] == ["张三 办公室", "李四"]
    assert chain.note == "备注：今天下班前完成"


@pytest.mark.parametrize(
    "text",
    [
        "请大家接龙报名",  # mentions 接龙, no list
        "接龙的表在哪？",
        "#接龙\n周六聚餐",  # header, no items yet
        "3月10日开会\n1. 议程一\n2. 议程二",  # a numbered list without the header
    ],
)
def test_not_a_chain(text: str) -> None:
    assert parse_chain(text) is None


@pytest.mark.parametrize(
    ("text", "is_ack"),
    [
        ("#接龙\n已阅读《保密规定》\n1. 张三\n2. 李四 已阅\n3. 王五", True),
        ("#接龙\n二年级家长会\n1. 张三妈妈 收到\n2. 李四爸爸 已阅\n3. 王五妈妈 收到", True),
        ("#接龙\n周五培训签到\n1. 张三\n2. 李四", True),
        ("#接龙\n团购车厘子\n1. 张三 2斤\n2. 李四 3斤", False),
        ("#接龙\n周末加班报名\n1. 张三\n2. 李四", False),
        ("#接龙\n值班确认\n例：姓名+日期\n1. 张三 5月1日\n2. 李四 5月2日", False),
        ("#接龙\n已完成考试\n1. 张三 90分\n2. 李四 85分\n3. 王五 88分", False),
        ("#接龙\n周六爬山\n1. 张三\n2. 李四", False),
    ],
)
def test_ack_chain_versus_information(text: str, is_ack: bool) -> None:
    chain = parse_chain(text)
    assert chain is not None
    assert chain.is_ack_chain is is_ack


def test_key_is_stable_across_reposts() -> None:
    one = parse_chain("#接龙\n已阅 通知\n1. 张三")
    two = parse_chain("#接龙\n已阅  通知\n1. 张三\n2. 李四")
    assert one is not None and two is not None
    assert one.key == two.key
