"""Plain text and word counting (ccm_review/analyse/text.py): a word is a run of non-space characters."""

from __future__ import annotations

import pytest

from ccm_review.analyse.text import count_words, inline_text
from ccm_review.load.markdown import parse_cell
from ccm_review.model.location import Location
from ccm_review.model.narrative import FootnoteRef, Text

FILE = "sections/x.md"


@pytest.mark.parametrize("text, words", [
    ("2015-2020", 1),
    ("Article 7", 2),
    ("", 0),
    ("   ", 0),
    ("80 per cent", 3),
    ("one\ttwo\nthree  four", 4),
    ("CCM/CONF/2020/PM.1/2", 1),
    ("(2015)", 1),
    ("- dash", 2),
])
def test_count_words_counts_runs_of_non_space(text: str, words: int) -> None:
    assert count_words(text) == words


def test_footnote_markers_are_not_words() -> None:
    inlines = (Text("Reports"), FootnoteRef("1", Location(FILE)), Text(" are due."))
    assert inline_text(inlines) == "Reports are due."
    assert count_words(inline_text(inlines)) == 3


def test_markup_is_not_a_word() -> None:
    inlines = parse_cell("**Partially** [achieved](https://example.org)", Location(FILE))
    assert count_words(inline_text(inlines)) == 2
