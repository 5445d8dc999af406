"""Two outlines compared (ccm_review/layout/redline.py, with run_tokens.py and run_text.py): what
changed between two drafts becomes `Inserted` and `Deleted` runs and whole items, rows, notes and
parts marked `change`, and `summarise` (layout/change_summary.py) counts it.

Each test edits a copy of the shipped project, lays both drafts out as `build` does, and looks
at the redline outline. `accepted` and `rejected` read a redline's runs as Word's Accept all and
Reject all would: what they give must be the newer and the older draft, character by character,
with the emphasis and links around every character.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.text import count_words
from ccm_review.layout.change_summary import PartChanges, summarise
from ccm_review.layout.outline import make_outline
from ccm_review.layout.redline import redline
from ccm_review.layout.run_text import flat
from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import (
    DELETED,
    INSERTED,
    Chart,
    CodeItem,
    Deleted,
    GridItem,
    Inserted,
    Item,
    NoteMark,
    NumberedItem,
    Outline,
    PartPlan,
    Run,
    Runs,
    SubItem,
    TableNoteMark,
)
from ccm_review.model.record import replace
from tests.helpers import ACTION_6, CHART_DATA, GENERAL_STATUS, INTRODUCTION, add_chart, copy_project

NATIONAL = "sections/07-national-implementation.md"

# Sentences of the shipped action 6 that the edits below start from.
REPORTS = ("Reports under article 7 remain the main source of information on implementation. By June 2015, "
           "68 States Parties had submitted their initial report, 80 per cent of those due.")
REMINDERS = ("The coordinator also used reminders: on 30 October 2019, a letter reminded the Gambia that its "
             "initial report was due on 28 November 2019.")
MISSING = ("Missing reports leave gaps in the picture of implementation. The state of stockpile destruction in "
           "South Africa, for example, was unclear as a result.")
ADDED = "The ISU also offered help by telephone to the States Parties that asked for it."
ROW_6_2 = """  - ref: "6.2"
    indicator: Use of reports for planning, monitoring and matching needs with resources
    baseline: Not systematically assessed
    current: Reports are the main source of implementation data; their use for planning not compiled for this review
    assessment: not-assessed
"""
STATEMENTS_ITEM = "- statements made by States Parties at meetings of the Convention and in other forums;\n"
UNIVERSALIZATION = "sections/01-universalization.md"
ROW_1_1 = """  - ref: "1.1"
    indicator: "Number of States Parties, against the DAP target of 130 by the 2RC[^target]"
    baseline: "[=states-parties 2015] States Parties (mid-2015)[^hi]"
    current: "[=states-parties 2019] States Parties and 14 signatories (August 2019)[^cmm2019]; target out of reach"
    assessment: partially-achieved
