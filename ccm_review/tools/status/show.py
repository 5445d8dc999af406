"""`ccm-review status` as plain text (piped), a rich table (terminal) or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from ccm_review.tools.status.compute import DraftStatus, PartStatus

if TYPE_CHECKING:
    from rich.console import Console

BAR_WIDTH = 10


def bar(words: int, limit: int, width: int = BAR_WIDTH) -> str:
    """Return a text bar of `words` against `limit`: '#' filled, '.' free, '!' past the limit."""
    if limit <= 0:
        return ""
    filled = min(width, round(width * words / limit))
    return "#" * filled + "." * (width - filled) + ("!" if words > limit else "")


def format_json(status: DraftStatus) -> str:
    """Return the status as one JSON object."""
    return json.dumps({"version": 1, **asdict(status)}, ensure_ascii=False, indent=2) + "\n"


def _row(part: PartStatus) -> list[str]:
    items = f"{part.items_covered}/{part.items_total}" if part.items_total else "-"
    return [
        part.title,
        part.file or "(no file)",
        ", ".join(part.coordinators),
        part.status or "-",
        f"{part.narrative_words}/{part.max_words} {bar(part.narrative_words, part.max_words)}",
        items,
        f"{part.errors}E {part.warnings}W",
        part.last_change or "-",
    ]


HEADERS = ["Part", "File", "Coordinators", "Status", "Words", "Items", "Findings", "Changed"]


def format_text(status: DraftStatus) -> str:
    """Return the status as plain text, aligned in columns."""
    rows = [HEADERS, *(_row(part) for part in status.parts)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    lines.append(f"Document: {status.words:,} of {status.max_words:,} words {bar(status.words, status.max_words)}; "
                 f"{status.errors} errors, {status.warnings} warnings")
    lines.extend(_timeline_lines(status))
    lines.extend(_unconfirmed_lines(status))
    lines.extend(_figure_lines(status))
    return "\n".join(lines) + "\n"


def _timeline_lines(status: DraftStatus) -> list[str]:
    if not status.timeline:
        return []
    lines = ["", f"Timeline (today {status.today}):"]
    for deadline in status.timeline:
        when = "passed" if deadline.days_left < 0 else ("today" if deadline.days_left == 0
                                                        else f"in {deadline.days_left} days")
        marker = "-> " if deadline.is_next else "   "
        lines.append(f"{marker}{deadline.date}  {deadline.name} ({when})")
    return lines


def _unconfirmed_lines(status: DraftStatus) -> list[str]:
    if not status.unconfirmed:
        return []
    refs = ", ".join(item.ref for item in status.unconfirmed)
    return ["", f"Catalogue items not yet confirmed by the ISU ({len(status.unconfirmed)}): {refs}"]


def _figure_lines(status: DraftStatus) -> list[str]:
    """The figures of data/ each part cites, then every series with its latest figure, stale ones marked."""
    if not status.series:
        return []
    lines = ["", "Figures cited from data/:"]
    for part in status.parts:
        if part.figures:
            lines.append(f"   {part.title}: {', '.join(part.figures)}")
    lines.append("Series of data/:")
    for series in status.series:
        years = ", ".join(str(year) for year in series.years) or "no figures"
        mark = "!  " if series.stale else "   "
        note = "; stale: its latest figure is over a year older than the document" if series.stale else ""
        cited = f"; cited in {len(series.cited_by)} part(s)" if series.cited_by else "; not cited"
        lines.append(f"{mark}{series.file}: {years} (latest as of {series.latest_as_of or '-'}){cited}{note}")
    return lines


def print_rich(status: DraftStatus, console: Console | None = None) -> None:
    """Print the status as rich tables on a terminal (or on `console`, which may record them)."""
    from rich.console import Console  # only on a terminal: keeps piped and JSON output light
    from rich.table import Table

    console = console or Console()
    table = Table(title="Review Document: where the draft stands", title_justify="left")
    for header in HEADERS:
        table.add_column(header, overflow="fold")
    for part in status.parts:
        cells = _row(part)
        style = "red" if part.errors else ("yellow" if part.warnings else "")
        table.add_row(*cells, style=style)
    console.print(table)
    console.print(f"Document: {status.words:,} of {status.max_words:,} words "
                  f"{bar(status.words, status.max_words)}; {status.errors} errors, {status.warnings} warnings")
    for line in _timeline_lines(status) + _unconfirmed_lines(status) + _figure_lines(status):
        console.print(line, style="bold" if line.startswith("->") else "", highlight=False)
