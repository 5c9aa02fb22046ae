"""`jianfu` command line: a thin layer; each subcommand lives in its own `bot.cli.*` module.

A subcommand module defines `register(subparsers) -> None`, adding a parser whose
`func(args) -> int` default runs it. Add the module's name to `SUBCOMMANDS` below.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

SUBCOMMANDS: tuple[str, ...] = (
    "bot.cli.classify",
    "bot.cli.scan",
    "bot.cli.eval",
    "bot.cli.eval_noise",
    "bot.cli.eval_conversations",
    "bot.cli.init",
    "bot.cli.run",
    "bot.cli.check_config",
    "bot.cli.digest",
    "bot.cli.migrate",
    "bot.cli.copy",
)


class CliError(Exception):
    """A user-facing error: printed as one line, exit status 2, no traceback."""


def user_errors() -> tuple[type[Exception], ...]:
    """The errors printed as one line with exit status 2: the CLI's own and those the layers
    below name for the user (a bad configuration, an unusable database file)."""
    from bot.settings import ConfigError
    from bot.store.file import DatabaseUnavailable

    return (CliError, ConfigError, DatabaseUnavailable)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jianfu",
        description="减负 jianfu: detect and gently discourage digital formalism in work chats.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except user_errors() as exc:
        print(f"jianfu: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
