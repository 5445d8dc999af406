"""A chart of the outline drawn as SVG (for the HTML) and as PNG (for the DOCX), in pure Python.

No plotting library: a chart here is one series, as a line or bars, with its years under the axis
and each value over its point, which a few shapes and a small digit font draw. Both drawings come
from one layout (`_geometry`), so the picture in Word and the one on the page agree; the bytes
depend on the chart alone (no time stamp, no randomness), so a build stays reproducible.
"""

from __future__ import annotations

import binascii
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
_LEVEL = 3  # zlib's: as fast as 1, and as small as 6 for bars (see docs/performance.md)


Colour = tuple[int, int, int]


class _Canvas:
    """A picture of at most 16 colours, one byte a pixel, saved as a PNG of a palette and 1, 2 or 4 bits a pixel.

    A pixel's byte is its colour's index in the palette written as a hex digit ("0" is white), so that
    `binascii.unhexlify` packs the picture two pixels to a byte in one pass of C (see `_pack`).
    """

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.palette: list[Colour] = [WHITE]  # the colours drawn, in the order of their first use
        self.pixels = bytearray(b"0") * (width * height)

    def _ink(self, colour: Colour) -> bytes:
        """Return the byte that paints `colour`: its index in the palette, which it joins if new, as a hex digit."""
        if colour not in self.palette:
            if len(self.palette) == len(_HEX):
                raise ValueError(f"a chart draws in at most {len(_HEX)} colours")
            self.palette.append(colour)
        index = self.palette.index(colour)
        return _HEX[index:index + 1]

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: Colour) -> None:
        left, right = max(round(min(x0, x1)), 0), min(round(max(x0, x1)), self.width)
        top, bottom = max(round(min(y0, y1)), 0), min(round(max(y0, y1)), self.height)
        if right <= left:
            return
        row = self._ink(colour) * (right - left)
        for y in range(top, bottom):
            start = y * self.width + left
            self.pixels[start:start + len(row)] = row

    def disc(self, cx: float, cy: float, radius: float, colour: Colour) -> None:
        # rect() row by row, inlined: the same rounding, so the same pixels, without a call a row.
        width, height, pixels, ink = self.width, self.height, self.pixels, self._ink(colour)
        for dy in range(-int(radius), int(radius) + 1):
            half = math.sqrt(max(radius * radius - dy * dy, 0.0))
            left, right = max(round(cx - half), 0), min(round(cx + half + 1), width)
            top, bottom = max(round(cy + dy), 0), min(round(cy + dy + 1), height)
            if right <= left:
                continue
            row = ink * (right - left)
            for y in range(top, bottom):
                start = y * width + left
                pixels[start:start + len(row)] = row

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float, colour: Colour) -> None:
        """Stroke the segment with round caps: every pixel whose centre is within width/2 of it."""
        # The stroke is a rectangle along the segment and a disc at each end: a convex shape, so each
        # pixel row crosses it in one span, which one slice assignment paints. Consecutive segments
        # share a vertex, so their end discs make the joins round.
        half, ink = width / 2, self._ink(colour)
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = ((x1 - x0) / length, (y1 - y0) / length) if length else (1.0, 0.0)
        first = max(math.ceil(min(y0, y1) - half - 0.5), 0)
        last = min(math.floor(max(y0, y1) + half - 0.5), self.height - 1)
        for row in range(first, last + 1):
            y = row + 0.5  # pixels are sampled at their centres, as rect() rounds its edges
            # The body: along the segment 0 <= u.(p - p0) <= length, across it |n.(p - p0)| <= half.
            along = _solve(ux, -uy * (y - y0), length - uy * (y - y0))
            across = _solve(-uy, -half - ux * (y - y0), half - ux * (y - y0))
            low, high = max(along[0], across[0]) + x0, min(along[1], across[1]) + x0
            if low > high:  # the row misses the body: only a disc may reach it
                low, high = math.inf, -math.inf
            for cx, cy in ((x0, y0), (x1, y1)):
                reach = half * half - (y - cy) * (y - cy)
                if reach >= 0:
                    reach = math.sqrt(reach)
                    low, high = min(low, cx - reach), max(high, cx + reach)
            left, right = max(math.ceil(low - 0.5), 0), min(math.floor(high - 0.5) + 1, self.width)
            if right > left:
                start = row * self.width
                self.pixels[start + left:start + right] = ink * (right - left)

    def text(self, cx: float, baseline: float, text: str, colour: Colour) -> None:
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
        """Return the picture as a PNG: its palette (colour type 3) and each pixel in as few bits as hold its index."""
        depth = next(bits for bits in (1, 2, 4) if len(self.palette) <= 1 << bits)
        width, height, pixels = self.width, self.height, self.pixels
        padding = b"0" * (-width % (8 // depth))  # each row is packed into whole bytes: pad it with white
        rows: list[bytes] = []
        above: bytes | bytearray = b""
        packed = b""
        for start in range(0, width * height, width):
            row = pixels[start:start + width]
            if row != above:  # most rows of a chart are the row above (white, or the same bars): packed once
                above, packed = row, b"\x00" + _pack(row + padding, depth)  # filter 0: none
            rows.append(packed)
        raw = b"".join(rows)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", width, height, depth, 3, 0, 0, 0)
        palette = b"".join(bytes(colour) for colour in self.palette)
        density = struct.pack(">IIB", 11811, 11811, 1)  # 300 dots an inch, in dots a metre
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"PLTE", palette) + chunk(b"pHYs", density)
                + chunk(b"IDAT", zlib.compress(raw, _LEVEL)) + chunk(b"IEND", b""))


def _solve(slope: float, low: float, high: float) -> tuple[float, float]:
    """The interval of t where low <= slope * t <= high: everything or nothing when slope is 0."""
    if slope > 0:
        return low / slope, high / slope
    if slope < 0:
        return high / slope, low / slope
    return (-math.inf, math.inf) if low <= 0 <= high else (math.inf, -math.inf)


_HEX = b"0123456789abcdef"
# For 1 and 2 bits a pixel: a byte holding two values of that many bits, one a nibble, to the hex
# digit of the one value of twice the bits they make, the first in the high bits.
_MERGE = {bits: bytes(_HEX[((byte >> 4) << bits | byte & 15) & 15] for byte in range(256)) for bits in (1, 2)}


def _pack(digits: bytes | bytearray, depth: int) -> bytes:
    """Pack pixels written as hex digits, each below 2**depth, 8 // depth to a byte, the first in the high bits."""
    packed = binascii.unhexlify(digits)  # two pixels a byte, one a nibble: 4 bits a pixel
    bits = depth
    while bits < 4:
        # Two passes of C a round: half the time of slicing the pixels by column and shifting them as big integers.
        packed = binascii.unhexlify(packed.translate(_MERGE[bits]))
        bits *= 2
    return packed


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


