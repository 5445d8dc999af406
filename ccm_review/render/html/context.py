"""The declared context of templates/review.html.j2: the outline's own objects, plus what HTML adds.

The page template reads the outline's fields directly (a part's numeral and title, a column's
header, a paragraph's number); a `Shown` wraps each object only to add the HTML it needs besides:
its runs as escaped fragments (`html`), ids and back-links of notes, a heading's level. Strings are
authors' text, escaped by the template (autoescape); `Markup` values are fragments that
`render.html.runs` built and escaped already. Which tags wrap them is the template's choice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from ccm_review import __version__
from ccm_review.layout.labels import printed_date
from ccm_review.model.narrative import Text
from ccm_review.model.outline import (
    DELETED,
    Chart,
    CodeItem,
    GridItem,
    HeadingItem,
    IndicatorTable,
    Item,
    Note,
    NumberedItem,
    Outline,
    PartPlan,
    Run,
    TableNote,
    tracked,
)
from ccm_review.model.record import Record
from ccm_review.render.chart import chart_svg
from ccm_review.render.html.runs import Changes, TableMarks, first_reference_id, render_runs, table_note_id


class Shown:
    """An object of the outline as the page template sees it: its own fields, with `extra` ones over them.

    The fields are taken over whole (not named one by one), so a field added to the outline
    reaches the template as it is; they are held as plain attributes because the template reads
    them thousands of times, and a lookup through `__getattr__` made the page twice as slow.
    """

    def __init__(self, of: object, **extra: Any) -> None:
        if isinstance(of, Record):  # the outline's records keep their fields in slots, not a __dict__
            self.__dict__.update({name: getattr(of, name) for name in of.__slots__})
        else:
            self.__dict__.update(vars(of))
        self.__dict__.update(extra)


def make_page(outline: Outline, stamp: datetime, redline: bool = False) -> dict[str, Any]:
    """Return the template context of `outline`; `stamp` becomes the page's modification date.

    For a `redline`, every insertion and deletion gets an id ("change-N") and `redline` lists, part
    by part, the words added and removed, the paragraphs changed and the ids of their changes.
    """
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)  # a naive stamp must not depend on the machine's zone
    masthead = outline.masthead
    changes = Changes() if redline else None
    parts: list[Shown] = []
    links: list[list[str]] = []
    for part in outline.parts:
        parts.append(_part(part, changes))
        if changes is not None:
            links.append([part.anchor, *changes.ids] if part.change or part.title_runs else list(changes.ids))
            changes.ids.clear()
    if changes is not None:
        # Only a redline reads this; a plain build does not import it.
        from ccm_review.layout.change_summary import note_parts, summarise
    # A footnote's changes are listed with the part that marks it (the notes are printed after every part).
    owners = note_parts(outline) if changes is not None else {}
    notes: list[Shown] = []
    for note in outline.notes:
        notes.append(_note(note, changes))
        if changes is not None:
            if changes.ids and note.number in owners:
                links[owners[note.number]].extend(changes.ids)
            changes.ids.clear()
    summary = None
    if changes is not None:
        summary = tuple(Shown(part, changes=tuple(ids), paragraphs_changed=part.paragraphs_changed,
                              figures_changed=part.figures_changed)
                        for part, ids in zip(summarise(outline), links, strict=True))
    return {
        "masthead": Shown(masthead, date=printed_date(masthead.date), language=masthead.language or "en"),
        "parts": tuple(parts),
        "notes": tuple(notes),
        "modified": stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generator": f"ccm-review {__version__}",
        "redline": summary,
        "draft": outline.draft,
    }


def _part(part: PartPlan, changes: Changes | None) -> Shown:
    # In print order (table, charts, items), so that the ids of a redline's changes follow the page.
    table = _table(part.table, changes) if part.table else None
    charts = tuple(_chart(chart, changes) for chart in part.charts)
    items = tuple(_item(item, changes) for item in part.items)
    if part.title_runs:  # a new title: printed twice too, linked to by the part's anchor
        return Shown(part, title=render_runs(part.title_runs), table=table, items=items, charts=charts)
    if part.change is None:
        return Shown(part, table=table, items=items, charts=charts)
    # A part added or removed whole: its title is marked as its text is. The title is printed twice
    # (contents and heading), so its mark has no id: the summary links to the part itself.
    title = render_runs((_marked(part.title, part.change),))
    return Shown(part, title=title, table=table, items=items, charts=charts)


def _chart(chart: Chart, changes: Changes | None = None) -> Shown:
    """A chart with its id ("figure-N"), its caption's label and title, and drawing (an SVG fragment whose
    text is escaped).

    In a redline, a chart added or removed has its caption and source line marked as inserted or
    deleted text (named for screen readers, linked from the summary) and its `change` for the page
    to mark the drawing; a removed chart's id is "figure-N-deleted", N being the older draft's number.
    """
    chart_id = f"figure-{chart.number}" + ("-deleted" if chart.change == DELETED else "")
    label: str | Markup = chart.label
    title: str | Markup = chart.title
    source: str | Markup = chart.source
    if chart.label_runs:
        label = render_runs(chart.label_runs, changes=changes)
    elif chart.change is not None:
        label = render_runs((_marked(chart.label, chart.change),), changes=changes)
        title = render_runs((_marked(chart.title, chart.change),), changes=changes)
        if chart.source:
            source = render_runs((_marked(chart.source, chart.change),), changes=changes)
    return Shown(chart, id=chart_id, label=label, title=title, source=source, svg=Markup(chart_svg(chart, chart_id)))


def _marked(text: str, change: str) -> Run:
    return tracked((Text(text),), change)


def _table(table: IndicatorTable, changes: Changes | None) -> Shown:
    table_id = f"table-{table.number}"
    if table.change == DELETED:  # its number is the older draft's, perhaps a newer table's too
        table_id += "-deleted"
    # One counter for the whole table, in reading order: a letter cited twice gets two ids.
    marks = TableMarks(table_id)
    # The caption's two lines, rendered first, as they are read first.
    label: str | Markup = table.label  # a property
    title: str | Markup = table.title
    if table.label_runs:
        label = render_runs(table.label_runs, changes=changes)
    if table.title_runs:
        title = render_runs(table.title_runs, changes=changes)
    if table.change is not None:  # a table added or removed whole: its caption is marked as its rows are
        label = render_runs((_marked(table.label, table.change),), changes=changes)
        title = render_runs((_marked(table.title, table.change),), changes=changes)
    rows = tuple(tuple(render_runs(cell, marks, changes) for cell in row) for row in table.rows)
    notes = tuple(_table_note(table_id, note, changes) for note in table.notes)
    return Shown(table, id=table_id, label=label, title=title, rows=rows, notes=notes)


def _table_note(table_id: str, note: TableNote, changes: Changes | None) -> Shown:
    return Shown(note, id=table_note_id(table_id, note.letter), back=first_reference_id(table_id, note.letter),
                 paragraphs=tuple(render_runs(paragraph, changes=changes) for paragraph in note.paragraphs))


def _note(note: Note, changes: Changes | None) -> Shown:
    return Shown(note, paragraphs=tuple(render_runs(paragraph, changes=changes) for paragraph in note.paragraphs))


def _item(item: Item, changes: Changes | None) -> Shown:
    # `kind` belongs to the item's type, not to the item: it is added for the template to dispatch on.
    if isinstance(item, GridItem):
        return Shown(item, kind=item.kind, header=tuple(render_runs(cell, changes=changes) for cell in item.header),
                     rows=tuple(tuple(render_runs(cell, changes=changes) for cell in row) for row in item.rows))
    if isinstance(item, HeadingItem):
        # Part titles are <h2>, so narrative depths 1-3 are <h3>-<h5>.
        return Shown(item, kind=item.kind, level=min(item.depth, 3) + 2, html=render_runs(item.runs, changes=changes))
    if isinstance(item, CodeItem):
        if item.change is not None:  # a code block added or removed whole
            return Shown(item, kind="plain", depth=0, quote=False,
                         html=render_runs((_marked(item.text, item.change),), changes=changes))
        return Shown(item, kind=item.kind)  # plain text, escaped by the template
    if isinstance(item, NumberedItem) and item.change == DELETED:
        # Removed in the newer draft: no number of its own, so the newer draft's numbers and ids stay.
        return Shown(item, kind="plain", depth=0, quote=False, html=render_runs(item.runs, changes=changes))
    return Shown(item, kind=item.kind, html=render_runs(item.runs, changes=changes))
