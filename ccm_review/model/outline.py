"""The document tree as printed, shared by every writer: parts, tables, numbered items and notes.

Part numerals, table numbers, paragraph numbers, sub-paragraph letters and footnote numbers are
decided once (by `ccm_review.layout`), so no two outputs can disagree about them. Every item, row
and note keeps the source location it was laid out from, so that a paragraph number or a table
cell can be traced back to `sections/FILE.md:LINE`; an outline made by hand (in a test) may
leave it None.
"""

from __future__ import annotations

from typing import ClassVar

from ccm_review.model.location import Location
from ccm_review.model.narrative import Inline
from ccm_review.model.record import Record, set_field
from ccm_review.model.source import Masthead


class NoteMark(Record):
    """Where footnote `number` is referenced (replaces the model's FootnoteRef)."""

    __slots__ = ("number",)
    number: int

    def __init__(self, number: int) -> None:
        set_field(self, "number", number)


class TableNoteMark(Record):
    """Where a table note is referenced: a lower-case letter, explained under the table."""

    __slots__ = ("letter",)
    letter: str

    def __init__(self, letter: str) -> None:
        set_field(self, "letter", letter)


class Inserted(Record):
    """Runs a later draft added (a redline prints them as a tracked insertion)."""

    __slots__ = ("children",)
    children: Runs

    def __init__(self, children: Runs) -> None:
        set_field(self, "children", children)


class Deleted(Record):
    """Runs a later draft removed (a redline prints them as a tracked deletion)."""

    __slots__ = ("children",)
    children: Runs

    def __init__(self, children: Runs) -> None:
        set_field(self, "children", children)


Run = Inline | NoteMark | TableNoteMark | Inserted | Deleted
Runs = tuple[Run, ...]
# How a redline marks a whole item, row, note or part: added or removed between two drafts.
INSERTED = "inserted"
DELETED = "deleted"


def tracked(runs: Runs, change: str) -> Inserted | Deleted:
    """Return `runs` of something a redline marks whole (`change` INSERTED or DELETED) as printed there."""
    return Inserted(runs) if change == INSERTED else Deleted(runs)


class HeadingItem(Record):
    """A narrative heading; `depth` 1 is labelled A., B. ...; 2 is 1., 2. ...; 3 is (a), (b) ..."""

    kind: ClassVar[str] = "heading"
    __slots__ = ("depth", "label", "runs", "location", "change")  # noqa: RUF023
    depth: int
    label: str
    runs: Runs
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, depth: int, label: str, runs: Runs, location: Location | None = None,
                 change: str | None = None) -> None:
        set_field(self, "depth", depth)
        set_field(self, "label", label)
        set_field(self, "runs", runs)
        set_field(self, "location", location)
        set_field(self, "change", change)


class NumberedItem(Record):
    """A numbered paragraph of the document (numbers run through the whole document)."""

    kind: ClassVar[str] = "paragraph"
    __slots__ = ("number", "runs", "location", "change")  # noqa: RUF023
    number: int
    runs: Runs
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, number: int, runs: Runs, location: Location | None = None, change: str | None = None) -> None:
        set_field(self, "number", number)
        set_field(self, "runs", runs)
        set_field(self, "location", location)
        set_field(self, "change", change)


class SubItem(Record):
    """A sub-paragraph from a list item: `depth` 1 is (a), (b) ...; 2 is (i), (ii) ...; 3 a bullet."""

    kind: ClassVar[str] = "sub"
    __slots__ = ("depth", "label", "runs", "location", "change")  # noqa: RUF023
    depth: int
    label: str
    runs: Runs
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, depth: int, label: str, runs: Runs, location: Location | None = None,
                 change: str | None = None) -> None:
        set_field(self, "depth", depth)
        set_field(self, "label", label)
        set_field(self, "runs", runs)
        set_field(self, "location", location)
        set_field(self, "change", change)


class PlainItem(Record):
    """An unnumbered paragraph: a quotation, or a further paragraph of a list item at `depth`."""

    kind: ClassVar[str] = "plain"
    __slots__ = ("runs", "depth", "quote", "location", "change")  # noqa: RUF023
    runs: Runs
    depth: int
    quote: bool
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, runs: Runs, depth: int, quote: bool, location: Location | None = None,
                 change: str | None = None) -> None:
        set_field(self, "runs", runs)
        set_field(self, "depth", depth)
        set_field(self, "quote", quote)
        set_field(self, "location", location)
        set_field(self, "change", change)


