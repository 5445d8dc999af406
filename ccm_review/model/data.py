"""The ISU's implementation data as loaded from `data/`: series of figures, each with its source.

A series is one file of `data/` (its name is the file name without `.csv` or `.yaml`): one point a year, each
with its value, the source that gives it and, where known, the day the figure is as of. Section
files cite a point with a figure reference, `[=states-parties 2019]`; how a value is printed is
decided here, once, so that every part and every output prints the same text.
"""

from __future__ import annotations

from ccm_review.model.location import Location
from ccm_review.model.record import Record, set_field

PER_CENT = "per cent"
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class Point(Record):
    """One figure of a series: its year, value and source, the day it is as of (ISO, may be empty)."""

    __slots__ = ("year", "value", "source", "location", "date", "unit")  # noqa: RUF023
    year: int
    value: float
    source: str
    location: Location
    date: str
    unit: str  # "" for a count, PER_CENT for a percentage

    def __init__(self, year: int, value: float, source: str, location: Location, date: str = "",
                 unit: str = "") -> None:
        set_field(self, "year", year)
        set_field(self, "value", value)
        set_field(self, "source", source)
        set_field(self, "location", location)
        set_field(self, "date", date)
        set_field(self, "unit", unit)

    @property
    def as_of(self) -> str:
        """The day the figure is as of (ISO), its year's last day when the file gives none."""
        return self.date or f"{self.year}-12-31"


class Series(Record):
    """A series of figures: `name` (the file name without its suffix), its points in year order."""

    __slots__ = ("name", "file", "points")  # noqa: RUF023
    name: str
    file: str
    points: tuple[Point, ...]

    def __init__(self, name: str, file: str, points: tuple[Point, ...]) -> None:
        set_field(self, "name", name)
        set_field(self, "file", file)
        set_field(self, "points", points)

    def point(self, year: int) -> Point | None:
        """Return the point of `year`, or None when the series has none."""
        return next((point for point in self.points if point.year == year), None)

    @property
    def years(self) -> tuple[int, ...]:
        """The years the series has a figure for, in order."""
        return tuple(point.year for point in self.points)


def format_value(value: float, unit: str = "", in_table: bool = False) -> str:
    """Return `value` as a UN document prints it.

    Thousands take commas ("1,500"); a round number of millions is written "1.5 million"; a
    decimal keeps its leading zero ("0.5"); a percentage reads "99 per cent". In running text a
    whole number from one to nine is a word ("three"), as the editorial rules ask (CCM040);
    tables keep figures.
    """
    if value == int(value):
        whole = int(value)
        if not in_table and 0 <= whole <= 9 and not unit:
            text = _WORDS[whole]
        elif abs(whole) >= 1_000_000 and whole % 100_000 == 0:
            text = f"{whole / 1_000_000:,.1f}".removesuffix(".0") + " million"
        else:
            text = f"{whole:,}"
    else:
        text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return f"{text} {unit}" if unit else text
