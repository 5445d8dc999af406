"""CCM020-CCM023: word limits of cells, parts and the document, and required headings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.analyse.text import count_words, inline_text
from ccm_review.model.location import Location
from ccm_review.model.narrative import Heading
from ccm_review.model.source import Section
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.finding import Finding
    from ccm_review.spec.template import Spec


def check_lengths(analysis: Analysis) -> list[Finding]:
    """Return findings for every limit exceeded and every required heading missing."""
    spec = analysis.spec
    findings: list[Finding] = []
    for section in analysis.document.sections:
        if section.meta is None:
            continue
        findings.extend(_check_cells(section, spec))
        part = spec.part(section.key)
        if part is None:
            continue
        words = analysis.of(section).words.narrative
        if words > part.max_words:
            findings.append(finding(
                "CCM021", f"the narrative has {words} words, over the limit of {part.max_words}",
                _body_start(section), f"shorten it by {words - part.max_words} words (footnotes and headings count)"))
        findings.extend(_check_headings(section, part.required_headings))
    total, limit = analysis.words, spec.max_document_words
    if total > limit:
        findings.append(finding(
            "CCM022", f"the document has {total} words, over the limit of {limit}",
            None, f"shorten the parts by {total - limit} words in all, or ask for a waiver"))
    return findings


def _body_start(section: Section) -> Location:
    return Location(section.path, section.body_offset + 1, 1)


def _check_cells(section: Section, spec: Spec) -> list[Finding]:
    findings: list[Finding] = []
    for row in section.rows or ():
        for cell in row.cells:
            column = spec.column(cell.key)
            if column is None:
                continue
            words = count_words(inline_text(cell.inlines))
            if words > column.max_words:
                findings.append(finding(
                    "CCM020", f"the '{column.header}' cell has {words} words, over the limit of {column.max_words}",
                    cell.location, "keep cells short; put explanations in the narrative"))
    return findings


def _check_headings(section: Section, required: tuple[str, ...]) -> list[Finding]:
    present = {_normal(inline_text(block.inlines)) for block in section.blocks if isinstance(block, Heading)}
    return [finding("CCM023", f"the heading '{heading}' is missing", _body_start(section),
                    f"add a line '## {heading}' to the narrative")
            for heading in required if _normal(heading) not in present]


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
