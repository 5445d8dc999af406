"""Inline content (runs) -> safe HTML fragments: every author's character is escaped here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup, escape

from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import Deleted, Inserted, NoteMark, Run, TableNoteMark
from ccm_review.model.record import Record, replace, set_field
from ccm_review.patterns import compile_pattern

# Only these reach the page as real links; the validators report any other scheme (CCM032), and
# this renderer stays safe on its own in case it is handed an outline that skipped them.
_EXTERNAL_HREF = compile_pattern(r"(?:https?|mailto):", re.IGNORECASE)
_STYLE_TAGS = {"em": "em", "strong": "strong", "strike": "s"}


class TableMarks:
    """The ids of one table's note references: a letter cited twice gets `-2` on its second id."""

    def __init__(self, table_id: str) -> None:
        self.table_id = table_id
        self._seen: dict[str, int] = {}

    def reference_id(self, letter: str) -> str:
        """Return a new id for a reference to note `letter`; the first is the one notes link back to."""
        count = self._seen[letter] = self._seen.get(letter, 0) + 1
        first = first_reference_id(self.table_id, letter)
        return first if count == 1 else f"{first}-{count}"


def first_reference_id(table_id: str, letter: str) -> str:
    """Return the id of the first reference to note `letter` of table `table_id`."""
    return f"{table_id}-ref-{letter}"


def table_note_id(table_id: str, letter: str) -> str:
    """Return the id of note `letter` under table `table_id`."""
    return f"{table_id}-note-{letter}"


class Changes:
    """The ids of a redline's insertions and deletions, "change-1" ... in reading order, and those of each part."""

    def __init__(self) -> None:
        self._count = 0
        self.ids: list[str] = []  # the ids given since `ids` was last emptied

    def next_id(self) -> str:
        """Return the id of the next change."""
        self._count += 1
        self.ids.append(f"change-{self._count}")
        return self.ids[-1]


class _Scope(Record):
    __slots__ = ("in_link", "marks", "changes")  # noqa: RUF023
    in_link: bool
    marks: TableMarks | None
    changes: Changes | None

    def __init__(self, in_link: bool = False, marks: TableMarks | None = None, changes: Changes | None = None) -> None:
        set_field(self, "in_link", in_link)
        set_field(self, "marks", marks)
        set_field(self, "changes", changes)


def render_runs(runs: Iterable[Run], marks: TableMarks | None = None, changes: Changes | None = None) -> Markup:
    """Return `runs` as one escaped HTML fragment; `marks` numbers table-note references in cells,
    `changes` the insertions and deletions of a redline."""
    return _render_all(runs, _Scope(marks=marks, changes=changes))


def link_kind(href: str) -> str | None:
    """Return "internal" for "#..." hrefs, "external" for http(s)/mailto ones, None for the rest."""
    if href.startswith("#"):
        return "internal"
    if _EXTERNAL_HREF.match(href) and not any(ord(char) <= 0x20 for char in href):
        return "external"
    return None


def _render_all(runs: Iterable[Run], scope: _Scope) -> Markup:
    return Markup("").join(_render_run(run, scope) for run in runs)


def _render_run(run: Run, scope: _Scope) -> Markup:
    renderer = _RENDERERS.get(type(run))
    if renderer is None:
        raise TypeError(f"no HTML renderer for inline {type(run).__name__}")
    return renderer(run, scope)


def _text(run: Text, scope: _Scope) -> Markup:
    return escape(run.text)


def _code(run: Code, scope: _Scope) -> Markup:
    return Markup("<code>{}</code>").format(run.text)


def _raw_html(run: RawHtml, scope: _Scope) -> Markup:
    # Authors' HTML is never markup: it shows as the characters they typed.
    return escape(run.text)


def _styled(run: Styled, scope: _Scope) -> Markup:
    inner = _render_all(run.children, scope)
    tag = _STYLE_TAGS.get(run.style)
    return Markup("<{0}>{1}</{0}>").format(Markup(tag), inner) if tag else inner


def _link(run: Link, scope: _Scope) -> Markup:
    kind = link_kind(run.href)
    inner = _render_all(run.children, replace(scope, in_link=True))
    if kind is None or scope.in_link:
        return inner
    if kind == "internal":
        return Markup('<a href="{}">{}</a>').format(run.href, inner)
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(run.href, inner)


def _line_break(run: LineBreak, scope: _Scope) -> Markup:
    return Markup("<br>\n") if run.hard else Markup("\n")


# Marks are numbering, not words: data-count="no" lets the word count leave them out.
def _note_mark(run: NoteMark, scope: _Scope) -> Markup:
    number = run.number
    if scope.in_link:
        # An <a> cannot hold another <a>: the mark keeps its id (the note links back to it).
        return Markup('<sup class="note-ref" id="note-ref-{0}" data-count="no">{0}</sup>').format(number)
    return Markup('<sup class="note-ref" id="note-ref-{0}" data-count="no">'
                  '<a href="#note-{0}" aria-label="Note {0}">{0}</a></sup>').format(number)


def _table_note_mark(run: TableNoteMark, scope: _Scope) -> Markup:
    letter = run.letter
    if scope.marks is None:
        # Only table cells cite table notes; anywhere else there is no note to link to.
        return Markup('<sup class="table-note-ref" data-count="no">{}</sup>').format(letter)
    ref_id = scope.marks.reference_id(letter)
    if scope.in_link:
        return Markup('<sup class="table-note-ref" id="{}" data-count="no">{}</sup>').format(ref_id, letter)
    note_id = table_note_id(scope.marks.table_id, letter)
    return Markup('<sup class="table-note-ref" data-count="no"><a href="#{}" id="{}" '
                  'aria-label="Table note {}">{}</a></sup>').format(note_id, ref_id, letter, letter)


# A change is underlined or struck through (readable without colour) and named for screen readers.
_CHANGE = ('<{tag}{id}><span class="sr-only" data-count="no">[{label}: </span>{inner}'
           '<span class="sr-only" data-count="no">]</span></{tag}>')


def _change(tag: str, label: str, run: Inserted | Deleted, scope: _Scope) -> Markup:
    change_id = Markup(' id="{}"').format(scope.changes.next_id()) if scope.changes is not None else Markup("")
    inner = _render_all(run.children, scope)
    return Markup(_CHANGE).format(tag=Markup(tag), id=change_id, label=label, inner=inner)


def _inserted(run: Inserted, scope: _Scope) -> Markup:
    return _change("ins", "inserted", run, scope)


def _deleted(run: Deleted, scope: _Scope) -> Markup:
    return _change("del", "deleted", run, scope)


_RENDERERS: dict[type[Any], Callable[[Any, _Scope], Markup]] = {
    Inserted: _inserted,
    Deleted: _deleted,
    Text: _text,
    Code: _code,
    RawHtml: _raw_html,
    Styled: _styled,
    Link: _link,
    LineBreak: _line_break,
    NoteMark: _note_mark,
    TableNoteMark: _table_note_mark,
}
