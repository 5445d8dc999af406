"""The document tree as printed, shared by every writer: parts, tables, numbered items and notes.

Part numerals, table numbers, paragraph numbers, sub-paragraph letters and footnote numbers are
decided once (by `ccm_review.layout`), so no two outputs can disagree about them. Every item
keeps the source location it was laid out from, so that a paragraph number or a table cell can
be traced back to `sections/FILE.md:LINE`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccm_review.model.source import Inline, Masthead


@dataclass(frozen=True)
class NoteMark:
    """Where footnote `number` is referenced (replaces the model's FootnoteRef)."""

    number: int


@dataclass(frozen=True)
class TableNoteMark:
    """Where a table note is referenced: a lower-case letter, explained under the table."""

    letter: str


Run = Inline | NoteMark | TableNoteMark


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class HeadingItem:
    """A narrative heading; `depth` 1 is labelled A., B. ...; 2 is 1., 2. ...; 3 is (a), (b) ..."""

    depth: int
    label: str
    runs: Runs


@dataclass(frozen=True)
class NumberedItem:
    """A numbered paragraph of the document (numbers run through the whole document)."""

    number: int
    runs: Runs


@dataclass(frozen=True)
class SubItem:
    """A sub-paragraph from a list item: `depth` 1 is (a), (b) ...; 2 is (i), (ii) ...; 3 a bullet."""

    depth: int
    label: str
    runs: Runs


@dataclass(frozen=True)
class PlainItem:
    """An unnumbered paragraph: a quotation, or a further paragraph of a list item at `depth`."""

    runs: Runs
    depth: int
    quote: bool


@dataclass(frozen=True)
class CodeItem:
    """Preformatted text."""

    text: str


@dataclass(frozen=True)
class GridItem:
    """A small table written in the narrative (unnumbered)."""

    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]


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


@dataclass(frozen=True)
class IndicatorTable:
    """A numbered indicator table: "Table `number`. `title`", with its lettered notes."""

    number: int
    title: str
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[Runs, ...], ...]
    notes: tuple[TableNote, ...] = ()

    @property
    def caption(self) -> str:
        """The caption as printed, e.g. "Table 4. Action 4: Victim assistance"."""
        return f"Table {self.number}. {self.title}"


@dataclass(frozen=True)
class Note:
    """A footnote as printed: its number and its paragraphs."""

    number: int
    paragraphs: tuple[Runs, ...]


@dataclass(frozen=True)
class PartPlan:
    """One part of the document as printed."""

    key: str
    anchor: str
    numeral: str
    title: str
    source: str
    table: IndicatorTable | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Outline:
    """The whole document as printed, shared by every renderer."""

    masthead: Masthead
    parts: tuple[PartPlan, ...]
    notes: tuple[Note, ...]
