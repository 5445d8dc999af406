"""Validation: pure checks of a loaded Document against the Spec, returning findings.

Each module owns one family of rule codes; `validate_document` runs them all and never raises.
`settle` then applies what authors (ignore comments) and the template (rule settings) say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ccm_review.model.finding import Finding
from ccm_review.validate.assessments import check_assessments
from ccm_review.validate.content import check_content
from ccm_review.validate.counts import check_action_point_counts
from ccm_review.validate.data import check_data
from ccm_review.validate.dates import check_source_dates
from ccm_review.validate.editorial import check_editorial, check_first_use
from ccm_review.validate.frontmatter import check_front_matter
from ccm_review.validate.length import check_lengths
from ccm_review.validate.sources import check_sources
from ccm_review.validate.structure import check_structure, check_submission

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis

_CHECKS: tuple[Callable[[Analysis], list[Finding]], ...] = (
    check_front_matter,
    check_structure,
    check_lengths,
    check_content,
    check_assessments,
    check_source_dates,
    check_sources,
    check_action_point_counts,
    check_editorial,
    check_first_use,
    check_data,
)
# The checks whose findings on a section depend on that section alone (with the masthead, data/ and the
# template): api.check runs them over the sections no earlier run judged, and keeps the others' findings.
# The rest read several parts (every rule of document scope is theirs) and run over the whole document.
SECTION_CHECKS = frozenset({check_front_matter, check_content, check_assessments, check_source_dates,
                            check_editorial, check_data})

# The checks that report only rules of document scope (spec.rules.DOCUMENT_RULES), with their codes:
# `check FILE...` defers those rules to a full check, so it need not run these. A test holds each set
# to the codes its module reports.
_DOCUMENT_CHECKS: dict[Callable[[Analysis], list[Finding]], frozenset[str]] = {
    check_sources: frozenset({"CCM038"}),
    check_action_point_counts: frozenset({"CCM039"}),
}


def validate_document(analysis: Analysis, strict: bool = False, deferred: frozenset[str] = frozenset(),
                      sections: bool | None = None) -> list[Finding]:
    """Return every finding of every check, in no particular order; `strict` adds the submission gate.

    A check whose every code is `deferred` is not run: all it found would be dropped. `sections` True runs
    only the SECTION_CHECKS, False only the others (and the gate); None runs them all.
    """
    checks = (*_CHECKS, check_submission) if strict else _CHECKS
    if sections is not None:
        checks = tuple(check for check in checks if (check in SECTION_CHECKS) == sections)
    return [finding for check in checks if not _reports_only(check, deferred) for finding in check(analysis)]


def _reports_only(check: Callable[[Analysis], list[Finding]], codes: frozenset[str]) -> bool:
    """Whether every rule `check` reports is one of `codes`."""
    reported = _DOCUMENT_CHECKS.get(check)
    return reported is not None and reported <= codes
