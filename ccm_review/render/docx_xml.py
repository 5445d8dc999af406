"""Small WordprocessingML helpers on python-docx's oxml layer, for what it has no API for."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# Characters XML 1.0 cannot hold; lxml refuses them, so a stray one in a source file would
# otherwise crash the build instead of just disappearing from the output.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Return `text` without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)


def make(tag: str, **attrs: str | int) -> BaseOxmlElement:
    """Return a new element `tag` (e.g. "w:tblHeader") with `w:`-prefixed attributes."""
    element = cast("BaseOxmlElement", OxmlElement(tag))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, sequence: tuple[str, ...]) -> None:
    """Insert `child` into `parent` where the schema `sequence` of child tags puts it.

    Word rejects (or "repairs") property elements in the wrong order, so appending is not enough.
    """
    tag = child.tag
    names = [qn(name) for name in sequence]
    successors = sequence[names.index(tag) + 1:]
    for existing in parent.findall(tag):
        parent.remove(existing)
    parent.insert_element_before(child, *successors)


# Schema orders (ECMA-376 part 1) of the property elements this renderer writes into.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
    "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
)
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
    "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
    "w:cellDel", "w:cellMerge", "w:tcPrChange",
)
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)
