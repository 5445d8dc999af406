"""What the template adds to the print: table captions, cells as printed, the columns a table shows.

The layout prints these and `analyse.measure` counts them, from this one place, so that the word
count of `check` is the count of the printed document.
"""

from __future__ import annotations

from ccm_review.analyse.text import count_words, inline_text
from ccm_review.model.data import Point, Series
from ccm_review.model.source import ChartRequest, Row, Section
from ccm_review.spec.template import Column, PartSpec, Spec


def table_caption(title: str, part: PartSpec | None, spec: Spec) -> str:
    """Return the title of the table of a part titled `title`: the caption's line under its "Table N" label.

    An action's follows the template's `caption` ("Action 4: Victim assistance"); a part that is
    not an action has no action number, and its own title is its table's.
    """
    if part is not None and part.action is not None:
        return spec.caption.format(number=part.action.number, title=title)
    return title


def cell_text(row: Row, key: str, part: PartSpec | None, spec: Spec) -> str:
    """Return the text of cell `key` of `row` as printed."""
    cell = row.cell(key)
    if cell is None:
        return ""
    column = spec.column(key)
    if key == "ref" and part is not None and part.action is not None:
        item = part.action.item(cell.raw)
        if item is not None:
            return f"{cell.raw} {item.title}"
    if column is not None and column.values:
        return column.label(cell.raw)
    return inline_text(cell.inlines)


def printed_columns(section: Section, part: PartSpec | None, spec: Spec) -> tuple[Column, ...]:
    """Return the columns the table of `section` prints, in the template's order.

    An action's table has every column, so that the seven tables read alike. Another part's
    table leaves out a column no row fills: such a part has no DAP item for the "DAP item"
    column, which would otherwise stand empty, its row headers blank.
    """
    if part is not None and part.action is not None:
        return spec.columns
    rows = section.rows or ()
    filled = tuple(column for column in spec.columns
                   if any(cell_text(row, column.key, part, spec).strip() for row in rows))
    return filled or spec.columns


def chart_points(request: ChartRequest, series: tuple[Series, ...]) -> tuple[Point, ...]:
    """Return the points a chart draws: the years it names, or every year of its series."""
    found = next((candidate for candidate in series if candidate.name == request.series), None)
    if found is None:
        return ()
    return tuple(point for year in (request.years or found.years) if (point := found.point(year)) is not None)


def chart_source(points: tuple[Point, ...]) -> str:
    """Return the line printed under a chart: "Source: " and its points' sources, each once."""
    sources = tuple(dict.fromkeys(point.source for point in points))
    return f"Source: {'; '.join(sources)}." if sources else ""


def chart_words(request: ChartRequest, series: tuple[Series, ...]) -> int:
    """Return the words a chart prints: "Figure N", its title and its source line (the picture has none)."""
    return 2 + count_words(request.title) + count_words(chart_source(chart_points(request, series)))
