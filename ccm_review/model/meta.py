"""The front matter as a located tree: YAML mappings, lists and scalars as the author wrote them.

`MetaMap`, `MetaList` and `MetaScalar` are what the YAML loader makes of any YAML it reads (a section's
front matter, `sections/document.yaml`, a YAML series of `data/`, the templates), before anything
interprets them; every node and every key keeps the `Location` it was written at, so that each
finding about a value says where.
"""

from __future__ import annotations

from ccm_review.model.location import Location
from ccm_review.model.record import Record, set_field

# --- Front matter as a located tree (what the author wrote, before interpretation) -------------


class MetaScalar(Record):
    """A scalar of the front matter; `kind` is str, int, float, bool, null, date or other tag."""

    __slots__ = ("value", "kind", "location")  # noqa: RUF023
    value: str | int | float | bool | None
    kind: str
    location: Location

    def __init__(self, value: str | int | float | bool | None, kind: str, location: Location) -> None:
        set_field(self, "value", value)
        set_field(self, "kind", kind)
        set_field(self, "location", location)


class MetaEntry(Record):
    """One key of a mapping, with where the key itself was written."""

    __slots__ = ("key", "key_location", "value")
    key: str
    key_location: Location
    value: MetaNode

    def __init__(self, key: str, key_location: Location, value: MetaNode) -> None:
        set_field(self, "key", key)
        set_field(self, "key_location", key_location)
        set_field(self, "value", value)


class MetaMap(Record):
    """A mapping of the front matter, keys in source order."""

    __slots__ = ("entries", "location")
    entries: tuple[MetaEntry, ...]
    location: Location

    def __init__(self, entries: tuple[MetaEntry, ...], location: Location) -> None:
        set_field(self, "entries", entries)
        set_field(self, "location", location)

    def get(self, key: str) -> MetaNode | None:
        """Return the value of `key`, or None when absent."""
        entry = self.entry(key)
        return entry.value if entry is not None else None

    def entry(self, key: str) -> MetaEntry | None:
        """Return the entry of `key`, or None when absent."""
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


class MetaList(Record):
    """A sequence of the front matter."""

    __slots__ = ("items", "location")
    items: tuple[MetaNode, ...]
    location: Location

    def __init__(self, items: tuple[MetaNode, ...], location: Location) -> None:
        set_field(self, "items", items)
        set_field(self, "location", location)


MetaNode = MetaScalar | MetaMap | MetaList
