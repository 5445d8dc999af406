"""`build --format akn`: the Akoma Ntoso 3.0 XML, judged by the OASIS schema (vendored in
tests/schemas/akn/) and read back against the outline.

Each check runs on the shipped project and on a copy whose general-status part has every feature:
the kitchen sink of tests/helpers.py (headings at three depths, lists three deep, a quotation,
code, links, emphasis, a narrative table with a footnote, an indicator table whose note is
referenced twice, one footnote's text referenced twice) with a hard line break and a footnote in a
sub-paragraph added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from ccm_review import api
from ccm_review.layout.labels import printed_date
from ccm_review.layout.outline import make_outline
from ccm_review.model.outline import (
    CodeItem,
    GridItem,
    Item,
    NumberedItem,
    Outline,
    PlainItem,
    Runs,
    SubItem,
    TableNoteMark,
)
from ccm_review.render import writer
from ccm_review.render.akn import AKN
from tests.helpers import GENERAL_STATUS, INTRODUCTION, TESTS, invoke, kitchen_sink_section, normal, printed_text

SCHEMA_FILE = TESTS / "schemas" / "akn" / "akomantoso30.xsd"
AKN_NAME = writer("akn").file_name
NS = {"a": AKN}
MAY_2020 = "1588204800"  # SOURCE_DATE_EPOCH of 30 April 2020, the shipped masthead's date
JUNE_2020 = "1591574400"  # 8 June 2020


def q(tag: str) -> str:
    """The qualified name of Akoma Ntoso element `tag`."""
    return f"{{{AKN}}}{tag}"


# --- the projects ------------------------------------------------------------------------------


def every_feature_section() -> str:
    """The kitchen sink, with a hard line break in a paragraph and a footnote in a sub-paragraph."""
    text = kitchen_sink_section()
    for old, new in (("Most initial reports arrived on time.",
                      "Most initial reports arrived on time,\\\nthe rest later."),
                     ("   2. South-East Asia;", "   2. South-East Asia;[^asia]"),
                     ("[^row]: Row", "[^asia]: Two States of the region joined in 2019.\n[^row]: Row")):
        assert old in text
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Built:
    """A project, its outline, and the AKN `build --format akn` wrote for it."""

    name: str
    outline: Outline
    data: bytes

    @property
    def root(self) -> etree._Element:
        return etree.fromstring(self.data)


def build_akn(project: Path, name: str = "shipped") -> Built:
    """Check `project`, lay it out as every writer sees it, and build its AKN with `api.build`."""
    result = api.check(project)
    assert not result.report.fails(strict=False), [finding.message for finding in result.report.findings]
    outline = make_outline(result.document, result.spec)
    built = api.build(project, formats=("akn",))
    path = project / "build" / AKN_NAME
    assert built.written == (path,) and built.unavailable == ()
    return Built(name, outline, path.read_bytes())


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The build stamp is the masthead's date unless a test sets SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _sources(project: Path, name: str) -> Path:
    if name == "kitchen-sink":
        (project / GENERAL_STATUS).write_text(every_feature_section(), encoding="utf-8")
    return project


@pytest.fixture(params=["shipped", "kitchen-sink"])
def built(request: pytest.FixtureRequest, project: Path) -> Built:
    """The AKN of the shipped project, or of the one with every feature."""
    return build_akn(_sources(project, request.param), request.param)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The OASIS schema; xml.xsd is imported from beside it (no network)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


# --- reading the XML ---------------------------------------------------------------------------


def text_of(element: etree._Element) -> str:
    """The text a reader sees in `element`: notes left out (a marker is not a word), <eol/> a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == q("eol"):
            parts.append("\n")
        elif child.tag not in (q("authorialNote"), q("noteRef")):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return normal("".join(parts))


def first_p(element: etree._Element) -> etree._Element:
    """The first paragraph of a <paragraph> or <point>: in <content>, or in <intro> when points follow."""
    found = element.find("a:content/a:p", NS)
    if found is None:
        found = element.find("a:intro/a:p", NS)
    assert found is not None, etree.tostring(element)[:300]
    return found


def note_text(note: etree._Element) -> str:
    return normal(" ".join(text_of(p) for p in note.findall("a:p", NS)))


def expected(runs: Runs) -> str:
    return normal(printed_text(runs))


def expected_note(paragraphs: tuple[Runs, ...]) -> str:
    return normal(" ".join(printed_text(paragraph) for paragraph in paragraphs))


def items(outline: Outline) -> list[Item]:
    return [item for part in outline.parts for item in part.items]


def depth(point: etree._Element) -> int:
    return sum(1 for ancestor in point.iterancestors(q("point"))) + 1


# --- the schema --------------------------------------------------------------------------------


