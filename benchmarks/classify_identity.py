"""Do two source trees classify every text alike? For speed rounds, which must change no result.

    git archive main | tar -x -C /tmp/main
    python benchmarks/classify_identity.py /tmp/main .

Each tree classifies, in its own process, every text of the corpora (`corpora/`, `corpora/real/`,
the fixtures' messages and conversations, the noise lines) and four variants of each that work
the folding (Traditional, Hong Kong forms, full width, upper case), uncached: `classify`'s
result, `normalize`'s and `fold`'s. Only a hash of each is kept, and only the count of texts
whose results differ is printed — never a text (some of the files are held out).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

_DUMP = r"""
import glob, hashlib, json, sys
import opencc
from policies.classify import classify
from policies.normalize import normalize
from policies.text import fold

texts = []
def add(row):
    if "text" in row:
        texts.append(row["text"])
    texts.extend(m["text"] for m in row.get("messages") or [] if isinstance(m, dict) and "text" in m)
files = glob.glob("corpora/*.jsonl") + glob.glob("corpora/real/*.jsonl")
files += glob.glob("tests/fixtures/*_messages.jsonl") + glob.glob("tests/fixtures/*_conversations.jsonl")
for path in sorted(files):
    for line in open(path, encoding="utf-8"):
        if line.strip():
            add(json.loads(line))
for path in sorted(glob.glob("corpora/noise/*.txt")):
    texts.extend(line.rstrip("\n") for line in open(path, encoding="utf-8"))
found = list(dict.fromkeys(texts))
s2t, s2hk = opencc.OpenCC("s2t"), opencc.OpenCC("s2hk")
wide = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
variants = [v for t in found for v in (s2t.convert(t), s2hk.convert(t), t.translate(wide), t.upper())]
every = list(dict.fromkeys(found + variants))
out = {}
for text in every:
    result = (classify.__wrapped__(text), normalize.__wrapped__(text), fold.__wrapped__(text))
    key = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    out[key] = hashlib.sha1(repr(result).encode("utf-8", "surrogatepass")).hexdigest()
json.dump({"found": len(found), "results": out}, sys.stdout)
"""


def results(tree: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _DUMP],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, object] = json.loads(done.stdout)
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    before, after = results(args.before.resolve()), results(args.after.resolve())
    old, new = before["results"], after["results"]
    assert isinstance(old, dict) and isinstance(new, dict)
    if old.keys() != new.keys():
        print("the trees hold different texts: compare trees with the same corpora")
        return 2
    differ = sum(old[key] != new[key] for key in old)
    digest = hashlib.sha1("".join(sorted(new.values())).encode()).hexdigest()[:12]
    print(
        f"{len(old)} texts ({before['found']} as found, the rest folding variants): "
        f"{differ} differ (results digest {digest})"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
