"""Visiting every inline of a section: narrative, footnotes and table cells."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ccm_review.model.source import (
    Block,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    SimpleTable,
    Styled,
)


def section_inlines(section: Section) -> Iterator[Inline]:
    """Yield every inline of `section`, nested ones included, in reading order."""
    for row in section.rows or ():
        for cell in row.cells:
            yield from walk_inlines(cell.inlines)
    yield from walk_blocks(section.blocks)
    for note in section.footnotes:
        yield from walk_blocks(note.blocks)


def walk_blocks(blocks: Iterable[Block]) -> Iterator[Inline]:
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            yield from walk_inlines(block.inlines)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item.blocks)
        elif isinstance(block, Quote):
            yield from walk_blocks(block.blocks)
        elif isinstance(block, SimpleTable):
            for cell in (*block.header, *(cell for row in block.rows for cell in row)):
                yield from walk_inlines(cell)


def walk_inlines(inlines: Iterable[Inline]) -> Iterator[Inline]:
    for inline in inlines:
        yield inline
        if isinstance(inline, (Styled, Link)):
            yield from walk_inlines(inline.children)
