"""CCM036: an assessment made where the row's current cell says there were no data to make it on.

The current cell alone decides: an assessment compares the situation now with the target, so a
current cell saying the data were not compiled leaves any assessment but `not-assessed` unfounded,
whatever the baseline says. A baseline without data does not: the target is the plan's, not the
baseline's, and a current figure can still be measured against it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ccm_review.model.source import Row
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.finding import Finding

CURRENT = "current"
ASSESSMENT = "assessment"
NOT_ASSESSED = "not-assessed"


def check_assessments(analysis: Analysis) -> list[Finding]:
    """Return a finding for every row assessed although its current cell says it has no data."""
    phrases = analysis.spec.content.no_data
    if not phrases:
        return []
    # Whole words, any case and spacing: "Not  Compiled" is the phrase, "not compiledness" is not.
    pattern = compile_pattern(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, phrase.split()))
                                                       for phrase in phrases) + r")(?!\w)", re.IGNORECASE)
    # A value the template does not allow is CCM006's to report: one finding for one mistake.
    column = analysis.spec.column(ASSESSMENT)
    allowed = {value for value, _ in column.values} if column is not None and column.values else None
    findings: list[Finding] = []
    for section in analysis.document.sections:
        for row in section.rows or ():
            findings.extend(_check_row(row, pattern, allowed))
    return findings


def _check_row(row: Row, pattern: re.Pattern[str], allowed: set[str] | None) -> list[Finding]:
    current, assessment = row.cell(CURRENT), row.cell(ASSESSMENT)
    if current is None or assessment is None or assessment.raw.strip() in ("", NOT_ASSESSED):
        return []
    if allowed is not None and assessment.raw.strip() not in allowed:
        return []
    match = pattern.search(current.raw)
    if match is None:
        return []
    said = " ".join(match.group(0).split())
    where = f"row {row.ref}" if row.ref else "this row"
    return [finding("CCM036", f"{where} is assessed '{assessment.raw.strip()}', but its current cell says "
                    f"'{said}'", assessment.location,
                    f"an assessment compares the current situation with the target, so a current cell without "
                    f"data cannot support one: write assessment: {NOT_ASSESSED}, or give the data")]