"""


# --- drafts ------------------------------------------------------------------------------------------


def outline_of(project: Path) -> Outline:
    """Check `project` (it must pass) and lay it out as `build` does."""
    result = api.check(project)
    assert not result.report.fails(strict=False), [str(finding) for finding in result.report.findings]
    return make_outline(result.document, result.spec)


def edit(project: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in `file` of `project` with `new`."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}: the shipped project changed"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """A second copy of the shipped project: the older draft (the `project` fixture is the newer)."""
    return copy_project(tmp_path / "old")


def compare(old: Path, new: Path) -> tuple[Outline, Outline, Outline]:
    """The older outline, the newer, and the redline of the one against the other."""
    before, after = outline_of(old), outline_of(new)
    return before, after, redline(before, after)


def part(outline: Outline, key: str) -> PartPlan:
    return next(part for part in outline.parts if part.key == key)


def summary(outline: Outline, key: str) -> PartChanges:
    return next(changes for changes in summarise(outline) if changes.key == key)


# --- reading runs --------------------------------------------------------------------------------------


def revisions(runs: Runs) -> list[Inserted | Deleted]:
    """Every Inserted and Deleted run among `runs`, however deep."""
    found: list[Inserted | Deleted] = []
    for run in runs:
        if isinstance(run, (Inserted, Deleted)):
            found.append(run)
        if isinstance(run, (Styled, Link, Inserted, Deleted)):
            found.extend(revisions(run.children))
    return found


def item_runs(item: Item) -> tuple[Runs, ...]:
    if isinstance(item, GridItem):
        return (*item.header, *(cell for row in item.rows for cell in row))
    if isinstance(item, CodeItem):
        return ()
    return (item.runs,)


def outline_runs(outline: Outline) -> list[Runs]:
    """Every run sequence of the outline: items, cells, table notes, footnotes."""
    out: list[Runs] = [runs for part in outline.parts for item in part.items for runs in item_runs(item)]
    for table in (part.table for part in outline.parts if part.table is not None):
        out += [cell for row in table.rows for cell in row]
        out += [paragraph for note in table.notes for paragraph in note.paragraphs]
    out += [paragraph for note in outline.notes for paragraph in note.paragraphs]
    return out


def changes(outline: Outline) -> list[str]:
    """Every `change` set on a part, item, row, table note or footnote."""
    found = [part.change for part in outline.parts]
    found += [item.change for part in outline.parts for item in part.items]
    for table in (part.table for part in outline.parts if part.table is not None):
        found += list(table.row_changes) + [note.change for note in table.notes]
    found += [note.change for note in outline.notes]
    return [change for change in found if change is not None]


Wrappers = tuple[tuple[str, str], ...]
MARK = "\N{DAGGER}"  # a note mark among the characters: which note it is, the notes themselves say


def _characters(runs: Runs, drop: type[Inserted] | type[Deleted], around: Wrappers = ()) -> list[tuple[str, Wrappers]]:
    out: list[tuple[str, Wrappers]] = []
    for run in runs:
        if isinstance(run, drop):
            continue
        if isinstance(run, (Text, Code, RawHtml)):
            kind = "code" if isinstance(run, Code) else "text"
            out.extend((character, (*around, (kind, ""))) for character in run.text)
        elif isinstance(run, Styled):
            out.extend(_characters(run.children, drop, (*around, ("styled", run.style))))
        elif isinstance(run, Link):
            out.extend(_characters(run.children, drop, (*around, ("link", run.href))))
        elif isinstance(run, (Inserted, Deleted)):
            out.extend(_characters(run.children, drop, around))
        elif isinstance(run, LineBreak):
            out.append(("\n" if run.hard else " ", around))
        elif isinstance(run, (NoteMark, TableNoteMark)):
            out.append((MARK, around))
    return out


def accepted(runs: Runs) -> list[tuple[str, Wrappers]]:
    """The characters of `runs` with every revision accepted, each with the emphasis and links around it."""
    return _characters(runs, Deleted)


def rejected(runs: Runs) -> list[tuple[str, Wrappers]]:
    """The characters of `runs` with every revision rejected."""
    return _characters(runs, Inserted)


def plain(runs: Runs) -> str:
    """The text of `runs` with every revision accepted."""
    return "".join(character for character, _ in accepted(runs))


def older(runs: Runs) -> str:
    """The text of `runs` with every revision rejected."""
    return "".join(character for character, _ in rejected(runs))


def words(runs: Runs, kind: type[Inserted] | type[Deleted]) -> int:
    """The words inside revisions of `kind`, counted as `check` counts words."""
    return count_words(" ".join("".join(character for character, _ in _characters(run.children, Deleted)
                                        if character != MARK)
                                for run in revisions(runs) if isinstance(run, kind)))


# --- words changed -----------------------------------------------------------------------------------


def test_a_changed_word_is_deleted_and_inserted_and_the_rest_is_untouched(old: Path, project: Path) -> None:
    edit(project, ACTION_6, "article 7 remain the main", "article 7 continue to be the main")
    before, after, marked = compare(old, project)
    edited = next(item for item in part(marked, "action-6").items
                  if isinstance(item, NumberedItem) and plain(item.runs).startswith("Reports under"))
    assert isinstance(edited, NumberedItem) and edited.change is None
    assert edited.runs[:4] == (Text("Reports under article 7 "), Deleted((Text("remain"),)),
                               Inserted((Text("continue to be"),)),
                               Text(" the main source of information on implementation. By June 2015, 68 States "
                                    "Parties had submitted their initial report, 80 per cent of those due."))
    assert len(edited.runs) == 4  # its source is the table's note, not a footnote of the paragraph
    # Nothing else is marked: every other item, cell and note is the newer draft's own.
    marked_runs = [runs for runs in outline_runs(marked) if revisions(runs)]
    assert marked_runs == [edited.runs]
    assert changes(marked) == []
    assert accepted(edited.runs) == accepted(next(item.runs for item in part(after, "action-6").items
                                                  if isinstance(item, NumberedItem) and item.number == edited.number))
    assert edited.number == 49 and plain(edited.runs).startswith("Reports under article 7 continue")
    assert REPORTS in plain(next(item.runs for item in part(before, "action-6").items
                                 if isinstance(item, NumberedItem) and item.number == 49))


def test_edits_inside_emphasis_and_links_keep_the_emphasis_and_the_link(old: Path, project: Path) -> None:
    before_text = ("With the support of the ISU, the coordinator produced *a short brochure on reporting* and "
                   "put it on [the website of the Convention](https://www.clusterconvention.org/) for all.")
    after_text = ("With the support of the ISU, the coordinator produced *a short leaflet on reporting* and "
                  "put it on [the new website of the Convention](https://www.clusterconvention.org/) for all.")
    shipped = ("With the support of the ISU, the coordinator produced a brochure on why transparency reporting "
               "matters and on how, when and what to report.")
    edit(old, ACTION_6, shipped, before_text)
    edit(project, ACTION_6, shipped, after_text)
    before, after, marked = compare(old, project)
    [edited] = [item for item in part(marked, "action-6").items if isinstance(item, NumberedItem) and
                revisions(item.runs)]
    assert isinstance(edited, NumberedItem)
    # The changed word sits inside the emphasis, the added word inside the link.
    emphasis = [run for run in edited.runs if isinstance(run, Styled)]
    assert {run.style for run in emphasis} == {"em"}
    emphasised: list[Run] = [child for run in emphasis for child in run.children]  # a redline nests marks in
    assert Deleted((Text("brochure"),)) in emphasised and Inserted((Text("leaflet"),)) in emphasised
    links = [run for run in edited.runs if isinstance(run, Link)]
    assert {run.href for run in links} == {"https://www.clusterconvention.org/"}
    assert [plain(child.children).strip() for run in links for child in run.children
            if isinstance(child, (Inserted, Deleted))] == ["new"]
    # Accepting every change gives the newer paragraph, rejecting them the older, styles and links and all.
    old_item, new_item = (next(item for item in part(outline, "action-6").items
                               if isinstance(item, NumberedItem) and item.number == edited.number)
                          for outline in (before, after))
    assert isinstance(old_item, NumberedItem) and isinstance(new_item, NumberedItem)
    assert accepted(edited.runs) == accepted(new_item.runs)
    assert rejected(edited.runs) == accepted(old_item.runs)
    assert ("l", (("styled", "em"), ("text", ""))) in accepted(edited.runs)
    assert summary(marked, "action-6") == PartChanges("action-6", "Transparency measures", None, 2, 1,
                                                      (part(marked, "action-6").items.index(edited),), ())


def test_a_footnote_edited_is_compared_word_by_word(old: Path, project: Path) -> None:
    edit(project, ACTION_6, "[^followup]: Coordination Committee minutes, 20 November 2019, items 7.3 and 7.5.",
         "[^followup]: Coordination Committee record of the meeting, 20 November 2019, items 7.3 and 7.5.")
    _, after, marked = compare(old, project)
    [note] = [note for note in marked.notes if any(revisions(paragraph) for paragraph in note.paragraphs)]
    assert note.change is None and note.number == 4
    assert note.paragraphs == ((Text("Coordination Committee "), Deleted((Text("minutes,"),)),
                                Inserted((Text("record of the meeting,"),)),
                                Text(" 20 November 2019, items 7.3 and 7.5.")),)
    assert [n.number for n in marked.notes] == [n.number for n in after.notes]
    assert [runs for runs in outline_runs(marked) if revisions(runs)] == [note.paragraphs[0]]
    # The paragraph that marks the note counts as changed, with the words of its note.
    changed = summary(marked, "action-6")
    assert (changed.words_added, changed.words_removed, changed.paragraphs_changed) == (4, 1, 1)
    [index] = changed.items
    item = part(marked, "action-6").items[index]
    assert isinstance(item, NumberedItem) and NoteMark(4) in item.runs
    assert sum(changes.paragraphs_changed for changes in summarise(marked)) == 1


# --- items and rows that come or go --------------------------------------------------------------------


def test_an_added_paragraph_is_inserted_whole_and_a_removed_one_deleted_whole(old: Path, project: Path) -> None:
    edit(project, ACTION_6, REMINDERS, f"{REMINDERS}\n\n{ADDED}")
    edit(project, ACTION_6, f"{MISSING}\n\n", "")
    before, after, marked = compare(old, project)
    items = part(marked, "action-6").items
    whole = [(item.change, plain(item_runs(item)[0]) or older(item_runs(item)[0])) for item in items
             if item.change is not None]
    assert whole == [(INSERTED, ADDED), (DELETED, MISSING)]
    added = next(item for item in items if item.change == INSERTED)
    removed = next(item for item in items if item.change == DELETED)
    assert isinstance(added, NumberedItem) and added.runs == (Inserted((Text(ADDED),)),)
    assert isinstance(removed, NumberedItem) and removed.runs == (Deleted((Text(MISSING),)),)
    # Each stands where it stood in its own draft, between the same neighbours.
    texts = [plain(item_runs(item)[0]) or older(item_runs(item)[0]) for item in items]
    assert texts[texts.index(ADDED) - 1] == REMINDERS
    assert texts[texts.index(MISSING) - 1].startswith("Timely reporting is not yet universal")
    assert texts[texts.index(MISSING) + 1].startswith("Reports alone do not give")
    # The rest is the newer draft, unmarked: the numbers are the newer draft's.
    kept = [item for item in items if item.change is None]
    assert kept == [item for item in part(after, "action-6").items if plain(item_runs(item)[0]) != ADDED]
    assert [runs for runs in outline_runs(marked) if revisions(runs)] == [added.runs, removed.runs]
    assert len(items) == len(part(before, "action-6").items) + 1


def test_a_removed_list_item_is_deleted_whole_and_its_neighbours_are_untouched(old: Path, project: Path) -> None:
    edit(project, INTRODUCTION, STATEMENTS_ITEM, "")
    _, after, marked = compare(old, project)
    subs = [item for item in part(marked, "introduction").items if isinstance(item, SubItem)]
    assert [(item.change, plain(item.runs) or older(item.runs)) for item in subs] == [
        (None, "transparency reports submitted under article 7 of the Convention;"),
        (DELETED, STATEMENTS_ITEM[2:].rstrip("\n")),
        (None, "implementation data collected by the Implementation Support Unit (ISU) since the 1RC;"),
        (None, "the Cluster Munition Monitor."),
    ]
    assert [runs for runs in outline_runs(marked) if revisions(runs)] == [subs[1].runs]
    assert [item for item in subs if item.change is None] == [
        item for item in part(after, "introduction").items if isinstance(item, SubItem)]


def test_a_removed_table_row_is_deleted_whole(old: Path, project: Path) -> None:
    edit(project, ACTION_6, ROW_6_2, "")
    before, after, marked = compare(old, project)
    table, old_table, new_table = (part(outline, "action-6").table for outline in (marked, before, after))
    assert table is not None and old_table is not None and new_table is not None
    assert table.row_changes == (None, DELETED)
    assert table.rows[0] == new_table.rows[0]
    assert table.rows[1] == tuple((Deleted(cell),) if cell else () for cell in old_table.rows[1])
    assert [rejected(cell) for cell in table.rows[1]] == [accepted(cell) for cell in old_table.rows[1]]
    assert [accepted(cell) for cell in table.rows[1]] == [[] for _ in table.rows[1]]
    assert table.number == new_table.number and table.notes == new_table.notes
    changed = summary(marked, "action-6")
    assert changed.rows == (1,) and changed.items == ()
    assert changed.words_removed == sum(count_words(plain(cell)) for cell in old_table.rows[1]) > 20
    assert changed.words_added == 0


def letters(runs: Runs, drop: type[Inserted] | type[Deleted]) -> list[str]:
    """The letters of the table-note marks among `runs`, those inside revisions of kind `drop` left out."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, TableNoteMark):
            out.append(run.letter)
        elif isinstance(run, (Styled, Link, Inserted, Deleted)) and not isinstance(run, drop):
            out.extend(letters(run.children, drop))
    return out


