"""CCM040 and up: UN editorial style, from the conventions of the UN Editorial Manual.

Each module owns a few codes. Rules read printed passages (`prose`), never Markdown; quotations,
code and (where UN style allows figures and '%') tables are exempt. All are warnings by default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ccm_review.analyse.prose import Passage
from ccm_review.model.finding import Finding
from ccm_review.model.source import Section
from ccm_review.spec.style import Style
from ccm_review.validate.editorial.abbreviations import check_abbreviations
from ccm_review.validate.editorial.emphasis import check_emphasis
from ccm_review.validate.editorial.numbers import check_dates, check_numbers, check_per_cent
from ccm_review.validate.editorial.sentences import check_readability, check_sentence_length
from ccm_review.validate.editorial.wording import check_doubled_words, check_house_terms, check_ize

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis, SectionAnalysis

_SECTION_CHECKS: tuple[Callable[[Section, list[Passage], Style], list[Finding]], ...] = (
    check_numbers,
    check_per_cent,
    check_dates,
    check_house_terms,
    check_ize,
    check_emphasis,
    check_doubled_words,
    check_sentence_length,
)


def check_editorial(analysis: Analysis) -> list[Finding]:
    """Return the editorial findings of every readable section, each read on its own (abbreviations apart)."""
    spec = analysis.spec
    read = _readable(analysis)
    findings = [finding for part in read for check in _SECTION_CHECKS
                for finding in check(part.section, part.passages, spec.style)]
    findings.extend(low for part in read if (low := check_readability(part.section, part.readability, spec.style)))
    return findings


def check_first_use(analysis: Analysis) -> list[Finding]:
    """Return the abbreviations' findings (CCM043, CCM044): the first use is that of the whole document."""
    spec = analysis.spec
    return check_abbreviations([(part.section, part.passages) for part in _readable(analysis)], spec.style,
                               spec.placeholders)


def _readable(analysis: Analysis) -> list[SectionAnalysis]:
    return [analysis.of(section) for section in analysis.spec.print_order(analysis.document.sections)
            if section.meta is not None]
