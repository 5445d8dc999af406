"""The declared context of templates/review.html.j2: plain views of the outline, runs pre-escaped.

Strings here are authors' text and are escaped by the template (autoescape); `Markup` values are
fragments that html_runs built and escaped already. Which tags wrap them is the template's choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from markupsafe import Markup

from ccm_review import __version__
from ccm_review.layout.labels import printed_date
from ccm_review.model.outline import (
    CodeItem,
    GridItem,
    HeadingItem,
    IndicatorTable,
    Item,
    Note,
    NumberedItem,
    Outline,
    PartPlan,
    PlainItem,
    SubItem,
    TableNote,
)
from ccm_review.model.source import Masthead
from ccm_review.render.html.runs import TableMarks, first_reference_id, render_runs, table_note_id


@dataclass(frozen=True)
class MastheadView:
    """The cover block, values as printed (the date already in UN form)."""

    body: str
    symbol: str
    distribution: str
    date: str
    original: str
    meeting: str
    session: str
    place: str
    meeting_dates: str
    agenda_item: str
    agenda_title: str
    title: str
    submitted_by: str
    language: str


@dataclass(frozen=True)
class HeadingView:
    """A narrative heading; `level` is the HTML heading level (3-5)."""

    kind: ClassVar[str] = "heading"
    level: int
    label: str
    html: Markup


@dataclass(frozen=True)
class ParagraphView:
    """A numbered paragraph."""

    kind: ClassVar[str] = "paragraph"
    number: int
    html: Markup


@dataclass(frozen=True)
class SubView:
    """A sub-paragraph with its label, "(a)", "(i)" or a bullet."""

    kind: ClassVar[str] = "sub"
    depth: int
    label: str
    html: Markup


@dataclass(frozen=True)
class PlainView:
    """An unnumbered paragraph: a quotation or a continuation at `depth`."""

    kind: ClassVar[str] = "plain"
    depth: int
    quote: bool
    html: Markup


@dataclass(frozen=True)
class CodeView:
    """Preformatted text (plain string, escaped by the template)."""

    kind: ClassVar[str] = "code"
    text: str


@dataclass(frozen=True)
class GridView:
    """A small unnumbered table from the narrative."""

    kind: ClassVar[str] = "grid"
    header: tuple[Markup, ...]
    rows: tuple[tuple[Markup, ...], ...]


ItemView = HeadingView | ParagraphView | SubView | PlainView | CodeView | GridView


@dataclass(frozen=True)
class ColumnView:
    """A column of an indicator table: key (for a CSS class), header and width in per cent."""

    key: str
    header: str
    width: float | None


@dataclass(frozen=True)
class TableNoteView:
    """A lettered note under a table: its id, the id of its first reference, its paragraphs."""

    letter: str
    id: str
    back: str
    paragraphs: tuple[Markup, ...]


@dataclass(frozen=True)
class TableView:
    """A numbered indicator table ("table-N"); the first column holds row headers."""

    id: str
    number: int
    caption: str
    columns: tuple[ColumnView, ...]
    rows: tuple[tuple[Markup, ...], ...]
    notes: tuple[TableNoteView, ...]


@dataclass(frozen=True)
class PartView:
    """One part: its anchor, numeral, title, table and items."""

    anchor: str
    numeral: str
    title: str
    table: TableView | None
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class NoteView:
    """A note: its number and paragraphs."""

    number: int
    paragraphs: tuple[Markup, ...]


@dataclass(frozen=True)
class PageView:
    """Everything the page template may use."""

    masthead: MastheadView
    parts: tuple[PartView, ...]
    notes: tuple[NoteView, ...]
    modified: str
    generator: str


def make_page(outline: Outline, stamp: datetime) -> PageView:
    """Return the template context of `outline`; `stamp` becomes the page's modification date."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)  # a naive stamp must not depend on the machine's zone
    modified = stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return PageView(
        _masthead(outline.masthead),
        tuple(_part(part) for part in outline.parts),
        tuple(_note(note) for note in outline.notes),
        modified,
        f"ccm-review {__version__}",
    )


def _masthead(masthead: Masthead) -> MastheadView:
    return MastheadView(
        masthead.body, masthead.symbol, masthead.distribution, printed_date(masthead.date), masthead.original,
        masthead.meeting, masthead.session, masthead.place, masthead.meeting_dates, masthead.agenda_item,
        masthead.agenda_title, masthead.title, masthead.submitted_by, masthead.language or "en",
    )


def _part(part: PartPlan) -> PartView:
    table = _table(part.table) if part.table else None
    return PartView(part.anchor, part.numeral, part.title, table, tuple(_item(item) for item in part.items))


def _table(table: IndicatorTable) -> TableView:
    table_id = f"table-{table.number}"
    columns = tuple(ColumnView(column.key, column.header, column.width) for column in table.columns)
    # One counter for the whole table, in reading order: a letter cited twice gets two ids.
    marks = TableMarks(table_id)
    rows = tuple(tuple(render_runs(cell, marks) for cell in row) for row in table.rows)
    notes = tuple(_table_note(table_id, note) for note in table.notes)
    return TableView(table_id, table.number, table.caption, columns, rows, notes)


def _table_note(table_id: str, note: TableNote) -> TableNoteView:
    return TableNoteView(note.letter, table_note_id(table_id, note.letter), first_reference_id(table_id, note.letter),
                         tuple(render_runs(paragraph) for paragraph in note.paragraphs))


def _note(note: Note) -> NoteView:
    return NoteView(note.number, tuple(render_runs(paragraph) for paragraph in note.paragraphs))


def _item(item: Item) -> ItemView:
    view = _ITEM_VIEWS.get(type(item))
    if view is None:
        raise TypeError(f"no HTML view for item {type(item).__name__}")
    return view(item)


def _heading(item: HeadingItem) -> HeadingView:
    # Part titles are <h2>, so narrative depths 1-3 are <h3>-<h5>.
    return HeadingView(min(item.depth, 3) + 2, item.label, render_runs(item.runs))


def _paragraph(item: NumberedItem) -> ParagraphView:
    return ParagraphView(item.number, render_runs(item.runs))


def _sub(item: SubItem) -> SubView:
    return SubView(item.depth, item.label, render_runs(item.runs))


def _plain(item: PlainItem) -> PlainView:
    return PlainView(item.depth, item.quote, render_runs(item.runs))


def _code(item: CodeItem) -> CodeView:
    return CodeView(item.text)


def _grid(item: GridItem) -> GridView:
    return GridView(tuple(render_runs(cell) for cell in item.header),
                    tuple(tuple(render_runs(cell) for cell in row) for row in item.rows))


_ITEM_VIEWS: dict[type[Any], Callable[[Any], ItemView]] = {
    HeadingItem: _heading,
    NumberedItem: _paragraph,
    SubItem: _sub,
    PlainItem: _plain,
    CodeItem: _code,
    GridItem: _grid,
}
