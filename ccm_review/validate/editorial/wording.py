"""CCM045, CCM046 and CCM048: house terms as the template writes them, Oxford -ize, doubled words."""

from __future__ import annotations

import re
from functools import lru_cache

from ccm_review.analyse.prose import Passage
from ccm_review.model.finding import Finding
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.style import Style
from ccm_review.validate.editorial.common import (
    ascii_lowered,
    finding_at,
    lowered_may_hold,
    may_hold,
    sentence_start,
)

_ISE_ENDINGS = "e|es|ed|ing|ation|ations|ational|ationally|er|ers|able"
_DOUBLED = compile_pattern(r"(?<![\w'\u2019-])([^\W\d_][\w'\u2019]*)\s+(\1)(?![\w'\u2019-])", re.IGNORECASE)
# Doubled words that can be grammatical: "that that", "had had".
_DOUBLE_OK = frozenset({"that", "had"})


def check_house_terms(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM045: a house term written with other capitals than the template's choice."""
    terms = [(term, _term_pattern(term), (term.split()[0].lower(),) if term.strip() else ())
             for term in style.house_terms]
    found: list[list[Finding]] = [[] for _ in terms]  # by term, in the template's order
    for passage in texts:
        if passage.kind == "quote":
            continue
        text = passage.text
        lowered = ascii_lowered(text)  # once a passage, not once a term
        for (term, pattern, first), findings in zip(terms, found, strict=True):
            if first and not lowered_may_hold(lowered, first):
                continue
            for match in pattern.finditer(text):
                written = " ".join(match.group(0).split())
                if written == term:
                    continue
                if written[1:] == term[1:] and sentence_start(text, match.start()):
                    continue  # only the first letter differs, at the start of a sentence
                findings.append(finding_at(
                    "CCM045", f"'{written}' is written '{term}' in this document", section, passage,
                    match.start(), match.end(), f"write '{term}', as the template's style.house_terms chooses"))
    return [finding for findings in found for finding in findings]


@lru_cache(maxsize=64)
def _term_pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in term.split())
    return compile_pattern(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)


def check_ize(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM046: British -ise spellings of the template's word list, where Oxford spelling has -ize."""
    if not style.ise_words:
        return []
    findings: list[Finding] = []
    stems = tuple(stem.lower() for stem in _ise_stems(style.ise_words))
    for passage in texts:
        if passage.kind == "quote" or not may_hold(passage.text, stems):
            continue
        pattern = _ise_pattern(style.ise_words)  # compiled when first needed: most documents never need it
        for match in pattern.finditer(passage.text):
            word = match.group(0)
            if word[0].isupper() and not sentence_start(passage.text, match.start()):
                continue  # part of a name, as "Organisation for Economic Co-operation and Development"
            stem = match.group("stem")
            oxford = word.replace(stem, stem[:-1] + ("Z" if stem[-1].isupper() else "z"), 1)
            findings.append(finding_at("CCM046", f"'{word}' is a British spelling; UN documents use Oxford spelling",
                                    section, passage, match.start(), match.end(), f"write '{oxford}'"))
    return findings


@lru_cache(maxsize=8)
def _ise_stems(words: tuple[str, ...]) -> tuple[str, ...]:
    """The stems of the -ise words, longest first: "organis" of "organise"."""
    return tuple(sorted({word[:-1] if word.endswith("ise") else word.removesuffix("ation") for word in words},
                        key=len, reverse=True))


@lru_cache(maxsize=8)
def _ise_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(stem) for stem in _ise_stems(words))
    return compile_pattern(rf"(?<![\w-])(?:re|un|dis|de|non-)?(?P<stem>{alternatives})(?:{_ISE_ENDINGS})(?![\w-])",
                          re.IGNORECASE)


def check_doubled_words(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM048: the same word twice in a row ("the the")."""
    findings: list[Finding] = []
    for passage in texts:
        if passage.kind == "quote":
            continue
        for match in _DOUBLED.finditer(passage.text):
            if match.group(1).lower() in _DOUBLE_OK:
                continue
            findings.append(finding_at(
                "CCM048", f"'{match.group(1)}' twice in a row", section, passage, match.start(), match.end(),
                f"remove one '{match.group(2)}'"))
    return findings