def test_a_table_note_letter_that_changes_is_a_change(old: Path, project: Path) -> None:
    # Found by tests/test_properties_redline.py: removing action 1's first row, which cites notes a-c,
    # makes the second row's note d the newer draft's a. The letters are typed text: rejecting every
    # change must give d back, and the older notes a-d.
    edit(project, UNIVERSALIZATION, ROW_1_1, "")
    before, after, marked = compare(old, project)
    table, old_table, new_table = (part(outline, "action-1").table for outline in (marked, before, after))
    assert table is not None and old_table is not None and new_table is not None
    assert table.row_changes == (DELETED, None)
    current = table.rows[1][3]
    assert [run for run in current if isinstance(run, (Inserted, Deleted))] == [
        Deleted((TableNoteMark("d"),)), Inserted((TableNoteMark("a"),))]
    assert [letters(cell, Inserted) for row in table.rows for cell in row] == [
        letters(cell, Inserted) for row in old_table.rows for cell in row]
    assert [letters(cell, Deleted) for row in table.rows for cell in row if letters(cell, Deleted)] == [["a"]]
    # The notes are matched by letter: the first compared word by word, the others removed.
    assert [(note.letter, note.change) for note in table.notes] == [
        ("a", None), ("b", DELETED), ("c", DELETED), ("d", DELETED)]
    assert [older(note.paragraphs[0]) for note in table.notes] == [plain(note.paragraphs[0])
                                                                   for note in old_table.notes]
    assert [plain(note.paragraphs[0]) for note in table.notes if note.change is None] == [
        plain(note.paragraphs[0]) for note in new_table.notes]


