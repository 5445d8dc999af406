"""A DOCX a reviewer returned -> the comments and tracked changes in it, each with the anchor it sits at.

The document this tool builds names every part heading, item, table row, table note and footnote
with a bookmark (`layout.anchors`); a comment or a change is read back to the bookmark of its
paragraph (of its row, for a table cell, with the cell's column) and to the nearest one before
it when its own paragraph lost its bookmark. Reading only: the file is never changed.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

from ccm_review.errors import UsageError
from ccm_review.layout.anchors import PREFIX, note_anchor

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted (password-protected) Office file is an OLE file
_MAX_PART = 64 * 1024 * 1024  # a part larger than this is not a review document


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


@dataclass(frozen=True)
class Anchor:
    """Where in the built document a mark sits: a bookmark name (None when none precedes it), the
    column of the table cell it is in, and whether the bookmark is the paragraph's own."""

    name: str | None
    column: int | None = None
    exact: bool = True


@dataclass(frozen=True)
class ReviewComment:
    """A Word comment: who wrote it, when, its text, the text it is anchored to and where."""

    author: str
    date: str
    text: str
    quoted: str
    anchor: Anchor
    story: str  # "body" or "footnotes"


@dataclass(frozen=True)
class TrackedChange:
    """A reviewer's tracked change: inserted or deleted text, by whom, when and where."""

    kind: str  # "insertion" or "deletion"
    author: str
    date: str
    text: str
    anchor: Anchor
    story: str


@dataclass(frozen=True)
class ReturnedDocument:
    """What a returned DOCX holds for the review round; `anchored` says whether this tool built it."""

    comments: tuple[ReviewComment, ...]
    changes: tuple[TrackedChange, ...]
    anchored: bool


def read_returned(path: Path) -> ReturnedDocument:
    """Read the comments and tracked changes of the DOCX at `path`; raise UsageError (exit 2) for a file
    that cannot be read as a Word document."""
    parts = _parts(path)
    texts = _comment_texts(parts.get("word/comments.xml"))
    comments: list[ReviewComment] = []
    changes: list[TrackedChange] = []
    anchored = False
    body = parts["word/document.xml"]
    # A footnote's number is the place of its reference among the document's references.
    notes = {str(reference.get(_w("id"))): number
             for number, reference in enumerate(body.iter(_w("footnoteReference")), start=1)}
    for story, name in (("body", "word/document.xml"), ("footnotes", "word/footnotes.xml")):
        root = parts.get(name)
        if root is None:
            continue
        anchored = anchored or any(str(mark.get(_w("name"), "")).startswith(PREFIX)
                                   for mark in root.iter(_w("bookmarkStart")))
        comments.extend(_comments(root, texts, story, notes))
        changes.extend(_changes(root, story, notes))
    return ReturnedDocument(tuple(comments), tuple(changes), anchored)


# --- the package --------------------------------------------------------------------------------


def _parts(path: Path) -> dict[str, etree._Element]:
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}", hint="check the file's name") from None
    if head == _OLE:
        raise UsageError(f"{path} is password-protected or in the old .doc format",
                         hint="open it in Word and save it as a .docx without a password")
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names:
                raise UsageError(f"{path} is not a Word document (no word/document.xml)",
                                 hint="give the .docx file the reviewer returned")
            parts: dict[str, etree._Element] = {}
            for name in ("word/document.xml", "word/footnotes.xml", "word/comments.xml"):
                if name in names:
                    if package.getinfo(name).file_size > _MAX_PART:
                        raise UsageError(f"{path}: {name} is larger than a review document can be")
                    parts[name] = _parse(package.read(name), path, name)
            return parts
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise UsageError(f"{path} is not a readable .docx file: {error}",
                         hint="ask for the file again, or open and re-save it in Word") from None


