"""Outline -> DOCX: masthead, parts with their tables and numbered paragraphs, real footnotes.

Paragraph numbers, sub-paragraph letters and footnote numbers are Word's own (numbering.xml,
footnotes.xml), so the document stays a working Word document when edited; they come out equal
to the outline's because every numbered item becomes exactly one numbered paragraph, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Twips

from ccm_review.model import Text
from ccm_review.outline import CodeItem, GridItem, HeadingItem, NumberedItem, PlainItem, SubItem
from ccm_review.render.docx_masthead import write_masthead
from ccm_review.render.docx_notes import add_footnotes_part, write_notes
from ccm_review.render.docx_numbering import BULLET_LEVEL, STEP, SubCounter, add_paragraph_list, number_paragraph
from ccm_review.render.docx_package import (
    add_page_numbers,
    drop_stale_parts,
    set_properties,
    set_up_page,
    stable_bytes,
)
from ccm_review.render.docx_runs import Format, Story, add_text, write_runs
from ccm_review.render.docx_styles import StyleBook
from ccm_review.render.docx_tables import add_grid, add_indicator_table

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

    from ccm_review.outline import Outline, PartPlan, Runs


def render_docx(outline: Outline, stamp: datetime, reference: Path | None = None) -> bytes:
    """Return the DOCX bytes of the document; identical input and stamp give identical bytes."""
    # `reference` (a later templates/reference.docx) gives the styles; None is python-docx's own.
    document = docx.Document(str(reference)) if reference is not None else docx.Document()
    _clear_body(document)
    book = StyleBook(document)
    text_width = set_up_page(document)
    footnotes = add_footnotes_part(document, book)
    story = replace(footnotes.story, part=document.part)  # the body's links relate to the body
    write_masthead(document, book, outline.masthead, text_width)
    writer = _Writer(document, book, story, add_paragraph_list(document), text_width)
    for part in outline.parts:
        writer.part(part)
    write_notes(footnotes, outline.notes)
    add_page_numbers(document)
    set_properties(document, outline.masthead, stamp)
    drop_stale_parts(document)
    return stable_bytes(document, stamp)


def _clear_body(document: DocxDocument) -> None:
    """Remove any sample content of the starting document, keeping its page settings."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # The sample's links and pictures would otherwise stay in the package, pointing nowhere.
    used = {value for value in document.element.xpath("//@r:id | //@r:embed | //@r:link")}
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.HYPERLINK, RT.IMAGE) and r_id not in used:
            document.part.rels.pop(r_id)


class _Writer:
    """Writes the parts in order, carrying the list and the sub-paragraph counters across them."""

    def __init__(self, document: DocxDocument, book: StyleBook, story: Story, num_id: int,
                 text_width: int) -> None:
        self.document = document
        self.book = book
        self.story = story
        self.num_id = num_id
        self.text_width = text_width
        self.counter = SubCounter()

    def part(self, part: PartPlan) -> None:
        """Write one part: its heading, its indicator table if any, then its items."""
        self._heading(1, (Text(f"{part.numeral}. {part.title}"),))
        if part.table is not None:
            caption = self._paragraph("Caption")
            caption.paragraph_format.keep_with_next = True
            add_text(caption._p, part.table.caption, Format(bold=self.book.paragraph("Caption") is None))
            add_indicator_table(self.document, self.book, part.table, self.story, self.text_width)
        for item in part.items:
            _ITEMS[type(item)](self, item)

    def heading(self, item: HeadingItem) -> None:
        """A. (Heading 2), 1. (Heading 3), (a) (Heading 4): the label is part of the text."""
        self._heading(item.depth + 1, (Text(f"{item.label} "), *item.runs))

    def numbered(self, item: NumberedItem) -> None:
        """A numbered paragraph: Word prints the number, the text holds none."""
        paragraph = self._paragraph()
        number_paragraph(paragraph._p, self.num_id, 0)
        self.counter.numbered_paragraph()
        write_runs(paragraph._p, item.runs, self.story)

    def sub(self, item: SubItem) -> None:
        """A sub-paragraph: (a) or (i) from the same list, a bullet below that."""
        paragraph = self._paragraph()
        if item.depth >= BULLET_LEVEL:
            number_paragraph(paragraph._p, self.num_id, BULLET_LEVEL)
        elif self.counter.label(item.depth) == item.label:
            number_paragraph(paragraph._p, self.num_id, item.depth)
            self.counter.advance(item.depth)
        else:
            # Word would continue the letters here; type the outline's label so both formats agree.
            self._indent(paragraph, STEP * (item.depth + 1), hanging=STEP)
            add_text(paragraph._p, f"{item.label}\t", Format())
        write_runs(paragraph._p, item.runs, self.story)

    def plain(self, item: PlainItem) -> None:
        """An unnumbered paragraph, aligned with the text of its list level; quotes further in."""
        paragraph = self._paragraph()
        left = STEP * (item.depth + 1) + (STEP if item.quote else 0)
        self._indent(paragraph, left, right=STEP if item.quote else 0)
        write_runs(paragraph._p, item.runs, self.story)

    def code(self, item: CodeItem) -> None:
        """Preformatted text in one monospace paragraph, its lines kept."""
        paragraph = self._paragraph()
        self._indent(paragraph, STEP)
        paragraph.paragraph_format.keep_together = True
        add_text(paragraph._p, item.text.rstrip("\n"), Format(mono=True))

    def grid(self, item: GridItem) -> None:
        """A table written in the narrative."""
        add_grid(self.document, self.book, item, self.story, self.text_width)

    def _heading(self, level: int, runs: Runs) -> None:
        paragraph = self._paragraph(f"Heading {min(level, 9)}")
        write_runs(paragraph._p, runs, self.story, Format(bold=self.book.paragraph(f"Heading {level}") is None))

    def _paragraph(self, style: str = "Normal") -> Paragraph:
        return self.document.add_paragraph(style=self.book.paragraph(style))

    @staticmethod
    def _indent(paragraph: Paragraph, left: int, right: int = 0, hanging: int = 0) -> None:
        fmt = paragraph.paragraph_format
        fmt.left_indent = Twips(left)
        if right:
            fmt.right_indent = Twips(right)
        if hanging:
            fmt.first_line_indent = Twips(-hanging)


_ITEMS: dict[type, Callable[[_Writer, Any], None]] = {
    HeadingItem: _Writer.heading,
    NumberedItem: _Writer.numbered,
    SubItem: _Writer.sub,
    PlainItem: _Writer.plain,
    CodeItem: _Writer.code,
    GridItem: _Writer.grid,
}
