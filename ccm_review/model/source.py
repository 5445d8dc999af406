"""The typed, frozen model passed between stages: loaded sections, their narrative and tables.

Nothing here knows about YAML, Markdown tokens, DOCX or HTML: the loader builds these objects,
the validators read them and the renderers turn them into output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccm_review.model.data import Series
from ccm_review.model.location import Location

# --- Front matter as a located tree (what the author wrote, before interpretation) -------------


@dataclass(frozen=True)
class MetaScalar:
    """A scalar of the front matter; `kind` is str, int, float, bool, null, date or other tag."""

    value: str | int | float | bool | None
    kind: str
    location: Location


@dataclass(frozen=True)
class MetaEntry:
    """One key of a mapping, with where the key itself was written."""

    key: str
    key_location: Location
    value: MetaNode


@dataclass(frozen=True)
class MetaMap:
    """A mapping of the front matter, keys in source order."""

    entries: tuple[MetaEntry, ...]
    location: Location

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


@dataclass(frozen=True)
class MetaList:
    """A sequence of the front matter."""

    items: tuple[MetaNode, ...]
    location: Location


MetaNode = MetaScalar | MetaMap | MetaList


# --- Inline content ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Code:
    """An inline code span, shown verbatim."""

    text: str


@dataclass(frozen=True)
class Styled:
    """Emphasis, strong emphasis or strikethrough around other inlines."""

    style: str  # "em" | "strong" | "strike"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink; `href` as written, checked by the validators before anything renders it."""

    href: str
    children: tuple[Inline, ...]
    location: Location


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to a footnote of the same section, by label."""

    label: str
    location: Location


@dataclass(frozen=True)
class RawHtml:
    """Raw HTML as the author typed it: always shown as literal text, never as markup."""

    text: str
    location: Location


@dataclass(frozen=True)
class LineBreak:
    """A line break: `hard` for an explicit break, else a soft wrap shown as a space."""

    hard: bool = False


@dataclass(frozen=True)
class Figure:
    """A figure reference, `[=states-parties 2019]`: a point of a series of `data/`, by name and year.

    The loader resolves it against the data: `printed` is the value as printed (None when the
    series or the year does not exist, or `year` is None because the reference is malformed),
    `source` the point's source. The layout prints `printed`; the validators report what is unresolved.
    """

    series: str
    year: int | None
    raw: str
    location: Location
    printed: str | None = None
    source: str | None = None

    @property
    def text(self) -> str:
        """What a reader sees: the value as printed, or the reference as typed when it is unresolved."""
        return self.printed if self.printed is not None else self.raw


Inline = Text | Code | Styled | Link | FootnoteRef | RawHtml | LineBreak | Figure


# --- Blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A narrative heading; level 2 is the first level an author may use."""

    level: int
    inlines: tuple[Inline, ...]
    location: Location


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    inlines: tuple[Inline, ...]
    location: Location


@dataclass(frozen=True)
class ListItem:
    """One item of a list, holding blocks (usually one paragraph, maybe a nested list)."""

    blocks: tuple[Block, ...]
    location: Location


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or ordered list; rendered as lettered sub-paragraphs."""

    ordered: bool
    items: tuple[ListItem, ...]
    location: Location


@dataclass(frozen=True)
class Quote:
    """A block quotation."""

    blocks: tuple[Block, ...]
    location: Location


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text, shown verbatim."""

    text: str
    location: Location


@dataclass(frozen=True)
class SimpleTable:
    """A Markdown pipe table written in the narrative."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    location: Location


Block = Heading | Paragraph | ListBlock | Quote | CodeBlock | SimpleTable


@dataclass(frozen=True)
class Ignore:
    """An author's `<!-- ccm-review: ignore CCM041 -->`: silences those codes in the block after it.

    `codes` is empty when the comment could not be understood; `lines` is the first and last
    source line of the block it applies to, or None when no block follows it. Never rendered.
    """

    codes: tuple[str, ...]
    text: str
    location: Location
    lines: tuple[int, int] | None


@dataclass(frozen=True)
class Footnote:
    """A footnote definition of a section."""

    label: str
    blocks: tuple[Block, ...]
    location: Location


# --- Indicator table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell of an indicator row: the raw value and its parsed inline content."""

    key: str
    raw: str
    inlines: tuple[Inline, ...]
    location: Location


@dataclass(frozen=True)
class Row:
    """One row of an indicator table; `ref` is the catalogue item it reports on, if any."""

    ref: str | None
    cells: tuple[Cell, ...]
    location: Location

    def cell(self, key: str) -> Cell | None:
        """Return the cell of column `key`, or None when the row has none."""
        for cell in self.cells:
            if cell.key == key:
                return cell
        return None


# --- Charts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartRequest:
    """A `charts:` entry of the front matter: a series of data/ drawn as a line or bars.

    `years` is empty for every year of the series; the validators check the series, the years
    and that at least two points remain before anything is drawn.
    """

    series: str
    kind: str  # "line" | "bar"
    title: str
    description: str
    location: Location
    years: tuple[int, ...] = ()


# --- Sections and the document -------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One section file: its front matter (raw and interpreted), table, narrative and notes.

    Interpreted fields are None where the front matter did not give a usable value; the
    validators report why from `meta`.
    """

    path: str
    meta: MetaMap | None
    action: int | None = None
    part: str | None = None
    title: str | None = None
    status: str | None = None
    coordinators: tuple[str, ...] = ()
    rows: tuple[Row, ...] | None = None
    blocks: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    body_lines: tuple[str, ...] = ()
    body_offset: int = 0
    ignores: tuple[Ignore, ...] = ()
    charts: tuple[ChartRequest, ...] = ()

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


@dataclass(frozen=True)
class Milestone:
    """A named deadline of the drafting timeline."""

    name: str
    date: str  # ISO date, YYYY-MM-DD


@dataclass(frozen=True)
class Masthead:
    """The cover block and metadata from sections/document.yaml."""

    body: str = ""
    symbol: str = ""
    distribution: str = "General"
    date: str = ""  # ISO date, YYYY-MM-DD
    original: str = "English"
    meeting: str = ""
    session: str = ""
    place: str = ""
    meeting_dates: str = ""
    agenda_item: str = ""
    agenda_title: str = ""
    title: str = ""
    period: str = ""  # the period a report covers, printed under its title
    submitted_by: str = ""
    job_number: str = ""  # UNODA's, printed at the foot of page 1, e.g. "GE.20-06123(E)"
    language: str = "en"
    timeline: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Document:
    """Everything loaded from a project: the masthead and the sections, in file-name order."""

    masthead: Masthead
    sections: tuple[Section, ...] = field(default_factory=tuple)
    masthead_meta: MetaMap | None = None
    series: tuple[Series, ...] = ()  # the implementation data of data/, by file name

    def find_series(self, name: str) -> Series | None:
        """Return the series `name` of data/, or None when there is none."""
        return next((series for series in self.series if series.name == name), None)