def _parse(data: bytes, path: Path, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UsageError(f"{path}: {name} is damaged: {error}", hint="open and re-save the file in Word") from None


# --- comments ------------------------------------------------------------------------------------


def _comment_texts(root: etree._Element | None) -> dict[str, tuple[str, str, str]]:
    """Comment id -> (author, date, text), paragraphs joined by a space."""
    if root is None:
        return {}
    found: dict[str, tuple[str, str, str]] = {}
    for comment in root.iter(_w("comment")):
        paragraphs = [_text(p, ("t",)) for p in comment.iter(_w("p"))]
        found[str(comment.get(_w("id")))] = (str(comment.get(_w("author"), "")), str(comment.get(_w("date"), "")),
                                             " ".join(part for part in paragraphs if part).strip())
    return found


def _comments(root: etree._Element, texts: dict[str, tuple[str, str, str]], story: str,
              notes: dict[str, int]) -> Iterator[ReviewComment]:
    starts = {str(mark.get(_w("id"))): mark for mark in root.iter(_w("commentRangeStart"))}
    ends = {str(mark.get(_w("id"))): mark for mark in root.iter(_w("commentRangeEnd"))}
    references = {str(mark.get(_w("id"))): mark for mark in root.iter(_w("commentReference"))}
    order = list(root.iter())
    position = {id(element): index for index, element in enumerate(order)}
    for comment_id in sorted(set(starts) | set(references), key=lambda key: position[id(starts.get(key,
                                                                                          references.get(key)))]):
        if comment_id not in texts:
            continue
        author, date, text = texts[comment_id]
        start = starts.get(comment_id, references.get(comment_id))
        end = ends.get(comment_id)
        quoted = ""
        if start is not None and end is not None:
            quoted = "".join(element.text or "" for element in order[position[id(start)]:position[id(end)]]
                             if element.tag in (_w("t"), _w("delText")))
        yield ReviewComment(author, date, text, " ".join(quoted.split()), _anchor(start, notes), story)


# --- tracked changes -----------------------------------------------------------------------------


def _changes(root: etree._Element, story: str, notes: dict[str, int]) -> Iterator[TrackedChange]:
    for tag, kind, text_tags in (("ins", "insertion", ("t",)), ("del", "deletion", ("delText",))):
        for mark in root.iter(_w(tag)):
            parent = mark.getparent()
            if parent is not None and parent.tag in (_w("rPr"), _w("trPr")):
                continue  # a paragraph mark or a row: its text, if any, is in the runs' own marks
            text = _text(mark, text_tags)
            if text.strip():
                yield TrackedChange(kind, str(mark.get(_w("author"), "")), str(mark.get(_w("date"), "")),
                                    " ".join(text.split()), _anchor(mark, notes), story)


# --- where ---------------------------------------------------------------------------------------


def _anchor(element: etree._Element, notes: dict[str, int]) -> Anchor:
    """The bookmark of the paragraph (or table row) holding `element`, else the nearest one before it.

    In a footnote it is the note's number: the place of its reference among the document's note
    references, which is how Word numbers notes and how the outline does; LibreOffice keeps that on a
    re-save, where it drops the bookmarks of all notes but the first.
    """
    note = _ancestor(element, "footnote")
    if note is not None:
        number = notes.get(str(note.get(_w("id"))))
        return Anchor(note_anchor(number)) if number is not None else Anchor(None, exact=False)
    paragraph = _ancestor(element, "p")
    cell = _ancestor(element, "tc")
    row = _ancestor(cell, "tr") if cell is not None else None
    column = None
    scope = paragraph
    if row is not None and cell is not None:
        column = [child for child in row if child.tag == _w("tc")].index(cell)
        scope = row
    if scope is not None:
        own = _bookmark_in(scope)
        if own is not None:
            return Anchor(own, column)
    before = _bookmark_before(scope if scope is not None else element)
    return Anchor(before, column, exact=False)


def _ancestor(element: etree._Element | None, name: str) -> etree._Element | None:
    while element is not None and element.tag != _w(name):
        element = element.getparent()
    return element


def _bookmark_in(scope: etree._Element) -> str | None:
    for mark in scope.iter(_w("bookmarkStart")):
        name = str(mark.get(_w("name"), ""))
        if name.startswith(PREFIX):
            return name
    return None


def _bookmark_before(element: etree._Element) -> str | None:
    for mark in element.itersiblings(preceding=True):
        found = [str(b.get(_w("name"), "")) for b in mark.iter(_w("bookmarkStart"))]
        named = [name for name in found if name.startswith(PREFIX)]
        if named:
            return named[-1]
    parent = element.getparent()
    return _bookmark_before(parent) if parent is not None else None


def _text(element: etree._Element, tags: tuple[str, ...]) -> str:
    wanted = {_w(tag) for tag in tags}
    return "".join(node.text or "" for node in element.iter() if node.tag in wanted)