def test_a_removed_section_file_is_a_part_deleted_whole(old: Path, project: Path) -> None:
    (project / NATIONAL).unlink()
    before, after, marked = compare(old, project)
    assert [p.key for p in marked.parts] == [p.key for p in before.parts]
    assert [p.key for p in after.parts] == [p.key for p in before.parts if p.key != "action-7"]
    gone, was = part(marked, "action-7"), part(before, "action-7")
    assert gone.change == DELETED and gone.title == was.title
    assert {item.change for item in gone.items} == {DELETED}
    assert [rejected(runs) for item in gone.items for runs in item_runs(item)] == [
        accepted(runs) for item in was.items for runs in item_runs(item)]
    assert all(accepted(runs) == [] for item in gone.items for runs in item_runs(item))
    assert gone.table is not None and set(gone.table.row_changes) == {DELETED}
    assert [p.change for p in marked.parts if p.key != "action-7"] == [None] * len(after.parts)
    # Its footnotes are removed too, numbered after the newer draft's so that no number is used twice.
    removed = [note for note in marked.notes if note.change == DELETED]
    assert len(removed) == len({mark for item in was.items for runs in item_runs(item) for mark in runs
                                if isinstance(mark, NoteMark)}) > 0
    assert [note.number for note in marked.notes] == list(range(1, len(after.notes) + len(removed) + 1))
    changed = summary(marked, "action-7")
    assert changed.change == DELETED and changed.words_added == 0
    assert changed.paragraphs_changed == len(was.items) + len(gone.table.rows)


