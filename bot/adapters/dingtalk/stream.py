"""DingTalk Stream mode: the official `dingtalk-stream` SDK on a thread of its own.

The SDK's `start()` is a coroutine, but it opens each connection with blocking `requests`
calls, so it never runs on our event loop: it gets its own thread and loop here. It reconnects
by itself (10 s after a failure); we watch it and say how the link is in `health()` and the log.
Messages go to `DingTalkAdapter.accept_from_stream`, awaited on the SDK's loop: it hands them
to our loop and returns once they are handled there, so a message is acked after its incident
is committed, never before.

The SDK reads DINGTALK_OPENAPI_ENDPOINT once, when it is imported; it is imported lazily here,
and pointed at the configured endpoint should it have been imported with another one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.adapters.dingtalk.config import DingTalkSettings

log = logging.getLogger(__name__)

GATEWAY_PATH = "/v1.0/gateway/connections/open"
WATCH_EVERY = 5.0  # seconds between two looks at the link (see `watch`)
STOP_TIMEOUT = 5.0  # seconds stop() waits for the SDK's thread
SECRET_IN_LOG = re.compile(
    r"""((?:ticket|clientSecret|access_?[tT]oken)['"]?\s*[:=]\s*['"]?)[^'",&\s}]+"""
)

NOT_HANDLED = "not handled yet; deliver it again"  # acked as a system error: DingTalk redelivers

# None = accepted (handled), NOT_HANDLED, else why it was refused
PayloadHandler = Callable[[Any], Awaitable["str | None"]]


@dataclass(frozen=True, slots=True)
class LinkState:
    """What the SDK's connection is doing, as of `since` (time.time())."""

    phase: str  # starting | opening | open-failed | connected | stopped | failed (<error>)
    since: float
    failures: int = 0  # connection attempts that failed in a row
    host: str = ""  # the gateway host of the current WebSocket
    last_frame: float = 0.0  # when the last frame arrived
    socket: Any = None  # the SDK's current WebSocket (its `state` says whether it is open)


