"""The one walk over blocks: every block and list item in reading order, with where it stands.

Counting words, finding printed passages, laying out the outline and reading a footnote all go
through `steps`; each keeps only the decision that is its own (what a heading, a list item or a
quotation becomes), never its own recursion over lists and quotations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ccm_review.model.narrative import (
    Block,
    CodeBlock,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    SimpleTable,
    Styled,
)
from ccm_review.model.source import Section

Node = Block | ListItem
Leaf = Heading | Paragraph | CodeBlock | SimpleTable  # the blocks that hold text of their own
_LEAVES = (Heading, Paragraph, CodeBlock, SimpleTable)


class Step(NamedTuple):
    """A node met on the walk.

    `depth` counts the lists around it (a list item counts its own list); `quoted` says whether a
    quotation encloses it at any depth; `parent` is the node directly around it: a list for an
    item, an item or a quotation for a block, None at the top; `position` is its 1-based place
    among its siblings.
    """

    node: Node
    depth: int
    quoted: bool
    parent: Node | None
    position: int


def steps(blocks: Iterable[Block]) -> Iterator[Step]:
    """Yield every block and list item under `blocks`, each before what it holds (reading order)."""
    # An explicit stack rather than recursion: a generator per level would pass every step of a
    # deep list up through each level's frame.
    stack: list[tuple[Iterator[tuple[int, Node]], int, bool, Node | None]] = [(enumerate(blocks, 1), 0, False, None)]
    while stack:
        children, depth, quoted, parent = stack[-1]
        for position, node in children:
            yield Step(node, depth, quoted, parent, position)
            if isinstance(node, ListBlock):
                stack.append((enumerate(node.items, 1), depth + 1, quoted, node))
                break
            if isinstance(node, ListItem):
                stack.append((enumerate(node.blocks, 1), depth, quoted, node))
                break
            if isinstance(node, Quote):
                stack.append((enumerate(node.blocks, 1), depth, True, node))
                break
        else:
            stack.pop()


def leaves(blocks: Iterable[Block]) -> Iterator[Step]:
    """Yield the steps of the blocks that hold text of their own: headings, paragraphs, code, tables."""
    return (step for step in steps(blocks) if isinstance(step.node, _LEAVES))


def block_inlines(blocks: Iterable[Block]) -> Iterator[Inline]:
    """Yield every inline under `blocks`, nested ones included, in reading order."""
    for step in leaves(blocks):
        node = step.node
        if isinstance(node, (Heading, Paragraph)):
            yield from walk_inlines(node.inlines)
        elif isinstance(node, SimpleTable):
            for cell in (*node.header, *(cell for row in node.rows for cell in row)):
                yield from walk_inlines(cell)


def section_inlines(section: Section) -> Iterator[Inline]:
    """Yield every inline of `section` (table cells, narrative, footnotes), nested ones included."""
    for row in section.rows or ():
        for cell in row.cells:
            yield from walk_inlines(cell.inlines)
    yield from block_inlines(section.blocks)
    for note in section.footnotes:
        yield from block_inlines(note.blocks)


def walk_inlines(inlines: Iterable[Inline]) -> Iterator[Inline]:
    """Yield `inlines` and, after each emphasis or link, the inlines inside it."""
    for inline in inlines:
        yield inline
        if isinstance(inline, (Styled, Link)):
            yield from walk_inlines(inline.children)
