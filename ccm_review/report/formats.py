"""Findings for people (text), for tools (JSON) and for workflow annotations (GitHub)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ccm_review.report import Report, summary_line

if TYPE_CHECKING:  # types only: `--help` and `--version` load this module, not the model
    from ccm_review.analyse.readability import Readability
    from ccm_review.model.finding import Finding


FORMATS = ("text", "json", "github", "sarif")


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


def format_json(report: Report) -> str:
    """Return the JSON object of DESIGN.md (version 1)."""
    payload = {
        "version": 1,
        "summary": {"errors": report.errors, "warnings": report.warnings, "files": report.files,
                    "words": report.words, "max_words": report.max_words},
        "findings": [finding_json(finding) for finding in report.findings],
        "sections": [
            {"file": s.file, "action": s.action, "part": s.part, "title": s.title, "status": s.status,
             "coordinators": list(s.coordinators), "narrative_words": s.narrative_words,
             "max_words": s.max_words, "table_rows": s.table_rows, "table_words": s.table_words,
             "readability": _readability_json(s.readability)}
            for s in report.sections
        ],
    }
    if report.checked is not None:  # check FILE...: new keys only, so that readers of a full check's JSON still work
        summary = payload["summary"]
        assert isinstance(summary, dict)
        summary["checked"] = list(report.checked)
        summary["left_to_full_check"] = list(report.deferred)
    import json  # here, not at the top: a text check never needs it

    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _readability_json(readability: Readability | None) -> dict[str, object] | None:
    if readability is None:
        return None
    return {"sentences": readability.sentences, "average_sentence_words": readability.average_sentence_words,
            "flesch_reading_ease": readability.flesch_reading_ease}


def finding_json(finding: Finding) -> dict[str, object]:
    """Return one finding as `check --format json` gives it (code, severity, file, line, column, message, hint)."""
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
        command = _GITHUB_COMMANDS.get(finding.severity, finding.severity)
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


# GitHub's workflow commands: a note is a "notice".
_GITHUB_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_sarif(report: Report) -> str:
    """Return the SARIF log of `report` (report/sarif.py, loaded only when asked for)."""
    from ccm_review.report.sarif import format_sarif as sarif

    return sarif(report)


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}
