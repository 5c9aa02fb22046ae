"""Import contracts (STYLE.md 1, 4, 8), checked on the source with `ast`:

- policies ← handlers ← bot core ← app / CLI: `policies` imports no `handlers` or `bot`,
  `handlers` no `bot` (tests/test_purity.py, tests/handlers/test_imports.py check the rest of
  their purity); bot's core never imports the app factory or the CLI.
- nothing outside the CLI (`bot/cli/`) imports `bot.cli` (the docs generator reads
  the CLI's help: it is tooling beside the CLI).
- an adapter imports the event model, the adapter base and shared adapter parts, its own
  platform's modules and a few leaf modules of bot (settings, clock, app keys, body and
  message caps) — never handlers, the runtime, the store's tables, the app or the CLI.

Every import counts, also one inside a function or under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "policies")

CLI = ("bot.cli",)  # the CLI layer: the bot.cli package and its modules
TOP = ("bot.app", *CLI)  # what only the CLI (and the app itself) may import
CLI_READERS = ("bot.ops.docs_gen",)  # tooling that builds the CLI's parser for the docs

# What an adapter may import from jianfu besides its own platform's modules.
ADAPTER_MAY_IMPORT = (
    "policies.events",
    "bot.adapters.base",
    "bot.adapters.recent",
    "bot.adapters.lru",
    "bot.adapters.delivery",
    "bot.adapters.refusals",
    "bot.adapters.fields",
    "bot.adapters.token",
    "bot.settings",
    "bot.clock",
    "bot.appkeys",
    "bot.http_body",
    "bot.message_cap",
)
# The playground is the one adapter with a page of its own: it reads its transcript through
# the store's thread (StoreClosed; DatabaseError from PostgreSQL, like sqlite3.Error) and types
# the digest it shows (DigestMessage).
PLAYGROUND_MAY_IMPORT = ("bot.store.thread", "bot.store.pg", "bot.digest.compose")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def jianfu_imports(path: Path) -> set[str]:
    """Every jianfu module `path` imports (absolute imports: the code uses no relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import"
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.split(".")[0] in PACKAGES}


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def starts(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p if p.endswith("_") else p + ".") for p in prefixes)


def platform_of(module: str) -> str:
    """`bot.adapters.dingtalk.payload` → "dingtalk" (a module `bot.adapters.x_y` → "x" too)."""
    return module.split(".")[2].split("_")[0]


def violations(module: str, imports: set[str]) -> list[str]:
    bad = []
    layer = module.split(".")[0]
    if layer == "policies":
        bad += [n for n in imports if not n.startswith("policies")]
    if layer == "handlers":
        bad += [n for n in imports if n.startswith("bot")]
    in_cli = starts(module, CLI)
    if not in_cli and module not in CLI_READERS:
        bad += [n for n in imports if starts(n, CLI)]
    if layer == "bot" and not in_cli and module not in ("bot.app", *CLI_READERS):
        bad += [n for n in imports if starts(n, ("bot.app",))]
    if module.startswith("bot.adapters.") and module not in ADAPTER_MAY_IMPORT:
        allowed = ADAPTER_MAY_IMPORT
        if platform_of(module) == "playground":
            allowed += PLAYGROUND_MAY_IMPORT
        own = f"bot.adapters.{platform_of(module)}"
        bad += [
            n
            for n in imports
            if n != "bot.adapters"
            and not starts(n, allowed)
            and not (n.startswith(own + ".") or n.startswith(own + "_") or n == own)
        ]
    return sorted(set(bad))


MODULES = [(module_name(p), p) for package in PACKAGES for p in sources(package)]


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_keep_to_the_layers(module: str, path: Path) -> None:
    assert violations(module, jianfu_imports(path)) == []


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("policies.detect", "handlers.actions"),
        ("handlers.moderation", "bot.store"),
        ("bot.runtime", "bot.cli"),
        ("bot.runtime", "bot.cli.scan"),
        ("bot.store.file", "bot.cli.CliError"),
        ("bot.digest.compose", "bot.app"),
        ("bot.adapters.wechaty", "handlers.commands"),
        ("bot.adapters.wechaty", "bot.runtime"),
        ("bot.adapters.dingtalk", "bot.adapters.wechaty.payloads"),
        ("bot.adapters.dingtalk", "bot.store"),
    ],
)
def test_the_checker_catches_a_wrong_import(module: str, imported: str) -> None:
    assert violations(module, {imported}) == [imported]


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("bot.cli.scan", "bot.cli"),
        ("bot.app", "bot.runtime"),
        ("bot.adapters.dingtalk.adapter", "bot.adapters.dingtalk.payload"),
        ("bot.adapters.playground", "bot.store.thread"),
        ("bot.adapters.wechaty", "policies.events"),
    ],
)
def test_the_checker_lets_the_layers_import_downwards(module: str, imported: str) -> None:
    assert violations(module, {imported}) == []


def test_imports_inside_functions_count(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from bot.cli import CliError\n", encoding="utf-8")
    assert jianfu_imports(sample) == {"bot.cli", "bot.cli.CliError"}
