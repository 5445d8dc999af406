"""Markdown narrative -> model blocks. The only module that touches markdown-it-py.

CommonMark with tables, strikethrough and footnotes. Raw HTML is parsed (so it can be found
and reported) but becomes literal text in the model; every link is kept (so a forbidden scheme
can be reported) and the validators decide which may be rendered. One HTML comment is not raw
HTML: `<!-- ccm-review: ignore CCM041 -->` becomes an `Ignore` of the block after it. A figure
reference, `[=states-parties 2019]` in text (not in a code span), becomes a `Figure` resolved
against the series of data/.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ccm_review.model.data import Series, format_value
from ccm_review.model.location import Location
from ccm_review.model.narrative import (
    Block,
    Code,
    CodeBlock,
    Figure,
    Footnote,
    FootnoteRef,
    Heading,
    Ignore,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    RawHtml,
    SimpleTable,
    Styled,
    Text,
)
from ccm_review.model.record import Record, set_field
from ccm_review.patterns import compile_pattern

MAX_NESTING = 8
"""Lists and quotations nested deeper than this are refused (CCM009): markdown-it stops reading at
twenty levels of its own and drops what lies deeper, and no UN document goes past three."""
_CONTAINERS = {"bullet_list_open": 1, "ordered_list_open": 1, "blockquote_open": 1,
               "bullet_list_close": -1, "ordered_list_close": -1, "blockquote_close": -1}
_STYLE_OPEN = {"em_open": "em", "strong_open": "strong", "s_open": "strike"}
_STYLE_CLOSE = {"em_close", "strong_close", "s_close"}
_DIRECTIVE = compile_pattern(r"<!--\s*ccm-review:(.*?)-->", re.DOTALL)
_CODE = compile_pattern(r"CCM\d{3}")
FIGURE = compile_pattern(r"\[=([^\]\n]*)\]")
"""A figure reference as typed: `[=` never starts a Markdown construct and is not written in prose."""
_FIGURE_PARTS = compile_pattern(r"\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s+(\d{4})\s*")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    # Keep every link so the validators can report a forbidden scheme instead of it vanishing.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


class Narrative(Record):
    """The parsed narrative of one section."""

    __slots__ = ("blocks", "footnotes", "ignores", "too_deep")
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    ignores: tuple[Ignore, ...]
    too_deep: Location | None  # where lists or quotations first nest deeper than MAX_NESTING

    def __init__(self, blocks: tuple[Block, ...], footnotes: tuple[Footnote, ...], ignores: tuple[Ignore, ...] = (),
                 too_deep: Location | None = None) -> None:
        set_field(self, "blocks", blocks)
        set_field(self, "footnotes", footnotes)
        set_field(self, "ignores", ignores)
        set_field(self, "too_deep", too_deep)


class _Directive(Record):
    """An ignore comment read as a block, waiting for the block it applies to."""

    __slots__ = ("codes", "text", "location")  # noqa: RUF023
    codes: tuple[str, ...]
    text: str
    location: Location

    def __init__(self, codes: tuple[str, ...], text: str, location: Location) -> None:
        set_field(self, "codes", codes)
        set_field(self, "text", text)
        set_field(self, "location", location)


class _Source:
    """The narrative's lines and where they start in the file, to locate what tokens lack."""

    __slots__ = ("file", "lines", "offset", "cursor", "ignores", "series", "in_table")  # noqa: RUF023
    file: str
    lines: Sequence[str]
    offset: int
    cursor: dict[int, int]
    ignores: list[Ignore]
    series: tuple[Series, ...]
    in_table: bool

    def __init__(self, file: str, lines: Sequence[str], offset: int, cursor: dict[int, int] | None = None,
                 ignores: list[Ignore] | None = None, series: tuple[Series, ...] = (), in_table: bool = False) -> None:
        self.file = file
        self.lines = lines
        self.offset = offset
        self.cursor = dict() if cursor is None else cursor
        self.ignores = list() if ignores is None else ignores
        self.series = series
        self.in_table = in_table

    def lines_of(self, tokens: Sequence[Token]) -> tuple[int, int] | None:
        """Return the first and last file line the `tokens` cover, if they carry line maps."""
        maps = [token.map for token in tokens if token.map]
        if not maps:
            return None
        first, end = min(m[0] for m in maps), max(m[1] for m in maps)
        while end - 1 > first and end - 1 < len(self.lines) and not self.lines[end - 1].strip():
            end -= 1  # a list's map runs over the blank line after it
        return self.offset + first + 1, self.offset + end

    def block_location(self, token_map: list[int] | None) -> Location:
        if not token_map:
            return Location(self.file, self.offset + 1, 1)
        line = token_map[0]
        text = self.lines[line] if line < len(self.lines) else ""
        column = len(text) - len(text.lstrip()) + 1
        return Location(self.file, self.offset + line + 1, column)

    def find(self, needle: str, token_map: list[int] | None) -> Location:
        """Locate the next occurrence of `needle` within the block's lines, else the block."""
        if token_map and needle:
            start, end = token_map
            for line in range(start, min(end, len(self.lines))):
                from_column = self.cursor.get(line, 0)
                column = self.lines[line].find(needle, from_column)
                if column >= 0:
                    self.cursor[line] = column + len(needle)
                    return Location(self.file, self.offset + line + 1, column + 1)
        return self.block_location(token_map)


