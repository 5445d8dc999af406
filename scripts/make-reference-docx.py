#!/usr/bin/env python3
"""Write templates/reference.docx: the styles of the Review Document, in a sober UN look.

Starts from python-docx's default document, replaces its styles with the ones the renderer
needs (and Word's three defaults), sets an A4 page with 2.5 cm margins, and saves with fixed
dates and zip entry times, so that running it twice gives the same bytes.

    .venv/bin/python scripts/make-reference-docx.py [OUT]     (default: templates/reference.docx)

The ISU may instead restyle templates/reference.docx in Word (docs/reference-docx.md); this
script is for starting again from a clean, known state.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ccm_review.render.docx.package import A4_HEIGHT, A4_WIDTH, drop_stale_parts, stable_bytes, write_app_properties
from ccm_review.render.docx.styles import REQUIRED_STYLES

REPO = Path(__file__).resolve().parents[1]
STAMP = datetime(2020, 1, 1, tzinfo=UTC)
MARGIN = 1417  # twips: 2.5 cm
TEXT_WIDTH = A4_WIDTH - 2 * MARGIN
LANGUAGE = "en-GB"
SERIF = "Times New Roman"
MONO = "Courier New"

# Word's defaults: every document has them, and Word adds them back when they are missing.
_DEFAULTS = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
)


def _paragraph(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = "Normal",
               next_id: str = "", custom: bool = False, priority: int = 0) -> str:
    """Return a paragraph style; Word's built-in names (lower case for some) keep Word's ids."""
    return _style("paragraph", style_id, name, ppr, rpr, based_on, next_id, custom, priority)


def _character(style_id: str, name: str, rpr: str, custom: bool = False, priority: int = 0) -> str:
    return _style("character", style_id, name, "", rpr, "DefaultParagraphFont", "", custom, priority)


def _style(kind: str, style_id: str, name: str, ppr: str, rpr: str, based_on: str, next_id: str,
           custom: bool, priority: int) -> str:
    custom_attr = ' w:customStyle="1"' if custom else ""
    default = ' w:default="1"' if style_id == "Normal" else ""
    parts = [f'<w:style w:type="{kind}"{default}{custom_attr} w:styleId="{style_id}"><w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    if priority:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def _size(points: float) -> str:
    half = int(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


_BOLD = "<w:b/><w:bCs/>"
_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'


def _styles() -> list[str]:
    """Every style the renderer asks for, by Word's names (docs/reference-docx.md lists them)."""
    heading = '<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}" w:line="240" ' \
              'w:lineRule="auto"/><w:ind w:left="567" w:hanging="567"/><w:jc w:val="left"/>' \
              '<w:outlineLvl w:val="{level}"/>'
    return [
        # Body: Times New Roman 10 pt on 12 pt lines, 6 pt after, justified, as UN documents.
        _paragraph("Normal", "Normal", '<w:spacing w:after="120" w:line="240" w:lineRule="exact"/><w:jc w:val="both"/>',
                   based_on=""),
        _paragraph("Title", "Title", '<w:keepNext/><w:spacing w:before="360" w:after="240" w:line="240" '
                   'w:lineRule="auto"/><w:jc w:val="left"/>', _BOLD + _size(14), next_id="Normal", priority=10),
        _paragraph("Heading1", "heading 1", heading.format(before=360, after=240, level=0), _BOLD + _size(12),
                   next_id="Normal", priority=9),
        _paragraph("Heading2", "heading 2", heading.format(before=240, after=120, level=1), _BOLD + _size(10),
                   next_id="Normal", priority=9),
        _paragraph("Heading3", "heading 3", heading.format(before=240, after=120, level=2), _BOLD + _size(10),
                   next_id="Normal", priority=9),
        _paragraph("Heading4", "heading 4", heading.format(before=120, after=120, level=3),
                   _BOLD + "<w:i/><w:iCs/>" + _size(10), next_id="Normal", priority=9),
        _paragraph("Caption", "caption", '<w:keepNext/><w:spacing w:before="240" w:after="120" w:line="240" '
                   'w:lineRule="auto"/><w:jc w:val="left"/>', _BOLD, next_id="Normal", priority=35),
        _paragraph("ListParagraph", "List Paragraph", "", priority=34),
        _paragraph("Quote", "Quote", '<w:ind w:left="1134" w:right="567"/>', next_id="Normal", priority=29),
        _paragraph("SourceCode", "Source Code", '<w:keepLines/>' + _SINGLE.replace('w:after="0"', 'w:after="120"')
                   + '<w:ind w:left="567"/><w:jc w:val="left"/>', f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" '
                   f'w:cs="{MONO}"/>' + _size(9), custom=True),
        _paragraph("TableText", "Table Text", '<w:spacing w:before="40" w:after="40" w:line="240" '
                   'w:lineRule="auto"/><w:jc w:val="left"/>', _size(9), custom=True),
        _paragraph("TableHeading", "Table Heading", "<w:keepNext/>", _BOLD, based_on="TableText", custom=True),
        # Table notes: the letter hangs, the note text aligns; 4 pt above the first note only.
        _paragraph("TableNote", "Table Note", '<w:spacing w:before="80" w:after="0" w:line="240" '
                   'w:lineRule="auto"/><w:ind w:left="284" w:hanging="284"/><w:contextualSpacing/>'
                   '<w:jc w:val="left"/>', _size(9), custom=True),
        _paragraph("FootnoteText", "footnote text", _SINGLE.replace('w:after="0"', 'w:after="40"')
                   + '<w:jc w:val="left"/>', _size(9), priority=99),
        _character("FootnoteReference", "footnote reference", '<w:vertAlign w:val="superscript"/>', priority=99),
        _character("Hyperlink", "Hyperlink", '<w:u w:val="single"/>', priority=99),
        _character("VerbatimChar", "Verbatim Char",
                   f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' + _size(9), custom=True),
        _paragraph("Header", "header", '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="auto"/>'
                   '</w:pBdr>' + _SINGLE + '<w:jc w:val="left"/>', _BOLD + _size(9), priority=99),
        _paragraph("Footer", "footer", _SINGLE + '<w:jc w:val="center"/>', _size(9), priority=99),
        # The masthead: top line (body name, symbol at the right margin, a rule), distribution
        # block at three fifths of the line, meeting lines regular or bold.
        _paragraph("MastheadTop", "Masthead Top", f'<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="8" '
                   f'w:space="4" w:color="auto"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/>'
                   '</w:tabs><w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
                   _BOLD + _size(14), custom=True),
        _character("MastheadSymbol", "Masthead Symbol", '<w:b w:val="0"/><w:bCs w:val="0"/>' + _size(12),
                   custom=True),
        _paragraph("MastheadDistribution", "Masthead Distribution",
                   f'<w:keepNext/><w:spacing w:after="360" w:line="240" w:lineRule="auto"/>'
                   f'<w:ind w:left="{TEXT_WIDTH * 3 // 5}"/><w:contextualSpacing/><w:jc w:val="left"/>', custom=True),
        _paragraph("Masthead", "Masthead", _SINGLE + '<w:jc w:val="left"/>', custom=True),
        _paragraph("MastheadBold", "Masthead Bold", "", _BOLD, based_on="Masthead", custom=True),
        # Indicator tables: horizontal rules only, as UN tables; thin rules between rows.
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="auto"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="auto"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr></w:style>',
    ]


def _doc_defaults() -> str:
    fonts = f'<w:rFonts w:ascii="{SERIF}" w:eastAsia="{SERIF}" w:hAnsi="{SERIF}" w:cs="{SERIF}"/>'
    return (f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{fonts}{_size(10)}'
            f'<w:lang w:val="{LANGUAGE}" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '</w:pPrDefault></w:docDefaults>')


def _replace_styles(document: docx.document.Document) -> None:
    styles = document.styles.element
    for child in list(styles):
        if child.tag in (qn("w:style"), qn("w:docDefaults")):
            styles.remove(child)
    styles.insert(0, parse_xml(_doc_defaults()))
    for xml in (*_DEFAULTS, *_styles()):
        styles.append(parse_xml(xml.replace("<w:style ", f'<w:style {nsdecls("w")} ', 1)))


def _set_up(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = A4_WIDTH * 635, A4_HEIGHT * 635  # twips -> EMU
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN * 635)
    section.header_distance = section.footer_distance = 709 * 635
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        section._sectPr.remove(grid)
    settings = document.settings.element
    for name in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 layout: tables align with the margin
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.attrib.pop(qn("w:eastAsia"), None)
    # Old lists of the starting document: the renderer adds its own.
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:
            document.part.rels.pop(r_id)


# The fonts the styles name, for Word's substitution when one is missing (no stale Calibri, Cambria ...).
_FONT_TABLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:fonts {nsdecls("w")}>'
    f'<w:font w:name="{SERIF}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    f'<w:font w:name="{MONO}"><w:panose1 w:val="02070309020205020404"/><w:charset w:val="00"/>'
    '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    "</w:fonts>"
)


def _set_fonts(document: docx.document.Document) -> None:
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = _FONT_TABLE.encode("utf-8")  # python-docx keeps it as an opaque part


def _set_properties(document: docx.document.Document) -> None:
    properties = document.core_properties
    properties.title = "Reference document of ccm-review"
    properties.subject = "Styles of the Review Document"
    properties.author = properties.last_modified_by = "ccm-review"
    properties.comments = "Restyle in Word, keep the style names: see docs/reference-docx.md"
    properties.language = LANGUAGE
    properties.keywords = ""
    properties.created = properties.modified = properties.last_printed = STAMP.replace(tzinfo=None)
    properties.revision = 1


def make_reference() -> bytes:
    """Return the bytes of the reference document."""
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _replace_styles(document)
    _set_up(document)
    _set_fonts(document)
    _set_properties(document)
    drop_stale_parts(document)
    write_app_properties(document)
    names = {style.name.casefold() for style in document.styles if style.name}
    missing = [name for name, _ in REQUIRED_STYLES if name.casefold() not in names]
    assert not missing, f"the reference lacks {missing}"
    return stable_bytes(document, STAMP)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else REPO / "templates" / "reference.docx"
    out.write_bytes(make_reference())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
