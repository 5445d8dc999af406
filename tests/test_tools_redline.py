"""`ccm-review redline OLD [NEW]` (cli.py, api.redline, tools/redline.py, report/redline.py) on a real
git repository: the drafts it reads (a tag, another tag, a project in a subfolder of the repository,
a project folder), the files it writes, the summary it prints, who and when the tracked changes are
by, and what it does with bad input.

Every test makes its drafting repository in tmp_path from a copy of the shipped project, tagged
`first-draft`, with git configured in the repository only; the tests need git and skip without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from lxml import etree

from ccm_review.analyse.text import count_words
from tests.helpers import (
    ACTION_6,
    CHART_DATA,
    CHART_SERIES,
    GENERAL_STATUS,
    REDLINE_DOCX_NAME,
    REDLINE_HTML_NAME,
    W,
    add_chart,
    copy_project,
    digest,
    fingerprint,
    invoke,
    require_tool,
)

DOCX, HTML = REDLINE_DOCX_NAME, REDLINE_HTML_NAME
TAG = "first-draft"
BODY = "Convention on Cluster Munitions"  # the masthead's body: whom the changes are by unless told

# The edits of the working tree: a word changed in action 6, a paragraph added to the general status.
WORD_BEFORE, WORD_AFTER = "article 7 remain the main source", "article 7 continue to be the main source"
LAST_SENTENCE = "The others are due for the Second Preparatory Meeting in September 2020.\n"
ADDED = "The Presidency will circulate a revised draft after the First Preparatory Meeting."
ADDED_WORDS = count_words(ADDED)


# --- a drafting repository -----------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`, with no global or system configuration to depend on; return its output."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run([require_tool("git"), "-C", str(repo), *args], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def make_repository(root: Path, project: Path) -> None:
    """Make `root` a git repository holding `project` (under it), committed and tagged first-draft."""
    git(root, "init", "-q")
    git(root, "config", "user.name", "Drafting Team")
    git(root, "config", "user.email", "drafting@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "config", "tag.gpgsign", "false")
    git(root, "add", *(str(project.relative_to(root) / name) for name in ("sections", "templates", "data")))
    git(root, "commit", "-q", "-m", "First draft")
    git(root, "tag", TAG)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the shipped project at the top of its own git repository, tagged first-draft."""
    project = copy_project(tmp_path / "drafting")
    make_repository(project, project)
    return project


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}: the shipped project changed"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_drafts(project: Path) -> None:
    """A word changed in action 6 (+3 -1 words), a paragraph added to the general status."""
    edit(project, ACTION_6, WORD_BEFORE, WORD_AFTER)
    edit(project, GENERAL_STATUS, LAST_SENTENCE, f"{LAST_SENTENCE}\n{ADDED}\n")


def redline(project: Path, *args: str | Path) -> Result:
    return invoke("redline", *args, "--project", project)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def revision_marks(docx: Path, part: str = "document") -> list[etree._Element]:
    """Every w:ins and w:del of word/`part`.xml."""
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read(f"word/{part}.xml"))
    return [element for element in root.iter(f"{{{W}}}ins", f"{{{W}}}del")]


# --- against a tag -------------------------------------------------------------------------------


def test_redline_against_a_tag_writes_both_files_and_names_the_changed_parts(repo: Path) -> None:
    edit_drafts(repo)
    result = redline(repo, TAG)
    assert result.exit_code == 0, result.output
    build = repo / "build"
    assert sorted(path.name for path in build.iterdir()) == [DOCX, HTML]  # no plain build beside them
    lines = result.stdout.splitlines()
    assert lines[0] == f"redline {TAG} -> working tree: 2 parts changed, {3 + ADDED_WORDS} words added, 1 removed"
    assert lines[1] == "  Transparency measures: +3 -1 words, 1 paragraph changed"
    assert lines[2] == f"  General status and operation of the Convention: +{ADDED_WORDS} -0 words, 1 paragraph changed"
    assert lines[3:] == [f"wrote {build / DOCX}", f"wrote {build / HTML}"]
    # The files hold the changes: tracked in the DOCX, marked up in the page.
    marks = revision_marks(build / DOCX)
    assert {etree.QName(mark).localname for mark in marks} == {"ins", "del"}
    page = (build / HTML).read_text(encoding="utf-8")
    assert "remain</del>" in page.replace('<span class="sr-only" data-count="no">]</span>', "")
    assert ADDED in page and "Changes in this draft" in page


