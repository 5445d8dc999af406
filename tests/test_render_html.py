"""The HTML page: structure readers and links rely on, escaping of every author's text, safety."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import jinja2
import pytest

from ccm_review.errors import TemplateError
from ccm_review.layout.labels import un_date
from ccm_review.layout.outline import make_outline
from ccm_review.load.sections import load_document
from ccm_review.model.location import Location
from ccm_review.model.narrative import Code, Inline, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import (
    CodeItem,
    GridItem,
    HeadingItem,
    IndicatorTable,
    Item,
    Note,
    NoteMark,
    NumberedItem,
    Outline,
    PartPlan,
    PlainItem,
    Run,
    SubItem,
    TableColumn,
    TableNote,
    TableNoteMark,
)
from ccm_review.model.record import replace
from ccm_review.model.source import Masthead
from ccm_review.render.html.page import render_html
from ccm_review.spec.template import load_spec
from tests.helpers import REPO, Element, normal, parse

TEMPLATES = REPO / "templates"
STAMP = datetime(2020, 4, 30, 9, 30, tzinfo=UTC)
HERE = Location("sections/01-test.md", 1, 1)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


# --- outlines ----------------------------------------------------------------------------------------


def outline_of(*items: Item, notes: tuple[Note, ...] = (), table: IndicatorTable | None = None,
               masthead: Masthead | None = None, title: str = "Universalization") -> Outline:
    part = PartPlan("action-1", "action-1", "I", title, "sections/01-test.md", table, items)
    masthead = masthead or Masthead(body="Convention on Cluster Munitions", symbol="CCM/CONF/2020/PM.1/2",
                                    date="2020-04-30", title="Review Document", meeting="Second Review Conference")
    return Outline(masthead, (part,), notes)


def render(outline: Outline) -> str:
    return render_html(outline, TEMPLATES, STAMP)


def marked_link(href: str, *runs: Run) -> Link:
    """A link whose text holds a note mark, as the outline makes one of a footnote inside a link.

    The source model types a link's text as source inlines, which have no note marks; the outline
    (ccm_review/layout/outline.py) puts its marks there all the same, and so does this test.
    """
    return Link(href, cast("tuple[Inline, ...]", runs), HERE)


Shipped = tuple[Outline, str, Element]


@pytest.fixture(scope="module")
def shipped() -> Shipped:
    document, _ = load_document(REPO)
    outline = make_outline(document, load_spec(REPO))
    page = render(outline)
    return outline, page, parse(page)


# --- structure of the shipped document -------------------------------------------------------------


def test_numbered_paragraphs_carry_ids_in_order_with_a_visible_self_link(shipped: Shipped) -> None:
    outline, _, root = shipped
    expected = [item.number for part in outline.parts for item in part.items if isinstance(item, NumberedItem)]
    paragraphs = [element for element in root.find_all("p") if element.has_class("para")]
    assert expected == list(range(1, len(expected) + 1)) and expected
    assert [element.attrs["id"] for element in paragraphs] == [f"para-{n}" for n in expected]
    for number, paragraph in zip(expected, paragraphs, strict=True):
        link = paragraph.find("a", class_="para-num")
        assert link.text() == f"{number}."
        assert link.attrs["href"] == f"#para-{number}"


def test_each_part_is_a_section_with_its_anchor_and_the_contents_link_to_it(shipped: Shipped) -> None:
    outline, _, root = shipped
    sections = [element for element in root.find_all("section") if element.has_class("part")]
    assert [section.attrs["id"] for section in sections] == [part.anchor for part in outline.parts]
    for section, part in zip(sections, outline.parts, strict=True):
        assert normal(section.find("h2").text()) == f"{part.numeral}. {part.title}"
    contents = root.find("nav")
    assert [link.attrs["href"] for link in contents.find_all("a")] == [f"#{part.anchor}" for part in outline.parts]


def _caption_lines(caption: Element) -> tuple[str, str]:
    """The two lines of a caption: its label and its title, each a span of its own and nothing else
    in it but the space between them and, after the label, the comma screen readers say."""
    children = [child for child in caption.children if not (isinstance(child, str) and not child.strip())]
    assert [(child.tag, child.attrs.get("class")) for child in children if isinstance(child, Element)] == [
        ("span", "caption-label"), ("span", "caption-title")] and len(children) == 2, caption
    label, title = (child for child in children if isinstance(child, Element))
    comma = label.find("span")
    assert comma.has_class("caption-comma") and comma.text() == "," and label.children[-1] is comma
    return "".join(child for child in label.children if isinstance(child, str)), title.text()


def test_captions_print_the_label_then_the_title_on_lines_of_their_own(shipped: Shipped) -> None:
    outline, _, root = shipped
    table = next(part.table for part in outline.parts if part.table is not None)
    caption = root.find("caption", id=f"table-{table.number}-caption")
    assert _caption_lines(caption) == ("Table 1", "Action 1: Universalization")
    # Read as one line, the caption is the name a screen reader gives the table.
    assert caption.text() == "Table 1, Action 1: Universalization" == table.name
    chart = next(chart for part in outline.parts for chart in part.charts)
    figcaption = root.find("figcaption", id=f"figure-{chart.number}-caption")
    assert _caption_lines(figcaption) == (chart.label, chart.title) and chart.label == "Figure 1"
    style = root.find("style").text()
    for rule in (".caption-label, .caption-title { display: block; }", ".caption-title { font-weight: 700; }",
                 ".caption-comma { font-size: 0; }"):
        assert rule in style


def test_indicator_tables_have_a_caption_column_headers_and_row_headers(shipped: Shipped) -> None:
    outline, _, root = shipped
    tabled = [part for part in outline.parts if part.table is not None]
    assert tabled
    for part in tabled:
        assert part.table is not None
        table = root.find("section", id=part.anchor).find("table")
        # The wrapper holds the table and its notes; it never scrolls, so the caption stays put.
        assert table.parent is not None and table.parent.has_class("indicator-table")
        assert table.parent.attrs["id"] == f"table-{part.table.number}"
        assert _caption_lines(table.find("caption")) == (part.table.label, part.table.title)
        headers = table.find("thead").find_all("th")
        assert [th.attrs.get("scope") for th in headers] == ["col"] * len(part.table.columns)
        assert [th.text() for th in headers] == [column.header for column in part.table.columns]
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == len(part.table.rows)
        for row in rows:
            first = next(child for child in row.children if isinstance(child, Element))
            assert (first.tag, first.attrs.get("scope")) == ("th", "row")


def test_notes_link_to_their_references_and_back_with_unique_ids(shipped: Shipped) -> None:
    outline, _, root = shipped
    ids = [element.attrs["id"] for element in root.iter() if "id" in element.attrs]
    assert len(ids) == len(set(ids))
    notes = root.find("section", class_="notes")
    assert notes.attrs["aria-label"] == "Notes"
    assert len(notes.find_all("li")) == len(outline.notes) > 0
    for note in outline.notes:
        n = note.number
        reference = root.find("sup", id=f"note-ref-{n}")
        assert reference.find("a").attrs["href"] == f"#note-{n}"
        back = notes.find("li", id=f"note-{n}").find("a", href=f"#note-ref-{n}")
        assert back.attrs["aria-label"] == f"Back to reference {n}"


def test_masthead_reads_like_a_un_document(shipped: Shipped) -> None:
    outline, _, root = shipped
    masthead = outline.masthead
    header = normal(root.find("header").text())
    for expected in (masthead.body, masthead.symbol, f"Distr.: {masthead.distribution}", un_date(masthead.date),
                     f"Original: {masthead.original}", masthead.meeting,
                     f"Item {masthead.agenda_item} of the provisional agenda", masthead.agenda_title,
                     f"Submitted by {masthead.submitted_by}"):
        assert expected in header
    assert root.find("header").find("h1").text() == masthead.title
    assert root.find("html").attrs["lang"] == masthead.language
    assert root.find("title").text() == f"{masthead.symbol} \u2013 {masthead.title}"
    assert root.find("meta", name="description").attrs["content"]


def test_part_anchors_are_the_part_keys_action_n_for_actions(shipped: Shipped) -> None:
    outline, _, _ = shipped
    actions = [part.anchor for part in outline.parts if part.key.startswith("action-")]
    assert actions == [f"action-{n}" for n in range(1, 8)]
    assert all(part.anchor == part.key for part in outline.parts)


def test_every_table_note_of_the_shipped_document_links_both_ways(shipped: Shipped) -> None:
    outline, _, root = shipped
    tabled = [part.table for part in outline.parts if part.table is not None and part.table.notes]
    assert tabled
    for table in tabled:
        wrapper = root.find("div", id=f"table-{table.number}")
        notes = wrapper.find("ol", class_="table-notes")
        assert notes.parent is wrapper  # under the table, not inside it
        assert [li.attrs["id"] for li in notes.find_all("li")] == [
            f"table-{table.number}-note-{note.letter}" for note in table.notes]
        for note in table.notes:
            reference = wrapper.find("a", id=f"table-{table.number}-ref-{note.letter}")
            assert reference.attrs["href"] == f"#table-{table.number}-note-{note.letter}"
            back = notes.find("li", id=f"table-{table.number}-note-{note.letter}").find("a", class_="note-back")
            assert back.attrs["href"] == f"#table-{table.number}-ref-{note.letter}"


def test_identical_input_gives_identical_text(shipped: Shipped) -> None:
    outline, page, _ = shipped
    assert render(outline) == page
    assert render_html(outline, TEMPLATES, STAMP.replace(year=2021)) != page  # the stamp is really used
    assert '<meta name="dcterms.modified" content="2020-04-30T09:30:00Z">' in page


# --- narrative elements ------------------------------------------------------------------------------


def test_narrative_items_become_headings_paragraphs_sub_paragraphs_quotes_code_and_grids() -> None:
    root = parse(render(outline_of(
        HeadingItem(1, "A.", (Text("Successes"),)),
        HeadingItem(2, "1.", (Text("Stocks"),)),
        HeadingItem(3, "(a)", (Text("Retention"),)),
        NumberedItem(1, (Text("Lead "), Styled("em", (Text("in"),)), Styled("strong", (Text("bold"),)),
                         Styled("strike", (Text("gone"),)), LineBreak(hard=True), Code("x < y"))),
        SubItem(1, "(a)", (Text("first"),)),
        SubItem(2, "(i)", (Text("deeper"),)),
        PlainItem((Text("quoted"),), 0, True),
        PlainItem((Text("more of (a)"),), 1, False),
        CodeItem("a < b\n  c"),
        GridItem(((Text("State"),), (Text("Year"),)), (((Text("Croatia"),), (Text("2020"),)),)),
    )))
    section = root.find("section", id="action-1")
    assert [normal(section.find(tag).text()) for tag in ("h3", "h4", "h5")] == [
        "A. Successes", "1. Stocks", "(a) Retention"]
    paragraph = section.find("p", id="para-1")
    assert [paragraph.find(tag).text() for tag in ("em", "strong", "s", "code")] == ["in", "bold", "gone", "x < y"]
    assert paragraph.find_all("br")
    first = section.find("p", class_="sub sub-1")
    assert first.find("span", class_="sub-label").text() == "(a)" and "first" in first.text()
    assert section.find("p", class_="sub sub-2").find("span", class_="sub-label").text() == "(i)"
    assert section.find("blockquote").text() == "quoted"
    assert section.find("p", class_="plain depth-1").text() == "more of (a)"
    assert section.find("pre").text() == "a < b\n  c"
    grid = section.find("table", class_="grid")
    assert [th.text() for th in grid.find_all("th", scope="col")] == ["State", "Year"]
    assert [td.text() for td in grid.find_all("td")] == ["Croatia", "2020"]
    assert grid.parent is not None and grid.parent.has_class("table-wrap")


def test_a_note_mark_inside_a_link_keeps_its_id_without_nesting_links() -> None:
    link = marked_link("https://example.org", Text("Monitor"), NoteMark(1))
    root = parse(render(outline_of(NumberedItem(1, (link,)), notes=(Note(1, ((Text("Source."),),)),))))
    for anchor in root.find_all("a"):
        assert not any(ancestor.tag == "a" for ancestor in anchor.ancestors())
    assert root.find("sup", id="note-ref-1")
    assert root.find("li", id="note-1").find("a", href="#note-ref-1")


def _noted_table() -> IndicatorTable:
    columns = (TableColumn("ref", "DAP item", 40.0), TableColumn("current", "2RC (2020)", None))
    link = marked_link("https://example.org/", Text("Monitor"), TableNoteMark("b"))
    rows = (((Text("4.1"),), (Text("12 States"), TableNoteMark("a"), Text(" and more"), TableNoteMark("b"))),
            ((Text("4.2"),), (Text("Again"), TableNoteMark("a"), Text(" "), link)))
    notes = (TableNote("a", ((Text("Dubrovnik Action Plan."),), (Text("Second paragraph."),))),
             TableNote("b", ((Styled("em", (Text("Monitor"),)), Text(" 2020.")),)))
    return IndicatorTable(4, "Action 4: Victim assistance", columns, rows, notes)


def test_table_note_marks_link_to_lettered_notes_under_the_table_and_back() -> None:
    root = parse(render(outline_of(NumberedItem(1, (Text("Body"), NoteMark(1))), table=_noted_table(),
                                   notes=(Note(1, ((Text("A footnote."),),)),))))
    wrapper = root.find("div", id="table-4")
    table = wrapper.find("table")
    first = table.find("a", id="table-4-ref-a")
    assert first.attrs["href"] == "#table-4-note-a" and first.text() == "a"
    assert first.parent is not None and first.parent.tag == "sup" and first.parent.has_class("table-note-ref")
    notes = wrapper.find("ol", class_="table-notes")
    assert notes.parent is wrapper and not [a for a in notes.ancestors() if a.tag == "table"]
    items = notes.find_all("li")
    assert [li.attrs["id"] for li in items] == ["table-4-note-a", "table-4-note-b"]
    assert normal(items[0].text()) == "a Dubrovnik Action Plan. Second paragraph. \u21a9\ufe0e"
    assert items[0].find("span", class_="table-note-letter").text() == "a"
    assert items[1].find("em").text() == "Monitor"
    backs = [li.find("a", class_="note-back") for li in items]
    assert [a.attrs["href"] for a in backs] == ["#table-4-ref-a", "#table-4-ref-b"]
    assert backs[0].attrs["aria-label"] == "Back to reference a in table 4"
    # Footnotes of the narrative stay numbered notes at the end.
    assert root.find("li", id="note-1").find("a", href="#note-ref-1")


def test_a_letter_cited_twice_gets_a_second_id_and_a_mark_in_a_link_keeps_its_id_without_nesting() -> None:
    root = parse(render(outline_of(table=_noted_table())))
    ids = [element.attrs["id"] for element in root.iter() if "id" in element.attrs]
    assert len(ids) == len(set(ids))
    table = root.find("table")
    references = [element.attrs["id"] for element in table.iter()
                  if element.attrs.get("id", "").startswith("table-4-ref")]
    assert references == ["table-4-ref-a", "table-4-ref-b", "table-4-ref-a-2", "table-4-ref-b-2"]
    in_link = root.find("sup", id="table-4-ref-b-2")
    assert in_link.text() == "b" and not in_link.find_all("a")
    assert in_link.parent is not None and in_link.parent.tag == "a"
    for anchor in root.find_all("a"):
        assert not any(ancestor.tag == "a" for ancestor in anchor.ancestors())


def test_a_table_note_mark_outside_a_table_is_shown_without_a_dangling_link() -> None:
    root = parse(render(outline_of(NumberedItem(1, (Text("Body"), TableNoteMark("a"))))))
    mark = root.find("p", id="para-1").find("sup", class_="table-note-ref")
    assert mark.text() == "a" and not mark.find_all("a") and "id" not in mark.attrs


def test_indicator_cells_carry_their_column_header_for_the_phone_layout(shipped: Shipped) -> None:
    outline, _, root = shipped
    part = next(part for part in outline.parts if part.table is not None)
    assert part.table is not None
    row = root.find("section", id=part.anchor).find("tbody").find("tr")
    cells = [child for child in row.children if isinstance(child, Element)]
    assert [cell.attrs["data-label"] for cell in cells] == [column.header for column in part.table.columns]


def test_numbers_labels_marks_and_back_links_are_marked_as_not_words(shipped: Shipped) -> None:
    _, _, root = shipped
    excluded = [element for element in root.iter() if element.attrs.get("data-count") == "no"]
    classes = {name for element in excluded for name in element.attrs.get("class", "").split()}
    assert {"masthead", "toc", "numeral", "label", "para-num", "sub-label", "note-ref", "table-note-ref",
            "note-back"} <= classes
    assert all(element.has_class("para-num") for element in root.find_all("a") if element.text().endswith(".")
               and element.text()[:-1].isdigit())
    letters = [element for element in root.iter() if element.has_class("table-note-letter")]
    assert letters and not [element for element in letters if element.attrs.get("data-count")]


def test_the_print_stylesheet_sets_a4_keeps_rows_whole_repeats_headers_and_prints_web_addresses(
    shipped: Shipped
) -> None:
    _, _, root = shipped
    style = normal(root.find("style").text())
    print_rules = style[style.index("@media print"):]
    assert "@page { size: A4; margin:" in style
    assert "thead { display: table-header-group; }" in print_rules
    assert re.search(r"(^|[ ,])tr[ ,][^{]*\{ break-inside: avoid; \}", print_rules)
    after = re.search(r"([^}]*)::after \{ content: \" <\" attr\(href\) \">\"", print_rules)
    assert after is not None
    assert re.findall(r'a\[href\^="([^"]+)"\]', after.group(1)) == ["http:", "https:", "mailto:"]


def test_printed_pages_carry_the_symbol_and_number_on_the_outer_edge_but_not_page_one() -> None:
    style = normal(parse(render(outline_of(_paragraph()))).find("style").text())
    right = style[style.index("@page :right"):style.index("@page :left")]
    left = style[style.index("@page :left"):style.index("@page :first")]
    first = style[style.index("@page :first"):]
    assert '@top-right { content: "CCM/CONF/2020/PM.1/2"' in right and "@bottom-right { content: counter(page)" in right
    assert '@top-left { content: "CCM/CONF/2020/PM.1/2"' in left and "@bottom-left { content: counter(page)" in left
    assert "@bottom-right { content: none; }" in first and "@bottom-left { content: none; }" in first


def test_a_draft_says_so_on_screen_and_in_the_running_header() -> None:
    draft = render(replace(outline_of(_paragraph()), draft=True))
    final = render(outline_of(_paragraph()))
    assert 'class="draft-mark"' in draft and 'class="draft-mark"' not in final
    assert 'Draft"' in normal(parse(draft).find("style").text())
    assert "Draft" not in normal(parse(final).find("style").text()).replace(".draft-mark", "")


def test_the_last_part_is_followed_by_the_short_end_rule() -> None:
    page = render(outline_of(_paragraph(), notes=(Note(1, ((Text("A note."),),)),)))
    assert page.index("</section>") < page.index('<hr class="end-rule">') < page.index('class="notes"')


def _paragraph() -> NumberedItem:
    return NumberedItem(1, (Text("The only paragraph."),))


# --- escaping and safety -----------------------------------------------------------------------------


def _hostile_outline() -> Outline:
    table = IndicatorTable(1, f"Action 1: {SCRIPT}", (TableColumn("ref", f"Ref {IMG}", 50.0),
                                                      TableColumn("indicator", "Indicator", None)),
                           (((Text(SCRIPT),), (RawHtml(IMG, HERE),)),))
    masthead = Masthead(body=SCRIPT, symbol=IMG, date="2020-04-30", meeting=SCRIPT, session=IMG,
                        place=SCRIPT, agenda_item=IMG, agenda_title=SCRIPT, title=SCRIPT, submitted_by=IMG)
    return outline_of(
        HeadingItem(1, "A.", (Text(SCRIPT),)),
        NumberedItem(1, (Text(SCRIPT), RawHtml(IMG, HERE), NoteMark(1))),
        SubItem(1, "(a)", (RawHtml(IMG, HERE),)),
        PlainItem((Text(SCRIPT),), 0, True),
        CodeItem(SCRIPT),
        GridItem(((RawHtml(IMG, HERE),),), (((Text(SCRIPT),),),)),
        notes=(Note(1, ((RawHtml(IMG, HERE),),)),),
        table=table, masthead=masthead, title=SCRIPT,
    )


def test_authors_markup_is_shown_as_text_and_never_becomes_elements() -> None:
    root = parse(render(_hostile_outline()))
    assert not root.find_all("script")
    assert not root.find_all("img")
    for element in root.iter():
        assert not [name for name in element.attrs if name.startswith("on")], element.tag
    body = root.find("body").text()
    assert body.count(SCRIPT) >= 10
    assert body.count(IMG) >= 6
    assert SCRIPT in root.find("title").text()


def test_template_syntax_in_authors_text_appears_literally() -> None:
    page = render(outline_of(NumberedItem(1, (Text("{{ 7*7 }} and {% raw %}"),))))
    assert parse(page).find("p", id="para-1").text() == "1. {{ 7*7 }} and {% raw %}"
    assert "49" not in page


@pytest.mark.parametrize("href", [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
])
def test_links_with_other_schemes_show_only_their_text(href: str) -> None:
    root = parse(render(outline_of(NumberedItem(1, (Link(href, (Text("click me"),), HERE),)))))
    paragraph = root.find("p", id="para-1")
    assert [a.attrs["href"] for a in paragraph.find_all("a")] == ["#para-1"]
    assert "click me" in paragraph.text()
    assert not [a for a in root.find_all("a") if a.attrs.get("href") == href]


def test_web_links_open_without_opener_or_referrer_and_internal_links_stay_plain() -> None:
    root = parse(render(outline_of(NumberedItem(1, (
        Link("https://www.clusterconvention.org/", (Text("CCM"),), HERE),
        Link("http://example.org/?a=1&b=2", (Text("plain http"),), HERE),
        Link("mailto:isu@example.org", (Text("ISU"),), HERE),
        Link("#para-1", (Text("this paragraph"),), HERE),
    )))))
    links = {a.text(): a.attrs for a in root.find("p", id="para-1").find_all("a")}
    assert links["CCM"] == {"href": "https://www.clusterconvention.org/", "rel": "noopener noreferrer"}
    assert links["plain http"] == {"href": "http://example.org/?a=1&b=2", "rel": "noopener noreferrer"}
    assert links["ISU"]["href"] == "mailto:isu@example.org"
    assert links["this paragraph"] == {"href": "#para-1"}


def test_the_page_declares_a_content_security_policy(shipped: Shipped) -> None:
    _, _, root = shipped
    policies = [meta.attrs["content"] for meta in root.find_all("meta")
                if meta.attrs.get("http-equiv", "").lower() == "content-security-policy"]
    assert policies == [CSP]
    assert root.find("meta", charset="utf-8")


def _all_runs(part: PartPlan) -> list[tuple[Run, ...]]:
    runs = [cell for row in part.table.rows for cell in row] if part.table else []
    for item in part.items:
        if isinstance(item, GridItem):
            runs.extend([*item.header, *(cell for row in item.rows for cell in row)])
        elif not isinstance(item, CodeItem):
            runs.append(item.runs)
    return runs


def _hrefs(runs: tuple[Run, ...]) -> set[str]:
    found: set[str] = set()
    for run in runs:
        if isinstance(run, Link):
            found.add(run.href)
        if isinstance(run, (Link, Styled)):
            found |= _hrefs(run.children)
    return found


def test_the_page_requests_nothing_beyond_the_authors_own_links(shipped: Shipped) -> None:
    outline, _, root = shipped
    authored = {"https://example.org/a"} | {
        href for part in outline.parts for runs in _all_runs(part) for href in _hrefs(runs)}
    authored |= {href for note in outline.notes for runs in note.paragraphs for href in _hrefs(runs)}
    extra = outline_of(NumberedItem(1, (Link("https://example.org/a", (Text("a"),), HERE),)))
    for tree in (root, parse(render(extra))):
        assert not tree.find_all("script") and not tree.find_all("link") and not tree.find_all("img")
        assert not tree.find_all("iframe") and not tree.find_all("object") and not tree.find_all("form")
        for element in tree.iter():
            for name in ("src", "href", "srcset", "action", "poster", "data", "background"):
                value = element.attrs.get(name, "").strip().lower()
                if re.match(r"(https?:)?//", value):
                    assert element.tag == "a" and name == "href", element
                    assert element.attrs[name] in authored
    style = root.find("style").text()
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


# --- the template ------------------------------------------------------------------------------------


def test_a_missing_template_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"templates/review\.html\.j2 is missing"):
        render_html(outline_of(), tmp_path, STAMP)


def test_a_template_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "review.html.j2").write_text("<!DOCTYPE html>\n<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"templates/review\.html\.j2:3: "):
        render_html(outline_of(), tmp_path, STAMP)


def test_an_undefined_name_in_the_template_is_a_template_error_not_an_empty_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "review.html.j2").write_text("<!DOCTYPE html>\n\n<p>{{ masthead.no_such_field }}</p>\n",
                                            encoding="utf-8")

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the template was compiled although its compiled code was kept")

    for cached in (False, True):  # the second time from jinja2's cache of compiled templates: the same line
        with monkeypatch.context() as patched:
            if cached:
                patched.setattr(jinja2.Environment, "compile", compile_again)
            with pytest.raises(TemplateError, match=r"templates/review\.html\.j2:3: .*no_such_field"):
                render_html(outline_of(), tmp_path, STAMP)


def test_a_compiled_template_is_reused_until_the_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "review.html.j2"
    template.write_text("<!DOCTYPE html>\n<p>{{ masthead.title }}</p>\n", encoding="utf-8")
    first = render_html(outline_of(), tmp_path, STAMP)

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the template was compiled although its compiled code was kept")

    with monkeypatch.context() as patched:
        patched.setattr(jinja2.Environment, "compile", compile_again)
        assert render_html(outline_of(), tmp_path, STAMP) == first
    template.write_text("<!DOCTYPE html>\n<p>{{ masthead.symbol }}</p>\n", encoding="utf-8")
    assert "CCM/CONF/2020/PM.1/2" in render_html(outline_of(), tmp_path, STAMP)


def test_a_cache_that_cannot_be_written_costs_a_compilation_not_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", disk_full)
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "load_bytecode", lambda self, bucket: None)
    (tmp_path / "review.html.j2").write_text("<!DOCTYPE html>\n<p>{{ masthead.title }}</p>\n", encoding="utf-8")
    assert "<p>Review Document</p>" in render_html(outline_of(), tmp_path, STAMP)


def test_no_private_cache_directory_means_compiling_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # jinja2 refuses a cache directory another user owns or could write to.
    def unsafe(self: object) -> str:
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    (tmp_path / "review.html.j2").write_text("<!DOCTYPE html>\n<p>{{ masthead.title }}</p>\n", encoding="utf-8")
    assert "<p>Review Document</p>" in render_html(outline_of(), tmp_path, STAMP)
