"""YAML text -> located MetaNode trees. The only module that touches ruamel.yaml.

Well-formed text is composed by libyaml (ruamel.yaml.clib), about ten times faster than ruamel's
pure-Python parser; what libyaml cannot give exactly as the pure parser would (anchors) and
every error go to the pure parser, whose messages and positions the friendly
layer was written for. Without the compiled library everything takes the pure path.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import main as ruamel_main
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from ccm_review.load.files import CONTROL
from ccm_review.load.friendly import diagnose, explain, plain_message
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaEntry, MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.record import Record, set_field
from ccm_review.patterns import compile_pattern

_CORE_TAG = "tag:yaml.org,2002:"
_KINDS = ("str", "int", "float", "bool", "null", "timestamp")
_COLLECTION_TAGS = (f"{_CORE_TAG}seq", f"{_CORE_TAG}map")


class YamlProblem(Record):
    """Why a YAML text could not be read, and where."""

    __slots__ = ("message", "location", "hint")  # noqa: RUF023
    message: str
    location: Location
    hint: str | None

    def __init__(self, message: str, location: Location, hint: str | None = None) -> None:
        set_field(self, "message", message)
        set_field(self, "location", location)
        set_field(self, "hint", hint)


class _Resolver(VersionedResolver):
    """ruamel's resolver, told which YAML version every text here is in instead of asking twice a scalar.

    Its question looks for the scanner's `%YAML` directive, which under libyaml raises and catches an
    AttributeError each time: a fifth of composing the templates. No text here has a directive
    (`friendly.diagnose` refuses one before parsing), so the answer is always ruamel's default, 1.2;
    a test checks that both resolvers tag every scalar of the shipped YAML alike.
    """

    @property
    def processing_version(self) -> Any:
        return YAML_VERSION

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """ruamel's tag for a node; a plain scalar's is kept by its text, which alone decides it here (the
        version fixed, no path resolvers): front matter repeats its keys and short values row after row."""
        if kind is not ScalarNode or not implicit[0] or len(value) > _KEPT_TAG_LENGTH:
            return super().resolve(kind, value, implicit)
        tag = _plain_tags.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_plain_tags) >= _KEPT_TAGS:  # a long preview of ever new texts: start again
                _plain_tags.clear()
            _plain_tags[value] = tag
        return tag


YAML_VERSION = (1, 2)
_KEPT_TAG_LENGTH = 40
_KEPT_TAGS = 4096
_plain_tags: dict[str, Any] = {}


def _yaml(pure: bool) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.Resolver = _Resolver
    return yaml


# One idle YAML object per parser: making one looks for ruamel's plug-ins on disk (a glob), a fifth of
# composing a section's front matter. A parse takes the object out while it works, so that two threads
# never share one (the other makes its own), and puts it back only when the text was composed: ruamel resets
# its reader, scanner and parser after an error, but a rare error can pay for a new object rather than count
# on every piece of its state being reset.
_idle: dict[bool, YAML] = {}


def _compose_with(pure: bool, text: str) -> Node | None:
    """Compose `text` with the idle YAML object of that parser, made when there is none."""
    yaml = _idle.pop(pure, None) or _yaml(pure)
    node: Node | None = yaml.compose(text)
    yaml.doc_infos.clear()  # ruamel keeps one per document composed
    _idle[pure] = yaml
    return node


class _Refused(Exception):
    """Raised while walking the node graph for constructs we do not accept."""

    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse_yaml(text: str, file: str, line_offset: int = 0) -> MetaNode | YamlProblem | None:
    """Parse `text` into a MetaNode (None for an empty document) or say why it is not YAML.

    `line_offset` is the number of lines before `text` in its file, so that every location
    points into the file as the author sees it.
    """
    habit = diagnose(text)
    if habit is not None:
        return YamlProblem(habit.message, Location(file, line_offset + habit.line, habit.column), habit.hint)
    try:
        root = _compose(text)
    except MarkedYAMLError as error:
        return _problem_from_marked(error, text, file, line_offset)
    except YAMLError as error:
        return YamlProblem(str(error).strip(), Location(file, line_offset + 1, 1))
    except RecursionError:
        return YamlProblem("the YAML is nested too deeply", Location(file, line_offset + 1, 1))
    if root is None:
        return None
    try:
        return _convert(root, file, line_offset, set())
    except _Refused as refused:
        return refused.problem
    except RecursionError:
        return YamlProblem("the YAML is nested too deeply", Location(file, line_offset + 1, 1))


def _compose(text: str) -> Node | None:
    """Return the node graph of `text`, composed by libyaml where that gives the same graph."""
    if _needs_pure_parser(text):
        return _compose_pure(text)
    if getattr(ruamel_main, "CParser", None) is None:  # no compiled library here (ruamel's own test of it)
        return _compose_pure(text)
    try:
        node = _compose_with(False, text)
    except YAMLError:
        return _compose_pure(text)  # raises again, worded and placed as the friendly layer expects
    return node


def _compose_pure(text: str) -> Node | None:
    with warnings.catch_warnings():
        # ruamel warns about a reused anchor on stderr; anchors are refused with a located error.
        warnings.simplefilter("ignore")
        return _compose_with(True, text)


def _needs_pure_parser(text: str) -> bool:
    """Whether `text` may hold what libyaml reads otherwise than the pure parser.

    libyaml's nodes do not keep their anchor, so an anchor without an alias would go unseen ("R&D"
    costs the slow path for nothing); it accepts tabs and a comment right after a block scalar's
    `|` where the pure parser gives an error the friendly layer explains; it places an empty
    document's null differently, and it reads Unicode line separators and byte order marks
    otherwise. Property tests compare both parsers on generated text.
    Directives, which libyaml would read differently (`%YAML 1.1`), never get here:
    `friendly.diagnose` refuses them first.
    """
    return "&" in text or "\t" in text or _DIFFERENT.search(text) is not None


_DIFFERENT = compile_pattern(r"[|>][-+0-9]*#|^(?:---|\.\.\.)|[\r\u2028\u2029\x85\ufeff]", re.MULTILINE)


def _location(node: Node, file: str, line_offset: int) -> Location:
    return Location(file, line_offset + node.start_mark.line + 1, node.start_mark.column + 1)


def _problem_from_marked(error: MarkedYAMLError, text: str, file: str, line_offset: int) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    context = (error.context or "").strip()
    if ("quoted scalar" in context or "flow sequence" in context or "flow mapping" in context) \
            and error.context_mark:
        mark = error.context_mark  # an unclosed quote or bracket is found later: point at where it opens
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (error.problem or "not valid YAML").strip()
    message = plain_message(f"{problem} ({context})" if context else problem)
    return YamlProblem(message, Location(file, line_offset + line, column), explain(problem, text, line))


def _convert(node: Node, file: str, offset: int, seen: set[int]) -> MetaNode:
    location = _location(node, file, offset)
    if id(node) in seen or getattr(node, "anchor", None):
        raise _Refused(
            YamlProblem(
                "YAML anchors and aliases (&name, *name, <<) are not allowed",
                location,
                "write the values out in full",
            )
        )
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        return _scalar(node, location)
    if str(node.tag) not in _COLLECTION_TAGS:
        # A tag on a list or mapping ("!!python/object/apply:os.system [...]") would be ignored
        # silently otherwise; nothing is ever constructed from it, but it is refused like any tag.
        hint = "remove the tag (the word starting with '!')"
        raise _Refused(YamlProblem(f"YAML tag '{node.tag}' is not allowed", location, hint))
    if isinstance(node, SequenceNode):
        items = tuple(_convert(item, file, offset, seen) for item in node.value)
        return MetaList(items, location)
    if isinstance(node, MappingNode):
        return _mapping(node, location, file, offset, seen)
    raise _Refused(YamlProblem("unsupported YAML construct", location))


def _mapping(node: MappingNode, location: Location, file: str, offset: int, seen: set[int]) -> MetaMap:
    entries: list[MetaEntry] = []
    keys: set[str] = set()
    for key_node, value_node in node.value:
        key_location = _location(key_node, file, offset)
        if isinstance(key_node, ScalarNode) and key_node.value == "<<":
            raise _Refused(
                YamlProblem("YAML merge keys (<<) are not allowed", key_location, "write the values out in full")
            )
        if not isinstance(key_node, ScalarNode) or str(key_node.tag) != f"{_CORE_TAG}str":
            raise _Refused(YamlProblem("a key must be a plain word", key_location,
                                       "write keys as plain words, e.g. 'status:'"))
        key = str(key_node.value)
        if key in keys:
            raise _Refused(
                YamlProblem(f"duplicate key '{key}'", key_location, "each key may appear once; remove one of them")
            )
        keys.add(key)
        value = _convert(value_node, file, offset, seen)
        if isinstance(value, MetaScalar) and value_node.value == "" and not getattr(value_node, "style", None):
            # An empty value ("status:") gets the position of the next token from the parser;
            # it belongs on the key's own line, just after the colon.
            end = key_node.end_mark
            value = MetaScalar(value.value, value.kind, Location(file, offset + end.line + 1, end.column + 2))
        entries.append(MetaEntry(key, key_location, value))
    return MetaMap(tuple(entries), location)


def _scalar(node: ScalarNode, location: Location) -> MetaScalar:
    tag = str(node.tag)
    kind = tag[len(_CORE_TAG):] if tag.startswith(_CORE_TAG) else ""
    if kind not in _KINDS:
        raise _Refused(
            YamlProblem(f"YAML tag '{tag}' is not allowed", location, "remove the tag (the word starting with '!')")
        )
    text: str = node.value
    control = CONTROL.search(text)
    if control is not None:  # only an escape ("\\u000b") can bring one here: the file itself was checked
        raise _Refused(YamlProblem(f"the value holds the control character U+{ord(control.group()):04X}, which a "
                                   "document cannot print", location, "remove the escape sequence"))
    if kind == "int":
        try:
            return MetaScalar(_to_int(text), "int", location)
        except ValueError:
            return MetaScalar(text, "str", location)
    if kind == "float":
        try:
            return MetaScalar(float(text.replace("_", "")), "float", location)
        except ValueError:
            return MetaScalar(text, "str", location)
    if kind == "bool":
        return MetaScalar(text.lower() == "true", "bool", location)
    if kind == "null":
        return MetaScalar(None, "null", location)
    if kind == "timestamp":
        return MetaScalar(text, "date", location)
    return MetaScalar(text, "str", location)


def _to_int(text: str) -> int:
    cleaned = text.replace("_", "")
    lowered = cleaned.lower()
    if lowered.startswith(("0o", "+0o", "-0o")):
        return int(cleaned.replace("o", "").replace("O", ""), 8)
    return int(cleaned, 0) if lowered.startswith(("0x", "+0x", "-0x")) else int(cleaned, 10)
