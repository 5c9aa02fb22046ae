"""Two workers on one PostgreSQL database share the group's cooldown and daily cap.

Each worker keeps the group's reminder history in memory and reads it again only every
`SHARED_READ_EVERY`, so within that window its own check finds the cooldown over while the
other worker has just reminded. The store's claim (`Store.claim_reminder`) counts every
worker's reminders: the second is held back, with reason cooldown, as one held in memory.
"""

from __future__ import annotations

from datetime import timedelta

from bot.shared_db import SHARED_READ_EVERY
from policies.events import Message
from tests.bot.test_two_workers import Worker, rows, workers
from tests.conftest import message

STEP = SHARED_READ_EVERY / 20  # every message of the test within one re-read window
NOTICE = message(1, "各位同事：周五前提交季度总结，收到请回复", minute=0)
ACKS = [message(n, "收到", minute=(n - 1) * STEP / timedelta(minutes=1)) for n in range(2, 10)]


async def handle(first: Worker, second: Worker, msg: Message) -> None:
    """Both workers receive `msg`, `first` before `second`."""
    for worker in (first, second):
        worker.clock.now = msg.time
        assert await worker.runtime.handle(msg)


async def test_a_pile_up_within_the_cooldown_of_the_other_worker_reminder_is_held(
    pg_url: str,
) -> None:
    async with workers(pg_url) as (a, b):
        chat = message(0, "今天下午三点开会", minute=-STEP / timedelta(minutes=1))
        await handle(a, b, chat)  # A reads the group's history: no reminder yet
        await handle(b, a, NOTICE)  # B handles the notice first and reminds
        for ack in ACKS:  # A each 收到 first: the history it keeps has no reminder
            await handle(a, b, ack)
        assert ACKS[-1].time - chat.time < SHARED_READ_EVERY, "A never read it again"

        sent = [(text, w.name) for w in (a, b) for _, text, _ in w.chat.sent]
        incidents = rows(a, "SELECT kind, reminded, held_reason FROM incidents ORDER BY id")
        assert len(sent) == 1, sent
        assert [(r["kind"], r["reminded"], r["held_reason"]) for r in incidents] == [
            ("ack_request", 1, ""),
            ("stack", 0, "cooldown"),
        ]
        [post] = rows(a, "SELECT incident_id, status FROM bot_posts WHERE reason = 'reminder'")
        assert (post["incident_id"], post["status"]) == ("g1/ack_request/m1", "sent")