def test_the_akn_is_valid_against_the_oasis_schema(built: Built, schema: etree.XMLSchema) -> None:
    valid = schema.validate(etree.fromstring(built.data).getroottree())
    errors = [f"line {error.line}: {error.message}" for error in schema.error_log]
    assert valid and errors == [], f"{built.name}: {len(errors)} schema errors\n" + "\n".join(errors[:40])


def test_the_schema_is_strict_enough_to_refuse_a_broken_document(project: Path, schema: etree.XMLSchema) -> None:
    """The validation above means something: an unknown element, a repeated eId, a date that is not ISO
    are each refused."""
    data = build_akn(project).data
    unknown = etree.fromstring(data)
    etree.SubElement(unknown.find("a:doc/a:mainBody/a:section", NS), q("notAnElement"))
    repeated = etree.fromstring(data)
    paragraphs = repeated.findall(".//a:paragraph", NS)
    paragraphs[1].set("eId", paragraphs[0].get("eId"))
    printed = etree.fromstring(data)
    printed.find(".//a:docDate", NS).set("date", "30 April 2020")
    for broken in (unknown, repeated, printed):
        assert not schema.validate(broken.getroottree())
    assert schema.validate(etree.fromstring(data).getroottree())


# --- every printed text, in order -------------------------------------------------------------


def test_every_numbered_paragraph_comes_back_with_its_number_and_text_in_order(built: Built) -> None:
    want = [(f"{item.number}.", expected(item.runs)) for item in items(built.outline) if isinstance(item, NumberedItem)]
    root = built.root
    found = [(paragraph.findtext("a:num", namespaces=NS), text_of(first_p(paragraph)))
             for paragraph in root.iter(q("paragraph"))]
    assert found == want
    assert [int(number.rstrip(".")) for number, _ in found] == list(range(1, len(want) + 1))
    assert len(want) > 60


def test_every_sub_paragraph_comes_back_as_a_point_with_its_label_depth_and_text(built: Built) -> None:
    want = [(item.label, item.depth, expected(item.runs)) for item in items(built.outline) if isinstance(item, SubItem)]
    found = [(point.findtext("a:num", namespaces=NS), depth(point), text_of(first_p(point)))
             for point in built.root.iter(q("point"))]
    assert found == want
    # Every point is inside a numbered paragraph, as (a) is part of paragraph 5.
    assert all(any(True for _ in point.iterancestors(q("paragraph"))) for point in built.root.iter(q("point")))
    if built.name == "kitchen-sink":
        assert {d for _, d, _ in found} == {1, 2, 3}


def test_every_paragraph_quotation_and_code_block_comes_back_in_order(built: Built) -> None:
    """The text of every item of the outline but headings and tables, in print order: nothing lost,
    doubled or moved."""
    want = []
    for item in items(built.outline):
        if isinstance(item, (NumberedItem, SubItem, PlainItem)):
            want.append(expected(item.runs))
        elif isinstance(item, CodeItem):
            want.append(normal(item.text))
    body = built.root.find("a:doc/a:mainBody", NS)
    found = [text_of(p) for p in body.iter(q("p"))
             if not any(ancestor.tag in (q("td"), q("th"), q("authorialNote")) or _is_figure(ancestor)
                        for ancestor in p.iterancestors())]
    assert found == want


def _is_figure(element: etree._Element) -> bool:
    """A chart's container: its figures, description and source, which test_render_chart checks."""
    return bool(element.tag == q("hcontainer") and element.get("name") == "figure")


def test_a_hard_line_break_is_an_eol_element(project: Path) -> None:
    built = build_akn(_sources(project, "kitchen-sink"), "kitchen-sink")
    paragraph = next(p for p in built.root.iter(q("p")) if text_of(p).startswith("Most initial reports"))
    assert [child.tag for child in paragraph] == [q("eol")]
    assert (paragraph.text, paragraph[0].tail) == ("Most initial reports arrived on time,", "the rest later.")


def test_every_table_cell_comes_back_row_by_row(built: Built) -> None:
    want: list[list[str]] = []
    for part in built.outline.parts:
        if part.table is not None:
            want.append([column.header for column in part.table.columns])
            want.extend([expected(cell) for cell in row] for row in part.table.rows)
        for item in part.items:
            if isinstance(item, GridItem):
                if item.header:
                    want.append([expected(cell) for cell in item.header])
                want.extend([expected(cell) for cell in row] for row in item.rows)
    rows = [row for row in built.root.iter(q("tr")) if not any(_is_figure(up) for up in row.iterancestors())]
    found = [[text_of(cell) for cell in row if cell.tag in (q("th"), q("td"))] for row in rows]
    assert found == want
    # A caption as printed: the label, the end of its line, the title; the container numbers and titles it too.
    tables = [caption for caption in built.root.iter(q("caption"))
              if not any(_is_figure(up) for up in caption.iterancestors())]
    containers = [caption.getparent().getparent().getparent() for caption in tables]  # table, content, hcontainer
    captions = [(caption.text, [child.tag for child in caption], caption[0].tail if len(caption) else None,
                 container.findtext(q("num")), container.findtext(q("heading")))
                for caption, container in zip(tables, containers, strict=True)]
    assert captions == [(part.table.label, [q("eol")], part.table.title, part.table.label, part.table.title)
                        for part in built.outline.parts if part.table is not None]
    assert captions[0][0] == "Table 1"


