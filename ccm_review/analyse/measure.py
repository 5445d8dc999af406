"""Word counts of a section, as `check`, `status` and the outputs count (`analysis` adds them up).

Narrative words: headings, paragraphs, list items, quotations and the footnotes they reference,
as printed (a note referenced twice is printed twice). Table words: every cell as printed (a ref
with its item title, an assessment as its label) and the lettered table notes under it, each
with its letter. Heading words: what the template adds (the part title, the table caption and
the column headers, each chart's caption and source line). Where the template asks for them,
a cited figure's source note counts in the narrative (in the table: with its letter). Numbering
labels (I., A., 1., (a)) are not words, as in Word.
"""

from __future__ import annotations

from ccm_review.analyse.text import count_block_words, count_words
from ccm_review.analyse.walk import block_inlines, walk_inlines
from ccm_review.layout.printed import cell_text, chart_words, printed_columns, table_caption
from ccm_review.model.data import Series
from ccm_review.model.narrative import Figure, FootnoteRef
from ccm_review.model.record import Record, set_field
from ccm_review.model.source import Section
from ccm_review.spec.template import Spec


class SectionWords(Record):
    """The words of one section file."""

    __slots__ = ("narrative", "table", "headings")  # noqa: RUF023
    narrative: int
    table: int
    headings: int

    def __init__(self, narrative: int, table: int, headings: int) -> None:
        set_field(self, "narrative", narrative)
        set_field(self, "table", table)
        set_field(self, "headings", headings)

    @property
    def total(self) -> int:
        """All words the section adds to the document."""
        return self.narrative + self.table + self.headings


def narrative_words(section: Section, notes: dict[str, int] | None = None) -> int:
    """Return the words of the narrative, with the footnotes it references."""
    notes = _note_words(section) if notes is None else notes
    references = (inline for inline in block_inlines(section.blocks) if isinstance(inline, FootnoteRef))
    return count_block_words(section.blocks) + sum(notes.get(reference.label, 0) for reference in references)


def table_note_words(section: Section, notes: dict[str, int] | None = None) -> int:
    """Return the words of the lettered notes under the table: each note once, with its letter."""
    notes = _note_words(section) if notes is None else notes
    labels = {inline.label for row in section.rows or () for cell in row.cells
              for inline in walk_inlines(cell.inlines) if isinstance(inline, FootnoteRef)}
    return sum(1 + notes[label] for label in labels if label in notes)


def _note_words(section: Section) -> dict[str, int]:
    return {note.label: count_block_words(note.blocks) for note in section.footnotes}


def measure_section(section: Section, spec: Spec, series: tuple[Series, ...] = ()) -> SectionWords:
    """Count the words of `section` as they will be printed; its charts are drawn from `series`."""
    part = spec.part(section.key)
    notes = _note_words(section)
    title = section.title or (part.title if part else "")
    table = 0
    headings = count_words(title)
    if section.rows:
        columns = printed_columns(section, part, spec)
        table = sum(count_words(cell_text(row, column.key, part, spec))
                    for row in section.rows for column in columns) + table_note_words(section, notes)
        headings += 2 + count_words(table_caption(title, part, spec))  # the label "Table N" is over every title
        headings += sum(count_words(column.header) for column in columns)
    headings += sum(chart_words(chart, series) for chart in section.charts)
    narrative = narrative_words(section, notes)
    if spec.figure_notes:
        narrative += sum(count_words(f"{figure.source}.") for figure in block_inlines(section.blocks)
                         if isinstance(figure, Figure) and figure.source is not None)
        cited = {(figure.series, figure.year): figure.source for row in section.rows or () for cell in row.cells
                 for figure in walk_inlines(cell.inlines) if isinstance(figure, Figure) and figure.source is not None}
        table += sum(1 + count_words(f"{source}.") for source in cited.values())
    return SectionWords(narrative, table, headings)
