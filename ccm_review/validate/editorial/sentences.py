"""CCM049-CCM050: sentences over the template's length limit, and parts that read with difficulty."""

from __future__ import annotations

from ccm_review.analyse.prose import Passage, sentences
from ccm_review.analyse.readability import Readability
from ccm_review.analyse.text import count_words
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.source import Section
from ccm_review.spec.rules import finding
from ccm_review.spec.style import Style
from ccm_review.validate.editorial.common import finding_at

# Below this many sentences a reading-ease score says little about a part.
MIN_SENTENCES = 10


def check_sentence_length(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM049: a sentence of running text with more words than style.max_sentence_words."""
    findings: list[Finding] = []
    limit = style.max_sentence_words
    for passage in texts:
        if not passage.running:
            continue
        for start, end in sentences(passage.prose):
            words = count_words(passage.prose[start:end])
            if words > limit:
                opening = " ".join(passage.raw[start:end].split()[:3])
                findings.append(finding_at(
                    "CCM049", f"a sentence of {words} words, over the limit of {limit}", section, passage,
                    start, start + len(opening), "split it into shorter sentences"))
    return findings


def check_readability(section: Section, measured: Readability | None, style: Style) -> Finding | None:
    """CCM050: a part whose Flesch reading ease is below style.min_reading_ease."""
    if measured is None or measured.sentences < MIN_SENTENCES or measured.flesch_reading_ease >= style.min_reading_ease:
        return None
    return finding(
        "CCM050", f"the part reads with difficulty: Flesch reading ease {measured.flesch_reading_ease:g}, below "
        f"{style.min_reading_ease:g}", Location(section.path, section.body_offset + 1, 1),
        f"shorter words and sentences raise the score (sentences now average {measured.average_sentence_words:g} "
        "words)")
