"""CCM040-CCM042: numbers in words, "per cent" and dates, as the UN Editorial Manual writes them.

False positives are bugs: a figure stays a figure in a table, a date ("1 August 2018"), a
reference ("article 7", "para. 9", "Table 2", "items 2.2 and 2.3"), a measurement ("5 km"), a
range or a decimal, and next to figures of 10 and more in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ccm_review.analyse.prose import Passage, sentences
from ccm_review.analyse.text import short
from ccm_review.layout.labels import MONTHS
from ccm_review.model.finding import Finding
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.style import Style
from ccm_review.validate.editorial.common import MONTH, TOKEN, core, finding_at, may_hold

_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Words after which a figure is a reference to something numbered.
_REFERENCES = frozenset({
    "action", "actions", "amendment", "annex", "annexes", "appendix", "appendices", "art", "arts", "article",
    "articles", "box", "category", "ch", "chap", "chapter", "chapters", "column", "columns", "criterion", "decision",
    "decisions", "fig", "figure", "figures", "footnote", "footnotes", "goal", "goals", "grade", "indicator",
    "indicators", "item", "items", "level", "line", "lines", "no", "nos", "note", "notes", "number", "numbers",
    "objective", "objectives", "option", "options", "p", "page", "pages", "para", "paragraph", "paragraphs", "paras",
    "part", "parts", "phase", "phases", "point", "points", "pp", "principle", "principles", "protocol", "protocols",
    "recommendation", "recommendations", "resolution", "resolutions", "row", "rows", "rule", "rules", "sect",
    "section", "sections", "session", "step", "steps", "sub-paragraph", "subparagraph", "table", "tables", "target",
    "targets", "tier", "version", "vol", "vols", "volume", "volumes",
})
_CONNECTORS = frozenset({"and", "or", "to", "through", "-", "\u2013", "&"})
_UNITS = frozenset({"per", "percent", "%", "km", "km\u00b2", "km2", "m", "m\u00b2", "m2", "kg", "g", "t", "ha",
                    "mm", "cm", "million", "billion", "trillion", "a.m.", "p.m.", "am", "pm"})
_CURRENCIES = frozenset({"CHF", "USD", "EUR", "GBP", "US$", "$", "\u20ac", "\u00a3"})
_MONTH_WORDS = frozenset(month.lower() for month in MONTHS)
_NUMBER = compile_pattern(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
# A word holding '%' is matched from its start only: scanning from every character of a long
# word without one would take quadratic time.
_PER_CENT = compile_pattern(r"(?<!\S)\S*?%\S*|(?<!\w)percent(?!\w)", re.IGNORECASE)

_ORDINAL = r"(?:st|nd|rd|th)"
_MONTH_DATES = (
    # June 8, 2020 / June 8 / June 8th
    compile_pattern(rf"(?<!\w)(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}?(?!\d)(?:,?\s+(?P<year>\d{{4}}))?(?!\w)"),
    # 8th June / 8th of June 2020
    compile_pattern(rf"(?<!\w)(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>\d{{4}}))?(?!\w)"),
    # 8 June, 2020
    compile_pattern(rf"(?<!\w)(?P<day>\d{{1,2}})\s+(?P<month>{MONTH}),\s+(?P<year>\d{{4}})(?!\w)"),
)
_FIGURE_DATES = (
    # 08/06/2020, 8.6.2020, 08-06-2020, 08/06/20
    compile_pattern(r"(?<![\w/.-])\d{1,2}(?:/\d{1,2}/(?:\d{4}|\d{2})|\.\d{1,2}\.\d{4}|-\d{1,2}-\d{4})(?![\w/-]|\.\d)"),
    # 2020-06-08
    compile_pattern(r"(?<![\w/.-])(?P<year>\d{4})-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?![\w/-]|\.\d)"),
)
# What every date in figures holds. A passage without it, or without a month's name, is not searched
# for those dates: most passages have neither, and each pattern tries every position of a passage.
_FIGURES = compile_pattern(r"\d[/.-]\d")


# What a figure from 1 to 9 standing alone holds: only a passage with one is split into tokens. A token whose
# core is one such figure has nothing but punctuation or space beside it, so never another digit.
_LONE_FIGURE = compile_pattern(r"(?<![0-9])[1-9](?![0-9])")


def check_numbers(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM040: figures 1-9 in running text that UN style writes in words."""
    findings: list[Finding] = []
    for passage in texts:
        if not passage.running or _LONE_FIGURE.search(passage.text) is None:
            continue
        tokens = [(match.group(0), match.start()) for match in TOKEN.finditer(passage.text)]
        spans = sentences(passage.prose)
        starts = [begin for begin, _ in spans]
        series: dict[tuple[int, int], bool] = {}
        for index, (token, start) in enumerate(tokens):
            value = core(token)
            if len(value) != 1 or value not in "123456789" or _exempt(tokens, index, token):
                continue
            at = bisect_right(starts, start) - 1
            sentence = spans[at] if at >= 0 and start < spans[at][1] else (0, len(passage.text))
            if sentence not in series:
                series[sentence] = _series(passage.text[sentence[0]:sentence[1]])
            if series[sentence]:
                continue
            offset = start + token.index(value)
            word = _WORDS[int(value) - 1]
            findings.append(finding_at(
                "CCM040", f"'{value}' in running text: UN style writes numbers from one to nine in words",
                section, passage, offset, offset + 1,
                f"write '{word}' (figures stay in tables, dates, references such as 'article {value}', "
                "measurements and percentages)"))
    return findings


