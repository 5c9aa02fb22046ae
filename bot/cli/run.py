"""`jianfu run` serves the bot (playground, platform callbacks, /healthz); `jianfu status` asks it.

    jianfu run [--config FILE] [--host H] [--port P] [--db PATH] [--playground] [--log-json]
    jianfu status [--url URL]

Environment equivalents: JIANFU_CONFIG, JIANFU_HOST, JIANFU_PORT, JIANFU_DB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

from bot.cli import CliError

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_DB = "jianfu.db"


def register(subparsers: Any) -> None:
    run = subparsers.add_parser("run", help="run the bot (serves the playground by default)")
    run.add_argument("--config", help="jianfu.toml path (env JIANFU_CONFIG; ./jianfu.toml)")
    run.add_argument("--host", help=f"address to bind (env JIANFU_HOST; {DEFAULT_HOST})")
    run.add_argument("--port", help=f"port, 0 = any free one (env JIANFU_PORT; {DEFAULT_PORT})")
    run.add_argument(
        "--db",
        help=f"SQLite file or postgresql:// URL (env JIANFU_DB; [store] url; ./{DEFAULT_DB})",
    )
    run.add_argument(
        "--playground", action="store_true", help="serve the playground group even with platforms"
    )
    run.add_argument(
        "--log-json", action="store_true", help="log JSON lines (like log_json = true)"
    )
    run.set_defaults(func=run_command)
    status = subparsers.add_parser("status", help="ask a running bot how it is (/healthz)")
    status.add_argument(
        "--url",
        default=default_url(),
        help="the bot: host:port, its base URL or its /healthz URL (default from JIANFU_HOST, "
        "JIANFU_PORT)",
    )
    status.set_defaults(func=status_command)


def default_url() -> str:
    host = os.environ.get("JIANFU_HOST", DEFAULT_HOST)
    port = os.environ.get("JIANFU_PORT", str(DEFAULT_PORT))
    return f"http://{host}:{port}"


def run_command(args: argparse.Namespace) -> int:
    from bot.app import create_app, platform_adapters  # imported here: `--help` stays fast
    from bot.ops.jieba_cache import use_prebuilt_cache
    from bot.ops.logging_setup import configure_logging
    from bot.settings import load_settings
    from bot.store.file import check_store
    from bot.store.thread import SWITCH_INTERVAL

    flags = {"host": args.host, "port": args.port, "db": args.db}
    switches = {"playground": args.playground or None, "log_json": args.log_json or None}
    settings = load_settings(args.config, cli={**flags, **switches})
    check_store(settings.db)  # a database we cannot open or write: one line, before serving
    configure_logging(
        settings.log_level, settings.log_json, env=settings.env, platforms=settings.platforms
    )
    use_prebuilt_cache(settings.env)  # JIANFU_JIEBA_CACHE: the image's prebuilt dictionary
    app = create_app(settings, adapters=platform_adapters(settings), freeze_heap=True)
    access_log = settings.log_level == "DEBUG"  # a line per request: only when debugging
    sys.setswitchinterval(SWITCH_INTERVAL)  # the store's thread gets the GIL back sooner
    asyncio.run(serve(app, settings.host, settings.port, access_log=access_log))
    return 0


async def serve(app: web.Application, host: str, port: int, *, access_log: bool = False) -> None:
    """Serve `app` until SIGINT or SIGTERM, then shut down in order (cleanup contexts).
    `access_log`: a line per HTTP request (logger `aiohttp.access`); off by default — at
    platform volume it costs ~7 % CPU, and incidents and posts are logged anyway."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    from aiohttp import web  # here: `jianfu --help` does not load aiohttp

    logger = logging.getLogger("aiohttp.access") if access_log else None
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=5, access_log=logger)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as exc:
            raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        bound = runner.addresses[0][1] if runner.addresses else port
        url = f"http://{host}:{bound}/"
        print(f"jianfu is running at {url}  (playground: open it in a browser)", flush=True)
        await stop.wait()
        print("jianfu: shutting down", flush=True)
    finally:
        await runner.cleanup()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


def health_url(given: str) -> str:
    """The /healthz URL for what the user typed: a base URL, a full /healthz URL, or a bare
    host:port (http assumed). Raises `CliError` for a scheme other than http(s)."""
    raw = given.strip()
    if "://" not in raw:
        raw = "http://" + raw
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CliError(f"--url {given!r}: expected host:port or an http(s) URL")
    path = parts.path.rstrip("/")
    if not path.endswith("/healthz"):
        path += "/healthz"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def status_command(args: argparse.Namespace) -> int:
    url = health_url(args.url)
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            report = json.load(response)
    except urllib.error.HTTPError as exc:
        report = _json_or_none(exc.read())
        if report is None:
            raise CliError(f"{url} answered HTTP {exc.code}, not a jianfu health report") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise CliError(f"no jianfu answering at {url}: {getattr(exc, 'reason', exc)}") from None
    print(describe(report))
    return 0 if report.get("ok") else 1


def describe(report: dict[str, Any]) -> str:
    lines = [f"jianfu: {'ok' if report.get('ok') else 'NOT OK'}"]
    db = report.get("db", {})
    lines.append(f"  database: {'ok' if db.get('ok') else 'error'} {db.get('detail', '')}".rstrip())
    for adapter in report.get("adapters", []):
        state = "connected" if adapter.get("connected") else "disconnected"
        lines.append(f"  {adapter.get('name')}: {state} {adapter.get('detail', '')}".rstrip())
    return "\n".join(lines)


def _json_or_none(body: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
