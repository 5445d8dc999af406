"""The printed shape of the document (ccm_review/layout): the outline numbers parts, tables, paragraphs,
sub-paragraphs and notes once for every renderer, with the labels of `labels` and the cells as `printed`
gives them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.text import count_words
from ccm_review.layout.labels import letters, roman, un_date
from ccm_review.layout.outline import make_outline
from ccm_review.layout.printed import cell_text
from ccm_review.model.location import Location
from ccm_review.model.narrative import Text
from ccm_review.model.outline import (
    CodeItem,
    GridItem,
    HeadingItem,
    NoteMark,
    NumberedItem,
    Outline,
    PlainItem,
    SubItem,
)
from ccm_review.model.source import Section
from ccm_review.spec.template import Spec
from tests.helpers import printed_text

SECTION = """---
part: introduction
status: draft
---
## First

One.[^a]

Two:

- alpha[^b]
- beta
  - inner one
  - inner two

    second paragraph of inner two

### Deeper

> quoted

## Second

Three.

[^a]: Note a.
[^b]: Note b with a self reference [^b].
"""


def _outline(project: Path) -> Outline:
    (project / "sections" / "00-introduction.md").write_text(SECTION, encoding="utf-8")
    result = api.check(project)
    return make_outline(result.document, result.spec)


def test_items_of_a_part_are_numbered_and_labelled(project: Path) -> None:
    outline = _outline(project)
    items = outline.parts[0].items
    shape = [(type(item).__name__, getattr(item, "label", getattr(item, "number", None))) for item in items]
    assert shape == [
        ("HeadingItem", "A."), ("NumberedItem", 1), ("NumberedItem", 2),
        ("SubItem", "(a)"), ("SubItem", "(b)"), ("SubItem", "(i)"), ("SubItem", "(ii)"), ("PlainItem", None),
        ("HeadingItem", "1."), ("PlainItem", None), ("HeadingItem", "B."), ("NumberedItem", 3),
    ]
    assert [item.depth for item in items if isinstance(item, (SubItem, PlainItem))] == [1, 1, 2, 2, 2, 0]
    assert [item.quote for item in items if isinstance(item, PlainItem)] == [False, True]
    assert isinstance(items[8], HeadingItem) and items[8].depth == 2


def test_paragraph_numbers_continue_into_the_next_part(project: Path) -> None:
    outline = _outline(project)
    first_action = outline.parts[1]
    numbered = [item.number for item in first_action.items if isinstance(item, NumberedItem)]
    assert numbered[0] == 4


def test_notes_are_numbered_in_reading_order_across_the_document(project: Path) -> None:
    outline = _outline(project)
    intro = outline.parts[0]
    marks = [run.number for item in intro.items for run in getattr(item, "runs", ()) if isinstance(run, NoteMark)]
    assert marks == [1, 2]
    notes = outline.notes
    assert [note.number for note in notes] == list(range(1, len(notes) + 1))
    first = notes[0].paragraphs[0][0]
    assert isinstance(first, Text) and first.text == "Note a."


def test_a_note_that_references_itself_is_printed_once(project: Path) -> None:
    notes = _outline(project).notes
    assert "".join(getattr(run, "text", "") for run in notes[1].paragraphs[0]).strip() == \
        "Note b with a self reference ."


def test_an_indicator_table_prints_item_titles_and_assessment_labels(project: Path) -> None:
    result = api.check(project)
    outline = make_outline(result.document, result.spec)
    table = outline.parts[4].table
    assert table is not None
    assert (table.label, table.title) == ("Table 4", "Action 4: Victim assistance")  # the caption's two lines
    assert table.name == "Table 4, Action 4: Victim assistance"
    # The first header is the catalogue's: the rows are the plan's items, not its actions.
    assert [column.header for column in table.columns] == ["DAP item", "Indicator", "1RC (2015)", "2RC (2020)",
                                                           "Assessment"]
    ref, assessment = table.rows[0][0][0], table.rows[0][4][0]
    assert isinstance(ref, Text) and ref.text == "4.1 Strengthen national capacity"
    assert isinstance(assessment, Text) and assessment.text == "Not assessed"  # not-assessed, in words


GENERAL_STATUS_TABLE = """table:
  - indicator: Meetings of States Parties held
    baseline: "5"
    current: "10"
    assessment: achieved
