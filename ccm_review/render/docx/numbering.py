"""Word-native numbering: the headings' list (I., A., 1., (a)) and the paragraphs' (1., (a), (i), bullet).

Neither list types a number into the text: Word computes every label from numbering.xml, so the
document stays a working Word document when edited. The labels equal the outline's because
every numbered item becomes exactly one numbered paragraph, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from ccm_review.layout.labels import letters, roman
from ccm_review.render.docx.xml import PPR_ORDER, clark, insert_in_order, make

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.numbering import CT_Numbering
    from docx.oxml.xmlchemy import BaseOxmlElement

    from ccm_review.render.docx.styles import StyleBook

STEP = 567  # twips (1 cm): each level's text starts one step further in than the last
CHAPTER_STEP = 1021  # twips (1.8 cm): room for the widest chapter numeral, "XVIII.", in the chapter heading's size
BULLET_LEVEL = 3

# (format, text) per level; Word restarts a level whenever a higher level is used, which is
# exactly the UN rule: (a), (b) ... start again under each numbered paragraph.
_LEVELS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"), ("bullet", "\u2022"))

# The UN heading sequence: chapters I., II.; then A., B. under each; then 1., 2.; then (a), (b).
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
_HEADING_LEVELS = (("upperRoman", "%1."), ("upperLetter", "%2."), ("decimal", "%3."), ("lowerLetter", "(%4)"))

# Fixed nsids: Word would pick random ones; constants keep the output reproducible.
_PARAGRAPH_NSID = "4343D001"
_HEADING_NSID = "4343D002"

_EMPTY_NUMBERING = f'<w:numbering {nsdecls("w")}/>'


def add_paragraph_list(document: DocxDocument) -> int:
    """Add the document's paragraph list to numbering.xml and return its w:num id."""
    levels = [(fmt, text, None) for fmt, text in _LEVELS]
    return _add_list(document, levels, _PARAGRAPH_NSID)


def add_heading_list(document: DocxDocument, book: StyleBook) -> int:
    """Add the headings' multilevel list, linked to the styles Heading 1-4, and return its w:num id.

    The link is Word's own: each level names its style, each style names the list and level, so
    every paragraph in a heading style is numbered without numbering of its own. A level
    restarts after any higher one, as the UN sequence wants (A. again under each chapter).
    """
    ids = [book.id(name) for name in HEADING_STYLES]
    levels = [(fmt, text, style_id) for (fmt, text), style_id in zip(_HEADING_LEVELS, ids, strict=True)]
    num_id = _add_list(document, levels, _HEADING_NSID)
    # The first style of each id (a walk of the styles: python-docx's xpath compiled an expression each).
    styles: dict[str, BaseOxmlElement] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        styles.setdefault(style.get(qn("w:styleId")), style)
    for level, style_id in enumerate(ids):
        style = styles[style_id]
        num_pr = make("w:numPr")
        if level:
            num_pr.append(make("w:ilvl", val=level))
        num_pr.append(make("w:numId", val=num_id))
        insert_in_order(style.get_or_add_pPr(), num_pr, PPR_ORDER)
        if level == 0:  # the style's own indent would win over the list's: give it the chapter's room
            insert_in_order(style.get_or_add_pPr(), make("w:ind", left=CHAPTER_STEP, hanging=CHAPTER_STEP), PPR_ORDER)
    return num_id


def _add_list(document: DocxDocument, levels: Sequence[tuple[str, str, str | None]], nsid: str) -> int:
    numbering = _numbering(document)
    ids = [int(value) for abstract in numbering.iterchildren(qn("w:abstractNum"))
           if (value := abstract.get(qn("w:abstractNumId"))) is not None]
    abstract_id = max(ids, default=-1) + 1
    abstract = parse_xml(_abstract_xml(abstract_id, levels, nsid))
    # Every w:abstractNum must precede the first w:num.
    numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    num = numbering.add_num(abstract_id)  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    return int(num.numId)


def _numbering(document: DocxDocument) -> CT_Numbering:
    """Return numbering.xml's root, adding an empty part when the reference has none."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return cast("CT_Numbering", document.part.numbering_part.element)
    # python-docx cannot make one itself (NumberingPart.new is not implemented).
    part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(_EMPTY_NUMBERING),
                         document.part.package)
    document.part.relate_to(part, RT.NUMBERING)
    return cast("CT_Numbering", part.element)


def _abstract_xml(abstract_id: int, levels: Sequence[tuple[str, str, str | None]], nsid: str) -> str:
    out = []
    for level, (fmt, text, style_id) in enumerate(levels):
        left = STEP * (level + 1) if style_id is None else STEP  # headings all hang at the margin
        if style_id is not None and level == 0:
            left = CHAPTER_STEP  # "VIII." is wider than a step: every chapter title starts at this line
        style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
        out.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{left if style_id else STEP}"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="multilevel"/>'
        f'{"".join(out)}</w:abstractNum>'
    )


class SubCounter:
    """Follows the (a)/(i) counters as Word will compute them for the one paragraph list.

    Word only restarts (a) after a numbered paragraph; two lists under one paragraph (say
    around a quotation) would run on as (e), (f) where the outline says (a), (b). The
    renderer asks here first and, when the labels would differ, types the label instead.
    """

    def __init__(self) -> None:
        self._counts = [0, 0, 0]

    def numbered_paragraph(self) -> None:
        """Record a level-0 paragraph: both sub-levels start again."""
        self._counts = [self._counts[0] + 1, 0, 0]

    def label(self, level: int) -> str:
        """Return the label Word would print for the next item at `level` (1 or 2)."""
        number = self._counts[level] + 1
        return f"({letters(number)})" if level == 1 else f"({roman(number).lower()})"

    def advance(self, level: int) -> None:
        """Record an item Word numbers at `level`; deeper levels start again."""
        self._counts[level] += 1
        if level == 1:
            self._counts[2] = 0


def prune_lists(document: DocxDocument) -> None:
    """Drop the lists no paragraph or style uses any more (the reference's, once its body is gone)."""
    numbering = _numbering(document)
    used = _used_lists(document.element) | _used_lists(document.styles.element)
    # Children found by tag, not by python-docx's xpath (which compiles its expression on every call).
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) not in used:
            numbering.remove(num)
    abstracts = {value for num in numbering.iterchildren(qn("w:num"))
                 for abstract_id in num.iterchildren(qn("w:abstractNumId"))
                 if (value := abstract_id.get(qn("w:val"))) is not None}
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) not in abstracts:
            numbering.remove(abstract)


def _used_lists(root: BaseOxmlElement) -> set[str]:
    """Return the list ids (w:numPr/w:numId/@w:val) used under `root`.

    A walk for the one tag: the XPath "//w:numPr/w:numId/@w:val" over a long body took three
    times as long.
    """
    num_pr, num_id, val = clark("w:numPr"), clark("w:numId"), clark("w:val")
    return {value for element in root.iter(num_id)
            if element.getparent().tag == num_pr and (value := element.get(val)) is not None}
