"""How easily a part reads: its sentences, their average length and the Flesch reading ease.

The score comes from textstat (imported when first needed, so that loading the package stays
cheap); the sentences are ours (`prose.sentences`), so "e.g." or "para. 9" do not end one.
Running text only: paragraphs and list items, not headings, tables, quotations or footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ccm_review.model import Section
from ccm_review.prose import passages, sentences
from ccm_review.text import count_words

_READ = ("paragraph", "item")


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
    return Readability(len(sample), words, round(words / len(sample), 1), reading_ease(" ".join(sample)))


@lru_cache(maxsize=32)
def reading_ease(text: str) -> float:
    """Return the Flesch reading ease of `text` (higher reads more easily; 30-50 is 'difficult')."""
    import textstat  # a pronunciation dictionary loads on first use: only when a score is wanted

    return round(float(textstat.flesch_reading_ease(text)), 1)
