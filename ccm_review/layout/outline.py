"""Sources and template -> the outline: the document tree every writer prints.

Part numerals, table numbers, paragraph numbers, sub-paragraph letters and footnote numbers are
decided here, once, so no two outputs can disagree about them; every item keeps the location of
the source it was laid out from. Pure: no I/O, no output libraries.
"""

from __future__ import annotations

from ccm_review.analyse.walk import leaves, steps
from ccm_review.layout.labels import letters, roman
from ccm_review.layout.printed import cell_text, chart_points, chart_source, printed_columns, table_caption
from ccm_review.model.data import format_value
from ccm_review.model.location import Location
from ccm_review.model.narrative import (
    Block,
    CodeBlock,
    Figure,
    FootnoteRef,
    Heading,
    Inline,
    Link,
    ListItem,
    Paragraph,
    Quote,
    SimpleTable,
    Styled,
    Text,
)
from ccm_review.model.outline import (
    Chart,
    ChartPoint,
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
from ccm_review.model.source import Document, Section
from ccm_review.spec.template import Column, PartSpec, Spec

_SUB_LABELS = {1: lambda n: f"({letters(n)})", 2: lambda n: f"({_lower_roman(n)})"}


def _lower_roman(number: int) -> str:
    return roman(number).lower()


def make_outline(document: Document, spec: Spec) -> Outline:
    """Lay out a document that passed validation, in the template's part order."""
    planner = _Planner(document, spec.figure_notes)
    parts: list[PartPlan] = []
    for part, section in spec.placed(document.sections):
        if section is not None:
            parts.append(planner.part(len(parts) + 1, part, section, spec))
    draft = any(section is not None and section.status != spec.final_status
                for _, section in spec.placed(document.sections))
    return Outline(document.masthead, tuple(parts), tuple(planner.notes), draft)


class _Planner:
    """Carries the running counters (paragraphs, tables, notes) across the parts."""

    def __init__(self, document: Document, figure_notes: bool = False) -> None:
        self.document = document
        self.figure_notes = figure_notes
        self.paragraphs = 0
        self.tables = 0
        self.figures = 0
        self.notes: list[Note] = []
        self._section: Section | None = None
        self._in_note = False
        self._table_notes: list[TableNote] | None = None
        self._table_letters: dict[str, str] = {}

    def part(self, index: int, part: PartSpec, section: Section, spec: Spec) -> PartPlan:
        self._section = section
        title = section.title or part.title
        table = self._table(part, section, spec, title) if section.rows else None
        charts = tuple(self._charts(section))
        items = self._blocks(section.blocks)
        anchor = part.key
        return PartPlan(part.key, anchor, roman(index), title, section.path, table, tuple(items), charts=charts)

    # --- charts -----------------------------------------------------------------------------

    def _charts(self, section: Section) -> list[Chart]:
        """Number the part's charts (Figure 1, 2 ... through the document) with their points."""
        charts: list[Chart] = []
        for request in section.charts:
            points = chart_points(request, self.document.series)
            self.figures += 1
            charts.append(Chart(self.figures, request.title, request.description, request.kind,
                                tuple(ChartPoint(str(point.year), point.value,
                                                 format_value(point.value, point.unit, in_table=True))
                                      for point in points), chart_source(points), request.location))
        return charts

    # --- tables -----------------------------------------------------------------------------

    def _table(self, part: PartSpec, section: Section, spec: Spec, title: str) -> IndicatorTable:
        self.tables += 1
        caption = table_caption(title, part, spec)
        printed = printed_columns(section, part, spec)
        columns = _table_columns(printed, spec.columns)
        rows: list[tuple[Runs, ...]] = []
        cell_locations: list[tuple[Location | None, ...]] = []
        # While the rows are laid out, footnote references become lettered table notes.
        self._table_notes, self._table_letters = [], {}
        for row in section.rows or ():
            cells: list[Runs] = []
            places: list[Location | None] = []
            for column in printed:
                cell = row.cell(column.key)
                places.append(cell.location if cell is not None else None)
                if cell is None:
                    cells.append(())
                elif column.values or (column.key == "ref" and part.action is not None):
                    # A ref printed with its item's title, a value as its label: measure counts the same text.
                    cells.append((Text(cell_text(row, column.key, part, spec)),))
                else:
                    cells.append(self._runs(cell.inlines))
            rows.append(tuple(cells))
            cell_locations.append(tuple(places))
        notes, self._table_notes = tuple(self._table_notes), None
        return IndicatorTable(self.tables, caption, columns, tuple(rows), notes,
                              tuple(row.location for row in section.rows or ()), tuple(cell_locations))

    # --- narrative --------------------------------------------------------------------------

    def _blocks(self, blocks: tuple[Block, ...]) -> list[Item]:
        """Lay out a narrative: headings and paragraphs at the top are labelled and numbered,
        list items become labelled sub-paragraphs, what is inside lists and quotations plain."""
        items: list[Item] = []
        heading_counters = [0, 0, 0]
        opened: tuple[ListItem, int, str] | None = None  # a list item whose label waits for its first block
        for step in steps(blocks):
            node = step.node
            if opened is not None:
                item, depth, label = opened
                opened = None
                if isinstance(node, Paragraph) and step.parent is item:
                    items.append(SubItem(depth, label, self._runs(node.inlines), node.location))
                    continue
                items.append(SubItem(depth, label, (), item.location))  # an item that starts with no paragraph
            if isinstance(node, ListItem):
                depth = min(step.depth, 3)
                opened = (node, depth, _SUB_LABELS[depth](step.position) if depth in _SUB_LABELS else "\u2022")
            elif isinstance(node, Heading) and step.parent is None:
                depth = min(max(node.level - 1, 1), 3)
                heading_counters[depth - 1] += 1
                for deeper in range(depth, 3):
                    heading_counters[deeper] = 0
                items.append(HeadingItem(depth, _heading_label(depth, heading_counters[depth - 1]),
                                         self._runs(node.inlines), node.location))
            elif isinstance(node, Paragraph) and step.parent is None:
                self.paragraphs += 1
                items.append(NumberedItem(self.paragraphs, self._runs(node.inlines), node.location))
            elif isinstance(node, (Paragraph, Heading)):
                items.append(PlainItem(self._runs(node.inlines), step.depth, isinstance(step.parent, Quote),
                                       node.location))
            elif isinstance(node, CodeBlock):
                items.append(CodeItem(node.text, node.location))
            elif isinstance(node, SimpleTable):
                items.append(GridItem(tuple(self._runs(cell) for cell in node.header),
                                      tuple(tuple(self._runs(cell) for cell in row) for row in node.rows),
                                      node.location))
        if opened is not None:
            item, depth, label = opened
            items.append(SubItem(depth, label, (), item.location))
        return items

    # --- inlines ----------------------------------------------------------------------------

    def _runs(self, inlines: tuple[Inline, ...]) -> Runs:
        runs: list[Run] = []
        for inline in inlines:
            if isinstance(inline, Figure):
                runs.extend(self._figure(inline))
            else:
                runs.append(self._run(inline))
        return tuple(runs)

    def _figure(self, figure: Figure) -> list[Run]:
        """A figure as printed; where the template asks for it, its source as a note after it."""
        printed: list[Run] = [Text(figure.text)]
        if not self.figure_notes or figure.source is None or self._in_note:
            return printed
        source = ((Text(f"{figure.source}."),),)
        if self._table_notes is not None:
            label = f"figure {figure.series} {figure.year}"
            if label not in self._table_letters:
                letter = letters(len(self._table_letters) + 1)
                self._table_letters[label] = letter
                self._table_notes.append(TableNote(letter, source, figure.location))
            return [*printed, TableNoteMark(self._table_letters[label])]
        number = len(self.notes) + 1
        self.notes.append(Note(number, source, figure.location))
        return [*printed, NoteMark(number)]

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
        paragraphs, location = self._definition(label)
        self.notes.append(Note(number, paragraphs, location))
        return NoteMark(number)

    def _table_note(self, label: str) -> TableNoteMark:
        assert self._table_notes is not None
        if label not in self._table_letters:
            letter = letters(len(self._table_letters) + 1)
            self._table_letters[label] = letter
            paragraphs, location = self._definition(label)
            self._table_notes.append(TableNote(letter, paragraphs, location))
        return TableNoteMark(self._table_letters[label])

    def _definition(self, label: str) -> tuple[tuple[Runs, ...], Location | None]:
        """Return the paragraphs of footnote `label` as printed, and where it is defined."""
        definition = next((note for note in (self._section.footnotes if self._section else ())
                           if note.label == label), None)
        if definition is None:
            return (), None
        self._in_note = True
        paragraphs = self._note_paragraphs(definition.blocks)
        self._in_note = False
        return tuple(paragraphs), definition.location

    def _note_paragraphs(self, blocks: tuple[Block, ...]) -> list[Runs]:
        paragraphs: list[Runs] = []
        for step in leaves(blocks):
            node = step.node
            if isinstance(node, (Paragraph, Heading)):
                paragraphs.append(self._runs(node.inlines))
            elif isinstance(node, CodeBlock):
                paragraphs.append((Text(node.text),))
        return paragraphs


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
