"""The application factory: settings → store → adapters → runtime → background tasks.

Every resource is a cleanup context, so start-up and tear-down pair up and run in reverse:
the HTTP client session, the store (opened and used on its own single thread), the adapters
with the runtime as their sink, the periodic jobs (detector expiry, daily retention purge),
which are cancelled and awaited on the way out, and the weekly digest schedule (stopped after
the pass in flight). One HTTP server carries the playground, every platform's callback
routes, `/healthz` and `/metrics` (Prometheus text format, `bot.metrics`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web

from bot.adapters.base import Adapter
from bot.adapters.dingtalk import DingTalkAdapter
from bot.adapters.feishu import FeishuAdapter
from bot.adapters.playground import GROUP_ID, MEMBERS, Member, TranscriptEntry
from bot.adapters.playground import PlaygroundAdapter as Playground
from bot.adapters.playground.guard import TOKEN_ENV, access_token
from bot.adapters.wechaty import configured as wechaty_configured
from bot.appkeys import CLOCK, HTTP_SESSION
from bot.clock import Clock, utc_now
from bot.digest.compose import StoreDigests
from bot.digest.scheduler import TICK, DigestScheduler
from bot.metrics import METRICS, Metrics, metrics_page
from bot.ops.logging_setup import quiet_bad_requests
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from bot.unfinished import UnfinishedCommands
from bot.warmup import warm_up
from handlers import commands, notices
from handlers.context import IncidentRecord
from handlers.texts import text

log = logging.getLogger(__name__)

EXPIRE_EVERY = 60.0  # seconds between detector expiry runs
NUDGE_EVERY = 30.0  # seconds between looks for notices now due (their private nudges)
PURGE_EVERY = 24 * 3600.0  # seconds between retention purges (one runs at start-up)
PLAYGROUND_COOLDOWN_MINUTES = 0  # the demo group's cooldown (README "Playground")

STORE = web.AppKey("store", StoreThread[Store])
ADAPTERS = web.AppKey("adapters", dict[str, Adapter])
RUNTIME = web.AppKey("runtime", Runtime)
SETTINGS = web.AppKey("settings", Settings)
READY = web.AppKey("ready", asyncio.Event)  # set once everything started, cleared on the way out
FREEZE = web.AppKey("freeze", bool)  # freeze the heap once started (`ready`)


def create_app(
    settings: Settings,
    *,
    db_path: Path | str | None = None,
    playground: bool | None = None,
    adapters: Sequence[Adapter] = (),
    clock: Clock = utc_now,
    expire_every: float = EXPIRE_EVERY,
    digest_every: float = TICK,
    busy_timeout: float = 10.0,
    nudge_every: float = NUDGE_EVERY,
    playground_members: Sequence[Member] = MEMBERS,
    freeze_heap: bool = False,
) -> web.Application:
    """The bot as an aiohttp application. `adapters` are platform connectors built by the
    caller; the playground joins them when asked (`playground` or `settings.playground`) or
    when there is no other. `clock` gives "now" (tests freeze it). `busy_timeout`: seconds a
    write waits for another process's lock on the database before the message is answered
    "not handled" (to be delivered again). `playground_members`: the simulated group's.
    `freeze_heap` (`jianfu run`): once started, what exists is kept out of the garbage
    collector's sight (`ready`)."""
    quiet_bad_requests()  # a malformed request is one WARNING line, not an ERROR traceback
    app = web.Application()
    app[CLOCK] = clock
    app[METRICS] = Metrics()
    path = str(db_path if db_path is not None else settings.db)
    pool = settings.db_pool_size
    app[STORE] = StoreThread(lambda: Store(path, busy_timeout, pool), Store.close)
    chosen = list(adapters)
    if serves_playground(settings, chosen, playground):
        settings = with_playground_group(settings)
        digests = StoreDigests(app[STORE], settings, clock)
        token = access_token(settings.host, settings.env.get(TOKEN_ENV, ""))  # or refuse
        log_, desk = StorePlaygroundLog(app[STORE]), PlaygroundNotices(app)
        chosen.append(Playground(log_, clock, digests, token, desk, playground_members))
    app[SETTINGS] = settings
    app[ADAPTERS] = {adapter.name: adapter for adapter in chosen}
    for adapter in chosen:
        adapter.setup_routes(app)
        adapter.set_private_filter(is_for_bot)  # a 1:1 chat's text: a command, a confirmation
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/livez", livez)
    app.router.add_get("/readyz", readyz)
    app[READY] = asyncio.Event()
    app[FREEZE] = freeze_heap
    app.router.add_get("/metrics", metrics_page)
    adapter_map: dict[str, Adapter] = app[ADAPTERS]
    app[METRICS].watch_adapters(lambda: adapter_map)
    jobs = background(expire_every, nudge_every)
    app.cleanup_ctx.extend([warm, http_session, open_store, run_adapters, jobs])
    app.cleanup_ctx.extend([digest_schedule(digest_every), ready])
    return app


