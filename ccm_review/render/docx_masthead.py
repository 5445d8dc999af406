"""The masthead of the DOCX: body and symbol, distribution block, meeting, agenda item and title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt, Twips

from ccm_review.render.docx_xml import PPR_ORDER, clean, insert_in_order, make
from ccm_review.text import un_date

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

    from ccm_review.model import Masthead
    from ccm_review.render.docx_styles import StyleBook

# The distribution block starts where UN mastheads put it: about three fifths across the page.
_BLOCK_SHARE = 0.6


def write_masthead(document: DocxDocument, book: StyleBook, masthead: Masthead, text_width: int) -> None:
    """Write the masthead (never numbered); empty fields are left out."""
    if masthead.body or masthead.symbol:
        _top_line(document, masthead, text_width)
    block = [
        f"Distr.: {masthead.distribution}" if masthead.distribution else "",
        _date(masthead.date),
        f"Original: {masthead.original}" if masthead.original else "",
    ]
    for line in filter(None, block):
        paragraph = _line(document, line)
        paragraph.paragraph_format.left_indent = Twips(int(text_width * _BLOCK_SHARE))
    where = ", ".join(filter(None, (masthead.place, masthead.meeting_dates)))
    meeting = [
        (masthead.meeting, True),
        (masthead.session, True),
        (where, False),
        (f"Item {masthead.agenda_item} of the provisional agenda" if masthead.agenda_item else "", False),
        (masthead.agenda_title, True),
    ]
    first = True
    for text, bold in meeting:
        if text:
            paragraph = _line(document, text, bold=bold)
            if first:
                paragraph.paragraph_format.space_before = Pt(24)
                first = False
    if masthead.title:
        _title(document, book, masthead.title)
    if masthead.submitted_by:
        paragraph = _line(document, f"Submitted by {masthead.submitted_by}", bold=True)
        paragraph.paragraph_format.space_after = Pt(24)


def _top_line(document: DocxDocument, masthead: Masthead, text_width: int) -> None:
    """Body name at the left, symbol at the right margin, a rule below."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.paragraph_format.space_after = Pt(6)
    body = paragraph.add_run(clean(masthead.body))
    body.bold = True
    body.font.size = Pt(14)
    paragraph.add_run("\t" + clean(masthead.symbol))
    border = make("w:pBdr")
    border.append(make("w:bottom", val="single", sz=8, space=4, color="auto"))
    insert_in_order(paragraph._p.get_or_add_pPr(), border, PPR_ORDER)


def _title(document: DocxDocument, book: StyleBook, title: str) -> None:
    style = book.paragraph("Title")
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(clean(title))
    if style is None:  # no Title style in the starting document: make it look like one
        run.bold = True
        run.font.size = Pt(16)


def _line(document: DocxDocument, text: str, bold: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(clean(text))
    if bold:
        run.bold = True
    return paragraph


def _date(iso: str) -> str:
    """Return the masthead date as UN documents write it; a malformed date is shown as written."""
    try:
        return un_date(iso) if iso else ""
    except (ValueError, IndexError):
        return iso