def test_every_footnote_comes_back_where_it_is_referenced_in_order(built: Built) -> None:
    notes = [note for note in built.root.iter(q("authorialNote")) if note.get("marker", "").isdigit()]
    found = [(note.get("marker"), note_text(note)) for note in notes]
    assert found == [(str(note.number), expected_note(note.paragraphs)) for note in built.outline.notes]
    if built.name == "kitchen-sink":  # one footnote referenced twice is printed twice, as in the DOCX
        texts = Counter(text for _, text in found)
        assert texts["Minutes of the Coordination Committee."] == 2
        # Footnotes in a paragraph, a sub-paragraph, a narrative table cell and a quotation.
        holders = {next(note.iterancestors(q("paragraph"), q("point"), q("td"), q("hcontainer"))).tag
                   for note in notes}
        assert holders == {q("paragraph"), q("point"), q("td"), q("hcontainer")}


def test_every_table_note_comes_back_once_in_its_table_and_is_referenced_again_by_a_noteref(built: Built) -> None:
    for part in built.outline.parts:
        if part.table is None:
            continue
        table = built.root.find(f".//a:section[@eId='sec_{part.key}']/a:hcontainer[@name='indicatorTable']//a:table",
                                NS)
        assert table is not None, part.key
        notes = [(note.get("marker"), note_text(note)) for note in table.iter(q("authorialNote"))]
        assert notes == [(note.letter, expected_note(note.paragraphs)) for note in part.table.notes]
        marks = [run.letter for row in part.table.rows for cell in row for run in cell
                 if isinstance(run, TableNoteMark)]
        refs = [ref.get("marker") for ref in table.iter(q("noteRef"))]
        assert len(notes) + len(refs) == len(marks)  # the first mark holds the note, each further one refers to it
    if built.name == "kitchen-sink":
        assert [ref.get("marker") for ref in built.root.iter(q("noteRef"))] == ["a"]  # row 17's second [^row]


# --- identifiers -------------------------------------------------------------------------------


def eids(root: etree._Element) -> list[str]:
    return [element.get("eId") for element in root.iter() if element.get("eId") is not None]


def test_eids_are_unique_and_every_note_reference_points_to_one(built: Built) -> None:
    root = built.root
    all_ids = eids(root)
    assert [eid for eid, count in Counter(all_ids).items() if count > 1] == []
    by_id = {element.get("eId"): element for element in root.iter() if element.get("eId") is not None}
    for ref in root.iter(q("noteRef")):
        href = ref.get("href", "")
        assert href.startswith("#") and href[1:] in by_id, href
        target = by_id[href[1:]]
        assert target.tag == q("authorialNote") and target.get("marker") == ref.get("marker")
    for element in root.iter():  # FRBRauthor, identification and the like point at a TLC
        source = element.get("source") or (element.get("href") if element.tag == q("FRBRauthor") else None)
        if source is not None:
            assert source.startswith("#") and by_id[source[1:]].tag == q("TLCOrganization"), source


def test_eids_follow_the_naming_convention_within_their_part(built: Built) -> None:
    """Each part's identifiers start with its own: sec_<key>__para_3, sec_<key>__para_3__point_1."""
    for section in built.root.find("a:doc/a:mainBody", NS):
        assert section.tag == q("section")
        prefix = section.get("eId")
        assert prefix.startswith("sec_")
        inner = [eid for eid in eids(section) if eid != prefix]
        assert all(eid.startswith(f"{prefix}__") for eid in inner), inner
    for point in built.root.iter(q("point")):
        assert point.get("eId").startswith(point.getparent().get("eId") + "__point_")


def eids_by_part(built: Built) -> dict[str, set[str]]:
    return {section.get("eId"): set(eids(section)) for section in built.root.iter(q("section"))}


