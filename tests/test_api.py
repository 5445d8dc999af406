"""The operations behind the commands (ccm_review/api.py), end to end: the shipped sections pass the
check and build into both documents, reproducibly and safely; `check` imports no renderer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.text import count_words
from ccm_review.layout.outline import make_outline
from ccm_review.model.finding import Finding
from ccm_review.model.outline import CodeItem, GridItem, HeadingItem, NumberedItem, Outline, PlainItem, Runs, SubItem
from ccm_review.spec.rules import DOCUMENT_RULES, rule
from tests.helpers import ACTION_6, EDITORIAL_FIXTURES, MASTHEAD, REPO, RULE_FIXTURES, printed_text


def test_shipped_sections_pass_the_strict_check() -> None:
    report = api.check(REPO).report
    assert [f"{f.location}: {f.code} {f.message}" for f in report.findings] == []
    assert not report.fails(strict=True)
    assert report.files == 10
    assert 0 < report.words <= report.max_words == 10700


def test_build_writes_both_documents(tmp_path: Path) -> None:
    result = api.build(REPO, tmp_path)
    assert [path.name for path in result.written] == ["review-document.docx", "review-document.html"]
    docx, html = (tmp_path / "review-document.docx"), (tmp_path / "review-document.html")
    assert docx.read_bytes()[:2] == b"PK"
    assert "Review Document of the Dubrovnik Action Plan" in html.read_text(encoding="utf-8")


def test_same_sources_give_identical_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1588204800")
    first, second = tmp_path / "a", tmp_path / "b"
    api.build(REPO, first)
    api.build(REPO, second)
    for name in ("review-document.docx", "review-document.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_source_date_epoch_reaches_the_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1588204800")
    api.build(REPO, tmp_path / "a")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1591574400")
    api.build(REPO, tmp_path / "b")
    name = "review-document.docx"
    assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes()


def test_a_build_with_errors_writes_nothing_and_keeps_earlier_outputs(project: Path) -> None:
    out = project / "build"
    api.build(project, out)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    section = project / "sections" / "04-victim-assistance.md"
    section.write_text(section.read_text(encoding="utf-8").replace('ref: "4.2"', 'ref: "4.9"'), encoding="utf-8")
    result = api.build(project, out)
    assert result.written == ()
    assert result.check.report.errors >= 1
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


@pytest.mark.parametrize(("line", "new", "code"), [
    (r"^date:.*$", "date: 2020-02-30", "CCM006"),
    (r"^symbol:.*$", "# no symbol", "CCM005"),
])
def test_a_masthead_with_a_bad_date_or_no_symbol_is_a_finding_and_nothing_is_written(
        project: Path, tmp_path: Path, line: str, new: str, code: str) -> None:
    masthead = project / "sections" / "document.yaml"
    text, count = re.subn(line, new, masthead.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    masthead.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = api.build(project, out)
    assert result.written == ()
    assert code in {finding.code for finding in result.check.report.findings}
    assert not out.exists()


def test_no_temporary_files_are_left_beside_the_outputs(tmp_path: Path) -> None:
    api.build(REPO, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["review-document.docx", "review-document.html"]


def _runs_words(runs: Runs) -> int:
    return count_words(printed_text(runs))


def _outline_words(outline: Outline) -> int:
    """Count what the renderers print, the way measure.py promises it is counted."""
    total = 0
    for part in outline.parts:
        total += count_words(part.title)
        if part.table is not None:
            total += count_words(part.table.label) + count_words(part.table.title)
            total += sum(count_words(column.header) for column in part.table.columns)
            total += sum(_runs_words(cell) for row in part.table.rows for cell in row)
            total += sum(1 + _runs_words(paragraph) for note in part.table.notes for paragraph in note.paragraphs)
        total += sum(count_words(f"{chart.label} {chart.title} {chart.source}") for chart in part.charts)
        for item in part.items:
            if isinstance(item, (HeadingItem, NumberedItem, SubItem, PlainItem)):
                total += _runs_words(item.runs)
            elif isinstance(item, CodeItem):
                total += count_words(item.text)
            elif isinstance(item, GridItem):
                total += sum(_runs_words(cell) for cell in item.header)
                total += sum(_runs_words(cell) for row in item.rows for cell in row)
    total += sum(_runs_words(paragraph) for note in outline.notes for paragraph in note.paragraphs)
    return total


def test_the_outline_prints_exactly_the_words_check_counts() -> None:
    result = api.check(REPO)
    outline = make_outline(result.document, result.spec)
    assert _outline_words(outline) == result.report.words


def test_paragraph_numbers_run_through_the_whole_document() -> None:
    result = api.check(REPO)
    outline = make_outline(result.document, result.spec)
    numbers = [item.number for part in outline.parts for item in part.items if isinstance(item, NumberedItem)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [part.numeral for part in outline.parts] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    assert [part.table.number for part in outline.parts if part.table] == list(range(1, 8))


# --- `check` stays fast enough to run on every save: no renderer is imported ----------------------


CHECK = """
import sys
import re
from pathlib import Path
from ccm_review import api
api.check(Path(sys.argv[1]))
print('docx' in sys.modules, 'jinja2' in sys.modules)
"""


def python(code: str, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_check_imports_neither_python_docx_nor_jinja2(project: Path) -> None:
    assert python(CHECK, str(project)) == ["False", "False"]


# What a check after a save, the store warm, has no use for: the outputs' libraries, modules the
# command line or the loaders imported for other commands or for sources the store holds, and
# standard modules none of it needs.
NOT_AFTER_A_SAVE = ("csv", "json", "difflib", "tempfile", "hashlib", "pickle", "subprocess", "docx", "jinja2", "lxml",
                    "ccm_review.tools.init", "ccm_review.report.rules", "ccm_review.spec.read",
                    "ccm_review.load.document", "ccm_review.load.data_yaml", "ccm_review.render",
                    "ccm_review.layout.outline", "ccm_review.layout.redline", "ccm_review.layout.run_tokens",
                    "ccm_review.layout.run_text", "ccm_review.layout.change_summary")


def imported_by_check(project: Path, store: Path) -> set[str]:
    """The modules a fresh `python -m ccm_review check` imports (as -X importtime lists them)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "ccm_review", "check", "--project",
                             str(project)], capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "CCM_REVIEW_CACHE_DIR": str(store)})
    assert result.returncode == 0, result.stderr
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_a_check_after_a_save_imports_only_what_it_needs(project: Path, tmp_path_factory: pytest.TempPathFactory
                                                         ) -> None:
    store = tmp_path_factory.mktemp("store")  # outside the project, which the store never writes into
    imported_by_check(project, store)  # fills the store
    saved = project / "sections" / "04-victim-assistance.md"
    saved.write_text(saved.read_text(encoding="utf-8") + "\nThe coordinators met again.\n", encoding="utf-8")
    imported = imported_by_check(project, store)
    # The run read the saved section (markdown-it) and the rest from the store.
    assert {"ccm_review.api", "ccm_review.load.store", "markdown_it"} <= imported
    assert sorted(imported & set(NOT_AFTER_A_SAVE)) == []


