"""The templates read and validated into a Spec: templates/review.yaml and the action plan catalogue
it names, each checked against its shape, every problem collected and reported with file:line.
"""

from __future__ import annotations

from pathlib import Path

from ccm_review.errors import TemplateError
from ccm_review.load.files import EncodingProblem, read_source
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.project import DEFAULT_CATALOGUE, DEFAULT_FORMATS, FORMATS, REVIEW_FILE, TEMPLATES_DIR
from ccm_review.spec.content import CONTENT_FIELD, read_content
from ccm_review.spec.shape import Field, ListOf, MapOf, Problem, Scalar, check_shape
from ccm_review.spec.style import RULES_FIELD, STYLE_FIELD, read_rule_settings, read_style
from ccm_review.spec.template import Action, Column, Item, PartSpec, Spec

_TEXT = Scalar(("str",))
_TEXT_OR_NUMBER = Scalar(("str", "int", "float"))
_COUNT = Scalar(("int",))
_TEXTS = ListOf(_TEXT)
# How the items of a plan are numbered: "by-action" refs start with their action's number ("4.1");
# "consecutive" refs run 1, 2, 3 ... through the whole plan, across its actions.
REF_STYLES = ("by-action", "consecutive")

_CATALOGUE_SHAPE = MapOf({
    "name": Field(_TEXT, required=True, description="the action plan's name"),
    "short": Field(_TEXT, required=True, description="its abbreviation, e.g. DAP"),
    "period": Field(_TEXT),
    "adopted": Field(_TEXT),
    "draft_symbol": Field(_TEXT),
    "action_points": Field(_COUNT),
    "refs": Field(Scalar(("str",), allowed=REF_STYLES), description="how the item refs are numbered"),
    "terms": Field(MapOf({
        "action": Field(_TEXT, description="what the plan calls an entry of 'actions', e.g. section"),
        "item": Field(_TEXT, description="what the plan calls an item, e.g. action"),
    })),
    "actions": Field(ListOf(MapOf({
        "number": Field(_COUNT, required=True),
        "title": Field(_TEXT, required=True),
        "confirmed": Field(Scalar(("bool",))),
        "article": Field(_TEXT_OR_NUMBER),
        "coordinators": Field(_TEXTS),
        "coordinators_2020": Field(_TEXTS, description="the older name of 'coordinators'"),
        "target": Field(_TEXT),
        "items": Field(ListOf(MapOf({
            "ref": Field(_TEXT, required=True, description='the item number as text, e.g. "4.1"'),
            "title": Field(_TEXT, required=True),
            "confirmed": Field(Scalar(("bool",))),
            "summary": Field(_TEXT),
        })), required=True),
        "expected_results": Field(_TEXTS),
    }), min_items=1), required=True),
    "other_parts": Field(ListOf(MapOf({
        "key": Field(_TEXT, required=True),
        "title": Field(_TEXT, required=True),
    }))),
})

_REVIEW_SHAPE = MapOf({
    "version": Field(Scalar(("int",), allowed=(1,)), required=True),
    "catalogue": Field(_TEXT, description=f"the action plan catalogue in {TEMPLATES_DIR}/, e.g. {DEFAULT_CATALOGUE}"),
    "statuses": Field(ListOf(_TEXT, min_items=1), required=True),
    "document": Field(MapOf({"max_words": Field(_COUNT, required=True)}), required=True),
    "parts": Field(ListOf(MapOf({
        "part": Field(_TEXT),
        "actions": Field(Scalar(("str",), allowed=("all",))),
        "title": Field(_TEXT),
        "max_words": Field(_COUNT, required=True),
        "required_headings": Field(_TEXTS),
    }), min_items=1), required=True),
    "table": Field(MapOf({
        "caption": Field(_TEXT),
        "max_cell_words": Field(_COUNT),
        "columns": Field(ListOf(MapOf({
            "key": Field(_TEXT, required=True),
            "header": Field(_TEXT, description="what the column's head prints; for 'ref', leave it out to "
                            "print the plan's own word, e.g. 'DAP item'"),
            "required": Field(Scalar(("bool",))),
            "description": Field(_TEXT),
            "max_words": Field(_COUNT),
            "width": Field(Scalar(("int", "float"))),
            "values": Field(MapOf(other=_TEXT)),  # value: label shown to readers
        }), min_items=1), required=True),
    }), required=True),
    "placeholders": Field(_TEXTS),
    "figure_notes": Field(Scalar(("bool",)), description="true: the source of each figure cited from data/ is "
                          "printed as a footnote (a lettered note in a table)"),
    "outputs": Field(ListOf(Scalar(("str",), allowed=FORMATS), min_items=1),
                     description="what `build` writes when --format is not given, e.g. [docx, html]"),
    "rules": RULES_FIELD,
    "style": STYLE_FIELD,
    "content": CONTENT_FIELD,
})


