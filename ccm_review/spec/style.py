"""The editorial part of templates/review.yaml: rule settings and the house style, as typed values.

`rules:` gives a rule code a severity (error, warning) or switches it off; `style:` holds the
choices the editorial rules (CCM040 and up) follow. Both are checked when the template is loaded,
so a mistake stops the command with its line and the valid choices.
"""

from __future__ import annotations

from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.record import Record, set_field
from ccm_review.patterns import compile_pattern
from ccm_review.spec.rules import ERROR, RULES, SETTINGS, known, rule
from ccm_review.spec.shape import Field, ListOf, MapOf, Problem, Scalar, closest

DEFAULT_MAX_SENTENCE_WORDS = 40
DEFAULT_MIN_READING_EASE = 30.0

_TEXT = Scalar(("str",))
_TEXTS = ListOf(_TEXT)
_ABBREVIATION = compile_pattern(r"[0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*")
_ISE_WORD = compile_pattern(r"[a-z]+is(e|ation)")
# Words that keep -ise in Oxford spelling too: listing one would flag correct text.
_ALWAYS_ISE = frozenset({
    "advertise", "advise", "apprise", "arise", "chastise", "circumcise", "comprise", "compromise", "demise",
    "despise", "devise", "disguise", "enfranchise", "enterprise", "excise", "exercise", "expertise",
    "franchise", "improvise", "incise", "merchandise", "premise", "promise", "revise", "rise", "supervise",
    "surmise", "surprise", "televise", "treatise", "wise",
})

RULES_FIELD = Field(MapOf(other=Scalar(("str",), allowed=SETTINGS)))
STYLE_FIELD = Field(MapOf({
    "house_terms": Field(_TEXTS, description="terms written one way only, e.g. [States Parties]"),
    "abbreviations": Field(MapOf(other=_TEXT)),
    "plain_abbreviations": Field(_TEXTS),
    "never_abbreviate": Field(MapOf(other=_TEXT)),
    "ise_words": Field(_TEXTS),
    "max_sentence_words": Field(Scalar(("int",))),
    "min_reading_ease": Field(Scalar(("int", "float"))),
}))


class Style(Record):
    """The house style the editorial rules follow."""

    __slots__ = (  # noqa: RUF023
        "house_terms", "abbreviations", "plain_abbreviations", "never_abbreviate", "ise_words", "max_sentence_words",
        "min_reading_ease",
    )
    house_terms: tuple[str, ...]
    abbreviations: tuple[tuple[str, str], ...]  # (abbreviation, what it stands for)
    plain_abbreviations: tuple[str, ...]  # used without spelling out, e.g. CHF
    never_abbreviate: tuple[tuple[str, str], ...]  # (abbreviation, what to write instead)
    ise_words: tuple[str, ...]  # British -ise spellings, e.g. organise
    max_sentence_words: int
    min_reading_ease: float

    def __init__(self, house_terms: tuple[str, ...] = (), abbreviations: tuple[tuple[str, str], ...] = (),
                 plain_abbreviations: tuple[str, ...] = (), never_abbreviate: tuple[tuple[str, str], ...] = (),
                 ise_words: tuple[str, ...] = (), max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS,
                 min_reading_ease: float = DEFAULT_MIN_READING_EASE) -> None:
        set_field(self, "house_terms", house_terms)
        set_field(self, "abbreviations", abbreviations)
        set_field(self, "plain_abbreviations", plain_abbreviations)
        set_field(self, "never_abbreviate", never_abbreviate)
        set_field(self, "ise_words", ise_words)
        set_field(self, "max_sentence_words", max_sentence_words)
        set_field(self, "min_reading_ease", min_reading_ease)

    def expansion(self, abbreviation: str) -> str | None:
        """Return what `abbreviation` stands for, if the template says."""
        return dict(self.abbreviations).get(abbreviation)


