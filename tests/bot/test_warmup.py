"""Warm-up: in a fresh process jieba's dictionary is not loaded; `warm_up` loads it (and runs
the classifier and detector once), and `jianfu run` does so before it listens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import fresh_python


def test_warm_up_loads_jiebas_dictionary_in_a_fresh_process() -> None:
    script = (
        "import jieba\n"
        "assert not jieba.dt.initialized\n"
        "from bot.warmup import warm_up\n"
        "seconds = warm_up()\n"
        "assert jieba.dt.initialized and seconds > 0\n"
        "print('warm')\n"
    )
    assert fresh_python(script, timeout=120) == ["warm"]


def test_warm_up_reads_a_deadline_by_a_time_word_before_the_first_message() -> None:
    # the lexicon's time words are scanned once, on the first deadline read by the day (周五之前);
    # after warm_up no message pays for it
    script = (
        "from policies import listener\n"
        "from bot.warmup import warm_up\n"
        "assert listener._longest_time_word.cache_info().currsize == 0\n"
        "warm_up()\n"
        "print(listener._longest_time_word.cache_info().currsize)\n"
    )
    assert fresh_python(script, timeout=120) == ["1"]


def test_jianfu_run_warms_up_before_it_listens(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JIANFU_")}
    environ["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-m", "bot.cli", "run", "--port", "0", "--db", "j.db"]
    stderr = tmp_path / "stderr.log"
    with stderr.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=environ, stdout=subprocess.PIPE, stderr=sink
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline().decode()
            assert "is running at" in line
            assert "warm-up: jieba and the classifier ready" in stderr.read_text("utf-8")
        finally:
            process.terminate()
            assert process.wait(15) == 0