def is_command(text: str) -> bool:
    """An admin command (`/jianfu …`, `/jf …`): the only 1:1-chat text the bot takes in."""
    return commands.parse(text) is not None


def is_for_bot(text: str) -> bool:
    """What a 1:1 chat may bring in: an admin command, or a silent notice's confirmation
    ("1", "收到", the notice's number: `handlers.notices.is_private_confirmation`)."""
    return is_command(text) or notices.is_private_confirmation(text)


def serves_playground(
    settings: Settings, platforms: Sequence[Adapter], playground: bool | None = None
) -> bool:
    """Does the playground run? When asked (`playground`, else `settings.playground`) or when
    no platform adapter does (`jianfu check-config` reports the same decision)."""
    wanted = settings.playground if playground is None else playground
    return wanted or not platforms


def with_playground_group(settings: Settings) -> Settings:
    """The settings with the playground group's own: the group defaults with
    `PLAYGROUND_COOLDOWN_MINUTES`, unless the config has a `[groups."playground"]` table.

    Why not a cooldown per kind for everyone: in a real group a demand ("收到请回复") and the
    pile-up it provokes are one event, and two reminders about it minutes apart are the noise
    the bot exists to remove. The playground is a demonstration, where a newcomer posts the
    demand and the pile-up within a minute and should see the bot answer both."""
    if GROUP_ID in settings.groups:
        return settings
    group = replace(settings.group_defaults, cooldown_minutes=PLAYGROUND_COOLDOWN_MINUTES)
    return replace(settings, groups={**settings.groups, GROUP_ID: group})


def platform_adapters(settings: Settings) -> list[Adapter]:
    """The platform connectors the environment and config ask for (`jianfu run`)."""
    adapters: list[Adapter] = []
    dingtalk = DingTalkAdapter.from_settings(settings)  # DINGTALK_CLIENT_SECRET turns it on
    if dingtalk is not None:
        adapters.append(dingtalk)
    feishu = FeishuAdapter.from_settings(settings)  # FEISHU_APP_ID turns it on
    if feishu is not None:
        adapters.append(feishu)
    if wechaty_configured(settings.env, settings.platforms.get("wechaty")):  # its gRPC SDK loads
        from bot.adapters.wechaty import WechatyAdapter  # only now

        wechaty = WechatyAdapter.from_settings(settings)  # WECHATY_PUPPET_SERVICE_ENDPOINT
        if wechaty is not None:
            adapters.append(wechaty)
    return adapters


async def warm(app: web.Application) -> AsyncIterator[None]:
    """Before anything is served: jieba's dictionary and the classifier's first uses, on a
    worker thread (`bot.warmup`): the server listens (and adapters start) only after it, so
    the first message is not the one that waits."""
    await asyncio.get_running_loop().run_in_executor(None, warm_up)
    yield


# The collector's thresholds once started (`ready`): a young collection every 20,000 net
# allocations instead of 700. At a thousand callbacks a second, objects of requests still in
# flight (transports, parsers, tasks, futures) survived the frequent young collections, were
# promoted and, counted as long-lived, set off a full collection of the whole heap every
# second or so (10 in a 5 s run of benchmarks/live.py, 80-190 ms each on a loaded machine);
# collected 28× less often, most of them are gone (freed by their reference counts) before
# a collection sees them. benchmarks/live_cpu.py, 64 in flight: 1,344,724 → 1,283,166
# instructions per message.
GC_THRESHOLDS = (20_000, 20, 20)


