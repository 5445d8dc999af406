"""A project's data/ directory -> series of figures, with the findings that reading it produced.

One file a series. A CSV file is read with the standard library: a header line naming the
columns, then one line a year. A YAML file (`load.data_yaml`) lists the same fields a figure.
Decoding goes through `load.files`, so a BOM is accepted and UTF-16 or Latin-1 is reported as
for a section file (CCM003). What cannot be read as a figure is a finding with its file and line
(CCM070-CCM072), and the series keeps only the points that could be read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccm_review.load.files import MAX_SECTION_BYTES, EncodingProblem, read_source, refuse_entry
from ccm_review.load.points import OPTIONAL, REQUIRED, Points, name_problem, read_point
from ccm_review.model.data import Point, Series
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.project import DATA_DIR, DATA_SUFFIXES, is_ignored
from ccm_review.spec.rules import finding


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
                       if path.suffix in DATA_SUFFIXES and not is_ignored(path.name))
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
        loaded, problems = _READERS[path.suffix](text, file)
        findings.extend(problems)
        if loaded is None:
            continue
        twin = next((other for other in series if other.name == loaded.name), None)
        if twin is not None:
            findings.append(finding("CCM070", f"the series '{loaded.name}' is in {twin.file} already",
                                    Location(file, 1, 1), "keep one file a series: remove or rename this one"))
            continue
        series.append(loaded)
    return tuple(series), findings


def parse_series(text: str, file: str) -> tuple[Series | None, list[Finding]]:
    """Read the CSV `text` of data file `file` as a series; None when its name or header is unusable."""
    name = Path(file).stem
    problem = name_problem(name, file, "data/states-parties.csv")
    if problem is not None:
        return None, [problem]
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


# csv's default limit of a field's length: a longer line goes to the csv module, which refuses it.
_FIELD_LIMIT = 131072


def _cells(line: str) -> list[str] | None:
    """The cells of one CSV line, or None when it cannot be read (a quote left open)."""
    if line and len(line) <= _FIELD_LIMIT and '"' not in line and "\r" not in line:
        # A line without quotes or carriage returns is its commas' pieces, as csv reads it; csv is
        # imported only for the others (most data/ files have none), not on every check.
        return line.split(",")
    import csv

    try:
        return next(csv.reader([line], strict=True), [])
    except csv.Error:
        return None


def _header_problems(columns: list[str], file: str) -> list[Finding]:
    findings: list[Finding] = []
    known = (*REQUIRED, *OPTIONAL)
    for index, column in enumerate(columns):
        if column not in known:
            # difflib is imported only when a name is wrong: most runs never suggest one.
            import difflib

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
    points = Points()
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
        point: Point | None = read_point(row, here, findings)
        if point is not None:
            points.add(point, findings)
    return Series(name, file, points.in_order()), findings


def _parse_yaml_series(text: str, file: str) -> tuple[Series | None, list[Finding]]:
    # Imported when a YAML data file is read: a project of CSV files never needs the module.
    from ccm_review.load.data_yaml import parse_yaml_series

    return parse_yaml_series(text, file)


_READERS: dict[str, Callable[[str, str], tuple[Series | None, list[Finding]]]] = {
    ".csv": parse_series,
    ".yaml": _parse_yaml_series,
    ".yml": _parse_yaml_series,
}
