"""Every rule code below CCM040 (docs/rules.md, the README's rule table), one small fixture at a time.

Each case copies one fixture file of tests/fixtures/rules/ over one file of a copy of the
shipped project (or adds it, or deletes the target), runs `api.check` and looks for the code.
A failing case says where the finding must point; a passing case is a near-identical input
on which the code must stay quiet.
"""

from __future__ import annotations

import codecs
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.api import CheckResult
from tests.helpers import (
    ACTION_6,
    CONCLUSIONS,
    DAP,
    GENERAL_STATUS,
    INTRODUCTION,
    MASTHEAD,
    REVIEW,
    RULE_FIXTURES,
    SEVERITY,
    copy_project,
    invoke,
    listing,
    with_fixture,
)

DELETED = None  # the case deletes its target instead of writing it
DIRECTORY = b"<a directory>"  # the case makes its target a directory holding the shipped file

# CCM003 inputs are written by the test: one UTF-8 fixture, saved the ways editors get it wrong.
_CCM003_TEXT = (RULE_FIXTURES / "CCM003-text.md").read_text(encoding="utf-8")
LATIN_1 = _CCM003_TEXT.encode("latin-1")
UTF_16 = _CCM003_TEXT.encode("utf-16")  # with its byte order mark, as Notepad writes it
WITH_NUL = _CCM003_TEXT.replace("overdue", "over\0due").encode("utf-8")
UTF_8_BOM_CRLF = codecs.BOM_UTF8 + _CCM003_TEXT.replace("\n", "\r\n").encode("utf-8")
WITH_VERTICAL_TAB = _CCM003_TEXT.replace("overdue", "over\vdue").encode("utf-8")
# CCM007: the section padded past the 1 MB limit with a comment, and just under it.
_PADDING = 1024 * 1024 - len(_CCM003_TEXT.encode("utf-8")) - len("\n<!--  -->\n")
OVER_1_MB = (_CCM003_TEXT + "\n<!-- " + "x" * (_PADDING + 1) + " -->\n").encode("utf-8")
UNDER_1_MB = (_CCM003_TEXT + "\n<!-- " + "x" * _PADDING + " -->\n").encode("utf-8")


@dataclass(frozen=True)
class Case:
    """One input and what `check` must say about `code`.

    `fixture` is a file name under tests/fixtures/rules/, bytes to write, or DELETED.
    For a failing case `line` None means a finding about the whole document (no file);
    `hint`, when given, must appear in the finding's hint. `strict` runs the check as for a submission.
    """

    name: str
    fixture: str | bytes | None
    target: str
    code: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    strict: bool = False