class _RedactSecrets(logging.Filter):
    """The SDK logs the connection ticket; keep tickets and secrets out of our log."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # the SDK sometimes passes arguments its format does not use
            text = f"{record.msg} {record.args}"
        redacted = SECRET_IN_LOG.sub(r"\1***", text)
        if redacted != text or record.args:
            record.msg, record.args = redacted, None
        return True


sdk_log = logging.getLogger(__name__ + ".sdk")
sdk_log.addFilter(_RedactSecrets())
quiet_log = logging.getLogger(__name__ + ".sdk.stopping")
quiet_log.disabled = True


class StreamLink:
    """One Stream-mode connection, run by the SDK on its own thread."""

    def __init__(self, settings: DingTalkSettings, on_payload: PayloadHandler) -> None:
        self._settings = settings
        self._on_payload = on_payload
        self._state = LinkState("starting", time.time())
        self.connections = 0  # WebSockets opened (the SDK reconnects by itself)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._stuck_reported = 0.0  # `since` of the opening attempt already logged as stuck

    def start(self) -> None:
        """Start the SDK's thread; returns at once (connecting happens there)."""
        self._loop = asyncio.new_event_loop()
        self._stopping = asyncio.Event()
        self._thread = threading.Thread(target=self._run, name="dingtalk-stream", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Ask the SDK's loop to finish and wait for its thread (blocking: call via a thread)."""
        thread, loop, stopping = self._thread, self._loop, self._stopping
        if thread is None or loop is None or stopping is None:
            return
        if thread.is_alive():
            with contextlib.suppress(RuntimeError):  # its loop has already closed
                loop.call_soon_threadsafe(stopping.set)
            thread.join(STOP_TIMEOUT)
        if thread.is_alive():
            log.warning("dingtalk stream: the SDK did not stop within %.0f s", STOP_TIMEOUT)
        self._set(phase="stopped")

    def health(self) -> tuple[bool, str]:
        """(connected, one line) for `jianfu status`."""
        state, now = self._state, time.time()
        age = now - state.since
        if state.phase == "connected" and _closed(state.socket):
            return False, f"disconnected from {state.host}; the SDK reconnects within 10 s"
        if state.phase == "connected":
            frame = f", last frame {now - state.last_frame:.0f} s ago" if state.last_frame else ""
            return True, f"connected to {state.host} for {age:.0f} s{frame}"
        if state.phase == "opening" and age > self._settings.stream_stuck_after:
            if self._stuck_reported != state.since:
                self._stuck_reported = state.since
                log.warning("dingtalk stream: stuck opening a connection for %.0f s", age)
            return False, f"stuck opening a connection for {age:.0f} s"
        if state.phase == "open-failed":
            return False, (
                f"cannot open a connection ({state.failures} failed attempts in a row, "
                f"last {age:.0f} s ago); the SDK retries every 10 s"
            )
        return False, f"{state.phase} for {age:.0f} s"

    async def watch(self, every: float = WATCH_EVERY) -> None:
        """On our loop: look at the link now and then, so a stuck attempt reaches the log even
        when nobody asks for the status."""
        while True:
            await asyncio.sleep(every)
            self.health()

    # --- on the SDK's thread ---

    def _run(self) -> None:
        loop = self._loop
        assert loop is not None
        try:
            with asyncio.Runner(loop_factory=lambda: loop) as runner:
                runner.run(self._main())
        except Exception as exc:
            self._set(phase=f"failed ({type(exc).__name__})")
            log.exception("dingtalk stream: the SDK's thread failed")

    async def _main(self) -> None:
        assert self._stopping is not None
        client = _make_client(self._settings, self)
        task = asyncio.create_task(client.start())
        stop = asyncio.create_task(self._stopping.wait())
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        client.logger = quiet_log  # the SDK logs our cancellation as a network error
        while not task.done():  # the SDK catches one cancellation and sleeps: cancel again
            task.cancel()
            await asyncio.wait({task}, timeout=0.2)
        stop.cancel()

    def _set(self, **changes: Any) -> None:
        old = self._state
        fields = {
            "phase": old.phase,
            "since": old.since,
            "failures": old.failures,
            "host": old.host,
            "last_frame": old.last_frame,
            "socket": old.socket,
        }
        if "phase" in changes and changes["phase"] != old.phase:
            fields["since"] = time.time()
        fields.update(changes)
        self._state = LinkState(**fields)

    def opening(self) -> None:
        if self._state.phase == "connected":
            log.warning("dingtalk stream: connection to %s lost; reconnecting", self._state.host)
        self._set(phase="opening")

    def opened(self, connection: Any) -> None:
        endpoint = connection.get("endpoint", "") if isinstance(connection, dict) else ""
        self._set(host=urlsplit(str(endpoint)).netloc)

    def open_failed(self) -> None:
        failures = self._state.failures + 1
        # Log first, then publish: whoever sees the new status can also find it in the log.
        log.warning(
            "dingtalk stream: could not open a connection (%d in a row); the SDK retries in 10 s",
            failures,
        )
        self._set(phase="open-failed", failures=failures)

    def connected(self, socket: Any) -> None:
        self.connections += 1
        self._set(phase="connected", failures=0, socket=socket)
        log.info("dingtalk stream: connected to %s", self._state.host)

    def frame(self) -> None:
        self._set(last_frame=time.time())

    async def payload(self, data: Any) -> str | None:
        return await self._on_payload(data)


def _closed(socket: Any) -> bool:
    """Whether a `websockets` connection is past OPEN (closing or closed)."""
    state = getattr(socket, "state", None)
    return state is not None and getattr(state, "name", "OPEN") != "OPEN"


def _make_client(settings: DingTalkSettings, link: StreamLink) -> Any:
    """A `DingTalkStreamClient` that reports to `link` and answers the chatbot topic."""
    import dingtalk_stream  # lazily: it reads DINGTALK_OPENAPI_ENDPOINT when imported
    from dingtalk_stream import stream as sdk_stream

    gateway = settings.openapi_endpoint + GATEWAY_PATH
    if gateway != sdk_stream.DingTalkStreamClient.OPEN_CONNECTION_API:
        log.info("dingtalk stream: pointing the SDK at %s", settings.openapi_endpoint)
        sdk_stream.DingTalkStreamClient.OPEN_CONNECTION_API = gateway

    class Client(dingtalk_stream.DingTalkStreamClient):  # type: ignore[misc]
        """The SDK's client, telling `link` how each connection goes."""

        @property
        def websocket(self) -> Any:
            return self._websocket

        @websocket.setter
        def websocket(self, value: Any) -> None:  # the SDK sets it once a WebSocket is open
            self._websocket = value
            if value is not None:
                link.connected(value)

        def open_connection(self) -> Any:
            link.opening()
            connection = super().open_connection()
            if connection:
                link.opened(connection)
            else:
                link.open_failed()
            return connection

        async def route_message(self, json_message: Any) -> Any:
            link.frame()
            return await super().route_message(json_message)

    class ChatbotTopic(dingtalk_stream.CallbackHandler):  # type: ignore[misc]
        """Hands each robot message to the adapter and acks it."""

        async def process(self, callback: Any) -> tuple[int, str]:
            refused = await link.payload(callback.data)
            if refused == NOT_HANDLED:
                return dingtalk_stream.AckMessage.STATUS_SYSTEM_EXCEPTION, refused
            if refused:
                return dingtalk_stream.AckMessage.STATUS_BAD_REQUEST, refused
            return dingtalk_stream.AckMessage.STATUS_OK, "OK"

    credential = dingtalk_stream.Credential(settings.client_id, settings.client_secret)
    client = Client(credential, logger=sdk_log)
    client.register_callback_handler(dingtalk_stream.ChatbotMessage.TOPIC, ChatbotTopic())
    return client