def read_rule_settings(node: MetaNode | None, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """Return (code, severity or off) for every rule the template configures; report wrong ones."""
    if not isinstance(node, MetaMap):
        return ()
    settings: list[tuple[str, str]] = []
    codes = [entry.code for entry in RULES]
    for entry in node.entries:
        value = str(entry.value.value) if isinstance(entry.value, MetaScalar) else ""
        if not known(entry.key):
            suggestion = closest(entry.key, codes)
            hint = f"did you mean {suggestion}? " if suggestion else ""
            problems.append(Problem("value", f"'rules' names an unknown rule '{entry.key}'", entry.key_location,
                                    f"{hint}rules: {', '.join(codes)} (see `ccm-review rules`)"))
            continue
        if rule(entry.key).locked and value != ERROR:
            problems.append(Problem("value", f"{entry.key} guards the build and is always an error",
                                    entry.value.location, f"remove the line or write '{entry.key}: error'"))
            continue
        settings.append((entry.key, value))
    return tuple(settings)


def read_style(node: MetaNode | None, problems: list[Problem]) -> Style:
    """Return the house style of the template (defaults where it says nothing); report wrong values."""
    if not isinstance(node, MetaMap):
        return Style()
    max_words = node.get("max_sentence_words")
    ease = node.get("min_reading_ease")
    return Style(
        house_terms=_house_terms(node.get("house_terms"), problems),
        abbreviations=_abbreviations(node.get("abbreviations"), "abbreviations", problems),
        plain_abbreviations=_plain(node.get("plain_abbreviations"), problems),
        never_abbreviate=_abbreviations(node.get("never_abbreviate"), "never_abbreviate", problems),
        ise_words=_ise_words(node.get("ise_words"), problems),
        max_sentence_words=int(_number(max_words, 5, 200, "max_sentence_words", problems,
                                       DEFAULT_MAX_SENTENCE_WORDS)),
        min_reading_ease=float(_number(ease, 0, 100, "min_reading_ease", problems, DEFAULT_MIN_READING_EASE)),
    )


def _scalars(node: MetaNode | None) -> list[MetaScalar]:
    return [item for item in node.items if isinstance(item, MetaScalar)] if isinstance(node, MetaList) else []


def _house_terms(node: MetaNode | None, problems: list[Problem]) -> tuple[str, ...]:
    terms: dict[str, str] = {}
    for item in _scalars(node):
        term = " ".join(str(item.value).split())
        if not term:
            problems.append(Problem("value", "a house term is empty", item.location, "e.g. States Parties"))
        elif term.casefold() in terms:
            problems.append(Problem("value", f"'style.house_terms' lists '{terms[term.casefold()]}' and '{term}'",
                                    item.location, "choose one way of writing the term and list it once"))
        else:
            terms[term.casefold()] = term
    return tuple(terms.values())


def _abbreviations(node: MetaNode | None, key: str, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    if not isinstance(node, MetaMap):
        return ()
    pairs: list[tuple[str, str]] = []
    for entry in node.entries:
        expansion = " ".join(str(entry.value.value).split()) if isinstance(entry.value, MetaScalar) else ""
        if not _ABBREVIATION.fullmatch(entry.key):
            problems.append(Problem("value", f"'style.{key}' has '{entry.key}', which is not an abbreviation",
                                    entry.key_location, "an abbreviation is two or more capital letters, maybe "
                                    "with digits, e.g. ISU or 2RC"))
        elif not expansion:
            problems.append(Problem("value", f"'style.{key}.{entry.key}' is empty", entry.value.location,
                                    "write what it stands for, e.g. ISU: Implementation Support Unit"))
        else:
            pairs.append((entry.key, expansion))
    return tuple(pairs)


def _plain(node: MetaNode | None, problems: list[Problem]) -> tuple[str, ...]:
    words: list[str] = []
    for item in _scalars(node):
        word = str(item.value)
        if _ABBREVIATION.fullmatch(word):
            words.append(word)
        else:
            problems.append(Problem("value", f"'style.plain_abbreviations' has '{word}', which is not an "
                                    "abbreviation", item.location, "two or more capital letters, e.g. CHF"))
    return tuple(words)


def _ise_words(node: MetaNode | None, problems: list[Problem]) -> tuple[str, ...]:
    words: list[str] = []
    for item in _scalars(node):
        word = str(item.value)
        if not _ISE_WORD.fullmatch(word):
            problems.append(Problem("value", f"'style.ise_words' has '{word}', which is not an -ise word",
                                    item.location, "list British spellings in lower case, one word each, e.g. "
                                    "organise, recognise, prioritise"))
        elif word in _ALWAYS_ISE:
            problems.append(Problem("value", f"'{word}' is written with -ise in Oxford spelling too",
                                    item.location, "remove it from 'style.ise_words'"))
        elif word in words:
            problems.append(Problem("value", f"'style.ise_words' lists '{word}' twice", item.location))
        else:
            words.append(word)
    return tuple(words)


def _number(node: MetaNode | None, low: float, high: float, key: str, problems: list[Problem],
            default: float) -> float:
    if not isinstance(node, MetaScalar) or not isinstance(node.value, (int, float)):
        return default  # absent; a wrong type is reported by the shape
    if not low <= node.value <= high:
        problems.append(Problem("value", f"'style.{key}' is {node.value}, outside {low:g}-{high:g}",
                                node.location, f"choose a value between {low:g} and {high:g}"))
        return default
    return float(node.value)
