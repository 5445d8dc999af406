"""A reviewer's comments and changes as findings: text, JSON, GitHub annotations or SARIF."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ccm_review.report import Report
from ccm_review.report.formats import finding_json, format_github, format_text
from ccm_review.report.sarif import format_sarif

if TYPE_CHECKING:
    from ccm_review.model.finding import Finding

COMMENT_FORMATS = ("text", "json", "github", "sarif")


def format_comments(findings: tuple[Finding, ...], source: str, output_format: str, comments: int,
                    changes: int) -> str:
    """Return the `comments` comments and `changes` tracked changes read from `source` as `findings`, in
    `output_format`, with one summary line for people."""
    report = Report(findings, (), 0, 0, 0)
    unmapped = sum(1 for found in findings if found.code == "CCM062")
    if output_format == "json":
        summary = {"comments": comments, "changes": changes, "mapped": len(findings) - unmapped, "unmapped": unmapped}
        payload = {"version": 1, "source": source, "summary": summary,
                   "findings": [finding_json(found) for found in findings]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if output_format == "sarif":
        return format_sarif(report)
    if not findings:
        return f"no comments and no tracked changes in {source}\n"
    text = format_github(report) if output_format == "github" else format_text(report)
    summary_line = (f"{_plural(comments, 'comment')} and {_plural(changes, 'tracked change')} in {source}; "
                    f"{len(findings) - unmapped} traced to their source lines, {unmapped} not")
    return text.rsplit("\n", 2)[0] + "\n" + summary_line + "\n"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
