"""Outline -> DOCX: masthead, parts with their tables and numbered paragraphs, real footnotes.

Heading numbers, paragraph numbers, sub-paragraph letters and footnote numbers are Word's own
(numbering.xml, footnotes.xml), so the document stays a working Word document when edited; they
come out equal to the outline's because every numbered item becomes exactly one numbered
paragraph, in order. Every look comes from a style of the reference document, by name.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu, Length, Twips
from docx.text.parfmt import ParagraphFormat

from ccm_review.layout.anchors import item_anchor, part_anchor
from ccm_review.model.narrative import LineBreak, Text
from ccm_review.model.outline import (
    DELETED,
    Chart,
    CodeItem,
    GridItem,
    HeadingItem,
    NumberedItem,
    PlainItem,
    SubItem,
    tracked,
)
from ccm_review.model.record import replace
from ccm_review.render.chart import HEIGHT, WIDTH, alt_text, chart_png
from ccm_review.render.docx.body import Body
from ccm_review.render.docx.masthead import write_masthead
from ccm_review.render.docx.notes import add_footnotes_part, write_notes
from ccm_review.render.docx.numbering import (
    BULLET_LEVEL,
    HEADING_STYLES,
    STEP,
    SubCounter,
    add_heading_list,
    add_paragraph_list,
    prune_lists,
)
from ccm_review.render.docx.package import (
    add_end_rule,
    add_header_and_footer,
    drop_stale_parts,
    set_properties,
    set_up_page,
    stable_bytes,
)
from ccm_review.render.docx.reference import open_reference
from ccm_review.render.docx.revisions import Bookmarks, Revisions, mark_paragraph, revision_container
from ccm_review.render.docx.runs import Format, Story, add_text, write_runs
from ccm_review.render.docx.styles import StyleBook
from ccm_review.render.docx.tables import add_grid, add_indicator_table
from ccm_review.render.docx.xml import clark, sub

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from docx.document import Document as DocxDocument
    from docx.oxml.text.paragraph import CT_P
    from docx.parts.story import StoryPart

    from ccm_review.model.outline import Outline, PartPlan, Runs


def render_docx(outline: Outline, stamp: datetime, reference: Path, author: str = "") -> bytes:
    """Return the DOCX bytes of the document; identical input and stamp give identical bytes.

    `reference` (templates/reference.docx) gives the styles and the margins; a file that is no
    Word document, or lacks a style the renderer needs, raises TemplateError before anything
    is rendered. A redline outline's changes become tracked changes by `author` (default: the
    masthead's body), dated `stamp`.
    """
    document = open_reference(reference)
    book = StyleBook(document, reference)
    _clear_body(document)
    text_width = set_up_page(document)
    footnotes = add_footnotes_part(document, book)
    revisions = Revisions(author or outline.masthead.body, stamp)
    footnotes = replace(footnotes, story=replace(footnotes.story, revisions=revisions, bookmarks=Bookmarks()))
    story = replace(footnotes.story, part=document.part)  # the body's links relate to the body
    body = Body(document)
    write_masthead(body, book, outline.masthead)
    add_heading_list(document, book)
    writer = _Writer(body, book, story, add_paragraph_list(document), text_width)
    for number, part in enumerate(outline.parts, start=1):
        writer.part(number, part)
    write_notes(footnotes, outline.notes)
    prune_lists(document)
    add_header_and_footer(document, book, outline.masthead.symbol, outline.masthead.job_number, outline.draft)
    add_end_rule(body, book, text_width)
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

    def __init__(self, body: Body, book: StyleBook, story: Story, num_id: int, text_width: int) -> None:
        self.body = body
        self.book = book
        self.story = story
        self.num_id = num_id
        self.text_width = text_width
        self.counter = SubCounter()
        self.shape_id: int | None = None  # the last picture's, once there is one

    def part(self, number: int, part: PartPlan) -> None:
        """Write part `number`: its heading (Word numbers it I., II. ...), its table if any, then its items.

        The heading, every item and every table row is bookmarked (layout.anchors).
        """
        title: Runs = part.title_runs or (Text(part.title),)
        if part.change is not None:  # a part added or removed whole: its heading and caption too
            title = (tracked(title, part.change),)
        self._heading(0, title, part.change)
        self._bookmark(len(self.body.written) - 1, part_anchor(number))
        if part.table is not None:
            table = part.table
            self._caption(table.label_runs or (Text(table.label),), table.title_runs or (Text(table.title),),
                          table.change)  # a table added or removed whole (with its part, or alone)
            add_indicator_table(self.body, self.book, table, self.story, self.text_width, number)
        for chart in part.charts:
            self.chart(chart)
        for index, item in enumerate(part.items, start=1):
            first = len(self.body.written)
            _ITEMS[type(item)](self, item)
            self._bookmark(first, item_anchor(number, index))

    def chart(self, chart: Chart) -> None:
        """A chart: its caption ("Figure N" over its title), the picture (a PNG at print resolution, with
        the description and the figures as alt text), the source line under it.

        In a redline, a chart added or removed is so in all three paragraphs: their marks, their
        text and the run that holds the picture are tracked changes, so that accepting or rejecting
        them keeps one picture of the two.
        """
        change = chart.change
        self._caption(chart.label_runs or (Text(chart.label),), (Text(chart.title),), change)
        picture = self._paragraph()
        picture_format = ParagraphFormat(picture)
        picture_format.keep_with_next = True
        picture_format.line_spacing = 1.0  # single: the body's exact line height would clip the picture
        width = Twips(min(self.text_width, 8504))  # 15 cm at most
        inline = self._picture(chart_png(chart), width, Emu(int(width) * HEIGHT // WIDTH))
        inline.docPr.set("descr", alt_text(chart))
        inline.docPr.set("name", chart.name)
        revisions = self.story.revisions
        holder = picture if change is None or revisions is None else revision_container(picture, change, revisions)
        sub(sub(holder, "w:r"), "w:drawing").append(inline)
        self._mark(picture, change)
        if chart.source:
            self._text(self._paragraph(), (Text(chart.source),), change)

    def _picture(self, png: bytes, width: Length, height: Length) -> CT_Inline:
        """Return a new w:inline showing `png`, as python-docx's new_pic_inline makes it.

        Its shape id is the document's largest plus one, as there; python-docx finds that
        largest by searching the whole body (so every chart searched all that was written
        before it), here it is searched once and counted on: nothing else written has one.
        """
        part = cast("StoryPart", self.story.part)  # the body's part: a story part, which can hold pictures
        r_id, image = part.get_or_add_image(io.BytesIO(png))
        self.shape_id = part.next_id if self.shape_id is None else self.shape_id + 1
        cx, cy = image.scaled_dimensions(width, height)
        return CT_Inline.new_pic_inline(self.shape_id, r_id, image.filename, cx, cy)

    def _text(self, paragraph: CT_P, runs: Runs, change: str | None) -> None:
        """Write `runs` into `paragraph`, the paragraph and its text inserted or deleted whole for a `change`."""
        if change is None:
            write_runs(paragraph, runs, self.story)
            return
        write_runs(paragraph, (tracked(runs, change),), self.story)
        self._mark(paragraph, change)

    def heading(self, item: HeadingItem) -> None:
        """A. (Heading 2), 1. (Heading 3), (a) (Heading 4): Word prints the label, the text holds none."""
        self._heading(item.depth, item.runs, item.change)

    def numbered(self, item: NumberedItem) -> None:
        """A numbered paragraph: Word prints the number, the text holds none."""
        if item.change == DELETED:
            # Removed in the newer draft: unnumbered, so the numbers Word prints stay the newer draft's.
            paragraph = self._paragraph()
            self._indent(paragraph, 0)
        else:
            paragraph = self._paragraph(number=0)
            self.counter.numbered_paragraph()
        write_runs(paragraph, item.runs, self.story)
        self._mark(paragraph, item.change)

    def sub(self, item: SubItem) -> None:
        """A sub-paragraph: (a) or (i) from the same list, a bullet below that."""
        if item.change == DELETED:
            paragraph = self._paragraph("List Paragraph")
            self._indent(paragraph, STEP * (item.depth + 1))  # unlabelled: the newer draft's letters stay
        elif item.depth >= BULLET_LEVEL:
            paragraph = self._paragraph("List Paragraph", BULLET_LEVEL)
        elif self.counter.label(item.depth) == item.label:
            paragraph = self._paragraph("List Paragraph", item.depth)
            self.counter.advance(item.depth)
        else:
            # Word would continue the letters here; type the outline's label so both formats agree.
            paragraph = self._paragraph("List Paragraph")
            self._indent(paragraph, STEP * (item.depth + 1), hanging=STEP)
            add_text(paragraph, f"{item.label}\t", Format())
        write_runs(paragraph, item.runs, self.story)
        self._mark(paragraph, item.change)

    def plain(self, item: PlainItem) -> None:
        """An unnumbered paragraph: a quotation ("Quote"), or more text of a list item at its level."""
        if item.quote:
            paragraph = self._paragraph("Quote")
            if item.depth:  # a quotation inside a list moves in with the list
                self._indent(paragraph, STEP * (item.depth + 2), right=STEP)
        else:
            paragraph = self._paragraph("List Paragraph" if item.depth else "Normal")
            self._indent(paragraph, STEP * (item.depth + 1))
        write_runs(paragraph, item.runs, self.story)
        self._mark(paragraph, item.change)

    def code(self, item: CodeItem) -> None:
        """Preformatted text in one "Source Code" paragraph, its lines kept."""
        paragraph = self._paragraph("Source Code")
        if item.change is None:
            add_text(paragraph, item.text.rstrip("\n"), Format())
            return
        self._text(paragraph, (Text(item.text.rstrip("\n")),), item.change)

    def grid(self, item: GridItem) -> None:
        """A table written in the narrative."""
        add_grid(self.body, self.book, item, self.story, self.text_width)

    def _caption(self, label: Runs, title: Runs, change: str | None = None) -> None:
        """A caption as UN documents print it: the label ("Table 4") on its own line, the title under
        it, in one Caption paragraph kept whole and with what it names.

        One paragraph, as Word's own captions are: the line break keeps label and title together
        where a reader, pandoc or a screen reader meets them. The title's bold is the style's; the
        label is set in the plain weight. A caption added or removed whole is marked whole.
        """
        paragraph = self._paragraph("Caption")
        # Kept with what follows (even if the reference's Caption forgets it) and kept whole: the
        # elements python-docx's keep_with_next and keep_together write, after the style.
        properties = paragraph[0]  # Body.paragraph's w:pPr, holding only the w:pStyle
        sub(properties, "w:keepNext")
        sub(properties, "w:keepLines")
        lines: tuple[tuple[Runs, Format], ...] = (
            (label, Format(regular=True)), ((LineBreak(hard=True),), Format()), (title, Format()))
        for runs, run_format in lines:
            if change is not None:
                runs = (tracked(runs, change),)
            write_runs(paragraph, runs, self.story, run_format)
        self._mark(paragraph, change)

    def _heading(self, depth: int, runs: Runs, change: str | None = None) -> None:
        paragraph = self._paragraph(HEADING_STYLES[min(depth, len(HEADING_STYLES) - 1)])
        write_runs(paragraph, runs, self.story)
        self._mark(paragraph, change)

    def _bookmark(self, written: int, name: str) -> None:
        """Bookmark the `written`-th element the body appended (its first paragraph, for a table)."""
        if self.story.bookmarks is None or written >= len(self.body.written):
            return
        element = self.body.written[written]
        paragraph = element if element.tag == _P else next(element.iter(_P), None)
        if paragraph is not None:
            self.story.bookmarks.add(paragraph, name)

    def _mark(self, paragraph: CT_P, change: str | None) -> None:
        mark_paragraph(paragraph, change, self.story.revisions)

    def _paragraph(self, style: str = "Normal", number: int | None = None) -> CT_P:
        """Append a paragraph in `style`; with a `number`, an item of the paragraph list at that level."""
        return self.body.paragraph(self.book.id(style), None if number is None else (self.num_id, number))

    @staticmethod
    def _indent(paragraph: CT_P, left: int, right: int = 0, hanging: int = 0) -> None:
        fmt = ParagraphFormat(paragraph)
        fmt.left_indent = Twips(left)
        if right:
            fmt.right_indent = Twips(right)
        if hanging:
            fmt.first_line_indent = Twips(-hanging)


_P = clark("w:p")

_ITEMS: dict[type, Callable[[_Writer, Any], None]] = {
    HeadingItem: _Writer.heading,
    NumberedItem: _Writer.numbered,
    SubItem: _Writer.sub,
    PlainItem: _Writer.plain,
    CodeItem: _Writer.code,
    GridItem: _Writer.grid,
}
