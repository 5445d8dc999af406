"""Findings for people (text), for tools (JSON) and for workflow annotations (GitHub), as
`ccm-review check --format` prints them (ccm_review/report/formats.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ccm_review.spec.rules import DOCUMENT_RULES
from tests.helpers import ACTION_6, SUMMARY, invoke, with_fixture


def test_text_findings_name_file_line_column_severity_and_code_then_a_hint(project: Path) -> None:
    lines = invoke("check", "--project", with_fixture(project, "CCM011-fail.md")).stdout.splitlines()
    index = next(i for i, line in enumerate(lines) if line.endswith("[CCM011]"))
    assert re.fullmatch(r"sections/06-transparency\.md:11:10: error: .+ \[CCM011\]", lines[index])
    assert re.fullmatch(r"  hint: .*6\.1, 6\.2.*", lines[index + 1])
    assert re.fullmatch(r"sections/06-transparency\.md:5:1: warning: .+ \[CCM013\]", lines[0])
    assert SUMMARY.match(lines[-1])


def test_text_whole_document_findings_have_no_location(project: Path) -> None:
    (project / "sections" / "09-conclusions.md").unlink()
    lines = invoke("check", "--project", project).stdout.splitlines()
    assert re.fullmatch(r"warning: .+ \[CCM015\]", lines[0])


def test_json_has_the_shape_of_the_design(project: Path) -> None:
    (project / "sections" / "09-conclusions.md").unlink()
    result = invoke("check", "--project", with_fixture(project, "CCM011-fail.md"), "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert list(payload) == ["version", "summary", "findings", "sections"]
    assert payload["version"] == 1
    assert payload["summary"] == {"errors": 1, "warnings": 2, "files": 9,
                                  "words": payload["summary"]["words"], "max_words": 10700}
    assert isinstance(payload["summary"]["words"], int)
    keys = ["code", "severity", "file", "line", "column", "message", "hint"]
    assert all(list(finding) == keys for finding in payload["findings"])
    by_code = {finding["code"]: finding for finding in payload["findings"]}
    assert by_code["CCM011"] | {"message": "", "hint": ""} == {
        "code": "CCM011", "severity": "error", "file": "sections/06-transparency.md", "line": 11, "column": 10,
        "message": "", "hint": ""}
    assert by_code["CCM011"]["message"] and by_code["CCM011"]["hint"]
    assert by_code["CCM015"]["file"] is None
    assert by_code["CCM015"]["line"] is None and by_code["CCM015"]["column"] is None


def test_json_sections_describe_each_file(project: Path) -> None:
    payload = json.loads(invoke("check", "--project", project, "--format", "json").stdout)
    assert payload["findings"] == []
    assert payload["summary"]["files"] == len(payload["sections"]) == 10
    keys = ["file", "action", "part", "title", "status", "coordinators", "narrative_words", "max_words",
            "table_rows", "table_words", "readability"]
    assert all(list(section) == keys for section in payload["sections"])
    victims = next(s for s in payload["sections"] if s["action"] == 4)
    assert victims["file"] == "sections/04-victim-assistance.md"
    assert victims | {"narrative_words": 0, "table_words": 0, "readability": None} == {
        "file": "sections/04-victim-assistance.md", "action": 4, "part": None, "title": "Victim assistance",
        "status": "final", "coordinators": ["Mexico", "Spain"], "narrative_words": 0, "max_words": 700,
        "table_rows": 2, "table_words": 0, "readability": None}
    assert victims["narrative_words"] > 0 and victims["table_words"] > 0
    readability = victims["readability"]
    assert list(readability) == ["sentences", "average_sentence_words", "flesch_reading_ease"]
    assert readability["sentences"] > 10 and 5 < readability["average_sentence_words"] < 40
    assert 0 < readability["flesch_reading_ease"] < 100
    introduction = next(s for s in payload["sections"] if s["part"] == "introduction")
    assert introduction["action"] is None and introduction["max_words"] == 400
    assert all("\\" not in s["file"] and not s["file"].startswith("/") for s in payload["sections"])


def test_json_words_add_up_to_the_summary_line(project: Path) -> None:
    words = json.loads(invoke("check", "--project", project, "--format", "json").stdout)["summary"]["words"]
    assert f"{words:,} of 10,700 words" in invoke("check", "--project", project).stdout


def test_github_format_prints_workflow_annotations(project: Path) -> None:
    (project / "sections" / "09-conclusions.md").unlink()
    result = invoke("check", "--project", with_fixture(project, "CCM011-fail.md"), "--format", "github")
    lines = result.stdout.splitlines()
    assert "::error file=sections/06-transparency.md,line=11,col=10,title=CCM011::" in "\n".join(lines)
    error = next(line for line in lines if "title=CCM011" in line)
    assert re.fullmatch(r"::error file=sections/06-transparency\.md,line=11,col=10,title=CCM011::\S.*", error)
    warning = next(line for line in lines if "title=CCM015" in line)
    assert re.fullmatch(r"::warning title=CCM015::\S.*", warning)
    assert all(line.startswith("::") for line in lines[:-1])
    assert SUMMARY.match(lines[-1])


# --- check FILE...: the same findings, and a summary that says what was left to a full check -------

FILE_SUMMARY = re.compile(r"^(no problems|\d+ errors?, \d+ warnings?) in \d+ files? checked; [\d,]+ words in the "
                          r"parts checked; document-wide rules left to a full check: "
                          + ", ".join(DOCUMENT_RULES) + "$")


def test_text_of_check_file_names_the_rules_left_to_a_full_check(project: Path) -> None:
    (project / "sections" / "09-conclusions.md").unlink()  # CCM015: the full check's, not this one's
    result = invoke("check", "--project", with_fixture(project, "CCM011-fail.md"), project / ACTION_6)
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert re.fullmatch(r"sections/06-transparency\.md:11:10: error: .+ \[CCM011\]", lines[2])
    assert not any("[CCM015]" in line for line in lines)
    assert FILE_SUMMARY.match(lines[-1])
    assert lines[-1].startswith("1 error, 1 warning in 1 file checked; ")


def test_json_of_check_file_only_adds_keys(project: Path) -> None:
    with_fixture(project, "CCM011-fail.md")
    full = json.loads(invoke("check", "--project", project, "--format", "json").stdout)
    result = invoke("check", "--project", project, "--format", "json", project / ACTION_6,
                    project / "sections" / "document.yaml")
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert list(payload) == ["version", "summary", "findings", "sections"]
    assert list(payload["summary"]) == [*full["summary"], "checked", "left_to_full_check"]
    assert payload["summary"]["checked"] == ["sections/06-transparency.md", "sections/document.yaml"]
    assert payload["summary"]["left_to_full_check"] == list(DOCUMENT_RULES)
    assert payload["summary"]["files"] == 2
    assert payload["findings"] == [finding for finding in full["findings"] if finding["file"] == ACTION_6]
    assert [section["file"] for section in payload["sections"]] == [ACTION_6]
    assert payload["sections"] == [section for section in full["sections"] if section["file"] == ACTION_6]


def test_github_annotations_of_check_file_are_those_of_the_full_check(project: Path) -> None:
    with_fixture(project, "CCM011-fail.md")
    (project / "sections" / "09-conclusions.md").unlink()
    full = invoke("check", "--project", project, "--format", "github").stdout.splitlines()
    lines = invoke("check", "--project", project, "--format", "github", project / ACTION_6).stdout.splitlines()
    assert lines[:-1] == [line for line in full[:-1] if "file=sections/06-transparency.md," in line]
    assert len(lines) == 3
    assert FILE_SUMMARY.match(lines[-1])
