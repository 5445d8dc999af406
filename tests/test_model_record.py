"""`model/record.py`: the slotted records of the model behave as the frozen dataclasses they replace."""

from __future__ import annotations

import copy
import importlib
import inspect
import pickle
import pkgutil
from dataclasses import FrozenInstanceError, dataclass

import pytest

import ccm_review
from ccm_review.load.files import EncodingProblem
from ccm_review.model.data import Point
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.narrative import Code, Figure, Paragraph, Text
from ccm_review.model.outline import NumberedItem
from ccm_review.model.record import Record, replace
from ccm_review.spec.content import ContentSettings
from ccm_review.spec.style import Style
from ccm_review.spec.template import Spec


def test_records_are_equal_by_class_and_fields_and_hash_alike() -> None:
    assert Text("a") == Text("a") and hash(Text("a")) == hash(Text("a"))
    assert Text("a") != Text("b")
    assert Text("a") != Code("a")  # same fields, another class: never equal (a tuple would be)
    assert len({Location("x.md", 2, 3), Location("x.md", 2, 3), Location("x.md", 3, 1)}) == 2


def test_records_are_frozen_and_have_no_other_attributes() -> None:
    text = Text("a")
    with pytest.raises(FrozenInstanceError):
        text.text = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del text.text  # type: ignore[misc]
    assert not hasattr(text, "__dict__")


def test_repr_names_the_fields_in_the_constructor_order() -> None:
    assert repr(Location("x.md", 2, 3)) == "Location(file='x.md', line=2, column=3)"
    assert repr(EncodingProblem("bad byte", Location("x.md"), "save as UTF-8")) == (
        "EncodingProblem(message='bad byte', location=Location(file='x.md', line=1, column=1), "
        "hint='save as UTF-8', code='CCM003')")


def test_defaults_keywords_copy_and_pickle_give_the_same_record() -> None:
    figure = Figure(series="states-parties", year=2019, raw="[=states-parties 2019]", location=Location("x.md", 4, 2))
    assert figure.printed is None and figure.text == "[=states-parties 2019]"
    paragraph = Paragraph((Text("a"), figure), Location("x.md", 4, 1))
    assert copy.copy(paragraph) == paragraph and copy.deepcopy(paragraph) == paragraph
    assert pickle.loads(pickle.dumps(paragraph)) == paragraph


def test_locations_order_by_file_line_and_column() -> None:
    locations = [Location("b.md", 1, 1), Location("a.md", 2, 1), Location("a.md", 1, 5), Location("a.md", 1, 2)]
    assert sorted(locations) == [Location("a.md", 1, 2), Location("a.md", 1, 5), Location("a.md", 2, 1),
                                 Location("b.md", 1, 1)]
    assert Location("a.md", 1, 1) <= Location("a.md", 1, 1) < Location("a.md", 1, 2)
    assert Location("a.md", 9) > Location("a.md", 1) >= Location("a.md", 1)
    with pytest.raises(TypeError):
        _ = Location("a.md") < ("a.md", 1, 1)  # type: ignore[operator]


def test_replace_copies_a_record_with_the_fields_named_and_refuses_unknown_ones() -> None:
    before = NumberedItem(3, (Text("a"),), Location("x.md", 4, 1))
    after = replace(before, number=4)
    assert after == NumberedItem(4, (Text("a"),), Location("x.md", 4, 1)) and before.number == 3
    assert after.kind == "paragraph"  # the class's own constant, not a field
    with pytest.raises(TypeError, match="no field 'kind'"):
        replace(before, kind="heading")


def test_replace_copies_a_dataclass_as_dataclasses_replace_does() -> None:
    @dataclass(frozen=True)
    class Pair:
        left: int
        right: int

    assert replace(Pair(1, 2), right=3) == Pair(1, 3)


def test_the_former_dataclasses_keep_their_defaults_and_fresh_default_objects() -> None:
    assert Finding("CCM011", "error", "m") == Finding("CCM011", "error", "m", None, None)
    assert Finding("CCM011", "error", "m") != Finding("CCM011", "warning", "m")
    spec = Spec("Plan", "P", (), (), (), "Table", 10, ("final",), ())
    assert spec.style == Style() and spec.content == ContentSettings() and spec.outputs == ("docx", "html")
    assert repr(Point(2019, 1.0, "S", Location("d.csv", 2, 1))).startswith("Point(year=2019, value=1.0, source='S'")


def _record_classes() -> list[type[Record]]:
    """Every record class the package defines (its modules imported, the command line's entry point left out)."""
    for module in pkgutil.walk_packages(ccm_review.__path__, "ccm_review."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: list[type[Record]] = []
    pending = list(Record.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("ccm_review."):
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


RECORDS = _record_classes()


@pytest.mark.parametrize("cls", RECORDS, ids=[f"{cls.__module__}.{cls.__qualname__}" for cls in RECORDS])
def test_a_record_lists_every_field_once_in_its_slots_and_its_constructor(cls: type[Record]) -> None:
    # A field annotated (perhaps with a default) but not slotted is a class attribute every
    # instance shares, and a subclass with slots of its own hides its parent's from equality and
    # repr: neither fails on import, so each record is held to its three lists here.
    parameters = [name for name in inspect.signature(cls.__init__).parameters if name != "self"]
    assert list(cls.__slots__) == parameters
    annotated = {name for klass in cls.__mro__ if klass not in (Record, object)
                 for name, kind in vars(klass).get("__annotations__", {}).items() if "ClassVar" not in str(kind)}
    assert annotated == set(cls.__slots__)
