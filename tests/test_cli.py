"""The command line as users and CI scripts see it: exit codes, files written, files left alone.

What `check --format` prints is tested in tests/test_report_formats.py.
"""

from __future__ import annotations

import gc
import re
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from ruamel.yaml import YAML

from ccm_review.cli import DEFAULT_GC_THRESHOLD, GC_THRESHOLD
from tests.helpers import ACTION_6, REPO, RULE_FIXTURES, SUMMARY, copy_project, digest, invoke, with_fixture


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


@pytest.mark.parametrize(("command", "listed"), [
    ("init", ["--plan [dap|lap]", "--kind [progress-report|review]"]), ("rules", ["--format [text|json|markdown]"])])
def test_help_lists_the_choices_that_are_listed_only_when_asked_for(command: str, listed: list[str]) -> None:
    # init's plans and kinds (folders of the package) and the rule formats are not listed on every run.
    result = invoke(command, "--help")
    assert result.exit_code == 0 and all(choice in result.output for choice in listed), result.output


def test_the_rule_formats_are_checked_like_any_choice() -> None:
    result = invoke("rules", "--format", "yaml")
    assert result.exit_code == 2 and "'yaml' is not one of 'text', 'json', 'markdown'" in result.output


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


def test_the_installed_command_runs_the_entry_that_leaves_without_teardown() -> None:
    (script,) = entry_points(group="console_scripts", name="ccm-review")
    assert script.value == "ccm_review.cli:run"


@pytest.mark.parametrize(("args", "code"), [
    (["check", "--format", "json", "--project", "{project}"], 1),  # the whole JSON must reach the pipe
    (["rules", "--format", "json"], 0),  # the longest output of any command
    (["status", "--project", "{project}", "--today", "2020-03-01"], 0),  # printed by rich, not click
    (["check", "--project", "no-such-folder"], 2),  # a message on stderr
], ids=["findings", "rules", "status", "usage-error"])
def test_python_m_ccm_review_prints_everything_and_exits_as_in_process(project: Path, args: list[str],
                                                                        code: int) -> None:
    """`run` ends the process with os._exit: its exit code and every line it prints must be those of `main`."""
    with_fixture(project, "CCM011-fail.md")
    args = [arg.format(project=project) for arg in args]
    expected = invoke(*args)
    result = subprocess.run([sys.executable, "-m", "ccm_review", *args], capture_output=True, text=True,
                            timeout=60, check=False, cwd=project)
    assert result.returncode == expected.exit_code == code
    assert result.stdout == expected.stdout
    assert result.stderr == expected.stderr