def parse_narrative(text: str, file: str, line_offset: int, series: tuple[Series, ...] = ()) -> Narrative:
    """Parse the Markdown `text`, whose first line is line `line_offset + 1` of `file`; figure
    references are resolved against `series`."""
    source = _Source(file, text.split("\n"), line_offset, series=series)
    tokens = _parser().parse(text, {})
    blocks, footnotes, _ = _blocks(tokens, 0, source, None)
    return Narrative(tuple(blocks), tuple(footnotes), tuple(source.ignores), _too_deep(tokens, source))


def _too_deep(tokens: list[Token], source: _Source) -> Location | None:
    depth = 0
    for token in tokens:
        depth += _CONTAINERS.get(token.type, 0)
        if depth > MAX_NESTING:
            return source.block_location(token.map)
    return None


def parse_cell(text: str, location: Location, series: tuple[Series, ...] = ()) -> tuple[Inline, ...]:
    """Parse one table cell as inline Markdown; everything in it points at the cell."""
    if text and _is_plain(text):
        return (Text(text),)
    source = _Source(location.file, [], location.line - 1, series=series, in_table=True)
    tokens = _parser().parseInline(text, {})
    children = tokens[0].children if tokens else None
    return _inlines(children or [], source, None, location)


def _is_plain(text: str) -> bool:
    """Whether markdown-it would read `text` as one run of plain text, as most cells are ("12", "Chile").

    Its text rule takes everything up to a character another inline rule may start at (the parser's own
    `terminator_re`, newlines among them); what its normalising rule changes (`\\r`, NUL) is left to it.
    Such a cell is one `Text` without the parser, which costs a fresh `check` a few milliseconds a table;
    a property test compares both readings. A markdown-it without `terminator_re` parses every cell.
    """
    terminators = getattr(_parser().inline, "terminator_re", None)
    return terminators is not None and terminators.search(text) is None and "\r" not in text and "\0" not in text


def _blocks(
    tokens: list[Token], index: int, source: _Source, stop: str | None
) -> tuple[list[Block], list[Footnote], int]:
    """Read blocks from `index` until a token of type `stop`; return them and the next index."""
    blocks: list[Block] = []
    notes: list[Footnote] = []
    pending: list[_Directive] = []
    while index < len(tokens):
        token = tokens[index]
        if token.type == stop:
            index += 1
            break
        reader = _BLOCK_READERS.get(token.type)
        if reader is None:  # thematic breaks and closing tokens of skipped constructs
            index += 1
            continue
        start = index
        block, inner_notes, index = reader(tokens, index, source)
        if isinstance(block, _Directive):
            pending.append(block)
            continue
        # Ignore comments just before this block apply to every line of it.
        lines = source.lines_of(tokens[start:index])
        source.ignores.extend(Ignore(d.codes, d.text, d.location, lines) for d in pending)
        pending = []
        notes.extend(inner_notes)
        if isinstance(block, Footnote):
            notes.append(block)
        elif block is not None:
            blocks.append(block)
    source.ignores.extend(Ignore(d.codes, d.text, d.location, None) for d in pending)
    return blocks, notes, index


