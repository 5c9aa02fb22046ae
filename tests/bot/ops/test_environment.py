"""The one list of environment variables: the runtime's and every adapter's, secrets marked."""

from __future__ import annotations

from pathlib import Path

from bot.ops.environment import CORE, adapter_env_vars, all_env_vars, named_in_tables, secret_names

ROOT = Path(__file__).resolve().parents[3]


def test_adapters_declare_their_variables() -> None:
    by_name = {var.name: var for var in adapter_env_vars()}
    assert by_name["WECHATY_PUPPET_SERVICE_TOKEN"].secret
    assert by_name["WECHATY_PUPPET_SERVICE_TOKEN"].source == "wechaty"
    assert by_name["DINGTALK_CLIENT_SECRET"].secret
    assert not by_name["DINGTALK_MODE"].secret
    assert not by_name["WECHATY_PUPPET_SERVICE_ENDPOINT"].secret


def test_every_declared_variable_is_read_by_the_code() -> None:
    sources = "\n".join(p.read_text("utf-8") for p in (ROOT / "bot").rglob("*.py"))
    sources = sources.replace((ROOT / "bot/ops/environment.py").read_text("utf-8"), "")
    for var in all_env_vars():
        if var.source == "jianfu":
            assert f'"{var.name}"' in sources, f"{var.name} is declared but nothing reads it"
    names = [var.name for var in all_env_vars()]
    assert len(names) == len(set(names))
    assert {var.name for var in CORE} >= {
        "JIANFU_CONFIG",
        "JIANFU_HOST",
        "JIANFU_PORT",
        "JIANFU_DB",
    }


def test_secret_names_by_declaration_by_name_and_by_config() -> None:
    env = {
        "WECHATY_PUPPET_SERVICE_TOKEN": "t",
        "DINGTALK_CLIENT_SECRET": "s",
        "MY_PASSWORD": "p",
        "OPS_SIGN": "SEC1",
        "JIANFU_DB": "x",
        "DINGTALK_MODE": "stream",
    }
    platforms = {
        "dingtalk": {"robots": {"cid": {"webhook_env": "OPS_HOOK", "sign_env": "OPS_SIGN"}}}
    }
    assert secret_names(env, platforms) == [
        "DINGTALK_CLIENT_SECRET",
        "MY_PASSWORD",
        "OPS_SIGN",
        "WECHATY_PUPPET_SERVICE_TOKEN",
    ]
    assert named_in_tables(platforms) == {"OPS_HOOK", "OPS_SIGN"}
