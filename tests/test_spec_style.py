"""The editorial part of templates/review.yaml (ccm_review/spec/style.py): the house style and the
rule settings, as the shipped template gives them and when the template leaves them out.
"""

from __future__ import annotations

from pathlib import Path

from ccm_review.spec.template import Spec, load_spec
from tests.helpers import REVIEW


def test_the_house_style_and_rule_settings(spec: Spec) -> None:
    style = spec.style
    assert spec.rule_settings == ()
    assert spec.final_status == "final"
    assert style.house_terms == ("States Parties", "State Party")
    assert style.expansion("ISU") == "Implementation Support Unit" and style.expansion("XYZ") is None
    assert dict(style.never_abbreviate)["UN"] == "United Nations"
    assert {"organise", "recognise", "prioritise"} <= set(style.ise_words)
    assert style.plain_abbreviations == ("CHF", "EUR", "USD")
    assert (style.max_sentence_words, style.min_reading_ease) == (40, 30.0)


def test_a_template_without_style_uses_the_defaults(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text[:text.index("\n# The severity of a rule")] + "\n", encoding="utf-8")
    spec = load_spec(project)
    assert spec.rule_settings == () and spec.style.house_terms == ()
    assert (spec.style.max_sentence_words, spec.style.min_reading_ease) == (40, 30.0)


def test_rule_settings_are_read(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("rules: {}", "rules:\n  CCM049: off\n  CCM045: error\n  CCM032: error"),
                      encoding="utf-8")
    assert load_spec(project).rule_settings == (("CCM049", "off"), ("CCM045", "error"), ("CCM032", "error"))
