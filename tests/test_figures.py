"""Figures cited from data/ are printed from the data in every output: one correction in data/ changes
every place the figure is printed, in the DOCX and the HTML alike."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ccm_review import api
from ccm_review.layout.outline import make_outline
from tests.helpers import ACTION_6, INTRODUCTION, listing, printed_text
from tests.test_api import _outline_words


def correct(project: Path, old: str, new: str) -> None:
    """Correct a figure of the shipped data/states-parties.csv."""
    data = project / "data" / "states-parties.csv"
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new), encoding="utf-8")


def cite(project: Path) -> None:
    """Cite the 2019 figure once more in the introduction and in a cell of part VII."""
    intro = project / INTRODUCTION
    intro.write_text(intro.read_text(encoding="utf-8").rstrip("\n")
                     + "\n\nIn August 2019 the Convention had [=states-parties 2019] States Parties.\n",
                     encoding="utf-8")
    action = project / ACTION_6
    text = action.read_text(encoding="utf-8")
    first_current = re.search(r"current: .*", text)
    assert first_current is not None
    text = text.replace(first_current.group(0), "current: \"[=states-parties 2019] States Parties (2019)\"", 1)
    action.write_text(text, encoding="utf-8")


def printed(project: Path) -> tuple[str, str]:
    result = api.build(project, project / "out")
    assert result.written, listing(result.check.report.findings)
    html = (project / "out" / "review-document.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(project / "out" / "review-document.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    return html, re.sub(r"<[^>]+>", "", xml)


def test_a_corrected_figure_changes_every_place_it_is_printed(project: Path) -> None:
    cite(project)
    html, docx = printed(project)
    for output in (html, docx):
        assert "the Convention had 106 States Parties" in output
        assert "106 States Parties (2019)" in output
        assert "[=states-parties" not in output
    correct(project, "2019,106,", "2019,107,")
    html, docx = printed(project)
    for output in (html, docx):
        assert "the Convention had 107 States Parties" in output
        assert "107 States Parties (2019)" in output
        assert "106 States Parties" not in output
        assert "It reached 107 in August 2019" in output  # part II cites it too
    html_figures = html[html.index('<details class="chart-data"'):html.index("</details>")]
    assert "<td>107</td>" in html_figures and ">107</text>" in html  # and Figure 1 draws it


def narrative_words(project: Path, file: str) -> int:
    return next(summary.narrative_words for summary in api.check(project).report.sections if summary.file == file)


def test_figures_are_counted_as_printed(project: Path) -> None:
    before = narrative_words(project, INTRODUCTION)
    cite(project)
    correct(project, "2019,106,", "2019,1500000,")
    sentence = "In August 2019 the Convention had 1.5 million States Parties."  # the reference prints two words
    assert narrative_words(project, INTRODUCTION) == before + len(sentence.split())


def test_the_template_can_ask_for_each_figure_s_source_as_a_note(project: Path) -> None:
    review = project / "templates" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8") + "\nfigure_notes: true\n", encoding="utf-8")
    cite(project)
    result = api.check(project)
    outline = make_outline(result.document, result.spec)
    source = "Cluster Munition Monitor 2019 (August 2019)."
    notes = [note for note in outline.notes if printed_text(note.paragraphs[0]) == source]
    assert len(notes) == 3  # part II, the conclusions and the introduction cite the 2019 figure in their narratives
    action_6 = next(part for part in outline.parts if part.source == ACTION_6)
    assert action_6.table is not None
    assert [printed_text(note.paragraphs[0]) for note in action_6.table.notes][-1] == source
    html, docx = printed(project)
    assert source in html and source in docx
    # The notes are counted as printed: the outline's words are the words check reports.
    assert _outline_words(outline) == result.report.words


def test_the_same_figures_in_a_yaml_file_build_the_same_document(project: Path, tmp_path: Path) -> None:
    # The shipped data/states-parties.csv, written as YAML: every output is byte for byte the same.
    from_csv = api.build(project, tmp_path / "csv")
    assert from_csv.written, listing(from_csv.check.report.findings)
    data = project / "data"
    (data / "states-parties.csv").unlink()
    (data / "states-parties.yaml").write_text(
        "- {year: 2015, value: 92, source: Handicap International (mid-2015)}\n"
        "- {year: 2017, value: 102, source: Implementation Support Unit (August 2017)}\n"
        "- {date: 2018-08-01, value: 103, source: Cluster Munition Monitor 2018}\n"
        "- year: 2019\n  value: 106\n  source: Cluster Munition Monitor 2019 (August 2019)\n", encoding="utf-8")
    from_yaml = api.build(project, tmp_path / "yaml")
    assert from_yaml.written, listing(from_yaml.check.report.findings)
    assert [path.name for path in from_yaml.written] == [path.name for path in from_csv.written]
    for ours, theirs in zip(from_yaml.written, from_csv.written, strict=True):
        assert ours.read_bytes() == theirs.read_bytes(), ours.name
