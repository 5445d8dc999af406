"""pandoc, an independent reader, finds every paragraph, cell and footnote of the sources in the DOCX."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ccm_review import api
from ccm_review.measure import cell_text
from ccm_review.model import FootnoteRef
from ccm_review.outline import NumberedItem, make_outline
from ccm_review.text import block_texts, letters
from ccm_review.walk import walk_blocks, walk_inlines
from tests.conftest import REPO, require_tool

pytestmark = pytest.mark.external


class _Reader:
    """Flattens pandoc's JSON into body texts and note texts, each in reading order."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.notes: list[str] = []
        self.list_numbers: list[int] = []

    def blocks(self, blocks: list[Any], into: list[str]) -> None:
        for block in blocks:
            self.block(block, into)

    def block(self, block: dict[str, Any], into: list[str]) -> None:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            into.append(self.inlines(content))
        elif kind == "Header":
            into.append(self.inlines(content[2]))
        elif kind == "OrderedList":
            (start, style, _), items = content
            if style["t"] == "Decimal":
                self.list_numbers.extend(range(start, start + len(items)))
            for item in items:
                self.blocks(item, into)
        else:
            self._nested(content, into)

    def _nested(self, content: Any, into: list[str]) -> None:
        """Walk any other block (tables, quotes, bullet lists) down to its paragraphs."""
        if isinstance(content, dict) and "t" in content:
            if content["t"] in ("Para", "Plain", "Header", "OrderedList", "Table", "BlockQuote", "BulletList", "Div"):
                self.block(content, into)
        elif isinstance(content, list):
            for child in content:
                self._nested(child, into)

    def inlines(self, inlines: list[dict[str, Any]]) -> str:
        parts: list[str] = []
        for inline in inlines:
            kind, content = inline["t"], inline.get("c")
            if kind == "Str":
                parts.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif kind == "Note":
                note: list[str] = []
                self.blocks(content, note)
                self.notes.append(" ".join(note))
            elif kind == "Superscript":
                # A table note letter: text at the start of its note ("a Source ..."), a mark in a cell.
                parts.append("" if parts else self.inlines(content))
            elif kind in ("Emph", "Strong", "Strikeout", "Underline", "SmallCaps", "Subscript"):
                parts.append(self.inlines(content))
            elif kind in ("Link", "Span") or kind == "Quoted":
                parts.append(self.inlines(content[1]))
            elif kind == "Code":
                parts.append(content[1])
        return "".join(parts)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _read_back(tmp_path: Path) -> _Reader:
    pandoc = require_tool("pandoc")
    api.build(REPO, tmp_path)
    result = subprocess.run([pandoc, "-f", "docx", "-t", "json", str(tmp_path / "review-document.docx")],
                            capture_output=True, text=True, check=True, timeout=120)
    reader = _Reader()
    reader.blocks(json.loads(result.stdout)["blocks"], reader.body)
    return reader


def _source_texts() -> tuple[list[str], list[str]]:
    """Every paragraph and cell of the sources in print order, and the footnotes in reference order."""
    result = api.check(REPO)
    by_key = {section.key: section for section in result.document.sections}
    body: list[str] = []
    notes: list[str] = []
    for part in result.spec.parts:
        section = by_key[part.key]
        definitions = {note.label: " ".join(block_texts(note.blocks)) for note in section.footnotes}
        table_notes: dict[str, str] = {}
        for row in section.rows or ():
            body.extend(cell_text(row, column.key, part, result.spec) for column in result.spec.columns)
            for inline in (i for cell in row.cells for i in walk_inlines(cell.inlines)):
                if isinstance(inline, FootnoteRef) and inline.label in definitions:
                    table_notes.setdefault(inline.label, definitions[inline.label])
        # Footnotes of a table are lettered notes printed under it ("a Source ...").
        body.extend(f"{letters(index)} {text}" for index, text in enumerate(table_notes.values(), start=1))
        body.extend(block_texts(section.blocks))
        for inline in walk_blocks(section.blocks):
            if isinstance(inline, FootnoteRef) and inline.label in definitions:
                notes.append(definitions[inline.label])
    return [_normal(text) for text in body if text.strip()], [_normal(text) for text in notes]


_LABEL = re.compile(r"^(?:[A-Z]|\d+)\.\s+|^\([a-z]+\)\s+")


def _matches(found: str, text: str) -> bool:
    """Whether `found` is `text`, perhaps after a heading label the template adds ("A. ")."""
    found = _normal(found)
    return found == text or _LABEL.sub("", found, count=1) == text


def _assert_in_order(expected: list[str], found: list[str], what: str) -> None:
    position = 0
    for text in expected:
        while position < len(found) and not _matches(found[position], text):
            position += 1
        assert position < len(found), f"{what} not read back in order: {text[:80]!r}"
        position += 1


def test_pandoc_reads_every_paragraph_and_table_cell_in_order(tmp_path: Path) -> None:
    body, _ = _source_texts()
    reader = _read_back(tmp_path)
    _assert_in_order(body, reader.body, "paragraph or cell")


def test_pandoc_reads_every_footnote_in_order(tmp_path: Path) -> None:
    _, notes = _source_texts()
    reader = _read_back(tmp_path)
    assert [_normal(note) for note in reader.notes] == notes


def test_pandoc_reads_the_paragraph_numbers_as_a_list_numbering(tmp_path: Path) -> None:
    reader = _read_back(tmp_path)
    result = api.check(REPO)
    outline = make_outline(result.document, result.spec)
    numbered = [item.number for part in outline.parts for item in part.items if isinstance(item, NumberedItem)]
    assert reader.list_numbers == numbered
    # The numbers are list numbering, never typed into the text.
    assert not any(text[:4].rstrip().rstrip(".").isdigit() and text[:4].strip().endswith(".")
                   for text in reader.body)
