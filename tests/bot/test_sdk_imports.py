"""Platform SDKs load only when their platform is configured: the app without WeChat imports
neither grpclib nor wechaty_grpc (nor DingTalk's Stream SDK); with a Wechaty endpoint set, the
adapter list imports them. A fresh process, its `sys.modules` read after building the adapters."""

from __future__ import annotations

import os

from tests.conftest import fresh_python

SDKS = ("grpclib", "wechaty_grpc", "dingtalk_stream")

SCRIPT = (
    "import os, sys\n"
    "from bot.app import platform_adapters\n"
    "from bot.settings import Settings\n"
    "adapters = platform_adapters(Settings(env=dict(os.environ)))\n"
    "print([a.name for a in adapters])\n"
    f"print(sorted(m for m in {SDKS!r} if m in sys.modules))\n"
)


def adapters_and_sdks(**env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("WECHATY_", "DINGTALK_"))}
    return fresh_python(SCRIPT, env=environ | env)


def test_no_platform_sdk_is_imported_unless_configured() -> None:
    assert adapters_and_sdks(DINGTALK_CLIENT_SECRET="s") == ["['dingtalk']", "[]"]


def test_the_wechaty_sdk_is_imported_when_wechat_is_configured() -> None:
    names, sdks = adapters_and_sdks(WECHATY_PUPPET_SERVICE_ENDPOINT="127.0.0.1:8788")
    assert names == "['wechaty']"
    assert sdks == "['grpclib', 'wechaty_grpc']"