_Read = tuple[Any, list[Footnote], int]


def _read_heading(tokens: list[Token], index: int, source: _Source) -> _Read:
    token = tokens[index]
    level = int(token.tag[1:])
    location = source.block_location(token.map)
    inlines = _inlines(tokens[index + 1].children or [], source, token.map, location)
    return Heading(level, inlines, location), [], index + 3


def _read_paragraph(tokens: list[Token], index: int, source: _Source) -> _Read:
    token = tokens[index]
    location = source.block_location(token.map)
    inlines = _inlines(tokens[index + 1].children or [], source, token.map, location)
    return Paragraph(inlines, location), [], index + 3


def _read_list(tokens: list[Token], index: int, source: _Source) -> _Read:
    token = tokens[index]
    close = token.type.replace("_open", "_close")
    items: list[ListItem] = []
    notes: list[Footnote] = []
    index += 1
    while tokens[index].type != close:
        item_token = tokens[index]
        blocks, inner, index = _blocks(tokens, index + 1, source, "list_item_close")
        notes.extend(inner)
        items.append(ListItem(tuple(blocks), source.block_location(item_token.map)))
    block = ListBlock(token.type == "ordered_list_open", tuple(items), source.block_location(token.map))
    return block, notes, index + 1


def _read_quote(tokens: list[Token], index: int, source: _Source) -> _Read:
    token = tokens[index]
    blocks, notes, index = _blocks(tokens, index + 1, source, "blockquote_close")
    return Quote(tuple(blocks), source.block_location(token.map)), notes, index


def _read_code(tokens: list[Token], index: int, source: _Source) -> _Read:
    token = tokens[index]
    return CodeBlock(token.content.rstrip("\n"), source.block_location(token.map)), [], index + 1


def _read_html(tokens: list[Token], index: int, source: _Source) -> _Read:
    token = tokens[index]
    location = source.block_location(token.map)
    text = token.content.rstrip("\n")
    codes = _directive_codes(text)
    if codes is not None:
        return _Directive(codes, text.strip(), location), [], index + 1
    return Paragraph((RawHtml(text, location),), location), [], index + 1


def _directive_codes(html: str) -> tuple[str, ...] | None:
    """Return the codes of an ignore comment (empty when not understood), or None for other HTML."""
    match = _DIRECTIVE.fullmatch(html.strip())
    if match is None:
        return None
    words = [word for word in compile_pattern(r"[\s,]+").split(match.group(1)) if word]
    if len(words) < 2 or words[0] != "ignore" or not all(_CODE.fullmatch(word) for word in words[1:]):
        return ()
    return tuple(words[1:])


def _read_table(tokens: list[Token], index: int, source: _Source) -> _Read:
    location = source.block_location(tokens[index].map)
    header: list[tuple[Inline, ...]] = []
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    current: list[tuple[Inline, ...]] = []
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "inline":
            current.append(_inlines(token.children or [], source, token.map, location))
        elif token.type == "tr_close":
            if in_head:
                header = current
            else:
                rows.append(tuple(current))
            current = []
        index += 1
    return SimpleTable(tuple(header), tuple(rows), location), [], index + 1


def _read_footnote(tokens: list[Token], index: int, source: _Source) -> _Read:
    # The plugin gives the definition no line map: its first inner block starts on that line.
    label = str(tokens[index].meta.get("label", ""))
    first_map = next((t.map for t in tokens[index + 1 :] if t.map), None)
    location = source.block_location(first_map)
    if first_map:
        location = _definition_location(source, label, first_map[0]) or location
    blocks, notes, index = _blocks(tokens, index + 1, source, "footnote_reference_close")
    return Footnote(label, tuple(blocks), location), notes, index


