"""Markdown narrative and table cells into model blocks located in their file (ccm_review/load/markdown.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_review import api
from ccm_review.load import markdown
from ccm_review.load.markdown import MAX_NESTING, Narrative, parse_cell, parse_narrative
from ccm_review.model.location import Location
from ccm_review.model.narrative import (
    CodeBlock,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    RawHtml,
    SimpleTable,
    Styled,
    Text,
)

FILE = "sections/x.md"


# --- parse_narrative ------------------------------------------------------------------------------


NARRATIVE = """\
## Successes

A [report](https://example.org/r) was filed.[^1]
Then <b>more</b>.

- one
  - nested *a*
- two

1. first

<div>
block
</div>

| a | b |
|---|---|
| 1 | ~~2~~ |

> quoted

    code

[^1]: The note, with [a link](ftp://example.org).
"""


def inlines_of(block: object) -> tuple[Inline, ...]:
    """The inlines of a block that must be a paragraph."""
    assert isinstance(block, Paragraph), block
    return block.inlines


@pytest.fixture
def narrative() -> Narrative:
    """NARRATIVE as if it started on line 11 of its file."""
    return parse_narrative(NARRATIVE, FILE, 10)


def test_headings_are_located_on_the_file_line(narrative: Narrative) -> None:
    heading = narrative.blocks[0]
    assert heading == Heading(2, (Text("Successes"),), Location(FILE, 11, 1))


def test_paragraph_link_and_footnote_reference_are_located(narrative: Narrative) -> None:
    paragraph = narrative.blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.location == Location(FILE, 13, 1)
    link = next(inline for inline in paragraph.inlines if isinstance(inline, Link))
    assert link == Link("https://example.org/r", (Text("report"),), Location(FILE, 13, 12))
    reference = next(inline for inline in paragraph.inlines if isinstance(inline, FootnoteRef))
    assert reference == FootnoteRef("1", Location(FILE, 13, 45))


def test_soft_breaks_and_inline_html_are_kept(narrative: Narrative) -> None:
    inlines = inlines_of(narrative.blocks[1])
    assert LineBreak(hard=False) in inlines
    html = [inline for inline in inlines if isinstance(inline, RawHtml)]
    assert html == [RawHtml("<b>", Location(FILE, 14, 6)), RawHtml("</b>", Location(FILE, 14, 13))]


def test_lists_nest(narrative: Narrative) -> None:
    bullets = narrative.blocks[2]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert bullets.location == Location(FILE, 16, 1)
    assert len(bullets.items) == 2
    first = bullets.items[0]
    assert isinstance(first.blocks[0], Paragraph)
    inner = first.blocks[1]
    assert isinstance(inner, ListBlock)
    assert inner.location == Location(FILE, 17, 3)
    nested = inner.items[0].blocks[0]
    assert isinstance(nested, Paragraph)
    assert nested.inlines == (Text("nested "), Styled("em", (Text("a"),)))
    numbered = narrative.blocks[3]
    assert isinstance(numbered, ListBlock) and numbered.ordered


def test_an_html_block_becomes_raw_html_text(narrative: Narrative) -> None:
    block = narrative.blocks[4]
    assert block == Paragraph((RawHtml("<div>\nblock\n</div>", Location(FILE, 22, 1)),), Location(FILE, 22, 1))


def test_tables_quotes_and_code_are_blocks(narrative: Narrative) -> None:
    table, quote, code = narrative.blocks[5:8]
    assert isinstance(table, SimpleTable)
    assert table.location == Location(FILE, 26, 1)
    assert table.header == ((Text("a"),), (Text("b"),))
    assert table.rows == (((Text("1"),), (Styled("strike", (Text("2"),)),)),)
    assert isinstance(quote, Quote) and quote.location.line == 30
    assert code == CodeBlock("code", Location(FILE, 32, 5))
    assert len(narrative.blocks) == 8


def test_footnote_definitions_are_located_and_keep_their_links(narrative: Narrative) -> None:
    (note,) = narrative.footnotes
    assert note.label == "1"
    assert note.location == Location(FILE, 34, 1)
    link = next(inline for inline in inlines_of(note.blocks[0]) if isinstance(inline, Link))
    assert link.href == "ftp://example.org"  # kept, so that CCM032 can report it
    assert link.location == Location(FILE, 34, 31)


def test_repeated_footnote_references_are_each_located() -> None:
    parsed = parse_narrative("One[^a] two[^b] three[^a].\n\n[^a]: A.\n\n[^b]: B.\n", FILE, 20)
    references = [inline for inline in inlines_of(parsed.blocks[0]) if isinstance(inline, FootnoteRef)]
    assert [(r.label, r.location.column) for r in references] == [("a", 4), ("b", 12), ("a", 22)]
    assert {r.location.line for r in references} == {21}
    assert [(note.label, note.location.line) for note in parsed.footnotes] == [("a", 23), ("b", 25)]


def test_a_cell_is_parsed_inline_and_located_at_the_cell() -> None:
    where = Location(FILE, 9, 14)
    inlines = parse_cell("Some [reports](ftp://x.org) <b>", where)
    assert inlines[0] == Text("Some ")
    assert inlines[1] == Link("ftp://x.org", (Text("reports"),), where)
    assert inlines[-1] == RawHtml("<b>", where)


def _parsed_by_markdown_it(text: str, where: Location) -> tuple[object, ...]:
    """The cell as markdown-it reads it, without the shortcut for plain text."""
    source = markdown._Source(where.file, [], where.line - 1, in_table=True)
    tokens = markdown._parser().parseInline(text, {})
    return markdown._inlines((tokens[0].children if tokens else None) or [], source, None, where)


@pytest.mark.parametrize("text", ["12", "Chile, Philippines", "  two  spaces  ", "caf\u00e9 \u00a0(ok)",
                                  "95.5 per cent"])
def test_a_plain_cell_is_one_text_as_markdown_it_reads_it(text: str) -> None:
    where = Location(FILE, 3, 9)
    assert markdown._is_plain(text)
    assert parse_cell(text, where) == (Text(text),) == _parsed_by_markdown_it(text, where)


@pytest.mark.parametrize("text", ["a *b*", "a\nb", "a\r\nb", "x\0y", "[=states-parties 2019]", "a_b", "R&D", "1-2",
                                  "95.5 %"])
def test_a_cell_with_markdown_or_what_the_parser_normalises_is_not_plain(text: str) -> None:
    assert not markdown._is_plain(text)


def test_a_markdown_it_without_its_terminator_pattern_parses_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    # Older versions of markdown-it-py test each character in their text rule instead.
    monkeypatch.delattr(markdown._parser().inline, "terminator_re")
    assert not markdown._is_plain("12")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.,;()'\"?/|\t\u00e9\u2019*_[]=\\&<>`~#!^-\n\r\0")), max_size=12))
def test_every_cell_reads_as_markdown_it_reads_it(text: str) -> None:
    where = Location(FILE, 3, 9)
    assert parse_cell(text, where) == _parsed_by_markdown_it(text, where)


# --- nesting --------------------------------------------------------------------------------------


def test_nesting_up_to_the_limit_is_read_and_one_more_is_located() -> None:
    assert parse_narrative("> " * MAX_NESTING + "deep\n", FILE, 10).too_deep is None
    deeper = parse_narrative("Intro.\n\n" + "> " * (MAX_NESTING + 1) + "deep\n", FILE, 10)
    assert deeper.too_deep == Location(FILE, 13, 1)


def test_text_after_a_deep_list_is_not_silently_lost(project: Path) -> None:
    # markdown-it stops reading at its own nesting limit and drops the rest of the file.
    path = project / "sections" / "09-conclusions.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n## ", "\n" + "- " * 30 + "x\n\n## ", 1),
                    encoding="utf-8")
    codes = [f.code for f in api.check(project).report.findings if f.severity == "error"]
    assert codes == ["CCM009"]
    assert api.build(project, project / "build").written == ()


# --- ignore comments ------------------------------------------------------------------------------


def test_only_the_ignore_comment_becomes_a_directive() -> None:
    text = ("<!-- a note -->\n\n<!-- ccm-review: ignore CCM040 -->\n- item 3\n- item 4\n\n"
            "Text <!-- ccm-review: ignore CCM048 --> here.\n\n<!-- ccm-review: skip CCM040 -->\nEnd.\n")
    narrative = parse_narrative(text, "f.md", 10)
    first = narrative.blocks[0]
    assert isinstance(first, Paragraph) and isinstance(first.inlines[0], RawHtml)  # any other comment
    assert [(ignore.codes, ignore.lines) for ignore in narrative.ignores] == [
        (("CCM040",), (14, 15)),  # the list after it, all its lines
        (("CCM048",), (17, 17)),  # inside a paragraph: that paragraph
        ((), (20, 20)),           # not understood: reported as CCM035
    ]
    assert "ccm-review" not in repr(narrative.blocks)