@pytest.mark.parametrize(("args", "closed", "code"), [
    (["rules"], 1, 0),  # nothing to print to: printed nowhere, as click does
    (["check", "--project", "no-such-folder"], 2, 2),
], ids=["stdout", "stderr"])
def test_python_m_ccm_review_with_a_stream_closed_exits_as_main_does(args: list[str], closed: int, code: int) -> None:
    # Started with a descriptor closed, Python gives sys.stdout or sys.stderr as None: `run` must not flush it.
    result = subprocess.run(["sh", "-c", f'exec "$0" -m ccm_review "$@" {closed}>&-', sys.executable, *args],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == code
    assert "Traceback" not in result.stderr + result.stdout


def test_the_preview_collects_garbage_at_pythons_usual_pace(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `run` slows the collector for short commands; the preview lives for hours and rebuilds on every save.
    seen: list[tuple[int, ...]] = []
    monkeypatch.setattr("ccm_review.tools.preview.server.serve",
                        lambda *arguments, **options: seen.append(gc.get_threshold()) or 0)
    gc.set_threshold(*GC_THRESHOLD)
    try:
        result = invoke("preview", "--project", project, "--no-open")
    finally:
        gc.set_threshold(*DEFAULT_GC_THRESHOLD)
    assert result.exit_code == 0, result.output
    assert seen == [DEFAULT_GC_THRESHOLD] != [GC_THRESHOLD]


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


# --- check FILE...: the files pre-commit passes --------------------------------------------------


def test_check_file_takes_paths_relative_to_the_current_directory(project: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with_fixture(project, "CCM011-fail.md")
    monkeypatch.chdir(project)
    result = invoke("check", "sections/06-transparency.md")
    assert result.exit_code == 1
    assert "sections/06-transparency.md:11:10: error:" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 error, 1 warning in 1 file checked; ")


def test_check_file_exits_0_for_a_clean_file_beside_a_broken_one(project: Path) -> None:
    with_fixture(project, "CCM011-fail.md")
    result = invoke("check", "--project", project, project / "sections" / "04-victim-assistance.md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("no problems in 1 file checked; ")


def test_check_file_strict_exits_1_on_a_warning_of_that_file(project: Path) -> None:
    with_fixture(project, "CCM030-fail.md")
    assert invoke("check", "--project", project, project / ACTION_6).exit_code == 0
    assert invoke("check", "--project", project, "--strict", project / ACTION_6).exit_code == 1
    assert invoke("check", "--project", project, "--strict", project / "sections" / "03-clearance.md").exit_code == 0


def test_check_file_exits_2_for_a_missing_file(project: Path) -> None:
    result = invoke("check", "--project", project, project / "sections" / "11-missing.md")
    assert_clean_failure(result)
    assert "11-missing.md: no such file" in result.stderr
    assert "hint: " in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("outside", ["templates/review.yaml", "README.md", "sections"])
def test_check_file_exits_2_for_a_file_outside_sections_and_data(project: Path, outside: str) -> None:
    (project / "README.md").write_text("# drafting\n", encoding="utf-8")
    result = invoke("check", "--project", project, project / outside)
    assert_clean_failure(result)
    assert "is not a file of the project's sections/ or data/" in result.stderr
    assert "hint: " in result.stderr


def test_check_file_exits_2_for_a_section_of_another_project(project: Path, tmp_path: Path) -> None:
    other = copy_project(tmp_path / "other")
    result = invoke("check", "--project", project, other / ACTION_6)
    assert_clean_failure(result)
    assert "--project" in result.stderr


def test_check_file_leaves_out_what_the_project_ignores(project: Path) -> None:
    # pre-commit passes every changed file of sections/: a parked draft or a Word lock file is not checked.
    (project / "sections" / "_parked.md").write_text("no front matter at all\n", encoding="utf-8")
    (project / "sections" / "~$transparency.docx").write_bytes(b"\x00\x01")
    result = invoke("check", "--project", project, project / "sections" / "_parked.md",
                    project / "sections" / "~$transparency.docx", project / ACTION_6)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("no problems in 1 file checked; ")
    only_ignored = invoke("check", "--project", project, project / "sections" / "_parked.md")
    assert only_ignored.exit_code == 0
    assert only_ignored.stdout.startswith("no problems in 0 files checked; ")


def test_check_file_of_a_directory_named_like_a_section_is_ccm008(project: Path) -> None:
    (project / "sections" / "11-folder.md").mkdir()
    result = invoke("check", "--project", project, project / "sections" / "11-folder.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("sections/11-folder.md:1:1: error: ")
    assert "[CCM008]" in result.stdout.splitlines()[0]


def test_check_file_reports_a_named_data_file_and_masthead(project: Path) -> None:
    (project / "data" / "states-parties.csv").write_text("year,value,source\n2019,\"99,5\",Monitor\n",
                                                         encoding="utf-8")
    masthead_file = project / "sections" / "document.yaml"
    text = masthead_file.read_text(encoding="utf-8")
    masthead_file.write_text(re.sub(r"(?m)^submitted_by: .*$", "submitted_by: TODO", text), encoding="utf-8")
    masthead = invoke("check", "--project", project, project / "sections" / "document.yaml")
    assert masthead.exit_code == 0
    assert masthead.stdout.startswith("sections/document.yaml:")
    assert "[CCM030]" in masthead.stdout and "CCM071" not in masthead.stdout
    data = invoke("check", "--project", project, project / "data" / "states-parties.csv")
    assert data.exit_code == 1
    assert data.stdout.startswith("data/states-parties.csv:2:")
    assert "[CCM071]" in data.stdout and "CCM030" not in data.stdout


# --- the pre-commit hooks ---------------------------------------------------------------------------

HOOK_FILES = [REPO / ".pre-commit-hooks.yaml",
              REPO / "ccm_review" / "skeleton" / "common" / "dot-pre-commit-config.yaml"]


def _hooks(path: Path) -> dict[str, dict[str, Any]]:
    loaded = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    hooks = loaded if isinstance(loaded, list) else [hook for repo in loaded["repos"] for hook in repo["hooks"]]
    return {hook["id"]: hook for hook in hooks}


@pytest.mark.parametrize("path", HOOK_FILES, ids=lambda path: path.name)
def test_the_fast_hook_checks_the_files_pre_commit_passes(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                          path: Path) -> None:
    hooks = _hooks(path)
    fast = hooks["ccm-review-check-files"]
    assert fast["pass_filenames"] is True
    # The full check and the submission gate stay as they were: the whole project, no files.
    assert hooks["ccm-review-check"]["pass_filenames"] is False
    assert hooks["ccm-review-submission"]["entry"] == "ccm-review check --strict"
    assert hooks["ccm-review-submission"]["stages"] == ["manual"]
    # What pre-commit would do with a commit of these files: pass those its `files` pattern matches.
    with_fixture(project, "CCM011-fail.md")
    (project / "sections" / "~$transparency.docx").write_bytes(b"\x00")
    changed = [ACTION_6, "sections/~$transparency.docx", "templates/review.yaml", "README.md"]
    passed = [file for file in changed if re.search(fast["files"], file)]
    assert passed == [ACTION_6, "sections/~$transparency.docx"]
    monkeypatch.chdir(project)
    result = invoke(*fast["entry"].split()[1:], *passed)
    assert result.exit_code == 1
    assert result.stdout.startswith("sections/06-transparency.md:")
    assert "in 1 file checked" in result.stdout.splitlines()[-1]
