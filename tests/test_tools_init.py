"""`ccm-review init` (ccm_review/tools/init.py): a drafting project for any plan and kind of document,
read back from its DOCX and HTML: every action of the plan, in order, under its section."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ccm_review.spec.template import Spec, load_spec
from ccm_review.tools.init import kind_plans, kinds, plans, project_files
from tests.helpers import REPO, invoke, parse, read_docx, require_tool

TODAY = date(2026, 3, 2)
# What a drafter writes in place of every TODO, so that the strict check passes.
FILLED = {"meeting": "Thirteenth", "symbol": "2025/1", "title": "Thirteenth Meeting", "submitted_by": "Thirteenth",
          "period": "1 January to 31 December 2025", "session": "First Preparatory Meeting", "place": "Geneva",
          "meeting_dates": "16-19 September 2025", "agenda_item": "5", "agenda_title": "Progress"}


def start(tmp_path: Path, plan: str, kind: str) -> Path:
    """A project made by `init` with every part written by `new`."""
    project = tmp_path / f"{plan}-{kind}"
    result = invoke("init", project, "--plan", plan, "--kind", kind)
    assert result.exit_code == 0, result.output
    for part in load_spec(project).parts:
        target = str(part.action.number) if part.action else part.key
        assert invoke("new", target, "--project", project).exit_code == 0
    return project


def fill(project: Path) -> None:
    """Replace every placeholder as a drafter would, and mark every part final."""
    for path in (project / "sections").glob("*.md"):
        text = path.read_text(encoding="utf-8").replace("TODO", "Not yet reported")
        path.write_text(text.replace("status: draft", "status: final"), encoding="utf-8")
    masthead = project / "sections/document.yaml"
    lines = []
    for line in masthead.read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0]
        lines.append(line.split("#", 1)[0].replace("TODO", FILLED.get(key, "x")) if "TODO" in line else line)
    masthead.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- what init writes -------------------------------------------------------------------------------


def test_init_offers_every_plan_and_kind_of_the_package_data() -> None:
    assert set(plans()) >= {"dap", "lap"}
    assert set(kinds()) >= {"review", "progress-report"}


def test_the_dap_review_project_has_the_shipped_templates(tmp_path: Path) -> None:
    files = {planned.path: planned.data for planned in project_files("dap", "review", TODAY)}
    for shipped in sorted((REPO / "templates").iterdir()):
        assert files[f"templates/{shipped.name}"] == shipped.read_bytes(), shipped.name
    assert {path for path in files if path.startswith("templates/")} == \
        {f"templates/{path.name}" for path in (REPO / "templates").iterdir()}


def test_init_writes_a_whole_drafting_repository(tmp_path: Path) -> None:
    result = invoke("init", tmp_path / "new", "--plan", "lap")
    assert result.exit_code == 0, result.output
    written = {path.relative_to(tmp_path / "new").as_posix() for path in (tmp_path / "new").rglob("*")
               if path.is_file()}
    assert written == {
        ".github/workflows/review-document.yml", ".gitignore", ".pre-commit-config.yaml", "Makefile", "README.md",
        "sections/document.yaml", "templates/lap.yaml", "templates/reference.docx", "templates/review.html.j2",
        "templates/review.yaml", "templates/section.schema.json"}
    assert all(f"wrote {tmp_path / 'new' / path}" in result.output for path in written)
    readme = (tmp_path / "new/README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Review Document on the Lausanne Action Plan\n")
    assert "`introduction`, `2`, `3`" in readme and "${" not in readme
    assert f"date: {date.today()}" in (tmp_path / "new/sections/document.yaml").read_text(encoding="utf-8")


def test_the_workflow_is_the_one_of_the_ci_guide() -> None:
    guide = (REPO / "docs/ci.md").read_text(encoding="utf-8")
    workflow = (REPO / "ccm_review/skeleton/common/dot-github/workflows/review-document.yml").read_text("utf-8")
    steps = re.findall(r"- name: (.+)", workflow)
    assert steps == re.findall(r"- name: (.+)", guide.split("```yaml", 2)[2])
    assert "ccm-review check --strict --format github" in workflow


def test_the_lap_catalogue_numbers_fifty_actions_in_nine_sections(tmp_path: Path) -> None:
    invoke("init", tmp_path / "lap", "--plan", "lap")
    spec = load_spec(tmp_path / "lap")
    assert len(spec.actions) == 9
    assert [item.ref for action in spec.actions for item in action.items] == [str(n) for n in range(1, 51)]
    # Only action 13 was seen with its number and content; nothing else may claim to be confirmed.
    assert [item.ref for action in spec.actions for item in action.items if item.confirmed] == ["13"]
    assert not any(action.confirmed for action in spec.actions)
    assert (spec.action_term, spec.item_term) == ("section", "action")


# --- a LAP review and a progress report, built and read back ---------------------------------------------


def test_a_new_project_checks_with_placeholder_warnings_only(tmp_path: Path) -> None:
    project = tmp_path / "lap"
    invoke("init", project, "--plan", "lap", "--kind", "progress-report")
    result = invoke("check", "--project", project, "--strict", "--format", "json")
    assert result.exit_code == 1
    codes = set(re.findall(r'"code": "(CCM\d+)"', result.output))
    assert codes == {"CCM015", "CCM030"}  # the parts still to start, the TODOs of the masthead
    project = start(tmp_path, "lap", "review")
    result = invoke("check", "--project", project, "--strict", "--format", "json")
    assert set(re.findall(r'"code": "(CCM\d+)"', result.output)) == {"CCM017", "CCM030"}
    assert '"errors": 0' in result.output


def table_rows(page_html: str) -> list[tuple[str, list[str], list[str]]]:
    """Every indicator table of the page: the title of its part, its column headers, its row headers."""
    tables = []
    for section in parse(page_html).find_all("section", class_="part"):
        heading = section.find("h2").text()
        for table in section.find_all("table"):
            if table.has_class("indicators"):
                headers = [th.text() for th in table.find("thead").find_all("th")]
                rows = [th.text() for th in table.find("tbody").find_all("th")]
                tables.append((heading, headers, rows))
    return tables


def expected_rows(spec: Spec) -> list[tuple[str, list[str]]]:
    return [(action.title, [f"{item.ref} {item.title}" for item in action.items]) for action in spec.actions]


@pytest.mark.parametrize(("kind", "current"), [("review", "3RC (2026)"), ("progress-report", "Current")])
def test_a_lap_project_prints_every_action_in_order_under_its_section(tmp_path: Path, kind: str,
                                                                       current: str) -> None:
    project = start(tmp_path, "lap", kind)
    fill(project)
    checked = invoke("check", "--project", project, "--strict")
    assert checked.exit_code == 0, checked.output
    assert invoke("build", "--project", project, "--strict").exit_code == 0
    spec = load_spec(project)
    page = (project / "build/review-document.html").read_text(encoding="utf-8")
    tables = table_rows(page)
    assert [(re.sub(r"^[IVXL]+\. ", "", heading), rows) for heading, _, rows in tables] == expected_rows(spec)
    headers = {tuple(headers) for _, headers, _ in tables}
    assert headers == {("LAP action", "Indicator", "2RC (2021)", current, "Assessment")}
    refs = [row.split(" ", 1)[0] for _, _, rows in tables for row in rows]
    assert refs == [str(n) for n in range(1, 51)]


@pytest.mark.external
def test_the_lap_docx_read_back_holds_every_action_in_order_under_its_section(tmp_path: Path) -> None:
    project = start(tmp_path, "lap", "review")
    fill(project)
    assert invoke("build", "--project", project, "--strict").exit_code == 0
    spec = load_spec(project)
    read = read_docx(project / "build/review-document.docx")
    texts = read.texts
    headers = [(index, entry[-1]) for index, entry in enumerate(read.body) if entry[0] == "header" and entry[1] == 1]
    position = 0
    for title, rows in expected_rows(spec):
        for row in rows:
            position = texts.index(row, position)
            under = [heading for index, heading in headers if index < position][-1]
            assert under.endswith(title), (row, under)
    for header in ("LAP action", "2RC (2021)", "3RC (2026)"):
        assert header in texts


@pytest.mark.external
def test_a_progress_report_prints_its_own_masthead(tmp_path: Path) -> None:
    project = start(tmp_path, "dap", "progress-report")
    fill(project)
    assert invoke("build", "--project", project, "--strict").exit_code == 0
    texts = read_docx(project / "build/review-document.docx").texts
    assert "Convention on Cluster Munitions CCM/MSP/2025/1" in texts
    assert "Thirteenth Meeting of States Parties" in texts
    assert "1 January to 31 December 2025" in texts
    assert "General status and operation of the Convention" not in " ".join(texts)
    assert {"DAP item", "1RC (2015)", "Current"} <= set(texts)
    page = (project / "build/review-document.html").read_text(encoding="utf-8")
    assert parse(page).find("p", class_="period").text() == "1 January to 31 December 2025"


# --- every plan and kind: the first column's header and the captions, read back ----------------------

# What each plan calls a row of its tables: the DAP's rows are its items ("4.1"), the LAP's its
# actions ("31"), in a review and in a progress report alike.
FIRST_HEADER = {"dap": "DAP item", "lap": "LAP action"}
COMBINATIONS = [(plan, kind) for kind in kinds() for plan in kind_plans(kind)]


@pytest.fixture(scope="module", params=COMBINATIONS, ids=[f"{plan}-{kind}" for plan, kind in COMBINATIONS])
def combination(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A project of one plan and kind, every part written and filled in, built."""
    plan, kind = request.param
    project = start(tmp_path_factory.mktemp("combination"), plan, kind)
    fill(project)
    result = invoke("build", "--project", project, "--strict")
    assert result.exit_code == 0, result.output
    return plan, project


