"""Tables: the numbered indicator tables with their lettered notes, and the grids of the narrative."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from functools import lru_cache
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Twips
from docx.table import Table

from ccm_review.layout.anchors import row_anchor, table_note_anchor
from ccm_review.model.narrative import Text
from ccm_review.model.outline import TableNoteMark, tracked
from ccm_review.render.docx.revisions import mark_paragraph, mark_row
from ccm_review.render.docx.runs import Story, write_runs
from ccm_review.render.docx.xml import clark, make, sub

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

    from ccm_review.model.outline import GridItem, IndicatorTable, Runs, TableNote
    from ccm_review.render.docx.body import Body
    from ccm_review.render.docx.styles import StyleBook


def add_indicator_table(body: Body, book: StyleBook, table: IndicatorTable, story: Story,
                        text_width: int, part: int = 0) -> None:
    """Add `table` with its header repeated on every page, columns in the template's proportions.

    Its lettered notes follow it, one paragraph each: the letter, a tab, the note.
    """
    shares = [column.width for column in table.columns]
    header: list[Runs] = [(Text(column.header),) for column in table.columns]
    if table.change is not None:  # the header row comes or goes with the table, its text too
        header = [(tracked(cell, table.change),) for cell in header]
    anchors = [row_anchor(part, index) for index in range(1, len(table.rows) + 1)] if part else []
    _add_table(body, book, header, table.rows, story, column_widths(shares, text_width), table.row_changes,
               table.change, anchors)
    for note in table.notes:
        _add_table_note(body, book, note, story, table_note_anchor(part, note.letter) if part else None)


def _add_table_note(body: Body, book: StyleBook, note: TableNote, story: Story, anchor: str | None) -> None:
    style = book.id("Table Note")
    for index, runs in enumerate(note.paragraphs or ((),)):
        p = body.paragraph(style)
        if index == 0 and anchor and story.bookmarks is not None:
            story.bookmarks.add(p, anchor)
        if index == 0:
            # The letter is typed text (a word, as `check` counts it), set like a note reference.
            letter: Runs = (TableNoteMark(note.letter), Text("\t"))
            if note.change is not None:
                letter = (tracked(letter, note.change),)
            write_runs(p, letter, story)
        write_runs(p, runs, story)
        mark_paragraph(p, note.change, story.revisions)


def add_grid(body: Body, book: StyleBook, grid: GridItem, story: Story, text_width: int) -> None:
    """Add a narrative table: equal columns across the text width, bold header row."""
    count = max([len(grid.header), *(len(row) for row in grid.rows)], default=1) or 1
    widths = column_widths([None] * count, text_width)
    # A grid added or removed in a redline comes or goes whole: every row of it is marked.
    _add_table(body, book, grid.header, grid.rows, story, widths, (grid.change,) * len(grid.rows), grid.change)


def column_widths(shares: Sequence[float | None], total: int) -> list[int]:
    """Split `total` twips in proportion to `shares` (a missing share counts as an average one)."""
    given = [share for share in shares if share and share > 0]
    average = sum(given) / len(given) if given else 1.0
    weights = [share if share and share > 0 else average for share in shares]
    widths = [int(total * weight / sum(weights)) for weight in weights]
    widths[-1] += total - sum(widths)  # rounding goes to the last column: the sum stays exact
    return widths


def _add_table(body: Body, book: StyleBook, header: Sequence[Runs], rows: Sequence[Sequence[Runs]],
               story: Story, widths: list[int], changes: Sequence[str | None] = (),
               header_change: str | None = None, anchors: Sequence[str] = ()) -> None:
    tbl = body.table(_table_skeleton(tuple(widths), book.id("Table Grid")))
    # Each cell as wide as its grid column, as python-docx's add_row makes it.
    _add_row(tbl, header, story, book.id("Table Heading"), widths, heading=True, change=header_change)
    for index, row in enumerate(rows):
        change = changes[index] if index < len(changes) else None
        tr = _add_row(tbl, row, story, book.id("Table Text"), widths, heading=False, change=change)
        first = next(tr.iter(_P), None)
        if index < len(anchors) and story.bookmarks is not None and first is not None:
            story.bookmarks.add(first, anchors[index])


@lru_cache(maxsize=64)
def _table_skeleton(widths: tuple[int, ...], style_id: str) -> CT_Tbl:
    """Return a table without rows: style `style_id`, a fixed layout, columns `widths` twips wide.

    Made once through python-docx (whose proxies and XPath cost more than the copy each table
    then takes).
    """
    table = Table(CT_Tbl.new_tbl(0, len(widths), Twips(sum(widths))), None)  # type: ignore[arg-type]  # no parent
    table._tbl.tblPr.get_or_add_tblStyle().val = style_id
    table.autofit = False  # a fixed layout: the widths below hold whatever the cells hold
    # Word reads the cell widths, LibreOffice the grid: set both, and the table width.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    table_width = table._tbl.tblPr.find(qn("w:tblW"))  # CT_Tbl.new_tbl always writes one
    table_width.set(qn("w:w"), str(sum(widths)))
    table_width.set(qn("w:type"), "dxa")
    return table._tbl


def _add_row(tbl: CT_Tbl, cells: Sequence[Runs], story: Story, style_id: str, widths: Sequence[int],
             heading: bool, change: str | None = None) -> BaseOxmlElement:
    """Append a row with a cell per grid column, the first `len(cells)` of them filled from `cells`.

    Written in schema order with plain lxml: python-docx's add_row and row.cells gave the same
    XML but were the renderer's slowest step. Every row of a table has the same skeleton (row
    properties, cell widths, paragraph styles), so it is built once and copied in one call.
    """
    filled = min(len(cells), len(widths))  # cells beyond the grid are left out; missing ones stay empty
    tr = deepcopy(_row_skeleton(tuple(widths), style_id, heading, filled))
    tbl.append(tr)
    mark_row(tr[0], change, story.revisions)  # a row added or removed in a redline
    for index, p in enumerate(list(tr.iter(_P))):  # listed first: the runs go into them
        if index < filled:
            write_runs(p, cells[index], story)
        mark_paragraph(p, change, story.revisions)
    return tr


@lru_cache(maxsize=64)
def _row_skeleton(widths: tuple[int, ...], style_id: str, heading: bool, filled: int) -> BaseOxmlElement:
    """Return an empty row: never split, repeated on every page if `heading`, each cell as wide as its
    grid column (as python-docx's add_row makes it), the first `filled` paragraphs in `style_id`."""
    tr = make("w:tr")
    properties = sub(tr, "w:trPr")
    sub(properties, "w:cantSplit")  # a row never breaks across pages
    if heading:
        sub(properties, "w:tblHeader")  # repeated on every page
    for index, width in enumerate(widths):
        tc = sub(tr, "w:tc")
        sub(sub(tc, "w:tcPr"), "w:tcW", type="dxa", w=width)
        p = sub(tc, "w:p")
        if index < filled:
            sub(sub(p, "w:pPr"), "w:pStyle", val=style_id)
    return tr


_P = clark("w:p")
