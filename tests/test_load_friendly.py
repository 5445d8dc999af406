"""Mistakes of people who write in Word get a message in plain words, on the right line."""

from __future__ import annotations

import pytest

from ccm_review.load.files import EncodingProblem, decode_source
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


@pytest.mark.parametrize(("data", "says"), [
    pytest.param("---\nstatus: draft\n".encode("utf-16"), "UTF-16", id="utf-16"),
    pytest.param("---\npart: introduction\n---\nC\u00f4te d'Ivoire\n".encode("cp1252"), "Latin-1", id="latin-1"),
])
def test_files_saved_in_another_encoding_are_named(data: bytes, says: str) -> None:
    problem = decode_source(data, FILE)
    assert isinstance(problem, EncodingProblem)
    assert says in problem.message + problem.hint


def test_a_bom_and_crlf_are_accepted_silently() -> None:
    text = decode_source(b"\xef\xbb\xbf---\r\nstatus: draft\r\n---\r\n", FILE)
    assert text == "---\nstatus: draft\n---\n"