def read_spec(project: Path) -> Spec:
    """Read and validate both templates of `project`; raise TemplateError listing every problem."""
    review = _read_template(project, REVIEW_FILE, _REVIEW_SHAPE)
    catalogue_file = catalogue_path(project, review)
    catalogue = _read_template(project, catalogue_file, _CATALOGUE_SHAPE)
    builder = _SpecBuilder(catalogue_file)
    actions = builder.actions(catalogue)
    spec = builder.spec(review, catalogue, actions)
    if builder.problems:
        raise TemplateError(_describe(builder.problems), hint="fix the template; sections were not checked")
    return spec


def catalogue_path(project: Path, review: MetaMap) -> str:
    """Return the catalogue that review.yaml names, relative to `project`; raise TemplateError if it is not there."""
    node = review.get("catalogue")
    name = str(_value(node, DEFAULT_CATALOGUE))
    if node is None:
        return f"{TEMPLATES_DIR}/{name}"
    where = f"{node.location}: "
    choices = sorted(path.name for path in (project / TEMPLATES_DIR).glob("*.y*ml")
                     if f"{TEMPLATES_DIR}/{path.name}" != REVIEW_FILE)
    hint = f"name one of the files in {TEMPLATES_DIR}/: {', '.join(choices)}" if choices else \
        f"put the action plan catalogue in {TEMPLATES_DIR}/ and name it here"
    if "/" in name or "\\" in name or not name.endswith((".yaml", ".yml")):
        raise TemplateError(f"{where}the catalogue '{name}' must be the name of a YAML file in {TEMPLATES_DIR}/",
                            hint=hint)
    if not (project / TEMPLATES_DIR / name).is_file():
        raise TemplateError(f"{where}the catalogue it names, {TEMPLATES_DIR}/{name} is missing", hint=hint)
    return f"{TEMPLATES_DIR}/{name}"


def _read_template(project: Path, name: str, shape: MapOf) -> MetaMap:
    path = project / name
    if not path.is_file():
        raise TemplateError(f"{name} is missing",
                            hint=f"every project needs {REVIEW_FILE} and the catalogue it names")
    text = read_source(path, name)
    if isinstance(text, EncodingProblem):
        raise TemplateError(f"{text.location}: {text.message}", hint=text.hint)
    node = parse_yaml(text, name)
    if isinstance(node, YamlProblem):
        raise TemplateError(f"{node.location}: {node.message}", hint=node.hint)
    if node is None:
        raise TemplateError(f"{name}:1:1: the file is empty")
    problems = check_shape(node, shape)
    if problems:
        raise TemplateError(_describe(problems), hint="compare with the template shipped with ccm-review")
    assert isinstance(node, MetaMap)  # check_shape guarantees it
    return node


def _describe(problems: list[Problem]) -> str:
    lines = [f"invalid template ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"]
    for problem in problems:
        hint = f" ({problem.hint})" if problem.hint else ""
        lines.append(f"  {problem.location}: {problem.message}{hint}")
    return "\n".join(lines)


def _value(node: MetaNode | None, default: object = None) -> object:
    return node.value if isinstance(node, MetaScalar) else default


def _count(node: MetaNode | None) -> int | None:
    value = _value(node)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _texts(node: MetaNode | None) -> tuple[str, ...]:
    return tuple(str(_value(item, "")) for item in node.items) if isinstance(node, MetaList) else ()


