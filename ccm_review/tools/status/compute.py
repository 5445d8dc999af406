"""Where the draft stands: one row per part, the document total, the timeline, open catalogue items,
the figures each part cites and the series of data/ that are stale."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ccm_review.analyse.walk import section_inlines
from ccm_review.model.narrative import Figure
from ccm_review.model.source import Document, Section
from ccm_review.project import SECTION_SUFFIX, SECTIONS_DIR
from ccm_review.report import Report
from ccm_review.spec.template import Spec


@dataclass(frozen=True)
class PartStatus:
    """One part of the document as the status table shows it."""

    key: str
    title: str
    file: str | None
    coordinators: tuple[str, ...]
    status: str | None
    narrative_words: int
    max_words: int
    items_covered: int
    items_total: int
    errors: int
    warnings: int
    last_change: str | None  # ISO date
    figures: tuple[str, ...] = ()  # the figures of data/ the part cites or draws: "states-parties 2019"


@dataclass(frozen=True)
class Deadline:
    """A milestone of the timeline, with the days left from `today` (negative when past)."""

    name: str
    date: str
    days_left: int
    is_next: bool


@dataclass(frozen=True)
class OpenItem:
    """A catalogue item whose number or title the ISU has not yet confirmed."""

    ref: str
    title: str


@dataclass(frozen=True)
class SeriesStatus:
    """A series of data/: its years, its latest figure, whether it is stale, the parts citing it."""

    name: str
    file: str
    years: tuple[int, ...]
    latest_as_of: str | None  # ISO date the latest figure is as of
    stale: bool  # its latest figure is more than STALE_DAYS older than the document's date
    cited_by: tuple[str, ...]  # files of the sections that cite or draw it


STALE_DAYS = 365
"""A series whose latest figure is older than this before the document's date needs the ISU's update."""


@dataclass(frozen=True)
class DraftStatus:
    """Everything `ccm-review status` shows."""

    today: str
    parts: tuple[PartStatus, ...]
    words: int
    max_words: int
    errors: int
    warnings: int
    timeline: tuple[Deadline, ...]
    unconfirmed: tuple[OpenItem, ...]
    item_term: str = "item"  # what the plan calls its items ("action" in a plan of sections)
    series: tuple[SeriesStatus, ...] = ()


def draft_status(project: Path, document: Document, spec: Spec, report: Report, today: date) -> DraftStatus:
    """Summarise the draft of `project` as of `today`."""
    summaries = {summary.file: summary for summary in report.sections}
    changes = _last_changes(project)
    parts: list[PartStatus] = []
    for part, section in spec.placed(document.sections):
        file = section.path if section else None
        items = part.action.items if part.action else ()
        refs = {row.ref for row in (section.rows or ())} if section else set()
        findings = [f for f in report.findings if file and f.location and f.location.file == file]
        parts.append(PartStatus(
            key=part.key, title=section.title or part.title if section else part.title, file=file,
            coordinators=section.coordinators if section else (part.action.coordinators if part.action else ()),
            status=section.status if section else None,
            narrative_words=summaries[file].narrative_words if file in summaries else 0,
            max_words=part.max_words,
            items_covered=sum(1 for item in items if item.ref in refs), items_total=len(items),
            errors=sum(1 for f in findings if f.severity == "error"),
            warnings=sum(1 for f in findings if f.severity == "warning"),
            last_change=changes.get(file) if file else None,
            figures=_figures(section) if section else (),
        ))
    return DraftStatus(
        today=today.isoformat(), parts=tuple(parts), words=report.words, max_words=report.max_words,
        errors=report.errors, warnings=report.warnings,
        timeline=_timeline(document, today),
        unconfirmed=tuple(OpenItem(item.ref, item.title) for action in spec.actions for item in action.items
                          if not item.confirmed),
        item_term=spec.item_term,
        series=_series(document),
    )


def _figures(section: Section) -> tuple[str, ...]:
    cited = [f"{inline.series} {inline.year}" for inline in section_inlines(section)
             if isinstance(inline, Figure) and inline.year is not None]
    drawn = [f"{chart.series} (Figure)" for chart in section.charts]
    return tuple(dict.fromkeys(cited + drawn))


def _series(document: Document) -> tuple[SeriesStatus, ...]:
    deadline = _date(document.masthead.date)
    out: list[SeriesStatus] = []
    for series in document.series:
        latest = series.points[-1].as_of if series.points else None
        latest_day = _date(latest) if latest else None
        stale = latest_day is None or (deadline is not None and (deadline - latest_day).days > STALE_DAYS)
        cited_by = tuple(section.path for section in document.sections
                         if any(figure.startswith(f"{series.name} ") for figure in _figures(section)))
        out.append(SeriesStatus(series.name, series.file, series.years, latest, stale, cited_by))
    return tuple(out)


def _timeline(document: Document, today: date) -> tuple[Deadline, ...]:
    deadlines: list[Deadline] = []
    upcoming = [m for m in document.masthead.timeline if _date(m.date) and _date(m.date) >= today]  # type: ignore[operator]
    next_one = min(upcoming, key=lambda m: m.date, default=None)
    for milestone in document.masthead.timeline:
        when = _date(milestone.date)
        if when is None:
            continue
        deadlines.append(Deadline(milestone.name, milestone.date, (when - today).days, milestone is next_one))
    return tuple(deadlines)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _last_changes(project: Path) -> dict[str, str]:
    """Return the date of the last change of every file in sections/: from git, else the file time."""
    changes: dict[str, str] = {}
    directory = project / SECTIONS_DIR
    for path in sorted(directory.glob(f"*{SECTION_SUFFIX}")):
        stamp = datetime.fromtimestamp(path.lstat().st_mtime, tz=UTC)  # lstat: a broken link has no target
        changes[f"{SECTIONS_DIR}/{path.name}"] = stamp.date().isoformat()
    changes.update(_git_changes(project))
    return changes


def _git_changes(project: Path) -> dict[str, str]:
    """Return the last commit date of each committed file of sections/, or nothing outside git."""
    result = _git(project, "log", "--format=%x00%cs", "--name-only", "--relative", "--", SECTIONS_DIR)
    if result is None or result.returncode != 0:
        return {}
    changes: dict[str, str] = {}
    current = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            current = line[1:]
        elif line.strip() and current:
            changes.setdefault(line.strip(), current)  # newest commit first: keep the first date seen
    return _only_unmodified(project, changes)


def _only_unmodified(project: Path, changes: dict[str, str]) -> dict[str, str]:
    """Files with uncommitted edits changed today, not at their last commit: drop them from git's answer."""
    result = _git(project, "diff", "--name-only", "--relative", "HEAD", "--", SECTIONS_DIR)
    modified: set[str] = set()
    if result is not None and result.returncode == 0:
        modified = {line.strip() for line in result.stdout.splitlines()}
    return {file: when for file, when in changes.items() if file not in modified}


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run git in `project`, file names unquoted (non-ASCII names as they are); None without git."""
    try:
        return subprocess.run(["git", "-C", str(project), "-c", "core.quotePath=false", *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