FAILING = [
    # Front matter that cannot be read.
    Case("yaml-colon-in-plain-value", "CCM001-fail.md", ACTION_6, "CCM001", 12, 30, hint="quotes"),
    Case("yaml-tab-indentation", "CCM001-tab-fail.md", ACTION_6, "CCM001", 5, 1, hint="spaces"),
    Case("no-front-matter", "CCM002-fail.md", ACTION_6, "CCM002", 1, 1),
    Case("front-matter-not-closed", "CCM002-unclosed-fail.md", ACTION_6, "CCM002", 1, 1),
    Case("front-matter-is-a-list", "CCM002-list-fail.md", ACTION_6, "CCM002", 2, 1),
    Case("empty-file", "CCM002-empty-fail.md", ACTION_6, "CCM002", 1, 1),
    Case("latin-1", LATIN_1, ACTION_6, "CCM003", 23, 29, hint="UTF-8"),
    Case("utf-16", UTF_16, ACTION_6, "CCM003", 1, 1, hint="UTF-8"),
    Case("nul-byte", WITH_NUL, ACTION_6, "CCM003", 23, 69),
    Case("vertical-tab-from-word", WITH_VERTICAL_TAB, ACTION_6, "CCM003", 23, 69, hint="Word"),
    Case("over-1-mb", OVER_1_MB, ACTION_6, "CCM007", 1, 1),
    Case("directory-named-like-a-section", DIRECTORY, ACTION_6, "CCM008", 1, 1, hint="rename the directory"),
    Case("quotations-nested-9-deep", "CCM009-fail.md", ACTION_6, "CCM009", 25, 1),
    # Keys and values.
    Case("unknown-key", "CCM004-fail.md", ACTION_6, "CCM004", 4, 1, hint="did you mean 'coordinators'?"),
    Case("unknown-row-key", "CCM004-row-fail.md", ACTION_6, "CCM004", 9, 5, hint="did you mean 'current'?"),
    Case("status-missing", "CCM005-fail.md", ACTION_6, "CCM005", 2, 1, hint="status"),
    Case("row-assessment-missing", "CCM005-row-fail.md", ACTION_6, "CCM005", 11, 5, hint="assessment"),
    Case("neither-action-nor-part", "CCM005-action-fail.md", ACTION_6, "CCM005", 2, 1),
    Case("masthead-symbol-missing", "CCM005-document-fail.yaml", MASTHEAD, "CCM005", 2, 1, hint="symbol"),
    Case("status-not-allowed", "CCM006-fail.md", ACTION_6, "CCM006", 3, 9, hint="allowed: draft, review, final"),
    Case("assessment-not-allowed", "CCM006-assessment-fail.md", ACTION_6, "CCM006", 10, 17,
         hint="allowed: achieved, partially-achieved, not-achieved, not-assessed"),
    Case("action-in-quotes", "CCM006-type-fail.md", ACTION_6, "CCM006", 2, 9, hint="whole number"),
    Case("action-and-part", "CCM006-both-fail.md", ACTION_6, "CCM006", 3, 1),
    Case("masthead-date-not-in-calendar", "CCM006-document-fail.yaml", MASTHEAD, "CCM006", 16, 54),
    # Parts and table rows against the template and the catalogue.
    Case("action-not-in-plan", "CCM010-fail.md", ACTION_6, "CCM010", 2, 9, hint="1, 2, 3, 4, 5, 6, 7"),
    Case("part-not-in-template", "CCM010-part-fail.md", INTRODUCTION, "CCM010", 2, 7,
         hint="did you mean 'introduction'?"),
    Case("ref-not-in-catalogue", "CCM011-fail.md", ACTION_6, "CCM011", 11, 10, hint="6.1, 6.2"),
    Case("ref-of-another-action", "CCM011-other-action-fail.md", ACTION_6, "CCM011", 11, 10),
    Case("ref-not-in-catalogue-in-a-part", "CCM011-part-fail.md", GENERAL_STATUS, "CCM011", 5, 10),
    Case("ref-twice", "CCM012-fail.md", ACTION_6, "CCM012", 11, 10),
    Case("item-without-row", "CCM013-fail.md", ACTION_6, "CCM013", 5, 1, hint='ref: "6.2"'),
    Case("second-file-claims-action", "CCM014-fail.md", "sections/10-transparency-again.md", "CCM014", 2, 9),
    Case("second-file-claims-part", "CCM014-part-fail.md", "sections/10-introduction-again.md", "CCM014", 2, 7),
    Case("action-without-file", DELETED, ACTION_6, "CCM015"),
    Case("part-without-file", DELETED, CONCLUSIONS, "CCM015"),
    Case("rows-out-of-order", "CCM016-fail.md", ACTION_6, "CCM016", 11, 5),
    Case("not-final-under-strict", "CCM017-fail.md", ACTION_6, "CCM017", 3, 9, hint="status: final", strict=True),
    Case("curly-quoted-value", "CCM018-fail.md", ACTION_6, "CCM018", 4, 16, hint='"Iraq"'),
    # Lengths and headings.
    Case("cell-of-41-words", "CCM020-fail.md", ACTION_6, "CCM020", 9, 14),
    Case("introduction-of-401-words", "CCM021-fail.md", INTRODUCTION, "CCM021", 6, 1),
    Case("document-over-its-limit", "CCM022-fail.yaml", REVIEW, "CCM022"),
    Case("heading-missing", "CCM023-fail.md", ACTION_6, "CCM023", 17, 1, hint="## Gaps and challenges"),
    # Content.
    Case("todo", "CCM030-fail.md", ACTION_6, "CCM030", 23, 40),
    Case("elided-text", "CCM030-ellipsis-fail.md", ACTION_6, "CCM030", 23, 28),
    Case("tbd-in-a-cell", "CCM030-cell-fail.md", ACTION_6, "CCM030", 9, 14),
    Case("inline-html", "CCM031-fail.md", ACTION_6, "CCM031", 23, 25),
    Case("html-block", "CCM031-block-fail.md", ACTION_6, "CCM031", 23, 1),
    Case("ftp-link", "CCM032-fail.md", ACTION_6, "CCM032", 23, 41),
    Case("javascript-link", "CCM032-javascript-fail.md", ACTION_6, "CCM032", 23, 41),
    Case("relative-link", "CCM032-relative-fail.md", ACTION_6, "CCM032", 23, 41),
    Case("file-link-in-a-footnote", "CCM032-footnote-fail.md", ACTION_6, "CCM032", 25, 38),
    Case("footnote-not-defined", "CCM033-fail.md", ACTION_6, "CCM033", 23, 39),
    Case("footnote-not-used", "CCM033-unused-fail.md", ACTION_6, "CCM033", 26, 1),
    Case("level-1-heading", "CCM034-fail.md", ACTION_6, "CCM034", 17, 1),
    Case("ignore-an-unknown-rule", "CCM035-fail.md", ACTION_6, "CCM035", 19, 1, hint="ccm-review rules"),
    Case("ignore-a-locked-rule", "CCM035-locked-fail.md", ACTION_6, "CCM035", 19, 1),
    Case("ignore-comment-not-understood", "CCM035-malformed-fail.md", ACTION_6, "CCM035", 19, 1,
         hint="<!-- ccm-review: ignore CCM041 -->"),
    Case("ignore-that-silences-nothing", "CCM035-unused-fail.md", ACTION_6, "CCM035", 21, 1, hint="move it"),
    # Content checks: assessments, dates of sources, sources given twice, counts of action points.
    Case("assessed-without-current-data", "CCM036-fail.md", ACTION_6, "CCM036", 15, 17, hint="not-assessed"),
    Case("no-data-in-capitals", "CCM036-case-fail.md", ACTION_6, "CCM036", 10, 17, hint="current"),
    Case("note-dated-after-the-document", "CCM037-fail.md", ACTION_6, "CCM037", 26, 23),
    Case("periodical-of-the-documents-year", "CCM037-monitor-fail.md", ACTION_6, "CCM037", 25, 9,
         hint="appears in August 2020"),
    Case("figure-as-of-a-later-day", "CCM037-cell-fail.md", ACTION_6, "CCM037", 9, 14),
    Case("note-of-a-later-year", "CCM037-later-year-fail.md", ACTION_6, "CCM037", 26, 23),
    Case("table-note-repeated-as-footnote", "CCM038-fail.md", ACTION_6, "CCM038", 26, 1, hint="once"),
    Case("bare-note-three-times", "CCM038-repeated-fail.md", ACTION_6, "CCM038", 25, 1, hint="Ibid."),
    Case("count-in-words-against-the-catalogue", "CCM039-fail.md", ACTION_6, "CCM039", 19, 50,
         hint="action_points: 32"),
    Case("count-in-figures-against-the-catalogue", "CCM039-figures-fail.md", ACTION_6, "CCM039", 19, 62),
]

