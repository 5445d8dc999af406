"""Small WordprocessingML helpers on python-docx's oxml layer, for what it has no API for.

The renderer writes thousands of elements; python-docx's proxies and `OxmlElement` parse a
prefixed tag name, look up its namespace and search the parent for the schema position of
every child they add. Here the Clark names are computed once per tag, and elements written in
document order are simply appended (`sub`): the same XML, a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

from ccm_review.patterns import compile_pattern

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# Characters XML 1.0 cannot hold; lxml refuses them, so a stray one in a source file would
# otherwise crash the build instead of just disappearing from the output.
_NOT_XML = compile_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Return `text` without the characters XML cannot carry."""
    if text.isprintable():  # no control character, surrogate or non-character: the usual case, no search
        return text
    return _NOT_XML.sub("", text)


@cache
def clark(name: str) -> str:
    """Return the Clark name ("{uri}p") of a prefixed tag or attribute name ("w:p")."""
    return qn(name)


@cache
def _namespace_of(name: str) -> dict[str, str]:
    """Return the declaration python-docx gives a new element `name`: its own prefix only."""
    prefix = name.split(":", 1)[0]
    return {prefix: nsmap[prefix]}


def make(tag: str, **attrs: str | int) -> BaseOxmlElement:
    """Return a new element `tag` (e.g. "w:tblHeader") with `w:`-prefixed attributes, not yet in a tree."""
    # As python-docx's OxmlElement, which parses `tag` again on every call.
    element = _make_element(clark(tag), nsmap=_namespace_of(tag))
    for name, value in attrs.items():
        element.set(_attribute(name), str(value))
    return element


def sub(parent: BaseOxmlElement, tag: str, **attrs: str | int) -> BaseOxmlElement:
    """Append a new element `tag` with `w:`-prefixed attributes to `parent` and return it.

    Only for children written in schema order: it appends, it does not look for the position.
    """
    if not attrs:
        return subelement(parent, clark(tag))
    # The attributes in one call, in the order given (the order they are written in).
    return subelement(parent, clark(tag), {_attribute(name): str(value) for name, value in attrs.items()})


# lxml's factories, typed as what python-docx's parser makes of them (lxml ships no stubs: a
# typing.cast on every call was a function call per element). `subelement(parent, clark_name,
# attributes)` is lxml's SubElement, for the hottest loops, where even `sub` costs.
_make_element: Callable[..., BaseOxmlElement] = oxml_parser.makeelement
subelement: Callable[..., BaseOxmlElement] = etree.SubElement


@cache
def _attribute(name: str) -> str:
    """Return the Clark name of attribute "w:`name`"."""
    return clark(f"w:{name}")


def insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, sequence: tuple[str, ...]) -> None:
    """Insert `child` into `parent` where the schema `sequence` of child tags puts it.

    Word rejects (or "repairs") property elements in the wrong order, so appending is not enough.
    A child of the same tag is replaced.
    """
    ranks = _ranks(sequence)
    rank = ranks[child.tag]
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    # Before the first existing child of the earliest tag that follows in the sequence: one pass
    # over the (few) children rather than one search of them per later tag.
    successor, best = None, len(sequence)
    for existing in parent:
        later = ranks.get(existing.tag)
        if later is not None and rank < later < best:
            successor, best = existing, later
    if successor is None:
        parent.append(child)
    else:
        successor.addprevious(child)


@cache
def _ranks(sequence: tuple[str, ...]) -> dict[str, int]:
    """Return each tag's position in schema `sequence`, by Clark name."""
    return {clark(name): index for index, name in enumerate(sequence)}


# Schema orders (ECMA-376 part 1) of the property elements this renderer writes into.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)
