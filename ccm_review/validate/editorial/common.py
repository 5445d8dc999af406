"""What the editorial rules share: findings at a place in a passage, words, months, sentence starts."""

from __future__ import annotations

from functools import lru_cache

from ccm_review.analyse.prose import Passage, locate
from ccm_review.layout.labels import MONTHS
from ccm_review.model.finding import Finding
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

MONTH = r"(?:" + "|".join(MONTHS) + r")"
TOKEN = compile_pattern(r"\S+")
_EDGE = "()[]{}\"'\u201c\u201d\u2018\u2019,;:.!?"


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` may hold one of the lower-case `words` in any case; False only when it cannot.

    A cheap test before a case-blind pattern tries every position of `text`. It is exact for ASCII
    text and words: a case-blind pattern also matches "\u0131", "\u0130", "\u017f" and the Kelvin sign to
    ASCII letters, so any other text or word says True, and the pattern decides.
    """
    return lowered_may_hold(ascii_lowered(text), words)


def ascii_lowered(text: str) -> str | None:
    """Return `text` lowered for `lowered_may_hold`, None when it is not ASCII (then nothing is ruled out)."""
    return text.lower() if text.isascii() else None


def lowered_may_hold(lowered: str | None, words: tuple[str, ...]) -> bool:
    """`may_hold` for a text lowered once by `ascii_lowered`, when several tests read the same text."""
    if lowered is None or not _all_ascii(words):
        return True
    return any(word in lowered for word in words)


@lru_cache(maxsize=64)
def _all_ascii(words: tuple[str, ...]) -> bool:
    """Whether every word is ASCII; the rules ask it of the same few tuples for every passage."""
    return all(word.isascii() for word in words)


def finding_at(code: str, message: str, section: Section, passage: Passage, start: int, end: int,
            hint: str | None = None) -> Finding:
    """Return a finding of `code` (default severity) at `passage.raw[start:end]` in the source."""
    return finding(code, message, locate(section, passage, start, end), hint)


def core(token: str) -> str:
    """Return `token` without the punctuation around it: "(3)," -> "3"."""
    return token.strip(_EDGE)


def sentence_start(text: str, index: int) -> bool:
    """Return whether `index` starts a sentence of `text` (or the passage)."""
    before = text[:index].rstrip()
    return not before or before[-1] in ".!?:" or before.endswith(("\u201c", "\"", "("))