PASSING = [
    Case("yaml-colon-in-quoted-value", "CCM001-pass.md", ACTION_6, "CCM001"),
    Case("yaml-space-indentation", "CCM001-tab-pass.md", ACTION_6, "CCM001"),
    Case("front-matter", "CCM002-pass.md", ACTION_6, "CCM002"),
    Case("utf-8", "CCM003-text.md", ACTION_6, "CCM003"),
    Case("utf-8-with-bom-and-crlf", UTF_8_BOM_CRLF, ACTION_6, "CCM003"),
    Case("just-under-1-mb", UNDER_1_MB, ACTION_6, "CCM007"),
    Case("a-regular-file", "CCM003-text.md", ACTION_6, "CCM008"),
    Case("quotations-nested-8-deep", "CCM009-pass.md", ACTION_6, "CCM009"),
    Case("known-key", "CCM004-pass.md", ACTION_6, "CCM004"),
    Case("status-given", "CCM005-pass.md", ACTION_6, "CCM005"),
    Case("status-allowed", "CCM006-pass.md", ACTION_6, "CCM006"),
    Case("masthead-leap-day", "CCM006-document-pass.yaml", MASTHEAD, "CCM006"),
    Case("action-in-plan", "CCM010-pass.md", ACTION_6, "CCM010"),
    Case("part-in-template", "CCM010-part-pass.md", INTRODUCTION, "CCM010"),
    Case("ref-in-catalogue", "CCM011-pass.md", ACTION_6, "CCM011"),
    Case("ref-in-catalogue-in-a-part", "CCM011-part-pass.md", GENERAL_STATUS, "CCM011"),
    Case("no-ref-in-a-part", "CCM011-part-no-ref-pass.md", GENERAL_STATUS, "CCM011"),
    Case("refs-once", "CCM012-pass.md", ACTION_6, "CCM012"),
    Case("row-for-every-item", "CCM013-pass.md", ACTION_6, "CCM013"),
    Case("ignored-draft-copy", "CCM014-fail.md", "sections/_10-transparency-again.md", "CCM014"),
    Case("action-with-file", "CCM015-pass.md", ACTION_6, "CCM015"),
    Case("rows-in-order", "CCM016-pass.md", ACTION_6, "CCM016"),
    Case("final-under-strict", "CCM017-pass.md", ACTION_6, "CCM017", strict=True),
    Case("draft-without-strict", "CCM017-fail.md", ACTION_6, "CCM017"),
    Case("straight-quotes-and-quotes-inside-a-value", "CCM018-pass.md", ACTION_6, "CCM018"),
    Case("cell-of-40-words", "CCM020-pass.md", ACTION_6, "CCM020"),
    Case("introduction-of-400-words", "CCM021-pass.md", INTRODUCTION, "CCM021"),
    Case("document-under-its-limit", "CCM022-pass.yaml", REVIEW, "CCM022"),
    Case("heading-in-other-case", "CCM023-pass.md", ACTION_6, "CCM023"),
    Case("to-do-in-words", "CCM030-pass.md", ACTION_6, "CCM030"),
    Case("html-in-code-span", "CCM031-pass.md", ACTION_6, "CCM031"),
    Case("https-link", "CCM032-pass.md", ACTION_6, "CCM032"),
    Case("mailto-anchor-and-upper-case-links", "CCM032-allowed-pass.md", ACTION_6, "CCM032"),
    Case("footnote-defined-and-used", "CCM033-pass.md", ACTION_6, "CCM033"),
    Case("level-2-heading", "CCM034-pass.md", ACTION_6, "CCM034"),
    Case("ignore-comment-silences-its-paragraph", "CCM035-pass.md", ACTION_6, "CCM035"),
    Case("no-current-data-not-assessed-and-no-baseline-data", "CCM036-pass.md", ACTION_6, "CCM036"),
    Case("plans-deadlines-and-earlier-sources", "CCM037-pass.md", ACTION_6, "CCM037"),
    Case("different-sources-twice-and-ibid", "CCM038-pass.md", ACTION_6, "CCM038"),
    Case("the-catalogues-count-and-counts-of-some", "CCM039-pass.md", ACTION_6, "CCM039"),
]


