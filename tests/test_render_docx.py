"""The DOCX renderer: what a reader of the Word document finds in it, checked in its XML; and the
reference document it starts from, refused when it is not a usable Word document.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import docx
import pytest
from lxml import etree

from ccm_review import api
from ccm_review.errors import TemplateError
from ccm_review.layout.labels import roman
from ccm_review.layout.outline import make_outline
from ccm_review.model.location import Location
from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import (
    Chart,
    ChartPoint,
    CodeItem,
    GridItem,
    HeadingItem,
    IndicatorTable,
    Note,
    NoteMark,
    NumberedItem,
    Outline,
    PartPlan,
    PlainItem,
    SubItem,
    TableColumn,
    TableNote,
    TableNoteMark,
)
from ccm_review.model.record import replace
from ccm_review.model.source import Masthead
from ccm_review.output import build_time
from ccm_review.render.docx.document import render_docx
from ccm_review.render.docx.styles import REQUIRED_STYLES, StyleBook
from ccm_review.render.docx.xml import clean
from tests.helpers import NS, REPO, R, W, invoke, printed_text, require_tool

REFERENCE = REPO / "templates" / "reference.docx"
STAMP = datetime(2020, 4, 30, tzinfo=UTC)
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
HERE = Location("sections/00-introduction.md", 1, 1)


# --- a small outline built by hand -------------------------------------------------------------

MASTHEAD = Masthead(
    body="Convention on Cluster Munitions",
    symbol="CCM/CONF/2020/PM.1/2",
    distribution="General",
    date="2020-04-30",
    original="English",
    meeting="Second Review Conference",
    session="First Preparatory Meeting",
    place="Geneva",
    meeting_dates="8 June 2020",
    agenda_item="5",
    agenda_title="Consideration of the draft Review Document",
    title="Review Document of the Dubrovnik Action Plan (2015-2020)",
    submitted_by="the President of the Second Review Conference",
)

INTRODUCTION = PartPlan("introduction", "introduction", "I", "Introduction", "sections/00-introduction.md", None, (
    HeadingItem(1, "A.", (Text("Mandate"),)),
    NumberedItem(1, (Text("The review covers "), Styled("em", (Text("every"),)), Text(" action."), NoteMark(1))),
    NumberedItem(2, (Text("It draws on four sources:"),)),
    SubItem(1, "(a)", (Text("transparency reports;"),)),
    SubItem(2, "(i)", (Text("initial reports;"),)),
    SubItem(2, "(ii)", (Text("annual reports;"),)),
    SubItem(3, "\u2022", (Text("a point under annual reports;"),)),
    SubItem(1, "(b)", (Text("statements."),)),
    PlainItem((Text("A quotation from the action plan."),), 0, True),
    SubItem(1, "(a)", (Text("a second list under the same paragraph"),)),
    HeadingItem(2, "1.", (Text("Scope"),)),
    HeadingItem(3, "(a)", (Text("Detail"),)),
    NumberedItem(3, (
        Link("https://example.org/report", (Text("the report"),), HERE), Text(", "),
        Link("mailto:isu@example.org", (Text("the ISU"),), HERE), Text(", "),
        Link("javascript:alert(1)", (Text("a trap"),), HERE), Text(" and "),
        Link("#para-1", (Text("paragraph 1"),), HERE), Text("."),
    )),
    NumberedItem(4, (
        Styled("strong", (Text("bold "), Styled("em", (Text("bold italic"),)))), Text(" "),
        Styled("strike", (Text("struck"),)), Text(" "), Code("x = 1"), Text(" "),
        RawHtml("<b>not bold</b>", HERE), LineBreak(hard=True), Text("after the break"),
        LineBreak(hard=False), Text("after the wrap"),
    )),
    CodeItem("first line\n  second line\n"),
    GridItem(((Text("Year"),), (Text("States Parties"),)), (((Text("2019"),), (Text("106"), NoteMark(2))),)),
))

TABLE = IndicatorTable(1, "Action 1: Universalization", (
    TableColumn("ref", "DAP item", 22),
    TableColumn("indicator", "Indicator", 26),
    TableColumn("baseline", "1RC (2015)", 18),
    TableColumn("current", "2RC (2020)", 18),
    TableColumn("assessment", "Assessment", 16),
), (
    ((Text("1.1 Increase adherence"),), (Text("States Parties"), TableNoteMark("a")), (Text("92"),),
     (Text("110"), TableNoteMark("b")), (Text("Partially achieved"),)),
    ((Text("1.2 Promote the norms"),), (Text("Votes"),), (), (Text("144 in favour"), TableNoteMark("a")),
     (Text("Not assessed"),)),
), (
    TableNote("a", ((Text("Source: Handicap International."),),)),
    TableNote("b", ((Text("As of September 2020."),), (Text("A second paragraph."),))),
))

UNIVERSALIZATION = PartPlan("action-1", "action-1", "II", "Universalization", "sections/01-universalization.md",
                            TABLE, (
    HeadingItem(1, "A.", (Text("Successes"),)),
    NumberedItem(5, (Text("Adherence grew."), NoteMark(3))),
))

NOTES = (
    Note(1, ((Text("First note: Dubrovnik Action Plan."),),)),
    Note(2, ((Text("Second note, from a table cell."),),)),
    Note(3, ((Text("Third note, see "), Link("https://example.org/monitor", (Text("the Monitor"),), HERE)),
             (Text("and its second paragraph."),))),
)

OUTLINE = Outline(MASTHEAD, (INTRODUCTION, UNIVERSALIZATION), NOTES)


def render(outline: Outline, stamp: datetime = STAMP, reference: Path = REFERENCE) -> bytes:
    """Return the DOCX of `outline` with the shipped reference document."""
    return render_docx(outline, stamp, reference)


@cache
def rendered(outline: Outline = OUTLINE, stamp: datetime = STAMP) -> bytes:
    """Return the DOCX of `outline` (rendered once per test session)."""
    return render(outline, stamp)


def xml(data: bytes, name: str) -> etree._Element:
    """Return zip member `name` of `data`, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def body_paragraphs(data: bytes) -> list[etree._Element]:
    """Return the top-level paragraphs of the body, in order."""
    return list(xml(data, "word/document.xml").findall("w:body/w:p", NS))


def text_of(element: etree._Element) -> str:
    """Return the text a reader sees in `element`: w:t, tabs and breaks."""
    parts = []
    for node in element.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
        if node.tag == f"{{{W}}}t":
            parts.append(node.text or "")
        elif node.getparent().tag == f"{{{W}}}r":  # not a tab stop of the paragraph properties
            parts.append("\t" if node.tag == f"{{{W}}}tab" else "\n")
    return "".join(parts)


