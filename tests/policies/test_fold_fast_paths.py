"""`fold`'s shortcuts give what the full conversions give: NFKC through the full-width forms, and
OpenCC's t2s only for texts that hold a character it can change (`policies/t2s_chars.py`)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import opencc
import pytest

from bot.ops import t2s_chars
from policies.t2s_chars import CHANGEABLE, OPENCC_VERSION
from policies.text import _CHANGEABLE, _T2S, fold, nfkc

ROOT = Path(__file__).resolve().parents[2]

_BMP = [chr(c) for c in range(0x20, 0xFFFF) if not 0xD800 <= c <= 0xDFFF]


def test_nfkc_is_unicodedata_nfkc_on_every_character_and_on_mixed_text() -> None:
    texts = [
        *_BMP,
        "收到，请回复！（三组）",
        "Ａ\u0301 and ｅ\u0308：composed after narrowing",  # a combining mark after a wide form
        "ｶﾞ，①…㎡　ﬁ",  # half-width kana, circled digit, ellipsis, unit, ligature
        "全角ＡＢＣ１２３＠＃",
        "\u3000收到\u3000",
    ]
    for text in texts:
        assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)


def test_a_text_without_a_changeable_character_is_what_opencc_leaves_it() -> None:
    # every BMP character on its own: those OpenCC changes are listed
    unchanged = [ch for ch in _BMP if not _CHANGEABLE.search(ch)]
    joined = "\n".join(unchanged)
    assert _T2S.convert(joined) == joined
    # and a character that changes only within a phrase (憑藉 → 凭借; 藉 alone, and in 慰藉, stays)
    assert "藉" in CHANGEABLE and _T2S.convert("藉") == "藉"
    assert fold("憑藉") == "凭借" and fold("慰藉") == "慰藉"


def test_fold_converts_traditional_and_leaves_simplified() -> None:
    assert fold("收到請回覆，我們的影片") == "收到请回复,我们的视频"
    assert fold("收到请回复") == "收到请回复"
    assert fold("𠮷野家，收到") == _T2S.convert("𠮷野家,收到")  # beyond the BMP: converted as ever
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate fails in OpenCC, as it always did
        fold.__wrapped__("收到\ud83d")


@pytest.mark.skipif(not t2s_chars._TOOL.exists(), reason="the OpenCC wheel has no opencc_dict")
@pytest.mark.skipif(
    opencc.__version__ != OPENCC_VERSION, reason="another OpenCC: fold converts every text"
)
def test_the_checked_in_characters_are_those_of_the_installed_opencc() -> None:
    assert t2s_chars.changeable() == CHANGEABLE, (
        f"OpenCC {opencc.__version__}: run python -m bot.ops.t2s_chars"
    )


def test_beside_another_opencc_fold_converts_every_text() -> None:
    # the list is trusted only beside the OpenCC it was generated from (a newer wheel may change
    # its dictionaries): in a process where OpenCC says another version, every text is converted
    script = (
        "import opencc; opencc.__version__ = '0.0.0'\n"
        "from policies.text import _CHANGEABLE, fold\n"
        "print(all(_CHANGEABLE.search(t) for t in ('a', '收到', '收到請回覆')), fold('收到請回覆'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "收到请回复"], done.stderr