# --- check FILE...: the named files only, with the findings a full check gives them ---------------

SHIPPED_FILES = sorted(f"sections/{path.name}" for path in (REPO / "sections").iterdir())
# Every fixture a section file or the masthead can be, and where it goes.
CHECK_FILE_CASES = sorted([(f"rules/{path.name}", ACTION_6) for path in RULE_FIXTURES.glob("*.md")]
                          + [(f"editorial/{path.name}", ACTION_6) for path in EDITORIAL_FIXTURES.glob("*.md")]
                          + [(f"rules/{path.name}", MASTHEAD) for path in RULE_FIXTURES.glob("*-document-*.yaml")])


def file_scope_findings(result: api.CheckResult, file: str) -> list[Finding]:
    """The findings of a full check about `file`, from the rules that judge one file: what check FILE gives."""
    return [found for found in result.report.findings if found.location is not None and found.location.file == file
            and rule(found.code).scope == "file"
            # An ignore comment of a document-wide rule is judged by the full check alone.
            and not (found.code == "CCM035" and any(code in found.message for code in DOCUMENT_RULES))]


@pytest.mark.parametrize("file", SHIPPED_FILES)
def test_check_file_gives_the_full_checks_findings_for_each_shipped_file(project: Path, file: str) -> None:
    # The shipped draft passes, so every part is given findings to compare: a placeholder, an ignore comment
    # that silences nothing, a number in figures.
    with (project / file).open("a", encoding="utf-8") as stream:
        stream.write("\n3 States reported TODO.\n" if file.endswith(".md") else "\njob_number: TODO\n")
    full = api.check(project)
    part = api.check(project, files=(project / file,))
    assert file_scope_findings(full, file), "the edit gives the file findings to compare"
    assert list(part.report.findings) == file_scope_findings(full, file)
    assert part.report.checked == (file,)


