"""`jianfu check-config`: what would run, secrets hidden, bad configurations refused by key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.store import MIGRATIONS, Store

APP_SECRET = "dt-app-secret-0123456789"
TOKEN = "insecure_0f3c9a77-token"
ROBOT_SIGN = "SEC0123456789abcdef"
ROBOT_URL = "https://oapi.dingtalk.com/robot/send?access_token=robot-token-abcdef"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ./jianfu.toml, no JIANFU_* / platform variables from the developer's shell."""
    monkeypatch.chdir(tmp_path)
    import os

    for name in list(os.environ):
        if name.startswith(("JIANFU_", "WECHATY_", "DINGTALK_", "FEISHU_")):
            monkeypatch.delenv(name)


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["check-config", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_defaults_run_the_playground(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = check(capsys)
    assert status == 0
    assert "config: none (defaults and environment)" in out
    assert "server: http://127.0.0.1:8080/" in out
    assert "database: jianfu.db  (will be created)" in out
    assert "retention: 180 days" in out
    assert "logging: INFO, plain text" in out
    assert "  playground: http://127.0.0.1:8080/  (no platform is configured)" in out
    assert "digest: weekly, mon 09:00 Asia/Shanghai by default" in out
    assert "  DINGTALK_CLIENT_SECRET: not set" in out
    assert "  WECHATY_PUPPET_SERVICE_TOKEN: not set" in out


def test_dingtalk_callback_with_a_robot_hides_every_secret(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DINGTALK_CLIENT_SECRET", APP_SECRET)
    monkeypatch.setenv("OPS_HOOK", ROBOT_URL)
    monkeypatch.setenv("OPS_SIGN", ROBOT_SIGN)
    monkeypatch.setenv("JIANFU_PORT", "9090")
    config = tmp_path / "site.toml"
    config.write_text(
        'retention_days = 30\nlog_json = true\nadmins = ["wxid_boss"]\n'
        '[groups."cid-1"]\ndigest_day = "fri"\ndigest_time = "17:30"\n'
        '[dingtalk.robots."cid-1"]\nwebhook_env = "OPS_HOOK"\nsign_env = "OPS_SIGN"\n',
        encoding="utf-8",
    )
    status, out, _ = check(capsys, "--config", str(config))
    assert status == 0
    assert f"config: {config}" in out
    assert "retention: 30 days" in out
    assert "logging: INFO, JSON lines" in out
    assert "admins from config: 1" in out
    assert (
        "  dingtalk: callback mode, DingTalk must POST to "
        "http://127.0.0.1:9090/dingtalk/callback; 1 group robot webhook(s); robot API off "
        "(no DINGTALK_ROBOT_CODE): notices without read status"
    ) in out
    assert "playground" not in out.split("digest:")[0]  # a platform runs: no playground
    assert '  group "cid-1": fri 17:30 Asia/Shanghai' in out
    assert "  DINGTALK_CLIENT_SECRET: set" in out
    assert "  OPS_HOOK: set" in out and "  OPS_SIGN: set" in out
    assert "  DINGTALK_MODE: not set" in out
    for secret in (APP_SECRET, ROBOT_SIGN, ROBOT_URL, "robot-token-abcdef"):
        assert secret not in out


def test_playground_flag_adds_the_playground(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DINGTALK_CLIENT_SECRET", APP_SECRET)
    monkeypatch.setenv("DINGTALK_CLIENT_ID", "dingappkey")
    monkeypatch.setenv("DINGTALK_MODE", "stream")
    status, out, _ = check(capsys, "--playground")
    assert status == 0
    assert "  dingtalk: Stream mode via https://api.dingtalk.com, client id dingappkey" in out
    assert "  playground: http://127.0.0.1:8080/  (asked for)" in out
    assert "  DINGTALK_MODE: stream" in out  # not a secret: shown


def test_wechaty_shows_endpoint_and_tls_but_not_the_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WECHATY_PUPPET_SERVICE_ENDPOINT", "gateway.lan:8788")
    monkeypatch.setenv("WECHATY_PUPPET_SERVICE_TOKEN", TOKEN)
    status, out, _ = check(capsys)
    assert status == 0
    assert (
        "  wechaty: puppet service gateway.lan:8788, TLS (server name insecure), token set" in out
    )
    assert "  WECHATY_PUPPET_SERVICE_ENDPOINT: gateway.lan:8788" in out
    assert "  WECHATY_PUPPET_SERVICE_TOKEN: set" in out
    assert TOKEN not in out
    monkeypatch.setenv("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT", "true")
    _, out, _ = check(capsys)
    assert "  wechaty: puppet service gateway.lan:8788, plaintext, token set" in out


@pytest.mark.parametrize(
    ("toml", "env", "named"),
    [
        ("retention_days = 0\n", {}, "retention_days"),
        ('[group_defaults]\ncooldown_minutes = "abc"\n', {}, "[group_defaults].cooldown_minutes"),
        ("colour = 1\n", {}, "unknown key 'colour'"),
        ('[wecom]\napi_token = "x"\n', {}, "[wecom]: jianfu has no wecom adapter"),
        ("", {"JIANFU_PORT": "http"}, "port"),
        ("", {"DINGTALK_CLIENT_SECRET": APP_SECRET, "DINGTALK_MODE": "poll"}, "DINGTALK_MODE"),
        (
            "",
            {"DINGTALK_CLIENT_SECRET": APP_SECRET, "DINGTALK_MODE": "stream"},
            "DINGTALK_CLIENT_ID",
        ),
        ("[dingtalk]\nrobots = {}\n", {}, "DINGTALK_CLIENT_SECRET"),
        ("", {"WECHATY_PUPPET_SERVICE_TOKEN": TOKEN}, "WECHATY_PUPPET_SERVICE_ENDPOINT"),
        ("", {"WECHATY_PUPPET_SERVICE_ENDPOINT": "no-port"}, "WECHATY_PUPPET_SERVICE_ENDPOINT"),
        ('[wechaty]\ncolour = "x"\n', {}, "[wechaty].colour"),
        ("", {"JIANFU_DB": "/no/such/dir/jianfu.db"}, "db: /no/such/dir/jianfu.db"),
    ],
)
def test_bad_configuration_exits_2_naming_the_key(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    toml: str,
    env: dict[str, str],
    named: str,
) -> None:
    config = tmp_path / "jianfu.toml"
    config.write_text(toml, encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    status, out, err = check(capsys, "--config", str(config))
    assert status == 2
    assert named in err
    assert err.startswith("jianfu: error: ") and err.count("\n") == 1  # one line, no traceback
    assert APP_SECRET not in out + err and TOKEN not in out + err


def test_missing_config_file_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = check(capsys, "--config", "nowhere.toml")
    assert status == 2 and "nowhere.toml" in err


def test_existing_database_reports_pending_migrations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "jianfu.db"
    Store(db).close()
    monkeypatch.setenv("JIANFU_DB", str(db))
    _, out, _ = check(capsys)
    assert "exists; migrations to run at start: none" in out
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM migrations WHERE name = ?", (MIGRATIONS[-1][0],))
    _, out, _ = check(capsys)
    assert f"exists; migrations to run at start: {MIGRATIONS[-1][0]}" in out


def test_a_file_that_is_not_sqlite_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "jianfu.db"
    db.write_text("not a database, just text " * 100, encoding="utf-8")
    monkeypatch.setenv("JIANFU_DB", str(db))
    status, _, err = check(capsys)
    assert status == 2 and "db: " in err and "not a readable SQLite database" in err


FEISHU_SECRET = "feishu-app-secret-5c1e"
FEISHU_TOKEN = "feishu-verification-token-77"
FEISHU_KEY = "feishuEncryptKey0123456789abcdef"  # 32 characters, as the console makes them


def feishu_env(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    base = {
        "FEISHU_APP_ID": "cli_a1b2c3d4e5f6",
        "FEISHU_APP_SECRET": FEISHU_SECRET,
        "FEISHU_VERIFICATION_TOKEN": FEISHU_TOKEN,
        "FEISHU_ENCRYPT_KEY": FEISHU_KEY,
    }
    for name, value in {**base, **values}.items():
        if value:
            monkeypatch.setenv(name, value)


def test_feishu_shows_its_event_route_and_hides_its_secrets(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feishu_env(monkeypatch)
    status, out, _ = check(capsys)
    assert status == 0
    assert (
        "  feishu: app cli_a1b2c3d4e5f6 via https://open.feishu.cn; Feishu must POST events to "
        "http://127.0.0.1:8080/feishu/events (encrypted + signed)" in out
    )
    assert "playground" not in out.split("adapters:")[1].split("digest:")[0]
    for name in ("FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN", "FEISHU_ENCRYPT_KEY"):
        assert f"  {name}: set" in out
    assert FEISHU_SECRET not in out and FEISHU_TOKEN not in out and FEISHU_KEY not in out


def test_the_feishu_table_gives_the_lark_host(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    feishu_env(monkeypatch, FEISHU_APP_ID="")
    config = tmp_path / "jianfu.toml"
    config.write_text(
        '[feishu]\napp_id = "cli_lark0001"\napi_base = "https://open.larksuite.com"\n',
        encoding="utf-8",
    )
    status, out, _ = check(capsys, "--config", str(config))
    assert status == 0
    assert "feishu: app cli_lark0001 via https://open.larksuite.com;" in out


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"FEISHU_APP_SECRET": "", "_drop": "FEISHU_APP_SECRET"}, "FEISHU_APP_SECRET is not"),
        ({"_drop": "FEISHU_VERIFICATION_TOKEN"}, "FEISHU_VERIFICATION_TOKEN is not"),
        ({"FEISHU_ENCRYPT_KEY": "short"}, "FEISHU_ENCRYPT_KEY must be 16–128 characters"),
        ({"FEISHU_ENCRYPT_KEY": "has spaces in the middle of it!!"}, "FEISHU_ENCRYPT_KEY has"),
        ({"FEISHU_APP_ID": "a1b2c3"}, "FEISHU_APP_ID must start with cli_"),
        ({"FEISHU_API_BASE": "open.feishu.cn"}, "FEISHU_API_BASE must be an http(s) URL"),
        ({"_drop": "FEISHU_APP_ID"}, "is set but FEISHU_APP_ID is not"),
    ],
)
def test_a_bad_feishu_setting_is_refused_naming_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    values: dict[str, str],
    named: str,
) -> None:
    drop = values.pop("_drop", "")
    feishu_env(monkeypatch, **values)
    if drop:
        monkeypatch.delenv(drop, raising=False)
    status, out, err = check(capsys)
    assert status == 2
    assert named in err
    assert err.startswith("jianfu: error: ") and err.count("\n") == 1
    assert FEISHU_SECRET not in out + err and FEISHU_KEY not in out + err