"""


def _with_table(project: Path, file: str, table: str) -> None:
    path = project / "sections" / file
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    path.write_text(f"{head}\n{table}---\n{body}", encoding="utf-8")


def test_a_table_outside_the_actions_leaves_out_the_columns_no_row_fills(project: Path) -> None:
    # A part that is not an action has no DAP item: an empty "DAP item" column would stand there.
    _with_table(project, "08-general-status.md", GENERAL_STATUS_TABLE)
    result = api.check(project)
    assert result.report.exit_code(False) == 0
    outline = make_outline(result.document, result.spec)
    table = next(part.table for part in outline.parts if part.key == "general-status")
    assert table is not None
    assert [column.key for column in table.columns] == ["indicator", "baseline", "current", "assessment"]
    assert [len(row) for row in table.rows] == [4]
    # The widths keep their proportions and fill the width the template's columns fill.
    template = {column.key: column.width or 0 for column in result.spec.columns}
    assert sum(column.width or 0 for column in table.columns) == sum(template.values())
    assert table.columns[1].width == table.columns[2].width == template["baseline"] * 100 / 80
    # The words counted are the words printed: "DAP item" is neither.
    without = api.check(project).report.words
    _with_table(project, "09-conclusions.md", GENERAL_STATUS_TABLE)
    printed = ("Table 9", "Conclusions", "Indicator 1RC (2015) 2RC (2020) Assessment",
               "Meetings of States Parties held 5 10 Achieved")  # caption's two lines, headers, the row
    assert api.check(project).report.words - without == count_words(" ".join(printed))


def test_an_action_table_keeps_every_column_so_the_actions_read_alike(project: Path) -> None:
    path = project / "sections" / "04-victim-assistance.md"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.split("\n") if not line.lstrip().startswith("baseline:")),
                    encoding="utf-8")
    result = api.check(project)
    outline = make_outline(result.document, result.spec)
    table = next(part.table for part in outline.parts if part.key == "action-4")
    assert table is not None
    assert [column.key for column in table.columns] == [column.key for column in result.spec.columns]
    assert all(row[2] == () for row in table.rows)  # the 1RC column stays, empty
    assert len(table.rows) == 2  # rows 4.1 and 4.2: an empty table would have passed the line above
    assert result.spec.columns[2].key == "baseline"
    assert all(row[3] != () for row in table.rows)  # the column after it is still filled


# --- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("iso, written", [
    ("2020-04-30", "30 April 2020"),
    ("2020-06-08", "8 June 2020"),
    ("2015-09-11", "11 September 2015"),
    ("2019-01-01", "1 January 2019"),
    ("2019-12-31", "31 December 2019"),
])
def test_un_date_writes_day_month_year(iso: str, written: str) -> None:
    assert un_date(iso) == written


@pytest.mark.parametrize("number, numeral", [
    (1, "I"), (4, "IV"), (9, "IX"), (10, "X"), (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"),
    (1994, "MCMXCIV"), (2020, "MMXX"), (3999, "MMMCMXCIX"),
])
def test_roman_numerals(number: int, numeral: str) -> None:
    assert roman(number) == numeral


@pytest.mark.parametrize("number, label", [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"),
                                           (53, "ba"), (702, "zz"), (703, "aaa")])
def test_letters_of_sub_paragraphs(number: int, label: str) -> None:
    assert letters(number) == label


# --- printed --------------------------------------------------------------------------------------


def test_cells_are_measured_as_printed(transparency: tuple[Section, Spec]) -> None:
    section, spec = transparency
    part = spec.part("action-6")
    assert section.rows is not None
    row = section.rows[0]
    assert cell_text(row, "ref", part, spec) == "6.1 Report in time, initially and annually"
    assert cell_text(row, "assessment", part, spec) == "Partially achieved"
    assert cell_text(row, "current", part, spec) == "Some reports still outstanding"
    assert cell_text(row, "no-such-column", part, spec) == ""


def test_every_printed_item_leads_back_to_its_source_line(project: Path) -> None:
    """A paragraph number, a sub-paragraph, a table cell or a note can be traced to sections/FILE.md:LINE."""
    result = api.check(project)
    outline = make_outline(result.document, result.spec)

    def line(location: object) -> str:
        assert isinstance(location, Location)
        return (project / location.file).read_text(encoding="utf-8").split("\n")[location.line - 1]

    checked = 0
    for part in outline.parts:
        for item in part.items:
            assert item.location is not None and item.location.file == part.source
            if isinstance(item, GridItem):
                text = ""
            else:
                text = item.text if isinstance(item, CodeItem) else printed_text(item.runs)
            first_word = text.split()[0] if text.split() else ""
            assert first_word.strip("*_[") in line(item.location), (item, line(item.location))
            checked += 1
        if part.table is not None:
            assert len(part.table.row_locations) == len(part.table.rows) == len(part.table.cell_locations)
            for row, places in zip(part.table.rows, part.table.cell_locations, strict=True):
                for cell, place in zip(row, places, strict=True):
                    if place is not None and place.file == part.source and cell:
                        assert line(place).strip(), place
                        checked += 1
            for table_note in part.table.notes:
                assert line(table_note.location).lstrip().startswith("[^")
    for note in outline.notes:
        assert line(note.location).lstrip().startswith("[^")
    assert checked > 100


def test_a_cell_points_at_its_value_in_the_front_matter(project: Path) -> None:
    result = api.check(project)
    part = next(part for part in make_outline(result.document, result.spec).parts if part.key == "action-4")
    assert part.table is not None
    keys = [column.key for column in part.table.columns]
    place = part.table.cell_locations[0][keys.index("indicator")]
    assert place is not None
    written = (project / place.file).read_text(encoding="utf-8").split("\n")[place.line - 1]
    assert written[place.column - 1:].startswith(written.split("indicator:", 1)[1].strip()[:10])
    assert part.table.row_locations[0].line < place.line or part.table.row_locations[0].line == place.line
