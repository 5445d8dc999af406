"""Markdown narrative -> model blocks. The only module that touches markdown-it-py.

CommonMark with tables, strikethrough and footnotes. Raw HTML is parsed (so it can be found
and reported) but becomes literal text in the model; every link is kept (so a forbidden scheme
can be reported) and the validators decide which may be rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ccm_review.model import (
    Block,
    Code,
    CodeBlock,
    Footnote,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Location,
    Paragraph,
    Quote,
    RawHtml,
    SimpleTable,
    Styled,
    Text,
)

_STYLE_OPEN = {"em_open": "em", "strong_open": "strong", "s_open": "strike"}
_STYLE_CLOSE = {"em_close", "strong_close", "s_close"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    # Keep every link so the validators can report a forbidden scheme instead of it vanishing.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass(frozen=True)
class Narrative:
    """The parsed narrative of one section."""

    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]


@dataclass
class _Source:
    """The narrative's lines and where they start in the file, to locate what tokens lack."""

    file: str
    lines: Sequence[str]
    offset: int
    cursor: dict[int, int] = field(default_factory=dict)

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


def parse_narrative(text: str, file: str, line_offset: int) -> Narrative:
    """Parse the Markdown `text`, whose first line is line `line_offset + 1` of `file`."""
    source = _Source(file, text.split("\n"), line_offset)
    tokens = _parser().parse(text, {})
    blocks, footnotes, _ = _blocks(tokens, 0, source, None)
    return Narrative(tuple(blocks), tuple(footnotes))


def parse_cell(text: str, location: Location) -> tuple[Inline, ...]:
    """Parse one table cell as inline Markdown; everything in it points at the cell."""
    source = _Source(location.file, [], location.line - 1)
    tokens = _parser().parseInline(text, {})
    children = tokens[0].children if tokens else None
    return _inlines(children or [], source, None, location)


def _blocks(
    tokens: list[Token], index: int, source: _Source, stop: str | None
) -> tuple[list[Block], list[Footnote], int]:
    """Read blocks from `index` until a token of type `stop`; return them and the next index."""
    blocks: list[Block] = []
    notes: list[Footnote] = []
    while index < len(tokens):
        token = tokens[index]
        if token.type == stop:
            return blocks, notes, index + 1
        reader = _BLOCK_READERS.get(token.type)
        if reader is None:  # thematic breaks and closing tokens of skipped constructs
            index += 1
            continue
        block, inner_notes, index = reader(tokens, index, source)
        notes.extend(inner_notes)
        if isinstance(block, Footnote):
            notes.append(block)
        elif block is not None:
            blocks.append(block)
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
    return Paragraph((RawHtml(text, location),), location), [], index + 1


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
            out.append(Text(token.content))
        elif kind == "softbreak":
            out.append(LineBreak(hard=False))
        elif kind == "hardbreak":
            out.append(LineBreak(hard=True))
        elif kind == "code_inline":
            out.append(Code(token.content))
        elif kind == "html_inline":
            out.append(RawHtml(token.content, here(token.content)))
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
