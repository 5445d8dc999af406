"""Two outlines -> one: the newer draft with what changed since the older marked as revisions.

Parts are matched by key, items by their text (difflib), table rows by their first cell, notes by
the place of their mark. A matched pair that differs is compared word by word: what only the
new draft has becomes `Inserted` runs, what only the old one had `Deleted` runs; an item, row,
note or part that only one draft has is marked whole (`change`). A chart is a picture: one whose
figures or settings changed is shown removed and added whole. Accepting every revision gives
the newer draft's text, rejecting every one the older's. Numbers (paragraphs, tables, notes) are
the newer draft's; what was removed keeps no number of its own.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from ccm_review.layout.run_text import flat, plain
from ccm_review.layout.run_tokens import Token, rebuild, tokenise
from ccm_review.model.narrative import Link, Styled, Text
from ccm_review.model.outline import (
    DELETED,
    INSERTED,
    Chart,
    CodeItem,
    GridItem,
    IndicatorTable,
    Item,
    Note,
    NoteMark,
    Outline,
    PartPlan,
    Run,
    Runs,
    TableNote,
    TableNoteMark,
)
from ccm_review.model.record import replace


def redline(old: Outline, new: Outline) -> Outline:
    """Return `new` with every change since `old` marked as a revision."""
    return _Merger(old, new).outline()


class _Merger:
    """Carries the notes of both drafts while their parts are compared."""

    def __init__(self, old: Outline, new: Outline) -> None:
        self.old, self.new = old, new
        self._old_notes = {note.number: note for note in old.notes}
        self._new_notes = {note.number: note for note in new.notes}
        self.notes: dict[int, Note] = {}
        # A removed note is numbered after the new draft's notes: old number -> number in the redline.
        self._removed: dict[int, int] = {}
        self._next_removed = len(new.notes)

    def outline(self) -> Outline:
        old_parts = {part.key: part for part in self.old.parts}
        new_keys = [part.key for part in self.new.parts]
        parts: list[PartPlan] = []
        matcher = SequenceMatcher(None, [part.key for part in self.old.parts], new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            for part in self.old.parts[i1:i2] if tag in ("delete", "replace") else ():
                if part.key not in new_keys:
                    parts.append(self._whole_part(part, DELETED))
            for part in self.new.parts[j1:j2]:
                if tag == "equal" or part.key in old_parts:
                    parts.append(self._part(old_parts[part.key], part))
                else:
                    parts.append(self._whole_part(part, INSERTED))
        notes = tuple(self.notes[number] for number in sorted(self.notes))
        return Outline(self.new.masthead, tuple(parts), notes)

    # --- parts ----------------------------------------------------------------------------------

    def _part(self, old: PartPlan, new: PartPlan) -> PartPlan:
        table = self._table(old.table, new.table)
        items = self._items(old.items, new.items)
        # A part renamed (its `title:`) keeps its key: the title is compared word by word, as text is.
        title = self._runs((Text(old.title),), (Text(new.title),)) if old.title != new.title else ()
        return replace(new, title_runs=title, table=table, items=tuple(items), charts=self._charts(old.charts,
                                                                                                  new.charts))

    def _whole_part(self, part: PartPlan, change: str) -> PartPlan:
        table = self._whole_table(part.table, change) if part.table else None
        items = tuple(self._whole_item(item, change) for item in part.items)
        charts = tuple(replace(chart, change=change) for chart in part.charts)
        return replace(part, table=table, items=items, change=change, charts=charts)

    # --- charts ---------------------------------------------------------------------------------

    def _charts(self, old: tuple[Chart, ...], new: tuple[Chart, ...]) -> tuple[Chart, ...]:
        """The charts of a part in both drafts: the same picture kept, any other removed and added whole.

        A picture cannot be compared word by word: one whose points, kind, title, description or
        source changed is the older picture deleted and the newer inserted, in that order.
        """
        out: list[Chart] = []
        matcher = SequenceMatcher(None, [_chart_key(chart) for chart in old], [_chart_key(chart) for chart in new],
                                  autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                    # The same chart renumbered ("Figure 2" now "Figure 1"): only its label changed.
                    label = (self._runs((Text(before.label),), (Text(after.label),))
                             if before.number != after.number else ())
                    out.append(replace(after, label_runs=label))
                continue
            out.extend(replace(chart, change=DELETED) for chart in old[i1:i2])
            out.extend(replace(chart, change=INSERTED) for chart in new[j1:j2])
        return tuple(out)

    # --- items ----------------------------------------------------------------------------------

    def _items(self, old: tuple[Item, ...], new: tuple[Item, ...]) -> list[Item]:
        out: list[Item] = []
        matcher = SequenceMatcher(None, [_signature(item) for item in old], [_signature(item) for item in new],
                                  autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.extend(self._pair(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
                continue
            gone, come = list(old[i1:i2]), list(new[j1:j2])
            # Items of the same kind at the same place are the same item, edited (a grid or code block
            # edited is shown removed and added whole).
            while gone and come and type(gone[0]) is type(come[0]) and not isinstance(come[0], (GridItem, CodeItem)):
                out.append(self._pair(gone.pop(0), come.pop(0)))
            out.extend(self._whole_item(item, DELETED) for item in gone)
            out.extend(self._whole_item(item, INSERTED) for item in come)
        return out

    def _pair(self, old: Item, new: Item) -> Item:
        if isinstance(old, GridItem) and isinstance(new, GridItem):
            # The same grid in both drafts (their signatures are equal), cell for cell: compared all
            # the same, so that the footnotes its cells mark are carried over.
            header = tuple(self._runs(a, b) for a, b in zip(old.header, new.header, strict=True))
            rows = tuple(tuple(self._runs(a, b) for a, b in zip(x, y, strict=True))
                         for x, y in zip(old.rows, new.rows, strict=True))
            return replace(new, header=header, rows=rows)
        if isinstance(old, (GridItem, CodeItem)) or isinstance(new, (GridItem, CodeItem)):
            return new  # the same code block in both drafts: their signatures are equal
        return replace(new, runs=self._runs(old.runs, new.runs))

    def _whole_item(self, item: Item, change: str) -> Item:
        if isinstance(item, GridItem):
            header = tuple(self._whole_runs(cell, change) for cell in item.header)
            rows = tuple(tuple(self._whole_runs(cell, change) for cell in row) for row in item.rows)
            return replace(item, header=header, rows=rows, change=change)
        if isinstance(item, CodeItem):
            return replace(item, change=change)
        return replace(item, runs=self._whole_runs(item.runs, change), change=change)

    # --- tables ---------------------------------------------------------------------------------

    def _table(self, old: IndicatorTable | None, new: IndicatorTable | None) -> IndicatorTable | None:
        if new is None:
            return None if old is None else self._whole_table(old, DELETED)
        if old is None:
            return self._whole_table(new, INSERTED)
        old_rows = [_row_in(old, new, row) for row in old.rows]
        matcher = SequenceMatcher(None, [_row_key(row) for row in old_rows], [_row_key(row) for row in new.rows],
                                  autojunk=False)
        rows: list[tuple[Runs, ...]] = []
        changes: list[str | None] = []
        locations: list[Any] = []
        cells: list[Any] = []
        for _, i1, i2, j1, j2 in matcher.get_opcodes():
            gone, come = list(range(i1, i2)), list(range(j1, j2))
            while gone and come:
                a, b = gone.pop(0), come.pop(0)
                rows.append(tuple(self._runs(x, y, table=True) for x, y in zip(old_rows[a], new.rows[b], strict=True)))
                changes.append(None)
                locations.append(_at(new.row_locations, b))
                cells.append(_at(new.cell_locations, b))
            for a in gone:
                rows.append(tuple(self._whole_runs(cell, DELETED, table=True) for cell in old_rows[a]))
                changes.append(DELETED)
                locations.append(_at(old.row_locations, a))
                cells.append(_at(old.cell_locations, a))
            for b in come:
                rows.append(tuple(self._whole_runs(cell, INSERTED, table=True) for cell in new.rows[b]))
                changes.append(INSERTED)
                locations.append(_at(new.row_locations, b))
                cells.append(_at(new.cell_locations, b))
        notes = self._table_notes(old.notes, new.notes)
        # The caption is typed text: a new number ("Table 5" becoming "Table 4" when a part before it
        # is removed) or title is marked, line by line, so that rejecting every change gives the older
        # caption.
        label = self._runs((Text(old.label),), (Text(new.label),)) if old.label != new.label else ()
        title = self._runs((Text(old.title),), (Text(new.title),)) if old.title != new.title else ()
        return replace(new, rows=tuple(rows), notes=notes, row_changes=tuple(changes), label_runs=label,
                       title_runs=title, row_locations=tuple(locations) if all(locations) else (),
                       cell_locations=tuple(cells) if all(cell is not None for cell in cells) else ())

    def _whole_table(self, table: IndicatorTable, change: str) -> IndicatorTable:
        rows = tuple(tuple(self._whole_runs(cell, change, table=True) for cell in row) for row in table.rows)
        notes = tuple(replace(note, paragraphs=tuple(self._whole_runs(p, change) for p in note.paragraphs),
                              change=change) for note in table.notes)
        return replace(table, rows=rows, notes=notes, row_changes=(change,) * len(rows), change=change)

    def _table_notes(self, old: tuple[TableNote, ...], new: tuple[TableNote, ...]) -> tuple[TableNote, ...]:
        by_letter = {note.letter: note for note in old}
        out: list[TableNote] = []
        for note in new:
            before = by_letter.pop(note.letter, None)
            if before is None:
                out.append(replace(note, paragraphs=tuple(self._whole_runs(p, INSERTED) for p in note.paragraphs),
                                   change=INSERTED))
            else:
                out.append(replace(note, paragraphs=self._paragraphs(before.paragraphs, note.paragraphs)))
        out.extend(replace(note, paragraphs=tuple(self._whole_runs(p, DELETED) for p in note.paragraphs),
                           change=DELETED) for note in by_letter.values())
        return tuple(out)

    # --- runs -----------------------------------------------------------------------------------

    def _runs(self, old: Runs, new: Runs, table: bool = False) -> Runs:
        a, b = tokenise(old), tokenise(new)
        out: list[Run] = []
        matcher = SequenceMatcher(None, [token.key for token in a], [token.key for token in b], autojunk=False)
        opcodes = matcher.get_opcodes()
        if all(tag == "equal" for tag, *_ in opcodes):
            # Nothing changed: the newer runs as they are (a cited figure is a run of its own), and
            # their notes paired with the older ones.
            for x, y in zip(a, b, strict=True):
                self._notes_of(x, y, table)
            return new
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                    self._notes_of(x, y, table)
                out.extend(rebuild(b[j1:j2], None))
                continue
            for token in a[i1:i2]:
                self._notes_of(token, None, table)
            for token in b[j1:j2]:
                self._notes_of(None, token, table)
            out.extend(rebuild([self._renumbered(token) for token in a[i1:i2]], DELETED))
            out.extend(rebuild(b[j1:j2], INSERTED))
        return tuple(out)

    def _whole_runs(self, runs: Runs, change: str, table: bool = False) -> Runs:
        tokens = tokenise(runs)
        for token in tokens:
            if change == DELETED:
                self._notes_of(token, None, table)
            else:
                self._notes_of(None, token, table)
        if change == DELETED:
            tokens = [self._renumbered(token) for token in tokens]
        return tuple(rebuild(tokens, change))

    def _paragraphs(self, old: tuple[Runs, ...], new: tuple[Runs, ...]) -> tuple[Runs, ...]:
        out = [self._runs(a, b) for a, b in zip(old, new, strict=False)]
        out.extend(self._whole_runs(p, DELETED) for p in old[len(new):])
        out.extend(self._whole_runs(p, INSERTED) for p in new[len(old):])
        return tuple(out)

    # --- footnotes ------------------------------------------------------------------------------

    def _notes_of(self, old: Token | None, new: Token | None, table: bool) -> None:
        """Record the merged footnote behind a note mark that stays, comes or goes."""
        if table:
            return  # table notes are compared with their table
        old_note = self._old_notes.get(int(old.text)) if old is not None and old.kind == "note" else None
        new_note = self._new_notes.get(int(new.text)) if new is not None and new.kind == "note" else None
        if new_note is not None and old_note is not None:
            self.notes[new_note.number] = replace(new_note, paragraphs=self._paragraphs(old_note.paragraphs,
                                                                                        new_note.paragraphs))
        elif new_note is not None:
            self.notes[new_note.number] = replace(
                new_note, paragraphs=tuple(self._whole_runs(p, INSERTED) for p in new_note.paragraphs), change=INSERTED)
        elif old_note is not None and old_note.number not in self._removed:
            self._next_removed += 1
            self._removed[old_note.number] = self._next_removed
            self.notes[self._next_removed] = replace(
                old_note, number=self._next_removed,
                paragraphs=tuple(self._whole_runs(p, DELETED) for p in old_note.paragraphs), change=DELETED)

    def _renumbered(self, token: Token) -> Token:
        if token.kind == "note" and int(token.text) in self._removed:
            number = self._removed[int(token.text)]
            return replace(token, text=str(number), run=NoteMark(number))
        return token


def _signature(item: Item) -> tuple[str, str]:
    """What makes two items the same when nothing in them changed."""
    if isinstance(item, GridItem):
        # Cell by cell, as a paragraph's text: not the runs' repr, which holds the source line of a
        # link and the number of a footnote, both of which move when text above the grid changes.
        return ("grid", repr([[_content(cell) for cell in row] for row in (item.header, *item.rows)]))
    if isinstance(item, CodeItem):
        return ("code", item.text)
    # Labels ("(b)", "B.") are the newer draft's numbering, as numbers are: an item that moves up a
    # letter when one before it is removed is still the same item.
    shape = type(item).__name__ + repr((getattr(item, "depth", None), getattr(item, "quote", None)))
    return (shape, _content(item.runs))


def _content(runs: Runs) -> str:
    """The text of `runs`, which marks they hold and their emphasis and links (no numbers, no places)."""
    marks = tuple(type(run).__name__ for run in flat(runs) if isinstance(run, (NoteMark, TableNoteMark)))
    return plain(runs) + repr(marks) + repr(
        [(r.style if isinstance(r, Styled) else r.href) for r in flat(runs) if isinstance(r, (Styled, Link))])


def _chart_key(chart: Chart) -> tuple[Any, ...]:
    """What makes two charts the same picture: all but the number and the source line they come from."""
    return (chart.kind, chart.title, chart.description, chart.points, chart.source)


def _row_key(row: tuple[Runs, ...]) -> str:
    return plain(row[0]) if row else ""


def _row_in(old: IndicatorTable, new: IndicatorTable, row: tuple[Runs, ...]) -> tuple[Runs, ...]:
    """An old row laid out in the new table's columns (a column the old table lacked is empty)."""
    if [column.key for column in old.columns] == [column.key for column in new.columns]:
        return row
    by_key = {column.key: cell for column, cell in zip(old.columns, row, strict=True)}
    return tuple(by_key.get(column.key, ()) for column in new.columns)


def _at(values: tuple[Any, ...], index: int) -> Any:
    return values[index] if index < len(values) else None
