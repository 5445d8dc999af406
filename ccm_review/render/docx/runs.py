"""Inline content -> WordprocessingML runs: formatting, hyperlinks, breaks, footnote and table note marks."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import DELETED, INSERTED, Deleted, Inserted, NoteMark, TableNoteMark
from ccm_review.model.record import Record, replace, set_field
from ccm_review.patterns import compile_pattern
from ccm_review.render.docx.revisions import Bookmarks, Revisions, revision_container
from ccm_review.render.docx.xml import clark, clean, make, sub, subelement

if TYPE_CHECKING:
    from docx.opc.part import Part
    from docx.oxml.xmlchemy import BaseOxmlElement

    from ccm_review.model.outline import Runs

# Only these become clickable; anything else (javascript:, file:, relative paths) is shown as
# text, so a link the validators missed can never run code or point into the reader's disk.
_LINKABLE = compile_pattern(r"(?:https?|mailto):[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
# What Word keeps out of w:t: a tab is a w:tab, a newline a w:br (as python-docx's run.text does).
_TAB_OR_BREAK = compile_pattern(r"([\t\r\n])")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_R, _T, _DEL_TEXT, _TAB, _BR = map(clark, ("w:r", "w:t", "w:delText", "w:tab", "w:br"))


class Format(Record):
    """Character formatting inherited by nested inlines."""

    __slots__ = ("bold", "regular", "italic", "strike", "style", "deleted")  # noqa: RUF023
    bold: bool
    regular: bool  # not bold even where the paragraph's style is (a caption's label)
    italic: bool
    strike: bool
    style: str | None  # a character style id, e.g. the hyperlink style
    deleted: bool  # inside a tracked deletion: the text goes in w:delText

    def __init__(self, bold: bool = False, regular: bool = False, italic: bool = False, strike: bool = False,
                 style: str | None = None, deleted: bool = False) -> None:
        set_field(self, "bold", bold)
        set_field(self, "regular", regular)
        set_field(self, "italic", italic)
        set_field(self, "strike", strike)
        set_field(self, "style", style)
        set_field(self, "deleted", deleted)


class Story(Record):
    """Where runs are written: the part owning link relationships, and the style ids they use."""

    __slots__ = (  # noqa: RUF023
        "part", "link_style", "note_style", "code_style", "note_offset", "revisions", "bookmarks",
    )
    part: Part
    link_style: str
    note_style: str  # footnote references and table note letters
    code_style: str
    note_offset: int  # footnote n gets id n + note_offset
    revisions: Revisions | None  # how a redline's insertions and deletions are marked
    bookmarks: Bookmarks | None  # the anchors that name paragraphs, rows and notes

    def __init__(self, part: Part, link_style: str, note_style: str, code_style: str, note_offset: int = 0,
                 revisions: Revisions | None = None, bookmarks: Bookmarks | None = None) -> None:
        set_field(self, "part", part)
        set_field(self, "link_style", link_style)
        set_field(self, "note_style", note_style)
        set_field(self, "code_style", code_style)
        set_field(self, "note_offset", note_offset)
        set_field(self, "revisions", revisions)
        set_field(self, "bookmarks", bookmarks)


PLAIN = Format()  # no formatting of its own (records are frozen: one serves every call)
_STYLED = {
    "em": Format(italic=True),
    "strong": Format(bold=True),
    "strike": Format(strike=True),
}


def write_runs(container: BaseOxmlElement, runs: Runs, story: Story, fmt: Format = PLAIN) -> None:
    """Append `runs` to `container` (a w:p or w:hyperlink) with formatting `fmt`."""
    for run in runs:
        _WRITERS[type(run)](container, run, story, fmt)


def add_text(container: BaseOxmlElement, text: str, fmt: Format) -> BaseOxmlElement:
    """Append one run holding `text` (tabs and newlines become w:tab and w:br) and return it.

    Emphasis (bold, italic, struck) is the author's, so it is direct formatting, as is the plain
    weight of a caption's label (UN documents print only the title under it in bold, which the
    Caption style gives); every other look comes from a character style.
    """
    # Written in schema order with plain lxml: python-docx's Font and run.text proxies gave
    # the same XML but were most of the renderer's time.
    r = subelement(container, _R)  # lxml directly: a run is the element written most often
    if fmt.style or fmt.bold or fmt.regular or fmt.italic or fmt.strike:
        properties = sub(r, "w:rPr")
        if fmt.style:
            sub(properties, "w:rStyle", val=fmt.style)
        if fmt.bold:
            sub(properties, "w:b")
        elif fmt.regular:
            sub(properties, "w:b", val=0)
            sub(properties, "w:bCs", val=0)
        if fmt.italic:
            sub(properties, "w:i")
        if fmt.strike:
            sub(properties, "w:strike")
    _append_text(r, clean(text), _DEL_TEXT if fmt.deleted else _T)
    return r


def _append_text(r: BaseOxmlElement, text: str, tag: str) -> None:
    """Append `text` to run `r`: `tag` (the Clark name of w:t, or of w:delText when deleted) for the
    characters, w:tab for a tab, w:br for a newline."""
    # Most runs hold no tab or newline: one piece, no split.
    pieces = _TAB_OR_BREAK.split(text) if "\t" in text or "\n" in text or "\r" in text else (text,)
    for piece in pieces:
        if piece == "\t":
            subelement(r, _TAB)
        elif piece in ("\r", "\n"):
            subelement(r, _BR)
        elif piece:
            t = subelement(r, tag)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():  # Word would drop the spaces at either end
                t.set(_XML_SPACE, "preserve")


def add_note_reference(container: BaseOxmlElement, number: int, story: Story) -> None:
    """Append the run that references footnote `number`."""
    r = sub(container, "w:r")
    sub(sub(r, "w:rPr"), "w:rStyle", val=story.note_style)
    sub(r, "w:footnoteReference", id=number + story.note_offset)


def is_linkable(href: str) -> bool:
    """Return True when `href` may become a clickable hyperlink (http, https, mailto)."""
    return _LINKABLE.fullmatch(href) is not None


def _text(container: BaseOxmlElement, run: Text | RawHtml, story: Story, fmt: Format) -> None:
    if run.text:
        add_text(container, run.text, fmt)


def _code(container: BaseOxmlElement, run: Code, story: Story, fmt: Format) -> None:
    # Code inside a link keeps the link's style: a run has one character style.
    add_text(container, run.text, replace(fmt, style=fmt.style or story.code_style))


def _styled(container: BaseOxmlElement, run: Styled, story: Story, fmt: Format) -> None:
    extra = _STYLED.get(run.style, Format())
    inner = replace(fmt, bold=fmt.bold or extra.bold, italic=fmt.italic or extra.italic,
                    strike=fmt.strike or extra.strike)
    write_runs(container, run.children, story, inner)


def _link(container: BaseOxmlElement, run: Link, story: Story, fmt: Format) -> None:
    # Links inside a hyperlink cannot nest in Word; the outer one wins.
    if not is_linkable(run.href) or container.tag == qn("w:hyperlink"):
        write_runs(container, run.children, story, fmt)
        return
    r_id = story.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
    hyperlink = make("w:hyperlink")
    hyperlink.set(qn("r:id"), r_id)
    container.append(hyperlink)
    write_runs(hyperlink, run.children, story, replace(fmt, style=story.link_style))


def _break(container: BaseOxmlElement, run: LineBreak, story: Story, fmt: Format) -> None:
    if run.hard:
        r = add_text(container, "", fmt)
        sub(r, "w:br")
    else:
        add_text(container, " ", fmt)


def _note(container: BaseOxmlElement, run: NoteMark, story: Story, fmt: Format) -> None:
    add_note_reference(container, run.number, story)


def _table_note(container: BaseOxmlElement, run: TableNoteMark, story: Story, fmt: Format) -> None:
    # Typed, not a field: the letter is explained under the table, not at the foot of the page.
    add_text(container, run.letter, Format(style=story.note_style, deleted=fmt.deleted))


def _inserted(container: BaseOxmlElement, run: Inserted, story: Story, fmt: Format) -> None:
    if story.revisions is None:  # an outline with revisions written plainly: the newer text
        write_runs(container, run.children, story, fmt)
        return
    write_runs(revision_container(container, INSERTED, story.revisions), run.children, story, fmt)


def _deleted(container: BaseOxmlElement, run: Deleted, story: Story, fmt: Format) -> None:
    if story.revisions is None:
        return
    write_runs(revision_container(container, DELETED, story.revisions), run.children, story,
               replace(fmt, deleted=True))


_WRITERS: dict[type, Callable[[BaseOxmlElement, Any, Story, Format], None]] = {
    Text: _text,
    RawHtml: _text,  # raw HTML is shown literally, never interpreted
    Code: _code,
    Styled: _styled,
    Link: _link,
    LineBreak: _break,
    NoteMark: _note,
    TableNoteMark: _table_note,
    Inserted: _inserted,
    Deleted: _deleted,
}
