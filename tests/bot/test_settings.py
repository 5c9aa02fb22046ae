"""Settings: TOML loading, every kind of bad key/value, env overrides, secrets, init round trip."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.init import SAMPLE
from bot.settings import ConfigError, Settings, load_settings
from handlers.group_settings import GroupSettings

GOOD = """
host = "0.0.0.0"
port = 9000
db = "data/jianfu.db"
admins = ["wxid_owner"]
language = "en"
timezone = "Europe/Berlin"
retention_days = 30
log_level = "debug"

[group_defaults]
cooldown_minutes = 10
quiet_hours = "22:00-07:00"
exempt = ["wxid_hr"]

[group_defaults.texts]
stack = "{members} confirmed, thanks"

[groups."123@chatroom"]
daily_cap = 1
language = "zh-CN"

[wechaty]
endpoint = "127.0.0.1:8788"
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "jianfu.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_good_file(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, GOOD), env={})
    assert (s.host, s.port, s.db, s.admins) == (
        "0.0.0.0",
        9000,
        "data/jianfu.db",
        ("wxid_owner",),
    )
    assert (s.retention_days, s.log_level, s.language) == (30, "DEBUG", "en")
    defaults = s.group_defaults
    assert defaults.cooldown_minutes == 10 and defaults.quiet_hours == "22:00-07:00"
    assert defaults.language == "en" and defaults.timezone == "Europe/Berlin", (
        "top level is the base"
    )
    assert defaults.texts == {"stack": "{members} confirmed, thanks"} and defaults.exempt == (
        "wxid_hr",
    )
    group = s.group_settings("123@chatroom")
    assert group.daily_cap == 1 and group.language == "zh-CN" and group.cooldown_minutes == 10
    assert s.group_settings("elsewhere") == defaults
    assert s.platforms == {"wechaty": {"endpoint": "127.0.0.1:8788"}}


def test_no_file_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s == Settings() and s.source is None and s.group_defaults == GroupSettings()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("prot = 80", "jianfu.toml: unknown key 'prot'"),
        ("port = 70000", "jianfu.toml: port: expected a port number 0–65535, got 70000"),
        ('port = "x"', 'jianfu.toml: port: expected a port number 0–65535, got "x"'),
        ("playground = 1", "jianfu.toml: playground: expected true or false, got 1"),
        ('admins = "me"', 'jianfu.toml: admins: expected a list of member ids, got "me"'),
        ('language = "fr"', "jianfu.toml: language: expected one of zh-CN, en"),
        ('timezone = "Mars/Base"', "jianfu.toml: timezone: expected an IANA time zone"),
        (
            'timezone = "Asia"',
            'jianfu.toml: timezone: expected an IANA time zone like Asia/Shanghai, got "Asia"',
        ),
        (f'timezone = "{"x" * 300}"', "jianfu.toml: timezone: expected an IANA time zone"),
        (
            '[groups."g1"]\ntimezone = "Asia"',
            'jianfu.toml: [groups."g1"].timezone: unknown time zone "Asia"',
        ),
        (
            "retention_days = 0",
            "jianfu.toml: retention_days: expected a number of days from 1 to 3650, got 0",
        ),
        (
            "retention_days = 100000000",
            "jianfu.toml: retention_days: expected a number of days from 1 to 3650, got 100000000",
        ),
        (
            "[group_defaults]\ncooldown_minutes = 2000000000000",
            "jianfu.toml: [group_defaults].cooldown_minutes: expected an integer from 0 to 10080, "
            "got 2000000000000",
        ),
        (
            '[groups."g1"]\ndaily_cap = 1000',
            'jianfu.toml: [groups."g1"].daily_cap: expected an integer from 0 to 100, got 1000',
        ),
        ('log_level = "loud"', "jianfu.toml: log_level: expected one of DEBUG"),
        (
            '[group_defaults]\ncooldown_minutes = "abc"',
            "jianfu.toml: [group_defaults].cooldown_minutes: "
            'expected an integer from 0 to 10080, got "abc"',
        ),
        ("[group_defaults]\ncolour = 1", "jianfu.toml: [group_defaults].colour: unknown setting"),
        (
            '[group_defaults]\nquiet_hours = "late"',
            "jianfu.toml: [group_defaults].quiet_hours: expected a span like 22:00-07:00",
        ),
        (
            '[group_defaults.texts]\nstack = "{who}"',
            "jianfu.toml: [group_defaults].texts.stack: unknown placeholder {who}",
        ),
        (
            '[group_defaults.texts]\nstack = "{members:>999999999}"',
            "jianfu.toml: [group_defaults].texts.stack: a placeholder must be a plain {name}",
        ),
        (
            '[groups."g1"]\nstack_members = 1',
            'jianfu.toml: [groups."g1"].stack_members: expected an integer from 2 to 1000, got 1',
        ),
        ("group_defaults = 3", "jianfu.toml: [group_defaults]: expected a table, got 3"),
        ("wechaty = 3", "jianfu.toml: [wechaty]: expected a table, got 3"),
        (
            '[dingtalk]\napp_secret = "s3cret"',
            "jianfu.toml: dingtalk.app_secret: secrets are not read from the config file",
        ),
        ('[wechaty]\ntoken = "t"', "jianfu.toml: wechaty.token: secrets are not read"),
        ("port = ", "jianfu.toml: not valid TOML: "),
    ],
)
def test_bad_file_names_the_key(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, body), env={})
    assert str(caught.value).startswith(message)
    assert "s3cret" not in str(caught.value)


