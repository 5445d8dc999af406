"""The DOCX renderer: what a reader of the Word document finds in it, checked in its XML."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import docx
import pytest
from lxml import etree

from ccm_review.model import Code, LineBreak, Link, Location, Masthead, RawHtml, Styled, Text
from ccm_review.outline import (
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
)
from ccm_review.render.docx import render_docx
from ccm_review.render.docx_styles import StyleBook
from ccm_review.text import inline_text
from tests.conftest import require_tool

PROJECT = Path(__file__).parents[1]
STAMP = datetime(2020, 4, 30, tzinfo=UTC)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
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
    GridItem(((Text("Year"),), (Text("States Parties"),)), (((Text("2019"),), (Text("106"),)),)),
))

TABLE = IndicatorTable(1, "Action 1: Universalization", (
    TableColumn("ref", "DAP action", 22),
    TableColumn("indicator", "Indicator", 26),
    TableColumn("baseline", "1RC (2015)", 18),
    TableColumn("current", "2RC (2020)", 18),
    TableColumn("assessment", "Assessment", 16),
), (
    ((Text("1.1 Increase adherence"),), (Text("States Parties"), NoteMark(2)), (Text("92"),), (Text("110"),),
     (Text("Partially achieved"),)),
    ((Text("1.2 Promote the norms"),), (Text("Votes"),), (), (Text("144 in favour"),), (Text("Not assessed"),)),
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


@cache
def rendered(outline: Outline = OUTLINE, stamp: datetime = STAMP) -> bytes:
    """Return the DOCX of `outline` (rendered once per test session)."""
    return render_docx(outline, stamp)


def xml(data: bytes, name: str) -> etree._Element:
    """Return zip member `name` of `data`, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def body_paragraphs(data: bytes) -> list[etree._Element]:
    """Return the top-level paragraphs of the body, in order."""
    return xml(data, "word/document.xml").findall("w:body/w:p", NS)


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
        "I. Introduction",
    ]
    assert texts[:len(expected)] == expected


def test_masthead_agenda_title_is_bold_and_document_title_uses_the_title_style() -> None:
    agenda = paragraph_with(rendered(), "Consideration of the draft")
    assert agenda.find("w:r/w:rPr/w:b", NS) is not None
    assert style_of(paragraph_with(rendered(), "Review Document of the Dubrovnik")) == "Title"


def test_empty_masthead_fields_are_left_out() -> None:
    bare = Masthead(body="Convention on Cluster Munitions", symbol="CCM/X/1", date="2020-04-30", title="Title",
                    distribution="", agenda_item="", place="Geneva")
    data = render_docx(Outline(bare, (), ()), STAMP)
    texts = [text_of(p) for p in body_paragraphs(data)]
    assert texts == ["Convention on Cluster Munitions\tCCM/X/1", "30 April 2020", "Original: English", "Geneva",
                     "Title"]


# --- parts, headings, tables -------------------------------------------------------------------


def test_each_part_starts_with_a_heading_1_numbered_in_roman() -> None:
    headings = [text_of(p) for p in body_paragraphs(rendered()) if style_of(p) == "Heading1"]
    assert headings == ["I. Introduction", "II. Universalization"]


def test_narrative_headings_carry_their_labels_at_levels_two_to_four() -> None:
    found = {text_of(p): style_of(p) for p in body_paragraphs(rendered()) if (style_of(p) or "").startswith("Heading")}
    assert found["A. Mandate"] == "Heading2"
    assert found["1. Scope"] == "Heading3"
    assert found["(a) Detail"] == "Heading4"


def test_table_caption_in_caption_style_comes_right_before_the_table() -> None:
    body = xml(rendered(), "word/document.xml").find("w:body", NS)
    children = list(body)
    caption = next(i for i, child in enumerate(children) if text_of(child) == "Table 1. Action 1: Universalization")
    assert style_of(children[caption]) == "Caption"
    assert children[caption].find("w:pPr/w:keepNext", NS) is not None
    assert children[caption + 1].tag == f"{{{W}}}tbl"


def indicator_table(data: bytes) -> etree._Element:
    """Return the table that follows the caption "Table 1. ..."."""
    caption = paragraph_with(data, "Table 1. Action 1")
    table = caption.getnext()
    assert table.tag == f"{{{W}}}tbl"
    return table


def test_table_header_row_repeats_on_each_page_and_no_row_splits() -> None:
    table = indicator_table(rendered())
    rows = table.findall("w:tr", NS)
    assert [text_of(cell) for cell in rows[0].findall("w:tc", NS)] == [
        "DAP action", "Indicator", "1RC (2015)", "2RC (2020)", "Assessment"]
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    assert all(run.find("w:rPr/w:b", NS) is not None for run in rows[0].iter(f"{{{W}}}r"))
    assert table.xpath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=NS) == "TableGrid"


