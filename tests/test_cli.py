"""The command line as users and CI scripts see it: output formats, exit codes, files written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from tests.helpers import RULE_FIXTURES, digest, invoke, with_fixture

SUMMARY = re.compile(r"^(no problems|\d+ errors?, \d+ warnings?) in \d+ files?; [\d,]+ of [\d,]+ words$")


def assert_clean_failure(result: Result) -> None:
    """Exit 2 with an 'error:' message on stderr and no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ")


# --- check: exit codes -----------------------------------------------------------------------------


def test_check_passes_the_shipped_project_with_a_summary_line(project: Path) -> None:
    result = invoke("check", "--project", project)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [result.stdout.strip()]
    assert SUMMARY.match(result.stdout.strip())
    assert result.stdout.startswith("no problems in 10 files; ")
    assert result.stdout.rstrip().endswith(" of 10,700 words")


def test_check_uses_the_current_directory_by_default(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_fixture(project, "CCM011-fail.md")
    monkeypatch.chdir(project)
    result = invoke("check")
    assert result.exit_code == 1
    assert "sections/06-transparency.md:11:10: error:" in result.stdout


def test_check_exits_1_on_an_error(project: Path) -> None:
    result = invoke("check", "--project", with_fixture(project, "CCM011-fail.md"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("1 error, 1 warning in 10 files; ")


def test_check_exits_0_on_warnings_only(project: Path) -> None:
    result = invoke("check", "--project", with_fixture(project, "CCM030-fail.md"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("0 errors, 1 warning in 10 files; ")


def test_check_strict_exits_1_on_warnings(project: Path) -> None:
    result = invoke("check", "--project", with_fixture(project, "CCM030-fail.md"), "--strict")
    assert result.exit_code == 1


def test_check_strict_exits_0_without_findings(project: Path) -> None:
    assert invoke("check", "--project", project, "--strict").exit_code == 0


@pytest.mark.parametrize("missing", ["sections", "templates"])
def test_check_exits_2_without_sections_or_templates(project: Path, missing: str) -> None:
    shutil.rmtree(project / missing)
    result = invoke("check", "--project", project)
    assert_clean_failure(result)
    assert f"{missing}/ missing" in result.stderr
    assert result.stdout == ""


def test_check_exits_2_for_a_directory_that_does_not_exist(tmp_path: Path) -> None:
    assert_clean_failure(invoke("check", "--project", tmp_path / "nowhere"))


def test_check_exits_2_for_a_broken_template_and_names_its_line(project: Path) -> None:
    review = project / "templates" / "review.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  max_words: 10700", "  max_words: 10700: words"), encoding="utf-8")
    line = text.splitlines().index("  max_words: 10700") + 1
    result = invoke("check", "--project", project)
    assert_clean_failure(result)
    assert f"templates/review.yaml:{line}:" in result.stderr


def test_check_exits_2_for_a_template_that_breaks_a_rule(project: Path) -> None:
    review = project / "templates" / "review.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  max_words: 10700", "  max_words: many"), encoding="utf-8")
    line = text.splitlines().index("  max_words: 10700") + 1
    result = invoke("check", "--project", project)
    assert_clean_failure(result)
    assert f"templates/review.yaml:{line}:14:" in result.stderr


def test_check_exits_2_for_an_unknown_format(project: Path) -> None:
    result = invoke("check", "--project", project, "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- check: output formats -------------------------------------------------------------------------


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


# --- build -----------------------------------------------------------------------------------------


def require_renderers() -> None:
    pytest.importorskip("ccm_review.render.docx")
    pytest.importorskip("ccm_review.render.html")


def test_build_writes_the_docx_and_the_html(project: Path, tmp_path: Path) -> None:
    require_renderers()
    out = tmp_path / "out"
    result = invoke("build", "--project", project, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["review-document.docx", "review-document.html"]
    assert (out / "review-document.docx").read_bytes().startswith(b"PK")
    assert "<html" in (out / "review-document.html").read_text(encoding="utf-8").lower()


def test_build_writes_into_the_project_build_directory_by_default(project: Path) -> None:
    require_renderers()
    assert invoke("build", "--project", project).exit_code == 0
    assert (project / "build" / "review-document.docx").is_file()
    assert (project / "build" / "review-document.html").is_file()


def test_build_with_errors_writes_nothing_and_exits_1(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("build", "--project", with_fixture(project, "CCM011-fail.md"), "--out", out)
    assert result.exit_code == 1
    assert not out.exists()
    assert not (project / "build").exists()
    assert "[CCM011]" in result.stderr
    assert "wrote" not in result.stdout


def test_build_strict_with_warnings_writes_nothing_and_exits_1(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("build", "--project", with_fixture(project, "CCM030-fail.md"), "--out", out, "--strict")
    assert result.exit_code == 1
    assert not out.exists()


def test_build_exits_2_without_templates(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / "templates")
    assert_clean_failure(invoke("build", "--project", project, "--out", tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_build_into_a_folder_that_cannot_be_made_is_an_error_not_a_traceback(project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = invoke("build", "--project", project, "--out", blocker / "out")
    assert_clean_failure(result)
    assert f"cannot write {blocker / 'out'}" in result.output and "hint: choose another folder" in result.output


def test_a_sections_folder_that_cannot_be_listed_is_an_error_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Running as root (CI), chmod cannot make a folder unreadable: the refusal is simulated.
    listing = Path.iterdir

    def refused(self: Path) -> object:
        if self.name == "sections":
            raise PermissionError(13, "Permission denied")
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refused)
    result = invoke("check", "--project", project)
    assert_clean_failure(result)
    assert "cannot read" in result.output and "Permission denied" in result.output


# --- the program -----------------------------------------------------------------------------------


def test_python_m_ccm_review_shows_help() -> None:
    result = subprocess.run([sys.executable, "-m", "ccm_review", "--help"], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Usage: ccm-review" in result.stdout
    assert "check" in result.stdout and "build" in result.stdout


@pytest.mark.parametrize("args", [
    ["check"], ["check", "--strict"], ["check", "--format", "json"], ["check", "--format", "github"],
    ["check", "--format", "sarif"], ["build"],
], ids=["check", "check-strict", "check-json", "check-github", "check-sarif", "build-with-errors"])
def test_no_command_changes_sections_or_templates(project: Path, args: list[str]) -> None:
    if args == ["build"]:
        with_fixture(project, "CCM011-fail.md")
    before = digest(project)
    invoke(*args, "--project", project)
    assert digest(project) == before


def test_a_successful_build_changes_no_source(project: Path) -> None:
    require_renderers()
    before = digest(project)
    assert invoke("build", "--project", project).exit_code == 0
    assert digest(project) == before


# --- ignored files ---------------------------------------------------------------------------------

WORD_LOCK = b"\x0bMarie Curie\x00\x00\x00\x00\xff\xfe\x00\x00"
ZIP = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xe9\x00"


@pytest.mark.parametrize("name, content", [
    ("~$-victim-assistance.md", WORD_LOCK),
    ("_draft.md", (RULE_FIXTURES / "CCM011-fail.md").read_bytes()),
    (".hidden.md", (RULE_FIXTURES / "CCM002-fail.md").read_bytes()),
    ("06-transparency.md~", (RULE_FIXTURES / "CCM011-fail.md").read_bytes()),
    ("06-transparency.md.bak", (RULE_FIXTURES / "CCM011-fail.md").read_bytes()),
    ("06-transparency.docx", ZIP),
])
def test_ignored_files_never_produce_findings(project: Path, name: str, content: bytes) -> None:
    (project / "sections" / name).write_bytes(content)
    result = invoke("check", "--project", project, "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("no problems in 10 files; ")