def test_a_key_naming_an_environment_variable_is_not_a_secret(tmp_path: Path) -> None:
    body = '[dingtalk.robots."cid1"]\nsign_env = "OPS_SIGN"\nwebhook_env = "OPS_HOOK"\n'
    s = load_settings(write(tmp_path, body), env={"OPS_SIGN": "x"})
    assert s.platforms["dingtalk"]["robots"]["cid1"]["sign_env"] == "OPS_SIGN"


@pytest.mark.parametrize("table", ["lark", "wecom", "weixin"])
def test_an_unknown_or_unsupported_platform_table_is_an_error_naming_it(
    tmp_path: Path, table: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, f'[{table}]\napp_id = "x"\n'), env={})
    message = str(caught.value)
    assert f"[{table}]" in message or f"'{table}'" in message
    assert "dingtalk" in message and "wechaty" in message


def test_toml_syntax_error_has_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"line 2"):
        load_settings(write(tmp_path, 'host = "h"\nport = \n'), env={})


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path / "nope.toml", env={})
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(env={"JIANFU_CONFIG": str(tmp_path / "nope.toml")})


def test_environment_and_command_line_override(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    env = {"JIANFU_HOST": "127.0.0.2", "JIANFU_PORT": "9100", "JIANFU_DB": "/tmp/x.db",
           "JIANFU_CONFIG": str(path)}  # fmt: skip
    s = load_settings(env=env)
    assert (s.host, s.port, s.db, s.source) == ("127.0.0.2", 9100, "/tmp/x.db", path)
    s = load_settings(env=env, cli={"port": 0, "host": None, "playground": True})
    assert (s.host, s.port, s.playground) == ("127.0.0.2", 0, True)


def test_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(
        ConfigError, match=r'^environment: port: expected a port number 0–65535, got "eighty"'
    ):
        load_settings(env={"JIANFU_PORT": "eighty"})


def test_secrets_come_from_the_environment_and_are_never_shown(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, GOOD), env={"WECHATY_PUPPET_SERVICE_TOKEN": "tok-123"})
    assert s.env["WECHATY_PUPPET_SERVICE_TOKEN"] == "tok-123"
    assert "tok-123" not in repr(s) and "tok-123" not in str(s)


def test_init_writes_a_sample_that_loads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "jianfu.toml"
    assert main(["init", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == SAMPLE
    loaded = load_settings(path, env={})
    assert replace(loaded, source=None) == Settings()
    assert main(["init", str(path)]) == 2
    assert "exists" in capsys.readouterr().err
    path.write_text("port = 1\n", encoding="utf-8")
    assert main(["init", "--force", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == SAMPLE


def test_the_sample_documents_every_setting() -> None:
    in_file = {"db_pool_size": "pool_size"}  # [store] pool_size
    for f in fields(Settings):
        if f.name not in {"groups", "platforms", "source", "env"}:
            name = in_file.get(f.name, f.name)
            assert f"{name} =" in SAMPLE or f"[{name}]" in SAMPLE, f.name
    for f in fields(GroupSettings):
        assert f"{f.name} =" in SAMPLE or f"group_defaults.{f.name}" in SAMPLE, f.name


def test_the_samples_dingtalk_robot_table_works_once_uncommented(tmp_path: Path) -> None:
    """DingTalk digests need a group robot: the sample shows the table, and it loads."""
    from bot.adapters.dingtalk import robots_from_config

    lines = SAMPLE.splitlines()
    start = lines.index('# [dingtalk.robots."cidXXXXXXXX"]')
    table = "\n".join(line.removeprefix("# ") for line in lines[start : start + 3])
    path = tmp_path / "jianfu.toml"
    path.write_text(table + "\n", encoding="utf-8")
    env = {
        "DINGTALK_OPS_WEBHOOK": "https://oapi.dingtalk.com/robot/send?access_token=abc",
        "DINGTALK_OPS_SIGN": "SECxyz",
    }
    settings = load_settings(path, env=env)
    robots = robots_from_config(settings.platforms["dingtalk"], env)
    assert robots["cidXXXXXXXX"].access_token == "abc"