def _maps(node: MetaNode | None) -> list[MetaMap]:
    if not isinstance(node, MetaList):
        return []
    return [item for item in node.items if isinstance(item, MetaMap)]


class _SpecBuilder:
    """Turns shape-checked templates into a Spec, collecting the problems shapes cannot see."""

    def __init__(self, catalogue_file: str) -> None:
        self.problems: list[Problem] = []
        self.catalogue_file = catalogue_file
        self.action_term, self.item_term = "action", "item"

    def _problem(self, message: str, location: Location, hint: str | None = None) -> None:
        self.problems.append(Problem("value", message, location, hint))

    def actions(self, catalogue: MetaMap) -> tuple[Action, ...]:
        terms = catalogue.get("terms")
        action_term, item_term = (str(_value(terms.get(key) if isinstance(terms, MetaMap) else None, key))
                                  for key in ("action", "item"))
        style = str(_value(catalogue.get("refs"), ""))
        actions: list[Action] = []
        numbers: dict[int, Location] = {}
        refs: dict[str, Location] = {}
        for node in _maps(catalogue.get("actions")):
            number = int(str(_value(node.get("number"), 0)))
            if number in numbers:
                self._problem(f"{action_term} {number} appears twice (first on line {numbers[number].line})",
                              node.location)
            numbers.setdefault(number, node.location)
            items: list[Item] = []
            for item_node in _maps(node.get("items")):
                ref = str(_value(item_node.get("ref"), ""))
                where = item_node.location
                if ref in refs:
                    self._problem(f"{item_term} '{ref}' appears twice (first on line {refs[ref].line})", where,
                                  f"each {item_term} of the plan has a ref of its own")
                else:
                    self._check_ref(ref, style, number, len(refs) + 1, where)
                refs.setdefault(ref, where)
                items.append(Item(ref, str(_value(item_node.get("title"), "")),
                                  bool(_value(item_node.get("confirmed"), False)),
                                  str(_value(item_node.get("summary"), ""))))
            actions.append(Action(number, str(_value(node.get("title"), "")),
                                  str(_value(node.get("article"), "")),
                                  self._coordinators(node), tuple(items),
                                  bool(_value(node.get("confirmed"), True))))
        self.action_term, self.item_term = action_term, item_term
        return tuple(actions)

    def _coordinators(self, node: MetaMap) -> tuple[str, ...]:
        """The coordinators of an action; catalogues written before 'coordinators' call them 'coordinators_2020'."""
        current, older = node.get("coordinators"), node.get("coordinators_2020")
        if current is not None and older is not None:
            entry = node.entry("coordinators_2020")
            self._problem("give 'coordinators' or 'coordinators_2020' (its older name), not both",
                          entry.key_location if entry else node.location, "remove 'coordinators_2020'")
        return _texts(current if current is not None else older)

    def _check_ref(self, ref: str, style: str, number: int, position: int, location: Location) -> None:
        """Report a ref that breaks the numbering the catalogue declares in `refs:`."""
        if style == "consecutive" and ref != str(position):
            self._problem(f"ref '{ref}' breaks the consecutive numbering: '{position}' is due here", location,
                          "refs run 1, 2, 3 ... through the plan (refs: consecutive)")
        elif style == "by-action" and not ref.startswith(f"{number}."):
            self._problem(f"ref '{ref}' does not start with its action's number ('{number}.')", location,
                          f"e.g. '{number}.1' (refs: by-action)")

    def spec(self, review: MetaMap, catalogue: MetaMap, actions: tuple[Action, ...]) -> Spec:
        other_titles = {str(_value(part.get("key"))): str(_value(part.get("title")))
                        for part in _maps(catalogue.get("other_parts"))}
        table = review.get("table")
        assert isinstance(table, MetaMap)
        document = review.get("document")
        assert isinstance(document, MetaMap)
        caption = str(_value(table.get("caption"), "Action {number}: {title}"))
        try:
            caption.format(number=1, title="")
        except (KeyError, IndexError, ValueError):
            caption_node = table.get("caption")
            self._problem(f"the caption '{caption}' may only use {{number}} and {{title}}",
                          caption_node.location if caption_node else table.location,
                          'e.g. "Action {number}: {title}"')
            caption = "Action {number}: {title}"
        return Spec(
            catalogue_file=self.catalogue_file,
            action_term=self.action_term,
            item_term=self.item_term,
            plan_name=str(_value(catalogue.get("name"), "")),
            plan_short=str(_value(catalogue.get("short"), "")),
            plan_period=str(_value(catalogue.get("period"), "")),
            actions=actions,
            parts=self._parts(review, actions, other_titles),
            columns=self._columns(table, str(_value(catalogue.get("short"), ""))),
            caption=caption,
            max_document_words=int(str(_value(document.get("max_words"), 0))),
            statuses=_texts(review.get("statuses")),
            placeholders=_texts(review.get("placeholders")),
            rule_settings=read_rule_settings(review.get("rules"), self.problems),
            style=read_style(review.get("style"), self.problems),
            outputs=_texts(review.get("outputs")) or DEFAULT_FORMATS,
            figure_notes=_value(review.get("figure_notes"), False) is True,
            action_points=_count(catalogue.get("action_points")),
            content=read_content(review.get("content"), self.problems),
        )

    def _parts(self, review: MetaMap, actions: tuple[Action, ...], titles: dict[str, str]) -> tuple[PartSpec, ...]:
        parts: list[PartSpec] = []
        listed_at: dict[str, Location] = {}
        for node in _maps(review.get("parts")):
            limit = int(str(_value(node.get("max_words"), 0)))
            headings = _texts(node.get("required_headings"))
            key = _value(node.get("part"))
            if (key is None) == (node.get("actions") is None):
                self._problem("a part needs exactly one of 'part: KEY' or 'actions: all'", node.location)
                continue
            if key is None:
                for action in actions:
                    self._once(f"action-{action.number}", node.location, listed_at)
                    parts.append(PartSpec(f"action-{action.number}", action.title, action, limit, headings))
                continue
            self._once(str(key), node.location, listed_at)
            title = str(_value(node.get("title"), "") or titles.get(str(key), ""))
            if not title:
                self._problem(f"part '{key}' has no title", node.location,
                              f"add 'title:' here or list the part under other_parts in {self.catalogue_file}")
            parts.append(PartSpec(str(key), title, None, limit, headings))
        return tuple(parts)

    def _once(self, key: str, location: Location, listed_at: dict[str, Location]) -> None:
        """Report a part listed a second time, at the second listing."""
        if key in listed_at:
            self._problem(f"part '{key}' appears twice in 'parts' (first on line {listed_at[key].line})", location)
        else:
            listed_at[key] = location

    def _columns(self, table: MetaMap, short: str) -> tuple[Column, ...]:
        """The table's columns; the ref column's header, unless the template sets one, is the plan's
        abbreviation and its word for an item ("DAP item", "LAP action"), so that it cannot name
        another plan or call a row what the plan does not."""
        default_limit = int(str(_value(table.get("max_cell_words"), 40)))
        columns: list[Column] = []
        for node in _maps(table.get("columns")):
            key = str(_value(node.get("key"), ""))
            header = _value(node.get("header"))
            if header is None and key == "ref":
                header = f"{short} {self.item_term}".strip()
                header = header[:1].upper() + header[1:]
            elif header is None:
                self._problem(f"column '{key}' has no header", node.location,
                              "add 'header:' with what its head prints (only 'ref' may leave it to the plan)")
            values_node = node.get("values")
            values = None
            if isinstance(values_node, MetaMap):
                values = tuple((entry.key, str(_value(entry.value, entry.key))) for entry in values_node.entries)
            width = _value(node.get("width"))
            columns.append(Column(
                key=key,
                header=str(header or ""),
                required=bool(_value(node.get("required"), False)),
                max_words=int(str(_value(node.get("max_words"), default_limit))),
                description=str(_value(node.get("description"), "")),
                width=float(width) if isinstance(width, (int, float)) else None,
                values=values,
            ))
        keys = [column.key for column in columns]
        if "ref" not in keys:
            self._problem("the table needs a column with key 'ref'", table.location)
        for key in {key for key in keys if keys.count(key) > 1}:
            self._problem(f"column '{key}' appears twice", table.location)
        return tuple(columns)
