"""load/data.py: data/ files into series of figures; every problem a finding with file and line."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_review.load.data import _cells, load_data, parse_series
from ccm_review.load.markdown import parse_cell, parse_narrative
from ccm_review.model.data import Point, Series, format_value
from ccm_review.model.location import Location
from ccm_review.model.narrative import Code, Figure, Paragraph, Text
from tests.helpers import listing

FILE = "data/states-parties.csv"
GOOD = "year,value,source,date\n2015,92,Handicap International,\n2019,106,Cluster Munition Monitor 2019,2019-08-01\n"


def write(project: Path, name: str, data: bytes) -> None:
    (project / "data").mkdir(exist_ok=True)
    (project / "data" / name).write_bytes(data)


def test_a_series_is_read_with_every_point_located(tmp_path: Path) -> None:
    write(tmp_path, "states-parties.csv", GOOD.encode())
    series, findings = load_data(tmp_path)
    assert findings == []
    assert series == (Series("states-parties", FILE, (
        Point(2015, 92.0, "Handicap International", Location(FILE, 2, 1)),
        Point(2019, 106.0, "Cluster Munition Monitor 2019", Location(FILE, 3, 1), "2019-08-01"),
    )),)


def test_no_data_folder_means_no_series(tmp_path: Path) -> None:
    assert load_data(tmp_path) == ((), [])


def test_other_files_of_data_are_left_alone(tmp_path: Path) -> None:
    write(tmp_path, "README.md", b"notes")
    write(tmp_path, "~$lock.csv", b"\x00\x01")
    assert load_data(tmp_path) == ((), [])


@pytest.mark.parametrize(("text", "code", "line", "words"), [
    ("year,value,source,yaer\n2019,106,ISU,x\n", "CCM070", 1, "unknown column 'yaer'"),
    ("year,value\n2019,106\n", "CCM070", 1, "'source' is missing"),
    ("year,value,source\n2019,106,ISU,extra\n", "CCM070", 2, "4 values for 3 columns"),
    ("year,value,source\n2019,\"106,ISU\n", "CCM070", 2, "quote is left open"),
    ("", "CCM070", 1, "no header"),
    ("year,value,source\n2019,\"99,5\",ISU\n", "CCM071", 2, "'99,5' is not a number"),
    ("year,value,source\n2019,about 100,ISU\n", "CCM071", 2, "'about 100' is not a number"),
    ("year,value,source\n19,106,ISU\n", "CCM071", 2, "'19' is not a year"),
    ("year,value,source\n2019,106,\n", "CCM071", 2, "no source"),
    ("year,value,source,date\n2019,106,ISU,2018-08-01\n", "CCM071", 2, "not a day of 2019"),
    ("year,value,source,unit\n2019,106,ISU,%\n", "CCM071", 2, "not a unit"),
    ("year,value,source\n2019,106,ISU\n2018,103,ISU\n2019,105,ISU\n", "CCM072", 4, "2019 appears twice"),
])
def test_bad_lines_are_findings_with_file_and_line(text: str, code: str, line: int, words: str) -> None:
    _, findings = parse_series(text, FILE)
    assert [(f.code, f.location.line if f.location else None) for f in findings] == [(code, line)], listing(findings)
    assert words in findings[0].message


def test_a_comma_decimal_gets_a_hint() -> None:
    _, findings = parse_series("year,value,source\n2019,\"99,5\",ISU\n", FILE)
    assert findings[0].hint is not None and "99.5" in findings[0].hint


def test_the_good_lines_of_a_file_with_a_bad_line_are_kept() -> None:
    series, findings = parse_series("year,value,source\n2018,103,ISU\n2019,x,ISU\n", FILE)
    assert series is not None and series.years == (2018,)
    assert [f.code for f in findings] == ["CCM071"]


def _csv_cells(line: str) -> list[str] | None:
    try:
        return next(csv.reader([line], strict=True), [])
    except csv.Error:
        return None


@pytest.mark.parametrize("line", [
    "", " ", ",", "a,,b,", "2019,106,ISU ,", "a\rb", "a,b\r", "\r", "a\x00b", 'a"b,c', '"a,b",c', '"open,c',
    '2019,"99,5",ISU', "x" * 131072, "x" * 131073, "x" * 131072 + ",y", "d\u00e9cembre,\u2028,\x0c",
])
def test_a_line_is_cut_into_the_cells_csv_reads(line: str) -> None:
    assert _cells(line) == _csv_cells(line)


@settings(derandomize=True, max_examples=400, deadline=None, database=None)
@given(st.text(alphabet=',"\r\x00 \t\\\'a1\u00e9\u2028', max_size=12))
def test_any_line_is_cut_into_the_cells_csv_reads(line: str) -> None:
    # Lines without quotes or carriage returns are split without the csv module: always as it would.
    assert _cells(line) == _csv_cells(line)


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + GOOD.encode(),
    GOOD.replace("\n", "\r\n").encode(),
])
def test_a_bom_and_windows_line_ends_are_accepted(tmp_path: Path, data: bytes) -> None:
    write(tmp_path, "states-parties.csv", data)
    series, findings = load_data(tmp_path)
    assert findings == [] and series[0].years == (2015, 2019)


@pytest.mark.parametrize("data", [
    "year,value,source\n2019,106,Rapport annuel, d\u00e9cembre\n".encode("latin-1"),
    GOOD.encode("utf-16"),
])
def test_latin_1_and_utf_16_are_reported_as_for_a_section(tmp_path: Path, data: bytes) -> None:
    write(tmp_path, "states-parties.csv", data)
    series, findings = load_data(tmp_path)
    assert series == () and [f.code for f in findings] == ["CCM003"]
    assert findings[0].location is not None and findings[0].location.file == FILE


def test_a_file_name_that_cannot_be_cited_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "States Parties.csv", GOOD.encode())
    series, findings = load_data(tmp_path)
    assert series == () and [f.code for f in findings] == ["CCM070"]


@pytest.mark.parametrize(("value", "unit", "in_table", "printed"), [
    (106, "", False, "106"),
    (3, "", False, "three"),
    (3, "", True, "3"),
    (10, "", False, "10"),
    (450000, "", False, "450,000"),
    (1500000, "", False, "1.5 million"),
    (178000000, "", False, "178 million"),
    (1234567, "", False, "1,234,567"),
    (99, "per cent", False, "99 per cent"),
    (0.5, "", False, "0.5"),
    (559.25, "", False, "559.25"),
])
def test_values_are_printed_by_un_rules(value: float, unit: str, in_table: bool, printed: str) -> None:
    assert format_value(value, unit, in_table) == printed


SERIES = (Series("states-parties", FILE, (Point(2019, 106.0, "Monitor 2019", Location(FILE, 2, 1)),)),)


def test_a_reference_in_a_narrative_is_a_located_resolved_figure() -> None:
    narrative = parse_narrative("It had [=states-parties 2019] States Parties.\n", "sections/x.md", 10, SERIES)
    paragraph = narrative.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.inlines == (
        Text("It had "),
        Figure("states-parties", 2019, "[=states-parties 2019]", Location("sections/x.md", 11, 8), "106",
               "Monitor 2019"),
        Text(" States Parties."),
    )


def test_a_reference_in_a_cell_points_at_the_cell() -> None:
    where = Location("sections/x.md", 7, 14)
    inlines = parse_cell("[=states-parties 2019] (2019)", where, SERIES)
    assert inlines[0] == Figure("states-parties", 2019, "[=states-parties 2019]", where, "106", "Monitor 2019")


def test_unresolved_and_malformed_references_keep_what_was_typed() -> None:
    narrative = parse_narrative("[=states-parties 2010] and [=States Parties].\n", "sections/x.md", 0, SERIES)
    paragraph = narrative.blocks[0]
    assert isinstance(paragraph, Paragraph)
    figures = [inline for inline in paragraph.inlines if isinstance(inline, Figure)]
    assert [(f.series, f.year, f.printed, f.text) for f in figures] == [
        ("states-parties", 2010, None, "[=states-parties 2010]"),
        ("States Parties", None, None, "[=States Parties]"),
    ]


def test_a_reference_in_a_code_span_stays_text() -> None:
    narrative = parse_narrative("Write `[=states-parties 2019]`.\n", "sections/x.md", 0, SERIES)
    paragraph = narrative.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert Code("[=states-parties 2019]") in paragraph.inlines
    assert not any(isinstance(inline, Figure) for inline in paragraph.inlines)


@pytest.mark.parametrize("prose", ["A list [a] and [b].", "x = [1, 2]", "[see above]", "a [=] b"])
def test_ordinary_brackets_are_no_reference(prose: str) -> None:
    narrative = parse_narrative(prose + "\n", "sections/x.md", 0, SERIES)
    paragraph = narrative.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert not any(isinstance(inline, Figure) and inline.year is not None for inline in paragraph.inlines)


# --- YAML files --------------------------------------------------------------------------------------

YAML_FILE = "data/states-parties.yaml"
GOOD_YAML = """# The same figures as GOOD, one a list item.
- {year: 2015, value: 92, source: Handicap International}
- year: 2019
  value: 106
  source: Cluster Munition Monitor 2019
  date: 2019-08-01