def _ids(cases: list[Case]) -> list[str]:
    return [f"{case.code}-{case.name}" for case in cases]


def apply(project: Path, case: Case) -> None:
    """Write (or delete) the case's target in `project`."""
    target = project / case.target
    if case.fixture is DELETED:
        target.unlink()
    elif case.fixture == DIRECTORY:
        shipped = target.read_bytes()
        target.unlink()
        target.mkdir()
        (target / "text.md").write_bytes(shipped)
    elif isinstance(case.fixture, bytes):
        target.write_bytes(case.fixture)
    else:
        shutil.copyfile(RULE_FIXTURES / case.fixture, target)


def run(project: Path, case: Case) -> CheckResult:
    apply(project, case)
    return api.check(project, strict=case.strict)


def test_the_shipped_project_has_no_findings(project: Path) -> None:
    assert api.check(project).report.findings == ()


def test_the_shipped_project_passes_the_submission_gate(project: Path) -> None:
    assert api.check(project, strict=True).report.findings == ()


def test_every_rule_code_has_a_failing_and_a_passing_case() -> None:
    assert {case.code for case in FAILING} == set(SEVERITY)
    assert {case.code for case in PASSING} == set(SEVERITY)


def test_every_fixture_file_is_used() -> None:
    used = {case.fixture for case in FAILING + PASSING if isinstance(case.fixture, str)}
    assert {path.name for path in RULE_FIXTURES.iterdir()} - used == {"multiple-problems.md"}


