"""A stacked bar chart of incidents per week, as a PNG — standard library only.

Why not matplotlib or Pillow: the picture is a handful of rectangles and a few short labels,
which a 40-line PNG writer (zlib + struct) and a 5×9 bitmap font draw exactly, with no
binary wheels to install on a small server. The font covers digits, `W`, `-` and the lower-case
letters of the legend; other characters are left blank.

Layout: legend on top (one colour box per incident kind), y axis with gridlines at round
numbers, one bar per week (stacked by kind, oldest left), its total above and `Www` below.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence

from policies.events import INCIDENT_KINDS, IncidentKind

RGB = tuple[int, int, int]

WIDTH, HEIGHT = 720, 400
BACKGROUND: RGB = (255, 255, 255)
INK: RGB = (55, 65, 81)
GRID: RGB = (229, 231, 235)
KIND_COLOURS: dict[IncidentKind, RGB] = {
    "stack": (234, 88, 12),  # orange
    "chain": (13, 148, 136),  # teal
    "ack_request": (37, 99, 235),  # blue
    "proof_request": (147, 51, 234),  # purple
}
KIND_LABELS: dict[IncidentKind, str] = {
    "stack": "ack pile-up",
    "chain": "ack chain",
    "ack_request": "reply demand",
    "proof_request": "proof demand",
}
SCALE = 2  # font pixels per glyph dot
LEFT, RIGHT, TOP, BOTTOM = 56, 20, 84, 40  # plot margins


def png(width: int, height: int, pixels: bytes | bytearray) -> bytes:
    """Encode `pixels` (RGB, row by row, 3 bytes a pixel) as a PNG file."""
    if len(pixels) != width * height * 3:
        raise ValueError(f"expected {width * height * 3} bytes of RGB, got {len(pixels)}")
    stride = width * 3
    raw = b"".join(
        b"\x00" + bytes(pixels[row * stride : (row + 1) * stride]) for row in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


class Canvas:
    """An RGB image to draw rectangles and bitmap text on."""

    def __init__(self, width: int, height: int, background: RGB = BACKGROUND) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def rect(self, x: int, y: int, w: int, h: int, colour: RGB) -> None:
        """Fill the rectangle with top-left (x, y), clipped to the canvas."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        if x0 >= x1:
            return
        row = bytes(colour) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def write(self, x: int, y: int, text: str, colour: RGB = INK, scale: int = SCALE) -> None:
        """Draw `text` with its top-left at (x, y)."""
        for n, ch in enumerate(text):
            glyph = FONT.get(ch)
            if glyph is None:
                continue
            left = x + n * text_width(" ", scale)
            for row, bits in enumerate(glyph):
                for col, bit in enumerate(bits):
                    if bit == "#":
                        self.rect(left + col * scale, y + row * scale, scale, scale, colour)

    def png(self) -> bytes:
        return png(self.width, self.height, self.pixels)


def text_width(text: str, scale: int = SCALE) -> int:
    return len(text) * 6 * scale  # 5 dots and a gap


