"""The outline numbers parts, tables, paragraphs, sub-paragraphs and notes once for every renderer."""

from __future__ import annotations

from pathlib import Path

from ccm_review import api
from ccm_review.outline import HeadingItem, NoteMark, NumberedItem, PlainItem, SubItem, make_outline

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


def _outline(project: Path) -> object:
    (project / "sections" / "00-introduction.md").write_text(SECTION, encoding="utf-8")
    result = api.check(project)
    return make_outline(result.document, result.spec)


def test_items_of_a_part_are_numbered_and_labelled(project: Path) -> None:
    outline = _outline(project)
    items = outline.parts[0].items  # type: ignore[attr-defined]
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
    first_action = outline.parts[1]  # type: ignore[attr-defined]
    numbered = [item.number for item in first_action.items if isinstance(item, NumberedItem)]
    assert numbered[0] == 4


def test_notes_are_numbered_in_reading_order_across_the_document(project: Path) -> None:
    outline = _outline(project)
    intro = outline.parts[0]  # type: ignore[attr-defined]
    marks = [run.number for item in intro.items for run in getattr(item, "runs", ()) if isinstance(run, NoteMark)]
    assert marks == [1, 2]
    notes = outline.notes  # type: ignore[attr-defined]
    assert [note.number for note in notes] == list(range(1, len(notes) + 1))
    assert notes[0].paragraphs[0][0].text == "Note a."


def test_a_note_that_references_itself_is_printed_once(project: Path) -> None:
    notes = _outline(project).notes  # type: ignore[attr-defined]
    assert "".join(getattr(run, "text", "") for run in notes[1].paragraphs[0]).strip() == \
        "Note b with a self reference ."


def test_an_indicator_table_prints_item_titles_and_assessment_labels(project: Path) -> None:
    result = api.check(project)
    outline = make_outline(result.document, result.spec)
    table = outline.parts[4].table
    assert table is not None
    assert table.caption == "Table 4. Action 4: Victim assistance"
    assert [column.header for column in table.columns] == ["DAP action", "Indicator", "1RC (2015)", "2RC (2020)",
                                                           "Assessment"]
    assert table.rows[0][0][0].text == "4.1 Strengthen national capacity"  # type: ignore[union-attr]
    assert table.rows[0][4][0].text == "Partially achieved"  # type: ignore[union-attr]
