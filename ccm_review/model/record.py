"""`Record`: the base of the model's value classes, frozen and slotted, made at no cost on import.

`@dataclass(frozen=True)` writes and compiles five or six methods for every class when its module
is imported (about 0.35 ms a class, 10 ms for the source model alone, on every run of every
command). A record class instead lists its fields in `__slots__` and writes its `__init__` by
hand; equality, hashing, `repr` and immutability come from here, by the fields, as a frozen
dataclass has them: equal only to an object of the same class with equal fields. `__slots__`
lists the fields in the constructor's order (not sorted: `noqa: RUF023`), which `repr` follows.
`replace` copies a record with some fields changed, as `dataclasses.replace` copies a dataclass.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, TypeVar

# Records are frozen: their own __init__ sets each field through object's __setattr__.
set_field = object.__setattr__
_T = TypeVar("_T")


class Record:
    """A frozen value object whose fields are its `__slots__`, in order."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        # copy and pickle would set the slots one by one, which a frozen record refuses.
        return (self.__class__, self._values())


def replace(obj: _T, **changes: Any) -> _T:
    """Return a copy of `obj` with `changes`: `dataclasses.replace` for records (and dataclasses)."""
    if not isinstance(obj, Record):
        import dataclasses  # the few dataclasses left (outside the model) are copied the usual way

        changed: _T = dataclasses.replace(obj, **changes)  # type: ignore[type-var]
        return changed
    unknown = set(changes) - set(obj.__slots__)
    if unknown:
        raise TypeError(f"{obj.__class__.__qualname__} has no field {sorted(unknown)[0]!r}")
    copy: _T = obj.__class__(**{name: changes.get(name, getattr(obj, name)) for name in obj.__slots__})
    return copy
