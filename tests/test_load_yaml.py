"""The loaders (YAML, bytes, front matter, Markdown), text helpers and word measures, one unit at a time."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_review.analyse.measure import document_words, measure_section, narrative_words
from ccm_review.analyse.text import count_words, inline_text
from ccm_review.layout.labels import letters, roman, un_date
from ccm_review.layout.printed import cell_text
from ccm_review.load.files import EncodingProblem, decode_source
from ccm_review.load.frontmatter import Split, SplitProblem, split_front_matter
from ccm_review.load.markdown import Narrative, parse_cell, parse_narrative
from ccm_review.load.sections import load_document, load_section
from ccm_review.load.yaml import YamlProblem, _needs_pure_parser, parse_yaml
from ccm_review.model.location import Location
from ccm_review.model.source import (
    CodeBlock,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    MetaList,
    MetaMap,
    MetaScalar,
    Paragraph,
    Quote,
    RawHtml,
    Section,
    SimpleTable,
    Styled,
    Text,
)
from ccm_review.spec.template import Spec, load_spec
from tests.helpers import REPO, RULE_FIXTURES, TESTS

FILE = "sections/x.md"


# --- parse_yaml ------------------------------------------------------------------------------------


def test_yaml_mapping_keeps_keys_in_order_with_their_lines_after_the_offset() -> None:
    node = parse_yaml("action: 4\nstatus: draft\n", FILE, line_offset=1)
    assert isinstance(node, MetaMap)
    assert [entry.key for entry in node.entries] == ["action", "status"]
    assert node.location == Location(FILE, 2, 1)
    status = node.entry("status")
    assert status is not None
    assert status.key_location == Location(FILE, 3, 1)
    assert status.value == MetaScalar("draft", "str", Location(FILE, 3, 9))


def test_yaml_nested_values_have_their_own_locations() -> None:
    node = parse_yaml('table:\n  - ref: "4.1"\n    indicator: x\n', FILE, line_offset=1)
    assert isinstance(node, MetaMap)
    table = node.get("table")
    assert isinstance(table, MetaList)
    row = table.items[0]
    assert isinstance(row, MetaMap)
    assert row.location == Location(FILE, 3, 5)
    assert row.get("ref") == MetaScalar("4.1", "str", Location(FILE, 3, 10))
    assert row.get("indicator") == MetaScalar("x", "str", Location(FILE, 4, 16))


@pytest.mark.parametrize("text, value, kind", [
    ('"4"', "4", "str"),
    ("4", 4, "int"),
    ("1_000", 1000, "int"),
    ("4.5", 4.5, "float"),
    ("true", True, "bool"),
    ("yes", "yes", "str"),  # YAML 1.2: no Norway problem
    ("~", None, "null"),
    ("2020-04-30", "2020-04-30", "date"),
    ("Mexico, Spain", "Mexico, Spain", "str"),
])
def test_yaml_scalars_keep_their_kind(text: str, value: str | int | float | bool | None, kind: str) -> None:
    node = parse_yaml(f"key: {text}", FILE)
    assert isinstance(node, MetaMap)
    assert node.get("key") == MetaScalar(value, kind, Location(FILE, 1, 6))


def shipped_yaml_texts() -> list[tuple[str, str]]:
    """Every well-meant YAML text: templates, document.yaml, front matter of the sections and fixtures."""
    root = REPO
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in sorted(
        [*root.glob("templates/*.yaml"), root / "sections" / "document.yaml", *root.glob("tests/fixtures/*/*.yaml")])]
    for path in sorted([*root.glob("sections/*.md"), *root.glob("tests/fixtures/*/*.md")]):
        split = split_front_matter(path.read_text(encoding="utf-8"))
        if isinstance(split, Split):
            texts.append((str(path), split.front_matter))
    cases = root / "tests" / "bad_inputs" / "cases.yaml"
    texts.append((str(cases), cases.read_text(encoding="utf-8")))
    return texts


def bad_input_yaml_texts() -> list[tuple[str, str]]:
    """The YAML of every bad input that is UTF-8 text: whole .yaml files, the front matter of .md files."""
    texts = []
    for path in sorted((TESTS / "bad_inputs" / "files").iterdir()):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # a binary or another encoding: no YAML parser ever sees it
        if path.suffix == ".yaml":
            texts.append((str(path), text))
            continue
        split = split_front_matter(text)
        if isinstance(split, Split):
            texts.append((str(path), split.front_matter))
    return texts


def yaml_texts() -> list[tuple[str, str]]:
    """Every YAML text the project ships or the tests use: templates, front matter, fixtures, bad inputs."""
    return shipped_yaml_texts() + bad_input_yaml_texts()


def test_libyaml_is_there_to_read_yaml_fast() -> None:
    from ruamel.yaml import main

    assert getattr(main, "CParser", None) is not None, "ruamel.yaml.clib is a dependency: reinstall the package"


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, y]\nc:\n  - d: 2020-04-30\n    e: ~\n", "action: 4\nstatus:\n", "k: 'it''s'\nl: \"\\u00e9\"\n",
    "t: |\n  line\n\n  more\nu: >-\n  folded\n  text\n", "k: caf\u00e9 \u2013 d\u00e9j\u00e0\n  vu\nn: 0x1F\n",
])
def test_libyaml_and_the_pure_parser_give_the_same_tree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_yaml(text, FILE, line_offset=3)
    monkeypatch.setattr("ccm_review.load.yaml._needs_pure_parser", lambda text: True)
    assert fast == parse_yaml(text, FILE, line_offset=3)


def test_every_shipped_and_test_yaml_reads_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = yaml_texts()
    assert len(texts) > 40
    fast = [parse_yaml(text, name) for name, text in texts]
    monkeypatch.setattr("ccm_review.load.yaml._needs_pure_parser", lambda text: True)
    assert fast == [parse_yaml(text, name) for name, text in texts]


def test_shipped_and_test_yaml_takes_the_libyaml_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The speed libyaml brings is lost without a sound if _needs_pure_parser sends everything to the pure parser.
    texts = shipped_yaml_texts()
    assert len(texts) > 40
    pure = [name for name, text in texts if _needs_pure_parser(text)]
    assert set(pure) <= {str(RULE_FIXTURES / "CCM001-tab-fail.md")}
    read = {name: parse_yaml(text, name) for name, text in texts}
    readable = [(name, text) for name, text in texts if not isinstance(read[name], YamlProblem)]
    assert len(readable) > 40

    def refuse(text: str) -> None:
        raise AssertionError("the pure parser was asked to read well-formed YAML")

    monkeypatch.setattr("ccm_review.load.yaml._compose_pure", refuse)
    assert [parse_yaml(text, name) for name, text in readable] == [read[name] for name, _ in readable]


# Pieces of YAML, valid and not: generated texts put them together at random.
_YAML_PIECES = st.sampled_from([
    "a", "b: ", "key: value\n", "  - item\n", "- ", "-", ":", ": ", " ", "  ", "\n", "\t", "\r", "'", '"', "[",
    "]", "{", "}", ",", "#", "|", ">", "|-", ">+", "|2", "?", "@", "`", "%", "*x", "&a ", "!x ", "!!str ", "<<: ",
    "1", "-1", ".5", "1e3", "+1", "0o7", "0x1F", "1_0", "yes", "true", "False", "~", "null", "2020-01-01", "...",
    "---", "=", "\\", "\\n", "\u00e9", "\u00a0", "\u2028", "\ufeff",
])


@settings(max_examples=3000, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(_YAML_PIECES, max_size=25).map("".join))
def test_libyaml_never_reads_a_text_otherwise_than_the_pure_parser(text: str) -> None:
    # Where they would differ (tabs, anchors, separators, ...) the text goes to the pure parser.
    fast = parse_yaml(text, FILE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ccm_review.load.yaml._needs_pure_parser", lambda text: True)
        assert fast == parse_yaml(text, FILE)


def test_without_libyaml_the_pure_parser_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyPy, or a platform without a ruamel.yaml.clib wheel: slower, never different.
    texts = yaml_texts()
    fast = [parse_yaml(text, name) for name, text in texts]
    monkeypatch.setattr("ruamel.yaml.main.CParser", None)
    assert [parse_yaml(text, name) for name, text in texts] == fast


def test_a_reused_anchor_is_refused_without_a_python_warning(recwarn: pytest.WarningsRecorder) -> None:
    problem = parse_yaml("status: &a final\nx: &a 1\n", FILE)
    assert isinstance(problem, YamlProblem) and "anchors" in problem.message
    assert [str(warning.message) for warning in recwarn] == []


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: 2\n", "anchors"),  # libyaml's nodes forget their anchor: the pure parser sees it
    ("a: &x 1\nb: *x\n", "anchors"),
    ("a: !!python/object:os.system x\n", "tag"),
])
def test_what_libyaml_would_hide_is_still_refused(text: str, message: str) -> None:
    problem = parse_yaml(text, FILE)
    assert isinstance(problem, YamlProblem) and message in problem.message


def test_a_yaml_directive_never_reaches_a_parser() -> None:
    # libyaml ignores `%YAML 1.1`, under which the pure parser reads `yes` as true: both are spared.
    problem = parse_yaml("%YAML 1.1\n---\nanswer: yes\n", FILE)
    assert isinstance(problem, YamlProblem) and "directive" in problem.message


@pytest.mark.parametrize("text", ["", "# a comment only\n"])
def test_yaml_without_content_is_none(text: str) -> None:
    assert parse_yaml(text, FILE) is None


def test_yaml_error_is_located_in_the_file() -> None:
    problem = parse_yaml("status: draft\nindicator: Rate: 80 per cent\n", FILE, line_offset=1)
    assert isinstance(problem, YamlProblem)
    assert problem.location == Location(FILE, 3, 16)
    assert "mapping values" in problem.message
    assert problem.hint and "quotes" in problem.hint


def test_yaml_tab_indentation_gets_a_hint() -> None:
    problem = parse_yaml("coordinators:\n\t- Iraq\n", FILE, line_offset=1)
    assert isinstance(problem, YamlProblem)
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert problem.message == "the line is indented with a tab"
    assert problem.hint and "spaces" in problem.hint


def test_yaml_duplicate_key_is_refused_at_the_second_key() -> None:
    problem = parse_yaml("status: draft\nstatus: final\n", FILE)
    assert isinstance(problem, YamlProblem)
    assert "duplicate key 'status'" in problem.message
    assert problem.location == Location(FILE, 2, 1)


@pytest.mark.parametrize("text, says", [
    ("coordinators: &c [Iraq]\nother: *c\n", "anchors"),
    ("a: {<<: {b: 1}}\n", "merge keys"),
    ("a: !custom x\n", "tag"),
    ("a: !!python/object:os.system x\n", "tag"),
])
def test_yaml_constructs_beyond_plain_data_are_refused(text: str, says: str) -> None:
    problem = parse_yaml(text, FILE)
    assert isinstance(problem, YamlProblem)
    assert says in problem.message


def test_yaml_scalar_aliases_are_refused_like_the_others() -> None:
    assert isinstance(parse_yaml("status: &s draft\nother: *s\n", FILE), YamlProblem)


# --- decode_source ---------------------------------------------------------------------------------


def test_utf8_is_returned_as_it_is() -> None:
    assert decode_source("Côte d'Ivoire\n".encode(), FILE) == "Côte d'Ivoire\n"


def test_a_utf8_bom_is_dropped_silently() -> None:
    assert decode_source(codecs.BOM_UTF8 + b"---\n", FILE) == "---\n"


@pytest.mark.parametrize("data", [b"a\r\nb\r\n", b"a\rb\r", b"a\nb\n"], ids=["crlf", "cr", "lf"])
def test_line_endings_become_newlines(data: bytes) -> None:
    assert decode_source(data, FILE) == "a\nb\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_reported_at_the_start(encoding: str) -> None:
    data = ("\ufeff---\n" if encoding != "utf-16" else "---\n").encode(encoding)
    problem = decode_source(data, FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 1, 1)
    assert "UTF-16" in problem.message
    assert "UTF-8" in problem.hint


def test_latin1_is_reported_at_the_byte_that_cannot_be_read() -> None:
    problem = decode_source("---\nstatus: draft\n---\nCôte d'Ivoire\n".encode("latin-1"), FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 4, 2)
    assert "0xf4" in problem.message
    assert "Latin-1" in problem.hint


def test_the_column_of_a_bad_byte_counts_characters_not_bytes() -> None:
    problem = decode_source("naïve ".encode() + "café".encode("latin-1"), FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 1, 10)


def test_crlf_and_bom_do_not_shift_the_location_of_a_bad_byte() -> None:
    problem = decode_source(codecs.BOM_UTF8 + b"---\r\nstatus: caf\xe9\r\n", FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 2, 12)


def test_nul_bytes_are_reported_where_they_are() -> None:
    problem = decode_source(b"---\nstatus: dr\x00aft\n", FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 2, 11)
    assert "NUL" in problem.message


# --- split_front_matter ----------------------------------------------------------------------------


def test_front_matter_and_body_are_split_at_the_fences() -> None:
    split = split_front_matter("---\naction: 4\n---\n## Successes\n")
    assert split == Split("action: 4", "## Successes\n", front_matter_offset=1, body_offset=3)


def test_blank_lines_before_the_front_matter_shift_the_offsets() -> None:
    split = split_front_matter("\n\n---\naction: 4\n---\nText")
    assert isinstance(split, Split)
    assert (split.front_matter_offset, split.body_offset) == (3, 5)


def test_front_matter_may_end_with_dots_and_fences_may_have_trailing_spaces() -> None:
    split = split_front_matter("---  \naction: 4\n...\nText")
    assert split == Split("action: 4", "Text", 1, 3)


def test_a_later_thematic_break_stays_in_the_body() -> None:
    split = split_front_matter("---\naction: 4\n---\nOne\n\n---\n\nTwo")
    assert isinstance(split, Split)
    assert split.body == "One\n\n---\n\nTwo"


@pytest.mark.parametrize("text, line, says", [
    ("", 1, "empty"),
    ("  \n\n", 1, "empty"),
    ("## Successes\n", 1, "does not start with front matter"),
    ("\n\n## Successes\n---\n", 3, "does not start with front matter"),
    ("---\naction: 4\n## Successes\n", 1, "not closed"),
    ("\n---\naction: 4\n", 2, "not closed"),
])
def test_missing_front_matter_is_located(text: str, line: int, says: str) -> None:
    problem = split_front_matter(text)
    assert isinstance(problem, SplitProblem)
    assert problem.line == line
    assert says in problem.message
    assert problem.hint


# --- parse_narrative -------------------------------------------------------------------------------

NARRATIVE = """\
## Successes

