"""Where the draft stands (ccm_review/tools/status): one row per part, the timeline, the open catalogue
items, as text and JSON; and `ccm-review status`.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date

import pytest
from rich.console import Console

from ccm_review import api
from ccm_review.tools.status.compute import DraftStatus, draft_status
from ccm_review.tools.status.show import bar, format_json, format_text, print_rich
from tests.helpers import REPO, invoke


def _status(today: date) -> DraftStatus:
    result = api.check(REPO)
    return draft_status(REPO, result.document, result.spec, result.report, today)


def test_status_has_one_row_per_part_with_words_items_and_coordinators() -> None:
    status = _status(date(2020, 3, 1))
    parts = status.parts
    assert [part.key for part in parts][:2] == ["introduction", "action-1"]
    victim = next(part for part in parts if part.key == "action-4")
    assert victim.coordinators == ("Mexico", "Spain")
    assert (victim.items_covered, victim.items_total, victim.max_words) == (2, 2, 700)
    assert 0 < victim.narrative_words <= 700
    assert victim.file == "sections/04-victim-assistance.md"


def test_status_marks_the_next_deadline_and_counts_days() -> None:
    status = _status(date(2020, 3, 1))
    timeline = status.timeline
    next_ones = [deadline for deadline in timeline if deadline.is_next]
    assert len(next_ones) == 1 and next_ones[0].date == "2020-03-31" and next_ones[0].days_left == 30
    assert timeline[0].days_left < 0


def test_status_lists_the_unconfirmed_catalogue_items() -> None:
    status = _status(date(2020, 3, 1))
    refs = [item.ref for item in status.unconfirmed]
    assert "4.2" in refs and "4.1" not in refs


def test_status_as_text_and_json() -> None:
    status = _status(date(2020, 3, 1))
    text = format_text(status)
    assert "Victim assistance" in text and "-> 2020-03-31" in text
    data = json.loads(format_json(status))
    assert data["version"] == 1 and data["today"] == "2020-03-01" and len(data["parts"]) == 10


@pytest.mark.parametrize(("words", "limit", "shown"), [(0, 700, ".........."), (350, 700, "#####....."),
                                                        (700, 700, "##########"), (800, 700, "##########!")])
def test_word_bars(words: int, limit: int, shown: str) -> None:
    assert bar(words, limit) == shown


# --- the command ----------------------------------------------------------------------------------


def test_status_prints_plain_text_when_piped() -> None:
    result = invoke("status", "--project", str(REPO), "--today", "2020-04-01")
    assert result.exit_code == 0
    assert "-> 2020-04-30  Submission to UNODA for processing (in 29 days)" in result.output
    assert "\x1b[" not in result.output


def test_status_as_json() -> None:
    result = invoke("status", "--project", str(REPO), "--format", "json", "--today", "2020-04-01")
    data = json.loads(result.output)
    assert [deadline["is_next"] for deadline in data["timeline"]] == [False, False, True, False, False]


@pytest.mark.parametrize("today", ["2020-13-01", "tomorrow", "01/04/2020"])
def test_status_with_a_bad_date_exits_2(today: str) -> None:
    result = invoke("status", "--project", str(REPO), "--today", today)
    assert result.exit_code == 2
    assert "is not a date" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("width", [80, 60])
def test_status_fits_the_terminal_width(width: int) -> None:
    lines = format_text(_status(date(2020, 4, 1)), width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[0].split()[:1] == ["Part"] and "Words" in lines[0] and "Findings" in lines[0]
    assert any(line.startswith("Victim assistance") for line in lines)
    assert any("Submission to UNODA" in line for line in lines)  # long lines wrap, they are not cut


def test_status_keeps_every_column_where_there_is_room() -> None:
    text = format_text(_status(date(2020, 4, 1)), 250)
    assert text.splitlines()[0].split() == ["Part", "File", "Coordinators", "Status", "Words", "Items", "Findings",
                                            "Changed"]


def test_the_rich_table_fits_an_80_column_terminal() -> None:
    console = Console(width=80, record=True, file=io.StringIO())
    print_rich(_status(date(2020, 4, 1)), console)
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("Victim assistance" in line for line in lines)


def test_counts_are_in_the_singular_for_one() -> None:
    status = replace(_status(date(2020, 4, 1)), errors=1, warnings=2)
    assert "; 1 error, 2 warnings" in format_text(status)


def test_status_shows_the_figures_each_part_cites_and_the_stale_series(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # one line a part, as on a wide terminal
    result = invoke("status", "--project", REPO, "--today", "2020-04-01", "--format", "text")
    assert result.exit_code == 0, result.output
    figures = result.output[result.output.index("Figures cited from data/:"):]
    # In the order the part cites them: its table (2015 and 2019), then its narrative.
    assert "   Universalization: states-parties 2015, states-parties 2019, states-parties 2017, states-parties 2018, " \
           "states-parties (Figure)" in figures
    assert "   Conclusions: states-parties 2015, states-parties 2019\n" in figures
    assert "!  data/initial-reports.csv: 2015 (latest as of 2015-12-31); cited in 1 part(s); stale" in figures
    assert "   data/states-parties.csv: 2015, 2017, 2018, 2019 (latest as of 2019-12-31); cited in 2 part(s)\n" \
        in figures
    payload = json.loads(invoke("status", "--project", REPO, "--today", "2020-04-01", "--format", "json").output)
    assert [(s["name"], s["stale"]) for s in payload["series"]] == [("initial-reports", True),
                                                                   ("states-parties", False)]
