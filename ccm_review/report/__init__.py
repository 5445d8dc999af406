"""What a run has to say: findings in file order, word counts per section, totals; the exit code.

How it is printed is `report.formats` (text, JSON, GitHub annotations) and `report.sarif`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.model.record import Record, set_field

if TYPE_CHECKING:  # types only: `--help` and `--version` load this module, not the model
    from ccm_review.analyse.readability import Readability
    from ccm_review.model.finding import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1


class SectionSummary(Record):
    """What `check --format json` says about one section file."""

    __slots__ = (  # noqa: RUF023
        "file", "action", "part", "title", "status", "coordinators", "narrative_words", "max_words", "table_rows",
        "table_words", "readability",
    )
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
    readability: Readability | None

    def __init__(self, file: str, action: int | None, part: str | None, title: str | None, status: str | None,
                 coordinators: tuple[str, ...], narrative_words: int, max_words: int | None, table_rows: int,
                 table_words: int, readability: Readability | None = None) -> None:
        set_field(self, "file", file)
        set_field(self, "action", action)
        set_field(self, "part", part)
        set_field(self, "title", title)
        set_field(self, "status", status)
        set_field(self, "coordinators", coordinators)
        set_field(self, "narrative_words", narrative_words)
        set_field(self, "max_words", max_words)
        set_field(self, "table_rows", table_rows)
        set_field(self, "table_words", table_words)
        set_field(self, "readability", readability)


class Report(Record):
    """Everything a run has to say: findings (sorted), per-section summaries and totals."""

    __slots__ = ("findings", "sections", "files", "words", "max_words", "checked", "deferred")  # noqa: RUF023
    findings: tuple[Finding, ...]
    sections: tuple[SectionSummary, ...]
    files: int
    words: int
    max_words: int
    # `check FILE...`: the files checked (None: the whole document) and the rules left to a full check.
    checked: tuple[str, ...] | None
    deferred: tuple[str, ...]

    def __init__(self, findings: tuple[Finding, ...], sections: tuple[SectionSummary, ...], files: int, words: int,
                 max_words: int, checked: tuple[str, ...] | None = None, deferred: tuple[str, ...] = ()) -> None:
        set_field(self, "findings", findings)
        set_field(self, "sections", sections)
        set_field(self, "files", files)
        set_field(self, "words", words)
        set_field(self, "max_words", max_words)
        set_field(self, "checked", checked)
        set_field(self, "deferred", deferred)

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


def summary_line(report: Report) -> str:
    """Return the one-line summary of a run."""
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    if not report.findings:
        counts = "no problems"
    if report.checked is not None:
        return (f"{counts} in {_plural(report.files, 'file')} checked; {report.words:,} words in the parts "
                f"checked; document-wide rules left to a full check: {', '.join(report.deferred)}")
    return (f"{counts} in {_plural(report.files, 'file')}; "
            f"{report.words:,} of {report.max_words:,} words")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
