"""The typed, frozen model passed between stages: loaded sections, their narrative and tables.

Nothing here knows about YAML, Markdown tokens, DOCX or HTML: the loader builds these objects,
the validators read them and the renderers turn them into output.
"""

from __future__ import annotations

from ccm_review.model.data import Series
from ccm_review.model.location import Location
from ccm_review.model.record import Record, set_field

# --- Front matter as a located tree (what the author wrote, before interpretation) -------------


class MetaScalar(Record):
    """A scalar of the front matter; `kind` is str, int, float, bool, null, date or other tag."""

    __slots__ = ("value", "kind", "location")  # noqa: RUF023
    value: str | int | float | bool | None
    kind: str
    location: Location

    def __init__(self, value: str | int | float | bool | None, kind: str, location: Location) -> None:
        set_field(self, "value", value)
        set_field(self, "kind", kind)
        set_field(self, "location", location)


class MetaEntry(Record):
    """One key of a mapping, with where the key itself was written."""

    __slots__ = ("key", "key_location", "value")
    key: str
    key_location: Location
    value: MetaNode

    def __init__(self, key: str, key_location: Location, value: MetaNode) -> None:
        set_field(self, "key", key)
        set_field(self, "key_location", key_location)
        set_field(self, "value", value)


class MetaMap(Record):
    """A mapping of the front matter, keys in source order."""

    __slots__ = ("entries", "location")
    entries: tuple[MetaEntry, ...]
    location: Location

    def __init__(self, entries: tuple[MetaEntry, ...], location: Location) -> None:
        set_field(self, "entries", entries)
        set_field(self, "location", location)

    def get(self, key: str) -> MetaNode | None:
        """Return the value of `key`, or None when absent."""
        entry = self.entry(key)
        return entry.value if entry is not None else None

    def entry(self, key: str) -> MetaEntry | None:
        """Return the entry of `key`, or None when absent."""
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


class MetaList(Record):
    """A sequence of the front matter."""

    __slots__ = ("items", "location")
    items: tuple[MetaNode, ...]
    location: Location

    def __init__(self, items: tuple[MetaNode, ...], location: Location) -> None:
        set_field(self, "items", items)
        set_field(self, "location", location)


MetaNode = MetaScalar | MetaMap | MetaList


# --- Inline content ------------------------------------------------------------------------------


class Text(Record):
    """Plain text."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        set_field(self, "text", text)


class Code(Record):
    """An inline code span, shown verbatim."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        set_field(self, "text", text)


class Styled(Record):
    """Emphasis, strong emphasis or strikethrough around other inlines."""

    __slots__ = ("style", "children")  # noqa: RUF023
    style: str  # "em" | "strong" | "strike"
    children: tuple[Inline, ...]

    def __init__(self, style: str, children: tuple[Inline, ...]) -> None:
        set_field(self, "style", style)
        set_field(self, "children", children)


class Link(Record):
    """A hyperlink; `href` as written, checked by the validators before anything renders it."""

    __slots__ = ("href", "children", "location")  # noqa: RUF023
    href: str
    children: tuple[Inline, ...]
    location: Location

    def __init__(self, href: str, children: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "href", href)
        set_field(self, "children", children)
        set_field(self, "location", location)


class FootnoteRef(Record):
    """A reference to a footnote of the same section, by label."""

    __slots__ = ("label", "location")
    label: str
    location: Location

    def __init__(self, label: str, location: Location) -> None:
        set_field(self, "label", label)
        set_field(self, "location", location)


class RawHtml(Record):
    """Raw HTML as the author typed it: always shown as literal text, never as markup."""

    __slots__ = ("text", "location")  # noqa: RUF023
    text: str
    location: Location

    def __init__(self, text: str, location: Location) -> None:
        set_field(self, "text", text)
        set_field(self, "location", location)


class LineBreak(Record):
    """A line break: `hard` for an explicit break, else a soft wrap shown as a space."""

    __slots__ = ("hard",)
    hard: bool

    def __init__(self, hard: bool = False) -> None:
        set_field(self, "hard", hard)


