"""The content part of templates/review.yaml (ccm_review/spec/content.py) and the catalogue's count
of action points: what the shipped templates give, the defaults, and mistakes reported with their line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccm_review.errors import TemplateError
from ccm_review.spec.content import DEFAULT_NO_DATA, DEFAULT_REPEATED_NOTES
from ccm_review.spec.template import Spec, load_spec
from tests.helpers import DAP, REVIEW


def test_the_shipped_content_settings_and_count(spec: Spec) -> None:
    content = spec.content
    assert {"not compiled", "not reported", "no data"} <= set(content.no_data)
    assert content.periodicals == (("Cluster Munition Monitor", 8),)
    assert content.repeated_notes == 3
    assert spec.action_points == 32


def _replace_content(project: Path, lines: str) -> int:
    """Put `lines` in place of the template's content: block; return the line the block starts on."""
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    block = re.search(r"(?ms)^content:\n.*?(?=^\S)", text)
    assert block
    review.write_text(text.replace(block.group(0), lines + "\n"), encoding="utf-8")
    return text[:block.start()].count("\n") + 1


def test_a_template_without_content_settings_uses_the_defaults(project: Path) -> None:
    _replace_content(project, "")
    (project / DAP).write_text(re.sub(r"(?m)^action_points: .*\n", "",
                                      (project / DAP).read_text(encoding="utf-8")), encoding="utf-8")
    spec = load_spec(project)
    assert spec.content.no_data == DEFAULT_NO_DATA
    assert spec.content.periodicals == ()
    assert spec.content.repeated_notes == DEFAULT_REPEATED_NOTES
    assert spec.action_points is None


def test_phrases_are_compared_in_lower_case_with_single_spaces(project: Path) -> None:
    _replace_content(project, "content:\n  no_data: [\"Not   Compiled\", not compiled, N/A]")
    assert load_spec(project).content.no_data == ("not compiled", "n/a")


@pytest.mark.parametrize("lines, offset, message", [
    ("content:\n  periodicals:\n    Cluster Munition Monitor: Augst", 2, "not a month"),
    ("content:\n  repeated_notes: 1", 1, "choose 2 or more"),
    ("content:\n  no_data: [\"\"]", 1, "empty"),
    ("content:\n  repeated_notes: three", 1, "repeated_notes"),
    ("content:\n  no_dta: [not compiled]", 1, "no_dta"),
], ids=["month-misspelt", "repeats-below-two", "empty-phrase", "count-in-words", "unknown-key"])
def test_a_mistake_in_the_content_settings_stops_with_its_line(project: Path, lines: str, offset: int,
                                                                message: str) -> None:
    start = _replace_content(project, lines)
    with pytest.raises(TemplateError) as raised:
        load_spec(project)
    text = str(raised.value.message)
    assert f"{REVIEW}:{start + offset}:" in text and message in text, text