# --- nothing changed -----------------------------------------------------------------------------------


def test_identical_drafts_give_the_newer_outline_unmarked_and_a_summary_of_zeros(old: Path, project: Path) -> None:
    before, after, marked = compare(old, project)
    assert before == after  # two copies of the same project
    assert all(revisions(runs) == [] for runs in outline_runs(marked))
    assert changes(marked) == []
    # Row by row "unchanged" is all a redline adds to the outline.
    assert replace(marked, parts=tuple(replace(p, table=replace(p.table, row_changes=()) if p.table else None)
                                       for p in marked.parts)) == after
    assert summarise(marked) == tuple(PartChanges(p.key, p.title, None, 0, 0, (), ()) for p in after.parts)


# --- the summary ---------------------------------------------------------------------------------------


def test_summarise_counts_exactly_the_words_inserted_and_deleted(old: Path, project: Path) -> None:
    edit(project, ACTION_6, "article 7 remain the main", "article 7 continue to be the main")
    edit(project, ACTION_6, REMINDERS, f"{REMINDERS}\n\n{ADDED}")
    edit(project, ACTION_6, f"{MISSING}\n\n", "")
    edit(project, ACTION_6, ROW_6_2, "")
    edit(project, INTRODUCTION, STATEMENTS_ITEM, "")
    edit(project, "sections/08-general-status.md", "met every year in", "met each year, as before, in")
    (project / NATIONAL).unlink()
    before, _, marked = compare(old, project)
    by_key = {changes.key: changes for changes in summarise(marked)}
    for p in marked.parts:
        every = [runs for item in p.items for runs in item_runs(item)]
        if p.table is not None:
            every += [cell for row in p.table.rows for cell in row]
            every += [paragraph for note in p.table.notes for paragraph in note.paragraphs]
        notes = {mark.number for runs in every for mark in flat(runs) if isinstance(mark, NoteMark)}
        every += [paragraph for note in marked.notes if note.number in notes for paragraph in note.paragraphs]
        assert (by_key[p.key].words_added, by_key[p.key].words_removed) == (
            sum(words(runs, Inserted) for runs in every), sum(words(runs, Deleted) for runs in every)), p.key
    old_table = part(before, "action-6").table
    assert old_table is not None
    row_words = sum(count_words(plain(cell)) for cell in old_table.rows[1])
    assert (by_key["action-6"].words_added, by_key["action-6"].words_removed) == (
        3 + count_words(ADDED), 1 + count_words(MISSING) + row_words)
    assert (by_key["general-status"].words_added, by_key["general-status"].words_removed) == (4, 2)
    assert by_key["introduction"].words_removed == count_words(STATEMENTS_ITEM[2:]) and \
        by_key["introduction"].words_added == 0
    assert by_key["action-7"].words_removed > 300
    unchanged = [changes for changes in summarise(marked)
                 if changes.key not in ("action-6", "general-status", "introduction", "action-7")]
    assert unchanged and all(changes == PartChanges(changes.key, changes.title, None, 0, 0, (), ())
                             for changes in unchanged)


