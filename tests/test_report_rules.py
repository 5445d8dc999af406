"""The rule catalogue printed (ccm_review/report/rules.py): `ccm-review rules` as text and JSON, and
docs/rules.md generated from the registry.
"""

from __future__ import annotations

import json

from ccm_review.report.rules import format_rules_markdown
from ccm_review.spec.rules import RULES
from tests.helpers import REPO, invoke


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    shipped = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == format_rules_markdown(), "regenerate it: ccm-review rules --format markdown > docs/rules.md"
    for entry in RULES:
        assert f"| {entry.code} |" in shipped


def test_rules_prints_the_catalogue_as_text() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("CCM001  error    yaml-syntax")
    assert all(any(line.startswith(entry.code) for line in lines) for entry in RULES)


def test_rules_prints_the_catalogue_as_json() -> None:
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["version"] == 1
    assert [item["code"] for item in payload["rules"]] == [entry.code for entry in RULES]
    assert list(payload["rules"][0]) == ["code", "name", "severity", "description", "example", "locked", "scope"]
    scopes = {item["code"]: item["scope"] for item in payload["rules"]}
    assert scopes["CCM014"] == scopes["CCM043"] == "document"
    assert scopes["CCM011"] == scopes["CCM040"] == "file"


def test_rules_text_marks_the_document_wide_rules() -> None:
    lines = invoke("rules").stdout.splitlines()
    assert any(line.startswith("CCM022") and "document-wide" in line for line in lines)
    assert not any(line.startswith("CCM021") and "document-wide" in line for line in lines)


def test_rules_refuses_an_unknown_format() -> None:
    result = invoke("rules", "--format", "xml")
    assert result.exit_code == 2
