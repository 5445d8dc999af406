"""A project's data/ directory -> series of figures, with the findings that reading it produced.

One CSV file a series, read with the standard library: a header line naming the columns, then one
line a year. Decoding goes through `load.files`, so a BOM is accepted and UTF-16 or Latin-1 is
reported as for a section file (CCM003). What cannot be read as a figure is a finding with its
file and line (CCM070-CCM072), and the series keeps only the points that could be read.
"""

from __future__ import annotations

import csv
import difflib
import re
from datetime import date
from pathlib import Path

from ccm_review.load.files import MAX_SECTION_BYTES, EncodingProblem, read_source, refuse_entry
from ccm_review.model.data import PER_CENT, Point, Series
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.project import DATA_DIR, DATA_SUFFIX, is_ignored
from ccm_review.spec.rules import finding

REQUIRED = ("year", "value", "source")
OPTIONAL = ("date", "unit")
UNITS = ("", PER_CENT)
SERIES_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_YEAR = re.compile(r"\d{4}")


def load_data(project: Path) -> tuple[tuple[Series, ...], list[Finding]]:
    """Load every series of `project`'s data/ (none when the folder is absent); never raises for bad content."""
    directory = project / DATA_DIR
    if not directory.is_dir():
        return (), []
    root = project.resolve()
    series: list[Series] = []
    findings: list[Finding] = []
    try:
        paths = sorted(path for path in directory.iterdir()
                       if path.suffix == DATA_SUFFIX and not is_ignored(path.name))
    except OSError as error:
        return (), [finding("CCM008", f"the folder cannot be read: {error.strerror or error}",
                            Location(DATA_DIR, 1, 1), "check that you may read the folder")]
    for path in paths:
        file = f"{DATA_DIR}/{path.name}"
        refusal = refuse_entry(path, root)
        if refusal is not None:
            findings.append(finding("CCM008", refusal.message, Location(file, 1, 1), refusal.hint))
            continue
        text = read_source(path, file, MAX_SECTION_BYTES)
        if isinstance(text, EncodingProblem):
            findings.append(finding(text.code, text.message, text.location, text.hint))
            continue
        loaded, problems = parse_series(text, file)
        findings.extend(problems)
        if loaded is not None:
            series.append(loaded)
    return tuple(series), findings


def parse_series(text: str, file: str) -> tuple[Series | None, list[Finding]]:
    """Read the CSV `text` of data file `file` as a series; None when its name or header is unusable."""
    name = Path(file).stem
    if not SERIES_NAME.fullmatch(name):
        return None, [finding("CCM070", f"'{Path(file).name}' is not a usable series name", Location(file, 1, 1),
                              "name a series in lower case with hyphens, e.g. data/states-parties.csv: "
                              "a figure reference cites it by that name")]
    lines = text.split("\n")
    header = _cells(lines[0]) if lines else None
    if header is None:
        return None, [finding("CCM070", "the header line cannot be read as CSV", Location(file, 1, 1),
                              "write the column names separated by commas: 'year,value,source'")]
    if not any(cell.strip() for cell in header):
        return None, [finding("CCM070", "the file has no header line", Location(file, 1, 1),
                              "start with the line 'year,value,source' (optionally ',date,unit')")]
    columns = [cell.strip().lower() for cell in header]
    problems = _header_problems(columns, file)
    if problems:
        return None, problems
    return _points(lines[1:], columns, name, file)


def _cells(line: str) -> list[str] | None:
    """The cells of one CSV line, or None when it cannot be read (a quote left open)."""
    try:
        return next(csv.reader([line], strict=True), [])
    except csv.Error:
        return None


def _header_problems(columns: list[str], file: str) -> list[Finding]:
    findings: list[Finding] = []
    known = (*REQUIRED, *OPTIONAL)
    for index, column in enumerate(columns):
        if column not in known:
            close = difflib.get_close_matches(column, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the columns are {', '.join(known)}"
            findings.append(finding("CCM070", f"unknown column '{column}'", Location(file, 1, _column(columns, index)),
                                    hint))
        elif columns.index(column) != index:
            findings.append(finding("CCM070", f"the column '{column}' appears twice",
                                    Location(file, 1, _column(columns, index)), "keep one of them"))
    for column in REQUIRED:
        if column not in columns:
            findings.append(finding("CCM070", f"the column '{column}' is missing", Location(file, 1, 1),
                                    "the header line is 'year,value,source' (optionally ',date,unit')"))
    return findings


def _column(cells: list[str], index: int) -> int:
    """The 1-based column where cell `index` of a comma-separated line starts."""
    return sum(len(cell) + 1 for cell in cells[:index]) + 1


def _points(lines: list[str], columns: list[str], name: str, file: str) -> tuple[Series, list[Finding]]:
    findings: list[Finding] = []
    points: list[Point] = []
    seen: dict[int, int] = {}
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        here = Location(file, number, 1)
        cells = _cells(line)
        if cells is None:
            findings.append(finding("CCM070", "the line cannot be read as CSV: a quote is left open", here,
                                    "close the quotation mark, or write the value without quotes"))
            continue
        if len(cells) != len(columns):
            findings.append(finding("CCM070", f"the line has {len(cells)} values for {len(columns)} columns", here,
                                    "a value with a comma in it must be in double quotes, e.g. \"ISU, 2019\""))
            continue
        row = {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}
        point = _point(row, here, findings)
        if point is None:
            continue
        if point.year in seen:
            findings.append(finding("CCM072", f"the year {point.year} appears twice (first on line {seen[point.year]})",
                                    here, "keep one figure a year: the latest correction"))
            continue
        seen[point.year] = number
        points.append(point)
    return Series(name, file, tuple(sorted(points, key=lambda point: point.year))), findings


def _point(row: dict[str, str], here: Location, findings: list[Finding]) -> Point | None:
    year, value, source = row["year"], row["value"], row["source"]
    day, unit = row.get("date", ""), row.get("unit", "")
    problems: list[tuple[str, str]] = []
    if not _YEAR.fullmatch(year):
        problems.append((f"'{year}' is not a year", "write the year in four figures, e.g. 2019"))
    if not _NUMBER.fullmatch(value):
        problems.append((f"'{value}' is not a number", _number_hint(value)))
    if not source:
        problems.append(("the figure has no source", "name the source, e.g. 'Cluster Munition Monitor 2019'"))
    if unit not in UNITS:
        problems.append((f"'{unit}' is not a unit", f"leave it empty for a count, or write '{PER_CENT}'"))
    if day and not _day_of(day, year):
        problems.append((f"'{day}' is not a day of {year}", "write the day the figure is as of as YYYY-MM-DD, "
                         "in the year of the row, or leave it empty"))
    for message, hint in problems:
        findings.append(finding("CCM071", message, here, hint))
    if problems:
        return None
    return Point(int(year), float(value), source, here, day, unit)


def _number_hint(value: str) -> str:
    if re.fullmatch(r"-?\d+,\d{1,2}", value):
        return f"write a decimal point, not a comma: {value.replace(',', '.')}"
    if re.fullmatch(r"-?\d{1,3}([, ]\d{3})+", value):
        return f"write the number without separators: {re.sub('[, ]', '', value)} (the document adds them)"
    return "write the figure alone, in digits, e.g. 106 or 99.5; put words in the source or the text"


def _day_of(day: str, year: str) -> bool:
    try:
        return date.fromisoformat(day).isoformat() == day and day[:4] == year
    except ValueError:
        return False
