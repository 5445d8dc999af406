"""Marks on what is printed: tracked changes (w:ins and w:del around runs, on paragraph marks and rows)
and the bookmarks that name paragraphs.

A redline outline marks what a later draft added or removed (`Inserted`, `Deleted`, `change`);
this module writes those marks as Word revisions, each with the author and the date of the
redline, so that Word's Accept all and Reject all give the newer and the older draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ccm_review.model.outline import DELETED, INSERTED
from ccm_review.render.docx.xml import PPR_ORDER, clark, insert_in_order, make, subelement

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# Revision ids share Word's space of annotation ids with comments and bookmarks: start far above them.
_FIRST_ID = 100_000
_TAGS = {INSERTED: "w:ins", DELETED: "w:del"}


@dataclass
class Revisions:
    """Makes the revision marks of one document: every mark a new id, one author, one date."""

    author: str
    stamp: datetime
    _next: int = field(default=_FIRST_ID, repr=False)

    def mark(self, change: str) -> BaseOxmlElement:
        """Return a new w:ins (INSERTED) or w:del (DELETED) element, not yet in a tree."""
        self._next += 1
        stamp = self.stamp if self.stamp.tzinfo else self.stamp.replace(tzinfo=UTC)
        return make(_TAGS[change], id=self._next, author=self.author,
                    date=stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def mark_paragraph(p: BaseOxmlElement, change: str | None, revisions: Revisions | None) -> None:
    """Mark the paragraph mark of `p` inserted or deleted, so that the paragraph itself comes or goes."""
    if change is None or revisions is None:
        return
    properties = p.find(clark("w:pPr"))
    if properties is None:
        properties = make("w:pPr")
        p.insert(0, properties)
    run_properties = make("w:rPr")
    run_properties.append(revisions.mark(change))
    insert_in_order(properties, run_properties, PPR_ORDER)


def mark_row(row_properties: BaseOxmlElement, change: str | None, revisions: Revisions | None) -> None:
    """Mark a table row (its w:trPr) inserted or deleted."""
    if change is not None and revisions is not None:
        row_properties.append(revisions.mark(change))


def revision_container(container: BaseOxmlElement, change: str, revisions: Revisions) -> BaseOxmlElement:
    """Append a w:ins or w:del to `container` (a paragraph or hyperlink) and return it, for runs to go in."""
    element = revisions.mark(change)
    container.append(element)
    return element



class Bookmarks:
    """Names paragraphs with bookmarks (layout.anchors), so that a returned document leads back to the sources."""

    def __init__(self) -> None:
        self._next = 0

    def add(self, p: BaseOxmlElement, name: str) -> None:
        """Put bookmark `name` around the content of paragraph `p`."""
        self._next += 1
        number = str(self._next)
        # Every paragraph, row and note has one: lxml called directly, names computed once.
        start = subelement(p, _START, {_ID: number, _NAME: name})  # then moved: cheaper than a free element
        properties = p.find(_PPR)
        if properties is None:
            p.insert(0, start)
        else:
            properties.addnext(start)
        subelement(p, _END, {_ID: number})


_PPR, _START, _END, _ID, _NAME = map(clark, ("w:pPr", "w:bookmarkStart", "w:bookmarkEnd", "w:id", "w:name"))
