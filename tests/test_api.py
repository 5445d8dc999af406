"""The operations behind the commands (ccm_review/api.py), end to end: the shipped sections pass the
check and build into both documents, reproducibly and safely; `check` imports no renderer.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.text import count_words
from ccm_review.layout.outline import make_outline
from ccm_review.model.outline import CodeItem, GridItem, HeadingItem, NumberedItem, Outline, PlainItem, Runs, SubItem
from tests.helpers import REPO, printed_text


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