@pytest.mark.parametrize("case", FAILING, ids=_ids(FAILING))
def test_rule_fires_at_its_location(project: Path, case: Case) -> None:
    everything = run(project, case).report.findings
    findings = [f for f in everything if f.code == case.code]
    assert findings, f"{case.code} did not fire; findings:\n{listing(everything)}"
    if case.line is None:
        matching = [f for f in findings if f.location is None]
        where = "the whole document (no file)"
    else:
        matching = [f for f in findings if f.location is not None and f.location.file == case.target
                    and f.location.line == case.line and (case.column is None or f.location.column == case.column)]
        where = f"{case.target}:{case.line}:{case.column}"
    assert matching, f"{case.code} fired, but not at {where}:\n{listing(findings)}"
    finding = matching[0]
    assert finding.severity == SEVERITY[case.code]
    assert finding.message.strip()
    if case.hint is not None:
        assert finding.hint is not None and case.hint in finding.hint, listing(matching)


Place = tuple[str, str, int, int]  # code, file, line, column


@pytest.fixture(scope="module")
def shipped_places(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, set[Place]]:
    """Where the shipped draft itself has findings, without and with --strict (none once it passes every rule)."""
    shipped = copy_project(tmp_path_factory.mktemp("shipped"))
    return {strict: {(f.code, f.location.file, f.location.line, f.location.column)
                     for f in api.check(shipped, strict=strict).report.findings if f.location is not None}
            for strict in (False, True)}


@pytest.mark.parametrize("case", PASSING, ids=_ids(PASSING))
def test_rule_stays_quiet_on_a_near_identical_input(project: Path, case: Case,
                                                    shipped_places: dict[bool, set[Place]]) -> None:
    result = run(project, case)
    # A finding the shipped draft already has in another file is not the input's; in the case's own
    # file every finding counts.
    elsewhere = {place for place in shipped_places[case.strict] if place[1] != case.target}
    added = [f for f in result.report.findings if f.code == case.code
             and (f.location is None or (f.code, f.location.file, f.location.line, f.location.column) not in elsewhere)]
    assert added == [], listing(result.report.findings)
    if case.target.endswith(".md") and not Path(case.target).name.startswith("_"):
        # The input was really read (a file that cannot be loaded would silence every later rule).
        loaded = [s for s in result.document.sections if s.path == case.target]
        assert loaded and loaded[0].meta is not None, listing(result.report.findings)