async def ready(app: web.Application) -> AsyncIterator[None]:
    """Last up, first down: `/readyz` says ready between the two. What exists once everything
    started (jieba's dictionary, the classifier, the modules: ~60k objects) lives as long as
    the process: it is moved out of the garbage collector's sight (`gc.freeze`), so a full
    collection no longer rescans it — 12-19 ms each time, a pause every request then in
    flight waits out — and the collector's thresholds are raised (`GC_THRESHOLDS`). (Only
    when asked, `jianfu run`: in a process that builds many apps, tests, what is frozen
    would never be freed.)"""
    if app[FREEZE]:
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
    app[READY].set()
    yield
    app[READY].clear()


async def http_session(app: web.Application) -> AsyncIterator[None]:
    async with ClientSession() as session:
        app[HTTP_SESSION] = session
        yield


async def open_store(app: web.Application) -> AsyncIterator[None]:
    store = app[STORE]
    await store.open()
    log.info("store: %s open", store.store.path)
    unsettled = await store.call(store.store.reconcile_posts)
    if unsettled:
        log.warning("store: %d post(s) of a stopped process may have gone out (unknown)", unsettled)
    try:
        yield
    finally:
        await store.close()


async def run_adapters(app: web.Application) -> AsyncIterator[None]:
    adapters = app[ADAPTERS]
    runtime = Runtime(app[SETTINGS], app[STORE], adapters, app[CLOCK], metrics=app[METRICS])
    app[RUNTIME] = runtime
    started: list[Adapter] = []
    try:
        for adapter in adapters.values():
            await adapter.start(runtime.handle)
            started.append(adapter)
            log.info("adapter %s started", adapter.name)
        yield
    finally:
        for adapter in reversed(started):
            try:
                await adapter.stop()
            except Exception:
                log.exception("adapter %s failed to stop", adapter.name)
        try:  # after the adapters: no message is being handled any more
            await runtime.save_states()
        except Exception:
            log.exception("runtime: could not save the detector states")


def background(
    expire_every: float, nudge_every: float = NUDGE_EVERY
) -> Callable[[web.Application], contextlib.AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def jobs(app: web.Application) -> AsyncIterator[None]:
        runtime = app[RUNTIME]
        unfinished = UnfinishedCommands(app[STORE], app[CLOCK])
        app[METRICS].watch_commands(lambda: unfinished.count)
        tasks = [
            asyncio.create_task(every(expire_every, unfinished.check, "unfinished commands")),
            asyncio.create_task(every(expire_every, runtime.expire, "expiry", first=False)),
            asyncio.create_task(every(PURGE_EVERY, runtime.purge, "retention purge")),
            asyncio.create_task(every(nudge_every, runtime.notices.nudge_due, "notice nudges")),
        ]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    return jobs


def digest_schedule(
    every_: float,
) -> Callable[[web.Application], contextlib.AbstractAsyncContextManager[None]]:
    """The weekly digest scheduler (bot.digest.scheduler), posting through the runtime to the groups
    of connected adapters. The playground's group size is known: its members are fixed."""

    @contextlib.asynccontextmanager
    async def schedule(app: web.Application) -> AsyncIterator[None]:
        store, adapters = app[STORE], app[ADAPTERS]
        playground = adapters.get("playground")
        if isinstance(playground, Playground):
            now, size = app[CLOCK](), len(playground.simulated)
            await store.call(store.store.set_group_size, GROUP_ID, size, now)

        def connected() -> set[str]:
            return {name for name, adapter in adapters.items() if adapter.status().connected}

        scheduler = DigestScheduler(
            store, app[SETTINGS], app[RUNTIME].post, app[CLOCK], connected, tick=every_
        )
        scheduler.start()
        try:
            yield
        finally:
            await scheduler.stop()

    return schedule


async def every(
    seconds: float, job: Callable[[], Awaitable[Any]], name: str, *, first: bool = True
) -> None:
    """Run `job` every `seconds` (at once too when `first`); a failure is logged, not fatal."""
    if not first:
        await asyncio.sleep(seconds)
    while True:
        try:
            await job()
        except Exception:
            log.exception("background %s failed", name)
        await asyncio.sleep(seconds)


async def healthz(request: web.Request) -> web.Response:
    """`{"ok", "adapters": [{"name", "connected", "detail"}], "db": {"ok", "detail"}}`."""
    adapters = [asdict(adapter.status()) for adapter in request.app[ADAPTERS].values()]
    db = await database_health(request.app[STORE])
    ok = db["ok"] and all(a["connected"] for a in adapters)
    body = {"ok": ok, "adapters": adapters, "db": db}
    return web.json_response(body, status=200 if ok else 503)


async def livez(request: web.Request) -> web.Response:
    """Liveness: the process and its event loop answer (nothing else is asked: a restart would
    not cure a locked database or a platform that is down)."""
    return web.json_response({"ok": True})


async def readyz(request: web.Request) -> web.Response:
    """Readiness: warmed up and started (not shutting down), the database answers and every
    adapter is connected — 200 `{"ready": true}`, else 503 `{"ready": false, "why"}`."""
    app = request.app
    why = "" if app[READY].is_set() else "starting or stopping"
    if not why:
        db = await database_health(app[STORE])
        down = [a.name for a in app[ADAPTERS].values() if not a.status().connected]
        why = "" if db["ok"] else f"database: {db['detail']}"
        why = why or (f"not connected: {', '.join(down)}" if down else "")
    body = {"ready": not why} | ({"why": why} if why else {})
    return web.json_response(body, status=503 if why else 200)


async def database_health(store: StoreThread[Store]) -> dict[str, Any]:
    try:
        path = store.store.path
        await store.call(lambda: store.store.db.execute("SELECT 1").fetchone())
    except Exception as exc:
        return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "detail": path}


