"""The typed, frozen model of the sources passed between stages: sections, their tables, the document.

A `Section` is one section file: its front matter (the located tree of `model.meta` and the values
read from it), its indicator rows, its narrative (`model.narrative`), footnotes and charts; a
`Document` is the masthead, every section and the data of `data/`. Nothing here knows about YAML,
Markdown tokens, DOCX or HTML: the loader builds these objects, the validators read them and the
renderers turn them into output.
"""

from __future__ import annotations

from ccm_review.model.data import Series
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaMap
from ccm_review.model.narrative import Block, Footnote, Ignore, Inline
from ccm_review.model.record import Record, set_field

# --- Indicator table -----------------------------------------------------------------------------


class Cell(Record):
    """One cell of an indicator row: the raw value and its parsed inline content."""

    __slots__ = ("key", "raw", "inlines", "location")  # noqa: RUF023
    key: str
    raw: str
    inlines: tuple[Inline, ...]
    location: Location

    def __init__(self, key: str, raw: str, inlines: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "key", key)
        set_field(self, "raw", raw)
        set_field(self, "inlines", inlines)
        set_field(self, "location", location)


class Row(Record):
    """One row of an indicator table; `ref` is the catalogue item it reports on, if any."""

    __slots__ = ("ref", "cells", "location")  # noqa: RUF023
    ref: str | None
    cells: tuple[Cell, ...]
    location: Location

    def __init__(self, ref: str | None, cells: tuple[Cell, ...], location: Location) -> None:
        set_field(self, "ref", ref)
        set_field(self, "cells", cells)
        set_field(self, "location", location)

    def cell(self, key: str) -> Cell | None:
        """Return the cell of column `key`, or None when the row has none."""
        for cell in self.cells:
            if cell.key == key:
                return cell
        return None


# --- Charts ----------------------------------------------------------------------------------------


class ChartRequest(Record):
    """A `charts:` entry of the front matter: a series of data/ drawn as a line or bars.

    `years` is empty for every year of the series; the validators check the series, the years
    and that at least two points remain before anything is drawn.
    """

    __slots__ = ("series", "kind", "title", "description", "location", "years")  # noqa: RUF023
    series: str
    kind: str  # "line" | "bar"
    title: str
    description: str
    location: Location
    years: tuple[int, ...]

    def __init__(
        self,
        series: str,
        kind: str,
        title: str,
        description: str,
        location: Location,
        years: tuple[int, ...] = (),
    ) -> None:
        set_field(self, "series", series)
        set_field(self, "kind", kind)
        set_field(self, "title", title)
        set_field(self, "description", description)
        set_field(self, "location", location)
        set_field(self, "years", years)


# --- Sections and the document -------------------------------------------------------------------


class Section(Record):
    """One section file: its front matter (raw and interpreted), table, narrative and notes.

    Interpreted fields are None where the front matter did not give a usable value; the
    validators report why from `meta`.
    """

    __slots__ = (  # noqa: RUF023
        "path", "meta", "action", "part", "title", "status", "coordinators", "rows", "blocks", "footnotes",
        "body_lines", "body_offset", "ignores", "charts",
    )
    path: str
    meta: MetaMap | None
    action: int | None
    part: str | None
    title: str | None
    status: str | None
    coordinators: tuple[str, ...]
    rows: tuple[Row, ...] | None
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    body_lines: tuple[str, ...]
    body_offset: int
    ignores: tuple[Ignore, ...]
    charts: tuple[ChartRequest, ...]

    def __init__(
        self,
        path: str,
        meta: MetaMap | None,
        action: int | None = None,
        part: str | None = None,
        title: str | None = None,
        status: str | None = None,
        coordinators: tuple[str, ...] = (),
        rows: tuple[Row, ...] | None = None,
        blocks: tuple[Block, ...] = (),
        footnotes: tuple[Footnote, ...] = (),
        body_lines: tuple[str, ...] = (),
        body_offset: int = 0,
        ignores: tuple[Ignore, ...] = (),
        charts: tuple[ChartRequest, ...] = (),
    ) -> None:
        set_field(self, "path", path)
        set_field(self, "meta", meta)
        set_field(self, "action", action)
        set_field(self, "part", part)
        set_field(self, "title", title)
        set_field(self, "status", status)
        set_field(self, "coordinators", coordinators)
        set_field(self, "rows", rows)
        set_field(self, "blocks", blocks)
        set_field(self, "footnotes", footnotes)
        set_field(self, "body_lines", body_lines)
        set_field(self, "body_offset", body_offset)
        set_field(self, "ignores", ignores)
        set_field(self, "charts", charts)

    @property
    def location(self) -> Location:
        """Where findings about the whole file point: its first line."""
        return Location(self.path, 1, 1)

    @property
    def key(self) -> str | None:
        """The part this file claims: `action-N` or the part key."""
        if self.action is not None:
            return f"action-{self.action}"
        return self.part