@pytest.mark.parametrize(("fixture", "target"), CHECK_FILE_CASES)
def test_check_file_gives_the_full_checks_findings_for_every_fixture(project: Path, fixture: str,
                                                                     target: str) -> None:
    shutil.copyfile(RULE_FIXTURES.parent / fixture, project / target)
    full = api.check(project)
    part = api.check(project, files=(project / target,))
    assert list(part.report.findings) == file_scope_findings(full, target)
    assert all(found.location is not None and found.location.file == target for found in part.report.findings)


def test_check_file_leaves_the_document_wide_rules_to_a_full_check(project: Path) -> None:
    # CCM043: the ISU spelled out in another part first is no finding; in this part alone it would be one.
    shutil.copyfile(EDITORIAL_FIXTURES / "CCM043-fail.md", project / ACTION_6)
    (project / "sections" / "_parked.md").write_text("# not a section\n", encoding="utf-8")
    (project / "sections" / "05-cooperation-and-assistance.md").unlink()  # CCM015 for the full check
    full = api.check(project)
    assert {"CCM015", "CCM043"} <= {found.code for found in full.report.findings}
    part = api.check(project, files=(project / ACTION_6,))
    assert not set(DOCUMENT_RULES) & {found.code for found in part.report.findings}
    assert part.report.deferred == DOCUMENT_RULES


def test_check_file_reads_no_other_section(project: Path) -> None:
    # Another part that cannot be read at all would be an error of the full check; it is not read here.
    (project / "sections" / "03-clearance.md").write_bytes(b"\xff\xfe not UTF-8")
    assert api.check(project).report.errors
    part = api.check(project, files=(project / ACTION_6,))
    assert [section.path for section in part.document.sections] == [ACTION_6]
    assert part.report.errors == 0
    # The part's own figures are those of the full check.
    assert part.report.sections == tuple(s for s in api.check(project).report.sections if s.file == ACTION_6)


@pytest.mark.parametrize("name", ["06-a-first.md", "06-z-second.md"])
def test_check_file_of_a_part_claimed_twice_judges_its_rows_as_the_full_check_does(project: Path, name: str) -> None:
    # A full check judges the rows of the first file only; named alone, the second file's are not judged either.
    shutil.copyfile(RULE_FIXTURES / "CCM011-fail.md", project / "sections" / name)
    file = f"sections/{name}"
    full = api.check(project)
    part = api.check(project, files=(project / file,))
    assert "CCM014" in {found.code for found in full.report.findings}
    assert list(part.report.findings) == file_scope_findings(full, file)
    assert ("CCM011" in {found.code for found in part.report.findings}) == (name == "06-a-first.md")


def test_check_file_of_two_parts_claiming_one_action_judges_each_as_a_file(project: Path) -> None:
    # CCM014 needs both files; named together, the second file's claim is reported as in a full check.
    shutil.copyfile(project / ACTION_6, project / "sections" / "06-transparency-copy.md")
    copy = "sections/06-transparency-copy.md"
    full = api.check(project)
    part = api.check(project, files=(project / ACTION_6, project / copy))
    assert "CCM014" in {found.code for found in full.report.findings}
    assert list(part.report.findings) == [found for found in full.report.findings if found.code != "CCM014"
                                          and found.location is not None and found.location.file in (ACTION_6, copy)]
