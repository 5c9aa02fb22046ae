"""A fake Wechaty puppet service for tests: a grpclib server on 127.0.0.1 speaking the real
`wechaty-grpc` messages.

Every call checks `authorization: Wechaty <token>` and is refused with UNAUTHENTICATED otherwise
(as the TypeScript server does). Tests store payloads in `messages`, `rooms`, `members`,
`contacts`, push events into the open event streams with `push`, read what the bot posted in
`sent`, and `kill()` / `start(port)` the server to simulate a crash and a restart.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from typing import Any

from grpclib.const import Cardinality, Handler, Status
from grpclib.exceptions import GRPCError
from grpclib.server import Server, Stream
from h2.events import RequestReceived
from wechaty_grpc.wechaty.puppet import (
    ContactPayloadRequest,
    ContactPayloadResponse,
    EventRequest,
    EventResponse,
    MessagePayloadRequest,
    MessagePayloadResponse,
    MessageSendTextRequest,
    MessageSendTextResponse,
    RoomMemberPayloadRequest,
    RoomMemberPayloadResponse,
    RoomPayloadRequest,
    RoomPayloadResponse,
    StartRequest,
    StartResponse,
    StopRequest,
    StopResponse,
)

_END = None  # queued to end an event stream cleanly


class _KillableServer(Server):
    """A grpclib server that can drop its TCP connections, like a crashed process."""

    def __init__(self, handlers: list[Any]) -> None:
        super().__init__(handlers)
        self.transports: set[asyncio.BaseTransport] = set()
        self.authorities: list[str] = []  # HTTP/2 :authority of every request

    def _protocol_factory(self) -> Any:
        protocol = super()._protocol_factory()
        made = protocol.connection_made

        def connection_made(transport: asyncio.BaseTransport) -> None:
            self.transports.add(transport)
            made(transport)
            process = protocol.processor.process

            def process_event(event: Any) -> Any:
                if isinstance(event, RequestReceived):
                    headers = dict(event.headers)
                    self.authorities.append(headers.get(":authority", ""))
                return process(event)

            protocol.processor.process = process_event

        protocol.connection_made = connection_made
        return protocol


class FakePuppet:
    """The puppet service side of the protocol, in memory."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.messages: dict[str, MessagePayloadResponse] = {}
        self.rooms: dict[str, RoomPayloadResponse] = {}
        self.members: dict[tuple[str, str], RoomMemberPayloadResponse] = {}
        self.contacts: dict[str, ContactPayloadResponse] = {}
        self.sent: list[MessageSendTextRequest] = []
        self.calls: list[str] = []  # method names in arrival order, refused ones too
        self.refused: list[str] = []  # method names refused for a bad token
        self.port = 0
        self._server: _KillableServer | None = None
        self._streams: list[asyncio.Queue[EventResponse | None]] = []
        self._stream_opened = asyncio.Condition()
        self.streams_opened = 0

    # -- server lifecycle ----------------------------------------------------------------

    async def start(self, port: int = 0, tls: ssl.SSLContext | None = None) -> int:
        """Listen on 127.0.0.1 (`port` 0 = a free one), with TLS when `tls` is given."""
        self._server = _KillableServer([self])
        await self._server.start("127.0.0.1", port, ssl=tls, reuse_address=True)
        sockets = self._server._server.sockets if self._server._server else []
        self.port = sockets[0].getsockname()[1]
        return self.port

    @property
    def authorities(self) -> list[str]:
        return self._server.authorities if self._server else []

    async def kill(self) -> None:
        """Stop abruptly: cancel the handlers and drop every connection."""
        server, self._server = self._server, None
        if server is None:
            return
        server.close()
        for transport in server.transports:
            transport.abort()
        self._streams.clear()
        await server.wait_closed()

    # -- test controls -------------------------------------------------------------------

    def push(self, event_type: int, payload: dict[str, Any] | str) -> None:
        """Send an event to every open event stream."""
        body = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        for queue in self._streams:
            queue.put_nowait(EventResponse(type=event_type, payload=body))

    def end_streams(self) -> None:
        for queue in self._streams:
            queue.put_nowait(_END)

    async def wait_streams(self, count: int, timeout: float = 10.0) -> None:
        """Wait until `count` event streams have been opened in total."""
        async with self._stream_opened:
            await asyncio.wait_for(
                self._stream_opened.wait_for(lambda: self.streams_opened >= count), timeout
            )

    # -- gRPC handlers -------------------------------------------------------------------

    def __mapping__(self) -> dict[str, Handler]:
        unary = Cardinality.UNARY_UNARY
        return {
            "/wechaty.Puppet/Event": Handler(
                self.event, Cardinality.UNARY_STREAM, EventRequest, EventResponse
            ),
            "/wechaty.Puppet/Start": Handler(self.start_rpc, unary, StartRequest, StartResponse),
            "/wechaty.Puppet/Stop": Handler(self.stop_rpc, unary, StopRequest, StopResponse),
            "/wechaty.Puppet/MessagePayload": Handler(
                self.message_payload, unary, MessagePayloadRequest, MessagePayloadResponse
            ),
            "/wechaty.Puppet/RoomPayload": Handler(
                self.room_payload, unary, RoomPayloadRequest, RoomPayloadResponse
            ),
            "/wechaty.Puppet/RoomMemberPayload": Handler(
                self.room_member_payload,
                unary,
                RoomMemberPayloadRequest,
                RoomMemberPayloadResponse,
            ),
            "/wechaty.Puppet/ContactPayload": Handler(
                self.contact_payload, unary, ContactPayloadRequest, ContactPayloadResponse
            ),
            "/wechaty.Puppet/MessageSendText": Handler(
                self.message_send_text, unary, MessageSendTextRequest, MessageSendTextResponse
            ),
        }

    def _authorize(self, stream: Stream[Any, Any], method: str) -> None:
        self.calls.append(method)
        if stream.metadata is None or stream.metadata.get("authorization") != (
            f"Wechaty {self.token}"
        ):
            self.refused.append(method)
            raise GRPCError(Status.UNAUTHENTICATED, "Invalid Wechaty TOKEN")

    async def event(self, stream: Stream[EventRequest, EventResponse]) -> None:
        self._authorize(stream, "Event")
        await stream.recv_message()
        queue: asyncio.Queue[EventResponse | None] = asyncio.Queue()
        self._streams.append(queue)
        async with self._stream_opened:
            self.streams_opened += 1
            self._stream_opened.notify_all()
        await stream.send_initial_metadata()
        try:
            while (event := await queue.get()) is not _END:
                await stream.send_message(event)
        finally:
            if queue in self._streams:
                self._streams.remove(queue)

    async def start_rpc(self, stream: Stream[StartRequest, StartResponse]) -> None:
        self._authorize(stream, "Start")
        await stream.recv_message()
        await stream.send_message(StartResponse())

    async def stop_rpc(self, stream: Stream[StopRequest, StopResponse]) -> None:
        self._authorize(stream, "Stop")
        await stream.recv_message()
        self.end_streams()  # a stopped puppet emits nothing more
        await stream.send_message(StopResponse())

    async def message_payload(
        self, stream: Stream[MessagePayloadRequest, MessagePayloadResponse]
    ) -> None:
        self._authorize(stream, "MessagePayload")
        request = await stream.recv_message()
        assert request is not None
        await stream.send_message(self._lookup(self.messages, request.id, "message"))

    async def room_payload(self, stream: Stream[RoomPayloadRequest, RoomPayloadResponse]) -> None:
        self._authorize(stream, "RoomPayload")
        request = await stream.recv_message()
        assert request is not None
        await stream.send_message(self._lookup(self.rooms, request.id, "room"))

    async def room_member_payload(
        self, stream: Stream[RoomMemberPayloadRequest, RoomMemberPayloadResponse]
    ) -> None:
        self._authorize(stream, "RoomMemberPayload")
        request = await stream.recv_message()
        assert request is not None
        key = (request.id, request.member_id)
        await stream.send_message(self._lookup(self.members, key, "room member"))

    async def contact_payload(
        self, stream: Stream[ContactPayloadRequest, ContactPayloadResponse]
    ) -> None:
        self._authorize(stream, "ContactPayload")
        request = await stream.recv_message()
        assert request is not None
        await stream.send_message(self._lookup(self.contacts, request.id, "contact"))

    async def message_send_text(
        self, stream: Stream[MessageSendTextRequest, MessageSendTextResponse]
    ) -> None:
        self._authorize(stream, "MessageSendText")
        request = await stream.recv_message()
        assert request is not None
        self._lookup({**self.rooms, **self.contacts}, request.conversation_id, "conversation")
        self.sent.append(request)
        await stream.send_message(MessageSendTextResponse(id=f"sent-{len(self.sent)}"))

    @staticmethod
    def _lookup(table: dict[Any, Any], key: Any, what: str) -> Any:
        if key not in table:
            raise GRPCError(Status.NOT_FOUND, f"no {what} {key!r}")
        return table[key]
