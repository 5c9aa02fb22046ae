"""`jianfu scan --db` (history import) and `jianfu digest` (one group, all groups, chart)."""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.digest.chart import KIND_COLOURS, TOP
from bot.store import Store
from policies.events import INCIDENT_KINDS, Incident, IncidentKind

SH = ZoneInfo("Asia/Shanghai")
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"
NOTICE = "各位同事：\n本周五下午3点在三楼会议室召开安全生产工作会议，请各科室负责人准时参加。"
ASK = "各位党员：\n支部定于周五下午4点召开主题党日活动，请全体党员准时参加。\n收到请回复。"
PROOF = "请大家今天在学习平台完成专题课程，学完后截图发群，截图要显示完成进度100%。"


@dataclass(frozen=True)
class Plan:
    """One week of the exported history."""

    piles: tuple[int, ...]  # acks after each notice
    asks: int  # 收到请回复 demands
    proofs: int  # screenshot demands

    @property
    def total(self) -> int:
        return len(self.piles) + self.asks + self.proofs


WEEKS: dict[int, Plan] = {  # ISO weeks of 2026
    10: Plan((6, 9), asks=2, proofs=1),
    11: Plan((12,), asks=1, proofs=0),
    12: Plan((), asks=0, proofs=0),  # a quiet week
    13: Plan((5, 7, 8, 11), asks=1, proofs=2),
}


def write_history(path: Path) -> None:
    """A jianfu JSONL export of the weeks above (group: the file's stem)."""
    lines = []

    def say(at: datetime, sender: str, text: str) -> None:
        lines.append({"time": at.isoformat(), "sender": sender, "text": text})

    for week, plan in WEEKS.items():
        day = datetime.fromisocalendar(2026, week, 2).replace(hour=9, tzinfo=SH)
        for n, acks in enumerate(plan.piles):
            at = day + timedelta(hours=3 * n)
            say(at, "boss", NOTICE)
            for k in range(acks):
                say(at + timedelta(minutes=1 + k), f"m{k:02d}", "收到")
        for n in range(plan.asks):
            say(day + timedelta(days=1, hours=n), "secretary", ASK)
        for n in range(plan.proofs):
            say(day + timedelta(days=2, hours=n), "secretary", PROOF)
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")


