"""CCM047: bold or italics for emphasis in running text, which UN documents do not use.

Italics remain right for titles of publications ("*Cluster Munition Monitor 2020*") and for
foreign terms ("*inter alia*", "*démarches*"): only bold, and italics over ordinary lower-case
English words, are reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from ccm_review.analyse.prose import MASK, Passage, printed_length
from ccm_review.analyse.text import short
from ccm_review.model.finding import Finding
from ccm_review.model.narrative import Inline, Link, Styled
from ccm_review.model.source import Section
from ccm_review.spec.style import Style
from ccm_review.validate.editorial.common import finding_at

# Latin and other foreign terms that UN documents print in italics.
_FOREIGN = frozenset({
    "a fortiori", "a posteriori", "a priori", "ad hoc", "ad interim", "ad referendum", "bona fide", "de facto",
    "de jure", "de minimis", "e.g.", "erga omnes", "et al.", "et seq.", "ex ante", "ex officio", "ex post", "i.e.",
    "ibid.", "in extenso", "in situ", "inter alia", "inter se", "jus cogens", "modus operandi", "mutatis mutandis",
    "note verbale", "notes verbales", "op. cit.", "opinio juris", "passim", "per se", "prima facie", "pro bono",
    "pro rata", "sic", "sine die", "status quo", "sui generis", "vice versa", "vis-a-vis",
})


def check_emphasis(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM047: bold anywhere in running text; italics over ordinary English words."""
    findings: list[Finding] = []
    for passage in texts:
        if not passage.running:
            continue
        for kind, start, end in _styled_spans(passage.inlines):
            shown = passage.raw[start:end]
            if not shown.strip() or all(char == MASK for char in passage.text[start:end] if not char.isspace()):
                continue  # empty, or a quotation printed in italics
            if kind == "strong" or (kind == "em" and _ordinary(shown)):
                what = "bold" if kind == "strong" else "italics"
                findings.append(finding_at(
                    "CCM047", f"{what} for emphasis ('{short(shown)}'): UN documents do not emphasize running text",
                    section, passage, start, end,
                    "remove the emphasis; let the wording carry the weight (italics are for titles and foreign terms)"))
    return findings


def _ordinary(text: str) -> bool:
    """Whether italic `text` is ordinary English rather than a title or a foreign term."""
    words = " ".join(text.split())
    return words[:1].islower() and words.isascii() and words.lower().strip(",;:") not in _FOREIGN


def _styled_spans(inlines: tuple[Inline, ...]) -> Iterator[tuple[str, int, int]]:
    """Yield (style, start, end) of the outermost emphasis spans, positions as in the passage text."""
    position = 0
    for inline in inlines:
        length = printed_length((inline,))
        if isinstance(inline, Styled) and inline.style in ("em", "strong"):
            yield inline.style, position, position + length
        elif isinstance(inline, Link):
            for kind, start, end in _styled_spans(inline.children):
                yield kind, position + start, position + end
        position += length
