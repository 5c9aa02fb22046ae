"""One cap on the length of a message's text, applied where messages come in: the platform
adapters and the `scan` readers. Detection reads at most `MAX_MESSAGE_CHARS` characters of a
message (a 50 MB line of 收到 cost about 1 GB on its way through the tokenizer); whoever cuts
one says so (a log line, the scan summary)."""

from __future__ import annotations

import logging
from dataclasses import replace

from policies.events import Message

MAX_MESSAGE_CHARS = 10_000  # a 500-item 接龙 list fits; nothing a person reads is longer


def capped(message: Message) -> Message | None:
    """`message` with its text cut to `MAX_MESSAGE_CHARS`, or None when it fits already."""
    if len(message.text) <= MAX_MESSAGE_CHARS:
        return None
    return replace(message, text=message.text[:MAX_MESSAGE_CHARS])


def cap(message: Message, log: logging.Logger) -> Message:
    """`message`, cut to `MAX_MESSAGE_CHARS` with a WARNING line on `log` when it was longer."""
    cut = capped(message)
    if cut is None:
        return message
    log.warning(
        "%s: message %s has %d characters; only the first %d are checked",
        message.platform,
        message.id,
        len(message.text),
        MAX_MESSAGE_CHARS,
    )
    return cut
