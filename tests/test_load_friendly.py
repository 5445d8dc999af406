"""Mistakes of people who write in Word get a message in plain words, on the right line
(ccm_review/load/friendly.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_review.load import friendly
from ccm_review.load.friendly import MAX_DEPTH, diagnose
from ccm_review.load.yaml import YamlProblem, parse_yaml

FILE = "sections/04-victim-assistance.md"


@pytest.mark.parametrize(("text", "line", "column", "message", "hint"), [
    pytest.param("action: 4\ntable:\n\t- ref: '4.1'\n", 4, 1, "indented with a tab", "spaces", id="tab"),
    pytest.param("status:\u00a0draft\n", 2, 8, "non-breaking space", "normal space", id="nbsp-after-colon"),
    pytest.param("table:\n\u00a0 - ref: x\n", 3, 1, "non-breaking space", "normal space", id="nbsp-indent"),
    pytest.param("indicator: \u201cRate: 80 per cent\u201d\n", 2, 17, "': ' without quotes", "straight quotes",
                 id="curly-quotes"),
    pytest.param('table:\n  - ref: "4.1"\n   indicator: x\n', 4, 4, "does not line up",
                 "keys of the row above start at column 5 (under 'ref:')", id="misindented-row"),
    pytest.param("status: draft\nstatus: final\n", 3, 1, "duplicate key 'status'", "remove one", id="duplicate-key"),
    pytest.param('indicator: "unclosed\n', 2, 12, "not closed", None, id="unclosed-quote"),
])
def test_word_habits_are_explained(text: str, line: int, column: int, message: str, hint: str | None) -> None:
    problem = parse_yaml(text, FILE, line_offset=1)
    assert isinstance(problem, YamlProblem), problem
    assert (problem.location.line, problem.location.column) == (line, column)
    assert message in problem.message
    if hint:
        assert problem.hint and hint in problem.hint


def test_a_non_breaking_space_inside_a_value_is_text() -> None:
    node = parse_yaml("indicator: 10\u00a0700 words\n", FILE)
    assert not isinstance(node, YamlProblem)


# --- nesting depth --------------------------------------------------------------------------------


def test_apostrophes_in_plain_values_do_not_count_as_quotes_when_measuring_depth() -> None:
    # A catalogue line such as `summary: support affected States' capacity}` once left a quote
    # "open", so that every later bracket deepened the count: 33 such lines made the template fail.
    text = "\n".join(f"- {{ref: '{n}.1', summary: supports States' capacity}}" for n in range(40))
    assert diagnose(text) is None
    assert not isinstance(parse_yaml(text, FILE), YamlProblem)


def test_quotes_that_open_a_value_still_hide_brackets() -> None:
    assert diagnose("a: '" + "[" * 40 + "'\nb: \"" + "{" * 40 + "\"\n") is None
    assert diagnose("a: " + "[" * 40 + "]" * 40 + "\n") is not None


@pytest.mark.parametrize("opening", ["[", "{"])
def test_brackets_are_refused_one_level_past_the_limit_and_not_at_it(opening: str) -> None:
    closing = {"[": "]", "{": "}"}[opening]
    at_limit = "a: " + opening * MAX_DEPTH + closing * MAX_DEPTH + "\n"
    assert diagnose(at_limit) is None
    past = "a: " + opening * (MAX_DEPTH + 1) + closing * (MAX_DEPTH + 1) + "\n"
    found = diagnose(past)
    assert found is not None and "nested more than" in found.message


def test_brackets_spread_over_lines_count_as_nesting_too() -> None:
    # Few brackets on each line, many in the text: the count is the text's, not the line's.
    text = "a:\n" + "".join(f"{'  ' * 2}[\n" for _ in range(MAX_DEPTH + 1)) + "  " + "]" * (MAX_DEPTH + 1) + "\n"
    found = diagnose(text)
    assert found is not None and found.line == MAX_DEPTH + 2


def _diagnosed_line_by_line(text: str) -> friendly.Diagnosis | None:
    """`diagnose` as it reads every line, without the whole-text test before."""
    for number, line in enumerate(text.split("\n"), start=1):
        found = friendly._tab(line, number) or friendly._odd_space(line, number) or friendly._directive(line, number)
        if found:
            return found
    return friendly._too_deep(text)


# Pieces of front matter with and without the habits: generated texts put them together at random.
_PIECES = st.sampled_from(["a: 1", "- x", "\n", " ", "  ", "\t", "%", "\ufeff", "# c", ":", "'", "[", "e\u0301",
                           "\u00a0", "\u2007", "\u202f", "\u3000", "\u2002", "\u2003", "\u2009", "\r"])


@settings(max_examples=1500, derandomize=True, deadline=None, database=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_the_whole_text_test_finds_what_reading_every_line_finds(text: str) -> None:
    assert diagnose(text) == _diagnosed_line_by_line(text)