def weekly_bars(
    weeks: Sequence[tuple[str, Mapping[IncidentKind, int]]],
    width: int = WIDTH,
    height: int = HEIGHT,
) -> bytes:
    """A PNG of stacked bars: one per (label, counts by kind), oldest first."""
    canvas = Canvas(width, height)
    _legend(canvas)
    totals = [sum(counts.get(k, 0) for k in INCIDENT_KINDS) for _, counts in weeks]
    top, step = axis_scale(max(totals, default=0))
    plot_h = height - TOP - BOTTOM
    plot_w = width - LEFT - RIGHT

    def y_of(value: int) -> int:
        return TOP + plot_h - round(value * plot_h / top)

    for tick in range(0, top + 1, step):
        canvas.rect(LEFT, y_of(tick), plot_w, 1, GRID)
        label = str(tick)
        canvas.write(LEFT - 8 - text_width(label), y_of(tick) - 9, label)
    slot = plot_w / max(1, len(weeks))
    bar = max(4, int(slot * 0.6))
    for n, (label, counts) in enumerate(weeks):
        x = LEFT + int(slot * n + (slot - bar) / 2)
        level = 0
        for kind in INCIDENT_KINDS:
            count = counts.get(kind, 0)
            if count:
                canvas.rect(
                    x,
                    y_of(level + count),
                    bar,
                    y_of(level) - y_of(level + count),
                    KIND_COLOURS[kind],
                )
                level += count
        if level:
            total = str(level)
            canvas.write(x + (bar - text_width(total)) // 2, y_of(level) - 22, total)
        canvas.write(x + (bar - text_width(label)) // 2, height - BOTTOM + 10, label)
    canvas.rect(LEFT, TOP, 2, plot_h + 1, INK)  # y axis
    canvas.rect(LEFT, TOP + plot_h, plot_w, 2, INK)  # x axis
    return canvas.png()


def axis_scale(highest: int) -> tuple[int, int]:
    """(top, step) of the y axis: round steps (1, 2, 5 × 10ⁿ), at most five of them."""
    if highest <= 0:
        return 4, 1
    magnitude = 1
    while True:
        for unit in (1, 2, 5):
            step = unit * magnitude
            if -(-highest // step) <= 5:
                return -(-highest // step) * step, step
        magnitude *= 10


def _legend(canvas: Canvas) -> None:
    """One colour box and label per kind, wrapping to a second row when needed."""
    x, y = LEFT, 8
    for kind in INCIDENT_KINDS:
        label = KIND_LABELS[kind]
        needed = 22 + text_width(label)
        if x > LEFT and x + needed > canvas.width - RIGHT:
            x, y = LEFT, y + 26
        canvas.rect(x, y, 16, 16, KIND_COLOURS[kind])
        canvas.write(x + 22, y - 1, label)
        x += needed + 20


# 5×9 glyphs: rows 0–6 for digits, capitals and ascenders, 7–8 for descenders.
_GLYPHS = {
    " ": "..... ..... ..... ..... ..... ..... .....",
    "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
    "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
    "2": ".###. #...# ....# ...#. ..#.. .#... #####",
    "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
    "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    "5": "##### #.... ####. ....# ....# #...# .###.",
    "6": "..##. .#... #.... ####. #...# #...# .###.",
    "7": "##### ....# ...#. ..#.. .#... .#... .#...",
    "8": ".###. #...# #...# .###. #...# #...# .###.",
    "9": ".###. #...# #...# .#### ....# ...#. .##..",
    "W": "#...# #...# #...# #.#.# #.#.# ##.## #...#",
    "-": "..... ..... ..... ##### ..... ..... .....",
    "a": "..... ..... .###. ....# .#### #...# .####",
    "c": "..... ..... .###. #.... #.... #.... .###.",
    "d": "....# ....# .#### #...# #...# #...# .####",
    "e": "..... ..... .###. #...# ##### #.... .###.",
    "f": "..##. .#... ####. .#... .#... .#... .#...",
    "h": "#.... #.... ####. #...# #...# #...# #...#",
    "i": "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.",
    "k": "#.... #.... #..#. #.#.. ##... #.#.. #..#.",
    "l": ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
    "m": "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",
    "n": "..... ..... ####. #...# #...# #...# #...#",
    "o": "..... ..... .###. #...# #...# #...# .###.",
    "p": "..... ..... ####. #...# #...# #...# ####. #.... #....",
    "q": "..... ..... .#### #...# #...# #...# .#### ....# ....#",
    "r": "..... ..... #.##. ##..# #.... #.... #....",
    "s": "..... ..... .#### #.... .###. ....# ####.",
    "t": ".#... .#... ####. .#... .#... .#..# ..##.",
    "u": "..... ..... #...# #...# #...# #..## .##.#",
    "w": "..... ..... #...# #...# #.#.# #.#.# .#.#.",
    "y": "..... ..... #...# #...# #...# .#### ....# #...# .###.",
}
FONT: dict[str, tuple[str, ...]] = {ch: tuple(rows.split()) for ch, rows in _GLYPHS.items()}
