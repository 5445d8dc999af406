"""pandoc, an independent reader, finds every paragraph, cell and footnote of the sources in the DOCX."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.text import block_texts
from ccm_review.analyse.walk import block_inlines, walk_inlines
from ccm_review.layout.labels import letters
from ccm_review.layout.outline import make_outline
from ccm_review.layout.printed import cell_text
from ccm_review.model.narrative import FootnoteRef
from ccm_review.model.outline import NumberedItem
from tests.helpers import REPO, PandocReader, normal, read_docx

pytestmark = pytest.mark.external


def _read_back(tmp_path: Path) -> PandocReader:
    api.build(REPO, tmp_path)
    return read_docx(tmp_path / "review-document.docx", marks=False)


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
        for inline in block_inlines(section.blocks):
            if isinstance(inline, FootnoteRef) and inline.label in definitions:
                notes.append(definitions[inline.label])
    return [normal(text) for text in body if text.strip()], [normal(text) for text in notes]


_LABEL = re.compile(r"^(?:[A-Z]|\d+)\.\s+|^\([a-z]+\)\s+")


def _matches(found: str, text: str) -> bool:
    """Whether `found` is `text`, perhaps after a heading label the template adds ("A. ")."""
    found = normal(found)
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
    _assert_in_order(body, reader.texts, "paragraph or cell")


def test_pandoc_reads_every_footnote_in_order(tmp_path: Path) -> None:
    _, notes = _source_texts()
    reader = _read_back(tmp_path)
    assert [normal(note) for note in reader.notes] == notes


def test_pandoc_reads_the_paragraph_numbers_as_a_list_numbering(tmp_path: Path) -> None:
    reader = _read_back(tmp_path)
    result = api.check(REPO)
    outline = make_outline(result.document, result.spec)
    numbered = [item.number for part in outline.parts for item in part.items if isinstance(item, NumberedItem)]
    assert reader.numbers == numbered
    # The numbers are list numbering, never typed into the text.
    assert not any(text[:4].rstrip().rstrip(".").isdigit() and text[:4].strip().endswith(".")
                   for text in reader.texts)
    # Nor are labels typed: "1. The ...", "10.", "(a) ..." at the start of any paragraph or cell.
    typed = [text for text in reader.texts if re.match(r"\s*(\d+\.|\([a-z]+\)|\([ivx]+\))(\s|$)", text)]
    assert typed == []
