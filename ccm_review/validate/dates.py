"""CCM037: a source or a figure dated after the document's date, which the document could not know.

Read are the places that date a source or a figure: every footnote and table note, and in a table
cell a date in parentheses or after "as of" ("110 States Parties (September 2020)"). Running text
is not read: there a later date is a plan ("planned for November"), and so is a date in a note
after "due", "until", "planned for" and the like. A date counts from its first possible day, so
"April" in a document of 30 April is not after it, and a year alone only when it is a later year,
or when it names a periodical the template dates by its usual month (a Monitor of the document's
year appears in August). Figures cited from data/ are CCM076's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ccm_review.analyse.prose import Passage, locate
from ccm_review.layout.labels import MONTHS, printed_date
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.finding import Finding

Day = tuple[int, int, int]  # year, month, day

_MONTH_NUMBERS = {month.casefold(): number for number, month in enumerate(MONTHS, 1)}
_YEAR = r"(?:1[89]|2[0-9])\d{2}"
# A day and month, a month, an ISO date, or a year alone (not in a range or a symbol: 2015-2020, MSP/2019/11).
# Each starts with a figure or a month's capital: the look-ahead lets a position that starts none fail
# at once, before the three alternatives each look behind it.
_DATE = compile_pattern(
    rf"(?=[\d{''.join(sorted({month[0] for month in MONTHS}))}])"
    rf"(?:(?<![\w/-])(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{'|'.join(MONTHS)})\s+(?P<year>{_YEAR})(?![\w/]|-\d)"
    rf"|(?<![\w/-])(?P<iso>{_YEAR})-(?P<iso_month>\d{{2}})-(?P<iso_day>\d{{2}})(?![\w/-])"
    rf"|(?<![\w/.\u2013-])(?P<alone>{_YEAR})(?![\w/\u2013]|-\d))")
# Words that make a later date a plan or a deadline rather than the date of a source.
_PLAN = compile_pattern(r"(?:\bplanned|\bscheduled|\bdue|\bexpected|\buntil|\btill|\bdeadline|\bpostponed|\bby|"
                       r"\bbefore|\bwill|\bto\s+be)\W+(?:\w+\W+){0,4}$", re.IGNORECASE)
_AS_OF = compile_pattern(r"(?:\(|\bas\s+(?:of|at)\s+|\(as\s+(?:of|at)\s+)$", re.IGNORECASE)


def check_source_dates(analysis: Analysis) -> list[Finding]:
    """Return a finding for every source or as-of date after the masthead's date."""
    iso = analysis.document.masthead.date
    if not compile_pattern(r"\d{4}-\d{2}-\d{2}").fullmatch(iso):
        return []  # no date to compare with: CCM005 and CCM006 report the masthead
    limit: Day = (int(iso[:4]), int(iso[5:7]), int(iso[8:]))
    periodicals, dated = analysis.spec.content.periodicals, printed_date(iso)
    findings: list[Finding] = []
    for section in analysis.document.sections:
        if section.meta is None:
            continue
        for passage in analysis.of(section).passages:
            if passage.kind in ("cell", "footnote"):
                findings.extend(_check_passage(section, passage, limit, periodicals, dated))
    return findings


def _check_passage(section: Section, passage: Passage, limit: Day, periodicals: tuple[tuple[str, int], ...],
                   dated: str) -> list[Finding]:
    text = passage.raw
    where = "table cell" if passage.kind == "cell" else "note"
    found: list[tuple[int, int, Day, str]] = []  # start, end, first possible day, why it is so dated
    taken: set[int] = set()  # where the years of periodicals start
    for name, month in periodicals:
        pattern = r"\s+".join(map(re.escape, name.split())) + rf",?\s+({_YEAR})(?!\d)"
        for match in compile_pattern(pattern, re.IGNORECASE).finditer(text):
            year = int(match.group(1))
            taken.add(match.start(1))
            found.append((match.start(), match.end(), (year, month, 1),
                          f"{name} {year} appears in {MONTHS[month - 1]} {year}"))
    for match in _DATE.finditer(text):
        if match.start() in taken:
            continue  # the year of a periodical, dated by its month above
        # Only the words just before count: a bounded look back keeps a long note linear in time.
        before = text[max(0, match.start() - 120):match.start()]
        sentence = compile_pattern(r"[.;]\s").split(before)[-1]
        if _PLAN.search(sentence):
            continue
        if passage.kind == "cell" and not _AS_OF.search(before):
            continue  # in a cell only a figure's as-of date is a source date; "until 2021" is a deadline
        found.append((match.start(), match.end(), _first_day(match), ""))
    findings: list[Finding] = []
    for start, end, day, why in sorted(found):
        if day <= limit:
            continue
        said = " ".join(text[start:end].split())
        hint = (f"{why}; " if why else "") + ("cite a source the document could know on its date, or change the "
                                              "document's date")
        findings.append(finding("CCM037", f"the {where} gives '{said}', after the document's date "
                                f"({dated})", locate(section, passage, start, end), hint))
    return findings


def _first_day(match: re.Match[str]) -> Day:
    """Return the first day the date of `match` may mean: 1 September for "September 2020"."""
    if match.group("alone"):
        return (int(match.group("alone")), 1, 1)
    if match.group("iso"):
        return (int(match.group("iso")), int(match.group("iso_month")), int(match.group("iso_day")))
    return (int(match.group("year")), _MONTH_NUMBERS[match.group("month").casefold()], int(match.group("day") or 1))
