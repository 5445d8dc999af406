"""Word counts of sections and of the whole document (ccm_review/analyse/measure.py)."""

from __future__ import annotations

from pathlib import Path

from ccm_review.analyse.analysis import Analysis
from ccm_review.analyse.measure import measure_section, narrative_words
from ccm_review.load.sections import load_document
from ccm_review.model.source import Section
from ccm_review.spec.template import Spec, load_spec
from tests.helpers import RULE_FIXTURES


def test_narrative_words_count_headings_paragraphs_and_footnotes(transparency: tuple[Section, Spec]) -> None:
    section, _ = transparency
    # Successes (1) + 12 words + Gaps and challenges (3) + 6 words + the note (4)
    assert narrative_words(section) == 26


def test_a_section_measures_narrative_table_and_template_headings(transparency: tuple[Section, Spec]) -> None:
    section, spec = transparency
    words = measure_section(section, spec)
    assert words.narrative == 26
    assert words.table == 31 + 26  # row 6.1, row 6.2: ref with title, cells, assessment labels
    # "Transparency measures" (2), "Table 6" (2), "Action 6: Transparency measures" (4), headers (8)
    assert words.headings == 16
    assert words.total == 99


def test_a_file_outside_the_template_adds_no_document_words(project: Path) -> None:
    spec = load_spec(project)
    before = Analysis(load_document(project)[0], spec).words
    text = (RULE_FIXTURES / "CCM010-fail.md").read_text(encoding="utf-8")
    (project / "sections" / "10-annex.md").write_text(text, encoding="utf-8")
    assert Analysis(load_document(project)[0], spec).words == before


def test_document_words_are_the_sum_of_the_sections(project: Path) -> None:
    spec = load_spec(project)
    document, _ = load_document(project)
    assert Analysis(document, spec).words == sum(measure_section(s, spec, document.series).total
                                                 for s in document.sections)