def test_every_plan_that_init_offers_has_a_known_first_header() -> None:
    assert set(FIRST_HEADER) == set(plans()) == {plan for plan, _ in COMBINATIONS}
    assert {kind for _, kind in COMBINATIONS} == set(kinds()) and len(COMBINATIONS) == 4


def test_every_table_of_every_combination_heads_its_first_column_with_the_plans_word(
        combination: tuple[str, Path]) -> None:
    plan, project = combination
    spec = load_spec(project)
    page = parse((project / "build/review-document.html").read_text(encoding="utf-8"))
    tables = [table for table in page.find_all("table") if table.has_class("indicators")]
    assert len(tables) == len(spec.actions)
    assert {table.find("thead").find("th").text() for table in tables} == {FIRST_HEADER[plan]}
    # Each caption: "Table N" (with the comma screen readers say), and under it the title the
    # template makes of the part's.
    lines = [[span.text() for span in table.find("caption").find_all("span") if not span.has_class("caption-comma")]
             for table in tables]
    assert lines == [[f"Table {number},", spec.caption.format(number=action.number, title=action.title)]
                     for number, action in enumerate(spec.actions, start=1)]


@pytest.mark.external
def test_the_docx_of_every_combination_reads_back_with_the_plans_word_over_its_first_column(
        combination: tuple[str, Path]) -> None:
    plan, project = combination
    spec = load_spec(project)
    texts = read_docx(project / "build/review-document.docx").texts
    # pandoc reads a table's caption (its line break a space) and then its header row, cell by cell.
    captions = [f"Table {number} {spec.caption.format(number=action.number, title=action.title)}"
                for number, action in enumerate(spec.actions, start=1)]
    found = [index for index, text in enumerate(texts) if text in captions]
    assert [texts[index] for index in found] == captions
    assert {texts[index + 1] for index in found} == {FIRST_HEADER[plan]}