class CodeItem(Record):
    """Preformatted text."""

    kind: ClassVar[str] = "code"
    __slots__ = ("text", "location", "change")  # noqa: RUF023
    text: str
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, text: str, location: Location | None = None, change: str | None = None) -> None:
        set_field(self, "text", text)
        set_field(self, "location", location)
        set_field(self, "change", change)


class GridItem(Record):
    """A small table written in the narrative (unnumbered)."""

    kind: ClassVar[str] = "grid"
    __slots__ = ("header", "rows", "location", "change")  # noqa: RUF023
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, header: tuple[Runs, ...], rows: tuple[tuple[Runs, ...], ...], location: Location | None = None,
                 change: str | None = None) -> None:
        set_field(self, "header", header)
        set_field(self, "rows", rows)
        set_field(self, "location", location)
        set_field(self, "change", change)


Item = HeadingItem | NumberedItem | SubItem | PlainItem | CodeItem | GridItem


class TableColumn(Record):
    """A column of an indicator table as printed."""

    __slots__ = ("key", "header", "width")  # noqa: RUF023
    key: str
    header: str
    width: float | None

    def __init__(self, key: str, header: str, width: float | None) -> None:
        set_field(self, "key", key)
        set_field(self, "header", header)
        set_field(self, "width", width)


class TableNote(Record):
    """A note under a table (UN style: footnotes of a table are lettered table notes)."""

    __slots__ = ("letter", "paragraphs", "location", "change")  # noqa: RUF023
    letter: str
    paragraphs: tuple[Runs, ...]
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, letter: str, paragraphs: tuple[Runs, ...], location: Location | None = None,
                 change: str | None = None) -> None:
        set_field(self, "letter", letter)
        set_field(self, "paragraphs", paragraphs)
        set_field(self, "location", location)
        set_field(self, "change", change)


class IndicatorTable(Record):
    """A numbered indicator table, with its lettered notes: its caption is two lines, the label
    "Table `number`" and under it `title`, as UN documents print them.

    `rows` holds the printed cells; `row_locations` where each row was written, and
    `cell_locations` each cell (None for a cell the row does not give), row by row; a redline's
    `row_changes` marks rows added or removed, and `change` a table added or removed whole (its
    caption and header row with it).
    """

    __slots__ = (  # noqa: RUF023
        "number", "title", "columns", "rows", "notes", "row_locations", "cell_locations", "row_changes", "change",
        "label_runs", "title_runs",
    )
    number: int
    title: str
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[Runs, ...], ...]
    notes: tuple[TableNote, ...]
    row_locations: tuple[Location, ...]
    cell_locations: tuple[tuple[Location | None, ...], ...]
    row_changes: tuple[str | None, ...]  # in a redline: INSERTED or DELETED rows
    change: str | None  # in a redline: the whole table INSERTED or DELETED
    label_runs: Runs  # in a redline: the label with its changes marked, when it changed
    title_runs: Runs  # in a redline: the title with its changes marked, when it changed

    def __init__(self, number: int, title: str, columns: tuple[TableColumn, ...], rows: tuple[tuple[Runs, ...], ...],
                 notes: tuple[TableNote, ...] = (), row_locations: tuple[Location, ...] = (),
                 cell_locations: tuple[tuple[Location | None, ...], ...] = (), row_changes: tuple[str | None, ...] = (),
                 change: str | None = None, label_runs: Runs = (), title_runs: Runs = ()) -> None:
        set_field(self, "number", number)
        set_field(self, "title", title)
        set_field(self, "columns", columns)
        set_field(self, "rows", rows)
        set_field(self, "notes", notes)
        set_field(self, "row_locations", row_locations)
        set_field(self, "cell_locations", cell_locations)
        set_field(self, "row_changes", row_changes)
        set_field(self, "change", change)
        set_field(self, "label_runs", label_runs)
        set_field(self, "title_runs", title_runs)

    @property
    def label(self) -> str:
        """The caption's first line, e.g. "Table 4"."""
        return f"Table {self.number}"

    @property
    def name(self) -> str:
        """The caption read as one line, as a screen reader names the table: "Table 4, Action 4: Victim assistance"."""
        return f"{self.label}, {self.title}"