@pytest.mark.parametrize("name", ["shipped", "kitchen-sink"])
def test_eids_of_every_other_part_stay_when_a_part_gains_a_paragraph_and_a_footnote(project: Path,
                                                                                      name: str) -> None:
    before = build_akn(_sources(project, name), name)
    introduction = project / INTRODUCTION
    text = introduction.read_text(encoding="utf-8")
    old = "Where data are missing"
    assert old in text
    introduction.write_text(text.replace(old, f"The review also drew on national reports.[^late]\n\n{old}")
                            + "[^late]: National reports of 2019.\n", encoding="utf-8")
    after = build_akn(project, name)
    first, second = eids_by_part(before), eids_by_part(after)
    assert first.keys() == second.keys()
    changed = sorted(key for key in first if first[key] != second[key])
    assert changed == ["sec_introduction"]
    assert len(second["sec_introduction"] - first["sec_introduction"]) == 2  # a paragraph and a note
    # ... although every later paragraph and footnote has a new number.
    numbers = [[p.findtext("a:num", namespaces=NS) for p in build.root.iter(q("paragraph"))]
               for build in (before, after)]
    assert len(numbers[1]) == len(numbers[0]) + 1 and numbers[1][-1] != numbers[0][-1]
    assert len(after.outline.notes) == len(before.outline.notes) + 1


# --- identification and masthead ---------------------------------------------------------------


def test_frbr_identification_has_the_masthead_date_the_language_and_the_symbol(built: Built) -> None:
    masthead = built.outline.masthead
    date, symbol = masthead.date, masthead.symbol.replace("/", "-")
    assert (date, symbol) == ("2020-04-30", "CCM-CONF-2020-PM.1-2")
    identification = built.root.find("a:doc/a:meta/a:identification", NS)
    work, expression, manifestation = (identification.find(f"a:{level}", NS)
                                       for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"))

    def value(level: etree._Element, tag: str, attribute: str = "value") -> str:
        return str(level.find(f"a:{tag}", NS).get(attribute))

    work_uri = f"/akn/un/doc/reviewDocument/{date}/{symbol}"
    assert (value(work, "FRBRuri"), value(work, "FRBRthis")) == (work_uri, f"{work_uri}/!main")
    assert value(work, "FRBRdate", "date") == date and value(work, "FRBRcountry") == "un"
    expression_uri = f"{work_uri}/eng@{date}"
    assert (value(expression, "FRBRuri"), value(expression, "FRBRthis")) == (expression_uri,
                                                                             f"{expression_uri}/!main")
    assert value(expression, "FRBRdate", "date") == date
    assert value(expression, "FRBRlanguage", "language") == "eng"
    assert value(manifestation, "FRBRthis").startswith(f"{expression_uri}/")
    assert value(manifestation, "FRBRdate", "date") == date  # the build stamp: the masthead's date by default


def test_the_masthead_is_the_preface_with_number_date_and_title(built: Built) -> None:
    masthead = built.outline.masthead
    doc = built.root.find("a:doc", NS)
    assert [child.tag for child in doc] == [q("meta"), q("preface"), q("mainBody")]
    preface = doc.find("a:preface", NS)
    assert [element.text for element in preface.iter(q("docNumber"))] == [masthead.symbol]
    dates = list(preface.iter(q("docDate")))
    assert [(element.get("date"), element.text) for element in dates] == [(masthead.date,
                                                                          printed_date(masthead.date))]
    assert [element.text for element in preface.iter(q("docTitle"))] == [masthead.title]
    assert masthead.title == "Review Document of the Dubrovnik Action Plan (2015-2020)"
    assert text_of(preface).startswith(masthead.body)
    assert masthead.submitted_by in text_of(preface)


# --- the same bytes from the same sources ------------------------------------------------------


def test_two_builds_of_the_same_sources_give_identical_bytes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _sources(project, "kitchen-sink")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MAY_2020)
    first = build_akn(project).data
    second = build_akn(project).data
    assert second == first
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_akn(project).data == first  # without the variable the stamp is the masthead's date, the same


def test_another_build_stamp_changes_only_the_manifestation_date(project: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MAY_2020)
    first = build_akn(project).data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_2020)
    later = build_akn(project).data
    path = "a:doc/a:meta/a:identification/a:FRBRManifestation/a:FRBRdate"
    before, after = etree.fromstring(first), etree.fromstring(later)
    assert (before.find(path, NS).get("date"), after.find(path, NS).get("date")) == ("2020-04-30", "2020-06-08")
    # Put the one date back: the rest is the same, byte for byte.
    assert later.count(b'"2020-06-08"') == 1
    assert later.replace(b'<FRBRdate date="2020-06-08" name="generation"/>',
                         b'<FRBRdate date="2020-04-30" name="generation"/>') == first


def test_build_format_akn_writes_only_the_akn(project: Path) -> None:
    result = invoke("build", "--project", project, "--format", "akn")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (project / "build").iterdir()) == [AKN_NAME]
    assert f"wrote {project / 'build' / AKN_NAME}" in result.output