class Figure(Record):
    """A figure reference, `[=states-parties 2019]`: a point of a series of `data/`, by name and year.

    The loader resolves it against the data: `printed` is the value as printed (None when the
    series or the year does not exist, or `year` is None because the reference is malformed),
    `source` the point's source. The layout prints `printed`; the validators report what is unresolved.
    """

    __slots__ = ("series", "year", "raw", "location", "printed", "source")  # noqa: RUF023
    series: str
    year: int | None
    raw: str
    location: Location
    printed: str | None
    source: str | None

    def __init__(
        self,
        series: str,
        year: int | None,
        raw: str,
        location: Location,
        printed: str | None = None,
        source: str | None = None,
    ) -> None:
        set_field(self, "series", series)
        set_field(self, "year", year)
        set_field(self, "raw", raw)
        set_field(self, "location", location)
        set_field(self, "printed", printed)
        set_field(self, "source", source)

    @property
    def text(self) -> str:
        """What a reader sees: the value as printed, or the reference as typed when it is unresolved."""
        return self.printed if self.printed is not None else self.raw


Inline = Text | Code | Styled | Link | FootnoteRef | RawHtml | LineBreak | Figure


# --- Blocks --------------------------------------------------------------------------------------


class Heading(Record):
    """A narrative heading; level 2 is the first level an author may use."""

    __slots__ = ("level", "inlines", "location")  # noqa: RUF023
    level: int
    inlines: tuple[Inline, ...]
    location: Location

    def __init__(self, level: int, inlines: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "level", level)
        set_field(self, "inlines", inlines)
        set_field(self, "location", location)


class Paragraph(Record):
    """A paragraph of running text."""

    __slots__ = ("inlines", "location")
    inlines: tuple[Inline, ...]
    location: Location

    def __init__(self, inlines: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "inlines", inlines)
        set_field(self, "location", location)


class ListItem(Record):
    """One item of a list, holding blocks (usually one paragraph, maybe a nested list)."""

    __slots__ = ("blocks", "location")
    blocks: tuple[Block, ...]
    location: Location

    def __init__(self, blocks: tuple[Block, ...], location: Location) -> None:
        set_field(self, "blocks", blocks)
        set_field(self, "location", location)


class ListBlock(Record):
    """A bulleted or ordered list; rendered as lettered sub-paragraphs."""

    __slots__ = ("ordered", "items", "location")  # noqa: RUF023
    ordered: bool
    items: tuple[ListItem, ...]
    location: Location

    def __init__(self, ordered: bool, items: tuple[ListItem, ...], location: Location) -> None:
        set_field(self, "ordered", ordered)
        set_field(self, "items", items)
        set_field(self, "location", location)


class Quote(Record):
    """A block quotation."""

    __slots__ = ("blocks", "location")
    blocks: tuple[Block, ...]
    location: Location

    def __init__(self, blocks: tuple[Block, ...], location: Location) -> None:
        set_field(self, "blocks", blocks)
        set_field(self, "location", location)


class CodeBlock(Record):
    """Preformatted text, shown verbatim."""

    __slots__ = ("text", "location")  # noqa: RUF023
    text: str
    location: Location

    def __init__(self, text: str, location: Location) -> None:
        set_field(self, "text", text)
        set_field(self, "location", location)


class SimpleTable(Record):
    """A Markdown pipe table written in the narrative."""

    __slots__ = ("header", "rows", "location")  # noqa: RUF023
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    location: Location

    def __init__(
        self,
        header: tuple[tuple[Inline, ...], ...],
        rows: tuple[tuple[tuple[Inline, ...], ...], ...],
        location: Location,
    ) -> None:
        set_field(self, "header", header)
        set_field(self, "rows", rows)
        set_field(self, "location", location)


Block = Heading | Paragraph | ListBlock | Quote | CodeBlock | SimpleTable


class Ignore(Record):
    """An author's `<!-- ccm-review: ignore CCM041 -->`: silences those codes in the block after it.

    `codes` is empty when the comment could not be understood; `lines` is the first and last
    source line of the block it applies to, or None when no block follows it. Never rendered.
    """

    __slots__ = ("codes", "text", "location", "lines")  # noqa: RUF023
    codes: tuple[str, ...]
    text: str
    location: Location
    lines: tuple[int, int] | None

    def __init__(self, codes: tuple[str, ...], text: str, location: Location, lines: tuple[int, int] | None) -> None:
        set_field(self, "codes", codes)
        set_field(self, "text", text)
        set_field(self, "location", location)
        set_field(self, "lines", lines)


class Footnote(Record):
    """A footnote definition of a section."""

    __slots__ = ("label", "blocks", "location")  # noqa: RUF023
    label: str
    blocks: tuple[Block, ...]
    location: Location

    def __init__(self, label: str, blocks: tuple[Block, ...], location: Location) -> None:
        set_field(self, "label", label)
        set_field(self, "blocks", blocks)
        set_field(self, "location", location)


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
