"""A section as printed prose: passages in print order, quotations masked, sentences, and the way
back from a piece of a passage to its line and column in the source file.

The editorial rules and the readability figures read passages, never Markdown: what they judge is
the text a reader sees (markup removed, footnote markers gone), in the order it is printed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate

from ccm_review.analyse.walk import leaves, walk_inlines
from ccm_review.model.location import Location
from ccm_review.model.narrative import (
    Block,
    Code,
    Figure,
    Footnote,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    RawHtml,
    SimpleTable,
    Styled,
    Text,
)
from ccm_review.model.record import Record, set_field
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern

MASK = "\ufffc"  # stands for every character a rule must not read (code, raw HTML, quotations)
RUNNING = ("paragraph", "item", "footnote")  # running text, as opposed to headings, tables, quotations

# A quotation ends before the next opening mark: an opening mark never closed must not make every
# later one search to the end of the passage (quadratic time on a long line).
_QUOTATION = compile_pattern(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"\n]*\"|(?<!\w)\u2018[^\u2018\u2019]*\u2019(?!\w)")
# Abbreviations whose full stop does not end a sentence (compared in lower case).
_NO_STOP = frozenset({
    "e.g.", "i.e.", "para.", "paras.", "no.", "nos.", "art.", "arts.", "p.", "pp.", "vol.", "vols.", "cf.",
    "viz.", "fig.", "figs.", "mr.", "mrs.", "ms.", "dr.", "st.", "approx.", "ch.", "chap.", "sect.", "ed.",
    "eds.", "rev.", "corr.", "add.", "a.m.", "p.m.", "inc.", "ltd.", "co.", "op.", "cit.", "ibid.", "al.",
    "resp.", "ann.", "suppl.", "sess.", "res.", "dec.", "doc.", "docs.", "u.s.", "u.k.", "v.", "vs.",
})
_BOUNDARY = compile_pattern(r"[.!?]+[\"\u201d\u2019)\]]*(?=\s+[\"\u201c\u2018(\[]*[A-Z0-9]|\s*$)")
_BETWEEN = r"(?:\s|[*_~`\\]|\[\^[^\]\s]*\]|\]\([^)\s]*\)|\[)+"


class Passage(Record):
    """One printed unit of a section: a heading, paragraph, list item, footnote paragraph or cell.

    `raw` is the text as printed; `text` masks code, raw HTML and quotations (what style rules
    read); `prose` masks code and raw HTML only (what sentences are counted on). All three have
    the same length, so a position in one is a position in the others.
    """

    __slots__ = ("kind", "raw", "text", "prose", "location", "inlines", "in_narrative")  # noqa: RUF023
    kind: str  # heading, paragraph, item, footnote, cell, table or quote
    raw: str
    text: str
    prose: str
    location: Location
    inlines: tuple[Inline, ...]
    in_narrative: bool  # False for indicator cells, which live in the front matter

    def __init__(self, kind: str, raw: str, text: str, prose: str, location: Location, inlines: tuple[Inline, ...],
                 in_narrative: bool) -> None:
        set_field(self, "kind", kind)
        set_field(self, "raw", raw)
        set_field(self, "text", text)
        set_field(self, "prose", prose)
        set_field(self, "location", location)
        set_field(self, "inlines", inlines)
        set_field(self, "in_narrative", in_narrative)

    @property
    def running(self) -> bool:
        """Whether this is running text (paragraphs, list items and footnotes)."""
        return self.kind in RUNNING


def passages(section: Section) -> list[Passage]:
    """Return the printed passages of `section` in print order; each footnote after its first reference."""
    notes = {note.label: note for note in section.footnotes}
    placed: set[str] = set()
    out: list[Passage] = []
    for row in section.rows or ():
        for cell in row.cells:
            out.append(_passage("cell", cell.inlines, cell.location, in_narrative=False))
    out.extend(_notes_of(out, notes, placed))
    for block in section.blocks:
        start = len(out)
        out.extend(_block_passages((block,), "paragraph"))
        out.extend(_notes_of(out[start:], notes, placed))
    for label, note in notes.items():
        if label not in placed:
            out.extend(_note_passages(note))
    return out


def _notes_of(new: list[Passage], notes: dict[str, Footnote], placed: set[str]) -> Iterator[Passage]:
    for passage in list(new):
        for inline in walk_inlines(passage.inlines):
            if isinstance(inline, FootnoteRef) and inline.label in notes and inline.label not in placed:
                placed.add(inline.label)
                yield from _note_passages(notes[inline.label])


def _note_passages(note: Footnote) -> Iterator[Passage]:
    return _block_passages(note.blocks, "footnote")


def _block_passages(blocks: Iterable[Block], kind: str) -> Iterator[Passage]:
    """Yield the passages of `blocks`: `kind` is "paragraph" in the narrative, "footnote" in a note."""
    for step in leaves(blocks):
        node = step.node
        if isinstance(node, Heading):
            yield _passage("heading", node.inlines, node.location)
        elif isinstance(node, Paragraph):
            if step.quoted:
                yield _passage("quote", node.inlines, node.location)
            else:
                yield _passage("item" if step.depth and kind == "paragraph" else kind, node.inlines, node.location)
        elif isinstance(node, SimpleTable):
            for cell in (*node.header, *(cell for row in node.rows for cell in row)):
                yield _passage("table", cell, node.location)
        # Code blocks are printed verbatim: no rule reads them.


def _passage(kind: str, inlines: tuple[Inline, ...], location: Location, in_narrative: bool = True) -> Passage:
    raw_parts: list[str] = []
    prose_parts: list[str] = []
    for piece, masked in _pieces(inlines):
        raw_parts.append(piece)
        prose_parts.append(mask(piece) if masked else piece)
    raw, prose = "".join(raw_parts), "".join(prose_parts)
    text = _QUOTATION.sub(lambda match: mask(match.group(0)), prose)
    return Passage(kind, raw, text, prose, location, inlines, in_narrative)


def printed_length(inlines: tuple[Inline, ...]) -> int:
    """Return how many characters `inlines` take in a passage (positions in its text count so)."""
    return sum(len(piece) for piece, _ in _pieces(inlines))


def _pieces(inlines: tuple[Inline, ...]) -> Iterator[tuple[str, bool]]:
    """Yield the printed text of `inlines` with whether rules must not read it."""
    for inline in inlines:
        if isinstance(inline, (Text, Figure)):
            yield inline.text, False
        elif isinstance(inline, (Code, RawHtml)):
            yield inline.text, True
        elif isinstance(inline, (Styled, Link)):
            yield from _pieces(inline.children)
        elif isinstance(inline, LineBreak):
            yield " ", False


def mask(text: str) -> str:
    """Return `text` with every character but white space replaced by MASK (same length)."""
    return "".join(char if char.isspace() else MASK for char in text)


# --- sentences -------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) of each sentence of `text`; "e.g.", "para." or "No." end none.

    Remembered: the reading ease and two rules split the same passages.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        word = _last_word(text, match.start() + 1)
        if word in _NO_STOP or (len(word) == 2 and word[1] == "." and "a" <= word[0] <= "z"):
            continue  # an abbreviation or an initial ("J. Smith"), not the end of a sentence
        end = match.end()
        if text[start:end].strip():
            spans.append((_skip_space(text, start), end))
        start = end
    if text[start:].strip():
        spans.append((_skip_space(text, start), len(text.rstrip())))
    return tuple(spans)


def _last_word(text: str, end: int) -> str:
    """Return the word ending at `end` (with its full stop), in lower case, opening marks removed."""
    # A few characters back hold the word, nearly always: split them in C, and look further back only
    # when no white space came before it (a long word, or the text's start).
    reach = 32
    while True:
        begin = max(0, end - reach)
        before = text[begin:end]
        word = before.rsplit(None, 1)[-1]  # `end` follows a full stop: `before` ends in no white space
        if len(word) < len(before) or begin == 0:
            return word.lstrip("(\"\u201c\u2018[").lower()
        reach *= 4


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


# --- back to the source ----------------------------------------------------------------------------


def locate(section: Section, passage: Passage, start: int, end: int) -> Location:
    """Return where `passage.raw[start:end]` is in the source file; the passage's start if unsure.

    Only the block's start is known from loading; the piece is found again in the narrative lines
    from there, allowing markup (emphasis, links, footnote markers) between its words. Searches
    are remembered, so that a thousand findings of the same words in a long paragraph cost one
    search; past _SEARCHES_PER_PASSAGE different searches in one passage (a pathological input,
    a megabyte on one line), the rest of its findings point at the passage's start.
    """
    if not passage.in_narrative:
        return passage.location
    words = passage.raw[start:end].split()
    if not words:
        return passage.location
    for pattern in (_flexible(tuple(words)), _flexible(tuple(words[:1]))):
        if not _may_search(passage, pattern):
            return passage.location
        before = bisect_left(_starts(passage.raw, pattern, 0), start)
        found = _find(section, passage.location, pattern, before)
        if found is not None:
            return found
    return passage.location


_SEARCHES_PER_PASSAGE = 200
_searched: dict[int, tuple[str, set[str]]] = {}


def _may_search(passage: Passage, pattern: str) -> bool:
    """Count the different searches made in `passage`; False once it has had its share."""
    entry = _searched.get(id(passage.raw))
    if entry is None or entry[0] is not passage.raw:
        if len(_searched) > 64:
            _searched.clear()
        entry = (passage.raw, set())
        _searched[id(passage.raw)] = entry
    patterns = entry[1]
    if pattern in patterns:
        return True
    if len(patterns) >= _SEARCHES_PER_PASSAGE:
        return False
    patterns.add(pattern)
    return True


@lru_cache(maxsize=1024)
def _flexible(words: tuple[str, ...]) -> str:
    """Return a regular expression for `words` with any markup between them."""
    body = _BETWEEN.join(re.escape(word) for word in words)
    head = r"(?<!\w)" if compile_pattern(r"\w").match(words[0]) else ""
    tail = r"(?!\w)" if compile_pattern(r"\w$").search(words[-1]) else ""
    return head + body + tail


@lru_cache(maxsize=256)
def _starts(text: str, pattern: str, position: int) -> tuple[int, ...]:
    """Return where the matches of the expression `pattern` in `text` from `position` start."""
    return tuple(match.start() for match in compile_pattern(pattern).finditer(text, position))


_sources: dict[int, tuple[tuple[str, ...], str, list[int]]] = {}


def _source_of(section: Section) -> tuple[str, list[int]]:
    """Return the narrative of `section` as one string and the offset where each of its lines starts."""
    lines = section.body_lines
    cached = _sources.get(id(lines))
    if cached is None or cached[0] is not lines:
        if len(_sources) > 16:
            _sources.clear()
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        cached = (lines, "\n".join(lines), starts)
        _sources[id(lines)] = cached
    return cached[1], cached[2]


def _find(section: Section, origin: Location, pattern: str, skip: int) -> Location | None:
    first = origin.line - section.body_offset - 1
    if not 0 <= first < len(section.body_lines):
        return None
    source, line_starts = _source_of(section)
    position = line_starts[first] + min(origin.column - 1, len(section.body_lines[first]))
    found = _starts(source, pattern, position)
    if skip >= len(found):
        return None
    line = bisect_right(line_starts, found[skip]) - 1
    return Location(section.path, section.body_offset + line + 1, found[skip] - line_starts[line] + 1)