def test_all_problems_of_one_file_come_in_one_run(project: Path) -> None:
    shutil.copyfile(RULE_FIXTURES / "multiple-problems.md", project / ACTION_6)
    findings = api.check(project).report.findings
    found = {(f.code, f.location.line if f.location else None) for f in findings}
    assert {("CCM004", 4), ("CCM006", 3), ("CCM011", 11)} <= found, listing(findings)


def test_findings_of_a_file_come_in_line_order(project: Path) -> None:
    shutil.copyfile(RULE_FIXTURES / "multiple-problems.md", project / ACTION_6)
    locations = [f.location for f in api.check(project).report.findings if f.location is not None]
    places = [(where.line, where.column) for where in locations if where.file == ACTION_6]
    assert places == sorted(places)


def test_whole_document_findings_come_last(project: Path) -> None:
    (project / CONCLUSIONS).unlink()
    shutil.copyfile(RULE_FIXTURES / "CCM030-fail.md", project / ACTION_6)
    findings = api.check(project).report.findings
    assert [f.code for f in findings] == ["CCM030", "CCM015"]


def test_ignored_draft_copy_does_not_claim_the_action(project: Path) -> None:
    shutil.copyfile(RULE_FIXTURES / "CCM011-fail.md", project / "sections" / "_06-transparency.md")
    assert api.check(project).report.findings == ()


@pytest.mark.parametrize("delta, fires", [(0, False), (-1, True)], ids=["limit-equals-words", "one-word-over"])
def test_document_limit_is_inclusive(project: Path, delta: int, fires: bool) -> None:
    words = api.check(project).report.words
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    assert re.search(r"(?m)^  max_words: 10700$", text), "the shipped document limit moved"
    review.write_text(re.sub(r"(?m)^  max_words: 10700$", f"  max_words: {words + delta}", text), encoding="utf-8")
    codes = [f.code for f in api.check(project).report.findings]
    assert ("CCM022" in codes) is fires


