"""Findings and word counts as text, JSON, GitHub workflow annotations or SARIF; the exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccm_review import __version__
from ccm_review.rules import RULES

if TYPE_CHECKING:  # types only: `--help` and `--version` load this module, not the model
    from ccm_review.model import Finding
    from ccm_review.readability import Readability

EXIT_OK = 0
EXIT_FINDINGS = 1
FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_ROOT = "%SRCROOT%"  # the project directory; file URIs are relative to it


@dataclass(frozen=True)
class SectionSummary:
    """What `check --format json` says about one section file."""

    file: str
    action: int | None
    part: str | None
    title: str | None
    status: str | None
    coordinators: tuple[str, ...]
    narrative_words: int
    max_words: int | None
    table_rows: int
    table_words: int
    readability: Readability | None = None


@dataclass(frozen=True)
class Report:
    """Everything a run has to say: findings (sorted), per-section summaries and totals."""

    findings: tuple[Finding, ...]
    sections: tuple[SectionSummary, ...]
    files: int
    words: int
    max_words: int

    @property
    def errors(self) -> int:
        """The number of error findings."""
        return sum(1 for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> int:
        """The number of warning findings."""
        return sum(1 for finding in self.findings if finding.severity == "warning")

    def fails(self, strict: bool) -> bool:
        """Whether the run fails: errors, or under `strict` any warning."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def exit_code(self, strict: bool) -> int:
        """0 when the run passes, 1 when findings fail it."""
        return EXIT_FINDINGS if self.fails(strict) else EXIT_OK


def sort_findings(findings: list[Finding], file_order: list[str]) -> tuple[Finding, ...]:
    """Order findings by file (as loaded), then line and column; whole-document ones last."""
    rank = {file: index for index, file in enumerate(file_order)}

    def key(finding: Finding) -> tuple[int, str, int, int, str]:
        location = finding.location
        if location is None:
            return (len(rank) + 1, "", 0, 0, finding.code)
        return (rank.get(location.file, len(rank)), location.file, location.line, location.column, finding.code)

    return tuple(sorted(findings, key=key))


def format_text(report: Report) -> str:
    """Return findings as `file:line:col: severity: message [CODE]` lines, hints, and a summary."""
    lines: list[str] = []
    for finding in report.findings:
        where = f"{finding.location}: " if finding.location else ""
        lines.append(f"{where}{finding.severity}: {finding.message} [{finding.code}]")
        if finding.hint:
            lines.append(f"  hint: {finding.hint}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    """Return the one-line summary of a run."""
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    if not report.findings:
        counts = "no problems"
    return (f"{counts} in {_plural(report.files, 'file')}; "
            f"{report.words:,} of {report.max_words:,} words")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_json(report: Report) -> str:
    """Return the JSON object of DESIGN.md (version 1)."""
    payload = {
        "version": 1,
        "summary": {"errors": report.errors, "warnings": report.warnings, "files": report.files,
                    "words": report.words, "max_words": report.max_words},
        "findings": [_finding_json(finding) for finding in report.findings],
        "sections": [
            {"file": s.file, "action": s.action, "part": s.part, "title": s.title, "status": s.status,
             "coordinators": list(s.coordinators), "narrative_words": s.narrative_words,
             "max_words": s.max_words, "table_rows": s.table_rows, "table_words": s.table_words,
             "readability": _readability_json(s.readability)}
            for s in report.sections
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _readability_json(readability: Readability | None) -> dict[str, object] | None:
    if readability is None:
        return None
    return {"sentences": readability.sentences, "average_sentence_words": readability.average_sentence_words,
            "flesch_reading_ease": readability.flesch_reading_ease}


def _finding_json(finding: Finding) -> dict[str, object]:
    location = finding.location
    return {"code": finding.code, "severity": finding.severity,
            "file": location.file if location else None,
            "line": location.line if location else None,
            "column": location.column if location else None,
            "message": finding.message, "hint": finding.hint}


def format_github(report: Report) -> str:
    """Return GitHub workflow commands, one annotation per finding, then the summary."""
    lines: list[str] = []
    for finding in report.findings:
        properties = []
        if finding.location:
            properties += [f"file={_escape_property(finding.location.file)}", f"line={finding.location.line}",
                           f"col={finding.location.column}"]
        properties.append(f"title={finding.code}")
        message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
        lines.append(f"::{finding.severity} {','.join(properties)}::{_escape_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


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


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}