def _definition_location(source: _Source, label: str, near: int) -> Location | None:
    needle = f"[^{label}]:"
    for line in range(near, max(-1, near - 50), -1):
        if line < len(source.lines) and needle in source.lines[line]:
            return Location(source.file, source.offset + line + 1, source.lines[line].find(needle) + 1)
    return None


_BLOCK_READERS = {
    "heading_open": _read_heading,
    "paragraph_open": _read_paragraph,
    "bullet_list_open": _read_list,
    "ordered_list_open": _read_list,
    "blockquote_open": _read_quote,
    "code_block": _read_code,
    "fence": _read_code,
    "html_block": _read_html,
    "table_open": _read_table,
    "footnote_reference_open": _read_footnote,
}


def _inlines(
    children: Sequence[Token], source: _Source, token_map: list[int] | None, fallback: Location
) -> tuple[Inline, ...]:
    """Turn a flat run of inline tokens into nested model inlines."""
    stack: list[tuple[list[Inline], Token | None]] = [([], None)]

    def here(needle: str) -> Location:
        return source.find(needle, token_map) if token_map else fallback

    for token in children:
        out = stack[-1][0]
        kind = token.type
        if kind == "text":
            out.extend(_figures(token.content, source, here))
        elif kind == "softbreak":
            out.append(LineBreak(hard=False))
        elif kind == "hardbreak":
            out.append(LineBreak(hard=True))
        elif kind == "code_inline":
            out.append(Code(token.content))
        elif kind == "html_inline":
            codes = _directive_codes(token.content) if token_map else None
            if codes is None:
                out.append(RawHtml(token.content, here(token.content)))
            else:  # an ignore comment inside a paragraph applies to that paragraph
                assert token_map is not None
                lines = (source.offset + token_map[0] + 1, source.offset + token_map[1])
                source.ignores.append(Ignore(codes, token.content.strip(), here(token.content), lines))
        elif kind == "footnote_ref":
            label = str(token.meta.get("label", ""))
            out.append(FootnoteRef(label, here(f"[^{label}]")))
        elif kind == "image":
            out.append(Text(token.content or ""))
        elif kind in _STYLE_OPEN or kind == "link_open":
            stack.append(([], token))
        elif kind in _STYLE_CLOSE or kind == "link_close":
            inner, opener = stack.pop()
            stack[-1][0].append(_close(opener, inner, here))
    while len(stack) > 1:  # unbalanced input cannot happen with markdown-it, but never lose text
        inner, opener = stack.pop()
        stack[-1][0].extend(inner)
    return tuple(stack[0][0])


def _close(opener: Token | None, inner: list[Inline], here: Any) -> Inline:
    if opener is not None and opener.type == "link_open":
        href = str(opener.attrGet("href") or "")
        return Link(href, tuple(inner), here(href) if href else here("["))
    style = _STYLE_OPEN.get(opener.type if opener else "", "em")
    return Styled(style, tuple(inner))


def _figures(text: str, source: _Source, here: Any) -> list[Inline]:
    """Split `text` into plain text and the figure references in it, each resolved."""
    out: list[Inline] = []
    start = 0
    for match in FIGURE.finditer(text):
        if match.start() > start:
            out.append(Text(text[start:match.start()]))
        out.append(_figure(match, source, here(match.group(0))))
        start = match.end()
    if start < len(text) or not out:
        out.append(Text(text[start:]))
    return out


def _figure(match: re.Match[str], source: _Source, location: Location) -> Figure:
    parts = _FIGURE_PARTS.fullmatch(match.group(1))
    if parts is None:
        return Figure(match.group(1).strip(), None, match.group(0), location)
    name, year = parts.group(1), int(parts.group(2))
    series = next((candidate for candidate in source.series if candidate.name == name), None)
    point = series.point(year) if series is not None else None
    if point is None:
        return Figure(name, year, match.group(0), location)
    printed = format_value(point.value, point.unit, source.in_table)
    return Figure(name, year, match.group(0), location, printed, point.source)
