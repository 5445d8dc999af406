"""CCM038: a source given twice where once would do.

Two cases: a part that gives the same source as a note under its table and as a footnote of its
narrative, and one bare source note (a note of one paragraph) repeated verbatim across the
document as often as the template's `content.repeated_notes` or more. Notes are compared without
case, spacing or the final full stop. The UN Editorial Manual gives a source in full once and
then "Ibid." for a note that follows it directly, or a short form: those are never counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ccm_review.analyse.text import block_texts, short
from ccm_review.analyse.walk import block_inlines, walk_inlines
from ccm_review.model.narrative import Footnote, FootnoteRef, Paragraph
from ccm_review.model.source import Section
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.finding import Finding

# The short forms a repeated source is written with: they repeat by design.
_SHORT_FORM = compile_pattern(r"(?:ibid|idem|op\.?\s*cit|see\s+(?:note|footnote|above|table))\b", re.IGNORECASE)
_HINT = "give the full reference once, then 'Ibid.' for a note that follows it directly, or a short form"


def check_sources(analysis: Analysis) -> list[Finding]:
    """Return the findings about sources given both under a table and in a footnote, or repeated too often."""
    sections = [section for section in analysis.spec.print_order(analysis.document.sections)
                if section.meta is not None]
    findings = [found for section in sections for found in _table_and_footnote(section)]
    findings.extend(_repeated(sections, analysis.spec.content.repeated_notes))
    return findings


def normalised(text: str) -> str:
    """Return a note's text as compared: one line, lower case, without its final full stop."""
    return " ".join(text.split()).casefold().rstrip(".").rstrip()


def _text(note: Footnote) -> str:
    return normalised(" ".join(block_texts(note.blocks)))


def _table_and_footnote(section: Section) -> list[Finding]:
    notes = {note.label: note for note in section.footnotes}
    in_table = {inline.label for row in section.rows or () for cell in row.cells
                for inline in walk_inlines(cell.inlines) if isinstance(inline, FootnoteRef)}
    in_text = {inline.label for inline in block_inlines(section.blocks) if isinstance(inline, FootnoteRef)}
    table_notes: dict[str, Footnote] = {}
    for label in sorted(in_table, key=_line_of(notes)):
        if label in notes:
            table_notes.setdefault(_text(notes[label]), notes[label])  # the first of equal notes is named
    findings: list[Finding] = []
    for label in sorted(in_text, key=_line_of(notes)):
        note = notes.get(label)
        text = _text(note) if note is not None else ""
        twin = table_notes.get(text)
        if note is None or twin is None or not text or _SHORT_FORM.match(text):
            continue
        same = "the same note" if twin is note else f"the table's note [^{twin.label}] (line {twin.location.line})"
        findings.append(finding("CCM038", f"the footnote [^{label}] gives the same source as {same}: "
                                f"'{short(' '.join(block_texts(note.blocks)), 60)}'", note.location,
                                "give the source once in the part: the table's note serves the table; in the text "
                                "name the source in a shorter form or refer to the table"))
    return findings


def _line_of(notes: dict[str, Footnote]) -> Callable[[str], int]:
    """Return a sort key putting labels in the order their notes are defined."""
    return lambda label: notes[label].location.line if label in notes else 0


def _repeated(sections: list[Section], limit: int) -> list[Finding]:
    groups: dict[str, list[Footnote]] = {}
    for section in sections:
        for note in sorted(section.footnotes, key=lambda note: note.location.line):
            text = _text(note)
            bare = len(note.blocks) == 1 and isinstance(note.blocks[0], Paragraph)
            if text and bare and not _SHORT_FORM.match(text):
                groups.setdefault(text, []).append(note)
    findings: list[Finding] = []
    for notes in groups.values():
        if len(notes) < limit:
            continue
        first, others = notes[0], notes[1:]
        places = ", ".join(f"{note.location.file}:{note.location.line}" for note in others)
        findings.append(finding("CCM038", f"the source note '{short(' '.join(block_texts(first.blocks)), 60)}' "
                                f"is repeated verbatim {len(notes)} times (also at {places})", first.location,
                                _HINT))
    return findings
