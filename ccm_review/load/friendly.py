"""Plain-language diagnoses of YAML mistakes that people who write in Word make.

Tabs for indentation, non-breaking or other Unicode spaces pasted from Word, curly quotes from
AutoFormat, table rows that do not line up: the parser's own messages ("found character that
cannot start any token") mean nothing to a coordinator, so these are found first, or explained.
"""

from __future__ import annotations

from ccm_review.model.record import Record, set_field
from ccm_review.patterns import compile_pattern

MAX_DEPTH = 32
_ODD_SPACES = {"\u00a0": "a non-breaking space", "\u2007": "a figure space", "\u202f": "a narrow non-breaking space",
               "\u3000": "an ideographic space", "\u2002": "an en space", "\u2003": "an em space"}
_CURLY = "\u201c\u201d\u2018\u2019"
_KEY_START = compile_pattern(r"^(\s*)(- +)?([^\s:#][^:#]*?)\s*:(\s|$)")


class Diagnosis(Record):
    """A mistake found before parsing: 1-based line and column within the text, and what to do."""

    __slots__ = ("line", "column", "message", "hint")  # noqa: RUF023
    line: int
    column: int
    message: str
    hint: str

    def __init__(self, line: int, column: int, message: str, hint: str) -> None:
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "message", message)
        set_field(self, "hint", hint)


def diagnose(text: str) -> Diagnosis | None:
    """Return the first Word habit or excessive nesting that would confuse the parser, if any."""
    # Each habit needs its character somewhere in the text: most texts have none, and no line is then read.
    if "\t" in text or "%" in text or any(char in text for char in _ODD_SPACES):
        for number, line in enumerate(text.split("\n"), start=1):
            found = _tab(line, number) or _odd_space(line, number) or _directive(line, number)
            if found:
                return found
    return _too_deep(text)


def _directive(line: str, number: int) -> Diagnosis | None:
    # After a byte order mark (a second one: reading the file took off the first) the parser still sees one.
    if line.lstrip("\ufeff").startswith("%"):
        return Diagnosis(number, 1, "a YAML directive (a line starting with '%') is not allowed in front matter",
                         "delete the line")
    return None


def _tab(line: str, number: int) -> Diagnosis | None:
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" in line[:indent]:
        return Diagnosis(number, line.index("\t") + 1, "the line is indented with a tab",
                         "indent with spaces, two per level (editors: turn 'insert spaces' on)")
    return None


def _odd_space(line: str, number: int) -> Diagnosis | None:
    if not any(char in line for char in _ODD_SPACES):
        return None  # most lines: found without looking at each character in Python
    for char, name in _ODD_SPACES.items():
        for column, found in enumerate(line):
            if found != char:
                continue
            before = line[:column]
            # Inside a value such a space is text ("10 700"); around the structure it breaks YAML.
            if not before.strip(" " + "".join(_ODD_SPACES)) or before.rstrip().endswith((":", "-")):
                return Diagnosis(number, column + 1, f"the line holds {name}, probably pasted from Word",
                                 "delete it and type a normal space")
    return None


def _too_deep(text: str) -> Diagnosis | None:
    """The parser recurses once per level and takes seconds to give up on a few thousand."""
    # Brackets nest deeper than MAX_DEPTH only where more than MAX_DEPTH of them open: in most texts
    # (every catalogue and section shipped) they do not, and no line need be read character by character.
    may_nest = text.count("[") + text.count("{") > MAX_DEPTH
    depth = 0
    quote = ""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) - len(line.lstrip(" ")) > 2 * MAX_DEPTH:
            return _deep(number)
        if not may_nest or (not quote and _STRUCTURE.search(line) is None):
            continue  # no bracket, quote or comment: nothing to count on this line
        before = ""  # the last character outside quotes that is not a space: a quote opens only after
        for index, char in enumerate(line):  # one of these, not inside plain text ("States' reports")
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"" and before in _BEFORE_QUOTE:
                quote = char
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                break
            elif char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return _deep(number)
            elif char in "]}":
                depth = max(0, depth - 1)
            if not quote and not char.isspace():
                before = char
        quote = "" if quote == "'" else quote
    return None


_BEFORE_QUOTE = ("", "[", "{", ",", ":", "-", "?")
_STRUCTURE = compile_pattern(r"[\[\]{}'\"#]")


def _deep(number: int) -> Diagnosis:
    return Diagnosis(number, 1, f"the YAML is nested more than {MAX_DEPTH} levels deep",
                     "front matter needs a few levels at most")


_PLAIN = (
    ("expected <block end>", "this line does not line up with the lines above it"),
    ("mapping values are not allowed", "a value holds ': ' without quotes around it"),
    ("could not find expected ':'", "a line lacks 'key: value'"),
    ("while scanning a quoted scalar", "a quotation mark is not closed"),
    ("found unexpected end of stream", "a quotation mark or bracket is not closed"),
    ("expected ',' or ']'", "a list in [brackets] is not closed"),
    ("expected ',' or '}'", "a mapping in {braces} is not closed"),
)


def plain_message(problem: str) -> str:
    """Return the parser's `problem` in words a coordinator understands, keeping the original."""
    for needle, plain in _PLAIN:
        if needle in problem:
            return f"{plain} (YAML says: {problem})"
    return problem


def explain(problem: str, text: str, line: int) -> str:
    """Return a hint for the parser's `problem` found on 1-based `line` of `text`."""
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if any(quote in current for quote in _CURLY):
        return "use straight quotes (\") around text, not curly quotes \u201c \u201d (Word's AutoFormat adds them)"
    if "expected ',' or ']'" in problem:
        return "close the list on the same line, e.g. coordinators: [Mexico, Spain]"
    if "expected ',' or '}'" in problem:
        return "close the braces on the same line, e.g. {ref: \"4.1\", assessment: achieved}"
    if "end of stream" in problem or "quoted scalar" in problem:
        return "close the quotation mark where the text ends"
    if "mapping values are not allowed" in problem:
        return "put quotes around a value that contains ': ', e.g. indicator: \"Rate: 80 per cent\""
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return _alignment_hint(lines, line) or "each line needs 'key: value'; check the indentation above"
    return "check the indentation and the quotes on this line and the one before"


def _alignment_hint(lines: list[str], line: int) -> str | None:
    """Say where the keys of the table row above start, when a line does not line up with them."""
    if not 0 < line <= len(lines):
        return None
    here = lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    for above in reversed(lines[: line - 1]):
        match = _KEY_START.match(above)
        if not match:
            continue
        key_column = len(match.group(1)) + len(match.group(2) or "")
        if key_column != indent:
            first_key = match.group(3)
            return (f"this line starts at column {indent + 1}, but the keys of the row above start at "
                    f"column {key_column + 1} (under '{first_key}:'); line them up with spaces")
        return None
    return None
