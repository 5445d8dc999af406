"""The printed shape of the document, computed once for every renderer.

Part numerals, table numbers, paragraph numbers, sub-paragraph letters and footnote numbers are
decided here, so the DOCX and the HTML cannot disagree about them. Pure: no I/O, no output
libraries.
"""

from __future__ import annotations

from ccm_review.layout.labels import letters, roman
from ccm_review.layout.printed import cell_text, printed_columns, table_caption
from ccm_review.model.outline import (
    CodeItem,
    GridItem,
    HeadingItem,
    IndicatorTable,
    Item,
    Note,
    NoteMark,
    NumberedItem,
    Outline,
    PartPlan,
    PlainItem,
    Run,
    Runs,
    SubItem,
    TableColumn,
    TableNote,
    TableNoteMark,
)
from ccm_review.model.source import (
    Block,
    CodeBlock,
    Document,
    FootnoteRef,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    SimpleTable,
    Styled,
    Text,
)
from ccm_review.spec.template import Column, PartSpec, Spec

_SUB_LABELS = {1: lambda n: f"({letters(n)})", 2: lambda n: f"({_lower_roman(n)})"}


def _lower_roman(number: int) -> str:
    return roman(number).lower()


def make_outline(document: Document, spec: Spec) -> Outline:
    """Lay out a document that passed validation, in the template's part order."""
    by_key = {section.key: section for section in document.sections if section.key}
    planner = _Planner()
    parts: list[PartPlan] = []
    for part in spec.parts:
        section = by_key.get(part.key)
        if section is not None:
            parts.append(planner.part(len(parts) + 1, part, section, spec))
    return Outline(document.masthead, tuple(parts), tuple(planner.notes))


