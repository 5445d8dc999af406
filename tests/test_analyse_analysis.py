"""What a check reads off the sections (ccm_review/analyse/analysis.py): each figure once per check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ccm_review import api
from ccm_review.analyse import analysis
from ccm_review.analyse.readability import readability_of


def _counting(monkeypatch: pytest.MonkeyPatch, name: str, calls: Counter[str]) -> None:
    original: Callable[..., Any] = getattr(analysis, name)

    def counted(*args: Any) -> Any:
        section = args[0]
        calls[getattr(section, "path", repr(section))] += 1
        return original(*args)

    monkeypatch.setattr(analysis, name, counted)


@pytest.mark.parametrize("name", ["measure_section", "passages"])
def test_a_check_works_out_each_section_once(project: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    calls: Counter[str] = Counter()
    _counting(monkeypatch, name, calls)
    result = api.check(project)
    assert result.report.words > 0
    assert set(calls) == {section.path for section in result.document.sections}
    assert set(calls.values()) == {1}


def test_the_reading_ease_is_worked_out_once_for_the_rule_and_the_summary(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = readability_of

    def counted(texts: Any) -> Any:
        calls.append(len(texts))
        return original(texts)

    monkeypatch.setattr(analysis, "readability_of", counted)
    result = api.check(project)
    readable = [summary for summary in result.report.sections if summary.readability is not None]
    assert readable and len(calls) == len(result.document.sections)


def test_the_total_is_the_sum_of_the_parts_the_document_prints(project: Path) -> None:
    report = api.check(project).report
    assert report.words == sum(summary.table_words + summary.narrative_words for summary in report.sections) + \
        _heading_words(project)


def _heading_words(project: Path) -> int:
    result = api.check(project)
    read = analysis.Analysis(result.document, result.spec)
    return sum(read.of(section).words.headings for section in result.document.sections)