def note_text(footnote: etree._Element) -> str:
    """Return a footnote's text, its paragraphs joined by spaces, whitespace normalised."""
    return " ".join(" ".join(text_of(p) for p in footnote.findall("w:p", NS)).split())


def paragraph_with(data: bytes, needle: str) -> etree._Element:
    """Return the first body paragraph whose text contains `needle`."""
    found = [p for p in xml(data, "word/document.xml").iter(f"{{{W}}}p") if needle in text_of(p)]
    assert found, f"no paragraph contains {needle!r}"
    return found[0]


def style_of(paragraph: etree._Element) -> str | None:
    """Return the paragraph's style id."""
    return paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) or None


def num_pr(paragraph: etree._Element) -> tuple[str, str] | None:
    """Return (numId, ilvl) of a numbered paragraph, or None."""
    found = paragraph.find("w:pPr/w:numPr", NS)
    if found is None:
        return None
    return found.find("w:numId", NS).get(f"{{{W}}}val"), found.find("w:ilvl", NS).get(f"{{{W}}}val")


def num_pr_of(paragraph: etree._Element) -> tuple[str, str]:
    """Return (numId, ilvl) of a paragraph that must be numbered."""
    found = num_pr(paragraph)
    assert found is not None, text_of(paragraph)
    return found


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    # Word goes on after z with doubled letters (aa, bb ...), unlike letters(): lists stay short.
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1),
}


def word_labels(data: bytes, paragraphs: list[etree._Element] | None = None) -> list[tuple[str, str, str]]:
    """Return (style id, label, text) of each body paragraph, the label computed as Word numbers it.

    Reads numbering.xml and the styles as Word does: a paragraph's own w:numPr, else its style's
    (following w:basedOn), the level from the style link when the style gives none; a level
    counts on from its start and restarts whenever a higher level is used.
    """
    numbering, styles = xml(data, "word/numbering.xml"), xml(data, "word/styles.xml")
    style_num: dict[str, tuple[str | None, str | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.findall("w:style", NS):
        sid = style.get(f"{{{W}}}styleId")
        based_on[sid] = style.xpath("string(w:basedOn/@w:val)", namespaces=NS)
        found = style.find("w:pPr/w:numPr", NS)
        if found is not None:
            style_num[sid] = (found.xpath("string(w:numId/@w:val)", namespaces=NS) or None,
                              found.xpath("string(w:ilvl/@w:val)", namespaces=NS) or None)
    abstracts = {a.get(f"{{{W}}}abstractNumId"): a for a in numbering.findall("w:abstractNum", NS)}
    nums = {n.get(f"{{{W}}}numId"): abstracts[n.xpath("string(w:abstractNumId/@w:val)", namespaces=NS)]
            for n in numbering.findall("w:num", NS)}
    counters: dict[str, dict[int, int]] = {}
    out = []
    for p in paragraphs if paragraphs is not None else body_paragraphs(data):
        sid = style_of(p) or "Normal"
        num_id, level = None, None
        direct = p.find("w:pPr/w:numPr", NS)
        if direct is not None:
            num_id = direct.xpath("string(w:numId/@w:val)", namespaces=NS) or None
            level = direct.xpath("string(w:ilvl/@w:val)", namespaces=NS) or None
        chain = sid
        while num_id is None and chain:
            num_id, level = style_num.get(chain, (None, level))
            chain = based_on.get(chain, "")
        if num_id is None or num_id == "0":
            out.append((sid, "", text_of(p)))
            continue
        abstract = nums[num_id]
        if level is None:  # a style linked to a level by the level's w:pStyle
            linked = abstract.xpath(f"w:lvl[w:pStyle/@w:val='{sid}']/@w:ilvl", namespaces=NS)
            level = linked[0] if linked else "0"
        lvl = int(level)
        levels = {int(x.get(f"{{{W}}}ilvl")): x for x in abstract.findall("w:lvl", NS)}
        count = counters.setdefault(num_id, {})
        start = int(levels[lvl].xpath("string(w:start/@w:val)", namespaces=NS) or 1)
        count[lvl] = count.get(lvl, start - 1) + 1
        for deeper in [k for k in count if k > lvl]:
            del count[deeper]
        fmt = levels[lvl].xpath("string(w:numFmt/@w:val)", namespaces=NS)
        label = levels[lvl].xpath("string(w:lvlText/@w:val)", namespaces=NS)
        if fmt != "bullet":
            for k in range(lvl + 1):
                k_fmt = levels[k].xpath("string(w:numFmt/@w:val)", namespaces=NS)
                k_start = int(levels[k].xpath("string(w:start/@w:val)", namespaces=NS) or 1)
                label = label.replace(f"%{k + 1}", _FORMATS[k_fmt](count.get(k, k_start)))
        out.append((sid, label, text_of(p)))
    return out


# --- masthead ----------------------------------------------------------------------------------


def test_masthead_lines_come_first_in_un_order() -> None:
    texts = [text_of(p) for p in body_paragraphs(rendered())]
    expected = [
        "Convention on Cluster Munitions\tCCM/CONF/2020/PM.1/2",
        "Distr.: General",
        "30 April 2020",
        "Original: English",
        "Second Review Conference",
        "First Preparatory Meeting",
        "Geneva, 8 June 2020",
        "Item 5 of the provisional agenda",
        "Consideration of the draft Review Document",
        "Review Document of the Dubrovnik Action Plan (2015-2020)",
        "Submitted by the President of the Second Review Conference",
        "Introduction",
    ]
    assert texts[:len(expected)] == expected


def test_masthead_lines_have_masthead_styles_and_the_title_its_own() -> None:
    data = rendered()
    styles = [style_of(p) for p in body_paragraphs(data)[:11]]
    assert styles == ["MastheadTop", *["MastheadDistribution"] * 3, "MastheadBold", "MastheadBold", "Masthead",
                      "Masthead", "MastheadBold", "Title", "Masthead"]
    top = body_paragraphs(data)[0]
    assert top.xpath("string(w:r[2]/w:rPr/w:rStyle/@w:val)", namespaces=NS) == "MastheadSymbol"
    # The look is the styles': no direct formatting in the masthead.
    assert not [p for p in body_paragraphs(data)[:11] if p.find(".//w:rPr/w:b", NS) is not None]


def test_empty_masthead_fields_are_left_out() -> None:
    bare = Masthead(body="Convention on Cluster Munitions", symbol="CCM/X/1", date="2020-04-30", title="Title",
                    distribution="", agenda_item="", place="Geneva")
    data = render(Outline(bare, (), ()))
    texts = [text_of(p) for p in body_paragraphs(data)]
    # The last, empty paragraph is the end rule (a border: no text).
    assert texts == ["Convention on Cluster Munitions\tCCM/X/1", "30 April 2020", "Original: English", "Geneva",
                     "Title", ""]


# --- parts, headings, tables -------------------------------------------------------------------


def _headings(data: bytes) -> list[tuple[str, str, str]]:
    return [found for found in word_labels(data) if found[0].startswith("Heading")]


def test_each_part_starts_with_a_heading_1_that_word_numbers_in_roman() -> None:
    headings = [(label, text) for style, label, text in _headings(rendered()) if style == "Heading1"]
    assert headings == [("I.", "Introduction"), ("II.", "Universalization")]


def test_narrative_headings_get_word_numbers_equal_to_the_outline_labels_at_levels_two_to_four() -> None:
    assert _headings(rendered()) == [
        ("Heading1", "I.", "Introduction"),
        ("Heading2", "A.", "Mandate"),
        ("Heading3", "1.", "Scope"),
        ("Heading4", "(a)", "Detail"),
        ("Heading1", "II.", "Universalization"),
        ("Heading2", "A.", "Successes"),  # restarts under each part
    ]


def test_heading_numbers_are_a_multilevel_list_linked_to_the_heading_styles() -> None:
    data = rendered()
    styles, numbering = xml(data, "word/styles.xml"), xml(data, "word/numbering.xml")
    links = []
    for level in range(4):
        style = styles.xpath(f"w:style[@w:styleId='Heading{level + 1}']", namespaces=NS)[0]
        num_id = style.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS)
        assert style.xpath("string(w:pPr/w:numPr/w:ilvl/@w:val)", namespaces=NS) == (str(level) if level else "")
        abstract_id = numbering.xpath(f"string(w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val)", namespaces=NS)
        lvl = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{level}']",
                              namespaces=NS)[0]
        links.append((lvl.xpath("string(w:pStyle/@w:val)", namespaces=NS),
                      lvl.xpath("string(w:numFmt/@w:val)", namespaces=NS),
                      lvl.xpath("string(w:lvlText/@w:val)", namespaces=NS)))
    assert links == [("Heading1", "upperRoman", "%1."), ("Heading2", "upperLetter", "%2."),
                     ("Heading3", "decimal", "%3."), ("Heading4", "lowerLetter", "(%4)")]
    # Nothing typed: no heading paragraph holds a numbering of its own or a label in its text.
    headings = [p for p in body_paragraphs(data) if (style_of(p) or "").startswith("Heading")]
    assert all(p.find("w:pPr/w:numPr", NS) is None for p in headings)
    assert not [text_of(p) for p in headings if re.match(r"([IVX]+|[A-Z]|\d+)\.\s|\([a-z]+\)\s", text_of(p))]


