"""The document tree as printed, shared by every writer: parts, tables, numbered items and notes.

Part numerals, table numbers, paragraph numbers, sub-paragraph letters and footnote numbers are
decided once (by `ccm_review.layout`), so no two outputs can disagree about them. Every item, row
and note keeps the source location it was laid out from, so that a paragraph number or a table
cell can be traced back to `sections/FILE.md:LINE`; an outline made by hand (in a test) may
leave it None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ccm_review.model.location import Location
from ccm_review.model.source import Inline, Masthead


@dataclass(frozen=True)
class NoteMark:
    """Where footnote `number` is referenced (replaces the model's FootnoteRef)."""

    number: int


@dataclass(frozen=True)
class TableNoteMark:
    """Where a table note is referenced: a lower-case letter, explained under the table."""

    letter: str


@dataclass(frozen=True)
class Inserted:
    """Runs a later draft added (a redline prints them as a tracked insertion)."""

    children: Runs


@dataclass(frozen=True)
class Deleted:
    """Runs a later draft removed (a redline prints them as a tracked deletion)."""

    children: Runs


Run = Inline | NoteMark | TableNoteMark | Inserted | Deleted
Runs = tuple[Run, ...]
# How a redline marks a whole item, row, note or part: added or removed between two drafts.
INSERTED = "inserted"
DELETED = "deleted"


@dataclass(frozen=True)
class HeadingItem:
    """A narrative heading; `depth` 1 is labelled A., B. ...; 2 is 1., 2. ...; 3 is (a), (b) ..."""

    kind: ClassVar[str] = "heading"
    depth: int
    label: str
    runs: Runs
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class NumberedItem:
    """A numbered paragraph of the document (numbers run through the whole document)."""

    kind: ClassVar[str] = "paragraph"
    number: int
    runs: Runs
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class SubItem:
    """A sub-paragraph from a list item: `depth` 1 is (a), (b) ...; 2 is (i), (ii) ...; 3 a bullet."""

    kind: ClassVar[str] = "sub"
    depth: int
    label: str
    runs: Runs
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class PlainItem:
    """An unnumbered paragraph: a quotation, or a further paragraph of a list item at `depth`."""

    kind: ClassVar[str] = "plain"
    runs: Runs
    depth: int
    quote: bool
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class CodeItem:
    """Preformatted text."""

    kind: ClassVar[str] = "code"
    text: str
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class GridItem:
    """A small table written in the narrative (unnumbered)."""

    kind: ClassVar[str] = "grid"
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


Item = HeadingItem | NumberedItem | SubItem | PlainItem | CodeItem | GridItem


@dataclass(frozen=True)
class TableColumn:
    """A column of an indicator table as printed."""

    key: str
    header: str
    width: float | None


@dataclass(frozen=True)
class TableNote:
    """A note under a table (UN style: footnotes of a table are lettered table notes)."""

    letter: str
    paragraphs: tuple[Runs, ...]
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class IndicatorTable:
    """A numbered indicator table, with its lettered notes: its caption is two lines, the label
    "Table `number`" and under it `title`, as UN documents print them.

    `rows` holds the printed cells; `row_locations` where each row was written, and
    `cell_locations` each cell (None for a cell the row does not give), row by row; a redline's
    `row_changes` marks rows added or removed, and `change` a table added or removed whole (its
    caption and header row with it).
    """

    number: int
    title: str
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[Runs, ...], ...]
    notes: tuple[TableNote, ...] = ()
    row_locations: tuple[Location, ...] = ()
    cell_locations: tuple[tuple[Location | None, ...], ...] = ()
    row_changes: tuple[str | None, ...] = ()  # in a redline: INSERTED or DELETED rows
    change: str | None = None  # in a redline: the whole table INSERTED or DELETED
    label_runs: Runs = ()  # in a redline: the label with its changes marked, when it changed
    title_runs: Runs = ()  # in a redline: the title with its changes marked, when it changed

    @property
    def label(self) -> str:
        """The caption's first line, e.g. "Table 4"."""
        return f"Table {self.number}"

    @property
    def name(self) -> str:
        """The caption read as one line, as a screen reader names the table: "Table 4, Action 4: Victim assistance"."""
        return f"{self.label}, {self.title}"


@dataclass(frozen=True)
class ChartPoint:
    """One point of a chart: its label on the axis (the year), its value, the value as a table prints it."""

    label: str
    value: float
    printed: str


@dataclass(frozen=True)
class Chart:
    """A numbered chart, a series drawn as a line or bars; its caption is two lines, the label
    "Figure `number`" and under it `title`.

    `description` says in one sentence what it shows (alt text); `source` is the line printed
    under it ("Source: ...").
    """

    number: int
    title: str
    description: str
    kind: str  # "line" | "bar"
    points: tuple[ChartPoint, ...]
    source: str
    location: Location | None = None
    change: str | None = None  # in a redline: the chart INSERTED or DELETED whole (its data or spec changed)
    label_runs: Runs = ()  # in a redline: the label with its new number marked, when only that changed

    @property
    def label(self) -> str:
        """The caption's first line, e.g. "Figure 1"."""
        return f"Figure {self.number}"

    @property
    def name(self) -> str:
        """The caption read as one line, as a screen reader names the chart: "Figure 1, States Parties, 2015-2019"."""
        return f"{self.label}, {self.title}"


@dataclass(frozen=True)
class Note:
    """A footnote as printed: its number, its paragraphs and where it was defined."""

    number: int
    paragraphs: tuple[Runs, ...]
    location: Location | None = None
    change: str | None = None  # INSERTED or DELETED in a redline


@dataclass(frozen=True)
class PartPlan:
    """One part of the document as printed; `source` is the section file it comes from."""

    key: str
    anchor: str
    numeral: str
    title: str
    source: str
    table: IndicatorTable | None
    items: tuple[Item, ...]
    change: str | None = None  # in a redline: a part added or removed whole
    charts: tuple[Chart, ...] = ()  # printed after the table
    title_runs: Runs = ()  # in a redline: the title with its changes marked, when it changed


@dataclass(frozen=True)
class Outline:
    """The whole document as printed, shared by every writer."""

    masthead: Masthead
    parts: tuple[PartPlan, ...]
    notes: tuple[Note, ...]
    draft: bool = False  # a part is not final yet: every output says "Draft"
