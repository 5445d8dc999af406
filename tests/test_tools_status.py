"""The coordinator's tools: a new section to fill in, the schema editors use, the draft's status."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from ccm_review import api
from ccm_review.load.sections import load_document
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.source import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.spec.template import load_spec
from ccm_review.tools.new import file_number, find_part, scaffold
from ccm_review.tools.schema import SCHEMA_FILE, schema_text, section_schema
from ccm_review.tools.status.compute import DraftStatus, draft_status
from ccm_review.tools.status.show import bar, format_json, format_text
from tests.helpers import REPO, invoke


def _plain(node: MetaNode | None) -> object:
    """The front matter as plain Python data, for jsonschema."""
    if isinstance(node, MetaMap):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, MetaList):
        return [_plain(item) for item in node.items]
    assert isinstance(node, MetaScalar) or node is None
    return node.value if node else None


# --- schema ---------------------------------------------------------------------------------------


def test_the_shipped_schema_is_the_one_the_templates_give() -> None:
    assert (REPO / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(load_spec(REPO))


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(section_schema(load_spec(REPO)))


def test_every_shipped_section_validates_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(section_schema(load_spec(REPO)))
    document, _ = load_document(REPO)
    for section in document.sections:
        errors = [error.message for error in validator.iter_errors(_plain(section.meta))]
        assert errors == [], section.path


@pytest.mark.parametrize(("front_matter", "complaint"), [
    pytest.param("action: 4\nstatus: draft\ncoordinators: [Spain]\ntable:\n  - {ref: '5.1', indicator: x, "
                 "assessment: achieved}\n", "'5.1' is not one of", id="ref-of-another-action"),
    pytest.param("part: introduction\nstatus: drafty\n", "'drafty' is not one of", id="unknown-status"),
    pytest.param("part: introduction\nstatus: draft\ncolour: red\n", "Additional properties", id="unknown-key"),
    pytest.param("action: 4\nstatus: draft\n", "'coordinators' is a required property", id="action-needs-table"),
    pytest.param("action: 4\npart: introduction\nstatus: draft\ncoordinators: [x]\ntable: [{ref: '4.1', "
                 "indicator: x, assessment: achieved}]\n", "is not valid under any of", id="action-and-part"),
])
def test_the_schema_rejects_what_check_rejects(front_matter: str, complaint: str) -> None:
    validator = jsonschema.Draft202012Validator(section_schema(load_spec(REPO)))
    node = parse_yaml(front_matter, "x.md")
    assert not isinstance(node, YamlProblem), node
    data = _plain(node)
    messages = [error.message for error in validator.iter_errors(data)]
    messages += [sub.message for error in validator.iter_errors(data) for sub in error.context or ()]
    assert any(complaint in message for message in messages), messages


# --- new ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "name"), [
    ("4", "04-victim-assistance.md"), ("action-2", "02-stockpile-destruction-and-retention.md"),
    ("introduction", "00-introduction.md"), ("general-status", "08-general-status.md"),
    ("conclusion", "09-conclusion.md"),
])
def test_new_files_are_numbered_as_the_contract_says(target: str, name: str) -> None:
    spec = load_spec(REPO)
    part = find_part(spec, target)
    assert part is not None
    assert scaffold(spec, part).name == name


def test_file_numbers_follow_the_actions_of_a_longer_plan() -> None:
    spec = load_spec(REPO)
    part = find_part(spec, "conclusion")
    assert part is not None
    assert file_number(spec, part) == len(spec.actions) + 2


def test_a_new_section_passes_check_apart_from_placeholders(project: Path) -> None:
    (project / "sections" / "04-victim-assistance.md").unlink()
    spec = load_spec(project)
    part = find_part(spec, "4")
    assert part is not None
    new = scaffold(spec, part)
    (project / "sections" / new.name).write_text(new.text, encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.location and f.location.file.endswith(new.name)]
    assert findings and {f.code for f in findings} == {"CCM030"}
    text = new.text
    assert text.splitlines()[1].startswith("# yaml-language-server: $schema=")
    assert "coordinators: [Mexico, Spain]" in text and "status: draft" in text
    assert "## Successes" in text and "## Gaps and challenges" in text
    assert "# 4.1 Strengthen national capacity: A government focal point" in text


# --- status ---------------------------------------------------------------------------------------


def _status(today: date) -> DraftStatus:
    result = api.check(REPO)
    return draft_status(REPO, result.document, result.spec, result.report, today)


def test_status_has_one_row_per_part_with_words_items_and_coordinators() -> None:
    status = _status(date(2020, 3, 1))
    parts = status.parts
    assert [part.key for part in parts][:2] == ["introduction", "action-1"]
    victim = next(part for part in parts if part.key == "action-4")
    assert victim.coordinators == ("Mexico", "Spain")
    assert (victim.items_covered, victim.items_total, victim.max_words) == (2, 2, 700)
    assert 0 < victim.narrative_words <= 700
    assert victim.file == "sections/04-victim-assistance.md"


def test_status_marks_the_next_deadline_and_counts_days() -> None:
    status = _status(date(2020, 3, 1))
    timeline = status.timeline
    next_ones = [deadline for deadline in timeline if deadline.is_next]
    assert len(next_ones) == 1 and next_ones[0].date == "2020-03-31" and next_ones[0].days_left == 30
    assert timeline[0].days_left < 0


def test_status_lists_the_unconfirmed_catalogue_items() -> None:
    status = _status(date(2020, 3, 1))
    refs = [item.ref for item in status.unconfirmed]
    assert "4.2" in refs and "4.1" not in refs


def test_status_as_text_and_json() -> None:
    status = _status(date(2020, 3, 1))
    text = format_text(status)
    assert "Victim assistance" in text and "-> 2020-03-31" in text
    data = json.loads(format_json(status))
    assert data["version"] == 1 and data["today"] == "2020-03-01" and len(data["parts"]) == 10


@pytest.mark.parametrize(("words", "limit", "shown"), [(0, 700, ".........."), (350, 700, "#####....."),
                                                        (700, 700, "##########"), (800, 700, "##########!")])
def test_word_bars(words: int, limit: int, shown: str) -> None:
    assert bar(words, limit) == shown


# --- the commands ---------------------------------------------------------------------------------


def test_new_writes_the_file_and_prints_its_path(project: Path) -> None:
    (project / "sections" / "04-victim-assistance.md").unlink()
    result = invoke("new", "4", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sections/04-victim-assistance.md"
    assert (project / "sections" / "04-victim-assistance.md").read_text(encoding="utf-8").startswith("---\n# yaml")


@pytest.mark.parametrize(("target", "says"), [
    ("4", "sections/04-victim-assistance.md exists already"),
    ("conclusion", "sections/09-conclusions.md is already the file of Conclusions"),
])
def test_new_refuses_a_second_file_without_force(project: Path, target: str, says: str) -> None:
    before = {path.name: path.read_bytes() for path in (project / "sections").iterdir()}
    result = invoke("new", target, "--project", str(project))
    assert result.exit_code == 1
    assert says in result.output
    assert {path.name: path.read_bytes() for path in (project / "sections").iterdir()} == before


def test_new_with_force_replaces_the_file(project: Path) -> None:
    result = invoke("new", "4", "--force", "--project", str(project))
    assert result.exit_code == 0
    assert "TODO" in (project / "sections" / "04-victim-assistance.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["99", "annex", "action-0"])
def test_new_for_something_that_does_not_exist_exits_2(project: Path, target: str) -> None:
    result = invoke("new", target, "--project", str(project))
    assert result.exit_code == 2
    assert "choose one of: 1, 2, 3, 4, 5, 6, 7, introduction" in result.output
    assert "Traceback" not in result.output


def test_schema_prints_the_shipped_schema() -> None:
    result = invoke("schema", "--project", str(REPO))
    assert result.exit_code == 0
    assert result.output == (REPO / SCHEMA_FILE).read_text(encoding="utf-8")


def test_status_prints_plain_text_when_piped() -> None:
    result = invoke("status", "--project", str(REPO), "--today", "2020-04-01")
    assert result.exit_code == 0
    assert "-> 2020-04-30  Submission to UNODA for processing (in 29 days)" in result.output
    assert "\x1b[" not in result.output


def test_status_as_json() -> None:
    result = invoke("status", "--project", str(REPO), "--format", "json", "--today", "2020-04-01")
    data = json.loads(result.output)
    assert [deadline["is_next"] for deadline in data["timeline"]] == [False, False, True, False, False]


@pytest.mark.parametrize("today", ["2020-13-01", "tomorrow", "01/04/2020"])
def test_status_with_a_bad_date_exits_2(today: str) -> None:
    result = invoke("status", "--project", str(REPO), "--today", today)
    assert result.exit_code == 2
    assert "is not a date" in result.output and "Traceback" not in result.output
