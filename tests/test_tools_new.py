"""A new section file to fill in (ccm_review/tools/new.py), and `ccm-review new`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.spec.template import load_spec
from ccm_review.tools.new import file_number, find_part, scaffold
from tests.helpers import REPO, invoke


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


# --- the command ----------------------------------------------------------------------------------


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


def test_new_with_force_replaces_the_file_of_the_action_whatever_its_name(project: Path) -> None:
    sections = project / "sections"
    (sections / "04-victim-assistance.md").rename(sections / "04-victims.md")
    result = invoke("new", "4", "--force", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "sections/04-victims.md"
    assert "replaced the earlier sections/04-victims.md" in result.stderr
    assert not (sections / "04-victim-assistance.md").exists()  # never a second file for action 4
    assert "TODO" in (sections / "04-victims.md").read_text(encoding="utf-8")
    assert api.check(project).report.errors == 0