def test_table_columns_share_the_text_width_in_the_template_proportions() -> None:
    table = indicator_table(rendered())
    widths = [int(col.get(f"{{{W}}}w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == 11906 - 2 * 1417  # A4 minus two 2.5 cm margins, in twips
    assert widths[1] > widths[0] > widths[2] == widths[3] > widths[4]
    cell_widths = [int(tc.xpath("string(w:tcPr/w:tcW/@w:w)", namespaces=NS))
                   for tc in table.findall("w:tr[1]/w:tc", NS)]
    assert cell_widths == widths


def test_narrative_grid_is_a_table_grid_with_a_bold_header() -> None:
    tables = xml(rendered(), "word/document.xml").findall("w:body/w:tbl", NS)
    grid = next(table for table in tables if "States Parties" in text_of(table.find("w:tr", NS)))
    assert grid.xpath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=NS) == "TableGrid"
    assert grid.find("w:tr/w:tc/w:p/w:r/w:rPr/w:b", NS) is not None
    assert text_of(grid.findall("w:tr", NS)[1]) == "2019106"


# --- numbering ---------------------------------------------------------------------------------


def test_numbered_paragraphs_are_one_word_list_at_level_zero() -> None:
    numbered = [p for p in body_paragraphs(rendered()) if num_pr(p) and num_pr(p)[1] == "0"]
    assert [text_of(p)[:12] for p in numbered] == [
        "The review c", "It draws on ", "the report, ", "bold bold it", "Adherence gr"]
    assert len({num_pr(p)[0] for p in numbered}) == 1


def test_sub_paragraphs_use_the_same_list_at_levels_one_two_and_a_bullet_level() -> None:
    data = rendered()
    main = num_pr(paragraph_with(data, "The review covers"))[0]
    assert num_pr(paragraph_with(data, "transparency reports;")) == (main, "1")
    assert num_pr(paragraph_with(data, "initial reports;")) == (main, "2")
    assert num_pr(paragraph_with(data, "a point under annual")) == (main, "3")
    assert num_pr(paragraph_with(data, "statements.")) == (main, "1")


def test_a_second_list_under_one_paragraph_keeps_its_own_label() -> None:
    # Word would continue (c) here; the outline (and the HTML) say (a).
    paragraph = paragraph_with(rendered(), "a second list under")
    assert num_pr(paragraph) is None
    assert text_of(paragraph).startswith("(a)\t")


def test_numbering_definition_has_decimal_letter_roman_and_bullet_levels() -> None:
    data = rendered()
    num_id = num_pr(paragraph_with(data, "The review covers"))[0]
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


def test_footnote_styles_are_added_with_words_names_and_a_superscript_mark() -> None:
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
    assert runs["x = 1"].xpath("string(w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Courier New"


def test_raw_html_is_shown_literally_and_breaks_follow_their_kind() -> None:
    paragraph = paragraph_with(rendered(), "not bold")
    assert "<b>not bold</b>\nafter the break after the wrap" in text_of(paragraph)
    assert len(paragraph.findall(".//w:br", NS)) == 1


def test_code_block_is_one_monospace_paragraph_keeping_its_lines() -> None:
    paragraph = paragraph_with(rendered(), "first line")
    assert text_of(paragraph) == "first line\n  second line"
    assert paragraph.xpath("string(w:r/w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Courier New"


def test_quotation_is_indented_further_than_a_numbered_paragraph() -> None:
    paragraph = paragraph_with(rendered(), "A quotation")
    assert num_pr(paragraph) is None
    assert int(paragraph.xpath("string(w:pPr/w:ind/@w:left)", namespaces=NS)) > 567
    assert int(paragraph.xpath("string(w:pPr/w:ind/@w:right)", namespaces=NS)) > 0


def test_characters_xml_cannot_hold_are_dropped_instead_of_failing() -> None:
    part = PartPlan("introduction", "introduction", "I", "Intro\x0b", "s.md", None,
                    (NumberedItem(1, (Text("bell\x07 and form feed\x0c"),)),))
    data = render_docx(Outline(Masthead(title="T\x01"), (part,), ()), STAMP)
    assert text_of(paragraph_with(data, "bell")) == "bell and form feed"


# --- package -----------------------------------------------------------------------------------


def test_same_input_and_stamp_give_identical_bytes() -> None:
    assert render_docx(OUTLINE, STAMP) == render_docx(OUTLINE, STAMP)


def test_a_different_stamp_gives_different_bytes() -> None:
    assert render_docx(OUTLINE, datetime(2021, 1, 2, tzinfo=UTC)) != rendered()


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
    assert properties.language == "en"
    assert properties.revision == 1
    expected = datetime(2020, 4, 30, 0, 0, 0, tzinfo=UTC)
    assert (properties.created, properties.modified, properties.last_printed) == (expected, expected, expected)
    assert properties.comments == ""


def test_author_falls_back_to_the_body_name() -> None:
    data = render_docx(Outline(Masthead(body="Convention on Cluster Munitions"), (), ()), STAMP)
    assert docx.Document(io.BytesIO(data)).core_properties.author == "Convention on Cluster Munitions"


def test_stale_template_parts_are_dropped() -> None:
    with zipfile.ZipFile(io.BytesIO(rendered())) as archive:
        names = archive.namelist()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "stylesWithEffects" not in rels
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names


def test_page_is_a4_portrait_with_2_5_cm_margins_and_a_page_number() -> None:
    data = rendered()
    section = xml(data, "word/document.xml").find("w:body/w:sectPr", NS)
    size = section.find("w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11906", "16838")
    margins = section.find("w:pgMar", NS)
    assert {margins.get(f"{{{W}}}{side}") for side in ("top", "bottom", "left", "right")} == {"1417"}
    footer = xml(data, "word/footer1.xml")
    assert "PAGE" in "".join(footer.xpath("//w:instrText/text()", namespaces=NS))


def test_style_lookup_ignores_case() -> None:
    book = StyleBook(docx.Document())
    assert book.find("heading 1") is book.find("HEADING 1") is not None
    assert book.paragraph("caption") is not None
    assert book.paragraph("Table Grid") is None  # a table style is not a paragraph style
    assert book.find("no such style") is None


def test_a_reference_document_gives_its_page_but_not_its_sample_text(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    reference.write_bytes(rendered())  # a document that already has footnotes and content
    data = render_docx(Outline(MASTHEAD, (UNIVERSALIZATION,), NOTES), STAMP, reference=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist().count("word/footnotes.xml") == 1
    assert "The review covers" not in text_of(xml(data, "word/document.xml"))
    notes = xml(data, "word/footnotes.xml").findall("w:footnote", NS)
    assert [n.get(f"{{{W}}}id") for n in notes] == ["-1", "0", "1", "2", "3"]
    # The sample's links are gone with its text; its footer (with a PAGE field) is kept as it is.
    assert HYPERLINK not in {kind for kind, _, _ in _relationships(data, "word/_rels/document.xml.rels").values()}
    footer = xml(data, "word/footer1.xml")
    assert "".join(footer.xpath("//w:instrText/text()", namespaces=NS)).count("PAGE") == 1


# --- the shipped project -----------------------------------------------------------------------


@cache
def shipped() -> tuple[Outline, bytes]:
    """Return the outline of the shipped project and its DOCX."""
    from ccm_review.load.sections import load_document
    from ccm_review.outline import make_outline
    from ccm_review.spec import load_spec

    document, _findings = load_document(PROJECT)
    outline = make_outline(document, load_spec(PROJECT))
    return outline, render_docx(outline, STAMP)


def _items(outline: Outline, kind: type) -> list:
    return [item for part in outline.parts for item in part.items if isinstance(item, kind)]


def test_shipped_document_has_one_numbered_paragraph_per_numbered_item() -> None:
    outline, data = shipped()
    numbered = [p for p in body_paragraphs(data) if num_pr(p) and num_pr(p)[1] == "0"]
    items = _items(outline, NumberedItem)
    assert items and [item.number for item in items] == list(range(1, len(items) + 1))
    assert len(numbered) == len(items)
    assert [" ".join(text_of(p).split()) for p in numbered] == [" ".join(inline_text(i.runs).split()) for i in items]


def test_shipped_document_has_every_note_as_a_footnote_in_order() -> None:
    outline, data = shipped()
    notes = xml(data, "word/footnotes.xml").xpath("w:footnote[not(@w:type)]", namespaces=NS)
    assert len(notes) == len(outline.notes) > 0
    assert [note_text(n) for n in notes] == [
        " ".join(" ".join(inline_text(runs) for runs in note.paragraphs).split()) for note in outline.notes]
    references = xml(data, "word/document.xml").xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert references == [str(note.number) for note in outline.notes]


def test_shipped_document_has_a_table_per_indicator_table() -> None:
    outline, data = shipped()
    captions = [text_of(p) for p in body_paragraphs(data) if style_of(p) == "Caption"]
    assert captions == [part.table.caption for part in outline.parts if part.table]


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
        needle = f"{item.number}. {_words(inline_text(item.runs))}"
        found = plain.find(needle, position)
        assert found >= 0, f"paragraph {item.number} not read back in order: {needle!r}"
        position = found + len(needle)
    for note in outline.notes:
        needle = _words(" ".join(inline_text(runs) for runs in note.paragraphs))
        found = plain.find(needle, position)
        assert found >= 0, f"note {note.number} not read back in order: {needle!r}"
        position = found + len(needle)