# --- bad input ----------------------------------------------------------------------------------------


def test_init_refuses_a_folder_that_is_not_empty_and_lists_what_is_there(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "sections").mkdir()
    result = invoke("init", tmp_path, "--plan", "dap")
    assert result.exit_code == 2
    assert f"error: {tmp_path} is not empty: notes.txt, sections/" in result.output
    assert "--force" in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt", "sections"]


def test_init_force_keeps_every_file_there_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("our own readme\n", encoding="utf-8")
    result = invoke("init", tmp_path, "--plan", "dap", "--force")
    assert result.exit_code == 0, result.output
    assert f"kept {tmp_path / 'README.md'} (it exists; not replaced)" in result.output
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "our own readme\n"
    assert (tmp_path / "templates/dap.yaml").is_file()
    again = invoke("init", tmp_path, "--plan", "dap", "--force")
    assert "wrote" not in again.output and again.output.count("kept ") == 11


@pytest.mark.parametrize(("option", "value", "choices"), [
    ("--plan", "vap", "'dap', 'lap'"), ("--kind", "annual", "'progress-report', 'review'")])
def test_an_unknown_plan_or_kind_exits_2_with_the_choices(tmp_path: Path, option: str, value: str,
                                                          choices: str) -> None:
    args = ["init", str(tmp_path / "x"), "--plan", "dap", option, value]
    result = invoke(*args)
    assert result.exit_code == 2
    assert choices in result.output
    assert not (tmp_path / "x").exists()


def test_init_into_a_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("", encoding="utf-8")
    result = invoke("init", tmp_path / "x", "--plan", "dap")
    assert result.exit_code == 2 and "is not a folder" in result.output


@pytest.mark.external
def test_make_build_works_on_what_init_writes(tmp_path: Path) -> None:
    project = start(tmp_path, "lap", "review")
    make = require_tool("make")
    ccm_review = Path(sys.executable).parent / "ccm-review"
    done = subprocess.run([make, "build", f"CCM_REVIEW={ccm_review}"], cwd=project, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert (project / "build/review-document.docx").is_file()
