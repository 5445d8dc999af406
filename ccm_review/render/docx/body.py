"""The body of the document, written block by block in reading order."""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING, cast

from ccm_review.render.docx.xml import clark, sub

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.xmlchemy import BaseOxmlElement


class Body:
    """Appends paragraphs and tables to the body, each before the body's own section properties.

    python-docx's add_paragraph and add_table search the body for its w:sectPr on every call,
    so a document took time growing with the square of its length. The w:sectPr stays the
    same while the renderer writes: it is found once, here.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._body = document.element.body
        self._end = self._body.find(clark("w:sectPr"))
        self.written: list[BaseOxmlElement] = []  # what this body appended, in order

    def paragraph(self, style_id: str, number: tuple[int, int] | None = None) -> CT_P:
        """Append an empty paragraph in paragraph style `style_id` and return it; with a `number`
        (a list's w:num id and a level, 0 = a numbered paragraph), an item of that list."""
        # Made in place and moved before the w:sectPr: a free element (`make`) has its
        # namespace checked and declared on every call.
        p = cast("CT_P", sub(self._body, "w:p"))
        self._append(p)
        properties = sub(p, "w:pPr")
        sub(properties, "w:pStyle", val=style_id)
        if number is not None:  # the list comes right after the style in the schema
            num_pr = sub(properties, "w:numPr")
            sub(num_pr, "w:ilvl", val=number[1])
            sub(num_pr, "w:numId", val=number[0])
        return p

    def table(self, skeleton: CT_Tbl) -> CT_Tbl:
        """Append a copy of table `skeleton` (its properties and grid, no rows yet) and return it."""
        tbl = deepcopy(skeleton)
        self._append(tbl)
        return tbl

    def _append(self, element: BaseOxmlElement) -> None:
        self.written.append(element)
        if self._end is None:
            self._body.append(element)
        else:
            self._end.addprevious(element)
