"""A chart of the outline drawn as SVG (for the HTML) and as PNG (for the DOCX), in pure Python.

No plotting library: a chart here is one series, as a line or bars, with its years under the axis
and each value over its point, which a few shapes and a small digit font draw. Both drawings come
from one layout (`_geometry`), so the picture in Word and the one on the page agree; the bytes
depend on the chart alone (no time stamp, no randomness), so a build stays reproducible.
"""

from __future__ import annotations

import math
import struct
import zlib

from ccm_review.model.outline import Chart
from ccm_review.model.record import Record, set_field

WIDTH, HEIGHT = 600, 300  # the drawing's own units; the PNG has SCALE pixels a unit
SCALE = 3  # 1800 x 900 pixels: 15 cm wide at 300 dpi
_LEFT, _RIGHT, _TOP, _BOTTOM = 30, 20, 30, 40
INK = (0x1F, 0x3A, 0x5F)  # the series: dark blue, 10:1 on white
AXIS = (0x59, 0x59, 0x59)  # axis and labels: 7:1 on white
WHITE = (0xFF, 0xFF, 0xFF)


class _Mark(Record):
    """One point placed: its centre x, the top of its value (y), its labels."""

    __slots__ = ("x", "y", "year", "value")  # noqa: RUF023
    x: float
    y: float
    year: str
    value: str

    def __init__(self, x: float, y: float, year: str, value: str) -> None:
        set_field(self, "x", x)
        set_field(self, "y", y)
        set_field(self, "year", year)
        set_field(self, "value", value)


class _Geometry(Record):
    __slots__ = ("marks", "base", "bar")  # noqa: RUF023
    marks: tuple[_Mark, ...]
    base: float  # y of the axis
    bar: float  # width of a bar

    def __init__(self, marks: tuple[_Mark, ...], base: float, bar: float) -> None:
        set_field(self, "marks", marks)
        set_field(self, "base", base)
        set_field(self, "bar", bar)


def escape(text: str) -> str:
    """Return `text` safe in SVG text content: what xml.sax.saxutils.escape does, which would import
    urllib.request and the email and HTTP modules with it (some 20 ms of every build)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def label(printed: str) -> str:
    """The value as the chart prints it: tables' figures, "%" for a percentage (UN tables use it)."""
    return printed.replace(" per cent", "%")


def _geometry(chart: Chart) -> _Geometry:
    top = max((point.value for point in chart.points), default=0.0)
    top = top if top > 0 else 1.0
    base = HEIGHT - _BOTTOM
    span = WIDTH - _LEFT - _RIGHT
    step = span / max(len(chart.points), 1)
    xs = [_LEFT + step * (index + 0.5) for index in range(len(chart.points))]
    years = [int(point.label) for point in chart.points if point.label.isdigit()]
    if chart.kind == "line" and len(years) == len(chart.points) > 1 and years[-1] > years[0]:
        # A line runs through time: a gap of two years is twice as wide as a gap of one.
        first, last = xs[0], xs[-1]
        xs = [first + (last - first) * (year - years[0]) / (years[-1] - years[0]) for year in years]
    marks = tuple(_Mark(x, base - (base - _TOP) * max(point.value, 0.0) / top, point.label, label(point.printed))
                  for x, point in zip(xs, chart.points, strict=True))
    return _Geometry(marks, base, min(step * 0.6, 60.0))


# --- SVG -------------------------------------------------------------------------------------------


def chart_svg(chart: Chart, ident: str) -> str:
    """Return the chart as an inline SVG element: an image with its <title> and <desc>, no script."""
    shape = _geometry(chart)
    out = [f'<svg class="chart-drawing" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ident}-title">{escape(chart.name)}</title>',
           f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
           f'<line x1="{_LEFT - 10}" y1="{shape.base:g}" x2="{WIDTH - _RIGHT + 10}" y2="{shape.base:g}" '
           'stroke="#595959" stroke-width="1.5"/>']
    if chart.kind == "bar":
        for mark in shape.marks:
            out.append(f'<rect x="{mark.x - shape.bar / 2:.2f}" y="{mark.y:.2f}" width="{shape.bar:.2f}" '
                       f'height="{shape.base - mark.y:.2f}" fill="#1f3a5f"/>')
    else:
        points = " ".join(f"{mark.x:.2f},{mark.y:.2f}" for mark in shape.marks)
        out.append(f'<polyline points="{points}" fill="none" stroke="#1f3a5f" stroke-width="3"/>')
        out.extend(f'<circle cx="{mark.x:.2f}" cy="{mark.y:.2f}" r="5" fill="#1f3a5f"/>' for mark in shape.marks)
    for mark in shape.marks:
        out.append(f'<text x="{mark.x:.2f}" y="{mark.y - 10:.2f}" text-anchor="middle" font-size="16" '
                   f'fill="#1f3a5f">{escape(mark.value)}</text>')
        out.append(f'<text x="{mark.x:.2f}" y="{shape.base + 24:g}" text-anchor="middle" font-size="16" '
                   f'fill="#595959">{escape(mark.year)}</text>')
    out.append("</svg>")
    return "".join(out)


