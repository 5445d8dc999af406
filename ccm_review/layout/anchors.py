"""Stable names for what a document prints, so that a returned DOCX leads back to the sources.

Every part heading, item, table row, table note and footnote of the built DOCX carries a bookmark
named here ("ccm_p5_i12": part 5, item 12); a reviewer's comment or tracked change is read back
to the bookmark of its paragraph, and from there through the outline to `sections/FILE.md:LINE`.
Names are positions in the outline (1-based), short enough for Word (at most 40 characters) and
made of letters, digits and underscores only, which Word and LibreOffice keep on a re-save.
"""

from __future__ import annotations

from ccm_review.model.location import Location
from ccm_review.model.outline import NumberedItem, Outline
from ccm_review.model.record import Record, set_field
from ccm_review.patterns import compile_pattern

PREFIX = "ccm_"
_NAME = compile_pattern(r"ccm_(?:p(\d+)(?:_(i|r)(\d+)|_t([a-z]+))?|n(\d+))")


def part_anchor(part: int) -> str:
    """The bookmark of part `part`'s heading."""
    return f"{PREFIX}p{part}"


def item_anchor(part: int, item: int) -> str:
    """The bookmark of item `item` of part `part`."""
    return f"{PREFIX}p{part}_i{item}"


def row_anchor(part: int, row: int) -> str:
    """The bookmark of row `row` of part `part`'s indicator table."""
    return f"{PREFIX}p{part}_r{row}"


def table_note_anchor(part: int, letter: str) -> str:
    """The bookmark of table note `letter` under part `part`'s table."""
    return f"{PREFIX}p{part}_t{letter}"


def note_anchor(number: int) -> str:
    """The bookmark of footnote `number`."""
    return f"{PREFIX}n{number}"


class Place(Record):
    """Where a returned comment or change applies: the source location and the place in print words."""

    __slots__ = ("location", "where")
    location: Location | None
    where: str  # "para. 12 of Victim assistance", "table 4, row 2, column 'Baseline'", "note 5"

    def __init__(self, location: Location | None, where: str) -> None:
        set_field(self, "location", location)
        set_field(self, "where", where)


def place_of(outline: Outline, name: str, column: int | None = None) -> Place | None:
    """Return the place of bookmark `name` in `outline` (`column`: the cell's column in a row), or None
    when the name is not one of these anchors or points past the outline."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    part_number, kind, index, letter, note_number = match.groups()
    if note_number is not None:
        note = next((note for note in outline.notes if note.number == int(note_number)), None)
        return None if note is None else Place(note.location, f"note {note.number}")
    position = int(part_number) - 1
    if not 0 <= position < len(outline.parts):
        return None
    part = outline.parts[position]
    if letter is not None:
        table_note = next((n for n in (part.table.notes if part.table else ()) if n.letter == letter), None)
        return None if table_note is None else Place(table_note.location, f"table note {letter} of {part.title}")
    if kind is None:
        return Place(Location(part.source, 1, 1), f"the heading of {part.title}")
    number = int(index) - 1
    if kind == "i":
        if not 0 <= number < len(part.items):
            return None
        item = part.items[number]
        label = f"para. {item.number}" if isinstance(item, NumberedItem) else f"item {number + 1}"
        return Place(item.location, f"{label} of {part.title}")
    table = part.table
    if table is None or not 0 <= number < len(table.rows):
        return None
    cells = table.cell_locations[number] if number < len(table.cell_locations) else ()
    row_at = table.row_locations[number] if number < len(table.row_locations) else None
    if column is not None and 0 <= column < len(table.columns):
        cell = cells[column] if column < len(cells) else None
        header = table.columns[column].header
        return Place(cell or row_at, f"table {table.number}, row {number + 1}, column '{header}'")
    return Place(row_at, f"table {table.number}, row {number + 1}")
