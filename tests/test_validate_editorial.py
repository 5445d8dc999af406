"""The editorial rules (CCM040 and up): UN style, one fixture of failing and one of passing cases each.

Each fixture replaces sections/06-transparency.md in a copy of the shipped project. In a
`-fail.md` fixture every line of the narrative except headings is a case that must fire the
fixture's code on that line; a `-pass.md` fixture holds near-misses (references, dates,
tables, quotations, code) on which the code must stay quiet. False positives are bugs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_review import api
from ccm_review.model.finding import Finding
from ccm_review.spec.rules import RULES
from ccm_review.validate.editorial.common import core
from ccm_review.validate.editorial.numbers import _LONE_FIGURE
from tests.helpers import ACTION_6, CONCLUSIONS, EDITORIAL_FIXTURES, INTRODUCTION, REVIEW, RULE_FIXTURES, listing

EDITORIAL = [rule.code for rule in RULES if rule.code.startswith(("CCM04", "CCM05"))]
# Fixtures whose finding is about the whole part: it points at the first line of the narrative.
PART_LINES = {"CCM050-fail.md": [17]}

FAIL = sorted(path.name for path in EDITORIAL_FIXTURES.glob("*-fail.md"))
PASS = sorted(path.name for path in EDITORIAL_FIXTURES.glob("*-pass.md"))


def check_with(project: Path, fixture: str, strict: bool = False) -> list[Finding]:
    shutil.copyfile(EDITORIAL_FIXTURES / fixture, project / ACTION_6)
    return list(api.check(project, strict=strict).report.findings)


def case_lines(fixture: str) -> list[int]:
    """The lines of the narrative that are cases: not blank, not headings."""
    if fixture in PART_LINES:
        return PART_LINES[fixture]
    lines = (EDITORIAL_FIXTURES / fixture).read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1
    return [number for number, line in enumerate(lines, 1)
            if number > body and line.strip() and not line.startswith("#")]


def of(code: str, findings: list[Finding], file: str = ACTION_6) -> list[Finding]:
    return [f for f in findings if f.code == code and f.location is not None and f.location.file == file]


def test_every_editorial_rule_has_a_failing_and_a_passing_fixture() -> None:
    assert sorted(name[:6] for name in FAIL) == EDITORIAL
    assert sorted(name[:6] for name in PASS) == EDITORIAL


@pytest.mark.parametrize("fixture", FAIL)
def test_every_case_of_a_failing_fixture_fires(project: Path, fixture: str) -> None:
    code = fixture[:6]
    findings = check_with(project, fixture)
    fired = of(code, findings)
    lines = {f.location.line for f in fired if f.location}
    assert lines == set(case_lines(fixture)), listing(fired)
    assert all(f.severity == "warning" and f.message and f.hint for f in fired), listing(fired)


@pytest.mark.parametrize("fixture", PASS)
def test_no_case_of_a_passing_fixture_fires(project: Path, fixture: str) -> None:
    result_findings = check_with(project, fixture)
    assert of(fixture[:6], result_findings) == [], listing(result_findings)


@pytest.mark.parametrize("fixture, code, line, column", [
    ("CCM040-fail.md", "CCM040", 25, 6),    # "Only 1 State ..."
    ("CCM040-fail.md", "CCM040", 25, 42),   # "... and 2 regions": the second figure of the line
    ("CCM040-fail.md", "CCM040", 27, 20),   # "*5*": the figure inside the emphasis
    ("CCM040-fail.md", "CCM040", 36, 19),   # in a footnote
    ("CCM041-fail.md", "CCM041", 19, 69),
    ("CCM042-fail.md", "CCM042", 19, 43),
    ("CCM043-fail.md", "CCM043", 25, 5),    # the first use, not the later spelled-out one
    ("CCM045-fail.md", "CCM045", 23, 6),
    ("CCM048-fail.md", "CCM048", 19, 32),
    ("CCM048-fail.md", "CCM048", 27, 16),   # "*still* still": the pair across the emphasis
], ids=lambda value: str(value))
def test_findings_point_at_the_words(project: Path, fixture: str, code: str, line: int, column: int) -> None:
    fired = of(code, check_with(project, fixture))
    assert [f for f in fired if f.location and (f.location.line, f.location.column) == (line, column)], \
        listing(fired)


def test_figures_stay_in_the_indicator_table(project: Path) -> None:
    # The table of the fixtures has "3 of 12 reports" and "80% of those due": tables keep figures and '%'.
    findings = check_with(project, "CCM040-pass.md")
    assert [f for f in findings if f.code in ("CCM040", "CCM041") and f.location and f.location.line < 17] == []


def test_a_wrapped_doubled_word_is_found(project: Path) -> None:
    text = (EDITORIAL_FIXTURES / "CCM048-pass.md").read_text(encoding="utf-8")
    text = text.replace("Some initial reports are long overdue.", "Some initial reports are the\nthe oldest.")
    (project / ACTION_6).write_text(text, encoding="utf-8")
    fired = of("CCM048", list(api.check(project).report.findings))
    assert [(f.location.line, f.location.column) for f in fired if f.location] == [(27, 26)]


# --- abbreviations: the first use in print order --------------------------------------------------


def test_an_abbreviation_is_spelled_out_once_for_the_whole_document(project: Path) -> None:
    # The ISU is spelled out in the introduction; later parts use the abbreviation alone.
    findings = list(api.check(project).report.findings)
    assert [f for f in findings if f.code == "CCM043"] == []
    intro = project / INTRODUCTION
    intro.write_text(intro.read_text(encoding="utf-8").replace("Implementation Support Unit (ISU)", "ISU"),
                     encoding="utf-8")
    fired = [f for f in api.check(project).report.findings if f.code == "CCM043"]
    assert [(f.location.file, f.location.line) for f in fired if f.location] == [(INTRODUCTION, 22)]
    assert fired[0].hint is not None and "Implementation Support Unit (ISU)" in fired[0].hint


def test_the_first_use_follows_the_order_of_parts_not_of_files(project: Path) -> None:
    # The conclusions file sorts first by name, but the template prints the conclusion last.
    conclusions = project / CONCLUSIONS
    text = conclusions.read_text(encoding="utf-8")
    conclusions.unlink()
    (project / "sections" / "000-conclusions.md").write_text(
        text.replace("A recurring gap is data.", "A recurring gap is data, as the NPA noted."), encoding="utf-8")
    body = (EDITORIAL_FIXTURES / "CCM043-pass.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(body, encoding="utf-8")
    assert [f for f in api.check(project).report.findings if f.code == "CCM043"] == []
    # And the other way round: a use in action 6 before the spelling-out in the conclusions is reported.
    (project / ACTION_6).write_text(body.replace("Norwegian People's Aid (NPA)", "The NPA"), encoding="utf-8")
    (project / "sections" / "000-conclusions.md").write_text(
        text.replace("A recurring gap is data.", "A recurring gap is data, as Norwegian People's Aid (NPA) noted."),
        encoding="utf-8")
    fired = [f for f in api.check(project).report.findings if f.code == "CCM043"]
    assert [f.location.file for f in fired if f.location] == [ACTION_6]


# --- ignore comments ---------------------------------------------------------------------------------


def test_an_ignore_comment_silences_its_codes_in_the_next_paragraph_only(project: Path) -> None:
    text = (EDITORIAL_FIXTURES / "CCM040-fail.md").read_text(encoding="utf-8")
    text = text.replace("The coordinator wrote to 4", "<!-- ccm-review: ignore CCM040 -->\nThe coordinator wrote to 4")
    text = text.replace("Only 1 State", "<!-- ccm-review: ignore CCM048, CCM040 -->\nOnly 1 State")
    (project / ACTION_6).write_text(text, encoding="utf-8")
    findings = list(api.check(project).report.findings)
    lines = sorted({f.location.line for f in of("CCM040", findings) if f.location})
    assert 22 not in lines and 27 not in lines  # the two silenced paragraphs
    assert {19, 24, 29} <= set(lines)  # the paragraphs around them still report
    assert of("CCM031", findings) == []  # the comments are not raw HTML
    # A code the comment does not name still fires; the unused CCM048 is itself reported.
    assert [f.location.line for f in of("CCM035", findings) if f.location] == [26]


def test_an_ignore_comment_is_not_printed_and_not_counted(project: Path) -> None:
    before = api.check(project)
    intro = project / INTRODUCTION
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text.replace("## Mandate\n\n", "## Mandate\n\n<!-- ccm-review: ignore CCM049 -->\n"),
                     encoding="utf-8")
    after = api.check(project)
    section = next(s for s in after.document.sections if s.path == INTRODUCTION)
    assert "ccm-review" not in repr(section.blocks)
    assert [ignore.codes for ignore in section.ignores] == [("CCM049",)]
    assert after.report.words == before.report.words
    assert [f.code for f in after.report.findings] == ["CCM035"]  # nothing to silence there


def test_an_ignore_comment_cannot_silence_a_locked_rule(project: Path) -> None:
    shutil.copyfile(RULE_FIXTURES / "CCM035-locked-fail.md", project / ACTION_6)
    findings = list(api.check(project).report.findings)
    assert of("CCM032", findings), listing(findings)


# --- the template decides ----------------------------------------------------------------------------


def edit_template(project: Path, old: str, new: str) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    assert old in text, old
    review.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rule_can_be_made_an_error(project: Path) -> None:
    edit_template(project, "rules: {}", "rules:\n  CCM040: error")
    fired = of("CCM040", check_with(project, "CCM040-fail.md"))
    assert fired and {f.severity for f in fired} == {"error"}


def test_a_rule_can_be_switched_off(project: Path) -> None:
    edit_template(project, "rules: {}", "rules:\n  CCM040: off\n  CCM030: off")
    assert of("CCM040", check_with(project, "CCM040-fail.md")) == []
    assert of("CCM047", check_with(project, "CCM047-fail.md"))  # the other rules still run


def test_the_house_term_follows_the_template(project: Path) -> None:
    edit_template(project, "house_terms: [States Parties, State Party]", "house_terms: [States parties, State party]")
    fired = of("CCM045", check_with(project, "CCM045-pass.md"))
    assert {f.location.line for f in fired if f.location} == {19, 21}
    assert "States parties" in (fired[0].hint or "")
    assert of("CCM045", check_with(project, "CCM045-fail.md")) != []  # "STATES PARTIES" and "states parties"


def test_the_sentence_limit_follows_the_template(project: Path) -> None:
    edit_template(project, "max_sentence_words: 40", "max_sentence_words: 45")
    assert of("CCM049", check_with(project, "CCM049-fail.md")) == []
    edit_template(project, "max_sentence_words: 45", "max_sentence_words: 20")
    assert of("CCM049", check_with(project, "CCM049-pass.md"))


def test_the_reading_ease_threshold_follows_the_template(project: Path) -> None:
    edit_template(project, "min_reading_ease: 30", "min_reading_ease: 0")
    findings = check_with(project, "CCM050-pass.md")
    assert of("CCM050", findings) == []
    edit_template(project, "min_reading_ease: 0", "min_reading_ease: 100")
    assert of("CCM050", check_with(project, "CCM050-pass.md"))


def test_known_expansions_come_from_the_template(project: Path) -> None:
    fixture = "CCM043-fail.md"
    edit_template(project, "    MSP: Meeting of States Parties", "    NPA: Norwegian People's Aid")
    fired = of("CCM043", check_with(project, fixture))
    npa = next(f for f in fired if "'NPA'" in f.message)
    assert npa.hint == "write 'Norwegian People's Aid (NPA)' here"
    edit_template(project, "plain_abbreviations: [CHF, EUR, USD]", "plain_abbreviations: [CHF, NPA, GICHD]")
    fired = of("CCM043", check_with(project, fixture))
    assert not [f for f in fired if "'NPA'" in f.message or "'GICHD'" in f.message]


def test_the_shipped_parts_read_above_the_threshold(project: Path) -> None:
    for section in api.check(project).report.sections:
        assert section.readability is not None, section.file
        assert section.readability.flesch_reading_ease >= 30, section.file
        assert section.readability.average_sentence_words <= 25, section.file


def test_no_quotation_mark_pair_hides_a_whole_paragraph(project: Path) -> None:
    # An unpaired quotation mark must not mask the rest of the passage.
    text = (EDITORIAL_FIXTURES / "CCM040-fail.md").read_text(encoding="utf-8")
    text = text.replace("The coordinator wrote to 4 States Parties.",
                        "The coordinator's \u201cletter went to 4 States.")
    (project / ACTION_6).write_text(text, encoding="utf-8")
    assert re.search(r"\u201c", text)
    assert 21 in {f.location.line for f in of("CCM040", list(api.check(project).report.findings)) if f.location}


# --- the cheap tests before a case-blind pattern: they may only skip a passage that cannot match -------

@pytest.mark.parametrize(("text", "words", "expected"), [
    ("The plan was adopted.", ("percent",), False),
    ("Three PerCent of them.", ("percent",), True),
    ("They organised it.", ("organis", "realis"), True),
    ("They organized it.", ("organis", "realis"), False),
    ("They organ\u0131se it.", ("organis",), True),  # a dotless i: a case-blind pattern matches it to "i"
    ("The plan was adopted.", ("\u212aelvin",), True),  # a word beyond ASCII: the pattern decides
], ids=["absent", "in-capitals", "present", "absent-other-spelling", "dotless-i", "word-beyond-ascii"])
def test_may_hold(text: str, words: tuple[str, ...], expected: bool) -> None:
    from ccm_review.validate.editorial.common import may_hold

    assert may_hold(text, words) is expected


@pytest.mark.parametrize(("sentence", "code"), [
    ("The States will organ\u0131se a meeting.", "CCM046"),  # dotless i: still an -ise spelling
    ("Reports rose by 3 PERCENT in the year.", "CCM041"),
    ("Some STATES PARTIES reported.", "CCM045"),
], ids=["ise-dotless-i", "percent-in-capitals", "house-term-in-capitals"])
def test_a_passage_the_cheap_test_cannot_rule_out_is_still_searched(project: Path, sentence: str, code: str) -> None:
    text = (EDITORIAL_FIXTURES / "CCM046-pass.md").read_text(encoding="utf-8")
    (project / ACTION_6).write_text(f"{text.rstrip()}\n\n{sentence}\n", encoding="utf-8")
    assert of(code, list(api.check(project).report.findings)), sentence


@settings(max_examples=2000, derandomize=True, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.;:()[]\"'%a/-\u2019\u201c\u00a0\n")), max_size=10))
def test_every_passage_with_a_lone_figure_is_read_for_ccm040(text: str) -> None:
    # check_numbers reads only the passages its pre-test finds a figure 1-9 standing alone in.
    lone = any(len(core(token)) == 1 and core(token) in "123456789" for token in text.split())
    assert not lone or _LONE_FIGURE.search(text) is not None