def jianfu(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "办公室群.jsonl"
    write_history(path)
    return path


def rows(db: Path) -> list[dict[str, object]]:
    store = Store(db)
    found = list(store.db.query("SELECT * FROM incidents ORDER BY id"))
    store.close()
    return found


def test_scan_db_twice_adds_nothing(
    history: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "jianfu.db"
    code, out, err = jianfu(capsys, "scan", str(history), "--db", str(db))
    printed = [json.loads(line) for line in out.splitlines()]
    first = rows(db)
    assert code == 0 and len(printed) == len(first) == sum(p.total for p in WEEKS.values())
    assert f"recorded {len(first)} incidents of 1 groups in {db} ({len(first)} new)" in err

    monkeypatch.chdir(history.parent)  # the same file by another path: same ids
    code, _, err = jianfu(capsys, "scan", history.name, "--db", str(db))
    assert code == 0 and f"({0} new)" in err
    again = rows(db)
    drop = ("updated_at",)
    assert [{k: v for k, v in r.items() if k not in drop} for r in again] == [
        {k: v for k, v in r.items() if k not in drop} for r in first
    ]
    ids = [str(r["id"]) for r in first]
    assert all(i.startswith("办公室群/") for i in ids)
    assert {str(r["platform"]) for r in first} == {"scan"}
    group = Store(db).groups()
    assert [(g.id, g.platform) for g in group] == [("办公室群", "scan")]


def test_scan_db_keeps_names_for_the_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "jianfu.db"
    assert jianfu(capsys, "scan", str(FIXTURES / "党支部通知.jsonl"), "--db", str(db))[0] == 0
    by = {r["kind"]: r["demand_by"] for r in rows(db)}
    assert by["ack_request"] == "王书记"  # the export's sender_name


@pytest.mark.parametrize("week", [10, 11, 12, 13])
def test_digest_of_imported_history_counts_acks_exactly(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], week: int
) -> None:
    db = tmp_path / "jianfu.db"
    jianfu(capsys, "scan", str(history), "--db", str(db))
    code, out, _ = jianfu(
        capsys, "digest", "--db", str(db), "--group", "办公室群", "--week", f"2026-W{week}"
    )
    assert code == 0
    plan, before = WEEKS[week], WEEKS.get(week - 1)
    piles, total = plan.piles, plan.total
    previous = 0 if before is None else before.total
    if not total:
        assert (
            out
            == f"【减负周报】办公室群 · 2026-W{week}：没有记录到形式主义事件（前一周 {previous} 起）。\n"
        )
        return
    acks = sum(piles)
    bound = sum(k * k for k in piles)  # group size unknown: each pile-up's own members
    assert f"刷屏中的“收到”共 {acks} 条，至少带来 {bound} 次消息提醒" in out
    assert f"要求回复确认 {plan.asks} 次，要求截图留痕 {plan.proofs} 次。" in out
    assert f"事件 {total} 起（上周 {previous} 起）：" in out
    top = [line for line in out.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert [int(line.rsplit("回复 ", 1)[1].removesuffix(" 条")) for line in top] == sorted(
        piles, reverse=True
    )[:3]


def seed_groups(db: Path) -> None:
    """Three groups in 2025-W07 with different burdens, plus a known size for one."""
    store = Store(db)
    monday = datetime(2025, 2, 10, 10, tzinfo=SH)
    plan: dict[str, list[tuple[IncidentKind, int]]] = {
        "light": [("ack_request", 1), ("proof_request", 1)],
        "heavy": [("stack", 20), ("stack", 15)],
        "middle": [("stack", 8), ("chain", 6), ("ack_request", 1)],
    }
    for gid, found in plan.items():
        store.touch_group(gid, "wechaty", f"{gid}群", monday - timedelta(days=30))
        for n, (kind, size) in enumerate(found):
            at = monday + timedelta(hours=n)
            incident = Incident(f"{gid}/{kind}/{n}", gid, kind, at, at, size, size, "通知", "u1")
            store.upsert_incident(incident, "wechaty", demand_by="王主任")
    store.set_group_size("middle", 40, monday)
    store.close()


def test_digest_all_ranks_groups_by_burden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "jianfu.db"
    seed_groups(db)
    code, out, _ = jianfu(capsys, "digest", "--db", str(db), "--all", "--week", "2025-W07")
    assert code == 0
    # burden = notifications: heavy 20*20 + 15*15 = 625 (sizes unknown), middle 8*40 = 320
    assert out.splitlines() == [
        "【减负周报汇总】2025-W07 · 3 个群，按负担排序",
        "1. heavy群：2 起（上周 0），“收到” 35 条，625 次消息提醒",
        "2. middle群：3 起（上周 0），“收到” 8 条，320 次消息提醒",
        "3. light群：2 起（上周 0），“收到” 0 条，0 次消息提醒",
    ]
    code, out, _ = jianfu(
        capsys, "digest", "--db", str(db), "--all", "--week", "2025-W09", "--lang", "en"
    )
    assert out == "2025-W09: no group has anything to report.\n"


@pytest.mark.parametrize(
    ("flag", "env", "config", "used"),
    [
        (None, None, "config.db", "config.db"),  # the db `jianfu run` would use
        (None, "env.db", "config.db", "env.db"),
        ("flag.db", "env.db", "config.db", "flag.db"),
        (None, None, None, "jianfu.db"),
    ],
)
def test_digest_finds_the_database_like_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flag: str | None,
    env: str | None,
    config: str | None,
    used: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JIANFU_CONFIG", raising=False)
    monkeypatch.delenv("JIANFU_DB", raising=False)
    if env:
        monkeypatch.setenv("JIANFU_DB", str(tmp_path / env))
    if config:
        (tmp_path / "jianfu.toml").write_text(f'db = "{tmp_path / config}"\n', encoding="utf-8")
    seed_groups(tmp_path / used)
    argv = ["digest", "--all", "--week", "2025-W07", *(["--db", flag] if flag else [])]
    code, out, err = jianfu(capsys, *argv)
    assert (code, err) == (0, "") and "1. heavy群：2 起" in out
    others = {"config.db", "env.db", "flag.db", "jianfu.db"} - {used}
    assert not any((tmp_path / name).exists() for name in others), "no other file was made"


def test_digest_formats_languages_and_last_week(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli.digest import cmd_digest

    db = tmp_path / "jianfu.db"
    seed_groups(db)
    code, out, _ = jianfu(
        capsys, "digest", "--db", str(db), "--group", "middle", "--week", "2025-w07",
        "--format", "markdown", "--lang", "en",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("### [jianfu weekly] middle群 · 2025-W07 (02-10 to 02-16)\n\n")
    assert "8 acks were posted in pile-ups; with 40 members in the group, that is 320" in out
    assert "- **ack chain**: 1 (the week before 0, +1)" in out

    args = main.__globals__["build_parser"]().parse_args(
        ["digest", "--db", str(db), "--group", "middle"]
    )
    assert cmd_digest(args, now=datetime(2025, 2, 17, 1, tzinfo=UTC)) == 0  # Mon W08, 09:00
    assert capsys.readouterr().out.startswith("【减负周报】middle群 · 2025-W07")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--group", "nope"], "--group 'nope': not in"),
        (
            ["--group", "light", "--week", "2025-W53"],
            "--week: bad week '2025-W53': 2025 has no week 53",
        ),
        (["--group", "light", "--week", "yesterday"], "--week: bad week 'yesterday'"),
        (
            ["--group", "light", "--week", "0001-W01"],
            "--week: bad week '0001-W01': the year must be from 2000 to 2100",
        ),
        (["--all", "--week", "9999-W52"], "--week: bad week '9999-W52': the year must be"),
        (["--all", "--chart", "x.png"], "--chart draws one group"),
    ],
)
def test_digest_refuses_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = tmp_path / "jianfu.db"
    seed_groups(db)
    code, out, err = jianfu(capsys, "digest", "--db", str(db), *argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_digest_needs_an_existing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = jianfu(capsys, "digest", "--db", str(tmp_path / "none.db"), "--all")
    assert code == 2 and "none.db: no such database" in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("name", "reason"),
    [("README.md", "file is not a database"), (".", "it is a directory")],
)
def test_digest_of_something_that_is_not_a_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    (tmp_path / "README.md").write_text("# jianfu\n", encoding="utf-8")
    path = tmp_path / name
    code, out, err = jianfu(capsys, "digest", "--db", str(path), "--all")
    assert (code, out) == (2, "")
    assert err == f"jianfu: error: cannot open database {path}: {reason}\n"
    assert (tmp_path / "README.md").read_text("utf-8") == "# jianfu\n"


# ---------------------------------------------------------------- the chart


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, RGB rows) of an 8-bit RGB PNG, checking signature, CRCs and filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1] == (b"IEND", b"")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, interlace) == (8, 2, 0)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride, rows_, prior = width * 3, [], bytearray(width * 3)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        filt, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - 3] if i >= 3 else 0
            b, c = prior[i], prior[i - 3] if i >= 3 else 0
            if filt == 1:
                cur[i] = (cur[i] + a) & 255
            elif filt == 2:
                cur[i] = (cur[i] + b) & 255
            elif filt == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows_.append(bytes(cur))
        prior = cur
    return width, height, rows_