# --- titles and captions -----------------------------------------------------------------------------


def test_a_renamed_part_has_its_title_and_caption_compared_word_by_word(old: Path, project: Path) -> None:
    edit(project, ACTION_6, "status: final\n", "status: final\ntitle: Reporting and transparency\n")
    before, after, marked = compare(old, project)
    renamed, was, now = (part(outline, "action-6") for outline in (marked, before, after))
    assert (was.title, now.title, renamed.title) == ("Transparency measures", "Reporting and transparency",
                                                     "Reporting and transparency")
    assert renamed.change is None and revisions(renamed.title_runs)
    assert (plain(renamed.title_runs), older(renamed.title_runs)) == (now.title, was.title)
    assert renamed.table is not None and was.table is not None and now.table is not None
    # The caption's second line is compared; its label, the same number, is not.
    assert (plain(renamed.table.title_runs), older(renamed.table.title_runs)) == (now.table.title, was.table.title)
    assert renamed.table.label_runs == ()
    # The title's words are the part's only change; the caption repeats them and is not counted twice.
    assert [runs for runs in outline_runs(marked) if revisions(runs)] == []
    assert summary(marked, "action-6") == PartChanges("action-6", now.title, None, 3, 2, (), ())
    assert [p.title_runs for p in marked.parts if p.key != "action-6"] == [()] * (len(marked.parts) - 1)


