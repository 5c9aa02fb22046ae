"""bot.history.exports: chat exports and corpora become Message streams; bad input names file and line."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.history.exports import (
    ExportError,
    Located,
    ReadNotes,
    in_group_order,
    read_conversations,
    read_labelled,
    read_messages,
    read_texts,
    zone,
)
from bot.message_cap import MAX_MESSAGE_CHARS
from policies.events import Message
from tests.conftest import write

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"
CST = timezone(timedelta(hours=8))


def messages(path: Path | str, tz: str | None = None) -> list[Message]:
    return [r.message for r in read_messages(str(path), zone(tz) if tz else None)]


def error_of(path: str, tz: str | None = None) -> str:
    with pytest.raises(ExportError) as caught:
        messages(path, tz)
    return str(caught.value)


# ---------------------------------------------------------------- jianfu JSONL / CSV


def test_jsonl_fields_and_defaults() -> None:
    found = messages(FIXTURES / "党支部通知.jsonl")
    assert len(found) == 11
    first = found[0]
    assert first.group_id == "党支部通知"  # no "group": the file's stem
    assert first.sender_id == "u01" and first.sender_name == "王书记"
    assert first.time == datetime(2026, 3, 11, 0, 30, tzinfo=UTC)
    assert first.text.startswith("各位党员：\n")
    assert first.id == "党支部通知:1" and found[10].id == "党支部通知:11"
    assert first.platform == "scan"
    assert {m.group_id for m in found} == {"党支部通知"}


def test_csv_reads_the_same_messages_as_jsonl() -> None:
    from_jsonl = messages(FIXTURES / "two_groups.jsonl")
    from_csv = messages(FIXTURES / "two_groups.csv")

    def key(m: Message) -> tuple[object, ...]:
        return (m.group_id, m.sender_id, m.text, m.time)

    assert [key(m) for m in from_csv] == [key(m) for m in from_jsonl]
    assert from_csv[0].text == "各位：\n下周起夜班交接班时间提前到7:40，交接单已放护士站。"
    assert {m.group_id for m in from_csv} == {"急诊护理群", "研发组"}


def test_csv_records_know_their_starting_line() -> None:
    # header on line 1, the first record spans lines 2-3 (a newline inside quotes)
    lines = [r.line for r in read_messages(str(FIXTURES / "two_groups.csv"))]
    assert lines[:3] == [2, 4, 5]


def test_blank_lines_are_skipped_and_line_numbers_stay_true(tmp_path: Path) -> None:
    row = '{"time": "2026-03-02T08:46:30+08:00", "sender": "u1", "text": "收到"}'
    path = write(tmp_path, "g.jsonl", f"\n{row}\n\n{row}\n")
    assert [r.line for r in read_messages(path)] == [2, 4]


def test_optional_id_and_group_columns(tmp_path: Path) -> None:
    row = {"time": "2026-03-02T08:46:30Z", "sender": 12345, "text": "1", "id": 77, "group": "g"}
    (found,) = messages(write(tmp_path, "x.jsonl", json.dumps(row)))
    assert (found.id, found.group_id, found.sender_id) == ("77", "g", "12345")
    assert found.time.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("n.jsonl", '{"time": "2026-03-02 08:00:00", "sender": "a", "text": "x"}'),
        ("n.csv", "time,sender,text\n2026-03-02 08:00:00,a,x\n"),
        ("c.csv", "Time,SenderName,Sender,TalkerName,Talker,Content\n"
                  "2026-03-02 08:00:00,阿,a,群,g@chatroom,x\n"),
    ],
)  # fmt: skip
def test_one_rule_for_naive_times_in_every_format(tmp_path: Path, name: str, content: str) -> None:
    """A time without offset is local in --tz, default Asia/Shanghai, whatever the format."""
    path = write(tmp_path, name, content)
    (found,) = messages(path)
    assert found.time == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    (found,) = messages(path, "Europe/Berlin")
    assert found.time == datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = '{"time": "2026-03-02T08:46:30+08:00", "sender": "u1", "text": "收到"}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    (record,) = read_messages("-")
    assert record.message.group_id == "default"
    assert record.where == "<stdin>:1"


# ---------------------------------------------------------------- third-party exports


def test_wechatmsg_csv(tmp_path: Path) -> None:
    found = messages(FIXTURES / "秸秆禁烧工作群" / "秸秆禁烧工作群_utf8.csv")
    assert {m.group_id for m in found} == {"秸秆禁烧工作群"}  # from the file name, minus _utf8
    assert len(found) == 9  # the system notice (Type 10000) is skipped
    assert found[0].sender_id == "wxid_me"
    assert found[0].time == datetime(2024, 5, 18, 7, 50, tzinfo=CST)
    assert found[0].time.utcoffset() == timedelta(hours=8)
    assert [(m.type, m.text) for m in found[6:8]] == [("other", "[位置]"), ("image", "[图片]")]
    assert found[1].sender_name == "张三" and found[1].id == "1203"
    assert found[8].text == "西河村这边信号不好，晚点发"  # raw "wxid_a3:\n" prefix split off


def test_wechatmsg_unix_times_are_instants_shown_in_the_given_zone() -> None:
    path = FIXTURES / "秸秆禁烧工作群" / "秸秆禁烧工作群_utf8.csv"
    shanghai, utc = messages(path)[0].time, messages(path, "UTC")[0].time
    assert shanghai == utc and utc.utcoffset() == timedelta(0)


def test_pywxdump_csv() -> None:
    found = messages(FIXTURES / "wxid_me_1711522800_1711526400.csv")
    assert {m.group_id for m in found} == {"23456789@chatroom"}
    assert [m.sender_id for m in found] == ["wxid_b1", "wxid_b2", "wxid_b3", "wxid_b4", "self"]
    assert [m.type for m in found] == ["text", "image", "text", "chain", "text"]
    assert found[1].text == "[图片]"
    assert found[0].time == datetime(2024, 3, 27, 15, 0, tzinfo=CST)
    assert found[0].id == "8741201"


def test_pywxdump_naive_times_follow_tz() -> None:
    (first, *_) = messages(FIXTURES / "wxid_me_1711522800_1711526400.csv", "Europe/Berlin")
    assert first.time.utcoffset() == timedelta(hours=1)  # 27 March 2024: still winter time
    assert first.time.replace(tzinfo=None) == datetime(2024, 3, 27, 15, 0)


def test_chatlog_csv(tmp_path: Path) -> None:
    text = (
        "Time,SenderName,Sender,TalkerName,Talker,Content\n"
        "2024-01-02 10:00:00,张三,wxid_abc,项目群,123@chatroom,明天9点开会\n"
    )
    (found,) = messages(write(tmp_path, "chatlog.csv", text))
    assert (found.group_id, found.group_name, found.sender_name) == (
        "123@chatroom",
        "项目群",
        "张三",
    )
    assert found.time == datetime(2024, 1, 2, 10, 0, tzinfo=CST)


# ---------------------------------------------------------------- dev conversations

CONVERSATION = {
    "name": "五人回复",
    "group": "急诊群",
    "messages": [
        {"t": "2026-03-23T16:00:00+08:00", "sender": "u01", "text": "通知"},
        {"t": "2026-03-23T16:02:15+08:00", "sender": "u02", "text": "收到"},
    ],
    "expect": {"stack": True, "chain": False, "ack_request": 1, "proof_request": 0},
}


def test_conversations_file_is_also_a_scan_input(tmp_path: Path) -> None:
    other = {**CONVERSATION, "name": "另一个", "group": "财务群"}
    path = write(tmp_path, "c.jsonl", f"{json.dumps(CONVERSATION)}\n{json.dumps(other)}\n")
    found = list(read_messages(path))
    assert [(r.line, r.message.group_id, r.message.text) for r in found] == [
        (1, "急诊群", "通知"),
        (1, "急诊群", "收到"),
        (2, "财务群", "通知"),
        (2, "财务群", "收到"),
    ]


def test_read_conversations(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", json.dumps(CONVERSATION))
    (conversation,) = read_conversations(path)
    assert conversation.name == "五人回复" and conversation.group == "急诊群"
    assert [m.sender_id for m in conversation.messages] == ["u01", "u02"]
    assert conversation.expect.stack and not conversation.expect.chain
    assert (conversation.expect.ack_request, conversation.expect.proof_request) == (1, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"messages": []}, '"messages" must be a non-empty list'),
        ({"expect": {"stack": "yes"}}, '"expect.stack" must be true or false'),
        ({"expect": {"ack_request": -1}}, '"expect.ack_request" must be a count'),
        ({"messages": [{"sender": "u", "text": "x"}]}, 'message 1: missing "t"'),
        ({"messages": [{"t": "yesterday", "sender": "u", "text": "x"}]}, "message 1: bad time"),
    ],
)
def test_bad_conversations(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = write(tmp_path, "c.jsonl", "\n" + json.dumps({**CONVERSATION, **change}))
    with pytest.raises(ExportError) as caught:
        list(read_conversations(path))
    assert str(caught.value).startswith(f"{path}:2: {message}")


# ---------------------------------------------------------------- bad input

GOOD = '{"time": "2026-03-02T08:46:30+08:00", "sender": "u1", "text": "收到"}\n'
WECHATMSG = "localId,Type,SubType,IsSender,CreateTime,StrContent,StrTime,Sender\n"


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        (GOOD + '{"time": "2026-03-02T08:47', ":2", "invalid JSON"),
        (GOOD + '["收到"]\n', ":2", "expected a JSON object"),
        (GOOD + '{"sender": "u2", "text": "1"}\n', ":2", 'missing "time"'),
        (GOOD + '{"time": "2026-03-02T08:47:00+08:00", "text": "1"}\n', ":2", 'missing "sender"'),
        (GOOD + '{"time": "2026-03-02T08:47:00+08:00", "sender": " ", "text": "1"}', ":2", "empty"),
        (GOOD + '{"time": "2026-03-02T08:47:00+08:00", "sender": "u2"}\n', ":2", 'missing "text"'),
        (GOOD + '{"time": "2026-03-02T08:47:00+08:00", "sender": "u", "text": 1}', ":2", "string"),
        (GOOD + '{"time": "3月2日", "sender": "u2", "text": "1"}\n', ":2", "bad time '3月2日'"),
        (
            GOOD + '{"time": "2026-03-02T08:47:00+08:00", "sender": "u2", "text": "\\ud800"}\n',
            ":2",
            "not valid Unicode text: a lone surrogate \\ud800",
        ),
        (
            GOOD + '{"time": "2026-03-02T08:47:00+08:00", "sender": "\\uDFFF", "text": "x"}\n',
            ":2",
            "a lone surrogate \\udfff",
        ),
        ('[{"time": "2026-03-02T08:46:30+08:00"}]\n', ":1", "a JSON array"),
        (GOOD + '{"a": ' * 100_000 + "\n", ":2", "invalid JSON: nested too deeply"),
        (
            GOOD + '{"time": "2026-03-02T08:47:00+08:00", "sender": "u", "n": ' + "9" * 5000 + "}",
            ":2",
            "invalid JSON: Exceeds the limit (4300 digits) for integer string conversion",
        ),
        (
            GOOD + '{"time": "9999-12-31T23:59:00-05:00", "sender": "u2", "text": "1"}\n',
            ":2",
            "bad time '9999-12-31T23:59:00-05:00': the year must be from 1970 to 2100",
        ),
        (
            GOOD + '{"time": "0001-01-01T00:10:00+08:00", "sender": "u2", "text": "1"}\n',
            ":2",
            "the year must be from 1970 to 2100",
        ),
        (
            "Time,SenderName,Sender,TalkerName,Talker,Content\n2101-01-01 08:00:00,a,wxid_a,g,g,x\n",
            ":2",
            "bad time '2101-01-01 08:00:00': the year must be from 1970 to 2100",
        ),
        (WECHATMSG + "1,1,0,0,99999999999999999,收到,,wxid_a\n", ":2", "not a Unix time"),
        (WECHATMSG + "1,1,0,0,4200000000000,收到,,wxid_a\n", ":2", "not a Unix time"),
        (WECHATMSG + "1,1,0,0,9" + "9" * 5000 + ",收到,,wxid_a\n", ":2", "not a Unix time"),
        (WECHATMSG + "1,1,0,0,4200000000,收到,,wxid_a\n", ":2", "the year must be from 1970"),
        ("", "", "empty file"),
        ("\n  \n", "", "empty file"),
        ("time,sender,text\n", "", "no messages"),
        ("time,sender\n2026-03-02T08:46:30+08:00,u1\n", ":1", 'missing column "text"'),
        ("time,sender,text\n2026-03-02T08:46:30+08:00,u1\n", ":2", "expected 3 fields, found 2"),
    ],
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, content: str, where: str, reason: str
) -> None:
    path = write(tmp_path, "export.txt", content)
    message = error_of(path)
    assert message.startswith(f"{path}{where}: ")
    assert reason in message


def test_escapes_of_whole_characters_are_fine(tmp_path: Path) -> None:
    line = GOOD.replace("收到", "\\u6536\\u5230 \\ud83d\\ude00 C:\\\\users")
    [found] = messages(write(tmp_path, "e.jsonl", line))
    assert found.text == "收到 😀 C:\\users"


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "gbk.jsonl", (GOOD + GOOD.replace("收到", "已阅")).encode("gbk"))
    message = error_of(path)
    assert message.startswith(f"{path}:1: not UTF-8 text")
    assert "iconv" in message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert error_of(str(tmp_path / "nope.jsonl")) == f"{tmp_path / 'nope.jsonl'}: no such file"
    assert "is a directory" in error_of(str(tmp_path))


def test_unknown_time_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Base'"):
        zone("Mars/Base")


# ---------------------------------------------------------------- order


def located(line: int, group: str, minute: int) -> Located:
    time = datetime(2026, 3, 2, 8, minute, tzinfo=CST)
    return Located("e.jsonl", line, Message(f"m{line}", group, "u", "收到", time))


def test_unsorted_within_a_group_is_an_error_naming_both_lines() -> None:
    records = [located(1, "a", 10), located(2, "b", 5), located(3, "a", 12), located(4, "a", 11)]
    with pytest.raises(ExportError) as caught:
        list(in_group_order(records))
    message = str(caught.value)
    assert message.startswith("e.jsonl:4: out of time order")
    assert "e.jsonl:3" in message and "'a'" in message


def test_groups_may_interleave_and_ties_are_in_order() -> None:
    records = [located(1, "a", 10), located(2, "b", 5), located(3, "a", 10), located(4, "b", 6)]
    assert list(in_group_order(records)) == records


def test_order_is_checked_across_files(tmp_path: Path) -> None:
    row = GOOD.replace('"text"', '"group": "g", "text"')
    later = write(tmp_path, "march.jsonl", row.replace("08:46", "09:00"))
    earlier = write(tmp_path, "feb.jsonl", row)
    with pytest.raises(ExportError, match=r"feb\.jsonl:1: out of time order"):
        list(in_group_order(r for p in (later, earlier) for r in read_messages(p)))


def test_files_without_group_are_separate_groups(tmp_path: Path) -> None:
    later = write(tmp_path, "a.jsonl", GOOD.replace("08:46", "09:00"))
    earlier = write(tmp_path, "b.jsonl", GOOD)
    records = list(in_group_order(r for p in (later, earlier) for r in read_messages(p)))
    assert [r.message.group_id for r in records] == ["a", "b"]


# ---------------------------------------------------------------- corpora


def test_read_texts_keeps_the_whole_object(tmp_path: Path) -> None:
    path = write(tmp_path, "t.jsonl", '{"text": "收到", "id": 3}\n{"text": "好的"}\n')
    assert list(read_texts(path)) == [
        (1, {"text": "收到", "id": 3}, "收到"),
        (2, {"text": "好的"}, "好的"),
    ]


def test_read_labelled_checks_labels(tmp_path: Path) -> None:
    good = write(tmp_path, "l.jsonl", '{"text": "收到", "label": "ack"}\n')
    assert list(read_labelled(good)) == [(1, "收到", "ack")]
    for line, reason in (
        ('{"text": "x"}', 'missing "label"'),
        ('{"text": "x", "label": "ok"}', "unknown label 'ok'"),
    ):
        path = write(tmp_path, "bad.jsonl", '{"text": "收到", "label": "ack"}\n' + line)
        with pytest.raises(ExportError) as caught:
            list(read_labelled(path))
        assert str(caught.value).startswith(f"{path}:2: {reason}")


# ---------------------------------------------------------------- strict CSV, --skip-bad, long lines


def jianfu_csv(rows: int, bad: dict[int, str] | None = None) -> str:
    """A jianfu CSV of `rows` messages; `bad` replaces the record on that file line."""
    lines = ["time,sender,text"]
    for n in range(rows):
        lines.append(f"2026-03-02T08:{n // 60:02d}:{n % 60:02d}+08:00,u{n},第{n}条 收到")
    for line, text in (bad or {}).items():
        lines[line - 1] = text
    return "\n".join(lines) + "\n"


UNCLOSED = '2026-03-02T08:00:07+08:00,u7,"收到 — the quote is never closed'
THIRD_PARTY_UNCLOSED = {
    "wechatmsg": (
        WECHATMSG,
        "{n},1,0,0,17094{n:05d},收到,,wxid_{n}",
        '99,1,0,0,1709400099,"收到,,wxid_x',
    ),
    "pywxdump": (
        "MsgSvrID,type_name,is_sender,talker,room_name,msg,CreateTime\n",
        "{n},文本,0,wxid_{n},g,收到,2026-03-02 08:00:{n:02d}",
        '99,文本,0,wxid_x,g,"收到,2026-03-02 08:00:59',
    ),
    "chatlog": (
        "Time,SenderName,Sender,TalkerName,Talker,Content\n",
        "2026-03-02 08:00:{n:02d},a,wxid_{n},g,g,收到",
        '2026-03-02 08:00:59,a,wxid_x,g,g,"收到',
    ),
}


def test_an_unclosed_quote_is_an_error_at_its_line_not_one_giant_field(tmp_path: Path) -> None:
    path = write(tmp_path, "open.csv", jianfu_csv(100, {9: UNCLOSED}))  # record 8 is line 9
    message = error_of(path)
    assert message.startswith(f"{path}:9: bad CSV: a quote opened on this line is never closed")


@pytest.mark.parametrize("flavour", sorted(THIRD_PARTY_UNCLOSED))
def test_every_csv_flavour_is_strict_and_can_skip_the_bad_line(
    tmp_path: Path, flavour: str
) -> None:
    header, row, unclosed = THIRD_PARTY_UNCLOSED[flavour]
    rows = [row.format(n=n) for n in range(1, 41)]
    rows.insert(5, unclosed)  # file line 7
    path = write(tmp_path, f"{flavour}.csv", header + "\n".join(rows) + "\n")
    assert error_of(path).startswith(f"{path}:7: bad CSV: a quote opened on this line")
    notes = ReadNotes(skip_bad=1)
    found = list(read_messages(path, None, notes))
    assert len(found) == 40
    assert [str(e) for e in notes.skipped] == [
        f"{path}:7: bad CSV: a quote opened on this line is never closed (unexpected end of data)"
    ]


def test_skip_bad_skips_and_counts_bad_lines_of_every_kind(tmp_path: Path) -> None:
    bad = {
        3: UNCLOSED,
        10: "2026-03-02T08:00:09+08:00,u9",  # a field short
        20: "3月2日,u19,收到",  # a bad time
    }
    path = write(tmp_path, "bad.csv", jianfu_csv(30, bad))
    notes = ReadNotes(skip_bad=3)
    found = list(read_messages(path, None, notes))
    assert len(found) == 27 and found[0].line == 2 and found[1].line == 4
    assert [e.where for e in notes.skipped] == [f"{path}:3", f"{path}:10", f"{path}:20"]
    with pytest.raises(ExportError, match=":20: bad time"):  # one more than allowed
        list(read_messages(path, None, ReadNotes(skip_bad=2)))


def test_skip_bad_in_json_lines(tmp_path: Path) -> None:
    content = GOOD + "{not json\n" + GOOD.replace("收到", "已阅") + b"\xff\n".decode("latin-1")
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content.encode("utf-8").replace("ÿ".encode(), b"\xff") + GOOD.encode())
    notes = ReadNotes(skip_bad=5)
    found = list(read_messages(str(path), None, notes))
    assert [r.line for r in found] == [1, 3, 5]
    assert [e.where.rsplit(":", 1)[1] for e in notes.skipped] == ["2", "4"]
    assert "invalid JSON" in notes.skipped[0].reason and "not UTF-8" in notes.skipped[1].reason


def test_a_huge_message_is_cut_for_detection_and_counted(tmp_path: Path) -> None:
    huge = "收到" * (MAX_MESSAGE_CHARS * 3)
    line = json.dumps({"time": "2026-03-02T08:46:31+08:00", "sender": "u2", "text": huge})
    path = write(tmp_path, "huge.jsonl", GOOD + line + "\n")
    notes = ReadNotes()
    found = list(read_messages(path, None, notes))
    assert [len(r.message.text) for r in found] == [2, MAX_MESSAGE_CHARS]
    assert found[1].message.text == huge[:MAX_MESSAGE_CHARS]
    assert notes.truncated == 1