"""


def test_a_yaml_series_reads_as_the_same_csv_series(tmp_path: Path) -> None:
    write(tmp_path, "states-parties.yaml", GOOD_YAML.encode())
    series, findings = load_data(tmp_path)
    assert findings == []
    assert series == (Series("states-parties", YAML_FILE, (
        Point(2015, 92.0, "Handicap International", Location(YAML_FILE, 2, 3)),
        Point(2019, 106.0, "Cluster Munition Monitor 2019", Location(YAML_FILE, 3, 3), "2019-08-01"),
    )),)
    csv_series, _ = parse_series(GOOD, FILE)
    assert csv_series is not None
    assert [(p.year, p.value, p.source, p.date, p.unit) for p in series[0].points] == [
        (p.year, p.value, p.source, p.date, p.unit) for p in csv_series.points]


def test_the_mapping_form_gives_every_figure_its_source_and_unit(tmp_path: Path) -> None:
    write(tmp_path, "reports-on-time.yml", (
        b"source: Implementation Support Unit\nunit: per cent\npoints:\n"
        b"  - {year: 2018, value: 62.5}\n  - {date: 2019-06-30, value: 71, source: Cluster Munition Monitor 2019}\n"
    ))
    series, findings = load_data(tmp_path)
    assert findings == []
    assert [(p.year, p.value, p.source, p.unit, p.date) for p in series[0].points] == [
        (2018, 62.5, "Implementation Support Unit", "per cent", ""),
        (2019, 71.0, "Cluster Munition Monitor 2019", "per cent", "2019-06-30"),
    ]


@pytest.mark.parametrize(("text", "code", "where", "words"), [
    ("- {year: 2019, value: \"99,5\", source: ISU}\n", "CCM071", (1, 23), "'99,5' is not a number"),
    ("- {year: 2019, value: about 100, source: ISU}\n", "CCM071", (1, 23), "'about 100' is not a number"),
    ("- {year: 2019, value: true, source: ISU}\n", "CCM071", (1, 23), "'true' is not a number"),
    ("- {year: 19, value: 106, source: ISU}\n", "CCM071", (1, 10), "'19' is not a year"),
    ("- {value: 106, source: ISU}\n", "CCM071", (1, 3), "no year"),
    ("- {year: 2019, value: 106}\n", "CCM071", (1, 3), "no source"),
    ("- {year: 2019, value: 106, source: ISU, date: 2018-08-01}\n", "CCM071", (1, 47), "not a day of 2019"),
    ("- {year: 2019, value: 106, source: ISU, unit: \"%\"}\n", "CCM071", (1, 47), "not a unit"),
    ("- {year: 2019, value: [106], source: ISU}\n", "CCM071", (1, 23), "single value"),
    ("- {year: 2019, valeu: 106, source: ISU}\n", "CCM070", (1, 16), "unknown key 'valeu'"),
    ("- 2019\n", "CCM070", (1, 3), "must be a mapping"),
    ("year: 2019\nvalue: 106\n", "CCM070", (1, 1), "unknown key 'year'"),
    ("points: none\n", "CCM070", (1, 9), "no list of figures under 'points:'"),
    ("", "CCM070", (1, 1), "no list of figures"),
    ("- {year: 2019, value: 106, source: ISU\n", "CCM070", (1, 3), "not valid YAML"),
    ("- &a {year: 2019, value: 106, source: ISU}\n- *a\n", "CCM070", (1, 3), "anchors and aliases"),
    ("- {year: 2019, value: 106, source: ISU}\n- {year: 2018, value: 103, source: ISU}\n"
     "- {year: 2019, value: 105, source: ISU}\n", "CCM072", (3, 3), "2019 appears twice (first on line 1)"),
])
def test_bad_yaml_figures_are_findings_with_file_line_and_column(
        tmp_path: Path, text: str, code: str, where: tuple[int, int], words: str) -> None:
    write(tmp_path, "states-parties.yaml", text.encode())
    _, findings = load_data(tmp_path)
    located = [(f.code, f.location.line, f.location.column) for f in findings if f.location is not None]
    assert located[:1] == [(code, *where)], listing(findings)
    assert words in findings[0].message
    assert all(f.location is not None and f.location.file == YAML_FILE for f in findings)


def test_the_good_figures_of_a_yaml_file_with_a_bad_one_are_kept(tmp_path: Path) -> None:
    write(tmp_path, "states-parties.yaml", b"- {year: 2018, value: 103, source: ISU}\n- {year: 2019, value: x, "
          b"source: ISU}\n")
    series, findings = load_data(tmp_path)
    assert series[0].years == (2018,) and [f.code for f in findings] == ["CCM071"]


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + GOOD_YAML.encode(),
    GOOD_YAML.replace("\n", "\r\n").encode(),
])
def test_a_yaml_file_with_a_bom_or_windows_line_ends_is_read(tmp_path: Path, data: bytes) -> None:
    write(tmp_path, "states-parties.yaml", data)
    series, findings = load_data(tmp_path)
    assert findings == [] and series[0].years == (2015, 2019)


def test_a_latin_1_yaml_file_is_reported_as_for_a_section(tmp_path: Path) -> None:
    write(tmp_path, "states-parties.yaml", "- {year: 2019, value: 106, source: Rapport, d\u00e9cembre}\n".encode(
        "latin-1"))
    series, findings = load_data(tmp_path)
    assert series == () and [f.code for f in findings] == ["CCM003"]
    assert findings[0].location is not None and (findings[0].location.file, findings[0].location.line) == (
        YAML_FILE, 1)


def test_a_series_in_two_files_is_read_once_and_the_second_reported(tmp_path: Path) -> None:
    write(tmp_path, "states-parties.csv", GOOD.encode())
    write(tmp_path, "states-parties.yaml", GOOD_YAML.encode())
    series, findings = load_data(tmp_path)
    assert [s.file for s in series] == [FILE]
    assert [(f.code, str(f.location)) for f in findings] == [("CCM070", f"{YAML_FILE}:1:1")]
    assert FILE in findings[0].message
