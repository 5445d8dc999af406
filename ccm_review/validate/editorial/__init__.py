"""CCM040 and up: UN editorial style, from the conventions of the UN Editorial Manual.

Each module owns a few codes. Rules read printed passages (`prose`), never Markdown; quotations,
code and (where UN style allows figures and '%') tables are exempt. All are warnings by default.
"""

from __future__ import annotations

from collections.abc import Callable

from ccm_review.analyse.prose import Passage, passages
from ccm_review.model.finding import Finding
from ccm_review.model.source import Document, Section
from ccm_review.spec.style import Style
from ccm_review.spec.template import Spec
from ccm_review.validate.editorial.abbreviations import check_abbreviations
from ccm_review.validate.editorial.emphasis import check_emphasis
from ccm_review.validate.editorial.numbers import check_dates, check_numbers, check_per_cent
from ccm_review.validate.editorial.sentences import check_readability, check_sentence_length
from ccm_review.validate.editorial.wording import check_doubled_words, check_house_terms, check_ize

_SECTION_CHECKS: tuple[Callable[[Section, list[Passage], Style], list[Finding]], ...] = (
    check_numbers,
    check_per_cent,
    check_dates,
    check_house_terms,
    check_ize,
    check_emphasis,
    check_doubled_words,
    check_sentence_length,
    check_readability,
)


def check_editorial(document: Document, spec: Spec) -> list[Finding]:
    """Return the editorial findings of every readable section."""
    parts = [(section, passages(section)) for section in print_order(document, spec) if section.meta is not None]
    findings = [finding for section, texts in parts for check in _SECTION_CHECKS
                for finding in check(section, texts, spec.style)]
    findings.extend(check_abbreviations(parts, spec.style, spec.placeholders))
    return findings


def print_order(document: Document, spec: Spec) -> list[Section]:
    """Return the sections in the template's order of parts; files no part claims come last."""
    rank = {part.key: index for index, part in enumerate(spec.parts)}
    return sorted(document.sections, key=lambda section: rank.get(section.key or "", len(rank)))
