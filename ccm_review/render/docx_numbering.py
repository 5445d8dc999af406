"""Word-native paragraph numbering: one list for the whole document, levels 1., (a), (i), bullet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ccm_review.render.docx_xml import PPR_ORDER, insert_in_order, make
from ccm_review.text import letters, roman

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.paragraph import CT_P

STEP = 567  # twips (1 cm): each level's text starts one step further in than the last
BULLET_LEVEL = 3

# (format, text) per level; Word restarts a level whenever a higher level is used, which is
# exactly the UN rule: (a), (b) ... start again under each numbered paragraph.
_LEVELS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"), ("bullet", "\u2022"))

# A fixed nsid: Word would pick a random one; a constant keeps the output reproducible.
_NSID = "4343D001"


def add_paragraph_list(document: DocxDocument) -> int:
    """Add the document's paragraph list to numbering.xml and return its w:num id."""
    numbering = document.part.numbering_part.element
    ids = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=-1) + 1
    abstract = parse_xml(_abstract_xml(abstract_id))
    # Every w:abstractNum must precede the first w:num.
    numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    num = numbering.add_num(abstract_id)
    return int(num.numId)


def _abstract_xml(abstract_id: int) -> str:
    levels = []
    for level, (fmt, text) in enumerate(_LEVELS):
        left = STEP * (level + 1)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{STEP}"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{_NSID}"/><w:multiLevelType w:val="multilevel"/>'
        f'{"".join(levels)}</w:abstractNum>'
    )


def number_paragraph(p: CT_P, num_id: int, level: int) -> None:
    """Make paragraph `p` an item of list `num_id` at `level` (0 = a numbered paragraph)."""
    num_pr = make("w:numPr")
    num_pr.append(make("w:ilvl", val=level))
    num_pr.append(make("w:numId", val=num_id))
    insert_in_order(p.get_or_add_pPr(), num_pr, PPR_ORDER)


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
