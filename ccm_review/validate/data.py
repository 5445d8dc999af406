"""Implementation data: figure references that cannot be resolved, references in code, figures dated
after the document or older than its period, numbers typed in a table that contradict the data,
charts that cannot be drawn (CCM073-CCM078).

Problems of the data files themselves (CCM070-CCM072) are found while loading them (`load.data`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ccm_review.analyse.walk import section_inlines, walk_inlines
from ccm_review.load.markdown import FIGURE
from ccm_review.model.data import Point, Series, format_value
from ccm_review.model.location import Location
from ccm_review.model.narrative import Code, Figure
from ccm_review.model.source import Document, Masthead, Row, Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.finding import Finding

_FOOTNOTE = compile_pattern(r"\[\^[^\]]*\]")
_YEAR = compile_pattern(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]*\d)")
_RANGE = compile_pattern(r"\d[\d,.]*\s*[-\u2013\u2014]\s*\d[\d,.]*")
# A number as typed: digits with thousands commas and a decimal part, maybe "million"; the words
# before it tell an article, action, item or paragraph number, and "of" a denominator ("6 of 10").
_NUMBER = compile_pattern(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s+million\b)?(?![\w]|[.,]\d)")
# The first day a period names: "2015-2020", "1 July 2018 to 30 June 2019", "2018-07-01 - 2019-06-30".
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_PERIOD_START = compile_pattern(r"(?<!\d)(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?:(?P<day>\d{1,2})\s+)?(?:(?P<month>"
                               + "|".join(_MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2}))(?!\d)", re.IGNORECASE)
# A title that ends with the years it covers: "Review Document of the ... Action Plan (2015-2020)".
_TITLE_PERIOD = compile_pattern(r"\(((?:19|20)\d{2}\s*[-\u2013]\s*(?:19|20)\d{2})\)\s*$")
_NOT_A_FIGURE = compile_pattern(r"(?:article|articles|art\.|action|actions|item|items|para\.|paragraph|rule|of|"
                               r"no\.|resolution|annex|table|figure)\s*$", re.IGNORECASE)


def check_data(analysis: Analysis) -> list[Finding]:
    """Return the findings about the figures the sections cite and the numbers they type."""
    document = analysis.document
    findings: list[Finding] = []
    for section in document.sections:
        findings.extend(_check_references(section, document))
        findings.extend(_check_code_spans(section))
        for row in section.rows or ():
            findings.extend(_check_row(row, document))
        findings.extend(_check_charts(section, document))
    return findings


def _check_charts(section: Section, document: Document) -> list[Finding]:
    """A chart is drawn whole or not at all: its series must exist with every year it names, two at least."""
    findings: list[Finding] = []
    for chart in section.charts:
        series = document.find_series(chart.series)
        if series is None:
            findings.append(finding("CCM077", f"the chart '{chart.title}' draws '{chart.series}', which is not a "
                                    "series of data/", chart.location, _series_hint(document)))
            continue
        missing = [year for year in chart.years if series.point(year) is None]
        if missing:
            findings.append(finding("CCM077", f"the chart '{chart.title}' draws {', '.join(map(str, missing))}, "
                                    f"for which {series.file} has no figure", chart.location,
                                    f"its years: {', '.join(map(str, series.years)) or 'none'}"))
        elif len(set(chart.years or series.years)) < 2:
            findings.append(finding("CCM077", f"the chart '{chart.title}' would have one point or none", chart.location,
                                    "a chart needs two years at least; cite a single figure in the text instead"))
    return findings


def _check_references(section: Section, document: Document) -> list[Finding]:
    findings: list[Finding] = []
    period = document_period(document.masthead)
    for inline in section_inlines(section):
        if not isinstance(inline, Figure):
            continue
        series = document.find_series(inline.series)
        if inline.year is None:
            findings.append(finding("CCM073", f"the figure reference '{inline.raw}' cannot be read", inline.location,
                                    "write the series' name and a year, e.g. [=states-parties 2019]"))
        elif series is None:
            findings.append(finding("CCM073", f"there is no series '{inline.series}' in data/", inline.location,
                                    _series_hint(document)))
        elif (point := series.point(inline.year)) is None:
            years = ", ".join(str(year) for year in series.years) or "none"
            findings.append(finding("CCM073", f"the series '{inline.series}' has no figure for {inline.year}",
                                    inline.location, f"{series.file} has figures for: {years}"))
        elif document.masthead.date and (point.date or f"{point.year}-01-01") > document.masthead.date:
            findings.append(finding("CCM076", f"the figure '{inline.raw}' is as of {point.date or point.year}, after "
                                    f"the document's date ({document.masthead.date})", inline.location,
                                    "cite a figure the document could know on its date, or change the date"))
        elif period is not None and point.as_of < period[1]:
            findings.append(finding("CCM078", f"the figure '{inline.raw}' is as of {point.date or point.year}, before "
                                    f"the period the document covers ({period[0]})", inline.location,
                                    "cite a figure of the period, or say in the text why an older figure is the "
                                    "latest there is"))
    return findings


def document_period(masthead: Masthead) -> tuple[str, str] | None:
    """Return the period the document covers as written and its first day (ISO), or None when it names none.

    The masthead's `period` says it; a Review Document without one names its years at the end of
    its title, in brackets. A period whose first day cannot be read is no period.
    """
    text = masthead.period.strip()
    if not text:
        in_title = _TITLE_PERIOD.search(masthead.title)
        text = in_title.group(1) if in_title else ""
    match = _PERIOD_START.search(text)
    if match is None:
        return None
    if match.group("iso"):
        try:
            return text, date.fromisoformat(match.group("iso")).isoformat()
        except ValueError:
            return None
    month = _MONTHS.index(match.group("month").lower()) + 1 if match.group("month") else 1
    day = int(match.group("day")) if match.group("day") and match.group("month") else 1
    try:
        return text, date(int(match.group("year")), month, day).isoformat()
    except ValueError:
        return None


def _series_hint(document: Document) -> str:
    names = ", ".join(series.name for series in document.series)
    return f"the series are: {names}" if names else "add the series as a CSV file in data/ (year,value,source)"


def _check_code_spans(section: Section) -> list[Finding]:
    """A reference in a code span is printed as typed: the author probably meant the figure."""
    places: list[Location] = []
    for index, line in enumerate(section.body_lines):
        if "[=" not in line:
            continue
        for match in FIGURE.finditer(line):
            # Inside a code span: an odd number of backticks before it and one at least after it.
            # Counted, not matched with a pattern, so that a long line of backticks costs no more.
            if line.count("`", 0, match.start()) % 2 == 1 and "`" in line[match.end():]:
                places.append(Location(section.path, section.body_offset + index + 1, match.start() + 1))
    for row in section.rows or ():
        for cell in row.cells:
            if any(isinstance(inline, Code) and FIGURE.search(inline.text) for inline in walk_inlines(cell.inlines)):
                places.append(cell.location)
    return [finding("CCM074", "a figure reference in a code span is printed as typed, not as the figure", place,
                    "remove the backticks around it to print the figure") for place in places]


def _check_row(row: Row, document: Document) -> list[Finding]:
    """Numbers typed in a row that cites a series, for a year the series has, must be its figures."""
    cited = {inline.series for cell in row.cells for inline in walk_inlines(cell.inlines)
             if isinstance(inline, Figure) and inline.printed is not None}
    findings: list[Finding] = []
    for name in sorted(cited):
        series = document.find_series(name)
        if series is None:
            continue
        for cell in row.cells:
            if any(isinstance(inline, Figure) for inline in walk_inlines(cell.inlines)):
                continue  # a cell that cites the data prints the data
            contradiction = _contradiction(cell.raw, series)
            if contradiction is not None:
                typed, point = contradiction
                findings.append(finding(
                    "CCM075", f"the cell says {typed} for {point.year}, but {series.file} gives "
                    f"{format_value(point.value, point.unit, in_table=True)} ({point.source})", cell.location,
                    f"cite the figure instead of typing it: [={series.name} {point.year}]"))
    return findings


def _contradiction(raw: str, series: Series) -> tuple[str, Point] | None:
    """Return the number typed in `raw` and the point it contradicts, when the cell names one year of
    `series` and none of its numbers is that year's figure."""
    text = _FOOTNOTE.sub(" ", raw)
    if _RANGE.search(text):
        return None  # a period or a range ("2015-2020", "92-106") is not one year's figure
    years = {int(match.group(0)) for match in _YEAR.finditer(text)}
    if len(years) != 1:
        return None
    point = series.point(years.pop())
    if point is None:
        return None
    numbers: list[tuple[str, float]] = []
    for match in _NUMBER.finditer(text):
        if _NOT_A_FIGURE.search(text[:match.start()]) or _YEAR.fullmatch(match.group(0)):
            continue
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        numbers.append((match.group(0).strip(), value * 1_000_000 if match.group(3) else value))
    if not numbers or any(value == point.value for _, value in numbers):
        return None
    return numbers[0][0], point
