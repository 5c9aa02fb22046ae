"""`jianfu run` logs no line per HTTP request by default (at platform volume the access log
costs CPU and disk for nothing an incident line does not say); with `log_level = "DEBUG"` it
does. A real `jianfu run` process, its stderr read after SIGTERM."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import aiohttp
import pytest


async def stderr_after_requests(tmp_path: Path, config: str) -> str:
    (tmp_path / "jianfu.toml").write_text(config, encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JIANFU_")}
    log = tmp_path / "stderr.log"
    with log.open("wb") as sink:
        environ["PYTHONUNBUFFERED"] = "1"
        command = [sys.executable, "-m", "bot.cli", "run", "--port", "0", "--db", "j.db"]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=tmp_path, env=environ, stdout=asyncio.subprocess.PIPE, stderr=sink
        )
        try:
            assert process.stdout is not None
            line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
            url = line.split(" at ")[1].split()[0].rstrip("/")
            async with aiohttp.ClientSession() as http:
                for _ in range(3):
                    async with http.get(url + "/healthz") as resp:
                        assert resp.status == 200
        finally:
            process.terminate()
            assert await asyncio.wait_for(process.wait(), 15) == 0
    return log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("config", "logged"), [("", False), ('log_level = "DEBUG"\n', True)])
async def test_a_request_is_logged_only_when_debugging(
    tmp_path: Path, config: str, logged: bool
) -> None:
    stderr = await stderr_after_requests(tmp_path, config)
    assert ("GET /healthz" in stderr) is logged, stderr[-2000:]
