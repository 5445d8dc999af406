"""What a redline outline changed, part by part: words added and removed, items, rows and charts."""

from __future__ import annotations

from dataclasses import dataclass

from ccm_review.analyse.text import count_words
from ccm_review.layout.run_text import flat, plain
from ccm_review.model.narrative import Link, Styled
from ccm_review.model.outline import (
    DELETED,
    INSERTED,
    Chart,
    CodeItem,
    Deleted,
    GridItem,
    Inserted,
    Item,
    Note,
    NoteMark,
    Outline,
    Runs,
)


@dataclass(frozen=True)
class PartChanges:
    """What changed in one part: words added and removed, the items and rows that changed."""

    key: str
    title: str
    change: str | None
    words_added: int
    words_removed: int
    items: tuple[int, ...]  # indexes into the part's items
    rows: tuple[int, ...]  # indexes into its table's rows
    figures_added: int = 0  # charts added whole (a chart whose figures changed is added and removed)
    figures_removed: int = 0

    @property
    def paragraphs_changed(self) -> int:
        """Items and rows that changed."""
        return len(self.items) + len(self.rows)

    @property
    def figures_changed(self) -> int:
        """Charts that changed: a chart redrawn, added or removed counts once."""
        return max(self.figures_added, self.figures_removed)


def summarise(outline: Outline) -> tuple[PartChanges, ...]:
    """Return what changed in each part of a redline outline, in print order (unchanged parts too)."""
    notes = {note.number: note for note in outline.notes}
    out: list[PartChanges] = []
    for part in outline.parts:
        # A new title counts once, in the heading (the caption repeats it, and a caption's new number
        # is no change of the part's own).
        added, removed = _words(part.title_runs, Inserted), _words(part.title_runs, Deleted)
        changed_items: list[int] = []
        for index, item in enumerate(part.items):
            plus, minus = _item_words(item, notes)
            if plus or minus or item.change:
                changed_items.append(index)
            added, removed = added + plus, removed + minus
        changed_rows: list[int] = []
        if part.table is not None:
            changes = part.table.row_changes or (None,) * len(part.table.rows)
            for index, (row, change) in enumerate(zip(part.table.rows, changes, strict=True)):
                plus = sum(_words(cell, Inserted) for cell in row)
                minus = sum(_words(cell, Deleted) for cell in row)
                if plus or minus or change:
                    changed_rows.append(index)
                added, removed = added + plus, removed + minus
            for table_note in part.table.notes:
                added += sum(_words(paragraph, Inserted) for paragraph in table_note.paragraphs)
                removed += sum(_words(paragraph, Deleted) for paragraph in table_note.paragraphs)
        for chart in part.charts:
            # Its caption and source line are words of the document (the picture has none).
            added += _words(chart.label_runs, Inserted) + (_chart_words(chart) if chart.change == INSERTED else 0)
            removed += _words(chart.label_runs, Deleted) + (_chart_words(chart) if chart.change == DELETED else 0)
        out.append(PartChanges(part.key, part.title, part.change, added, removed, tuple(changed_items),
                               tuple(changed_rows), sum(chart.change == INSERTED for chart in part.charts),
                               sum(chart.change == DELETED for chart in part.charts)))
    return tuple(out)


def _chart_words(chart: Chart) -> int:
    return count_words(chart.label) + count_words(chart.title) + count_words(chart.source)


def note_parts(outline: Outline) -> dict[int, int]:
    """Return, for each footnote number, the index of the part whose text marks it (first mark wins)."""
    owners: dict[int, int] = {}
    for index, part in enumerate(outline.parts):
        for item in part.items:
            for runs in _item_runs(item):
                for run in flat(runs):
                    if isinstance(run, NoteMark):
                        owners.setdefault(run.number, index)
    return owners


def _item_words(item: Item, notes: dict[int, Note]) -> tuple[int, int]:
    """Words an item adds and removes, with those of the notes it marks."""
    runs = _item_runs(item)
    plus = sum(_words(cell, Inserted) for cell in runs)
    minus = sum(_words(cell, Deleted) for cell in runs)
    for mark in (run for cell in runs for run in flat(cell) if isinstance(run, NoteMark)):
        note = notes.get(mark.number)
        if note is not None:
            plus += sum(_words(paragraph, Inserted) for paragraph in note.paragraphs)
            minus += sum(_words(paragraph, Deleted) for paragraph in note.paragraphs)
    return plus, minus


def _item_runs(item: Item) -> tuple[Runs, ...]:
    if isinstance(item, GridItem):
        return (*item.header, *(cell for row in item.rows for cell in row))
    if isinstance(item, CodeItem):
        return ()
    return (item.runs,)


def _words(runs: Runs, kind: type[Inserted] | type[Deleted]) -> int:
    """Words inside revisions of `kind` (Inserted or Deleted) among `runs`."""
    total = 0
    for run in runs:
        if isinstance(run, (Inserted, Deleted)):
            total += count_words(plain(run.children)) if isinstance(run, kind) else 0
        elif isinstance(run, (Styled, Link)):
            total += _words(run.children, kind)
    return total
