"""What a check reads off the loaded sections, each figure worked out once and passed on.

Word counts feed the length rules, the report's summaries and its total; printed passages feed
the editorial rules and the reading-ease score; the score feeds CCM050 and the summaries. Each
is computed on first use and kept here for the rest of the check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from ccm_review.analyse.measure import SectionWords, measure_section
from ccm_review.analyse.prose import Passage, passages
from ccm_review.analyse.readability import Readability, readability_of
from ccm_review.model.record import Record, replace, set_field

if TYPE_CHECKING:
    from ccm_review.model.data import Series
    from ccm_review.model.source import Document, Section
    from ccm_review.spec.template import Spec


class Figures(Record):
    """What is read off one section, all at once: what the store keeps beside the parsed section."""

    __slots__ = ("words", "passages", "readability")  # noqa: RUF023
    words: SectionWords
    passages: tuple[Passage, ...]
    readability: Readability | None

    def __init__(self, words: SectionWords, passages: tuple[Passage, ...], readability: Readability | None) -> None:
        set_field(self, "words", words)
        set_field(self, "passages", passages)
        set_field(self, "readability", readability)


class SectionAnalysis:
    """One section file as read for the check: its words, its printed passages, its reading ease."""

    def __init__(self, section: Section, spec: Spec, series: tuple[Series, ...] = (),
                 known: Figures | None = None) -> None:
        self.section = section
        self.spec = spec
        self.series = series
        if known is not None:
            # Figures kept from a run over the same bytes, template and data: what the properties would compute.
            self.__dict__.update(words=known.words, passages=list(known.passages), readability=known.readability)

    def figures(self) -> Figures:
        """Return every figure of the section, computing those no rule has asked for yet."""
        return Figures(self.words, tuple(self.passages), self.readability)

    @cached_property
    def words(self) -> SectionWords:
        """The words the section adds to the document, as printed."""
        return measure_section(self.section, self.spec, self.series)

    @cached_property
    def passages(self) -> list[Passage]:
        """The section as printed passages, in print order."""
        return passages(self.section)

    @cached_property
    def readability(self) -> Readability | None:
        """The reading ease of the section's running text, None when it has no sentence."""
        return readability_of(self.passages)


class Analysis:
    """The loaded document and its template, with what is read off every section."""

    def __init__(self, document: Document, spec: Spec, known: Mapping[str, Figures] | None = None) -> None:
        self.document = document
        self.spec = spec
        known = known or {}
        self._sections = {section.path: SectionAnalysis(section, spec, document.series, known.get(section.path))
                          for section in document.sections}

    def only(self, sections: Sequence[Section]) -> Analysis:
        """Return the analysis of the document with these of its sections alone, sharing what was read off them."""
        part = Analysis(replace(self.document, sections=tuple(sections)), self.spec)
        part._sections = {section.path: self._sections[section.path] for section in sections}
        return part

    def of(self, section: Section) -> SectionAnalysis:
        """Return the analysis of `section`, a section of this document."""
        return self._sections[section.path]

    @cached_property
    def words(self) -> int:
        """The words of every section that belongs in the document (the masthead excluded)."""
        return sum(self.of(section).words.total for section in self.document.sections
                   if self.spec.part(section.key) is not None)
