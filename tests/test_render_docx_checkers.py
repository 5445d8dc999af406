"""Independent programs judge the DOCX: openxml-audit (the schemas), LibreOffice (the pages), pandoc
(the content, in order), a Word-style word count.

Each check runs on the shipped project and on a "kitchen sink" copy whose general-status part
uses every feature: a 30-row table spanning pages with notes in its cells, lists three deep,
a quotation, code, links, headings at every level, a narrative table with a footnote.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ccm_review import api
from ccm_review.layout.outline import make_outline
from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import (
    CodeItem,
    GridItem,
    HeadingItem,
    NumberedItem,
    Outline,
    PlainItem,
    SubItem,
    TableNoteMark,
)
from ccm_review.output import build_time
from ccm_review.render.docx.document import render_docx
from ccm_review.render.docx.styles import MASTHEAD_STYLES
from tests.helpers import (
    KITCHEN_ROWS,
    NS,
    REPO,
    PandocReader,
    W,
    docx_to_pdf,
    kitchen_sink_section,
    normal,
    openxml_audit,
    read_docx,
    require_tool,
)

REFERENCE = Path("templates") / "reference.docx"

# 11 pages with Liberation Serif (metric-compatible with Times New Roman), 13 with DejaVu alone;
# more means the styles were lost (python-docx's own gave 15-16), fewer that text went missing.
SHIPPED_PAGES = range(9, 15)

# --- the projects ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Built:
    """A project, its outline, the words `check` reports, and its DOCX on disk."""

    name: str
    outline: Outline
    words: int
    docx: Path


def build_docx(project: Path, name: str = "shipped") -> Built:
    """Check `project` and render its DOCX with its own reference document, as `build` does."""
    result = api.check(project)
    assert not result.report.fails(strict=False), [finding.message for finding in result.report.findings]
    outline = make_outline(result.document, result.spec)
    data = render_docx(outline, build_time(result.document.masthead.date), project / REFERENCE)
    path = project / "build" / "review-document.docx"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return Built(name, outline, result.report.words, path)


@pytest.fixture(params=["shipped", "kitchen-sink"])
def built(request: pytest.FixtureRequest, project: Path) -> Built:
    """The DOCX of the shipped project, or of the kitchen sink."""
    if request.param == "kitchen-sink":
        (project / "sections" / "08-general-status.md").write_text(kitchen_sink_section(), encoding="utf-8")
    return build_docx(project, request.param)


@pytest.fixture
def kitchen_sink(project: Path) -> Built:
    (project / "sections" / "08-general-status.md").write_text(kitchen_sink_section(), encoding="utf-8")
    return build_docx(project, "kitchen-sink")


# --- openxml-audit: the schemas ----------------------------------------------------------------


@pytest.mark.external
def test_openxml_audit_finds_no_schema_error(built: Built) -> None:
    result = subprocess.run([openxml_audit(), "-f", "office2019", "-o", "json", "-m", "0", str(built.docx)],
                            capture_output=True, text=True, timeout=300)
    reports = json.loads(result.stdout)
    findings = [finding for report in reports for finding in report["errors"]]
    schema = [f"{f['part_uri']} {f['path']}: {f['description']}" for f in findings if f["type"] == "schema"]
    assert schema == [], f"{built.name}: {schema[:10]}"


# --- LibreOffice: the pages --------------------------------------------------------------------


def _pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def _page_text(pdf: Path, page: int) -> list[str]:
    out = subprocess.run([require_tool("pdftotext"), "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.external
def test_libreoffice_lays_the_shipped_build_out_on_a4_pages(project: Path, tmp_path: Path) -> None:
    shipped = build_docx(project)
    pdf = docx_to_pdf(shipped.docx, tmp_path)
    info = _pdf_info(pdf)
    assert int(info["Pages"]) in SHIPPED_PAGES
    assert "(A4)" in info["Page size"]
    # Page 1 is the masthead; the next pages carry the symbol on top and their number below.
    masthead = shipped.outline.masthead
    first, second = _page_text(pdf, 1), _page_text(pdf, 2)
    assert first[0].startswith(masthead.body) and first[0].endswith(masthead.symbol)
    assert first[-1] != "1"
    assert (second[0], second[-1]) == (masthead.symbol, "2")
    # Page 1 as a picture, to look at whenever the layout changes (docs/images/docx-page-1.png).
    subprocess.run([require_tool("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page-1")], check=True, timeout=120)
    assert (tmp_path / "page-1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.external
def test_libreoffice_repeats_the_header_row_on_every_page_of_a_long_table(kitchen_sink: Built,
                                                                          tmp_path: Path) -> None:
    pdf = docx_to_pdf(kitchen_sink.docx, tmp_path)
    pages = {page: _page_text(pdf, page) for page in range(1, int(_pdf_info(pdf)["Pages"]) + 1)}
    holding = [page for page, lines in pages.items() if any(re.search(r"Indicator \d+ of the", line) for line in lines)]
    assert len(holding) >= 2, "the 30-row table should span pages"
    for page in holding:
        # A part that is not an action has no DAP item: its table has no "DAP item" column.
        header = [index for index, line in enumerate(pages[page])
                  if re.search(r"^\s*Indicator\s+1RC \(2015\)\s+2RC \(2020\)\s+Assessment", line)]
        assert header, f"no header row on page {page}"
        # From its header row on (the end of the action before it may share the first page).
        assert not any("DAP item" in line for line in pages[page][header[0]:])
    rows = [int(n) for page in holding for line in pages[page] for n in re.findall(r"Indicator (\d+) of", line)]
    assert rows == list(range(1, KITCHEN_ROWS + 1))  # every row once, in order: none split or lost


# --- pandoc: the content, in order -------------------------------------------------------------


def _text(runs: Any) -> str:
    """Return the text the DOCX holds for `runs`: table note letters typed, footnote marks none."""
    parts: list[str] = []
    for run in runs:
        if isinstance(run, (Text, Code, RawHtml)):
            parts.append(run.text)
        elif isinstance(run, (Styled, Link)):
            parts.append(_text(run.children))
        elif isinstance(run, LineBreak):
            parts.append(" ")
        elif isinstance(run, TableNoteMark):
            parts.append(run.letter)
    return normal("".join(parts))


def _expected_body(outline: Outline) -> Iterator[tuple[Any, ...]]:
    """Every heading, paragraph and cell of the outline in print order, as pandoc should read them."""
    for part in outline.parts:
        yield ("header", 1, part.title)
        if part.table is not None:
            yield ("para", f"{part.table.label} {part.table.title}")  # two lines of one paragraph
            cells = [column.header for column in part.table.columns]
            cells += [_text(cell) for row in part.table.rows for cell in row]
            yield from (("para", cell) for cell in cells if cell)
            for note in part.table.notes:
                for index, paragraph in enumerate(note.paragraphs):
                    yield ("para", normal(f"{note.letter} {_text(paragraph)}") if index == 0 else _text(paragraph))
        for chart in part.charts:  # the caption, the picture (no text), the source line
            yield ("para", f"{chart.label} {chart.title}")
            yield ("para", "")
            yield ("para", chart.source)
        for item in part.items:
            if isinstance(item, HeadingItem):
                yield ("header", item.depth + 1, _text(item.runs))
            elif isinstance(item, (NumberedItem, SubItem, PlainItem)):
                yield ("para", _text(item.runs))
            elif isinstance(item, CodeItem):
                yield ("code", item.text.rstrip("\n"))
            elif isinstance(item, GridItem):
                cells = [_text(cell) for cell in item.header] + [_text(cell) for row in item.rows for cell in row]
                yield from (("para", cell) for cell in cells if cell)


def _body_after_masthead(reader: PandocReader) -> list[tuple[Any, ...]]:
    first = next(index for index, entry in enumerate(reader.body) if entry[0] == "header")
    return reader.body[first:]


@pytest.mark.external
def test_pandoc_reads_every_heading_at_its_level_without_typed_numbers(built: Built) -> None:
    headers = [entry for entry in _body_after_masthead(read_docx(built.docx)) if entry[0] == "header"]
    assert headers == [entry for entry in _expected_body(built.outline) if entry[0] == "header"]
    assert len({level for _, level, _ in headers}) == (4 if built.name == "kitchen-sink" else 2)


@pytest.mark.external
def test_pandoc_reads_every_paragraph_cell_and_table_note_in_order(built: Built) -> None:
    assert _body_after_masthead(read_docx(built.docx)) == list(_expected_body(built.outline))


@pytest.mark.external
def test_pandoc_reads_each_caption_as_its_label_over_its_title(built: Built) -> None:
    pandoc = require_tool("pandoc")
    plain = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(built.docx)],
                           capture_output=True, text=True, check=True, timeout=120).stdout
    shown = [one for part in built.outline.parts for one in ([part.table] if part.table else []) + list(part.charts)]
    assert shown
    for one in shown:  # a line break between them, within one paragraph: a blank line would end it
        assert f"\n{one.label}\n{one.title}\n" in plain, one.label
    assert not re.search(r"^(Table|Figure) \d+\.", plain, re.MULTILINE)


@pytest.mark.external
def test_pandoc_reads_every_footnote_in_order(built: Built) -> None:
    expected = [normal(" ".join(_text(paragraph) for paragraph in note.paragraphs)) for note in built.outline.notes]
    assert read_docx(built.docx).notes == expected


@pytest.mark.external
def test_pandoc_reads_the_paragraph_numbers_and_sub_paragraph_letters_as_list_numbering(built: Built) -> None:
    reader = read_docx(built.docx)
    items = [item for part in built.outline.parts for item in part.items]
    expected = [f"{item.number}." if isinstance(item, NumberedItem) else item.label
                for item in items if isinstance(item, (NumberedItem, SubItem))]
    assert reader.labels == expected
    # Numbers are list numbering, never text typed into the paragraphs.
    typed = [text for kind, *rest in reader.body if kind == "para" for text in rest[-1:]
             if re.match(r"(\d+\.|\([a-z]+\)|\([ivx]+\))\s", text)]
    assert typed == []


# --- the word count ----------------------------------------------------------------------------


def _paragraph_text(p: etree._Element) -> str:
    """The paragraph's text as Word counts it: w:t, with tabs and breaks as white space."""
    parts = []
    for node in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
        if node.tag == f"{{{W}}}t":
            parts.append(node.text or "")
        elif node.getparent().tag == f"{{{W}}}r":  # a tab in a run, not a tab stop
            parts.append(" ")
    return "".join(parts)