class ChartPoint(Record):
    """One point of a chart: its label on the axis (the year), its value, the value as a table prints it."""

    __slots__ = ("label", "value", "printed")  # noqa: RUF023
    label: str
    value: float
    printed: str

    def __init__(self, label: str, value: float, printed: str) -> None:
        set_field(self, "label", label)
        set_field(self, "value", value)
        set_field(self, "printed", printed)


class Chart(Record):
    """A numbered chart, a series drawn as a line or bars; its caption is two lines, the label
    "Figure `number`" and under it `title`.

    `description` says in one sentence what it shows (alt text); `source` is the line printed
    under it ("Source: ...").
    """

    __slots__ = (  # noqa: RUF023
        "number", "title", "description", "kind", "points", "source", "location", "change", "label_runs",
    )
    number: int
    title: str
    description: str
    kind: str  # "line" | "bar"
    points: tuple[ChartPoint, ...]
    source: str
    location: Location | None
    change: str | None  # in a redline: the chart INSERTED or DELETED whole (its data or spec changed)
    label_runs: Runs  # in a redline: the label with its new number marked, when only that changed

    def __init__(self, number: int, title: str, description: str, kind: str, points: tuple[ChartPoint, ...],
                 source: str, location: Location | None = None, change: str | None = None,
                 label_runs: Runs = ()) -> None:
        set_field(self, "number", number)
        set_field(self, "title", title)
        set_field(self, "description", description)
        set_field(self, "kind", kind)
        set_field(self, "points", points)
        set_field(self, "source", source)
        set_field(self, "location", location)
        set_field(self, "change", change)
        set_field(self, "label_runs", label_runs)

    @property
    def label(self) -> str:
        """The caption's first line, e.g. "Figure 1"."""
        return f"Figure {self.number}"

    @property
    def name(self) -> str:
        """The caption read as one line, as a screen reader names the chart: "Figure 1, States Parties, 2015-2019"."""
        return f"{self.label}, {self.title}"


class Note(Record):
    """A footnote as printed: its number, its paragraphs and where it was defined."""

    __slots__ = ("number", "paragraphs", "location", "change")  # noqa: RUF023
    number: int
    paragraphs: tuple[Runs, ...]
    location: Location | None
    change: str | None  # INSERTED or DELETED in a redline

    def __init__(self, number: int, paragraphs: tuple[Runs, ...], location: Location | None = None,
                 change: str | None = None) -> None:
        set_field(self, "number", number)
        set_field(self, "paragraphs", paragraphs)
        set_field(self, "location", location)
        set_field(self, "change", change)


class PartPlan(Record):
    """One part of the document as printed; `source` is the section file it comes from."""

    __slots__ = (  # noqa: RUF023
        "key", "anchor", "numeral", "title", "source", "table", "items", "change", "charts", "title_runs",
    )
    key: str
    anchor: str
    numeral: str
    title: str
    source: str
    table: IndicatorTable | None
    items: tuple[Item, ...]
    change: str | None  # in a redline: a part added or removed whole
    charts: tuple[Chart, ...]  # printed after the table
    title_runs: Runs  # in a redline: the title with its changes marked, when it changed

    def __init__(self, key: str, anchor: str, numeral: str, title: str, source: str, table: IndicatorTable | None,
                 items: tuple[Item, ...], change: str | None = None, charts: tuple[Chart, ...] = (),
                 title_runs: Runs = ()) -> None:
        set_field(self, "key", key)
        set_field(self, "anchor", anchor)
        set_field(self, "numeral", numeral)
        set_field(self, "title", title)
        set_field(self, "source", source)
        set_field(self, "table", table)
        set_field(self, "items", items)
        set_field(self, "change", change)
        set_field(self, "charts", charts)
        set_field(self, "title_runs", title_runs)


class Outline(Record):
    """The whole document as printed, shared by every writer."""

    __slots__ = ("masthead", "parts", "notes", "draft")  # noqa: RUF023
    masthead: Masthead
    parts: tuple[PartPlan, ...]
    notes: tuple[Note, ...]
    draft: bool  # a part is not final yet: every output says "Draft"

    def __init__(self, masthead: Masthead, parts: tuple[PartPlan, ...], notes: tuple[Note, ...],
                 draft: bool = False) -> None:
        set_field(self, "masthead", masthead)
        set_field(self, "parts", parts)
        set_field(self, "notes", notes)
        set_field(self, "draft", draft)
