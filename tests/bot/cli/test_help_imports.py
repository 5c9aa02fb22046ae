"""`jianfu --help` stays fast: building the parser (every subcommand's arguments) imports
neither jieba (the classifier) nor aiohttp (the server); each subcommand loads what it needs
when it runs. A fresh process, its `sys.modules` read after `--help`."""

from __future__ import annotations

from tests.conftest import fresh_python


def test_help_loads_neither_jieba_nor_aiohttp() -> None:
    script = (
        "import sys, contextlib, io\n"
        "from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'scan' in out.getvalue()\n"
        "print(sorted(m for m in ('jieba', 'aiohttp', 'policies.classify') if m in sys.modules))\n"
    )
    assert fresh_python(script) == ["[]"]