class StorePlaygroundLog:
    """The playground's transcript and incident list, kept in the store (off the loop)."""

    def __init__(self, store: StoreThread[Store]) -> None:
        self._store = store

    async def append(
        self, group_id: str, sender: str, text: str, time: datetime, bot: bool, to_member: str = ""
    ) -> TranscriptEntry:
        store = self._store.store
        row = await self._store.call(
            store.add_playground_message, group_id, sender, text, time, sender, bot, to_member
        )
        return TranscriptEntry(
            row.id, row.group_id, row.sender, row.text, row.time, row.bot, to_member
        )

    async def private(self, group_id: str, member: str, limit: int) -> list[TranscriptEntry]:
        rows = await self._store.call(self._store.store.playground_private, group_id, member, limit)
        return [
            TranscriptEntry(r.id, r.group_id, r.sender, r.text, r.time, r.bot, member) for r in rows
        ]

    async def transcript(self, group_id: str, limit: int) -> list[TranscriptEntry]:
        rows = await self._store.call(self._store.store.playground_messages, group_id, limit)
        return [TranscriptEntry(r.id, r.group_id, r.sender, r.text, r.time, r.bot) for r in rows]

    async def incidents(self, group_id: str = GROUP_ID, limit: int = 50) -> list[dict[str, Any]]:
        rows = await self._store.call(self._store.store.incidents, group_id, limit)
        return [incident_json(row) for row in rows]


class PlaygroundNotices:
    """The playground's notices and confirm button, through the runtime's `NoticeDesk`
    (looked up when used: the runtime is built once the adapters start)."""

    def __init__(self, app: web.Application) -> None:
        self._app = app

    async def notices(self, group_id: str) -> list[dict[str, Any]]:
        return await self._app[RUNTIME].notices.page(group_id)

    async def confirm(self, group_id: str, notice_id: int, member: str) -> None:
        await self._app[RUNTIME].notices.confirm_button(group_id, notice_id, member)


def incident_json(record: IncidentRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "label": text(f"kind.{record.kind}", "zh-CN"),
        "label_en": text(f"kind.{record.kind}", "en"),
        "start": record.start.isoformat(),
        "end": record.end.isoformat(),
        "members": record.members,
        "messages": record.messages,
        "trigger": record.trigger,
        "demand_by": record.demand_by,
        "reminded": record.reminded,
        "held_reason": record.held_reason,  # why no reminder ("" = reminded, or none was due)
        "held_until": record.held_until.isoformat() if record.held_until else None,
        "held_label": text(f"held.{record.held_reason}", "zh-CN") if record.held_reason else "",
        "held_label_en": text(f"held.{record.held_reason}", "en") if record.held_reason else "",
    }
