"""CCM043-CCM044: abbreviations spelled out at their first use in the document, and never UN, GA, SG.

The first use is found in print order: the parts in the template's order, and within a part
the table, then the narrative with each footnote after the paragraph that first cites it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ccm_review.analyse.prose import Passage
from ccm_review.model.finding import Finding
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.style import Style
from ccm_review.validate.editorial.common import finding_at

# Two or more capitals, maybe with digits ("2RC"), maybe a plural "s"; not part of a document
# symbol ("CCM/MSP/2019/11") or of a hyphenated name ("UN-Women", "COVID-19").
_ABBREVIATION = compile_pattern(r"(?<![\w/.&-])(?P<abbr>[0-9]*[A-Z][A-Z0-9]*)(?P<plural>s)?(?![\w/&-])")
_ROMAN = compile_pattern(r"X{0,3}(?:IX|IV|V?I{0,3})|XL")
_AFTER = compile_pattern(r"\s*\(([^()]*)\)")


def check_abbreviations(parts: Sequence[tuple[Section, list[Passage]]], style: Style,
                        placeholders: tuple[str, ...]) -> list[Finding]:
    """CCM043 and CCM044 over the whole document, `parts` in print order."""
    findings: list[Finding] = []
    never = dict(style.never_abbreviate)
    skip = {*style.plain_abbreviations, *placeholders}
    seen: set[str] = set()
    for section, texts in parts:
        for passage in texts:
            if passage.kind == "quote":
                continue
            for match in _ABBREVIATION.finditer(passage.text):
                abbreviation = match.group("abbr")
                if sum(char.isupper() for char in abbreviation) < 2 or _ROMAN.fullmatch(abbreviation):
                    continue
                if abbreviation in never:
                    findings.append(finding_at(
                        "CCM044", f"'{abbreviation}' is an abbreviation UN documents never use", section, passage,
                        match.start(), match.end(), f"write '{never[abbreviation]}' in full"))
                    continue
                if abbreviation in skip or abbreviation in seen:
                    continue
                seen.add(abbreviation)
                problem = _first_use_problem(passage.text, match, style.expansion(abbreviation))
                if problem is not None:
                    message, hint = problem
                    findings.append(finding_at("CCM043", message, section, passage, match.start(), match.end(), hint))
    return findings


def _first_use_problem(text: str, match: re.Match[str], expansion: str | None) -> tuple[str, str] | None:
    """Return (message, hint) when the first use of an abbreviation does not spell it out, else None."""
    abbreviation = match.group("abbr")
    start, end = match.span()
    if start > 0 and text[start - 1] == "(" and text[end:end + 1] == ")":
        before = text[:start - 1]  # "Full Name (ABBR)"
        if expansion is None and compile_pattern(r"[^\W\d_]\W*$").search(before):
            return None
        if expansion is not None and _ends_with(before, expansion):
            return None
    after = _AFTER.match(text, end)
    if after is not None:  # "ABBR (Full Name)"
        inner = after.group(1)
        if expansion is None and len(compile_pattern(r"[^\W\d_]{2,}").findall(inner)) >= 2:
            return None
        if expansion is not None and _words(inner) == _words(expansion):
            return None
    if expansion is not None:
        return (f"'{abbreviation}' is not spelled out at its first use in the document",
                f"write '{expansion} ({abbreviation})' here")
    return (f"'{abbreviation}' is not spelled out at its first use in the document",
            f"write the full name followed by '({abbreviation})' here, or list {abbreviation} under "
            "style.abbreviations or style.plain_abbreviations in templates/review.yaml")


def _words(text: str) -> list[str]:
    """The words of `text` for comparison: lower case, a plural 's' ignored ("Meetings" = "Meeting")."""
    return [word.lower().removesuffix("s") for word in compile_pattern(r"[\w'\u2019-]+").findall(text)]


def _ends_with(text: str, expansion: str) -> bool:
    wanted = _words(expansion)
    return _words(text)[-len(wanted):] == wanted