def bars(rows_: list[bytes], width: int) -> list[set[IncidentKind]]:
    """Left to right, the kinds whose colour appears in each run of coloured columns."""
    colour_kind = {bytes(rgb): kind for kind, rgb in KIND_COLOURS.items()}
    per_column: list[set[IncidentKind]] = []
    for x in range(width):
        found = {colour_kind.get(row[3 * x : 3 * x + 3]) for row in rows_[TOP:]}
        per_column.append({k for k in found if k is not None})
    runs: list[set[IncidentKind]] = []
    for x, kinds in enumerate(per_column):
        if kinds and (x == 0 or not per_column[x - 1]):
            runs.append(set())
        if kinds:
            runs[-1] |= kinds
    return runs


def test_chart_is_a_valid_png_with_a_bar_for_each_busy_week(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, chart = tmp_path / "jianfu.db", tmp_path / "out.png"
    jianfu(capsys, "scan", str(history), "--db", str(db))
    code, _, err = jianfu(
        capsys, "digest", "--db", str(db), "--group", "办公室群", "--week", "2026-W13",
        "--chart", str(chart),
    )  # fmt: skip
    assert code == 0 and "2026-W06 to 2026-W13" in err
    width, height, rows_ = decode_png(chart.read_bytes())
    assert (width, height) == (720, 400)
    expected = []
    for week in range(6, 14):  # the 8 weeks shown; only 10, 11 and 13 have incidents
        plan = WEEKS.get(week)
        if plan is None:
            continue
        kinds = {"stack"} if plan.piles else set()
        kinds |= {"ack_request"} if plan.asks else set()
        kinds |= {"proof_request"} if plan.proofs else set()
        if kinds:
            expected.append(kinds)
    assert bars(rows_, width) == expected
    legend = {row[3 * x : 3 * x + 3] for row in rows_[:TOP] for x in range(width)}
    assert all(bytes(KIND_COLOURS[k]) in legend for k in INCIDENT_KINDS)


def test_chart_of_an_empty_history_has_axes_but_no_bars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, chart = tmp_path / "jianfu.db", tmp_path / "empty.png"
    seed_groups(db)
    code, _, _ = jianfu(
        capsys, "digest", "--db", str(db), "--group", "light", "--week", "2024-W10",
        "--chart", str(chart),
    )  # fmt: skip
    width, _, rows_ = decode_png(chart.read_bytes())
    assert code == 0 and bars(rows_, width) == []
