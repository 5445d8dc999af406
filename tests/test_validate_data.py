"""validate/data.py: figure references against data/ (CCM073, CCM074, CCM076) and numbers typed in a
table that contradict the data (CCM075)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.model.finding import Finding
from tests.helpers import ACTION_6, listing

DATA = ("year,value,source,date\n"
        "2015,92,Handicap International,\n"
        "2017,102,Implementation Support Unit,\n"
        "2018,103,Cluster Munition Monitor 2018,2018-08-01\n"
        "2019,106,Cluster Munition Monitor 2019,2019-08-01\n"
        "2020,110,Cluster Munition Monitor 2020,2020-09-01\n")

SECTION = """---
action: 6
status: final
coordinators: [Iraq]
table:
  - ref: "6.1"
    indicator: "States Parties: [=states-parties 2019] (2019)"
    baseline: {baseline}
    current: "106 (2019)"
    assessment: partially-achieved
---
## Successes

{text}

## Gaps and challenges

Some reports are still late.
"""


def with_data(project: Path, text: str = "The Convention had 106 States Parties.",
              baseline: str = "\"92 (2015)\"") -> Path:
    (project / "data").mkdir(exist_ok=True)  # the shipped data/, its states-parties.csv replaced
    (project / "data" / "states-parties.csv").write_text(DATA, encoding="utf-8")
    (project / ACTION_6).write_text(SECTION.format(text=text, baseline=baseline), encoding="utf-8")
    return project


def findings_of(project: Path, *codes: str) -> list[Finding]:
    return [f for f in api.check(project).report.findings if f.code in codes]


def test_resolved_references_raise_nothing(project: Path) -> None:
    with_data(project, "It reached [=states-parties 2019] in August 2019, from [=states-parties 2015] in 2015.")
    assert findings_of(project, "CCM073", "CCM074", "CCM075", "CCM076") == []


@pytest.mark.parametrize(("text", "words", "hint"), [
    ("It had [=state-parties 2019] then.", "no series 'state-parties'", "states-parties"),
    ("It had [=states-parties 2016] then.", "no figure for 2016", "2015, 2017, 2018, 2019, 2020"),
    ("It had [=states-parties] then.", "cannot be read", "[=states-parties 2019]"),
])
def test_an_unresolved_reference_is_an_error_at_its_place(project: Path, text: str, words: str, hint: str) -> None:
    with_data(project, text)
    found = findings_of(project, "CCM073")
    assert len(found) == 1, listing(found)
    assert found[0].severity == "error" and words in found[0].message and hint in (found[0].hint or "")
    assert found[0].location is not None and (found[0].location.file, found[0].location.column) == (ACTION_6, 8)
    assert api.build(project).written == ()


def test_a_reference_in_a_code_span_is_a_warning_at_its_place(project: Path) -> None:
    with_data(project, "Write `[=states-parties 2019]` for the figure.")
    found = findings_of(project, "CCM074")
    assert len(found) == 1, listing(found)
    assert found[0].location is not None and (found[0].location.line, found[0].location.column) == (14, 8)


def test_a_figure_dated_after_the_document_is_a_warning(project: Path) -> None:
    with_data(project, "It had [=states-parties 2020] in 2020.")
    found = findings_of(project, "CCM076")
    assert len(found) == 1 and "2020-09-01" in found[0].message, listing(found)


def test_a_mistyped_table_number_contradicts_the_data(project: Path) -> None:
    with_data(project, baseline="\"93 States Parties (mid-2015)\"")
    found = findings_of(project, "CCM075")
    assert len(found) == 1, listing(found)
    assert "says 93 for 2015" in found[0].message and "gives 92" in found[0].message
    assert found[0].hint == "cite the figure instead of typing it: [=states-parties 2015]"
    assert found[0].location is not None and found[0].location.line == 8


@pytest.mark.parametrize("baseline", [
    "\"92 (2015)\"",                                  # the data's figure
    "\"92 States Parties, 68 reports (2015)\"",      # one of the numbers is the figure
    "\"Adopted in 2015\"",                           # a year alone
    "\"Article 21 obligations (2015)\"",             # an article number
    "\"Action 1 of the DAP, 2015-2020\"",            # a period
    "\"88-95 (2015)\"",                              # a range
    "\"92 of 193 States (2015)\"",                    # a share: the denominator is no figure
    "\"12 (2014)\"",                                 # a year the series lacks
    "\"Not compiled\"",                              # no number
])
def test_no_contradiction_without_a_mistyped_figure(project: Path, baseline: str) -> None:
    with_data(project, baseline=baseline)
    assert findings_of(project, "CCM075") == []


def test_a_row_that_cites_no_series_is_not_compared(project: Path) -> None:
    with_data(project)
    path = project / ACTION_6
    path.write_text(path.read_text(encoding="utf-8").replace("[=states-parties 2019] (2019)", "States Parties"),
                    encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("92 (2015)", "93 (2015)"), encoding="utf-8")
    assert findings_of(project, "CCM075") == []


def test_bad_data_fails_the_check_with_file_and_line(project: Path) -> None:
    with_data(project)
    (project / "data" / "states-parties.csv").write_text(DATA + "2021,\"1,5\",ISU,\n", encoding="utf-8")
    found = findings_of(project, "CCM071")
    assert [(str(f.location), f.severity) for f in found] == [("data/states-parties.csv:7:1", "error")]


OLDER = "2014,88,Cluster Munition Monitor 2014,2014-08-01\n"  # before the shipped document's period (2015-2020)


def with_older_data(project: Path, text: str, period: str | None = None) -> Path:
    with_data(project, text)
    (project / "data" / "states-parties.csv").write_text(DATA + OLDER, encoding="utf-8")
    if period is not None:
        masthead = project / "sections" / "document.yaml"
        masthead.write_text(masthead.read_text(encoding="utf-8") + f"period: {period}\n", encoding="utf-8")
    return project


def test_a_figure_older_than_the_period_in_the_title_is_a_warning(project: Path) -> None:
    with_older_data(project, "It had [=states-parties 2014] in 2014.")
    found = findings_of(project, "CCM078")
    assert len(found) == 1, listing(found)
    assert found[0].severity == "warning"
    assert "2014-08-01" in found[0].message and "(2015-2020)" in found[0].message
    assert found[0].location is not None and (found[0].location.file, found[0].location.line,
                                              found[0].location.column) == (ACTION_6, 14, 8)


def in_action_6(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.location is not None and f.location.file == ACTION_6]


@pytest.mark.parametrize(("period", "year", "fires"), [
    ("1 July 2018 to 30 June 2019", 2017, True),   # a year before the period's first day
    ("2018-07-01 to 2019-06-30", 2015, True),       # the period written as ISO dates
    ("July 2018 - June 2019", 2018, False),         # as of 1 August 2018: inside the period
    ("1 September 2018 to 31 August 2019", 2018, True),  # as of 1 August 2018: a month before it
])
def test_the_masthead_period_comes_before_the_title(project: Path, period: str, year: int, fires: bool) -> None:
    with_older_data(project, f"It had [=states-parties {year}] then.", period)
    found = in_action_6(findings_of(project, "CCM078"))
    assert len(found) == (1 if fires else 0), listing(found)
    assert all(period in f.message for f in found)


@pytest.mark.parametrize(("text", "period"), [
    ("It had [=states-parties 2015] in 2015.", None),              # the period's first year
    ("It had [=states-parties 2019] in 2019.", None),
    ("It had [=states-parties 2014] in 2014.", "TODO"),             # a period not yet written: no period
    ("It had [=states-parties 2014] in 2014.", "2010-2020"),        # the period says more than the title
    ("Write `[=states-parties 2014]` for it.", None),                # printed as typed, not cited
])
def test_no_warning_for_a_figure_of_the_period(project: Path, text: str, period: str | None) -> None:
    with_older_data(project, text, period)
    assert in_action_6(findings_of(project, "CCM078")) == []


def test_no_period_in_masthead_or_title_means_no_warning(project: Path) -> None:
    with_older_data(project, "It had [=states-parties 2014] in 2014.")
    masthead = project / "sections" / "document.yaml"
    text = masthead.read_text(encoding="utf-8")
    masthead.write_text(text.replace(" (2015-2020)", ""), encoding="utf-8")
    assert findings_of(project, "CCM078") == []