def _exempt(tokens: list[tuple[str, int]], index: int, token: str) -> bool:
    """Whether the figure at `index` is a reference, a date, a measurement or a label."""
    if token.startswith("(") and token.rstrip(".,;:").endswith(")"):
        return True  # "(3)": a label, as in "paragraph 3 (b)" or a list of points
    # Back over "3, 4 and" to the word that says what the figures refer to.
    for back in range(index - 1, max(-1, index - 9), -1):
        word = core(tokens[back][0])
        lowered = word.lower()
        if not word or _NUMBER.fullmatch(word) or lowered in _CONNECTORS:
            continue
        if lowered in _REFERENCES or word in _CURRENCIES or lowered in _MONTH_WORDS:
            return True
        break
    # Forward over "to 11" to a month ("from 7 to 11 September") or a unit ("5 km", "3 per cent").
    for ahead in range(index + 1, min(len(tokens), index + 5)):
        word = core(tokens[ahead][0])
        lowered = word.lower()
        if lowered in _MONTH_WORDS or lowered in _UNITS or tokens[ahead][0].lower() in _UNITS:
            return True
        if not (_NUMBER.fullmatch(word) or lowered in _CONNECTORS):
            break
    return token.rstrip(".,;:").endswith("%")


def _series(sentence: str) -> bool:
    """Whether the sentence has a figure of 10 or more that is not a year: the series stays in figures."""
    for match in TOKEN.finditer(sentence):
        word = core(match.group(0)).rstrip("%")
        if not _NUMBER.fullmatch(word):
            continue
        value = float(word.replace(",", ""))
        if value >= 10 and not (len(word) == 4 and 1900 <= value <= 2100):
            return True
    return False


def check_per_cent(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM041: '%' or 'percent' in running text, where UN documents write 'per cent'."""
    findings: list[Finding] = []
    for passage in texts:
        if not passage.running or ("%" not in passage.text and not may_hold(passage.text, ("percent",))):
            continue
        for match in _PER_CENT.finditer(passage.text):
            written = core(match.group(0)) or match.group(0)
            better = compile_pattern(r"\s*%").sub(" per cent", written).strip() if "%" in written else "per cent"
            findings.append(finding_at(
                "CCM041", f"'{written}' in running text: UN documents write 'per cent'", section, passage,
                match.start(), match.end(), f"write '{better}' ('%' is kept for tables)"))
    return findings


def check_dates(section: Section, texts: list[Passage], style: Style) -> list[Finding]:
    """CCM042: dates not written as '8 June 2020'."""
    findings: list[Finding] = []
    for passage in texts:
        if passage.kind == "quote":
            continue
        text = passage.text
        patterns = (_MONTH_DATES if any(month in text for month in MONTHS) else ()) \
            + (_FIGURE_DATES if _FIGURES.search(text) else ())
        for pattern in patterns:
            for match in pattern.finditer(text):
                findings.append(finding_at(
                    "CCM042", f"the date '{short(match.group(0))}' is not written as UN documents write dates",
                    section, passage, match.start(), match.end(), f"write {_un_date(match)}"))
    return findings


def _un_date(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("mm"):
        return f"'{int(groups['dd'])} {MONTHS[int(groups['mm']) - 1]} {groups['year']}'"
    if groups.get("month"):
        year = f" {groups['year']}" if groups.get("year") else ""
        return f"'{int(groups['day'])} {groups['month']}{year}'"
    return "day, month in words and year, e.g. '8 June 2020' (a date in figures is read differently by country)"
