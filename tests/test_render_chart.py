"""render/chart.py and the charts of every output: an SVG with its title and description in the HTML,
a palette PNG at print resolution with alt text in the DOCX, "Figure N" captions over their titles,
reproducible bytes; a chart that cannot be drawn whole is an error (CCM077) and nothing is built."""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.model.outline import Chart, ChartPoint
from ccm_review.render.chart import (
    _DOT,
    _GLYPHS,
    AXIS,
    INK,
    SCALE,
    WHITE,
    WIDTH,
    _Canvas,
    alt_text,
    chart_png,
    chart_svg,
)
from tests.helpers import CHART_SERIES, REPO, add_chart, docx_to_pdf, listing, require_tool

UNIVERSALIZATION = "sections/01-universalization.md"
POINTS = tuple(ChartPoint(str(year), value, f"{value:,.0f}") for year, value in ((2015, 92), (2017, 102), (2019, 106)))


def a_chart(kind: str = "line", title: str = "States Parties, 2015-2019") -> Chart:
    return Chart(1, title, "The number rose from 92 to 106.", kind, POINTS, "Source: ISU.")


@pytest.mark.parametrize("kind", ["line", "bar"])
def test_the_svg_is_an_image_with_a_title_and_a_description(kind: str) -> None:
    svg = chart_svg(a_chart(kind), "figure-1")
    assert svg.startswith('<svg class="chart-drawing" viewBox="0 0 600 300" role="img" '
                          'aria-labelledby="figure-1-title figure-1-desc"')
    assert '<title id="figure-1-title">Figure 1, States Parties, 2015-2019</title>' in svg  # as it is read
    assert '<desc id="figure-1-desc">The number rose from 92 to 106.</desc>' in svg
    assert [label for label in re.findall(r">([^<]+)</text>", svg)] == ["92", "2015", "102", "2017", "106", "2019"]
    assert ("<polyline" in svg) == (kind == "line") and ("<rect" in svg) == (kind == "bar")
    assert "script" not in svg


def test_the_svg_escapes_what_the_author_wrote() -> None:
    svg = chart_svg(a_chart(title="<script>alert(1)</script> & co"), "figure-1")
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg


def test_a_line_spaces_its_points_by_time() -> None:
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', chart_svg(a_chart(), "f"))]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])  # 2015-2017 and 2017-2019: two years each


def _png_chunks(data: bytes) -> dict[bytes, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, bytes] = {}
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        body = data[offset + 8:offset + 8 + length]
        assert struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])[0] == zlib.crc32(kind + body)
        chunks[kind] = chunks.get(kind, b"") + body
        offset += 12 + length
    return chunks


