"""The rule registry (ccm_review/spec/rules.py): one entry for every code the package can report, each
with its severity, what it reports and an example; the README's rule table lists them all.
"""

from __future__ import annotations

import re

from ccm_review.spec.rules import DOCUMENT_RULES, RULES, SCOPES, SEVERITIES, rule
from tests.helpers import REPO, SEVERITY

PACKAGE = REPO / "ccm_review"


def test_codes_are_unique_ordered_and_well_formed() -> None:
    codes = [entry.code for entry in RULES]
    assert codes == sorted(set(codes))
    assert all(re.fullmatch(r"CCM\d{3}", code) for code in codes)
    names = [entry.name for entry in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", name) for name in names)


def test_every_rule_says_what_it_reports_with_an_example() -> None:
    for entry in RULES:
        assert entry.severity in SEVERITIES, entry.code
        assert entry.summary and "\n" not in entry.summary, entry.code
        assert entry.example and "\n" not in entry.example, entry.code
        assert not (entry.locked and entry.severity != "error"), entry.code
        assert entry.scope in SCOPES, entry.code


def test_the_rules_that_need_the_whole_document_are_marked_so() -> None:
    # A part claimed twice or missing, the document's words, a note repeated across parts, an abbreviation's
    # first use in document order, a total of action points against every table's rows: none can be judged
    # from one file (`check FILE...` leaves them out).
    assert DOCUMENT_RULES == ("CCM014", "CCM015", "CCM022", "CCM038", "CCM039", "CCM043")


def test_the_registry_matches_the_rule_table_the_tests_check() -> None:
    editorial = {entry.code: entry.severity for entry in RULES if entry.code.startswith(("CCM04", "CCM05"))}
    review = {entry.code: entry.severity for entry in RULES if entry.code.startswith("CCM06")}
    # The data rules have their own tests: tests/test_load_data.py and tests/test_validate_data.py.
    data = {entry.code: entry.severity for entry in RULES if entry.code.startswith("CCM07")}
    assert {entry.code: entry.severity for entry in RULES} == SEVERITY | editorial | review | data
    assert set(editorial.values()) == {"warning"}  # editorial style warns by default (the README's rule table)
    assert set(review.values()) == {"note"}  # what a reviewer returned informs; it never fails a run


def test_every_code_the_package_can_report_is_in_the_registry() -> None:
    used = {code for path in PACKAGE.rglob("*.py") if path.name != "rules.py"
            for code in re.findall(r"\bCCM\d{3}\b", path.read_text(encoding="utf-8"))}
    registered = {entry.code for entry in RULES}
    assert used - registered == set()
    assert rule("CCM041").name == "per-cent"


def test_the_readme_rule_table_lists_every_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for entry in RULES:
        assert f"| {entry.code} | {entry.severity} |" in readme, entry.code