class _Planner:
    """Carries the running counters (paragraphs, tables, notes) across the parts."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.tables = 0
        self.notes: list[Note] = []
        self._section: Section | None = None
        self._in_note = False
        self._table_notes: list[TableNote] | None = None
        self._table_letters: dict[str, str] = {}

    def part(self, index: int, part: PartSpec, section: Section, spec: Spec) -> PartPlan:
        self._section = section
        title = section.title or part.title
        table = self._table(part, section, spec, title) if section.rows else None
        items = self._blocks(section.blocks)
        anchor = part.key
        return PartPlan(part.key, anchor, roman(index), title, section.path, table, tuple(items))

    # --- tables -----------------------------------------------------------------------------

    def _table(self, part: PartSpec, section: Section, spec: Spec, title: str) -> IndicatorTable:
        self.tables += 1
        caption = table_caption(title, part, spec)
        printed = printed_columns(section, part, spec)
        columns = _table_columns(printed, spec.columns)
        rows: list[tuple[Runs, ...]] = []
        # While the rows are laid out, footnote references become lettered table notes.
        self._table_notes, self._table_letters = [], {}
        for row in section.rows or ():
            cells: list[Runs] = []
            for column in printed:
                cell = row.cell(column.key)
                if cell is None:
                    cells.append(())
                elif column.values or (column.key == "ref" and part.action is not None):
                    # A ref printed with its item's title, a value as its label: measure counts the same text.
                    cells.append((Text(cell_text(row, column.key, part, spec)),))
                else:
                    cells.append(self._runs(cell.inlines))
            rows.append(tuple(cells))
        notes, self._table_notes = tuple(self._table_notes), None
        return IndicatorTable(self.tables, caption, columns, tuple(rows), notes)

    # --- narrative --------------------------------------------------------------------------

    def _blocks(self, blocks: tuple[Block, ...]) -> list[Item]:
        items: list[Item] = []
        heading_counters = [0, 0, 0]
        for block in blocks:
            if isinstance(block, Heading):
                depth = min(max(block.level - 1, 1), 3)
                heading_counters[depth - 1] += 1
                for deeper in range(depth, 3):
                    heading_counters[deeper] = 0
                items.append(HeadingItem(depth, _heading_label(depth, heading_counters[depth - 1]),
                                         self._runs(block.inlines)))
            elif isinstance(block, Paragraph):
                self.paragraphs += 1
                items.append(NumberedItem(self.paragraphs, self._runs(block.inlines)))
            else:
                items.extend(self._other(block, depth=0))
        return items

    def _other(self, block: Block, depth: int, quote: bool = False) -> list[Item]:
        if isinstance(block, ListBlock):
            return self._list(block, depth + 1)
        if isinstance(block, Quote):
            out: list[Item] = []
            for inner in block.blocks:
                out.extend(self._other(inner, depth, quote=True))
            return out
        if isinstance(block, (Paragraph, Heading)):
            return [PlainItem(self._runs(block.inlines), depth, quote)]
        if isinstance(block, CodeBlock):
            return [CodeItem(block.text)]
        if isinstance(block, SimpleTable):
            return [GridItem(tuple(self._runs(cell) for cell in block.header),
                             tuple(tuple(self._runs(cell) for cell in row) for row in block.rows))]
        return []

    def _list(self, block: ListBlock, depth: int) -> list[Item]:
        items: list[Item] = []
        label_depth = min(depth, 3)
        for index, item in enumerate(block.items, start=1):
            label = _SUB_LABELS[label_depth](index) if label_depth in _SUB_LABELS else "\u2022"
            first, *rest = item.blocks or (Paragraph((), block.location),)
            if isinstance(first, Paragraph):
                items.append(SubItem(label_depth, label, self._runs(first.inlines)))
            else:
                items.append(SubItem(label_depth, label, ()))
                rest = [first, *rest]
            for inner in rest:
                items.extend(self._other(inner, depth))
        return items

    # --- inlines ----------------------------------------------------------------------------

    def _runs(self, inlines: tuple[Inline, ...]) -> Runs:
        return tuple(self._run(inline) for inline in inlines)

    def _run(self, inline: Inline) -> Run:
        if isinstance(inline, FootnoteRef):
            # A note inside a note cannot be printed as a footnote; it is dropped.
            if self._in_note:
                return Text("")
            if self._table_notes is not None:
                return self._table_note(inline.label)
            return self._note(inline.label)
        if isinstance(inline, Styled):
            return Styled(inline.style, self._runs(inline.children))  # type: ignore[arg-type]
        if isinstance(inline, Link):
            return Link(inline.href, self._runs(inline.children), inline.location)  # type: ignore[arg-type]
        return inline

    def _note(self, label: str) -> NoteMark:
        # Nothing is numbered while the definition is laid out: a note in a note is dropped.
        number = len(self.notes) + 1
        self.notes.append(Note(number, self._definition(label)))
        return NoteMark(number)

    def _table_note(self, label: str) -> TableNoteMark:
        assert self._table_notes is not None
        if label not in self._table_letters:
            letter = letters(len(self._table_letters) + 1)
            self._table_letters[label] = letter
            self._table_notes.append(TableNote(letter, self._definition(label)))
        return TableNoteMark(self._table_letters[label])

    def _definition(self, label: str) -> tuple[Runs, ...]:
        definition = next((note for note in (self._section.footnotes if self._section else ())
                           if note.label == label), None)
        paragraphs: list[Runs] = []
        self._in_note = True
        for block in definition.blocks if definition else ():
            paragraphs.extend(self._note_paragraphs(block))
        self._in_note = False
        return tuple(paragraphs)

    def _note_paragraphs(self, block: Block) -> list[Runs]:
        if isinstance(block, (Paragraph, Heading)):
            return [self._runs(block.inlines)]
        if isinstance(block, ListBlock):
            return [runs for item in block.items for inner in item.blocks for runs in self._note_paragraphs(inner)]
        if isinstance(block, Quote):
            return [runs for inner in block.blocks for runs in self._note_paragraphs(inner)]
        if isinstance(block, CodeBlock):
            return [(Text(block.text),)]
        return []


def _table_columns(printed: tuple[Column, ...], template: tuple[Column, ...]) -> tuple[TableColumn, ...]:
    """The printed columns, their widths stretched over the width the template's columns take."""
    if printed == template:
        return tuple(TableColumn(column.key, column.header, column.width) for column in template)
    kept = sum(column.width or 0 for column in printed)
    scale = sum(column.width or 0 for column in template) / kept if kept else 1.0
    return tuple(TableColumn(column.key, column.header, round(column.width * scale, 2) if column.width else None)
                 for column in printed)


def _heading_label(depth: int, count: int) -> str:
    if depth == 1:
        return f"{letters(count).upper()}."
    if depth == 2:
        return f"{count}."
    return f"({letters(count)})"