class Milestone(Record):
    """A named deadline of the drafting timeline."""

    __slots__ = ("name", "date")  # noqa: RUF023
    name: str
    date: str  # ISO date, YYYY-MM-DD

    def __init__(self, name: str, date: str) -> None:
        set_field(self, "name", name)
        set_field(self, "date", date)


class Masthead(Record):
    """The cover block and metadata from sections/document.yaml (every field optional).

    A record like the others (it was a frozen dataclass, whose methods cost about 1 ms of every run's
    import); variants of it are made with `record.replace`.
    """

    __slots__ = (  # noqa: RUF023
        "body", "symbol", "distribution", "date", "original", "meeting", "session", "place", "meeting_dates",
        "agenda_item", "agenda_title", "title", "period", "submitted_by", "job_number", "language", "timeline",
    )
    body: str
    symbol: str
    distribution: str
    date: str  # ISO date, YYYY-MM-DD
    original: str
    meeting: str
    session: str
    place: str
    meeting_dates: str
    agenda_item: str
    agenda_title: str
    title: str
    period: str  # the period a report covers, printed under its title
    submitted_by: str
    job_number: str  # UNODA's, printed at the foot of page 1, e.g. "GE.20-06123(E)"
    language: str
    timeline: tuple[Milestone, ...]

    def __init__(self, body: str = "", symbol: str = "", distribution: str = "General", date: str = "",
                 original: str = "English", meeting: str = "", session: str = "", place: str = "",
                 meeting_dates: str = "", agenda_item: str = "", agenda_title: str = "", title: str = "",
                 period: str = "", submitted_by: str = "", job_number: str = "", language: str = "en",
                 timeline: tuple[Milestone, ...] = ()) -> None:
        set_field(self, "body", body)
        set_field(self, "symbol", symbol)
        set_field(self, "distribution", distribution)
        set_field(self, "date", date)
        set_field(self, "original", original)
        set_field(self, "meeting", meeting)
        set_field(self, "session", session)
        set_field(self, "place", place)
        set_field(self, "meeting_dates", meeting_dates)
        set_field(self, "agenda_item", agenda_item)
        set_field(self, "agenda_title", agenda_title)
        set_field(self, "title", title)
        set_field(self, "period", period)
        set_field(self, "submitted_by", submitted_by)
        set_field(self, "job_number", job_number)
        set_field(self, "language", language)
        set_field(self, "timeline", timeline)


class Document(Record):
    """Everything loaded from a project: the masthead and the sections, in file-name order."""

    __slots__ = ("masthead", "sections", "masthead_meta", "series")  # noqa: RUF023
    masthead: Masthead
    sections: tuple[Section, ...]
    masthead_meta: MetaMap | None
    series: tuple[Series, ...]  # the implementation data of data/, by file name

    def __init__(
        self,
        masthead: Masthead,
        sections: tuple[Section, ...] = (),
        masthead_meta: MetaMap | None = None,
        series: tuple[Series, ...] = (),
    ) -> None:
        set_field(self, "masthead", masthead)
        set_field(self, "sections", sections)
        set_field(self, "masthead_meta", masthead_meta)
        set_field(self, "series", series)

    def find_series(self, name: str) -> Series | None:
        """Return the series `name` of data/, or None when there is none."""
        return next((series for series in self.series if series.name == name), None)
