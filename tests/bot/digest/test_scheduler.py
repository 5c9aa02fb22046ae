"""The weekly digest schedule, with a frozen clock: once per group and week, across restarts,
downtime, failures and two processes sharing one database file."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.digest.scheduler import MAX_ATTEMPTS, DigestScheduler, Outcome, due_week, scheduled_at
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.digest import IsoWeek
from handlers.group_settings import GroupSettings
from policies.events import Incident, IncidentKind
from tests.bot.fakechat import FakeChat
from tests.conftest import FrozenClock

SH = ZoneInfo("Asia/Shanghai")
W07_MONDAY = datetime(2025, 2, 10, tzinfo=SH)  # the reported week: 2025-02-10 … 02-16
SLOT = datetime(2025, 2, 17, 9, 0, tzinfo=SH)  # Monday of W08, 09:00: W07's digest is due
FIRST_SEEN = datetime(2025, 2, 3, tzinfo=SH)


class Bot:
    """One bot process: its own Store connection on the shared file, runtime, scheduler."""

    def __init__(
        self, db: Path, clock: FrozenClock, chat: FakeChat, settings: Settings, tick: float = 60
    ) -> None:
        self.chat = chat
        self.tick_seconds = tick
        self.thread: StoreThread[Store] = StoreThread(lambda: Store(db), Store.close)
        self.clock = clock
        self.settings = settings

    async def __aenter__(self) -> Bot:
        await self.thread.open()
        runtime = Runtime(self.settings, self.thread, {self.chat.name: self.chat}, self.clock)
        self.scheduler = DigestScheduler(
            self.thread,
            self.settings,
            runtime.post,
            self.clock,
            lambda: {self.chat.name},
            tick=self.tick_seconds,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.scheduler.stop()
        await self.thread.close()

    async def tick(self, at: datetime) -> list[Outcome]:
        self.clock.now = at
        return await self.scheduler.run_once()


def incident(
    gid: str, n: int, kind: IncidentKind, at: datetime, members: int = 1, messages: int = 1
) -> Incident:
    return Incident(
        id=f"{gid}/{kind}/m{n}",
        group_id=gid,
        kind=kind,
        start=at,
        end=at + timedelta(minutes=5),
        members=members,
        messages=messages,
        trigger=f"通知第 {n} 号：请各科室于周五前报送材料",
        trigger_sender="u-boss",
    )


SEEDED: list[tuple[IncidentKind, datetime, int, int]] = [
    ("stack", W07_MONDAY, 12, 14),  # local Monday 00:00: the first moment of W07
    ("stack", W07_MONDAY + timedelta(days=2, hours=9), 25, 31),
    ("stack", W07_MONDAY + timedelta(days=4, hours=16), 7, 7),
    ("stack", W07_MONDAY + timedelta(days=6, hours=23, minutes=59), 5, 6),  # Sunday 23:59 local
    ("chain", W07_MONDAY + timedelta(days=1, hours=10), 9, 9),
    ("ack_request", W07_MONDAY + timedelta(hours=9), 1, 1),
    ("ack_request", W07_MONDAY + timedelta(days=3, hours=9), 1, 1),
    ("proof_request", W07_MONDAY + timedelta(days=3, hours=15), 1, 1),
    ("stack", W07_MONDAY + timedelta(days=7), 30, 40),  # Monday 00:00 of W08: not in W07
    ("stack", W07_MONDAY - timedelta(minutes=1), 8, 9),  # Sunday 23:59 of W06
    ("ack_request", W07_MONDAY - timedelta(days=3), 1, 1),  # W06
    ("ack_request", W07_MONDAY - timedelta(days=4), 1, 1),  # W06
    ("chain", W07_MONDAY - timedelta(days=5), 6, 6),  # W06
]


def seed(store: Store, gid: str = "g1", platform: str = "fakechat", size: int | None = 25) -> None:
    store.touch_group(gid, platform, "街道办工作群", FIRST_SEEN)
    for n, (kind, at, members, messages) in enumerate(SEEDED):
        store.upsert_incident(incident(gid, n, kind, at, members, messages), platform, now=at)
    for hours in (9, 33, 57):  # three reminders in W07, one in W06
        store.record_post(gid, "提醒", "reminder", W07_MONDAY + timedelta(hours=hours), platform)
    store.record_post(gid, "提醒", "reminder", W07_MONDAY - timedelta(hours=2), platform)
    if size is not None:
        store.set_group_size(gid, size, FIRST_SEEN)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "jianfu.db"
    store = Store(path)
    seed(store)
    store.close()
    yield path


def bot(
    db: Path,
    at: datetime,
    chat: FakeChat | None = None,
    settings: Settings | None = None,
    tick: float = 60,
) -> Bot:
    return Bot(db, FrozenClock(at), chat or FakeChat(), settings or Settings(), tick)


def in_week(at: datetime, year: int, week: int) -> bool:
    return at.astimezone(SH).isocalendar()[:2] == (year, week)


async def test_the_posted_digest_matches_the_seeded_week(db: Path) -> None:
    async with bot(db, SLOT) as one:
        assert await one.tick(SLOT) == [Outcome("g1", "2025-W07", "sent")]
    [(gid, text, markdown)] = one.chat.sent
    assert gid == "g1" and not markdown
    this = [s for s in SEEDED if in_week(s[1], 2025, 7)]
    before = [s for s in SEEDED if in_week(s[1], 2025, 6)]
    stacks = [s for s in this if s[0] == "stack"]
    acks = sum(messages for _, _, _, messages in stacks)
    assert (len(this), len(before), len(stacks), acks) == (8, 4, 4, 58)  # the seed as meant
    lines = text.splitlines()
    assert lines[0] == "【减负周报】街道办工作群 · 2025-W07（02-10 至 02-16）"
    assert f"事件 {len(this)} 起（上周 {len(before)} 起）：" in lines
    assert f"刷屏中的“收到”共 {acks} 条；按群成员 25 人计，带来 {acks * 25} 次消息提醒。" in lines
    biggest = sorted(stacks, key=lambda s: -s[3])[:3]
    ranked = [line for line in lines if line[:3] in ("1. ", "2. ", "3. ")]
    for line, (_, at, members, messages) in zip(ranked, biggest, strict=True):
        assert line.startswith(f"{ranked.index(line) + 1}. {at.astimezone(SH):%m-%d %H:%M}「")
        assert line.endswith(f"{members} 人回复 {messages} 条")
    asks = len([s for s in this if s[0] == "ack_request"])
    proofs = len([s for s in this if s[0] == "proof_request"])
    assert f"要求回复确认 {asks} 次，要求截图留痕 {proofs} 次。" in lines
    assert "机器人发出提醒 3 次。" in lines
    change = round((len(this) - len(before)) * 100 / len(before))
    assert lines[-1] == f"结论：比上周多 {change}%。"


async def test_restart_across_the_scheduled_time_sends_exactly_one_digest(db: Path) -> None:
    chat = FakeChat()
    async with bot(db, SLOT, chat) as first:
        assert await first.tick(SLOT - timedelta(minutes=1)) == []  # 08:59: not yet
    async with bot(db, SLOT, chat) as second:  # restarted across 09:00
        assert await second.tick(SLOT + timedelta(minutes=1)) == [Outcome("g1", "2025-W07", "sent")]
        assert await second.tick(SLOT + timedelta(minutes=2)) == []
    async with bot(db, SLOT, chat) as third:  # restarted again later that week
        assert await third.tick(SLOT + timedelta(days=2)) == []
        assert await third.tick(SLOT + timedelta(days=6, hours=14)) == []  # Sunday 23:00
    assert len(chat.sent) == 1
    async with bot(db, SLOT, chat) as fourth:  # the next Monday: the next week's digest
        assert await fourth.tick(SLOT + timedelta(days=7)) == [Outcome("g1", "2025-W08", "sent")]
    assert len(chat.sent) == 2
    rows = Store(db).digest_log("g1")
    assert [(r["week"], r["status"], r["attempts"]) for r in rows] == [
        ("2025-W07", "sent", 1),
        ("2025-W08", "sent", 1),
    ]


async def test_downtime_over_the_scheduled_time_sends_it_once_on_return(db: Path) -> None:
    chat = FakeChat()
    async with bot(db, SLOT, chat) as before:
        await before.tick(W07_MONDAY + timedelta(days=1, hours=11))  # Tue: W06's digest
    assert [text.splitlines()[0] for _, text, _ in chat.sent] == [
        "【减负周报】街道办工作群 · 2025-W06（02-03 至 02-09）"
    ]
    # down from Tuesday of W07 to Wednesday of W08, 14:00 — across Monday 09:00
    async with bot(db, SLOT, chat) as back:
        assert await back.tick(SLOT + timedelta(days=2, hours=5)) == [
            Outcome("g1", "2025-W07", "sent")
        ]
        assert await back.tick(SLOT + timedelta(days=2, hours=6)) == []
    assert len(chat.sent) == 2 and "2025-W07" in chat.sent[1][1]


async def test_a_week_that_ended_while_down_is_not_sent_late(db: Path) -> None:
    chat = FakeChat()
    async with bot(db, SLOT, chat) as back:  # down all of W08: W07's digest was due then
        assert await back.tick(SLOT + timedelta(days=7, hours=1)) == [
            Outcome("g1", "2025-W08", "sent")
        ]
    assert len(chat.sent) == 1 and "2025-W08" in chat.sent[0][1]
    assert Store(db).digest_status("g1", "2025-W07") is None


async def test_two_bots_sharing_the_database_send_each_digest_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    store = Store(path)
    groups = [f"g{n:02d}" for n in range(12)]
    for gid in groups:
        seed(store, gid)
    store.close()
    chats = FakeChat(), FakeChat()
    async with bot(path, SLOT, chats[0]) as one, bot(path, SLOT, chats[1]) as two:
        for minute in range(3):  # both keep passing over the same minutes
            at = SLOT + timedelta(minutes=minute)
            await asyncio.gather(one.tick(at), two.tick(at))
    sent = sorted(gid for chat in chats for gid, _, _ in chat.sent)
    assert sent == groups, "every group exactly once, whichever bot won it"


def _child(path: str, out: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    """A second bot process: waits for its twin, then runs one pass at 09:00."""

    async def deliver(post: object, platform: str) -> bool:
        with open(out, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {getattr(post, 'group_id', '')}\n")
        return True

    async def main() -> None:
        thread: StoreThread[Store] = StoreThread(lambda: Store(path), Store.close)
        await thread.open()
        scheduler = DigestScheduler(thread, Settings(), deliver, lambda: SLOT, lambda: {"fakechat"})
        barrier.wait(timeout=30)
        await scheduler.run_once()
        await thread.close()

    asyncio.run(main())


def test_two_processes_sharing_the_database_send_each_digest_once(tmp_path: Path) -> None:
    path, out = tmp_path / "shared.db", tmp_path / "sent.log"
    store = Store(path)
    groups = [f"g{n:02d}" for n in range(20)]
    for gid in groups:
        seed(store, gid)
    store.close()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_child, args=(str(path), str(out), barrier)) for _ in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    lines = out.read_text(encoding="utf-8").split()
    assert sorted(lines[1::2]) == groups, "each group once across both processes"
    claimed_by = {row["claimed_by"] for row in Store(path).digest_log()}
    assert all(owner.endswith(tuple(lines[0::2])) for owner in claimed_by)


async def test_a_failed_post_is_recorded_and_retried_later_within_limits(db: Path) -> None:
    chat = FakeChat(failures=1)
    async with bot(db, SLOT, chat) as one:
        assert await one.tick(SLOT) == [Outcome("g1", "2025-W07", "failed")]
        [row] = one.thread.store.digest_log("g1")
        assert row["status"] == "failed" and "did not take the post" in row["error"]
        assert await one.tick(SLOT + timedelta(minutes=5)) == []  # too soon to retry
        assert await one.tick(SLOT + timedelta(minutes=16)) == [Outcome("g1", "2025-W07", "sent")]
        [row] = one.thread.store.digest_log("g1")
        assert (row["status"], row["attempts"], row["error"]) == ("sent", 2, "")
    assert len(chat.sent) == 1


async def test_a_post_that_keeps_failing_is_given_up_after_max_attempts(db: Path) -> None:
    chat = FakeChat(failures=100)
    async with bot(db, SLOT, chat) as one:
        results = [await one.tick(SLOT + timedelta(minutes=20 * n)) for n in range(6)]
        [row] = one.thread.store.digest_log("g1")
    tried = [r for r in results if r]
    assert len(tried) == MAX_ATTEMPTS and row["attempts"] == MAX_ATTEMPTS
    assert row["status"] == "failed" and chat.sent == []


async def test_quiet_hours_defer_the_digest_without_dropping_it(db: Path) -> None:
    settings = Settings(group_defaults=GroupSettings(quiet_hours="08:00-10:00"))
    chat = FakeChat()
    async with bot(db, SLOT, chat, settings) as one:
        assert await one.tick(SLOT) == [Outcome("g1", "2025-W07", "deferred:quiet_hours")]
        assert one.thread.store.digest_status("g1", "2025-W07") is None  # not claimed
        assert await one.tick(SLOT + timedelta(minutes=60)) == [Outcome("g1", "2025-W07", "sent")]
    assert len(chat.sent) == 1


LATE_SUNDAY = GroupSettings(digest_day="sun", digest_time="23:00", quiet_hours="22:00-07:00")
W08_SUNDAY_23 = datetime(2025, 2, 23, 23, 0, tzinfo=SH)  # W07's digest is due, in quiet hours
W09_MONDAY = datetime(2025, 2, 24, tzinfo=SH)


async def test_a_digest_held_by_quiet_hours_past_monday_goes_out_when_they_end(db: Path) -> None:
    chat = FakeChat()
    async with bot(db, SLOT, chat, Settings(group_defaults=LATE_SUNDAY)) as one:
        held = [Outcome("g1", "2025-W07", "deferred:quiet_hours")]
        assert await one.tick(W08_SUNDAY_23) == held
        assert await one.tick(W09_MONDAY) == held  # a new ISO week, still the same night
        assert await one.tick(W09_MONDAY + timedelta(hours=6, minutes=59)) == held
        assert await one.tick(W09_MONDAY + timedelta(hours=7)) == [
            Outcome("g1", "2025-W07", "sent")
        ]
        assert await one.tick(W09_MONDAY + timedelta(hours=7, minutes=1)) == []
    [(_, body, _)] = chat.sent
    assert "2025-W07" in body.splitlines()[0]


async def test_a_held_digest_survives_a_short_restart_but_not_a_long_downtime(db: Path) -> None:
    chat = FakeChat()
    settings = Settings(group_defaults=LATE_SUNDAY)
    async with bot(db, SLOT, chat, settings) as down_after_the_quiet_hours:  # back 07:30
        await down_after_the_quiet_hours.tick(W08_SUNDAY_23)
        assert await down_after_the_quiet_hours.tick(W09_MONDAY + timedelta(hours=7.5)) == [
            Outcome("g1", "2025-W07", "sent")
        ]
    chat = FakeChat()
    async with bot(db, SLOT, chat, settings) as down_all_morning:  # back Monday 10:00
        assert await down_all_morning.tick(W09_MONDAY + timedelta(days=7, hours=10)) == []
    assert chat.sent == [] and Store(db).digest_status("g1", "2025-W08") is None


def test_only_a_digest_due_inside_the_quiet_hours_over_the_weeks_end_is_held_over() -> None:
    monday_0130 = datetime(2025, 2, 24, 1, 30, tzinfo=SH)  # W09; quiet hours ended 01:00
    sunday_late = GroupSettings(digest_day="sun", digest_time="23:00", quiet_hours="22:00-01:00")
    assert due_week(monday_0130, sunday_late) == IsoWeek(2025, 7)
    assert due_week(monday_0130 + timedelta(minutes=30), sunday_late) is None  # 1 h after
    monday_morning = GroupSettings(digest_time="09:00", quiet_hours="22:00-01:00")
    assert due_week(monday_0130, monday_morning) is None  # W08's slot was not in quiet hours


@pytest.mark.parametrize("state", ["paused", "observe"])
async def test_pause_and_observe_defer_the_digest_until_resume(db: Path, state: str) -> None:
    store = Store(db)
    store.save_group_settings("g1", GroupSettings().with_flag(state, True))
    store.close()
    chat = FakeChat()
    async with bot(db, SLOT, chat) as one:
        assert await one.tick(SLOT) == [Outcome("g1", "2025-W07", f"deferred:{state}")]
        assert await one.tick(SLOT + timedelta(hours=5)) == [
            Outcome("g1", "2025-W07", f"deferred:{state}")
        ]
        one.thread.store.save_group_settings("g1", GroupSettings())  # /jianfu resume
        assert await one.tick(SLOT + timedelta(days=1)) == [Outcome("g1", "2025-W07", "sent")]
    assert len(chat.sent) == 1


async def test_markdown_goes_to_platforms_that_render_it(tmp_path: Path) -> None:
    path = tmp_path / "jianfu.db"
    store = Store(path)
    seed(store, "cid-1", platform="dingtalk")
    store.close()
    chat = FakeChat("dingtalk")
    async with bot(path, SLOT, chat) as one:
        await one.tick(SLOT)
    [(_, text, markdown)] = chat.sent
    assert markdown and text.startswith("### 【减负周报】") and "- **收到刷屏** 4" in text


async def test_groups_without_a_running_adapter_or_seen_too_late_are_skipped(db: Path) -> None:
    store = Store(db)
    seed(store, "imported", platform="scan")  # from `jianfu scan --db`: nowhere to post
    store.touch_group("newcomer", "fakechat", "新群", SLOT - timedelta(hours=1))  # joined in W08
    store.close()
    chat = FakeChat()
    async with bot(db, SLOT, chat) as one:
        assert await one.tick(SLOT) == [Outcome("g1", "2025-W07", "sent")]
    assert [gid for gid, _, _ in chat.sent] == ["g1"]


@pytest.mark.parametrize(
    ("day", "at", "zone", "due", "before"),
    [
        (
            "mon",
            "09:00",
            "Asia/Shanghai",
            datetime(2025, 2, 17, 1, 0, tzinfo=UTC),
            IsoWeek(2025, 7),
        ),
        (
            "fri",
            "17:30",
            "Europe/Berlin",
            datetime(2025, 2, 21, 16, 30, tzinfo=UTC),
            IsoWeek(2025, 7),
        ),
        (
            "sun",
            "23:45",
            "America/New_York",
            datetime(2025, 2, 24, 4, 45, tzinfo=UTC),
            IsoWeek(2025, 7),
        ),
    ],
)
def test_each_group_has_its_own_day_time_and_zone(
    day: str, at: str, zone: str, due: datetime, before: IsoWeek
) -> None:
    group = GroupSettings(digest_day=day, digest_time=at, timezone=zone)
    assert scheduled_at(IsoWeek(2025, 8), group) == due
    assert due_week(due - timedelta(seconds=1), group) != before
    assert due_week(due, group) == before


async def test_the_loop_posts_and_stops_cleanly(db: Path) -> None:
    chat = FakeChat()
    async with bot(db, SLOT, chat, tick=0.01) as one:
        one.scheduler.start()
        for _ in range(200):
            if chat.sent:
                break
            await asyncio.sleep(0.01)
        await one.scheduler.stop()
    assert len(chat.sent) == 1