def _caption_lines(paragraph: etree._Element) -> list[tuple[str, str]]:
    """Each run of a caption paragraph: its text (a break as "\n") and its weight ("plain", or "style"
    where the run leaves it to the paragraph's style)."""
    lines = []
    for run in paragraph.findall("w:r", NS):
        bold = run.find("w:rPr/w:b", NS)
        weight = "style" if bold is None else ("plain" if bold.get(f"{{{W}}}val") == "0" else "bold")
        lines.append((text_of(run), weight))
    return lines


def test_table_caption_is_the_label_on_its_own_line_then_the_title_right_before_the_table() -> None:
    data = rendered()
    body = xml(data, "word/document.xml").find("w:body", NS)
    children = list(body)
    caption = next(i for i, child in enumerate(children) if text_of(child) == "Table 1\nAction 1: Universalization")
    paragraph = children[caption]
    assert style_of(paragraph) == "Caption"
    # One paragraph: "Table 1", a line break, the title; the label in the plain weight, the title in
    # the Caption style's (bold). UN documents print a table's label and title so.
    assert _caption_lines(paragraph) == [("Table 1", "plain"), ("\n", "style"), ("Action 1: Universalization", "style")]
    caption_style = xml(data, "word/styles.xml").xpath("w:style[@w:styleId='Caption']", namespaces=NS)[0]
    assert caption_style.find("w:rPr/w:b", NS) is not None
    # Kept whole and with the table, which follows at once; the number is typed, as before (no field).
    assert paragraph.find("w:pPr/w:keepNext", NS) is not None and paragraph.find("w:pPr/w:keepLines", NS) is not None
    assert children[caption + 1].tag == f"{{{W}}}tbl"
    assert not paragraph.xpath(".//w:instrText | .//w:fldSimple", namespaces=NS)


def indicator_table(data: bytes) -> etree._Element:
    """Return the table that follows the caption "Table 1" / "Action 1: ..."."""
    caption = paragraph_with(data, "Table 1\nAction 1")
    table = caption.getnext()
    assert table.tag == f"{{{W}}}tbl"
    return table


def test_table_header_row_repeats_on_each_page_and_no_row_splits() -> None:
    table = indicator_table(rendered())
    rows = table.findall("w:tr", NS)
    assert [text_of(cell) for cell in rows[0].findall("w:tc", NS)] == [
        "DAP item", "Indicator", "1RC (2015)", "2RC (2020)", "Assessment"]
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    assert {style_of(p) for p in rows[0].iter(f"{{{W}}}p")} == {"TableHeading"}
    assert {style_of(p) for row in rows[1:] for p in row.iter(f"{{{W}}}p")} == {"TableText"}
    assert table.xpath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=NS) == "TableGrid"
    assert table.xpath("string(w:tblPr/w:tblLayout/@w:type)", namespaces=NS) == "fixed"


def test_table_note_marks_are_superscript_letters_typed_in_the_cells() -> None:
    rows = indicator_table(rendered()).findall("w:tr", NS)
    cell = rows[1].findall("w:tc", NS)[1]
    assert text_of(cell) == "States Partiesa"
    mark = cell.findall(".//w:r", NS)[-1]
    assert (text_of(mark), mark.xpath("string(w:rPr/w:rStyle/@w:val)", namespaces=NS)) == ("a", "FootnoteReference")
    assert indicator_table(rendered()).find(".//w:footnoteReference", NS) is None


def test_table_notes_follow_the_table_one_paragraph_each_letter_then_text() -> None:
    table = indicator_table(rendered())
    following = []
    node = table.getnext()
    while node is not None and style_of(node) == "TableNote":
        following.append(node)
        node = node.getnext()
    assert [text_of(p) for p in following] == [
        "a\tSource: Handicap International.", "b\tAs of September 2020.", "A second paragraph."]
    first_runs = [p.find("w:r", NS) for p in following[:2]]
    assert [r.xpath("string(w:rPr/w:rStyle/@w:val)", namespaces=NS) for r in first_runs] == ["FootnoteReference"] * 2


