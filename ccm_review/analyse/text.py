"""Plain text and word counting, shared by the validators, `status` and the layout.

A word is a maximal run of non-whitespace characters in the rendered text, as word processors
count: "2015-2020" is one word, "Article 7" is two.
"""

from __future__ import annotations

from collections.abc import Iterable

from ccm_review.analyse.walk import leaves
from ccm_review.model.narrative import (
    Block,
    Code,
    CodeBlock,
    Figure,
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


def count_words(text: str) -> int:
    """Return the number of words in `text`."""
    return len(text.split())


def short(text: str, limit: int = 50) -> str:
    """Return `text` on one line, cut to `limit` characters (for quoting it in a message)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def inline_text(inlines: Iterable[Inline]) -> str:
    """Return the text a reader sees for `inlines` (footnote markers are not words)."""
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, (Text, Code, RawHtml, Figure)):
            parts.append(inline.text)
        elif isinstance(inline, (Styled, Link)):
            parts.append(inline_text(inline.children))
        elif isinstance(inline, LineBreak):
            parts.append("\n" if inline.hard else " ")
        # A footnote marker (FootnoteRef) is not a word.
    return "".join(parts)


def block_texts(blocks: Iterable[Block]) -> list[str]:
    """Return the text of every paragraph-like unit in `blocks`, in reading order."""
    texts: list[str] = []
    for step in leaves(blocks):
        node = step.node
        if isinstance(node, (Heading, Paragraph)):
            texts.append(inline_text(node.inlines))
        elif isinstance(node, CodeBlock):
            texts.append(node.text)
        elif isinstance(node, SimpleTable):
            texts.extend(inline_text(cell) for cell in node.header)
            texts.extend(inline_text(cell) for row in node.rows for cell in row)
    return texts


def count_block_words(blocks: Iterable[Block]) -> int:
    """Return the number of words in `blocks`."""
    return sum(count_words(text) for text in block_texts(blocks))
