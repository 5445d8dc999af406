"""CCM030-CCM034: placeholders, raw HTML, link schemes, footnotes and heading levels."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from ccm_review.analyse.text import short
from ccm_review.analyse.walk import section_inlines
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.narrative import FootnoteRef, Heading, Link, RawHtml
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.narrative import Inline

ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = compile_pattern(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def check_content(analysis: Analysis) -> list[Finding]:
    """Return findings about what the narrative and cells contain."""
    document, spec = analysis.document, analysis.spec
    findings: list[Finding] = []
    words = spec.placeholders
    if words:
        # The masthead is printed too: a symbol or a meeting still to be filled in is a placeholder.
        for scalar in _front_matter_texts(document.masthead_meta):
            findings.extend(finding("CCM030", f"placeholder '{match.group(0)}' left in the masthead", scalar.location,
                                    "replace it with the final text before submission")
                            for match in _placeholders(str(scalar.value), words))
    for section in document.sections:
        if section.meta is None:
            continue
        if words:
            findings.extend(_check_placeholders(section, words))
        inlines = list(section_inlines(section))  # walked once for the links and the notes
        findings.extend(_check_inlines(inlines))
        findings.extend(_check_footnotes(section, inlines))
        findings.extend(_check_heading_levels(section))
    return findings


def _placeholders(text: str, words: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The placeholders of `text`, searched for only where one of `words` occurs (most texts hold none)."""
    if not any(word in text for word in words):
        return iter(())
    return _placeholder_pattern(words).finditer(text)


@lru_cache(maxsize=8)
def _placeholder_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words only: "TODO" is a placeholder, "TODOS" in a name is not.
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return compile_pattern(rf"(?<![\w])(?:{alternatives})(?![\w])")


def _check_placeholders(section: Section, words: tuple[str, ...]) -> list[Finding]:
    findings: list[Finding] = []
    places: list[tuple[str, Location]] = []
    for index, line in enumerate(section.body_lines):
        for match in _placeholders(line, words):
            places.append((match.group(0), Location(section.path, section.body_offset + index + 1, match.start() + 1)))
    # Every text of the front matter is printed somewhere: the title, the cells, the names.
    for scalar in _front_matter_texts(section.meta):
        places.extend((match.group(0), scalar.location) for match in _placeholders(str(scalar.value), words))
    for word, location in places:
        findings.append(finding("CCM030", f"placeholder '{word}' left in the text", location,
                                "replace it with the final text before submission"))
    return findings


def _front_matter_texts(node: MetaNode | None) -> list[MetaScalar]:
    if isinstance(node, MetaScalar):
        return [node] if node.kind == "str" else []
    if isinstance(node, MetaMap):
        return [scalar for entry in node.entries for scalar in _front_matter_texts(entry.value)]
    if isinstance(node, MetaList):
        return [scalar for item in node.items for scalar in _front_matter_texts(item)]
    return []


def _check_inlines(inlines: list[Inline]) -> list[Finding]:
    findings: list[Finding] = []
    for inline in inlines:
        if isinstance(inline, RawHtml):
            findings.append(finding("CCM031", f"raw HTML '{short(inline.text, 60)}' is shown as text",
                                    inline.location, "write plain Markdown; HTML is never rendered"))
        elif isinstance(inline, Link) and not link_allowed(inline.href):
            findings.append(finding("CCM032", f"the link '{short(inline.href, 60)}' is not allowed",
                                    inline.location, "links may use http:, https:, mailto: or point inside the "
                                    "document with #"))
    return findings


def link_allowed(href: str) -> bool:
    """Return whether `href` may become a link: http, https, mailto or an in-document #anchor."""
    if href.startswith("#"):
        return True
    match = _SCHEME.match(href)
    return match is not None and match.group(1).lower() in ALLOWED_SCHEMES


def _check_footnotes(section: Section, inlines: list[Inline]) -> list[Finding]:
    findings: list[Finding] = []
    defined = {note.label: note for note in section.footnotes}
    references = [inline for inline in inlines if isinstance(inline, FootnoteRef)]
    used = Counter(reference.label for reference in references)
    for reference in references:
        if reference.label not in defined:
            findings.append(finding("CCM033", f"footnote [^{reference.label}] is referenced but not defined",
                                    reference.location, f"add a line '[^{reference.label}]: source' at the end"))
    for label, note in defined.items():
        if not used[label]:
            findings.append(finding("CCM033", f"footnote [^{label}] is defined but never referenced",
                                    note.location, f"reference it with [^{label}] or remove it"))
    return findings


def _check_heading_levels(section: Section) -> list[Finding]:
    return [finding("CCM034", "a narrative heading uses '#'; headings in a section start at '##'",
                    block.location, "write '## ' instead of '# ' (the part title is added by the template)")
            for block in section.blocks if isinstance(block, Heading) and block.level == 1]
