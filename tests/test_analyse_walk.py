"""The one walk over blocks (ccm_review/analyse/walk.py): every node in reading order, with its depth,
its quotation, its parent and its place among its siblings."""

from __future__ import annotations

from ccm_review.analyse.text import block_texts
from ccm_review.analyse.walk import block_inlines, leaves, steps
from ccm_review.load.markdown import parse_narrative
from ccm_review.model.narrative import Block, Heading, ListBlock, ListItem, Paragraph, Quote, Text

NARRATIVE = """## Heading

Para *one*.

- item a
  - inner i

    second of inner i
- item b

> quoted
>
> - listed in a quote

Last.
"""


def _blocks() -> tuple[Block, ...]:
    return parse_narrative(NARRATIVE, "sections/x.md", 10).blocks


def _words(node: object) -> str:
    inlines = getattr(node, "inlines", ())
    return "".join(inline.text for inline in inlines if isinstance(inline, Text)).strip()


def test_steps_visit_every_node_before_what_it_holds() -> None:
    kinds = [(type(step.node).__name__, step.depth, step.quoted) for step in steps(_blocks())]
    assert kinds == [
        ("Heading", 0, False), ("Paragraph", 0, False),
        ("ListBlock", 0, False), ("ListItem", 1, False), ("Paragraph", 1, False),
        ("ListBlock", 1, False), ("ListItem", 2, False), ("Paragraph", 2, False), ("Paragraph", 2, False),
        ("ListItem", 1, False), ("Paragraph", 1, False),
        ("Quote", 0, False), ("Paragraph", 0, True), ("ListBlock", 0, True), ("ListItem", 1, True),
        ("Paragraph", 1, True),
        ("Paragraph", 0, False),
    ]


def test_a_step_knows_its_parent_and_its_place_among_siblings() -> None:
    found = list(steps(_blocks()))
    items = [step for step in found if isinstance(step.node, ListItem)]
    assert [step.position for step in items] == [1, 1, 2, 1]  # a, inner i, b, the quote's item
    assert all(isinstance(step.parent, ListBlock) for step in items)
    first_item = items[0].node
    inside = [step for step in found if step.parent is first_item]
    assert [type(step.node) for step in inside] == [Paragraph, ListBlock]
    quoted = next(step for step in found if isinstance(step.parent, Quote))
    assert _words(quoted.node) == "quoted"
    assert [step.parent for step in found if step.depth == 0 and not isinstance(step.parent, Quote)] == [None] * 5


def test_leaves_are_the_blocks_that_hold_text() -> None:
    texts = [_words(step.node) for step in leaves(_blocks())]
    assert texts == ["Heading", "Para .", "item a", "inner i", "second of inner i", "item b", "quoted",
                     "listed in a quote", "Last."]
    assert all(isinstance(step.node, (Heading, Paragraph)) for step in leaves(_blocks()))


def test_counting_and_inlines_follow_the_walk() -> None:
    assert block_texts(_blocks())[:2] == ["Heading", "Para one."]
    assert [inline.text for inline in block_inlines(_blocks()) if isinstance(inline, Text)][-1] == "Last."
