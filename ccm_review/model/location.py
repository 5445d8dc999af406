"""A place in a source file, as every finding and every printed item remembers it."""

from __future__ import annotations

from ccm_review.model.record import Record, set_field


class Location(Record):
    """A place in a source file: path relative to the project, 1-based line and column.

    Locations order as (file, line, column), as findings are sorted.
    """

    __slots__ = ("file", "line", "column")  # noqa: RUF023
    file: str
    line: int
    column: int

    def __init__(self, file: str, line: int = 1, column: int = 1) -> None:
        set_field(self, "file", file)
        set_field(self, "line", line)
        set_field(self, "column", column)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def _key(self, other: object) -> tuple[tuple[str, int, int], tuple[str, int, int]] | None:
        if other.__class__ is not Location:
            return None
        assert isinstance(other, Location)
        return (self.file, self.line, self.column), (other.file, other.line, other.column)

    def __lt__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] < pair[1]

    def __le__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] <= pair[1]

    def __gt__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] > pair[1]

    def __ge__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] >= pair[1]