A [report](https://example.org/r) was filed.[^1]
Then <b>more</b>.

- one
  - nested *a*
- two

1. first

<div>
block
</div>

| a | b |
|---|---|
| 1 | ~~2~~ |

> quoted

    code

[^1]: The note, with [a link](ftp://example.org).
"""


def inlines_of(block: object) -> tuple[Inline, ...]:
    """The inlines of a block that must be a paragraph."""
    assert isinstance(block, Paragraph), block
    return block.inlines


@pytest.fixture
def narrative() -> Narrative:
    """NARRATIVE as if it started on line 11 of its file."""
    return parse_narrative(NARRATIVE, FILE, 10)


def test_headings_are_located_on_the_file_line(narrative: Narrative) -> None:
    heading = narrative.blocks[0]
    assert heading == Heading(2, (Text("Successes"),), Location(FILE, 11, 1))


def test_paragraph_link_and_footnote_reference_are_located(narrative: Narrative) -> None:
    paragraph = narrative.blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.location == Location(FILE, 13, 1)
    link = next(inline for inline in paragraph.inlines if isinstance(inline, Link))
    assert link == Link("https://example.org/r", (Text("report"),), Location(FILE, 13, 12))
    reference = next(inline for inline in paragraph.inlines if isinstance(inline, FootnoteRef))
    assert reference == FootnoteRef("1", Location(FILE, 13, 45))


def test_soft_breaks_and_inline_html_are_kept(narrative: Narrative) -> None:
    inlines = inlines_of(narrative.blocks[1])
    assert LineBreak(hard=False) in inlines
    html = [inline for inline in inlines if isinstance(inline, RawHtml)]
    assert html == [RawHtml("<b>", Location(FILE, 14, 6)), RawHtml("</b>", Location(FILE, 14, 13))]


def test_lists_nest(narrative: Narrative) -> None:
    bullets = narrative.blocks[2]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert bullets.location == Location(FILE, 16, 1)
    assert len(bullets.items) == 2
    first = bullets.items[0]
    assert isinstance(first.blocks[0], Paragraph)
    inner = first.blocks[1]
    assert isinstance(inner, ListBlock)
    assert inner.location == Location(FILE, 17, 3)
    nested = inner.items[0].blocks[0]
    assert isinstance(nested, Paragraph)
    assert nested.inlines == (Text("nested "), Styled("em", (Text("a"),)))
    numbered = narrative.blocks[3]
    assert isinstance(numbered, ListBlock) and numbered.ordered


def test_an_html_block_becomes_raw_html_text(narrative: Narrative) -> None:
    block = narrative.blocks[4]
    assert block == Paragraph((RawHtml("<div>\nblock\n</div>", Location(FILE, 22, 1)),), Location(FILE, 22, 1))


def test_tables_quotes_and_code_are_blocks(narrative: Narrative) -> None:
    table, quote, code = narrative.blocks[5:8]
    assert isinstance(table, SimpleTable)
    assert table.location == Location(FILE, 26, 1)
    assert table.header == ((Text("a"),), (Text("b"),))
    assert table.rows == (((Text("1"),), (Styled("strike", (Text("2"),)),)),)
    assert isinstance(quote, Quote) and quote.location.line == 30
    assert code == CodeBlock("code", Location(FILE, 32, 5))
    assert len(narrative.blocks) == 8


def test_footnote_definitions_are_located_and_keep_their_links(narrative: Narrative) -> None:
    (note,) = narrative.footnotes
    assert note.label == "1"
    assert note.location == Location(FILE, 34, 1)
    link = next(inline for inline in inlines_of(note.blocks[0]) if isinstance(inline, Link))
    assert link.href == "ftp://example.org"  # kept, so that CCM032 can report it
    assert link.location == Location(FILE, 34, 31)


def test_repeated_footnote_references_are_each_located() -> None:
    parsed = parse_narrative("One[^a] two[^b] three[^a].\n\n[^a]: A.\n\n[^b]: B.\n", FILE, 20)
    references = [inline for inline in inlines_of(parsed.blocks[0]) if isinstance(inline, FootnoteRef)]
    assert [(r.label, r.location.column) for r in references] == [("a", 4), ("b", 12), ("a", 22)]
    assert {r.location.line for r in references} == {21}
    assert [(note.label, note.location.line) for note in parsed.footnotes] == [("a", 23), ("b", 25)]


def test_a_cell_is_parsed_inline_and_located_at_the_cell() -> None:
    where = Location(FILE, 9, 14)
    inlines = parse_cell("Some [reports](ftp://x.org) <b>", where)
    assert inlines[0] == Text("Some ")
    assert inlines[1] == Link("ftp://x.org", (Text("reports"),), where)
    assert inlines[-1] == RawHtml("<b>", where)


# --- text ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, words", [
    ("2015-2020", 1),
    ("Article 7", 2),
    ("", 0),
    ("   ", 0),
    ("80 per cent", 3),
    ("one\ttwo\nthree  four", 4),
    ("CCM/CONF/2020/PM.1/2", 1),
    ("(2015)", 1),
    ("- dash", 2),
])
def test_count_words_counts_runs_of_non_space(text: str, words: int) -> None:
    assert count_words(text) == words


def test_footnote_markers_are_not_words() -> None:
    inlines = (Text("Reports"), FootnoteRef("1", Location(FILE)), Text(" are due."))
    assert inline_text(inlines) == "Reports are due."
    assert count_words(inline_text(inlines)) == 3


def test_markup_is_not_a_word() -> None:
    inlines = parse_cell("**Partially** [achieved](https://example.org)", Location(FILE))
    assert count_words(inline_text(inlines)) == 2


@pytest.mark.parametrize("iso, written", [
    ("2020-04-30", "30 April 2020"),
    ("2020-06-08", "8 June 2020"),
    ("2015-09-11", "11 September 2015"),
    ("2019-01-01", "1 January 2019"),
    ("2019-12-31", "31 December 2019"),
])
def test_un_date_writes_day_month_year(iso: str, written: str) -> None:
    assert un_date(iso) == written


@pytest.mark.parametrize("number, numeral", [
    (1, "I"), (4, "IV"), (9, "IX"), (10, "X"), (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"),
    (1994, "MCMXCIV"), (2020, "MMXX"), (3999, "MMMCMXCIX"),
])
def test_roman_numerals(number: int, numeral: str) -> None:
    assert roman(number) == numeral


@pytest.mark.parametrize("number, label", [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"),
                                           (53, "ba"), (702, "zz"), (703, "aaa")])
def test_letters_of_sub_paragraphs(number: int, label: str) -> None:
    assert letters(number) == label


# --- measure ---------------------------------------------------------------------------------------


@pytest.fixture
def transparency(project: Path) -> tuple[Section, Spec]:
    """The small action 6 fixture, loaded, with the shipped spec."""
    path = project / "sections" / "06-transparency.md"
    path.write_bytes((RULE_FIXTURES / "CCM002-pass.md").read_bytes())
    section, findings = load_section(path, "sections/06-transparency.md")
    assert findings == []
    return section, load_spec(project)


def test_narrative_words_count_headings_paragraphs_and_footnotes(transparency: tuple[Section, Spec]) -> None:
    section, _ = transparency
    # Successes (1) + 12 words + Gaps and challenges (3) + 6 words + the note (4)
    assert narrative_words(section) == 26


def test_cells_are_measured_as_printed(transparency: tuple[Section, Spec]) -> None:
    section, spec = transparency
    part = spec.part("action-6")
    assert section.rows is not None
    row = section.rows[0]
    assert cell_text(row, "ref", part, spec) == "6.1 Report in time, initially and annually"
    assert cell_text(row, "assessment", part, spec) == "Partially achieved"
    assert cell_text(row, "current", part, spec) == "Some reports still outstanding"
    assert cell_text(row, "no-such-column", part, spec) == ""


def test_a_section_measures_narrative_table_and_template_headings(transparency: tuple[Section, Spec]) -> None:
    section, spec = transparency
    words = measure_section(section, spec)
    assert words.narrative == 26
    assert words.table == 31 + 26  # row 6.1, row 6.2: ref with title, cells, assessment labels
    # "Transparency measures" (2), "Table 6." (2), "Action 6: Transparency measures" (4), headers (8)
    assert words.headings == 16
    assert words.total == 99


def test_a_file_outside_the_template_adds_no_document_words(project: Path) -> None:
    spec = load_spec(project)
    before = document_words(load_document(project)[0], spec)
    text = (RULE_FIXTURES / "CCM010-fail.md").read_text(encoding="utf-8")
    (project / "sections" / "10-annex.md").write_text(text, encoding="utf-8")
    assert document_words(load_document(project)[0], spec) == before


def test_document_words_are_the_sum_of_the_sections(project: Path) -> None:
    spec = load_spec(project)
    document, _ = load_document(project)
    assert document_words(document, spec) == sum(measure_section(s, spec).total for s in document.sections)
