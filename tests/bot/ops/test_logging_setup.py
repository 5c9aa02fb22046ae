"""The log: JSON lines with context fields, plain text, and secrets redacted from every record."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ops.logging_setup import configure_logging

TOKEN = "insecure_3f0c2b9e-token-value"
APP_SECRET = "dt-app-secret-0123456789"
ROBOT_SIGN = "SECabcdef0123456789"
ENV = {
    "WECHATY_PUPPET_SERVICE_TOKEN": TOKEN,
    "DINGTALK_CLIENT_SECRET": APP_SECRET,
    "DINGTALK_OPS_SIGN": ROBOT_SIGN,  # named by the config, its name says nothing
    "JIANFU_DB": "/data/jianfu.db",  # not a secret
    "SOME_API_TOKEN": "abc",  # too short to redact without mangling every line
}
PLATFORMS = {
    "dingtalk": {"robots": {"cid-1": {"webhook_env": "X", "sign_env": "DINGTALK_OPS_SIGN"}}}
}


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    lookups = logging._srcfile, logging.logThreads, logging.logProcesses
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    logging._srcfile, logging.logThreads, logging.logProcesses = lookups


def configured(json_lines: bool, level: str = "INFO") -> io.StringIO:
    stream = io.StringIO()
    configure_logging(level, json_lines, env=ENV, platforms=PLATFORMS, stream=stream)
    return stream


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.usefixtures("restore_root")
def test_json_line_has_time_level_logger_message_and_context() -> None:
    stream = configured(json_lines=True)
    logging.getLogger("bot.runtime").info(
        "reminder posted in %s",
        "测试群",
        extra={
            "group_id": "123@chatroom",
            "incident_id": "123@chatroom/stack/m1",
            "platform": "wechaty",
        },
    )
    (line,) = lines(stream)
    assert line["level"] == "INFO"
    assert line["logger"] == "bot.runtime"
    assert line["message"] == "reminder posted in 测试群"
    assert line["group_id"] == "123@chatroom"
    assert line["incident_id"] == "123@chatroom/stack/m1"
    assert line["platform"] == "wechaty"
    assert str(line["time"]).endswith("Z") and "T" in str(line["time"])


@pytest.mark.usefixtures("restore_root")
def test_json_line_without_context_has_no_context_keys() -> None:
    stream = configured(json_lines=True)
    logging.getLogger("x").warning("plain")
    (line,) = lines(stream)
    assert set(line) == {"time", "level", "logger", "message"}


@pytest.mark.usefixtures("restore_root")
def test_level_filters_records() -> None:
    stream = configured(json_lines=True, level="warning")
    logging.getLogger("x").info("hidden")
    logging.getLogger("x").error("shown")
    assert [line["message"] for line in lines(stream)] == ["shown"]


@pytest.mark.usefixtures("restore_root")
@pytest.mark.parametrize("json_lines", [True, False])
def test_secrets_are_redacted_from_message_args_and_exceptions(json_lines: bool) -> None:
    stream = configured(json_lines)
    log = logging.getLogger("grpc.somewhere")
    log.info("authorization: Wechaty %s", TOKEN)
    log.warning(f"callback signed with {APP_SECRET}")
    try:
        raise RuntimeError(f"robot refused sign={ROBOT_SIGN}")
    except RuntimeError:
        log.exception("send failed", extra={"group_id": f"g-{TOKEN}"})
    out = stream.getvalue()
    for secret in (TOKEN, APP_SECRET, ROBOT_SIGN):
        assert secret not in out
    assert out.count("***") >= 4
    assert "RuntimeError" in out  # the exception is still there, only the secret is masked


@pytest.mark.usefixtures("restore_root")
def test_non_secrets_and_short_values_are_left_alone() -> None:
    stream = configured(json_lines=False)
    logging.getLogger("x").info("db at /data/jianfu.db, abc")
    assert "db at /data/jianfu.db, abc" in stream.getvalue()


@pytest.mark.usefixtures("restore_root")
def test_plain_text_shows_context_in_brackets() -> None:
    stream = configured(json_lines=False)
    logging.getLogger("bot.store").info("incident saved", extra={"incident_id": "g/stack/1"})
    line = stream.getvalue().strip()
    assert " INFO bot.store: incident saved [incident_id=g/stack/1]" in line


@pytest.mark.usefixtures("restore_root")
def test_records_skip_the_caller_thread_and_process_no_format_shows(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stream = configured(json_lines=False)
    with caplog.at_level(logging.INFO, logger="bot.runtime"):
        logging.getLogger("bot.runtime").info("new stack incident", extra={"group_id": "g1"})
    [record] = caplog.records
    assert (record.funcName, record.threadName, record.process) == (
        "(unknown function)",
        None,
        None,
    )
    assert stream.getvalue().rstrip().endswith("INFO bot.runtime: new stack incident [group_id=g1]")


@pytest.mark.usefixtures("restore_root")
def test_configuring_again_replaces_the_handler() -> None:
    first = configured(json_lines=False)
    second = configured(json_lines=True)
    logging.getLogger("x").info("once")
    assert first.getvalue() == ""
    assert lines(second)[0]["message"] == "once"
    ours = [h for h in logging.getLogger().handlers if getattr(h, "jianfu", False)]
    assert len(ours) == 1


def test_jianfu_run_log_json_writes_json_lines(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    env |= {"DINGTALK_CLIENT_SECRET": APP_SECRET, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "bot.cli", "run", "--port", "0", "--log-json"]
    proc = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--db", str(tmp_path / "j.db")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert "http://127.0.0.1:" in proc.stdout.readline()  # listening: start-up is logged
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    logged = [json.loads(line) for line in err.splitlines()]
    messages = [line["message"] for line in logged]
    assert any(m.startswith("store: ") and m.endswith(" open") for m in messages)
    assert any("dingtalk" in m for m in messages)
    assert APP_SECRET not in err


def test_debug_logging_never_turns_on_the_header_dumping_http2_loggers() -> None:
    import io
    import logging

    from bot.ops.logging_setup import HEADER_DUMPING_LOGGERS, configure_logging

    out = io.StringIO()
    handler = configure_logging("DEBUG", env={}, stream=out)
    try:
        logging.getLogger("bot.test").debug("ours at debug")
        for name in HEADER_DUMPING_LOGGERS:
            logging.getLogger(name).debug("authorization: Wechaty insecure_123")
        assert "ours at debug" in out.getvalue()
        assert "authorization" not in out.getvalue()
    finally:
        logging.getLogger().removeHandler(handler)
