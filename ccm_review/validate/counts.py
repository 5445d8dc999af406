"""CCM039: a count of the plan's action points in the text that the catalogue contradicts.

The catalogue's `action_points` is the plan's own count and the authority; a catalogue without it
is counted by its items, which are the rows the tables hold (CCM013 reports a missing row). Only
a total is compared: a count written as one ("its 32 action points", "with 32 action points in
all", "of the 32 action points"), in figures or in words. "Two action points were achieved"
counts some of them and is left alone, as is a count of one action's points.

A total the catalogue confirms can still contradict the tables: a reader told of "32 action
points" who counts 29 rows sees a gap. When every action has its part and the rows the tables
hold differ from the total, the passage must give that number of rows too ("of its 32 action
points, the tables review 29"); a document missing a part (CCM015) is not counted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ccm_review.analyse.prose import Passage, locate
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.finding import Finding
    from ccm_review.spec.template import Spec

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORDS = {word: value for value, word in enumerate(_UNITS, 1)}
_WORDS.update({tens: value for value, tens in zip(range(20, 100, 10), _TENS, strict=True)})
_WORDS.update({f"{tens}-{unit}": value + number for value, tens in zip(range(20, 100, 10), _TENS, strict=True)
               for number, unit in enumerate(_UNITS[:9], 1)})
# A count in figures, or a word that may be one (looked up in _WORDS): an alternation of the 90 number
# words cost more to compile and to match than the rest of the rule.
_NUMBER = r"\d{1,3}|[a-z]+(?:-[a-z]+)?"
_POINTS = "action points"  # what the plans' own texts call their items, whatever the catalogue calls them
# What makes a count a total: the words before it, or "in all" after it.
_TOTAL_BEFORE = compile_pattern(r"\b(?:its|the|all|with|has|had|have|holds?|contains?|contained|comprises?|comprised|"
                               r"comprising|of|totall?ing|total\s+of)\s+$", re.IGNORECASE)
_TOTAL_AFTER = compile_pattern(r",?\s+(?:in\s+all|in\s+total|altogether)\b", re.IGNORECASE)
# ... and what makes it a count of one action's points: "the two action points of action 4" (or of
# "section 2", in a plan whose catalogue calls its entries sections).
_ONE_ACTION = r"\s+(?:of|under|in)\s+(?:{term}\b|this\b|that\b|each\b)"


def check_action_point_counts(analysis: Analysis) -> list[Finding]:
    """Return a finding for every total of action points in the text that the catalogue contradicts."""
    spec = analysis.spec
    expected, basis = _expected(spec)
    if not expected:
        return []
    patterns = _patterns(spec.item_term, spec.action_term)
    rows = _rows(analysis)
    findings: list[Finding] = []
    for section in analysis.document.sections:
        if section.meta is None:
            continue
        for passage in analysis.of(section).passages:
            findings.extend(_check_passage(section, passage, patterns, expected, basis, rows))
    return findings


class _Patterns(NamedTuple):
    noun: re.Pattern[str]  # what a count counts: a passage without it holds no count
    counted: re.Pattern[str]  # a count and the noun
    one_action: re.Pattern[str]  # "of action 4" after it: one action's points, no total


@lru_cache(maxsize=8)
def _patterns(item_term: str, action_term: str) -> _Patterns:
    """Return the patterns of a count of action points and of "of action ..." after it, for a plan's terms."""
    # A plan whose items have a name of their own (the actions of a plan in sections) is counted by it too.
    nouns = {_POINTS} | ({f"{item_term}s"} if item_term != "item" else set())
    names = "|".join(r"\s+".join(map(re.escape, noun[:-1].split())) + "s?" for noun in sorted(nouns))
    return _Patterns(compile_pattern(rf"(?:{names})\b", re.IGNORECASE),
                     compile_pattern(rf"(?<![\w.,-])(?P<count>{_NUMBER})\s+(?:{names})\b", re.IGNORECASE),
                     compile_pattern(_ONE_ACTION.format(term=re.escape(action_term)), re.IGNORECASE))


def _counts(pattern: re.Pattern[str], text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Yield the matches of `pattern` in `text` whose count is a number, with its value, as `finditer` would.

    A word that is no number ("many action points") is passed over and the search goes on from its
    next character, so the matches are those of a pattern that spelled out every number word.
    """
    at = 0
    while (match := pattern.search(text, at)) is not None:
        written = match.group("count")
        count = int(written) if written.isdigit() else _WORDS.get(written.casefold())
        if count is None:
            at = match.start() + 1
            continue
        yield match, count
        at = match.end()


def _rows(analysis: Analysis) -> int | None:
    """Return the rows the document's tables hold, or None while an action has no part to hold its table."""
    actions = {section.action for section in analysis.document.sections if section.action is not None}
    if any(action.number not in actions for action in analysis.spec.actions):
        return None
    return sum(len(section.rows or ()) for section in analysis.document.sections if section.action is not None)


def _expected(spec: Spec) -> tuple[int, str]:
    """Return the plan's count of action points and where it comes from."""
    if spec.action_points is not None:
        return spec.action_points, f"{spec.catalogue_file} gives action_points: {spec.action_points}"
    items = sum(len(action.items) for action in spec.actions)
    return items, f"{spec.catalogue_file} lists {items} items, one table row each, and gives no action_points"


def _check_passage(section: Section, passage: Passage, patterns: _Patterns, expected: int, basis: str,
                   rows: int | None) -> list[Finding]:
    findings: list[Finding] = []
    text = passage.text  # quotations masked: a count quoted from another document is its own
    if not patterns.noun.search(text):
        return findings  # most passages: no count to read, and the count's pattern tries every word
    one_action = patterns.one_action
    for match, count in _counts(patterns.counted, text):
        # Only the words next to the count are read: a bounded look keeps a long passage linear in time.
        total = _TOTAL_BEFORE.search(text[max(0, match.start() - 40):match.start()]) \
            or _TOTAL_AFTER.match(text, match.end())
        if not total or one_action.match(text, match.end()):
            continue
        if count == expected:
            if rows is not None and rows != expected and not _mentions(text, rows):
                findings.append(finding(
                    "CCM039", f"the text counts {' '.join(match.group(0).split())}, but the tables hold {rows} rows",
                    locate(section, passage, match.start(), match.end()),
                    f"a reader who counts the rows finds {rows}: say so where the total is given (\"of its "
                    f"{expected} action points, the tables review {rows}\"), or add the missing items to the "
                    "catalogue"))
            continue
        findings.append(finding("CCM039", f"the text counts {' '.join(match.group(0).split())}, but the plan has "
                                f"{expected}", locate(section, passage, match.start(), match.end()),
                                f"{basis}; write the count the catalogue gives, or correct the catalogue"))
    return findings


def _mentions(text: str, number: int) -> bool:
    """Whether `text` gives `number`, in figures or in words."""
    words = [word for word, value in _WORDS.items() if value == number]
    pattern = compile_pattern(rf"(?<![\w.,-])(?:{'|'.join([str(number), *words])})(?![\w-])", re.IGNORECASE)
    return pattern.search(text) is not None
