"""The bot's log: plain text or JSON lines, with secrets taken out of every record.

`configure_logging(level, json)` installs one handler on the root logger (calling it again
replaces it). Every record passes `RedactSecrets` first: the values of the secret environment
variables (tokens, app secrets — see `bot.ops.environment.secret_names`) are replaced by `***` in the message,
its arguments, the exception text and the context fields, whichever library logged them.

Context: pass `extra={"group_id": …, "incident_id": …, "platform": …}` to a log call and the
JSON line carries those keys (plain text shows them as `[group_id=… incident_id=…]`).

A JSON line looks like:

    {"time": "2025-02-10T01:30:00.123Z", "level": "INFO", "logger": "bot.runtime",
     "message": "reminder posted", "group_id": "123@chatroom", "incident_id": "123@chatroom/stack/m1"}
"""

from __future__ import annotations

import json as jsonlib
import logging
import os
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import IO, Any

from aiohttp.http_exceptions import HttpProcessingError

from bot.ops.environment import secret_names

CONTEXT_FIELDS: tuple[str, ...] = ("group_id", "incident_id", "platform")  # from `extra=`
MASK = "***"
MIN_SECRET_CHARS = 4  # shorter values are not redacted (they would mangle every line)
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def secret_values(
    env: Mapping[str, str], platforms: Mapping[str, Mapping[str, Any]] | None = None
) -> list[str]:
    """The values to redact, longest first (so a secret containing another is masked whole)."""
    values = {env[name].strip() for name in secret_names(env, platforms)}
    return sorted((v for v in values if len(v) >= MIN_SECRET_CHARS), key=len, reverse=True)


class RedactSecrets(logging.Filter):
    """Replaces known secret values with `***` in a record before any handler formats it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a library passed arguments its format does not use
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if isinstance(value, str):
                setattr(record, name, self.redact(value))
        return True


class JsonLines(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, context, exception."""

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, object] = {
            "time": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                line[name] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exc"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return jsonlib.dumps(line, ensure_ascii=False)


class PlainText(logging.Formatter):
    """`time LEVEL logger: message [group_id=… incident_id=…]`."""

    def __init__(self) -> None:
        super().__init__(PLAIN_FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:
        text = super().formatMessage(record)
        context = " ".join(
            f"{name}={getattr(record, name)}"
            for name in CONTEXT_FIELDS
            if getattr(record, name, None) not in (None, "")
        )
        return f"{text} [{context}]" if context else text


class BadRequestInOneLine(logging.Filter):
    """aiohttp logs a malformed request (garbage on the socket, a bad header line, an absurd
    length) at ERROR with a full traceback. It is the client's mistake, answered 400: one
    WARNING line instead, naming the peer and the first line of the parser's reason."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            first = (exc.message or "").strip().splitlines()[:1] or [""]
            reason = f"{exc.code} {first[0].rstrip(':')}".strip()[:200]
            peer = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg, record.args = "bad HTTP request from %s: %s", (peer, reason)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        return True


def quiet_bad_requests() -> None:
    """Install `BadRequestInOneLine` on aiohttp's server logger (once)."""
    server = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, BadRequestInOneLine) for f in server.filters):
        server.addFilter(BadRequestInOneLine())


# HTTP/2 libraries under grpclib print every header, `authorization` included, at DEBUG.
HEADER_DUMPING_LOGGERS = ("hpack", "h2")


def configure_logging(
    level: str = "INFO",
    json: bool = False,
    *,
    env: Mapping[str, str] | None = None,
    platforms: Mapping[str, Mapping[str, Any]] | None = None,
    stream: IO[str] | None = None,
) -> logging.Handler:
    """Log `level` and above from every logger to `stream` (stderr), as JSON lines when
    `json`, with the secrets of `env` (default: the process environment) redacted — also the
    variables the platform tables name (`Settings.platforms`, e.g. a robot's `sign_env`).
    Replaces the handler a previous call installed; returns the new one."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "jianfu", False)]:
        root.removeHandler(old)
        old.close()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.jianfu = True  # type: ignore[attr-defined]  # marks the handler as ours
    handler.setFormatter(JsonLines() if json else PlainText())
    handler.addFilter(RedactSecrets(secret_values(os.environ if env is None else env, platforms)))
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Neither format shows the caller, thread or process: records skip finding them (the
    # logging HOWTO's "Optimization"; ~15 % of a line's cost, one line per new incident).
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    for name in HEADER_DUMPING_LOGGERS:  # they log request headers (tokens) at DEBUG
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))
    return handler