def test_the_json_summary_parses_and_its_words_are_those_changed(repo: Path) -> None:
    edit_drafts(repo)
    report = as_json(redline(repo, TAG, "--format", "json"))
    assert (report["version"], report["old"], report["new"]) == (1, TAG, "working tree")
    assert report["summary"] == {"parts_changed": 2, "words_added": 3 + ADDED_WORDS, "words_removed": 1,
                                 "figures_changed": 0}
    changed = {part["key"]: part for part in report["parts"] if part["words_added"] or part["words_removed"]}
    assert changed == {
        "action-6": {"key": "action-6", "title": "Transparency measures", "change": None, "words_added": 3,
                     "words_removed": 1, "paragraphs_changed": 1, "figures_changed": 0},
        "general-status": {"key": "general-status", "title": "General status and operation of the Convention",
                           "change": None, "words_added": ADDED_WORDS, "words_removed": 0, "paragraphs_changed": 1,
                           "figures_changed": 0},
    }
    # Every part is listed, changed or not, in print order; the totals are their sums.
    assert [part["key"] for part in report["parts"]] == [
        "introduction", *(f"action-{n}" for n in range(1, 8)), "general-status", "conclusion"]
    assert report["summary"]["words_added"] == sum(part["words_added"] for part in report["parts"])
    assert report["written"] == [str(repo / "build" / DOCX), str(repo / "build" / HTML)]
    assert all(Path(path).is_file() for path in report["written"])


def test_new_may_be_another_tag_and_the_working_tree_is_then_left_out(repo: Path) -> None:
    edit(repo, ACTION_6, WORD_BEFORE, WORD_AFTER)
    git(repo, "commit", "-q", "-am", "Second draft")
    git(repo, "tag", "second-draft")
    edit(repo, GENERAL_STATUS, LAST_SENTENCE, f"{LAST_SENTENCE}\n{ADDED}\n")  # not committed
    report = as_json(redline(repo, TAG, "second-draft", "--format", "json"))
    assert (report["old"], report["new"]) == (TAG, "second-draft")
    assert report["summary"] == {"parts_changed": 1, "words_added": 3, "words_removed": 1, "figures_changed": 0}
    # The other way round, the newer draft's words are removed; HEAD~1 names the first draft too.
    report = as_json(redline(repo, "second-draft", "HEAD~1", "--format", "json"))
    assert report["summary"] == {"parts_changed": 1, "words_added": 1, "words_removed": 3, "figures_changed": 0}
    # And the working tree against the second draft holds only the paragraph not committed.
    report = as_json(redline(repo, "second-draft", "--format", "json"))
    assert report["summary"] == {"parts_changed": 1, "words_added": ADDED_WORDS, "words_removed": 0,
                                 "figures_changed": 0}


def test_a_project_in_a_subfolder_of_the_repository_is_read_at_its_own_path(tmp_path: Path) -> None:
    root = tmp_path / "drafting"
    project = copy_project(root / "documents" / "review")
    (root / "README.md").write_text("The drafts of the Review Document.\n", encoding="utf-8")
    make_repository(root, project)
    edit_drafts(project)
    report = as_json(redline(project, TAG, "--format", "json"))
    assert report["summary"] == {"parts_changed": 2, "words_added": 3 + ADDED_WORDS, "words_removed": 1,
                                 "figures_changed": 0}
    assert (project / "build" / DOCX).is_file() and not (root / "build").exists()