def test_a_removed_part_marks_the_new_numbers_of_the_captions_after_it(old: Path, project: Path) -> None:
    (project / "sections" / "04-victim-assistance.md").unlink()
    before, after, marked = compare(old, project)
    tables = {p.key: p.table for p in marked.parts if p.table is not None}
    old_tables = {p.key: p.table for p in before.parts if p.table is not None}
    new_tables = {p.key: p.table for p in after.parts if p.table is not None}
    assert tables["action-4"].change == DELETED and tables["action-4"].label_runs == ()
    for key in ("action-5", "action-6", "action-7"):
        assert tables[key].change is None
        # The label's number changes ("Table 5" becoming "Table 4"); the title under it does not.
        assert older(tables[key].label_runs) == old_tables[key].label
        assert plain(tables[key].label_runs) == new_tables[key].label != old_tables[key].label
        assert tables[key].title_runs == ()
    assert all(tables[key].label_runs == () for key in ("action-1", "action-2", "action-3"))
    # A caption's number is the newer draft's layout, not a change of the part's own.
    assert [summary(marked, key).words_added for key in ("action-5", "action-6", "action-7")] == [0, 0, 0]


# --- narrative tables ------------------------------------------------------------------------------

GRID = ("| Year | Source |\n|---|---|\n| 2019 | [the Monitor](https://www.the-monitor.org/)[^grid] |\n\n"
        "## Gaps and challenges\n")
GRID_NOTE = "[^grid]: Cluster Munition Monitor 2019, table 3.\n"


def with_grid(project: Path) -> None:
    """Give the general status a narrative table, with a link and a footnote in a cell."""
    edit(project, GENERAL_STATUS, "## Gaps and challenges\n", GRID)
    path = project / GENERAL_STATUS
    path.write_text(path.read_text(encoding="utf-8") + GRID_NOTE, encoding="utf-8")


def test_a_narrative_table_stays_unchanged_when_the_text_above_it_moves(old: Path, project: Path) -> None:
    with_grid(old)
    with_grid(project)
    # A paragraph with a footnote above the table: its link's line and its footnote's number move.
    edit(project, GENERAL_STATUS, "## Meetings and coordination\n",
         f"## Meetings and coordination\n\n{ADDED}[^phone]\n")
    path = project / GENERAL_STATUS
    path.write_text(path.read_text(encoding="utf-8") + "[^phone]: Records of the ISU.\n", encoding="utf-8")
    _, after, marked = compare(old, project)
    [grid] = [item for item in part(marked, "general-status").items if isinstance(item, GridItem)]
    assert grid.change is None and all(revisions(runs) == [] for runs in item_runs(grid))
    assert [accepted(runs) for runs in item_runs(grid)] == [
        accepted(runs) for item in part(after, "general-status").items if isinstance(item, GridItem)
        for runs in item_runs(item)]
    changed = summary(marked, "general-status")
    added_note = count_words("Records of the ISU.")
    assert (changed.words_added, changed.words_removed, changed.paragraphs_changed) == (
        count_words(ADDED) + added_note, 0, 1)


