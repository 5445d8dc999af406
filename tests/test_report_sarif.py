"""`check --format sarif`: a SARIF 2.1.0 log that validates against the OASIS schema (vendored)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ccm_review.spec.rules import DOCUMENT_RULES, RULES
from tests.helpers import ACTION_6, TESTS, invoke, with_fixture

SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif(project: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--project", project, "--format", "sarif", *extra)
    return result.exit_code, json.loads(result.stdout)


def validate(log: dict[str, Any]) -> None:
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER).validate(log)


@pytest.fixture
def with_findings(project: Path) -> Path:
    """The shipped project with an error (CCM011), editorial warnings and a whole-document finding."""
    with_fixture(project, "CCM011-fail.md")
    text = (project / ACTION_6).read_text(encoding="utf-8")
    added = "\nThe coordinator wrote to 4 States.\n\nMost of them, 80%, replied late.\n"
    (project / ACTION_6).write_text(text + added, encoding="utf-8")
    (project / "sections" / "09-conclusions.md").unlink()
    return project


def test_a_clean_run_is_a_valid_log_without_results(project: Path) -> None:
    code, log = sarif(project)
    assert code == 0
    validate(log)
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"] == []


def test_findings_validate_against_the_schema(with_findings: Path) -> None:
    code, log = sarif(with_findings)
    assert code == 1
    validate(log)


def test_the_driver_lists_the_rule_catalogue(project: Path) -> None:
    driver = sarif(project)[1]["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ccm-review"
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["CCM011"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["CCM040"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["CCM040"]["shortDescription"]["text"] and by_id["CCM040"]["help"]["text"]


def test_results_carry_rule_level_message_and_a_relative_location(with_findings: Path) -> None:
    log = sarif(with_findings)[1]
    run = log["runs"][0]
    findings = json.loads(invoke("check", "--project", with_findings, "--format", "json").stdout)["findings"]
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings, strict=True):
        assert result["ruleId"] == finding["code"]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == finding["severity"]
        assert result["message"]["text"].startswith(finding["message"])
        if finding["file"] is None:
            assert "locations" not in result  # a finding about the whole document
            continue
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["file"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
    codes = {result["ruleId"] for result in run["results"]}
    assert {"CCM011", "CCM015", "CCM040", "CCM041"} <= codes


def test_the_level_follows_the_template(with_findings: Path) -> None:
    review = with_findings / "templates" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("rules: {}", "rules:\n  CCM040: error\n  CCM041: off"),
                      encoding="utf-8")
    log = sarif(with_findings)[1]
    validate(log)
    levels = {result["ruleId"]: result["level"] for result in log["runs"][0]["results"]}
    assert levels["CCM040"] == "error"
    assert "CCM041" not in levels


def test_the_schema_refuses_a_log_without_a_tool() -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_check_file_is_a_valid_log_that_says_what_it_checked(with_findings: Path) -> None:
    _, full = sarif(with_findings)
    code, log = sarif(with_findings, str(with_findings / ACTION_6))
    assert code == 1
    validate(log)
    run = log["runs"][0]
    assert run["properties"] == {"checked": [ACTION_6], "leftToFullCheck": list(DOCUMENT_RULES)}
    assert "properties" not in full["runs"][0]  # a full check's log is as it was
    assert run["results"] == [result for result in full["runs"][0]["results"] if "locations" in result]
