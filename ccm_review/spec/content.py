"""The `content:` part of templates/review.yaml: what the content checks CCM036-CCM039 read.

`no_data` lists the phrases that say a cell has no data, `periodicals` the sources named by a year
only with the month they usually appear in, `repeated_notes` how often one bare source note may be
repeated. Checked when the template is loaded, so a mistake stops the command with its line.
"""

from __future__ import annotations

from ccm_review.layout.labels import MONTHS
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.record import Record, set_field
from ccm_review.spec.shape import Field, ListOf, MapOf, Problem, Scalar

DEFAULT_NO_DATA = ("not compiled", "not reported", "no data")
DEFAULT_REPEATED_NOTES = 3

CONTENT_FIELD = Field(MapOf({
    "no_data": Field(ListOf(Scalar(("str",))), description="phrases that say a cell has no data, e.g. "
                     "not compiled"),
    "periodicals": Field(MapOf(other=Scalar(("str",))), description="a periodical and the month it appears "
                         "in, e.g. Cluster Munition Monitor: August"),
    "repeated_notes": Field(Scalar(("int",)), description="how many times one bare source note may appear "
                            "before it is reported"),
}))


class ContentSettings(Record):
    """What the content checks read from the template; defaults where it says nothing."""

    __slots__ = ("no_data", "periodicals", "repeated_notes")
    no_data: tuple[str, ...]  # lower case
    periodicals: tuple[tuple[str, int], ...]  # (name, month 1-12)
    repeated_notes: int

    def __init__(self, no_data: tuple[str, ...] = DEFAULT_NO_DATA, periodicals: tuple[tuple[str, int], ...] = (),
                 repeated_notes: int = DEFAULT_REPEATED_NOTES) -> None:
        set_field(self, "no_data", no_data)
        set_field(self, "periodicals", periodicals)
        set_field(self, "repeated_notes", repeated_notes)


def read_content(node: MetaNode | None, problems: list[Problem]) -> ContentSettings:
    """Return the content settings of the template; report values the shape cannot judge."""
    if not isinstance(node, MetaMap):
        return ContentSettings()
    phrases = node.get("no_data")
    return ContentSettings(
        no_data=_phrases(phrases, problems) if phrases is not None else DEFAULT_NO_DATA,
        periodicals=_periodicals(node.get("periodicals"), problems),
        repeated_notes=_repeats(node.get("repeated_notes"), problems),
    )


def _phrases(node: MetaNode, problems: list[Problem]) -> tuple[str, ...]:
    found: list[str] = []
    items = node.items if isinstance(node, MetaList) else ()
    for item in items:
        if not isinstance(item, MetaScalar):
            continue
        phrase = " ".join(str(item.value).split()).casefold()
        if not phrase:
            problems.append(Problem("value", "a phrase of 'content.no_data' is empty", item.location,
                                    "e.g. not compiled"))
        elif phrase not in found:
            found.append(phrase)
    return tuple(found)


def _periodicals(node: MetaNode | None, problems: list[Problem]) -> tuple[tuple[str, int], ...]:
    if not isinstance(node, MetaMap):
        return ()
    months = {month.casefold(): number for number, month in enumerate(MONTHS, 1)}
    found: list[tuple[str, int]] = []
    for entry in node.entries:
        month = str(entry.value.value).strip().casefold() if isinstance(entry.value, MetaScalar) else ""
        if month not in months:
            problems.append(Problem("value", f"'content.periodicals.{entry.key}' is not a month",
                                    entry.value.location, f"write the month it usually appears in: "
                                    f"{', '.join(MONTHS)}"))
        elif not " ".join(entry.key.split()):
            problems.append(Problem("value", "a periodical's name is empty", entry.key_location))
        else:
            found.append((" ".join(entry.key.split()), months[month]))
    return tuple(found)


def _repeats(node: MetaNode | None, problems: list[Problem]) -> int:
    if not isinstance(node, MetaScalar) or not isinstance(node.value, int):
        return DEFAULT_REPEATED_NOTES  # absent; a wrong type is reported by the shape
    if node.value < 2:
        problems.append(Problem("value", f"'content.repeated_notes' is {node.value}; a note repeats from its "
                                "second appearance", node.location, "choose 2 or more"))
        return DEFAULT_REPEATED_NOTES
    return node.value