def test_the_footnotes_of_an_unchanged_narrative_table_are_kept(old: Path, project: Path) -> None:
    with_grid(old)
    with_grid(project)
    _, after, marked = compare(old, project)
    assert marked.notes == after.notes
    assert changes(marked) == [] and all(revisions(runs) == [] for runs in outline_runs(marked))


# --- charts ----------------------------------------------------------------------------------------


def charts_of(outline: Outline, key: str = "action-7") -> list[Chart]:
    return list(part(outline, key).charts)


def test_an_unchanged_chart_is_not_marked(old: Path, project: Path) -> None:
    for draft in (old, project):
        add_chart(draft, NATIONAL)
    _, after, marked = compare(old, project)
    assert charts_of(marked) == charts_of(after) and charts_of(marked)[0].change is None
    assert summary(marked, "action-7").figures_changed == 0


@pytest.mark.parametrize("newer", [
    {"data": CHART_DATA.replace("2018,55,", "2018,57,")},   # a figure corrected in data/
    {"kind": "bar"},                                          # drawn otherwise
    {"title": "National implementation measures, 2016-2019"},  # a new title
])
def test_a_chart_whose_figures_or_settings_changed_is_removed_and_added_whole(
        old: Path, project: Path, newer: dict[str, str]) -> None:
    add_chart(old, NATIONAL)
    add_chart(project, NATIONAL, **newer)
    before, after, marked = compare(old, project)
    was, now = charts_of(before)[0], charts_of(after)[0]
    # The older picture first, then the newer: rejecting keeps the one, accepting the other.
    assert charts_of(marked) == [replace(was, change=DELETED), replace(now, change=INSERTED)]
    changed = summary(marked, "action-7")
    assert changed.figures_changed == 1 and changed.paragraphs_changed == 0
    assert changed.words_removed == count_words(was.label) + count_words(was.title) + count_words(was.source)
    assert changed.words_added == count_words(now.label) + count_words(now.title) + count_words(now.source)
    assert [summary(marked, p.key).figures_changed for p in marked.parts if p.key != "action-7"] == [0] * (
        len(marked.parts) - 1)


def test_a_chart_added_or_removed_is_marked_whole(old: Path, project: Path) -> None:
    add_chart(project, NATIONAL)
    _, after, marked = compare(old, project)
    assert charts_of(marked) == [replace(charts_of(after)[0], change=INSERTED)]
    assert summary(marked, "action-7").figures_changed == 1
    backwards = redline(after, outline_of(old))
    assert [chart.change for chart in charts_of(backwards)] == [DELETED]
    assert summary(backwards, "action-7").figures_changed == 1


def test_the_charts_of_a_removed_part_are_removed_with_it(old: Path, project: Path) -> None:
    add_chart(old, NATIONAL)
    (project / NATIONAL).unlink()
    _, _, marked = compare(old, project)
    assert [chart.change for chart in charts_of(marked)] == [DELETED]
    assert summary(marked, "action-7").figures_changed == 1


def test_a_chart_renumbered_has_only_its_label_marked(old: Path, project: Path) -> None:
    add_chart(old, ACTION_6, title="Reports received, 2016-2019")
    for draft in (old, project):
        add_chart(draft, NATIONAL)
    before, after, marked = compare(old, project)
    chart = charts_of(marked)[0]
    assert chart.change is None and charts_of(before)[0].number == charts_of(after)[0].number + 1
    assert older(chart.label_runs) == charts_of(before)[0].label
    assert plain(chart.label_runs) == charts_of(after)[0].label
    assert summary(marked, "action-7").figures_changed == 0
    assert [c.change for c in charts_of(marked, "action-6")] == [DELETED]
