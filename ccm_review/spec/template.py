"""The ISU's template (templates/review.yaml) and the action plan catalogue it names
(`catalogue:`, templates/dap.yaml by default) as typed rules: the records of a Spec.

Nothing here knows one plan from another: a plan's name, its period, what it calls its actions
and items and how it numbers them are all read from the catalogue (`spec.read`, which validates
both templates when they are loaded: a broken template stops the command with file:line).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ccm_review.model.record import Record, set_field
from ccm_review.model.source import Section
from ccm_review.project import DEFAULT_CATALOGUE, DEFAULT_FORMATS, TEMPLATES_DIR
from ccm_review.spec.content import ContentSettings
from ccm_review.spec.style import Style


class Item(Record):
    """One item (action point) of an action: `ref` like "4.1" and its short title."""

    __slots__ = ("ref", "title", "confirmed", "summary")  # noqa: RUF023
    ref: str
    title: str
    confirmed: bool
    summary: str

    def __init__(self, ref: str, title: str, confirmed: bool, summary: str) -> None:
        set_field(self, "ref", ref)
        set_field(self, "title", title)
        set_field(self, "confirmed", confirmed)
        set_field(self, "summary", summary)


class Action(Record):
    """One action of the action plan."""

    __slots__ = ("number", "title", "article", "coordinators", "items", "confirmed")  # noqa: RUF023
    number: int
    title: str
    article: str
    coordinators: tuple[str, ...]
    items: tuple[Item, ...]
    confirmed: bool

    def __init__(self, number: int, title: str, article: str, coordinators: tuple[str, ...], items: tuple[Item, ...],
                 confirmed: bool = True) -> None:
        set_field(self, "number", number)
        set_field(self, "title", title)
        set_field(self, "article", article)
        set_field(self, "coordinators", coordinators)
        set_field(self, "items", items)
        set_field(self, "confirmed", confirmed)

    def item(self, ref: str) -> Item | None:
        """Return the item `ref` of this action, or None."""
        return next((item for item in self.items if item.ref == ref), None)


class Column(Record):
    """One column of the indicator table."""

    __slots__ = ("key", "header", "required", "max_words", "description", "width", "values")  # noqa: RUF023
    key: str
    header: str
    required: bool
    max_words: int
    description: str
    width: float | None
    values: tuple[tuple[str, str], ...] | None  # (value, label shown to readers)

    def __init__(self, key: str, header: str, required: bool, max_words: int, description: str, width: float | None,
                 values: tuple[tuple[str, str], ...] | None) -> None:
        set_field(self, "key", key)
        set_field(self, "header", header)
        set_field(self, "required", required)
        set_field(self, "max_words", max_words)
        set_field(self, "description", description)
        set_field(self, "width", width)
        set_field(self, "values", values)

    def label(self, value: str) -> str:
        """Return how `value` is shown to readers (the label of an allowed value)."""
        return dict(self.values or ()).get(value, value)


class PartSpec(Record):
    """One part of the document in print order: an action or another named part."""

    __slots__ = ("key", "title", "action", "max_words", "required_headings")  # noqa: RUF023
    key: str  # "action-4" or "introduction"
    title: str
    action: Action | None
    max_words: int
    required_headings: tuple[str, ...]

    def __init__(self, key: str, title: str, action: Action | None, max_words: int,
                 required_headings: tuple[str, ...]) -> None:
        set_field(self, "key", key)
        set_field(self, "title", title)
        set_field(self, "action", action)
        set_field(self, "max_words", max_words)
        set_field(self, "required_headings", required_headings)


class Spec(Record):
    """Everything the validators and renderers need to know from the templates."""

    __slots__ = (  # noqa: RUF023
        "plan_name", "plan_short", "actions", "parts", "columns", "caption", "max_document_words", "statuses",
        "placeholders", "rule_settings", "outputs", "style", "catalogue_file", "plan_period", "action_term",
        "item_term", "figure_notes", "action_points", "content",
    )
    plan_name: str
    plan_short: str
    actions: tuple[Action, ...]
    parts: tuple[PartSpec, ...]
    columns: tuple[Column, ...]
    caption: str
    max_document_words: int
    statuses: tuple[str, ...]
    placeholders: tuple[str, ...]
    rule_settings: tuple[tuple[str, str], ...]  # (code, error | warning | off)
    outputs: tuple[str, ...]  # what `build` writes unless told otherwise
    style: Style
    catalogue_file: str
    plan_period: str
    action_term: str  # what the plan calls an entry of its catalogue's `actions`
    item_term: str  # what it calls an item ("4.1")
    figure_notes: bool  # a cited figure's source printed as a footnote
    action_points: int | None  # the plan's own count of its items, when the catalogue gives it
    content: ContentSettings

    def __init__(self, plan_name: str, plan_short: str, actions: tuple[Action, ...], parts: tuple[PartSpec, ...],
                 columns: tuple[Column, ...], caption: str, max_document_words: int, statuses: tuple[str, ...],
                 placeholders: tuple[str, ...], rule_settings: tuple[tuple[str, str], ...] = (),
                 outputs: tuple[str, ...] = DEFAULT_FORMATS, style: Style | None = None,
                 catalogue_file: str = f"{TEMPLATES_DIR}/{DEFAULT_CATALOGUE}", plan_period: str = "",
                 action_term: str = "action", item_term: str = "item", figure_notes: bool = False,
                 action_points: int | None = None, content: ContentSettings | None = None) -> None:
        set_field(self, "plan_name", plan_name)
        set_field(self, "plan_short", plan_short)
        set_field(self, "actions", actions)
        set_field(self, "parts", parts)
        set_field(self, "columns", columns)
        set_field(self, "caption", caption)
        set_field(self, "max_document_words", max_document_words)
        set_field(self, "statuses", statuses)
        set_field(self, "placeholders", placeholders)
        set_field(self, "rule_settings", rule_settings)
        set_field(self, "outputs", outputs)
        set_field(self, "style", Style() if style is None else style)
        set_field(self, "catalogue_file", catalogue_file)
        set_field(self, "plan_period", plan_period)
        set_field(self, "action_term", action_term)
        set_field(self, "item_term", item_term)
        set_field(self, "figure_notes", figure_notes)
        set_field(self, "action_points", action_points)
        set_field(self, "content", ContentSettings() if content is None else content)

    @property
    def final_status(self) -> str:
        """The status a part needs for submission: the last of `statuses`."""
        return self.statuses[-1] if self.statuses else "final"

    def part(self, key: str | None) -> PartSpec | None:
        """Return the part `key` ("action-4", "introduction"), or None."""
        return next((part for part in self.parts if part.key == key), None)

    def column(self, key: str) -> Column | None:
        """Return the column `key`, or None."""
        return next((column for column in self.columns if column.key == key), None)

    def placed(self, sections: Iterable[Section]) -> list[tuple[PartSpec, Section | None]]:
        """Return every part in print order with the section file that claims it (None where none does)."""
        by_key = {section.key: section for section in sections if section.key}
        return [(part, by_key.get(part.key)) for part in self.parts]

    def print_order(self, sections: Iterable[Section]) -> list[Section]:
        """Return `sections` in the order of their parts; files that claim no part come last."""
        rank = {part.key: index for index, part in enumerate(self.parts)}
        return sorted(sections, key=lambda section: rank.get(section.key or "", len(rank)))

    @property
    def other_part_keys(self) -> tuple[str, ...]:
        """The keys of the parts that are not actions, in print order."""
        return tuple(part.key for part in self.parts if part.action is None)


def indefinite(word: str) -> str:
    """Return `word` with its indefinite article: "an action", "a section"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def load_spec(project: Path) -> Spec:
    """Read and validate both templates of `project`; raise TemplateError listing every problem."""
    # The reader is imported here: a run that takes the Spec from the store unpickles these records only.
    from ccm_review.spec.read import read_spec

    return read_spec(project)