def _decode(data: bytes) -> tuple[int, int, bytes]:
    """Return the width, height and RGB pixels of a palette PNG: each row unfiltered, indices through PLTE."""
    chunks = _png_chunks(data)
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert colour == 3 and depth in (1, 2, 4, 8)
    palette = [chunks[b"PLTE"][at:at + 3] for at in range(0, len(chunks[b"PLTE"]), 3)]
    per_byte, mask = 8 // depth, (1 << depth) - 1
    # A byte of the image data to the RGB of the pixels it holds, the first in its high bits.
    spread = [b"".join(palette[min(byte >> (8 - depth * (place + 1)) & mask, len(palette) - 1)]
                       for place in range(per_byte)) for byte in range(256)]
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = -(-width // per_byte)
    assert len(raw) == height * (1 + stride)
    rows = []
    for y in range(height):
        row = raw[y * (1 + stride):(y + 1) * (1 + stride)]
        assert row[0] == 0  # filter type none
        assert all(byte >> (8 - depth * (place + 1)) & mask < len(palette)
                   for byte in set(row[1:]) for place in range(per_byte))  # every index in the palette
        rows.append(b"".join(map(spread.__getitem__, row[1:]))[:width * 3])
    return width, height, b"".join(rows)


@pytest.mark.parametrize("kind", ["line", "bar"])
def test_the_png_is_drawn_at_print_resolution_with_a_palette_of_the_colours_used(kind: str) -> None:
    data = chart_png(a_chart(kind))
    chunks = _png_chunks(data)
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (width, height, depth, colour) == (WIDTH * SCALE, 900, 2, 3)  # three colours: 2 bits a pixel
    assert chunks[b"PLTE"] == bytes(WHITE + AXIS + INK)  # white, then in the order drawn
    assert struct.unpack(">IIB", chunks[b"pHYs"]) == (11811, 11811, 1)  # 300 dpi
    pixels = _decode(data)[2]
    ink = sum(1 for at in range(0, len(pixels), 3) if pixels[at:at + 3] == bytes(INK))
    assert ink > 1000  # the series is drawn
    assert chart_png(a_chart(kind)) == data  # the same chart, the same bytes


def test_a_bar_chart_has_the_pixels_of_the_rgb_drawing_it_replaced() -> None:
    # The SHA-256 of the RGB pixels chart_png drew before it wrote a palette (at 8 bits a channel):
    # rectangles and text are drawn as they were, only the line's stroke changed.
    pixels = _decode(chart_png(a_chart("bar")))[2]
    assert hashlib.sha256(pixels).hexdigest() == "0743402af8a1c6b8221249b5478d05bd646fdcea171adcbea7994c502e717053"


def test_the_alt_text_holds_the_description_and_every_value() -> None:
    assert alt_text(a_chart()) == "The number rose from 92 to 106. 2015: 92; 2017: 102; 2019: 106."


def test_the_shipped_chart_is_in_both_outputs(project: Path) -> None:
    result = api.build(project, project / "out")
    assert result.written, listing(result.check.report.findings)
    html = (project / "out" / "review-document.html").read_text(encoding="utf-8")
    assert ('<figcaption id="figure-1-caption"><span class="caption-label">Figure 1<span class="caption-comma">,'
            '</span></span> <span class="caption-title">States Parties to the Convention, 2015-2019</span>'
            '</figcaption>') in html
    details = html[html.index('<details class="chart-data"'):html.index("</details>")]
    assert re.findall(r'<th scope="row">(\d+)</th><td>([\d,]+)</td>', details) == [
        ("2015", "92"), ("2017", "102"), ("2018", "103"), ("2019", "106")]
    with zipfile.ZipFile(project / "out" / "review-document.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
        assert media == ["word/media/image1.png"]
        assert docx.read(media[0]).startswith(b"\x89PNG")
    # The caption's label, then a line break, then the title, in one paragraph.
    assert re.search(r"<w:t>Figure 1</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>States Parties to the Convention, "
                     r"2015-2019</w:t>", document)
    assert re.search(r'<wp:docPr [^>]*descr="The number of States Parties rose from 92 in mid-2015 to 106 in '
                     r'August 2019\. 2015: 92; 2017: 102; 2018: 103; 2019: 106\."', document)


def test_check_and_build_import_no_plotting_library() -> None:
    script = ("import sys; from pathlib import Path; from ccm_review import api; import tempfile\n"
              "api.check(Path(sys.argv[1]))\n"
              "assert 'ccm_review.render.chart' not in sys.modules, 'check drew a chart'\n"
              "api.build(Path(sys.argv[1]), Path(tempfile.mkdtemp()))\n"
              "assert 'ccm_review.render.chart' in sys.modules\n"
              "found = sorted(m for m in sys.modules if m.split('.')[0] in "
              "('matplotlib', 'PIL', 'plotly', 'cairo', 'cairosvg', 'numpy', 'pygal'))\n"
              "assert not found, found\n")
    done = subprocess.run([sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1588204800"})
    assert done.returncode == 0, done.stderr


def _with_chart(project: Path, chart: str) -> Path:
    section = project / UNIVERSALIZATION
    text = section.read_text(encoding="utf-8")
    start = text.index("charts:\n")
    end = text.index("---\n## Successes")
    section.write_text(text[:start] + chart + text[end:], encoding="utf-8")
    return project


@pytest.mark.parametrize(("chart", "words"), [
    ("charts:\n  - {series: state-parties, kind: line, title: T, description: D.}\n", "not a series of data/"),
    ("charts:\n  - {series: states-parties, kind: bar, title: T, description: D., years: [2015, 2016]}\n",
     "draws 2016, for which"),
    ("charts:\n  - {series: initial-reports, kind: bar, title: T, description: D.}\n", "one point or none"),
])
def test_a_chart_that_cannot_be_drawn_whole_is_an_error_and_nothing_is_built(project: Path, chart: str,
                                                                             words: str) -> None:
    _with_chart(project, chart)
    result = api.build(project, project / "out")
    found = [f for f in result.check.report.findings if f.code == "CCM077"]
    assert len(found) == 1 and words in found[0].message, listing(result.check.report.findings)
    assert found[0].location is not None and found[0].location.file == UNIVERSALIZATION
    assert result.written == () and not (project / "out").exists()


def test_a_chart_of_the_wrong_shape_is_reported_by_the_front_matter_rules(project: Path) -> None:
    _with_chart(project, "charts:\n  - {series: states-parties, kind: pie, title: T}\n")
    codes = sorted(f.code for f in api.check(project).report.findings if f.location
                   and f.location.file == UNIVERSALIZATION)
    assert codes == ["CCM005", "CCM006"]


@pytest.mark.external
def test_libreoffice_prints_the_chart_on_its_page(project: Path, tmp_path: Path) -> None:
    require_tool("pdfimages")
    result = api.build(project, tmp_path)
    assert result.written
    pdf = docx_to_pdf(tmp_path / "review-document.docx", tmp_path)
    listing_ = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line.split() for line in listing_.splitlines()[2:]]
    assert len(images) == 1, listing_
    assert int(images[0][3]) >= 1700 and int(images[0][4]) >= 850  # about 300 dpi at 15 cm: print resolution
    page = images[0][0]
    text = subprocess.run(["pdftotext", "-f", page, "-l", page, "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"^ *Figure 1\n *States Parties to the Convention, 2015-2019$", text, re.MULTILINE), text
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, str(pdf), str(png)], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_akoma_ntoso_holds_the_chart_as_the_table_of_its_figures(project: Path) -> None:
    from lxml import etree

    result = api.build(project, project / "out", formats=("akn",))
    assert result.written, listing(result.check.report.findings)
    root = etree.parse(str(project / "out" / "review-document.akn.xml")).getroot()
    namespace = {"a": root.nsmap[None]}
    figure = root.find(".//a:hcontainer[@name='figure']", namespace)
    assert figure is not None
    assert figure.findtext("a:num", namespaces=namespace) == "Figure 1"
    assert figure.findtext("a:heading", namespaces=namespace) == "States Parties to the Convention, 2015-2019"
    caption = figure.find(".//a:caption", namespace)
    assert (caption.text, [child.tag for child in caption], caption[0].tail) == (
        "Figure 1", [f"{{{root.nsmap[None]}}}eol"], "States Parties to the Convention, 2015-2019")
    rows = [[cell.findtext("a:p", namespaces=namespace) for cell in row]
            for row in figure.iterfind(".//a:tr", namespace)]
    assert rows == [["Year", "Value"], ["2015", "92"], ["2017", "102"], ["2018", "103"], ["2019", "106"]]


@pytest.mark.parametrize("points", [
    "- {year: 2019, value: 61, source: Cluster Munition Monitor 2019}\n",  # one point
    "- {year: 2019, value: \"6,1\", source: Cluster Munition Monitor 2019}\n"  # two, one unreadable
    "- {year: 2018, value: 55, source: Cluster Munition Monitor 2018}\n",
])
def test_a_chart_of_a_yaml_series_with_one_good_point_draws_nothing(project: Path, points: str) -> None:
    add_chart(project, "sections/07-national-implementation.md")
    (project / "data" / f"{CHART_SERIES}.csv").unlink()
    (project / "data" / f"{CHART_SERIES}.yaml").write_text(points, encoding="utf-8")
    result = api.build(project, project / "out")
    found = [f for f in result.check.report.findings if f.code == "CCM077"]
    assert len(found) == 1 and "one point or none" in found[0].message, listing(result.check.report.findings)
    assert found[0].location is not None and found[0].location.file == "sections/07-national-implementation.md"
    assert result.written == () and not (project / "out").exists()


class _RgbCanvas:
    """The drawing the palette canvas replaced, three bytes a pixel: what its PNG must decode to."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(WHITE) * (width * height))

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: tuple[int, int, int]) -> None:
        left, right = max(round(min(x0, x1)), 0), min(round(max(x0, x1)), self.width)
        top, bottom = max(round(min(y0, y1)), 0), min(round(max(y0, y1)), self.height)
        if right <= left:
            return
        for y in range(top, bottom):
            start = (y * self.width + left) * 3
            self.pixels[start:start + 3 * (right - left)] = bytes(colour) * (right - left)

    def disc(self, cx: float, cy: float, radius: float, colour: tuple[int, int, int]) -> None:
        for dy in range(-int(radius), int(radius) + 1):
            half = math.sqrt(max(radius * radius - dy * dy, 0.0))
            self.rect(cx - half, cy + dy, cx + half + 1, cy + dy + 1, colour)


def _dots(canvas: _Canvas | _RgbCanvas, cx: float, baseline: float, text: str,
          colour: tuple[int, int, int] = INK) -> None:
    """Draw `text` as the font defines it, one rectangle a dot (what `_Canvas.text` must match)."""
    advance, x, top = 6 * _DOT, cx - (len(text) * 6 * _DOT - _DOT) / 2, baseline - 7 * _DOT
    for char in text:
        for row, bits in enumerate(_GLYPHS[char]):
            for column, bit in enumerate(bits):
                if bit == "1":
                    canvas.rect(x + column * _DOT, top + row * _DOT, x + (column + 1) * _DOT,
                                top + (row + 1) * _DOT, colour)
        x += advance


@pytest.mark.parametrize("cx", [100.0, 100.5, 101.37, 99.999])
def test_text_drawn_by_runs_of_dots_covers_the_pixels_of_its_dots(cx: float) -> None:
    fast, slow = _Canvas(300, 60), _Canvas(300, 60)
    fast.text(cx, 40.3, "1,234.5% -0", INK)
    _dots(slow, cx, 40.3, "1,234.5% -0")
    assert fast.pixels == slow.pixels and fast.pixels != _Canvas(300, 60).pixels


@pytest.mark.parametrize(("cx", "cy", "radius"), [(50.0, 30.0, 15.0), (50.3, 29.6, 7.5), (2.0, 3.0, 10.0)])
def test_a_disc_covers_the_rows_rect_would_draw(cx: float, cy: float, radius: float) -> None:
    fast, slow = _Canvas(100, 60), _Canvas(100, 60)
    fast.disc(cx, cy, radius, INK)
    for dy in range(-int(radius), int(radius) + 1):
        half = math.sqrt(max(radius * radius - dy * dy, 0.0))
        slow.rect(cx - half, cy + dy, cx + half + 1, cy + dy + 1, INK)
    assert fast.pixels == slow.pixels and fast.pixels != _Canvas(100, 60).pixels


_COLOURS = (INK, AXIS, (0xC0, 0x39, 0x2B), (0x2E, 0x7D, 0x32), (0x00, 0x00, 0x00))


@pytest.mark.parametrize(("width", "colours", "depth"), [
    (304, 1, 1), (301, 1, 1),  # 8 pixels a byte, the second padded
    (300, 2, 2), (299, 2, 2),
    (302, 5, 4), (301, 5, 4),
])
def test_rectangles_discs_and_text_decode_to_the_pixels_of_the_rgb_drawing(width: int, colours: int,
                                                                          depth: int) -> None:
    new, old = _Canvas(width, 80), _RgbCanvas(width, 80)
    shades = [_COLOURS[index % colours] for index in range(7)]
    for canvas in (new, old):
        canvas.rect(-5.2, 3.7, 40.4, 12.5, shades[0])  # cut at the left
        canvas.rect(width - 20.5, 70.2, width + 9, 90, shades[1])  # cut at the right and the foot
        canvas.rect(120.6, 30.2, 100.3, 20.8, shades[2])  # corners given the other way round
        canvas.disc(60.3, 40.6, 17.5, shades[3])
        canvas.disc(width - 3.0, 2.0, 9.0, shades[4])  # cut at the top and the right
        canvas.rect(50.0, 35.0, 70.0, 45.0, shades[5])  # over the disc
    new.text(150.4, 60.2, "1,234.5% -0", shades[6])
    _dots(old, 150.4, 60.2, "1,234.5% -0", shades[6])
    data = new.png()
    assert _png_chunks(data)[b"IHDR"][8] == depth  # as few bits as hold the palette's indices
    assert _decode(data) == (width, 80, bytes(old.pixels))
    assert new.png() == data


def test_a_canvas_refuses_a_seventeenth_colour() -> None:
    canvas = _Canvas(10, 10)
    for index in range(15):  # white and 15 more: 4 bits a pixel
        canvas.rect(0, 0, 1, 1, (index, 0, 0))
    with pytest.raises(ValueError, match="at most 16 colours"):
        canvas.rect(0, 0, 1, 1, (0, 0, 99))


def _distance(x: float, y: float, start: tuple[float, float], end: tuple[float, float]) -> float:
    """The distance from (x, y) to the segment from `start` to `end`."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    along = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x0 - along * dx, y - y0 - along * dy)


@pytest.mark.parametrize("points", [
    ((10.0, 40.0), (110.0, 40.0)),  # level
    ((60.2, 5.0), (60.2, 75.3)),  # upright
    ((12.3, 70.1), (105.8, 9.6)),  # rising
    ((20.0, 10.0), (30.5, 72.2)),  # steep
    ((15.0, 60.0), (50.0, 20.0), (80.0, 55.0), (112.0, 18.0)),  # a line through four points: its joins
    ((64.4, 40.4), (64.4, 40.4)),  # no length: a dot
    ((-20.0, 30.0), (70.0, -15.0)),  # partly off the canvas
])
def test_a_stroke_covers_every_pixel_within_half_its_width_and_none_much_farther(
        points: tuple[tuple[float, float], ...]) -> None:
    width, half = 120, 4.5
    canvas = _Canvas(width, 80)
    segments = list(itertools.pairwise(points))
    for start, end in segments:
        canvas.line(*start, *end, 2 * half, INK)
    pixels = _decode(canvas.png())[2]
    for y in range(80):
        for x in range(width):
            near = min(_distance(x + 0.5, y + 0.5, start, end) for start, end in segments)  # from its centre
            inked = pixels[(y * width + x) * 3:(y * width + x + 1) * 3] == bytes(INK)
            assert inked or near > half - 1e-9, (x, y, near)
            assert not inked or near <= half + 1, (x, y, near)