def docx_words(path: Path) -> int:
    """Count the words of the body (tables included, masthead left out by its styles) and of the footnotes.

    Word's way: white-space separated tokens of each paragraph's text; list numbers are not text.
    """
    with zipfile.ZipFile(path) as archive:
        document, notes, styles = (etree.fromstring(archive.read(f"word/{name}.xml"))
                                   for name in ("document", "footnotes", "styles"))
    names = {style.get(f"{{{W}}}styleId"): style.xpath("string(w:name/@w:val)", namespaces=NS).casefold()
             for style in styles.findall("w:style", NS)}
    masthead = {name.casefold() for name in MASTHEAD_STYLES}
    words = 0
    for p in document.find("w:body", NS).iter(f"{{{W}}}p"):
        style = p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) or "Normal"
        if names.get(style, "") not in masthead:
            words += len(_paragraph_text(p).split())
    for note in notes.findall("w:footnote", NS):
        if note.get(f"{{{W}}}type", "normal") == "normal":
            words += sum(len(_paragraph_text(p).split()) for p in note.iter(f"{{{W}}}p"))
    return words


def test_the_words_in_the_docx_body_equal_the_document_total_that_check_reports(built: Built) -> None:
    assert docx_words(built.docx) == built.words
    if built.name == "shipped":
        assert built.words == api.check(REPO).report.words


def test_the_masthead_is_left_out_of_the_count_by_its_styles(built: Built) -> None:
    with zipfile.ZipFile(built.docx) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    styles = [p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for p in document.find("w:body", NS)]
    first_heading = styles.index("Heading1")
    assert set(styles[:first_heading]) == {"MastheadTop", "MastheadDistribution", "MastheadBold", "Masthead", "Title"}
    assert not set(styles[first_heading:]) & {"MastheadTop", "MastheadDistribution", "MastheadBold", "Masthead",
                                               "Title"}
