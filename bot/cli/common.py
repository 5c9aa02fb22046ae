"""What the CLI's offline commands share: one-line user errors, the --tz option, JSON lines."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import tzinfo
from functools import wraps
from typing import Any, TextIO

from bot.cli import CliError
from bot.history.exports import (
    ExportError,
    zone,
)

Command = Callable[[argparse.Namespace], int]


TZ_HELP = (
    "time zone of times without a UTC offset, in every format (jianfu JSONL/CSV and the "
    "WeChatMsg, PyWxDump, chatlog exports); default Asia/Shanghai"
)


def user_errors(command: Command) -> Command:
    """Turn input errors into one-line `CliError`s."""

    @wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ExportError as exc:
            raise CliError(str(exc)) from None

    return run


def zone_arg(name: str | None) -> tzinfo | None:
    try:
        return zone(name) if name else None
    except ValueError as exc:
        raise CliError(str(exc)) from None


def print_json(obj: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
