"""Findings as a SARIF 2.1.0 log, for code-scanning views."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ccm_review import __version__
from ccm_review.spec.rules import RULES

if TYPE_CHECKING:
    from ccm_review.model.finding import Finding
    from ccm_review.report import Report


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


SARIF_ROOT = "%SRCROOT%"  # the project directory; file URIs are relative to it


def format_sarif(report: Report) -> str:
    """Return a SARIF 2.1.0 log: one run, the rule catalogue as the driver's rules, one result a finding."""
    index = {entry.code: position for position, entry in enumerate(RULES)}
    rules = [{"id": entry.code, "name": _pascal(entry.name),
              "shortDescription": {"text": entry.summary},
              "help": {"text": f"Example: {entry.example}"},
              "defaultConfiguration": {"level": entry.severity}} for entry in RULES]
    results = [_sarif_result(finding, index) for finding in report.findings]
    run = {
        "tool": {"driver": {"name": "ccm-review", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.checked is not None:  # check FILE...: what was checked and what was left to a full check
        run["properties"] = {"checked": list(report.checked), "leftToFullCheck": list(report.deferred)}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, object]:
    text = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    result: dict[str, object] = {"ruleId": finding.code, "level": finding.severity, "message": {"text": text}}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.location is not None:  # a finding about the whole document has no location
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": finding.location.file, "uriBaseId": SARIF_ROOT},
            "region": {"startLine": finding.location.line, "startColumn": finding.location.column},
        }}]
    return result


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))