def test_an_empty_value_is_reported_on_its_own_line(project: Path) -> None:
    text = (RULE_FIXTURES / "CCM006-pass.md").read_text(encoding="utf-8").replace("status: final", "status:")
    (project / ACTION_6).write_text(text, encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM006"]
    assert findings and findings[0].location is not None
    assert findings[0].location.line == 3  # the line of 'status:', not of 'coordinators:' below it


def test_a_placeholder_in_the_title_is_reported(project: Path) -> None:
    text = (RULE_FIXTURES / "CCM030-pass.md").read_text(encoding="utf-8")
    text = text.replace("status: draft", "status: draft\ntitle: TBD")
    (project / ACTION_6).write_text(text, encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM030"]
    assert [(f.location.line if f.location else None) for f in findings] == [4]


# --- the content checks' settings: the catalogue's count and the template's content: block -----------

def _content_findings(project: Path, code: str) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in api.check(project).report.findings
            if f.code == code and f.location is not None and f.location.file == ACTION_6]


def _without_action_points(project: Path) -> None:
    catalogue = project / DAP
    text = catalogue.read_text(encoding="utf-8")
    assert re.search(r"(?m)^action_points: 32 ", text), "the shipped catalogue's count moved"
    catalogue.write_text(re.sub(r"(?m)^action_points: .*\n", "", text), encoding="utf-8")


@pytest.mark.parametrize("count, fires", [("29", False), ("32", True)], ids=["items-counted", "the-plans-own-count"])
def test_without_action_points_the_catalogues_items_are_the_count(project: Path, count: str, fires: bool) -> None:
    _without_action_points(project)
    text = (RULE_FIXTURES / "CCM039-figures-fail.md").read_text(encoding="utf-8").replace("its 33", f"its {count}")
    (project / ACTION_6).write_text(text, encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM039"
                and f.location is not None and f.location.file == ACTION_6]
    assert bool(findings) is fires, listing(findings)
    if fires:
        assert findings[0].hint is not None and "lists 29 items" in findings[0].hint


_TOTAL_AND_ROWS = "with 32 action points in all,[^points] follow the main obligations of the Convention; " \
    "the tables below review 29 of them."


def _introduction_findings(project: Path) -> list[str]:
    return [f.message for f in api.check(project).report.findings if f.code == "CCM039"
            and f.location is not None and f.location.file == INTRODUCTION]


@pytest.mark.parametrize("sentence, messages", [
    (_TOTAL_AND_ROWS, []),
    ("with 32 action points in all,[^points] follow the main obligations of the Convention.",
     ["the text counts 32 action points, but the tables hold 29 rows"]),
    ("with 32 action points in all,[^points] follow the main obligations of the Convention; "
     "the tables below review twenty-nine of them.", []),
], ids=["rows-given", "rows-not-given", "rows-in-words"])
def test_a_total_the_catalogue_confirms_must_say_how_many_rows_the_tables_hold(
        project: Path, sentence: str, messages: list[str]) -> None:
    introduction = project / INTRODUCTION
    text = introduction.read_text(encoding="utf-8")
    assert _TOTAL_AND_ROWS in text, "the shipped introduction's count moved"
    introduction.write_text(text.replace(_TOTAL_AND_ROWS, sentence), encoding="utf-8")
    assert _introduction_findings(project) == messages


def test_the_rows_are_not_counted_while_an_action_has_no_part(project: Path) -> None:
    introduction = project / INTRODUCTION
    text = introduction.read_text(encoding="utf-8")
    introduction.write_text(text.replace("; the tables below review 29 of them.", "."), encoding="utf-8")
    assert _introduction_findings(project) != []
    (project / ACTION_6).unlink()  # 27 rows now, and no table for action 6 at all: CCM015's to report
    assert _introduction_findings(project) == []


def _set_content(project: Path, lines: str) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    block = re.search(r"(?ms)^content:\n.*?(?=^\S)", text)
    assert block, "the shipped template has no content: block"
    review.write_text(text.replace(block.group(0), f"content:\n{lines}\n"), encoding="utf-8")


def test_a_periodical_the_template_does_not_list_is_dated_by_its_year(project: Path) -> None:
    with_fixture(project, "CCM037-monitor-fail.md")
    assert _content_findings(project, "CCM037") == [(25, 9)]
    _set_content(project, "  periodicals: {}")
    assert _content_findings(project, "CCM037") == []  # "2020" alone is not after 30 April 2020


def test_the_template_sets_how_often_a_note_may_repeat(project: Path) -> None:
    text = (RULE_FIXTURES / "CCM038-repeated-fail.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(text.replace("[^late]: Article 7 reports, 2019.", "[^late]: Other records."),
                                    encoding="utf-8")
    assert _content_findings(project, "CCM038") == []
    _set_content(project, "  repeated_notes: 2")
    assert _content_findings(project, "CCM038") == [(25, 1)]


def test_the_template_lists_the_phrases_that_mean_no_data(project: Path) -> None:
    text = (RULE_FIXTURES / "CCM036-fail.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(text.replace("Data not compiled", "Figures pending"), encoding="utf-8")
    assert _content_findings(project, "CCM036") == []
    _set_content(project, "  no_data: [figures pending]")
    assert _content_findings(project, "CCM036") == [(15, 17)]


def test_an_assessment_the_template_does_not_allow_is_reported_once(project: Path) -> None:
    text = (RULE_FIXTURES / "CCM036-fail.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(text.replace("assessment: partially-achieved", "assessment: partly achieved"),
                                    encoding="utf-8")
    codes = [f.code for f in api.check(project).report.findings
             if f.location is not None and f.location.file == ACTION_6 and f.location.line in (10, 15)]
    assert codes == ["CCM006", "CCM006"]  # the value is wrong: CCM036 has no assessment to judge


def test_a_repeated_note_names_every_other_place(project: Path) -> None:
    with_fixture(project, "CCM038-repeated-fail.md")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM038"
                and f.location is not None and f.location.file == ACTION_6]
    assert len(findings) == 1, listing(findings)
    assert f"{ACTION_6}:26, {ACTION_6}:27" in findings[0].message


def test_a_plan_whose_items_are_actions_is_counted_by_its_actions(tmp_path: Path) -> None:
    project = tmp_path / "lap-review"
    assert invoke("init", project, "--plan", "lap").exit_code == 0
    assert invoke("new", "introduction", "--project", project).exit_code == 0
    introduction = next((project / "sections").glob("*introduction*.md"))
    text = introduction.read_text(encoding="utf-8")
    introduction.write_text(text + "\nThe plan sets out its 49 actions in nine sections. The five actions of "
                            "section 2 and the 50 actions in all are reviewed here.\n", encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM039"]
    assert [f.message for f in findings] == ["the text counts 49 actions, but the plan has 50"], listing(findings)


@pytest.mark.parametrize("count, messages", [
    ("Thirty-One", ["the text counts Thirty-One action points, but the plan has 32"]),  # a number word in any case
    ("Thirty-two", ["the text counts Thirty-two action points, but the tables hold 29 rows"]),  # the plan's count
    ("many", []),  # a word that is no number
    ("thirty-ten", []),  # nor is this
    ("fifty-one-two", []),  # a count is one word or two joined by a hyphen, no more
    ("s\u0131x", []),  # a dotless i: no number word, and no traceback
], ids=["capitals", "the-count", "no-number", "no-number-word", "three-words", "dotless-i"])
def test_a_count_in_words_is_read_as_a_number_only_when_it_is_one(project: Path, count: str,
                                                                   messages: list[str]) -> None:
    text = (RULE_FIXTURES / "CCM039-fail.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(text.replace("thirty-one action points", f"{count} action points"),
                                    encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM039"
                and f.location is not None and f.location.file == ACTION_6]
    assert [f.message for f in findings] == messages, listing(findings)


def test_a_word_that_is_no_number_does_not_hide_a_count_after_it(project: Path) -> None:
    text = (RULE_FIXTURES / "CCM039-fail.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(text.replace("which hold thirty-one action points in all",
                                                 "which hold several action points, and its 30 action points"),
                                    encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.code == "CCM039"
                and f.location is not None and f.location.file == ACTION_6]
    assert [f.message for f in findings] == ["the text counts 30 action points, but the plan has 32"]


# --- the checks check FILE... need not run ----------------------------------------------------------

def test_each_check_of_document_scope_names_every_code_its_module_reports() -> None:
    from ccm_review.spec.rules import DOCUMENT_RULES
    from ccm_review.validate import _DOCUMENT_CHECKS

    for check, codes in _DOCUMENT_CHECKS.items():
        source = Path(check.__code__.co_filename).read_text(encoding="utf-8")
        reported = set(re.findall(r"finding(?:_at)?\(\s*\"(CCM\d{3})\"", source))
        assert reported == codes and codes <= set(DOCUMENT_RULES), check.__name__


@pytest.mark.parametrize("deferred, left", [
    ((), {"CCM038", "CCM039"}),
    (("CCM039",), {"CCM038"}),
    (("CCM014", "CCM015", "CCM022", "CCM038", "CCM039", "CCM043"), set()),
], ids=["none", "one", "all-of-document-scope"])
def test_a_check_whose_codes_are_all_deferred_is_not_run(project: Path, deferred: tuple[str, ...],
                                                        left: set[str]) -> None:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.load.sections import load_document
    from ccm_review.spec.template import load_spec
    from ccm_review.validate import validate_document

    with_fixture(project, "CCM039-fail.md")
    with_fixture(project, "CCM038-fail.md", CONCLUSIONS)
    document, _ = load_document(project)
    codes = {found.code for found in validate_document(Analysis(document, load_spec(project)),
                                                       deferred=frozenset(deferred))}
    assert codes & {"CCM038", "CCM039"} == left
