"""Tables: the numbered indicator tables and the small grids written in the narrative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Twips

from ccm_review.model import Text
from ccm_review.render.docx_runs import Format, Story, write_runs
from ccm_review.render.docx_styles import table_text_style_id
from ccm_review.render.docx_xml import TRPR_ORDER, insert_in_order, make

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table, _Row

    from ccm_review.outline import GridItem, IndicatorTable, Runs
    from ccm_review.render.docx_styles import StyleBook


def add_indicator_table(document: DocxDocument, book: StyleBook, table: IndicatorTable,
                        story: Story, text_width: int) -> Table:
    """Add `table` with its header repeated on every page, columns in the template's proportions."""
    shares = [column.width for column in table.columns]
    header = [(Text(column.header),) for column in table.columns]
    return _add_table(document, book, header, table.rows, story, column_widths(shares, text_width))


def add_grid(document: DocxDocument, book: StyleBook, grid: GridItem, story: Story, text_width: int) -> Table:
    """Add a narrative table: equal columns across the text width, bold header row."""
    count = max([len(grid.header), *(len(row) for row in grid.rows)], default=1) or 1
    widths = column_widths([None] * count, text_width)
    return _add_table(document, book, grid.header, grid.rows, story, widths)


def column_widths(shares: Sequence[float | None], total: int) -> list[int]:
    """Split `total` twips in proportion to `shares` (a missing share counts as an average one)."""
    given = [share for share in shares if share and share > 0]
    average = sum(given) / len(given) if given else 1.0
    weights = [share if share and share > 0 else average for share in shares]
    widths = [int(total * weight / sum(weights)) for weight in weights]
    widths[-1] += total - sum(widths)  # rounding goes to the last column: the sum stays exact
    return widths


def _add_table(document: DocxDocument, book: StyleBook, header: Sequence[Runs],
               rows: Sequence[Sequence[Runs]], story: Story, widths: list[int]) -> Table:
    table: Table = document.add_table(rows=0, cols=len(widths))
    style = book.table("Table Grid")
    if style is not None:
        table.style = style
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid: set both, and the table width.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    if table_width is not None:
        table_width.set(qn("w:w"), str(sum(widths)))
        table_width.set(qn("w:type"), "dxa")
    cell_style = table_text_style_id(book)
    _add_row(table, header, story, cell_style, heading=True)
    for row in rows:
        _add_row(table, row, story, cell_style, heading=False)
    return table


def _add_row(table: Table, cells: Sequence[Runs], story: Story, style_id: str, heading: bool) -> _Row:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    properties = row._tr.get_or_add_trPr()
    insert_in_order(properties, make("w:cantSplit"), TRPR_ORDER)  # a row never breaks across pages
    if heading:
        insert_in_order(properties, make("w:tblHeader"), TRPR_ORDER)  # repeated on every page
    for cell, runs in zip(row.cells, cells, strict=False):
        p = cell.paragraphs[0]._p
        p.get_or_add_pPr().style = style_id
        write_runs(p, runs, story, Format(bold=heading))
    return row