def test_table_columns_share_the_text_width_in_the_template_proportions() -> None:
    table = indicator_table(rendered())
    widths = [int(col.get(f"{{{W}}}w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == 11906 - 2 * 1417  # A4 minus two 2.5 cm margins, in twips
    assert widths[1] > widths[0] > widths[2] == widths[3] > widths[4]
    cell_widths = [int(tc.xpath("string(w:tcPr/w:tcW/@w:w)", namespaces=NS))
                   for tc in table.findall("w:tr[1]/w:tc", NS)]
    assert cell_widths == widths


def test_narrative_grid_is_a_table_grid_with_a_heading_row() -> None:
    tables = xml(rendered(), "word/document.xml").findall("w:body/w:tbl", NS)
    grid = next(table for table in tables if text_of(table.findall("w:tr/w:tc", NS)[1]) == "States Parties")
    assert grid.xpath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=NS) == "TableGrid"
    assert style_of(grid.find("w:tr/w:tc/w:p", NS)) == "TableHeading"
    assert text_of(grid.findall("w:tr", NS)[1]) == "2019106"
    # A footnote in a narrative table stays a real footnote.
    assert grid.find(".//w:footnoteReference", NS).get(f"{{{W}}}id") == "2"



def test_each_chart_is_a_picture_with_its_own_shape_id_and_the_same_image_is_stored_once() -> None:
    points = tuple(ChartPoint(str(year), value, str(value)) for year, value in ((2015, 92), (2019, 106)))
    first = Chart(1, "States Parties", "From 92 to 106.", "line", points, "Source: ISU.")
    again = replace(first, number=3, title="States Parties again")  # the same picture under another caption
    other = Chart(2, "Stockpiles", "From 106 to 92.", "bar", tuple(reversed(points)), "Source: ISU.")
    parts = (replace(INTRODUCTION, charts=(first, other)), replace(UNIVERSALIZATION, charts=(again,)))
    data = render(replace(OUTLINE, parts=parts))
    document = xml(data, "word/document.xml")
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    # Word wants every drawing's id distinct: 1, 2, 3 in the order written, as python-docx numbers them.
    assert [int(pr.get("id")) for pr in document.iter(f"{{{wp}}}docPr")] == [1, 2, 3]
    blips = document.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    embeds = [blip.get(f"{{{R}}}embed") for blip in blips]
    assert embeds[0] == embeds[2] != embeds[1]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len([name for name in archive.namelist() if name.startswith("word/media/")]) == 2



def test_text_loses_only_the_characters_xml_cannot_carry() -> None:
    kept = "Tab\there, a line\nbreak\r, \u00e9 \u2013 \u2019 \u00a0 \u200b \U0001f600"
    assert clean(kept) == kept
    assert clean("a\x00b\x0bc\x1fd\ufffee\uffff\ud800f") == "abcdef"
    # Every character of the basic plane alone and beside a printable one: XML 1.0 refuses C0 controls
    # but tab, newline and carriage return, surrogates, U+FFFE and U+FFFF.
    for code in range(0x10000):
        refused = (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or 0xD800 <= code <= 0xDFFF or code >= 0xFFFE
        expected = "" if refused else chr(code)
        assert (clean(chr(code)), clean("x" + chr(code))) == (expected, "x" + expected), hex(code)


# --- numbering ---------------------------------------------------------------------------------


def test_numbered_paragraphs_are_one_word_list_at_level_zero() -> None:
    numbered = [p for p in body_paragraphs(rendered()) if (found := num_pr(p)) and found[1] == "0"]
    assert [text_of(p)[:12] for p in numbered] == [
        "The review c", "It draws on ", "the report, ", "bold bold it", "Adherence gr"]
    assert len({num_pr_of(p)[0] for p in numbered}) == 1


def test_sub_paragraphs_use_the_same_list_at_levels_one_two_and_a_bullet_level() -> None:
    data = rendered()
    main = num_pr_of(paragraph_with(data, "The review covers"))[0]
    assert num_pr(paragraph_with(data, "transparency reports;")) == (main, "1")
    assert num_pr(paragraph_with(data, "initial reports;")) == (main, "2")
    assert num_pr(paragraph_with(data, "a point under annual")) == (main, "3")
    assert num_pr(paragraph_with(data, "statements.")) == (main, "1")


def test_word_numbers_the_paragraphs_and_sub_paragraphs_as_the_outline_does() -> None:
    labelled = [(label, text[:12]) for style, label, text in word_labels(rendered())
                if label and not style.startswith("Heading")]
    assert labelled == [("1.", "The review c"), ("2.", "It draws on "), ("(a)", "transparency"),
                        ("(i)", "initial repo"), ("(ii)", "annual repor"), ("\u2022", "a point unde"),
                        ("(b)", "statements."), ("3.", "the report, "), ("4.", "bold bold it"), ("5.", "Adherence gr")]


def test_a_second_list_under_one_paragraph_keeps_its_own_label() -> None:
    # Word would continue (c) here; the outline (and the HTML) say (a).
    paragraph = paragraph_with(rendered(), "a second list under")
    assert num_pr(paragraph) is None
    assert text_of(paragraph).startswith("(a)\t")


def test_numbering_definition_has_decimal_letter_roman_and_bullet_levels() -> None:
    data = rendered()
    num_id = num_pr_of(paragraph_with(data, "The review covers"))[0]
    numbering = xml(data, "word/numbering.xml")
    abstract_id = numbering.xpath(f"string(w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val)", namespaces=NS)
    abstract = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", namespaces=NS)[0]
    levels = [(lvl.xpath("string(w:numFmt/@w:val)", namespaces=NS), lvl.xpath("string(w:lvlText/@w:val)",
                                                                                namespaces=NS))
              for lvl in abstract.findall("w:lvl", NS)]
    assert levels[:4] == [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"), ("bullet", "\u2022")]
    hanging = abstract.xpath("w:lvl/w:pPr/w:ind/@w:hanging", namespaces=NS)
    assert hanging and all(int(value) > 0 for value in hanging)
    # The schema wants every abstractNum before the first num.
    tags = [etree.QName(child).localname for child in numbering]
    assert tags.index("num") > max(i for i, tag in enumerate(tags) if tag == "abstractNum")


def test_paragraph_text_holds_no_typed_paragraph_numbers() -> None:
    numbered = [p for p in body_paragraphs(rendered()) if num_pr(p)]
    assert numbered
    assert not [text_of(p) for p in numbered if re.match(r"\s*(\d+\.|\([a-z]+\))", text_of(p))]


# --- footnotes ---------------------------------------------------------------------------------


def test_footnotes_part_holds_the_separators_then_the_notes_in_order() -> None:
    notes = xml(rendered(), "word/footnotes.xml").findall("w:footnote", NS)
    assert [(n.get(f"{{{W}}}id"), n.get(f"{{{W}}}type")) for n in notes[:2]] == [
        ("-1", "separator"), ("0", "continuationSeparator")]
    assert [n.get(f"{{{W}}}id") for n in notes[2:]] == ["1", "2", "3"]
    assert [note_text(n) for n in notes[2:]] == [
        "First note: Dubrovnik Action Plan.",
        "Second note, from a table cell.",
        "Third note, see the Monitor and its second paragraph.",
    ]
    third = notes[4].findall("w:p", NS)
    assert len(third) == 2
    assert all(p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "FootnoteText" for p in third)
    assert third[0].find("w:r/w:footnoteRef", NS) is not None


def test_body_references_each_footnote_by_its_number_in_reading_order() -> None:
    document = xml(rendered(), "word/document.xml")
    references = document.findall(".//w:footnoteReference", NS)
    assert [ref.get(f"{{{W}}}id") for ref in references] == ["1", "2", "3"]
    styles = {ref.getparent().xpath("string(w:rPr/w:rStyle/@w:val)", namespaces=NS) for ref in references}
    assert styles == {"FootnoteReference"}


def test_footnote_styles_are_the_references_with_words_names_and_a_superscript_mark() -> None:
    styles = xml(rendered(), "word/styles.xml")
    text = styles.xpath("w:style[@w:styleId='FootnoteText']", namespaces=NS)[0]
    reference = styles.xpath("w:style[@w:styleId='FootnoteReference']", namespaces=NS)[0]
    assert text.xpath("string(w:name/@w:val)", namespaces=NS) == "footnote text"
    assert reference.xpath("string(w:rPr/w:vertAlign/@w:val)", namespaces=NS) == "superscript"


def test_footnotes_part_is_registered_once_with_content_type_and_relationship() -> None:
    data = rendered()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert names.count("word/footnotes.xml") == 1
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert 'relationships/footnotes" Target="footnotes.xml"' in rels
    settings = xml(data, "word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]


# --- runs --------------------------------------------------------------------------------------


def _relationships(data: bytes, part: str) -> dict[str, tuple[str, str, str | None]]:
    rels = xml(data, part)
    return {rel.get("Id"): (rel.get("Type"), rel.get("Target"), rel.get("TargetMode")) for rel in rels}


def test_http_and_mailto_links_become_real_hyperlinks() -> None:
    data = rendered()
    paragraph = paragraph_with(data, "the report, ")
    rels = _relationships(data, "word/_rels/document.xml.rels")
    links = {text_of(h): rels[h.get(f"{{{R}}}id")] for h in paragraph.findall("w:hyperlink", NS)}
    assert links == {
        "the report": (HYPERLINK, "https://example.org/report", "External"),
        "the ISU": (HYPERLINK, "mailto:isu@example.org", "External"),
    }
    assert paragraph.xpath("string(w:hyperlink/w:r/w:rPr/w:rStyle/@w:val)", namespaces=NS) == "Hyperlink"


def test_javascript_and_fragment_links_are_shown_as_plain_text() -> None:
    data = rendered()
    paragraph = paragraph_with(data, "a trap")
    assert "a trap" in text_of(paragraph) and "paragraph 1" in text_of(paragraph)
    assert all(text_of(h) not in ("a trap", "paragraph 1") for h in paragraph.findall("w:hyperlink", NS))
    targets = [target for _, target, _ in _relationships(data, "word/_rels/document.xml.rels").values()]
    assert not [target for target in targets if target.startswith(("javascript", "#"))]


def test_a_link_in_a_footnote_relates_to_the_footnotes_part() -> None:
    data = rendered()
    rels = _relationships(data, "word/_rels/footnotes.xml.rels")
    hyperlink = xml(data, "word/footnotes.xml").find(".//w:hyperlink", NS)
    assert rels[hyperlink.get(f"{{{R}}}id")] == (HYPERLINK, "https://example.org/monitor", "External")


def test_emphasis_nests_and_code_is_monospace() -> None:
    runs = {text_of(r): r for r in paragraph_with(rendered(), "bold italic").findall("w:r", NS)}
    assert runs["bold "].find("w:rPr/w:b", NS) is not None and runs["bold "].find("w:rPr/w:i", NS) is None
    assert runs["bold italic"].find("w:rPr/w:b", NS) is not None
    assert runs["bold italic"].find("w:rPr/w:i", NS) is not None
    assert runs["struck"].find("w:rPr/w:strike", NS) is not None
    assert runs["x = 1"].xpath("string(w:rPr/w:rStyle/@w:val)", namespaces=NS) == "VerbatimChar"
    assert runs["x = 1"].find("w:rPr/w:rFonts", NS) is None  # the look is the style's


def test_raw_html_is_shown_literally_and_breaks_follow_their_kind() -> None:
    paragraph = paragraph_with(rendered(), "not bold")
    assert "<b>not bold</b>\nafter the break after the wrap" in text_of(paragraph)
    assert len(paragraph.findall(".//w:br", NS)) == 1


def test_code_block_is_one_monospace_paragraph_keeping_its_lines() -> None:
    paragraph = paragraph_with(rendered(), "first line")
    assert text_of(paragraph) == "first line\n  second line"
    assert style_of(paragraph) == "SourceCode"


def test_quotation_has_the_quote_style_indented_further_than_a_numbered_paragraph() -> None:
    paragraph = paragraph_with(rendered(), "A quotation")
    assert num_pr(paragraph) is None
    assert style_of(paragraph) == "Quote"
    quote = xml(rendered(), "word/styles.xml").xpath("w:style[@w:styleId='Quote']", namespaces=NS)[0]
    assert int(quote.xpath("string(w:pPr/w:ind/@w:left)", namespaces=NS)) > 567
    assert int(quote.xpath("string(w:pPr/w:ind/@w:right)", namespaces=NS)) > 0


def test_a_footnote_mark_written_after_the_punctuation_stays_after_it() -> None:
    paragraph = paragraph_with(rendered(), "The review covers")
    runs = paragraph.findall("w:r", NS)
    mark = next(i for i, r in enumerate(runs) if r.find("w:footnoteReference", NS) is not None)
    assert text_of(runs[mark - 1]).endswith("action.")
    assert mark == len(runs) - 1


def test_characters_xml_cannot_hold_are_dropped_instead_of_failing() -> None:
    part = PartPlan("introduction", "introduction", "I", "Intro\x0b", "s.md", None,
                    (NumberedItem(1, (Text("bell\x07 and form feed\x0c"),)),))
    data = render(Outline(Masthead(title="T\x01"), (part,), ()))
    assert text_of(paragraph_with(data, "bell")) == "bell and form feed"


# --- package -----------------------------------------------------------------------------------


def test_same_input_and_stamp_give_identical_bytes() -> None:
    assert render(OUTLINE) == render(OUTLINE)


def test_a_different_stamp_gives_different_bytes() -> None:
    assert render(OUTLINE, datetime(2021, 1, 2, tzinfo=UTC)) != rendered()


def test_zip_entries_have_a_fixed_order_date_and_mode() -> None:
    with zipfile.ZipFile(io.BytesIO(rendered())) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert [info.filename for info in infos[2:]] == sorted(info.filename for info in infos[2:])
    assert {info.date_time for info in infos} == {(2020, 4, 30, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_core_properties_come_from_the_masthead_and_the_stamp() -> None:
    properties = docx.Document(io.BytesIO(rendered())).core_properties
    assert properties.title == MASTHEAD.title
    assert properties.subject == MASTHEAD.symbol
    assert properties.author == MASTHEAD.submitted_by
    assert properties.last_modified_by == MASTHEAD.submitted_by
    assert properties.language == "en-GB"
    assert properties.revision == 1
    expected = datetime(2020, 4, 30, 0, 0, 0, tzinfo=UTC)
    assert (properties.created, properties.modified, properties.last_printed) == (expected, expected, expected)
    assert properties.comments == ""


def test_author_falls_back_to_the_body_name() -> None:
    data = render(Outline(Masthead(body="Convention on Cluster Munitions"), (), ()))
    assert docx.Document(io.BytesIO(data)).core_properties.author == "Convention on Cluster Munitions"


def test_the_language_is_set_in_the_properties_the_styles_and_the_settings() -> None:
    data = rendered()
    assert xml(data, "word/styles.xml").xpath("string(w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val)",
                                              namespaces=NS) == "en-GB"
    assert xml(data, "word/settings.xml").xpath("string(w:themeFontLang/@w:val)", namespaces=NS) == "en-GB"
    french = render(Outline(Masthead(language="fr"), (), ()))
    assert docx.Document(io.BytesIO(french)).core_properties.language == "fr-FR"


def test_stale_template_parts_are_dropped() -> None:
    with zipfile.ZipFile(io.BytesIO(rendered())) as archive:
        names = archive.namelist()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        app = archive.read("docProps/app.xml").decode()
    assert "stylesWithEffects" not in rels
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names
    assert not [name for name in names if name.startswith("customXml/")]
    assert "<Application>ccm-review</Application>" in app
    assert not re.search(r"<(Words|Pages|Characters|Lines|Paragraphs|TotalTime|Template)>", app)


def test_every_list_in_numbering_xml_is_used() -> None:
    data = rendered()
    numbering = xml(data, "word/numbering.xml")
    used = set(xml(data, "word/document.xml").xpath("//w:numId/@w:val", namespaces=NS))
    used |= set(xml(data, "word/styles.xml").xpath("//w:numId/@w:val", namespaces=NS))
    assert set(numbering.xpath("w:num/@w:numId", namespaces=NS)) == used
    assert len(numbering.findall("w:abstractNum", NS)) == 2


def test_page_is_a4_portrait_with_the_reference_margins_of_2_5_cm() -> None:
    section = xml(rendered(), "word/document.xml").find("w:body/w:sectPr", NS)
    size = section.find("w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11906", "16838")
    margins = section.find("w:pgMar", NS)
    assert {margins.get(f"{{{W}}}{side}") for side in ("top", "bottom", "left", "right")} == {"1417"}


def _header_footer(data: bytes) -> dict[str, etree._Element]:
    """Return the section's header and footer parts by kind, e.g. "header default", "footer first"."""
    section = xml(data, "word/document.xml").find("w:body/w:sectPr", NS)
    rels = _relationships(data, "word/_rels/document.xml.rels")
    found = {}
    for reference in section.findall("w:headerReference", NS) + section.findall("w:footerReference", NS):
        kind = etree.QName(reference).localname.replace("Reference", "")
        target = rels[reference.get(f"{{{R}}}id")][1]
        found[f"{kind} {reference.get(f'{{{W}}}type')}"] = xml(data, f"word/{target}")
    return found


def _side(part: etree._Element) -> str:
    return str(part.xpath("string(w:p/w:pPr/w:jc/@w:val)", namespaces=NS))


def test_pages_after_the_first_carry_the_symbol_at_the_top_and_the_page_number_at_the_foot() -> None:
    data = rendered()
    parts = _header_footer(data)
    assert sorted(parts) == ["footer default", "footer even", "footer first", "header default", "header even",
                             "header first"]
    assert xml(data, "word/document.xml").find("w:body/w:sectPr/w:titlePg", NS) is not None
    assert xml(data, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    for page in ("default", "even"):
        assert text_of(parts[f"header {page}"]) == "CCM/CONF/2020/PM.1/2"
        assert style_of(parts[f"header {page}"].find("w:p", NS)) == "Header"
        assert "PAGE" in "".join(parts[f"footer {page}"].xpath("//w:instrText/text()", namespaces=NS))
        assert style_of(parts[f"footer {page}"].find("w:p", NS)) == "Footer"
    # On the outer edge: right on odd pages (Word's "default"), left on even ones.
    assert [_side(parts[name]) for name in ("header default", "footer default", "header even", "footer even")] == [
        "right", "right", "left", "left"]
    # The first page has the masthead: no running header, no number (and no job number unless given).
    assert text_of(parts["header first"]) == text_of(parts["footer first"]) == ""


def test_page_one_has_the_job_number_and_a_draft_says_so_on_every_page() -> None:
    masthead = replace(MASTHEAD, job_number="GE.20-06123(E)")
    parts = _header_footer(render(replace(OUTLINE, masthead=masthead, draft=True)))
    assert text_of(parts["footer first"]) == "GE.20-06123(E)" and _side(parts["footer first"]) == "left"
    assert text_of(parts["header first"]) == "Draft"
    assert text_of(parts["header default"]) == "Draft  CCM/CONF/2020/PM.1/2"
    assert text_of(parts["header even"]) == "CCM/CONF/2020/PM.1/2  Draft"
    final = _header_footer(render(OUTLINE))
    assert not any("Draft" in text_of(part) for part in final.values())


def test_chapter_titles_start_at_one_line_whatever_the_numeral() -> None:
    data = rendered()
    level = xml(data, "word/numbering.xml").xpath(
        "//w:abstractNum[w:lvl[@w:ilvl='0']/w:pStyle/@w:val='Heading1']/w:lvl[@w:ilvl='0']/w:pPr/w:ind",
        namespaces=NS)[0]
    style = xml(data, "word/styles.xml").xpath("//w:style[@w:styleId='Heading1']/w:pPr/w:ind", namespaces=NS)[0]
    # The style's indent wins over the list's in Word: both give the chapter numeral room for "XVIII.".
    for ind in (level, style):
        assert ind.get(f"{{{W}}}left") == ind.get(f"{{{W}}}hanging") == "1021"


def test_the_document_ends_with_a_short_centred_rule() -> None:
    last = body_paragraphs(rendered())[-1]
    assert text_of(last) == ""
    assert last.find("w:pPr/w:pBdr/w:bottom", NS) is not None
    ind = last.find("w:pPr/w:ind", NS)
    assert ind is not None and ind.get(f"{{{W}}}left") == ind.get(f"{{{W}}}right") and int(ind.get(f"{{{W}}}left")) > 0


def test_style_lookup_ignores_case() -> None:
    book = StyleBook(docx.Document(str(REFERENCE)), REFERENCE)
    assert book.id("heading 1") == book.id("HEADING 1") == "Heading1"
    assert book.id("footnote text") == book.id("Footnote Text") == "FootnoteText"
    assert book.id("table grid") == "TableGrid"


def test_a_reference_document_gives_its_page_but_not_its_sample_text(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    reference.write_bytes(rendered())  # a document that already has footnotes, lists, headers and content
    data = render(Outline(MASTHEAD, (UNIVERSALIZATION,), NOTES), reference=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert names.count("word/footnotes.xml") == 1
    assert "The review covers" not in text_of(xml(data, "word/document.xml"))
    notes = xml(data, "word/footnotes.xml").findall("w:footnote", NS)
    assert [n.get(f"{{{W}}}id") for n in notes] == ["-1", "0", "1", "2", "3"]
    # The sample's links, lists and headers are gone with its text; ours replace them.
    assert HYPERLINK not in {kind for kind, _, _ in _relationships(data, "word/_rels/document.xml.rels").values()}
    assert len(xml(data, "word/numbering.xml").findall("w:abstractNum", NS)) == 2
    parts = _header_footer(data)
    assert len([name for name in names if re.fullmatch(r"word/(header|footer)\d+\.xml", name)]) == len(parts) == 6
    assert "".join(parts["footer default"].xpath("//w:instrText/text()", namespaces=NS)).count("PAGE") == 1
    assert [label for style, label, _ in _headings(data)] == ["I.", "A."]


def _copy_reference(target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy the shipped reference to `target`: members mapped to bytes are replaced, to None dropped."""
    with zipfile.ZipFile(REFERENCE) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            replacement = change.get(info.filename, old.read(info.filename))
            if replacement is not None:
                new.writestr(info, replacement)
    return target


def test_a_reference_without_a_numbering_part_gets_one(tmp_path: Path) -> None:
    with zipfile.ZipFile(REFERENCE) as archive:
        rels = archive.read("word/_rels/document.xml.rels")
    rels = re.sub(rb'<Relationship [^>]*Target="numbering.xml"/>', b"", rels)
    reference = _copy_reference(tmp_path / "reference.docx",
                                {"word/numbering.xml": None, "word/_rels/document.xml.rels": rels})
    data = render(OUTLINE, reference=reference)
    assert [label for _, label, _ in _headings(data)] == ["I.", "A.", "1.", "(a)", "II.", "A."]


def test_a_reference_asking_for_even_page_headers_already_gets_them_once(tmp_path: Path) -> None:
    with zipfile.ZipFile(REFERENCE) as archive:
        settings = archive.read("word/settings.xml")
    settings = settings.replace(b"<w:defaultTabStop", b"<w:evenAndOddHeaders/><w:defaultTabStop")
    reference = _copy_reference(tmp_path / "reference.docx", {"word/settings.xml": settings})
    data = render(OUTLINE, reference=reference)
    assert len(xml(data, "word/settings.xml").findall("w:evenAndOddHeaders", NS)) == 1


# --- the reference document: refused when it is not a usable Word document ------------------------


def test_the_shipped_reference_is_what_the_script_makes_and_has_every_style(tmp_path: Path) -> None:
    out = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make-reference-docx.py"), str(out)],
                   check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == REFERENCE.read_bytes()
    with zipfile.ZipFile(out) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        names = archive.namelist()
    found = {style.xpath("string(w:name/@w:val)", namespaces=NS).casefold() for style in styles.findall("w:style", NS)}
    assert {name.casefold() for name, _ in REQUIRED_STYLES} <= found
    assert not [name for name in names if "stylesWithEffects" in name or name.startswith("customXml")]
    # A sober look: Times New Roman 10 pt, black.
    assert styles.xpath("string(w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == \
        "Times New Roman"
    assert styles.xpath("string(w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val)", namespaces=NS) == "20"
    assert not styles.xpath("//w:color[@w:val!='auto' and @w:val!='000000']", namespaces=NS)


def _rewrite(source: Path, target: Path, part: str, change: Any) -> Path:
    """Copy the .docx `source` to `target` with zip member `part` passed through `change`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data) if info.filename == part else data)
    return target


def _drop_style(name: str) -> Any:
    return lambda data: re.sub(rb'<w:style [^>]*>\s*<w:name w:val="' + re.escape(name.encode()) + rb'"/>.*?</w:style>',
                               b"", data, flags=re.S)


def _render(reference: Path) -> bytes:
    project = REPO
    result = api.check(project)
    return render_docx(make_outline(result.document, result.spec), build_time(""), reference)


def _refused(reference: Path) -> str:
    with pytest.raises(TemplateError) as caught:
        _render(reference)
    assert caught.value.exit_code == 2
    message = caught.value.format_message()
    assert str(reference) in message
    return message


def test_a_reference_lacking_styles_is_refused_naming_each_of_them(tmp_path: Path) -> None:
    reference = _rewrite(REFERENCE, tmp_path / "reference.docx", "word/styles.xml",
                         lambda data: _drop_style("Table Note")(_drop_style("heading 2")(data)))
    message = _refused(reference)
    assert '"Heading 2" (paragraph style) is missing' in message
    assert '"Table Note" (paragraph style) is missing' in message


def test_a_style_of_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    reference = _rewrite(REFERENCE, tmp_path / "reference.docx", "word/styles.xml",
                         lambda data: data.replace(b'w:type="paragraph" w:styleId="Caption"',
                                                   b'w:type="character" w:styleId="Caption"'))
    assert '"Caption" is a character style, a paragraph style is needed' in _refused(reference)


def test_style_names_are_matched_without_regard_to_case(tmp_path: Path) -> None:
    upper = _rewrite(REFERENCE, tmp_path / "reference.docx", "word/styles.xml",
                     lambda data: re.sub(rb'(<w:name w:val=")([^"]+)"', lambda m: m[1] + m[2].upper() + b'"', data))
    parts = ("word/document.xml", "word/numbering.xml", "word/footnotes.xml")
    with zipfile.ZipFile(io.BytesIO(_render(upper))) as found, \
            zipfile.ZipFile(io.BytesIO(_render(REFERENCE))) as expected:
        assert [found.read(part) for part in parts] == [expected.read(part) for part in parts]


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "not a zip archive"),
    (b"This is a text file, not a document.\n", "not a zip archive"),
    (None, "cannot be read"),
])
def test_a_reference_that_is_no_zip_is_refused(tmp_path: Path, content: bytes | None, reason: str) -> None:
    reference = tmp_path / "reference.docx"
    if content is not None:
        reference.write_bytes(content)
    assert reason in _refused(reference)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_spreadsheet_is_refused_as_one(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    reference.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))
    assert "a spreadsheet (.xlsx), not a Word document" in _refused(reference)


def test_a_zip_without_a_word_document_is_refused(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    reference.write_bytes(_zip({"readme.txt": b"hello"}))
    assert "the zip has no word/document.xml" in _refused(reference)


def test_a_reference_with_broken_xml_is_refused(tmp_path: Path) -> None:
    reference = _rewrite(REFERENCE, tmp_path / "reference.docx", "word/styles.xml",
                         lambda data: data[: len(data) // 2])
    assert "not a usable Word document" in _refused(reference)


def test_a_truncated_or_damaged_reference_is_refused_wherever_it_breaks(tmp_path: Path) -> None:
    data = REFERENCE.read_bytes()
    reference = tmp_path / "reference.docx"
    for cut in (10, 100, len(data) // 3, len(data) // 2, len(data) - 30):
        reference.write_bytes(data[:cut])
        _refused(reference)
    for position in range(200, len(data) - 200, len(data) // 7):  # a flipped byte inside a compressed entry
        reference.write_bytes(data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1:])
        with contextlib.suppress(TemplateError):  # refused or not, no other exception may escape
            _render(reference)


def test_the_build_with_a_bad_reference_exits_2_naming_it_and_writes_nothing(project: Path) -> None:
    (project / "templates" / "reference.docx").write_bytes(b"not a docx")
    result = invoke("build", "--project", project)
    assert result.exit_code == 2
    assert "reference.docx" in result.stderr and "not a zip archive" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (project / "build").exists()


# --- the shipped project -----------------------------------------------------------------------


@cache
def shipped() -> tuple[Outline, bytes]:
    """Return the outline of the shipped project and its DOCX."""
    from ccm_review.load.sections import load_document
    from ccm_review.spec.template import load_spec

    document, _findings = load_document(REPO)
    outline = make_outline(document, load_spec(REPO))
    return outline, render(outline)


_Item = TypeVar("_Item")


def _items(outline: Outline, kind: type[_Item]) -> list[_Item]:
    return [item for part in outline.parts for item in part.items if isinstance(item, kind)]


def test_shipped_document_has_one_numbered_paragraph_per_numbered_item() -> None:
    outline, data = shipped()
    numbered = [p for p in body_paragraphs(data) if (found := num_pr(p)) and found[1] == "0"]
    items = _items(outline, NumberedItem)
    assert items and [item.number for item in items] == list(range(1, len(items) + 1))
    assert len(numbered) == len(items)
    assert [" ".join(text_of(p).split()) for p in numbered] == [" ".join(printed_text(i.runs).split()) for i in items]


def test_shipped_document_has_every_note_as_a_footnote_in_order() -> None:
    outline, data = shipped()
    notes = xml(data, "word/footnotes.xml").xpath("w:footnote[not(@w:type)]", namespaces=NS)
    assert len(notes) == len(outline.notes) > 0
    assert [note_text(n) for n in notes] == [
        " ".join(" ".join(printed_text(runs) for runs in note.paragraphs).split()) for note in outline.notes]
    references = xml(data, "word/document.xml").xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert references == [str(note.number) for note in outline.notes]


def test_shipped_document_has_a_table_per_indicator_table() -> None:
    outline, data = shipped()
    captions = [_caption_lines(p) for p in body_paragraphs(data) if style_of(p) == "Caption"]
    # A chart's caption follows its part's table; each is its label, a line break, its title.
    shown = [shown for part in outline.parts for shown in ([part.table] if part.table else []) + list(part.charts)]
    assert any(isinstance(one, Chart) for one in shown)
    assert captions == [[(one.label, "plain"), ("\n", "style"), (one.title, "style")] for one in shown]


def test_shipped_document_has_every_table_note_under_its_table() -> None:
    outline, data = shipped()
    notes = [" ".join(text_of(p).split()) for p in body_paragraphs(data) if style_of(p) == "TableNote"]
    expected = [" ".join(f"{note.letter} {printed_text(note.paragraphs[0])}".split())
                for part in outline.parts if part.table for note in part.table.notes]
    assert expected and notes == expected


def test_shipped_document_headings_are_numbered_by_word_as_the_outline_labels_them() -> None:
    outline, data = shipped()
    expected = []
    for part in outline.parts:
        expected.append(("Heading1", f"{part.numeral}.", part.title))
        expected += [(f"Heading{item.depth + 1}", item.label, printed_text(item.runs))
                     for item in part.items if isinstance(item, HeadingItem)]
    assert _headings(data) == expected


def test_shipped_document_paragraphs_are_numbered_by_word_as_the_outline_numbers_them() -> None:
    outline, data = shipped()
    numbers = [label for style, label, _ in word_labels(data) if re.fullmatch(r"\d+\.", label)
               and not style.startswith("Heading")]
    assert numbers == [f"{item.number}." for item in _items(outline, NumberedItem)]
    subs = [label for style, label, _ in word_labels(data) if label.startswith("(") and not style.startswith("Heading")]
    assert subs == [item.label for item in _items(outline, SubItem) if item.depth < 3]


# --- read back by an independent program -------------------------------------------------------


def _words(text: str, count: int = 8) -> str:
    return " ".join(text.split()[:count])


@pytest.mark.external
def test_pandoc_reads_every_numbered_paragraph_and_note_in_order(tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    outline, data = shipped()
    path = tmp_path / "review-document.docx"
    path.write_bytes(data)
    result = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
                            capture_output=True, text=True, check=True, timeout=60)
    # Footnote markers ("all,[1] follow") would split the words compared.
    plain = " ".join(re.sub(r"\[\d+\]", "", result.stdout).split())
    position = 0
    for item in _items(outline, NumberedItem):
        needle = f"{item.number}. {_words(printed_text(item.runs))}"
        found = plain.find(needle, position)
        assert found >= 0, f"paragraph {item.number} not read back in order: {needle!r}"
        position = found + len(needle)
    for note in outline.notes:
        needle = _words(" ".join(printed_text(runs) for runs in note.paragraphs))
        found = plain.find(needle, position)
        assert found >= 0, f"note {note.number} not read back in order: {needle!r}"
        position = found + len(needle)