def test_old_may_be_a_project_folder_outside_any_repository(tmp_path: Path, project: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    older = copy_project(tmp_path / "older")
    edit_drafts(project)
    report = as_json(redline(project, older, "--format", "json"))
    assert (report["old"], report["new"]) == (str(older), "working tree")
    assert report["summary"] == {"parts_changed": 2, "words_added": 3 + ADDED_WORDS, "words_removed": 1,
                                 "figures_changed": 0}
    # A folder relative to the current directory, and NEW a folder too.
    monkeypatch.chdir(tmp_path)
    report = as_json(redline(project, "older", str(project), "--format", "json"))
    assert (report["old"], report["new"]) == ("older", str(project))
    assert report["summary"]["words_added"] == 3 + ADDED_WORDS


def test_out_puts_the_files_in_another_folder(repo: Path, tmp_path: Path) -> None:
    edit_drafts(repo)
    out = tmp_path / "elsewhere" / "redlines"
    result = redline(repo, TAG, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == [DOCX, HTML]
    assert not (repo / "build").exists()


# --- whom and when -------------------------------------------------------------------------------


def test_author_names_every_revision_and_the_default_is_the_masthead_body(repo: Path, tmp_path: Path) -> None:
    edit_drafts(repo)
    edit(repo, ACTION_6, "[^followup]: Coordination Committee minutes, 20 November 2019, items 7.3 and 7.5.",
         "[^followup]: Coordination Committee minutes, 20 November 2019, item 7.5.")
    authors: dict[str, set[str | None]] = {}
    for name, extra in (("named", ("--author", "Jane Doe")), ("default", ())):
        result = redline(repo, TAG, "--out", tmp_path / name, *extra)
        assert result.exit_code == 0, result.output
        marks = [mark for part in ("document", "footnotes") for mark in revision_marks(tmp_path / name / DOCX, part)]
        assert len(marks) >= 5  # words, a paragraph (its runs and its mark), a footnote's words
        authors[name] = {mark.get(f"{{{W}}}author") for mark in marks}
    assert authors == {"named": {"Jane Doe"}, "default": {BODY}}


def test_source_date_epoch_dates_the_revisions_and_two_runs_give_the_same_bytes(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_drafts(repo)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert redline(repo, TAG, "--out", tmp_path / "dated").exit_code == 0
    # Without it, the document's date (document.yaml: 2020-04-30).
    assert {mark.get(f"{{{W}}}date") for mark in revision_marks(tmp_path / "dated" / DOCX)} == {
        "2020-04-30T00:00:00Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1591574400")  # 8 June 2020
    for run in ("first", "second"):
        assert redline(repo, TAG, "--out", tmp_path / run).exit_code == 0
    marks = revision_marks(tmp_path / "first" / DOCX)
    assert marks and {mark.get(f"{{{W}}}date") for mark in marks} == {"2020-06-08T00:00:00Z"}
    for name in (DOCX, HTML):  # the older draft's temporary folder leaves no trace
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name
    assert (tmp_path / "first" / DOCX).read_bytes() != (tmp_path / "dated" / DOCX).read_bytes()


# --- bad input -----------------------------------------------------------------------------------


def assert_usage_error(result: Result) -> None:
    """Exit 2 with an 'error:' message on stderr and no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ")


def test_a_revision_that_does_not_exist_is_named_and_nothing_is_written(repo: Path) -> None:
    before = fingerprint(repo)
    for old, new in (("no-such-draft", None), (TAG, "no-such-draft"), ("HEAD~5", None)):
        result = redline(repo, old, *((new,) if new else ()))
        assert_usage_error(result)
        missing = new or old
        assert f"'{missing}' is neither a project folder nor a revision" in result.stderr
        assert "hint: " in result.stderr
    assert not (repo / "build").exists()
    assert fingerprint(repo) == before


def test_a_project_outside_any_repository_has_no_revisions(project: Path) -> None:
    result = redline(project, TAG)
    assert_usage_error(result)
    assert f"'{TAG}' is neither a project folder nor a revision" in result.stderr


def test_a_folder_that_is_no_project_is_refused(repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = redline(empty, TAG)  # --project names no project
    assert_usage_error(result)
    assert f"{empty} is not a ccm-review project" in result.stderr
    # A folder with sections/ but no templates/ is taken for a project, and found wanting.
    (empty / "sections").mkdir()
    result = redline(repo, empty)
    assert_usage_error(result)
    assert "templates" in result.stderr
    assert not (repo / "build").exists()


def test_a_revision_before_the_project_existed_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "drafting"
    root.mkdir()
    (root / "README.md").write_text("Plans.\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "config", "user.name", "Drafting Team")
    git(root, "config", "user.email", "drafting@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", "Plans")
    git(root, "tag", "plans")
    project = copy_project(root / "review")
    result = redline(project, "plans")
    assert_usage_error(result)
    assert "revision 'plans' has no sections/ or templates/ in review/" in result.stderr


def test_old_equal_to_new_says_there_are_no_changes_and_still_writes_the_files(repo: Path) -> None:
    for args in ((TAG, TAG), (TAG,), ("HEAD", str(repo))):
        result = redline(repo, *args)
        assert result.exit_code == 0, result.output
        new = "working tree" if len(args) == 1 else args[1]
        assert result.stdout.splitlines()[0] == (
            f"no changes between {args[0]} and {new}: the redline shows the text unchanged")
        assert (repo / "build" / DOCX).is_file() and (repo / "build" / HTML).is_file()
        assert revision_marks(repo / "build" / DOCX) == []
        assert "<ins" not in (repo / "build" / HTML).read_text(encoding="utf-8")
    report = as_json(redline(repo, TAG, "--format", "json"))
    assert report["summary"] == {"parts_changed": 0, "words_added": 0, "words_removed": 0, "figures_changed": 0}
    assert {(part["change"], part["paragraphs_changed"]) for part in report["parts"]} == {(None, 0)}


def test_a_draft_with_errors_stops_the_redline_before_anything_is_written(repo: Path) -> None:
    # The working tree breaks action 6: a table row without its indicator (CCM011 ...).
    edit(repo, ACTION_6, "    indicator: Use of reports for planning, monitoring and matching needs with resources\n",
         "")
    result = redline(repo, TAG)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "sections/06-transparency.md:" in result.stderr and ": error: " in result.stderr
    assert result.stderr.splitlines()[-1] == "redline stopped: working tree has errors; nothing was written"
    assert result.stdout == "" and not (repo / "build").exists()
    # The older draft broken, the newer mended: it is the older that is named.
    git(repo, "commit", "-q", "-am", "Broken draft")
    git(repo, "tag", "broken")
    git(repo, "checkout", "-q", TAG, "--", ".")
    result = redline(repo, "broken")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "redline stopped: broken has errors; nothing was written"
    assert not (repo / "build").exists()


def test_no_redline_writes_into_sections_or_templates(repo: Path, tmp_path: Path) -> None:
    edit_drafts(repo)
    git(repo, "commit", "-q", "-am", "Second draft")
    git(repo, "tag", "second-draft")
    edit(repo, ACTION_6, "The coordinator also used reminders", "The coordinator also sent reminders")
    before, untracked = digest(repo), git(repo, "status", "--porcelain", "--untracked-files=all")
    older = copy_project(tmp_path / "older")
    runs = [(TAG,), (TAG, "second-draft"), (TAG, "--format", "json"), (str(older),), ("no-such-draft",),
            (TAG, TAG), ("second-draft", "--author", "Jane Doe")]
    for args in runs:
        redline(repo, *args)
        assert digest(repo) == before, args
    assert digest(older) == digest(copy_project(tmp_path / "pristine"))
    # Only build/ is new in the repository; the tags and the index are as they were.
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    assert status.replace(f"?? build/{DOCX}\n", "").replace(f"?? build/{HTML}\n", "") == untracked
    assert git(repo, "tag").split() == [TAG, "second-draft"]


# --- charts --------------------------------------------------------------------------------------


def test_a_figure_corrected_in_data_redraws_its_chart_as_a_tracked_change(tmp_path: Path) -> None:
    # The tagged draft's data/ is read from git: the chart is drawn from each draft's own figures.
    project = copy_project(tmp_path / "drafting")
    add_chart(project, "sections/07-national-implementation.md")
    make_repository(project, project)
    (project / "data" / f"{CHART_SERIES}.csv").write_text(CHART_DATA.replace("2018,55,", "2018,57,"),
                                                          encoding="utf-8")
    result = redline(project, TAG)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"redline {TAG} -> working tree: 1 part changed, ")
    assert lines[1].startswith("  National implementation measures: +") and lines[1].endswith(
        "0 paragraphs changed, 1 figure changed")
    report = as_json(redline(project, TAG, "--format", "json"))
    assert report["summary"]["figures_changed"] == 1 and report["summary"]["parts_changed"] == 1
    assert [part["key"] for part in report["parts"] if part["figures_changed"]] == ["action-7"]
    # The older picture deleted, the newer inserted: each drawing run inside its revision.
    drawings = [etree.QName(mark).localname for mark in revision_marks(project / "build" / DOCX)
                if mark.find(f"{{{W}}}r/{{{W}}}drawing") is not None]
    assert drawings == ["del", "ins"]