def alt_text(chart: Chart) -> str:
    """The description and every value, for a reader who cannot see the picture (Word's alt text)."""
    values = "; ".join(f"{point.label}: {point.printed}" for point in chart.points)
    return f"{chart.description} {values}."


# --- PNG -------------------------------------------------------------------------------------------

# A 5 x 7 pixel font for what a chart prints: digits, separators and the percent sign.
_GLYPHS = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    ",": ("00000", "00000", "00000", "00000", "00110", "00100", "01000"),
    ".": ("00000", "00000", "00000", "00000", "00000", "01100", "01100"),
    "%": ("11001", "11010", "00010", "00100", "01000", "01011", "10011"),
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
    " ": ("00000",) * 7,
}
_DOT = 3  # pixels a font dot: characters 15 x 21 pixels, about 9 points in print


class _Canvas:
    """An RGB picture drawn into a byte array, saved as PNG."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(WHITE) * (width * height))

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: tuple[int, int, int]) -> None:
        left, right = max(round(min(x0, x1)), 0), min(round(max(x0, x1)), self.width)
        top, bottom = max(round(min(y0, y1)), 0), min(round(max(y0, y1)), self.height)
        if right <= left:
            return
        row = bytes(colour) * (right - left)
        for y in range(top, bottom):
            start = (y * self.width + left) * 3
            self.pixels[start:start + len(row)] = row

    def disc(self, cx: float, cy: float, radius: float, colour: tuple[int, int, int]) -> None:
        # rect() row by row, inlined: a line is hundreds of discs, and the calls were most of a chart's time.
        # The same rounding as rect(), so the pixels are the same.
        width, height, pixels, ink = self.width, self.height, self.pixels, bytes(colour)
        for dy in range(-int(radius), int(radius) + 1):
            half = math.sqrt(max(radius * radius - dy * dy, 0.0))
            left, right = max(round(cx - half), 0), min(round(cx + half + 1), width)
            top, bottom = max(round(cy + dy), 0), min(round(cy + dy + 1), height)
            if right <= left:
                continue
            row = ink * (right - left)
            for y in range(top, bottom):
                start = (y * width + left) * 3
                pixels[start:start + len(row)] = row

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float, colour: tuple[int, int, int]) -> None:
        # Discs a quarter of the width apart overlap into a smooth stroke at a quarter of the cost.
        steps = max(int(math.hypot(x1 - x0, y1 - y0) / max(width / 4, 1.0)), 1)
        for step in range(steps + 1):
            t = step / steps
            self.disc(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width / 2, colour)

    def text(self, cx: float, baseline: float, text: str, colour: tuple[int, int, int]) -> None:
        """Write `text` centred on `cx`, its foot on `baseline`; characters the font lacks are left out."""
        glyphs = [_GLYPHS[char] for char in text if char in _GLYPHS]
        advance = 6 * _DOT
        x = cx - (len(glyphs) * advance - _DOT) / 2
        top = baseline - 7 * _DOT
        for glyph in glyphs:
            for row, bits in enumerate(glyph):
                # One rectangle a run of dots: the dots' edges meet at the same rounded pixel, so the
                # run covers exactly the pixels its dots did.
                column = bits.find("1")
                while column >= 0:
                    end = bits.find("0", column)
                    end = len(bits) if end < 0 else end
                    self.rect(x + column * _DOT, top + row * _DOT, x + end * _DOT, top + (row + 1) * _DOT, colour)
                    column = bits.find("1", end)
            x += advance

    def png(self) -> bytes:
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[y * stride:(y + 1) * stride]) for y in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        density = struct.pack(">IIB", 11811, 11811, 1)  # 300 dots an inch, in dots a metre
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"pHYs", density)
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def chart_png(chart: Chart) -> bytes:
    """Return the chart as a PNG of WIDTH x HEIGHT units at SCALE pixels a unit (print resolution)."""
    shape = _geometry(chart)
    canvas = _Canvas(WIDTH * SCALE, HEIGHT * SCALE)
    s = SCALE
    canvas.rect((_LEFT - 10) * s, shape.base * s - 2, (WIDTH - _RIGHT + 10) * s, shape.base * s + 2, AXIS)
    if chart.kind == "bar":
        for mark in shape.marks:
            canvas.rect((mark.x - shape.bar / 2) * s, mark.y * s, (mark.x + shape.bar / 2) * s, shape.base * s, INK)
    else:
        for first, second in zip(shape.marks, shape.marks[1:], strict=False):
            canvas.line(first.x * s, first.y * s, second.x * s, second.y * s, 3 * s, INK)
        for mark in shape.marks:
            canvas.disc(mark.x * s, mark.y * s, 5 * s, INK)
    for mark in shape.marks:
        canvas.text(mark.x * s, (mark.y - 10) * s, mark.value, INK)
        canvas.text(mark.x * s, (shape.base + 24) * s, mark.year, AXIS)
    return canvas.png()


