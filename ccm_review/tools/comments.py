"""`comments`: a reviewer's comments and tracked changes, each traced to its part, paragraph and source line.

The returned DOCX gives each comment and change with the bookmark of its paragraph (`load.returned_docx`);
the outline of the project's current sources gives the item, row, cell or note behind that bookmark,
and the item its location (`layout.anchors`). What cannot be traced (the masthead, a document this
tool did not build, a paragraph the sources no longer have) is listed all the same, unmapped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.layout.anchors import place_of
from ccm_review.model.location import Location
from ccm_review.project import DOCUMENT_FILE
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.load.returned_docx import Anchor, ReturnedDocument
    from ccm_review.model.finding import Finding
    from ccm_review.model.outline import Outline


def review_findings(returned: ReturnedDocument, outline: Outline | None) -> list[Finding]:
    """Return a finding for every comment (CCM060) and tracked change (CCM061); CCM062 where unmapped."""
    out: list[Finding] = []
    for comment in returned.comments:
        what = f"comment by {_who(comment.author, comment.date)}: \u201c{comment.text}\u201d"
        hint = f"on \u201c{_short(comment.quoted)}\u201d" if comment.quoted else None
        out.append(_finding("CCM060", what, hint, comment.anchor, comment.story, returned.anchored, outline))
    for change in returned.changes:
        verb = "inserted" if change.kind == "insertion" else "deleted"
        what = f"{_who(change.author, change.date)} {verb} \u201c{_short(change.text)}\u201d"
        out.append(_finding("CCM061", what, None, change.anchor, change.story, returned.anchored, outline))
    return out


def _finding(code: str, what: str, hint: str | None, anchor: Anchor, story: str, anchored: bool,
             outline: Outline | None) -> Finding:
    if not anchored:
        return finding("CCM062", f"{what} (not mapped: the document has no ccm-review anchors)",
                       None, "was it built by `ccm-review build`? The comments are listed in the order they appear")
    if anchor.name is None and story == "body":
        return finding("CCM062", f"{what} (on the masthead)", Location(DOCUMENT_FILE, 1, 1),
                       hint or "the cover block comes from sections/document.yaml")
    place = place_of(outline, anchor.name, anchor.column) if outline is not None and anchor.name else None
    if place is None:
        return finding("CCM062", f"{what} (not mapped: its paragraph is not in the current sources)", None,
                       "the sources changed since the document was built; build it again and compare")
    where = place.where if anchor.exact else f"near {place.where}"  # its own paragraph had lost its bookmark
    return finding(code, f"{what} ({where})", place.location, hint)


def _who(author: str, date: str) -> str:
    return f"{author or 'someone'}{f' ({date[:10]})' if date else ''}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
