"""Declared shapes for front matter and templates, and one checker that reports every mismatch.

The same checker serves section front matter (findings CCM004-CCM006) and the ISU's templates
(an invalid template stops the command), so both speak the same language to their authors.
"""

from __future__ import annotations

from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.record import Record, set_field

_KIND_NAMES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "null": "empty",
    "date": "a date (YYYY-MM-DD)",
    "map": "a mapping (key: value lines)",
    "list": "a list",
}


class Scalar(Record):
    """A scalar of one of `kinds`, optionally limited to `allowed` values."""

    __slots__ = ("kinds", "allowed")  # noqa: RUF023
    kinds: tuple[str, ...]
    allowed: tuple[object, ...] | None

    def __init__(self, kinds: tuple[str, ...] = ("str",), allowed: tuple[object, ...] | None = None) -> None:
        set_field(self, "kinds", kinds)
        set_field(self, "allowed", allowed)


class ListOf(Record):
    """A list whose items all have shape `item`."""

    __slots__ = ("item", "min_items")
    item: Shape
    min_items: int

    def __init__(self, item: Shape, min_items: int = 0) -> None:
        set_field(self, "item", item)
        set_field(self, "min_items", min_items)


class Field(Record):
    """One key of a mapping."""

    __slots__ = ("shape", "required", "description")  # noqa: RUF023
    shape: Shape
    required: bool
    description: str

    def __init__(self, shape: Shape, required: bool = False, description: str = "") -> None:
        set_field(self, "shape", shape)
        set_field(self, "required", required)
        set_field(self, "description", description)


class MapOf(Record):
    """A mapping with the declared `fields`; other keys are unknown unless `other` gives their shape."""

    __slots__ = ("fields", "other")
    fields: dict[str, Field]
    other: Shape | None

    def __init__(self, fields: dict[str, Field] | None = None, other: Shape | None = None) -> None:
        set_field(self, "fields", {} if fields is None else fields)
        set_field(self, "other", other)


Shape = Scalar | ListOf | MapOf


class Problem(Record):
    """One mismatch between a value and its shape; `kind` is unknown-key, missing or value."""

    __slots__ = ("kind", "message", "location", "hint")  # noqa: RUF023
    kind: str
    message: str
    location: Location
    hint: str | None

    def __init__(self, kind: str, message: str, location: Location, hint: str | None = None) -> None:
        set_field(self, "kind", kind)
        set_field(self, "message", message)
        set_field(self, "location", location)
        set_field(self, "hint", hint)


def check_shape(node: MetaNode, shape: Shape, path: str = "") -> list[Problem]:
    """Return every mismatch between `node` and `shape`, in source order."""
    if isinstance(shape, MapOf):
        return _check_map(node, shape, path)
    if isinstance(shape, ListOf):
        return _check_list(node, shape, path)
    return _check_scalar(node, shape, path)


def kind_name(kind: str) -> str:
    """Return a reader's name for a value kind."""
    return _KIND_NAMES.get(kind, kind)


def closest(word: str, choices: list[str]) -> str | None:
    """Return the choice most like `word`, if one is close enough to suggest."""
    # difflib is imported only when a name is wrong: most runs never suggest one.
    import difflib

    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = word.lower()
    # An abbreviation ("intro") or a different case ("Draft") is close enough to suggest.
    return next((choice for choice in choices if choice.lower() == lowered), None) or next(
        (choice for choice in choices if lowered and choice.lower().startswith(lowered)), None)


def _label(path: str) -> str:
    return f"'{path}'" if path else "the file"


def _check_map(node: MetaNode, shape: MapOf, path: str) -> list[Problem]:
    if not isinstance(node, MetaMap):
        return [_wrong_kind(node, ("map",), path)]
    problems: list[Problem] = []
    for entry in node.entries:
        spec = shape.fields.get(entry.key)
        child = f"{path}.{entry.key}" if path else entry.key
        if spec is None and shape.other is not None:
            problems.extend(check_shape(entry.value, shape.other, child))
            continue
        if spec is None:
            suggestion = closest(entry.key, list(shape.fields))
            hint = f"did you mean '{suggestion}'?" if suggestion else _valid_keys(shape)
            problems.append(Problem("unknown-key", f"unknown key '{child}'", entry.key_location, hint))
            continue
        problems.extend(check_shape(entry.value, spec.shape, child))
    present = {entry.key for entry in node.entries}
    for key, spec in shape.fields.items():
        if spec.required and key not in present:
            child = f"{path}.{key}" if path else key
            hint = f"add '{key}:' ({spec.description})" if spec.description else f"add '{key}:'"
            problems.append(Problem("missing", f"required key '{child}' is missing", node.location, hint))
    return problems


def _valid_keys(shape: MapOf) -> str:
    return "valid keys: " + ", ".join(shape.fields)


def _check_list(node: MetaNode, shape: ListOf, path: str) -> list[Problem]:
    if not isinstance(node, MetaList):
        return [_wrong_kind(node, ("list",), path)]
    problems: list[Problem] = []
    if len(node.items) < shape.min_items:
        problems.append(
            Problem("value", f"{_label(path)} needs at least {shape.min_items} item(s)", node.location)
        )
    for index, item in enumerate(node.items):
        problems.extend(check_shape(item, shape.item, f"{path}[{index + 1}]"))
    return problems


def _check_scalar(node: MetaNode, shape: Scalar, path: str) -> list[Problem]:
    if not isinstance(node, MetaScalar) or node.kind not in shape.kinds:
        return [_wrong_kind(node, shape.kinds, path)]
    if shape.allowed is not None and node.value not in shape.allowed:
        choices = [str(choice) for choice in shape.allowed]
        suggestion = closest(str(node.value), choices)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        return [
            Problem(
                "value",
                f"{_label(path)} is '{node.value}', which is not allowed",
                node.location,
                f"{hint}allowed: {', '.join(choices)}",
            )
        ]
    return []


def _wrong_kind(node: MetaNode, kinds: tuple[str, ...], path: str) -> Problem:
    wanted = " or ".join(kind_name(kind) for kind in kinds)
    if isinstance(node, MetaScalar):
        got = kind_name(node.kind)
        shown = f" '{node.value}'" if node.value is not None else ""
    else:
        got = kind_name("map" if isinstance(node, MetaMap) else "list")
        shown = ""
    hint = f"write {_label(path)} as {wanted}"
    if isinstance(node, MetaScalar) and "str" in kinds and node.kind in ("int", "float", "bool", "date"):
        hint = f"put the value in quotes: \"{node.value}\""
    return Problem("value", f"{_label(path)} must be {wanted}, not {got}{shown}", node.location, hint)
