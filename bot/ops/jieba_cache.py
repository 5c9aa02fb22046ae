"""jieba's dictionary cache, built once (at image build time) and loaded at start-up.

jieba builds its prefix dictionary from the bundled word list the first time it segments text
(about a second), then keeps it in `jieba.cache` under the temp directory. In a container that
directory is empty at every start and may be read-only, so the Docker image builds the cache
while it is being built:

    JIANFU_JIEBA_CACHE=/opt/jianfu/jieba.cache python -m bot.ops.jieba_cache

and `jianfu run` points jieba at it (`use_prebuilt_cache`) before anything is segmented.
Without the variable jieba behaves as usual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import jieba

ENV_CACHE = "JIANFU_JIEBA_CACHE"


def use_prebuilt_cache(env: Mapping[str, str] | None = None) -> Path | None:
    """Point jieba at the cache file `JIANFU_JIEBA_CACHE` names; returns it (None when unset).

    An absolute `cache_file` makes jieba read (and, if missing, write) exactly that file."""
    value = (os.environ if env is None else env).get(ENV_CACHE, "").strip()
    if not value:
        return None
    path = Path(value).resolve()
    jieba.dt.cache_file = str(path)
    return path


def build(path: Path) -> Path:
    """Build jieba's dictionary into the cache file `path` (its folder is created)."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    jieba.dt.cache_file = str(path)
    jieba.dt.initialize()
    if not path.is_file():
        raise SystemExit(f"jieba did not write its cache to {path}")
    path.chmod(0o644)  # jieba writes it 0600: let the image's runtime user read it
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = args[0] if args else os.environ.get(ENV_CACHE, "")
    if not target:
        print(f"usage: python -m bot.ops.jieba_cache PATH  (or set {ENV_CACHE})", file=sys.stderr)
        return 2
    path = build(Path(target))
    print(f"jieba cache: {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
