"""`ccm-review status` as plain text (piped), a rich table (terminal) or JSON."""

from __future__ import annotations

import json
import textwrap
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
# The columns left out first when a terminal is too narrow for all: the part's title and its words,
# items and findings stay; its file name shows in every finding anyway.
_DROP_ORDER = ("File", "Coordinators", "Changed", "Status", "Items")
_GAP = 2
_MIN_TITLE = 20  # a part title cut to this still says which part it is


def columns_for(status: DraftStatus, width: int) -> list[int]:
    """Return the indexes of HEADERS to show so that the table fits `width` characters, part titles
    cut to no less than _MIN_TITLE characters."""
    rows = [HEADERS, *(_row(part) for part in status.parts)]
    shown = list(range(len(HEADERS)))
    for name in _DROP_ORDER:
        widths = [max(len(row[i]) for row in rows) for i in shown]
        widths[0] = min(widths[0], _MIN_TITLE)
        if sum(widths) + _GAP * (len(widths) - 1) <= width:
            break
        shown.remove(HEADERS.index(name))
    return shown


def format_text(status: DraftStatus, width: int | None = None) -> str:
    """Return the status as plain text, aligned in columns; with `width`, fitted to that many characters
    (columns left out, long part titles cut, long lines wrapped)."""
    shown = list(range(len(HEADERS))) if width is None else columns_for(status, width)
    rows = [[row[i] for i in shown] for row in [HEADERS, *(_row(part) for part in status.parts)]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(shown))]
    if width is not None:
        spare = width - (sum(widths) + _GAP * (len(widths) - 1))
        if spare < 0:  # cut the titles, the one column whose text can be shortened
            widths[0] = max(_MIN_TITLE, widths[0] + spare)
            for row in rows[1:]:
                row[0] = _cut(row[0], widths[0])
    lines = ["  ".join(cell.ljust(size) for cell, size in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * size for size in widths))
    lines.append("")
    lines.append(f"Document: {status.words:,} of {status.max_words:,} words {bar(status.words, status.max_words)}; "
                 f"{_counts(status.errors, status.warnings)}")
    lines.extend(_timeline_lines(status))
    lines.extend(_unconfirmed_lines(status))
    lines.extend(_figure_lines(status))
    if width is not None:
        lines = [wrapped for line in lines for wrapped in (textwrap.wrap(line, width, subsequent_indent="   ",
                                                                          break_on_hyphens=False) or [""])]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _counts(errors: int, warnings: int) -> str:
    return f"{errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}"


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
    count = len(status.unconfirmed)
    return ["", f"Catalogue {status.item_term}s not yet confirmed by the ISU ({count}): {refs}"]


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
    """Print the status as rich tables on a terminal (or on `console`, which may record them), with the
    columns that fit the terminal's width."""
    from rich.console import Console  # only on a terminal: keeps piped and JSON output light
    from rich.table import Table

    console = console or Console()
    shown = columns_for(status, console.width - 3 * len(HEADERS))  # rich's borders and padding
    table = Table(title="Review Document: where the draft stands", title_justify="left")
    for index in shown:
        table.add_column(HEADERS[index], overflow="ellipsis" if index == 0 else "fold", no_wrap=index == 0)
    for part in status.parts:
        cells = _row(part)
        style = "red" if part.errors else ("yellow" if part.warnings else "")
        table.add_row(*(cells[index] for index in shown), style=style)
    console.print(table)
    console.print(f"Document: {status.words:,} of {status.max_words:,} words "
                  f"{bar(status.words, status.max_words)}; {_counts(status.errors, status.warnings)}")
    for line in _timeline_lines(status) + _unconfirmed_lines(status) + _figure_lines(status):
        console.print(line, style="bold" if line.startswith("->") else "", highlight=False)
