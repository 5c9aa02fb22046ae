"""The prebuilt jieba cache: built by `python -m bot.ops.jieba_cache`, loaded when the env names it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import jieba, logging, sys
from bot.ops.jieba_cache import use_prebuilt_cache
messages = []
class Grab(logging.Handler):
    def emit(self, record): messages.append(record.getMessage())
jieba.default_logger.addHandler(Grab())
jieba.setLogLevel(logging.DEBUG)
print(use_prebuilt_cache())
jieba.lcut("收到的请回复")
print("|".join(messages))
"""


def run(code: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_built_cache_is_used_at_start_up(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "jieba.cache"
    env = {"PATH": "/usr/bin:/bin", "JIANFU_JIEBA_CACHE": str(cache), "TMPDIR": str(tmp_path)}
    built = run(["-m", "bot.ops.jieba_cache"], env)
    assert built.returncode == 0, built.stderr
    assert cache.is_file() and cache.stat().st_size > 1_000_000
    assert cache.stat().st_mode & 0o777 == 0o644  # readable by a user who did not build it
    cache.parent.chmod(0o555)  # read-only at run time, as for the image's runtime user
    try:
        probe = run(["-c", PROBE], env)
    finally:
        cache.parent.chmod(0o755)
    assert probe.returncode == 0, probe.stderr
    chosen, log = probe.stdout.splitlines()
    assert chosen == str(cache)
    assert f"Loading model from cache {cache}" in log
    assert "Dumping model" not in log


def test_without_the_variable_jieba_is_left_alone() -> None:
    probe = run(["-c", "from bot.ops.jieba_cache import use_prebuilt_cache as u; print(u({}))"], {})
    assert probe.stdout.strip() == "None"


def test_build_without_a_path_is_a_usage_error() -> None:
    built = run(["-m", "bot.ops.jieba_cache"], {"PATH": "/usr/bin:/bin"})
    assert built.returncode == 2
    assert "JIANFU_JIEBA_CACHE" in built.stderr
