"""The masthead of the DOCX: body and symbol, distribution block, meeting, agenda item and title.

Every masthead paragraph has a "Masthead ..." style (the title has "Title"): the look is the
reference document's, and a word count can leave the masthead out by its styles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.layout.labels import printed_date
from ccm_review.render.docx.runs import Format, add_text

if TYPE_CHECKING:
    from docx.oxml.text.paragraph import CT_P

    from ccm_review.model.source import Masthead
    from ccm_review.render.docx.body import Body
    from ccm_review.render.docx.styles import StyleBook


def write_masthead(body: Body, book: StyleBook, masthead: Masthead) -> None:
    """Write the masthead (never numbered); empty fields are left out."""
    if masthead.body or masthead.symbol:
        p = _line(body, book, "Masthead Top", masthead.body)
        if masthead.symbol:
            add_text(p, "\t" + masthead.symbol, Format(style=book.id("Masthead Symbol")))
    block = [
        f"Distr.: {masthead.distribution}" if masthead.distribution else "",
        printed_date(masthead.date),
        f"Original: {masthead.original}" if masthead.original else "",
    ]
    for line in filter(None, block):
        _line(body, book, "Masthead Distribution", line)
    where = ", ".join(filter(None, (masthead.place, masthead.meeting_dates)))
    meeting = [
        (masthead.meeting, "Masthead Bold"),
        (masthead.session, "Masthead Bold"),
        (where, "Masthead"),
        (f"Item {masthead.agenda_item} of the provisional agenda" if masthead.agenda_item else "", "Masthead"),
        (masthead.agenda_title, "Masthead Bold"),
    ]
    for text, style in meeting:
        if text:
            _line(body, book, style, text)
    if masthead.title:
        _line(body, book, "Title", masthead.title)
    if masthead.period:
        _line(body, book, "Masthead", masthead.period)
    if masthead.submitted_by:
        _line(body, book, "Masthead", f"Submitted by {masthead.submitted_by}")


def _line(body: Body, book: StyleBook, style: str, text: str) -> CT_P:
    p = body.paragraph(book.id(style))
    if text:
        add_text(p, text, Format())
    return p
