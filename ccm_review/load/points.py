"""One figure of a data/ file, as typed, -> a Point, or findings that say why it is none (CCM071).

Shared by the CSV and the YAML readers, so that a figure means the same whichever file holds it:
a year in four figures, a value in digits with a decimal point, a source, and optionally the day
it is as of and its unit. Each problem is placed where its field was typed, when the reader knows.
"""

from __future__ import annotations

import re
from datetime import date

from ccm_review.model.data import PER_CENT, Point
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

REQUIRED = ("year", "value", "source")
OPTIONAL = ("date", "unit")
UNITS = ("", PER_CENT)
SERIES_NAME = compile_pattern(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = compile_pattern(r"-?\d+(?:\.\d+)?")
_YEAR = compile_pattern(r"\d{4}")


def read_point(row: dict[str, str], here: Location, findings: list[Finding],
               places: dict[str, Location] | None = None) -> Point | None:
    """Return the point `row` gives (field -> text as typed), or None after adding its problems to `findings`.

    `here` is where the figure starts; `places` where each of its fields was typed, if known.
    """
    year, value, source = row.get("year", ""), row.get("value", ""), row.get("source", "")
    day, unit = row.get("date", ""), row.get("unit", "")
    problems: list[tuple[str, str, str]] = []
    if not _YEAR.fullmatch(year):
        problems.append(("year", f"'{year}' is not a year" if year else "the figure has no year",
                         "write the year in four figures, e.g. 2019"))
    if not _NUMBER.fullmatch(value):
        problems.append(("value", f"'{value}' is not a number" if value else "the figure has no value",
                         _number_hint(value)))
    if not source:
        problems.append(("source", "the figure has no source", "name the source, e.g. 'Cluster Munition Monitor 2019'"))
    if unit not in UNITS:
        problems.append(("unit", f"'{unit}' is not a unit", f"leave it empty for a count, or write '{PER_CENT}'"))
    if day and not _day_of(day, year):
        problems.append(("date", f"'{day}' is not a day of {year}", "write the day the figure is as of as "
                         "YYYY-MM-DD, in the year of the figure, or leave it out"))
    for key, message, hint in problems:
        findings.append(finding("CCM071", message, (places or {}).get(key, here), hint))
    if problems:
        return None
    return Point(int(year), float(value), source, here, day, unit)


class Points:
    """The points of one series as they are read, each year once (CCM072 for a second figure of a year)."""

    __slots__ = ("points", "_lines")  # noqa: RUF023
    points: list[Point]
    _lines: dict[int, int]

    def __init__(self, points: list[Point] | None = None, _lines: dict[int, int] | None = None) -> None:
        self.points = list() if points is None else points
        self._lines = dict() if _lines is None else _lines

    def add(self, point: Point, findings: list[Finding]) -> None:
        """Keep `point` unless its year has a figure already, which is then a finding."""
        if point.year in self._lines:
            findings.append(finding("CCM072", f"the year {point.year} appears twice (first on line "
                                    f"{self._lines[point.year]})", point.location,
                                    "keep one figure a year: the latest correction"))
            return
        self._lines[point.year] = point.location.line
        self.points.append(point)

    def in_order(self) -> tuple[Point, ...]:
        """The points kept, in year order."""
        return tuple(sorted(self.points, key=lambda point: point.year))


def name_problem(name: str, file: str, example: str) -> Finding | None:
    """A finding when `name` (the file name without its suffix) cannot be cited as a series."""
    if SERIES_NAME.fullmatch(name):
        return None
    return finding("CCM070", f"'{file.rsplit('/', 1)[-1]}' is not a usable series name", Location(file, 1, 1),
                   f"name a series in lower case with hyphens, e.g. {example}: a figure reference cites it by "
                   "that name")


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
