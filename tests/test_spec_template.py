"""The templates as typed rules (ccm_review/spec/template.py): what the shipped ones say, and how a broken
one is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from ccm_review.errors import TemplateError
from ccm_review.spec.template import Spec, load_spec
from tests.helpers import DAP, REVIEW, invoke

# --- the shipped templates -------------------------------------------------------------------------


def test_the_parts_come_in_template_order(spec: Spec) -> None:
    assert [part.key for part in spec.parts] == [
        "introduction", *(f"action-{n}" for n in range(1, 8)), "general-status", "conclusion"]


def test_parts_take_their_titles_and_limits_from_the_templates(spec: Spec) -> None:
    titles = {part.key: part.title for part in spec.parts}
    assert titles["introduction"] == "Introduction"
    assert titles["action-4"] == "Victim assistance"
    assert titles["general-status"] == "General status and operation of the Convention"
    assert titles["conclusion"] == "Conclusions"
    limits = {part.key: part.max_words for part in spec.parts}
    assert limits == {"introduction": 400, **{f"action-{n}": 700 for n in range(1, 8)},
                      "general-status": 600, "conclusion": 400}
    assert spec.max_document_words == 10700


def test_only_action_parts_require_headings(spec: Spec) -> None:
    for part in spec.parts:
        expected = ("Successes", "Gaps and challenges") if part.action else ()
        assert part.required_headings == expected, part.key


def test_the_table_columns(spec: Spec) -> None:
    assert [(c.key, c.header, c.required) for c in spec.columns] == [
        ("ref", "DAP item", True),  # no header in the template: the catalogue's "DAP" and "item"
        ("indicator", "Indicator", True),
        ("baseline", "1RC (2015)", False),
        ("current", "2RC (2020)", False),
        ("assessment", "Assessment", True),
    ]
    assert {column.max_words for column in spec.columns} == {40}
    assessment = spec.column("assessment")
    assert assessment is not None
    assert assessment.values == (("achieved", "Achieved"), ("partially-achieved", "Partially achieved"),
                                 ("not-achieved", "Not achieved"), ("not-assessed", "Not assessed"))
    assert assessment.label("partially-achieved") == "Partially achieved"
    assert spec.column("nothing") is None


def test_the_action_plan_catalogue(spec: Spec) -> None:
    assert (spec.plan_name, spec.plan_short) == ("Dubrovnik Action Plan", "DAP")
    assert [action.number for action in spec.actions] == [1, 2, 3, 4, 5, 6, 7]
    assert sum(len(action.items) for action in spec.actions) == 29
    assert [len(action.items) for action in spec.actions] == [2, 5, 8, 2, 7, 2, 3]
    victims = spec.actions[3]
    assert (victims.title, victims.article, victims.coordinators) == ("Victim assistance", "5", ("Mexico", "Spain"))
    item = victims.item("4.1")
    assert item is not None and item.title == "Strengthen national capacity" and item.confirmed
    assert victims.item("6.1") is None


def test_statuses_placeholders_and_caption(spec: Spec) -> None:
    assert spec.statuses == ("draft", "review", "final")
    assert spec.placeholders == ("TODO", "TBD", "XXX", "[...]")
    assert spec.caption.format(number=4, title="Victim assistance") == "Action 4: Victim assistance"
    assert spec.other_part_keys == ("introduction", "general-status", "conclusion")


def test_a_lower_limit_in_the_template_is_obeyed(project: Path) -> None:
    review = project / REVIEW
    review.write_text(review.read_text(encoding="utf-8").replace("max_words: 600", "max_words: 250"),
                      encoding="utf-8")
    part = load_spec(project).part("general-status")
    assert part is not None
    assert part.max_words == 250


# --- broken templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Breakage:
    """One edit of a shipped template, and where and what the error must say.

    The message must name `file:LINE:COL`: where `at` first occurs in the edited file from the
    start of the edit on.
    """

    name: str
    file: str
    old: str
    new: str
    at: str
    says: str


BREAKAGES = [
    Breakage("invalid-yaml", REVIEW, "  max_words: 10700", "  max_words: 10700: words", ": words", "mapping values"),
    Breakage("unknown-key", REVIEW, "  max_cell_words: 40", "  max_cell_word: 40", "max_cell_word:",
             "unknown key 'table.max_cell_word'"),
    Breakage("wrong-type", REVIEW, "  max_words: 10700", "  max_words: many", "many", "must be a whole number"),
    Breakage("value-not-allowed", REVIEW, "version: 1", "version: 12", "12", "allowed: 1"),
    Breakage("missing-key", REVIEW, "  - part: general-status\n    max_words: 600\n", "  - part: general-status\n",
             "part: general-status", "'parts[3].max_words' is missing"),
    Breakage("tab", REVIEW, "  max_words: 10700", "\tmax_words: 10700", "\tmax_words", "indented with a tab"),
    Breakage("part-with-both-keys", REVIEW, "  - part: conclusion\n", "  - part: conclusion\n    actions: all\n",
             "part: conclusion", "exactly one of"),
    Breakage("part-without-title", REVIEW, "  - part: conclusion\n", "  - part: annex\n", "part: annex",
             "part 'annex' has no title"),
    Breakage("dap-invalid-yaml", DAP, "short: DAP", "short: DAP: 2015", ": 2015", "mapping values"),
    Breakage("dap-unknown-key", DAP, "    target: 130 States", "    targte: 130 States", "targte:",
             "did you mean 'target'"),
    Breakage("dap-duplicate-item-ref", DAP, '{ref: "2.2",', '{ref: "2.1",', '{ref: "2.1",', "item '2.1' appears twice"),
    Breakage("dap-duplicate-action", DAP, "  - number: 3\n", "  - number: 2\n", "number: 2", "action 2 appears twice"),
    Breakage("dap-ref-of-another-action", DAP, '{ref: "2.2",', '{ref: "3.2",', '{ref: "3.2",',
             "ref '3.2' does not start with its action's number ('2.')"),
    Breakage("column-without-header", REVIEW, "    - key: indicator\n      header: Indicator\n",
             "    - key: indicator\n", "key: indicator",
             "column 'indicator' has no header"),
    Breakage("catalogue-not-a-file-name", REVIEW, "catalogue: dap.yaml", "catalogue: ../dap.yaml", "../dap.yaml",
             "must be the name of a YAML file in templates/"),
    Breakage("catalogue-missing", REVIEW, "catalogue: dap.yaml", "catalogue: lap.yaml", "lap.yaml",
             "templates/lap.yaml is missing"),
    # Rule settings and the house style (rules CCM040 and up).
    Breakage("unknown-rule", REVIEW, "rules: {}", "rules:\n  CCM099: warning", "CCM099",
             "unknown rule 'CCM099' (did you mean CCM049? rules: CCM001, CCM002,"),
    Breakage("unknown-severity", REVIEW, "rules: {}", "rules:\n  CCM040: fatal", "fatal",
             "allowed: error, warning, off"),
    Breakage("locked-rule-off", REVIEW, "rules: {}", "rules:\n  CCM032: off", "off", "CCM032 guards the build"),
    Breakage("ise-word-list-not-a-list", REVIEW, "ise_words: [authorise,", "ise_words: organise\n  x: [authorise,",
             "organise", "'style.ise_words' must be a list"),
    Breakage("ise-word-not-ise", REVIEW, "ise_words: [authorise,", "ise_words: [authorization,", "authorization",
             "not an -ise word"),
    Breakage("ise-word-always-ise", REVIEW, "ise_words: [authorise,", "ise_words: [advise,", "advise",
             "written with -ise in Oxford spelling too"),
    Breakage("ise-word-not-text", REVIEW, "ise_words: [authorise,", "ise_words: [12,", "12",
             "'style.ise_words[1]' must be text"),
    Breakage("house-term-twice", REVIEW, "house_terms: [States Parties, State Party]",
             "house_terms: [States Parties, States parties]", "States parties]",
             "lists 'States Parties' and 'States parties'"),
    Breakage("abbreviation-not-capitals", REVIEW, "    ISU: Implementation Support Unit",
             "    Isu: Implementation Support Unit", "Isu", "'Isu', which is not an abbreviation"),
    Breakage("reading-ease-out-of-range", REVIEW, "min_reading_ease: 30", "min_reading_ease: 130", "130",
             "outside 0-100"),
    Breakage("sentence-limit-not-a-number", REVIEW, "max_sentence_words: 40", "max_sentence_words: forty", "forty",
             "must be a whole number"),
    Breakage("unknown-style-key", REVIEW, "  max_sentence_words: 40", "  max_sentence_word: 40", "max_sentence_word",
             "did you mean 'max_sentence_words'"),
]


def break_template(project: Path, breakage: Breakage) -> tuple[int, int]:
    """Apply the edit; return the expected line and column."""
    path = project / breakage.file
    text = path.read_text(encoding="utf-8")
    assert text.count(breakage.old) == 1, f"{breakage.old!r} is not once in the shipped {breakage.file}"
    edited = text.replace(breakage.old, breakage.new)
    path.write_text(edited, encoding="utf-8")
    offset = edited.index(breakage.at, text.index(breakage.old))
    line = edited.count("\n", 0, offset) + 1
    column = offset - (edited.rfind("\n", 0, offset) + 1) + 1
    return line, column


def template_error(project: Path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        load_spec(project)
    return caught.value


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_a_broken_template_names_file_line_and_column(project: Path, breakage: Breakage) -> None:
    line, column = break_template(project, breakage)
    message = template_error(project).format_message()
    assert f"{breakage.file}:{line}:{column}:" in message
    assert breakage.says in message


def test_a_template_error_stops_the_command_with_exit_2(project: Path) -> None:
    break_template(project, BREAKAGES[0])
    error = template_error(project)
    assert isinstance(error, click.ClickException)
    assert error.exit_code == 2
    assert error.hint


def test_every_problem_of_a_template_is_listed(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  max_words: 10700", "  max_words: many")
                      .replace("  max_cell_words: 40", "  max_cell_word: 40"), encoding="utf-8")
    message = template_error(project).format_message()
    assert "2 problems" in message
    assert "must be a whole number" in message and "unknown key 'table.max_cell_word'" in message


def test_a_part_listed_twice_is_an_error_that_names_the_template(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  - part: conclusion\n", "  - part: introduction\n"), encoding="utf-8")
    message = template_error(project).format_message()
    assert re.search(rf"{REVIEW}:\d+:\d+: part 'introduction' appears twice", message)


def test_a_part_listed_twice_is_located_at_the_second_listing(project: Path) -> None:
    line, _ = break_template(project, Breakage("", REVIEW, "  - part: conclusion\n",
                                                    "  - part: introduction\n", "part: introduction", ""))
    message = template_error(project).format_message()
    assert f"{REVIEW}:{line}:" in message


def test_a_table_without_a_ref_column_names_the_table(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("    - key: ref\n", "    - key: item\n"), encoding="utf-8")
    lines = text.splitlines()
    table, columns = lines.index("table:") + 1, lines.index("  columns:") + 1
    message = template_error(project).format_message()
    found = re.search(rf"{REVIEW}:(\d+):(\d+): the table needs a column with key 'ref'", message)
    assert found, message
    assert table <= int(found.group(1)) <= columns


def test_the_first_header_is_the_plans_abbreviation_and_its_word_for_an_item(project: Path) -> None:
    # A plan that calls its items otherwise (the LAP's "actions" are its items) is named so.
    catalogue = project / DAP
    text = catalogue.read_text(encoding="utf-8")
    assert "\nterms:" not in text
    catalogue.write_text(text.replace("short: DAP\n", "short: XAP\nterms:\n  action: theme\n  item: action point\n"),
                         encoding="utf-8")
    ref = load_spec(project).column("ref")
    assert ref is not None and ref.header == "XAP action point"


def test_a_header_the_template_gives_the_ref_column_is_kept(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("    - key: ref\n", "    - key: ref\n      header: Action point\n"),
                      encoding="utf-8")
    ref = load_spec(project).column("ref")
    assert ref is not None and ref.header == "Action point"


def test_a_column_listed_twice_is_an_error(project: Path) -> None:
    review = project / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("    - key: baseline\n", "    - key: current\n"), encoding="utf-8")
    assert re.search(rf"{REVIEW}:\d+:\d+: column 'current' appears twice", template_error(project).format_message())


@pytest.mark.parametrize("name", [REVIEW, DAP])
def test_a_missing_template_is_an_error(project: Path, name: str) -> None:
    (project / name).unlink()
    assert f"{name} is missing" in template_error(project).format_message()


def test_the_catalogue_is_the_file_review_yaml_names(project: Path) -> None:
    (project / DAP).rename(project / "templates/plan.yaml")
    review = project / REVIEW
    review.write_text(review.read_text(encoding="utf-8").replace("catalogue: dap.yaml", "catalogue: plan.yaml"),
                      encoding="utf-8")
    spec = load_spec(project)
    assert spec.catalogue_file == "templates/plan.yaml"
    assert [action.number for action in spec.actions] == list(range(1, 8))


def test_without_a_catalogue_key_the_catalogue_is_dap_yaml(project: Path) -> None:
    review = project / REVIEW
    review.write_text(review.read_text(encoding="utf-8").replace("catalogue: dap.yaml\n", ""), encoding="utf-8")
    assert load_spec(project).catalogue_file == DAP


def test_a_missing_catalogue_exits_2_naming_the_line_and_the_catalogues_there(project: Path) -> None:
    (project / DAP).rename(project / "templates/plan.yaml")
    result = invoke("check", "--project", project)
    assert result.exit_code == 2
    assert re.search(rf"{REVIEW}:\d+:12: the catalogue it names, {DAP} is missing", result.output)
    assert "hint: name one of the files in templates/: plan.yaml" in result.output


def test_the_older_coordinators_key_is_still_read(project: Path, spec: Spec) -> None:
    path = project / DAP
    path.write_text(path.read_text(encoding="utf-8").replace("coordinators:", "coordinators_2020:"), encoding="utf-8")
    assert [action.coordinators for action in load_spec(project).actions] == \
        [action.coordinators for action in spec.actions]
    assert spec.actions[3].coordinators == ("Mexico", "Spain")


def test_an_action_with_both_coordinators_keys_is_an_error(project: Path) -> None:
    path = project / DAP
    text = path.read_text(encoding="utf-8")
    both = "    coordinators: [Iraq]\n    coordinators_2020: [Iraq]\n"
    path.write_text(text.replace("    coordinators: [Iraq]\n", both), encoding="utf-8")
    assert "give 'coordinators' or 'coordinators_2020'" in template_error(project).format_message()


def test_consecutive_refs_must_run_without_a_gap(project: Path) -> None:
    path = project / DAP
    text = path.read_text(encoding="utf-8").replace("refs: by-action", "refs: consecutive")
    path.write_text(text, encoding="utf-8")
    message = template_error(project).format_message()
    assert "ref '1.1' breaks the consecutive numbering: '1' is due here" in message


def test_an_empty_template_is_an_error(project: Path) -> None:
    (project / REVIEW).write_text("# nothing yet\n", encoding="utf-8")
    assert f"{REVIEW}:1:1: the file is empty" in template_error(project).format_message()


def test_a_template_saved_as_utf16_is_an_error(project: Path) -> None:
    path = project / DAP
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert f"{DAP}:1:1: " in template_error(project).format_message()


def test_a_template_that_is_a_list_is_an_error(project: Path) -> None:
    (project / REVIEW).write_text("- version: 1\n", encoding="utf-8")
    message = template_error(project).format_message()
    assert f"{REVIEW}:1:1: " in message
    assert "must be a mapping" in message


def test_a_bad_rule_setting_exits_2_with_the_line_and_the_valid_choices(project: Path) -> None:
    line, column = break_template(project, BREAKAGES[[b.name for b in BREAKAGES].index("unknown-severity")])
    result = invoke("check", "--project", project)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{REVIEW}:{line}:{column}: 'rules.CCM040' is 'fatal', which is not allowed" in result.stderr
    assert "allowed: error, warning, off" in result.stderr
