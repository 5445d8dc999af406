"""Independent programs judge the redline: pandoc accepts and rejects its tracked changes, LibreOffice
lays it out, openxml-audit checks its XML, the Nu HTML Checker and axe-core check its page.

One older draft (the shipped project) and one newer, edited as a drafting team would: words
changed in paragraphs, a list item changed, a paragraph added (with a new footnote) and one
removed, a table cell changed, a table row removed, a footnote changed, a section file removed,
a part renamed with `title:`, a narrative table added. Accepting every change must give what a
plain `build` of the newer draft prints, rejecting every change what a plain build of the older
one prints; and the same the other way round (the edited draft as the older), where the part
and the narrative table come instead of going. A chart redrawn (a figure corrected in data/) is
judged on its own: the older picture deleted and the newer inserted, each kept by one of the two.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from ccm_review import api
from tests.helpers import (
    ACTION_6,
    CHART_DATA,
    DOCX_NAME,
    GENERAL_STATUS,
    HTML_NAME,
    INTRODUCTION,
    NS,
    REDLINE_DOCX_NAME,
    REDLINE_HTML_NAME,
    VNU_JAR,
    Element,
    PandocReader,
    W,
    add_chart,
    assert_same_reading,
    copy_project,
    docx_to_pdf,
    node_json,
    openxml_audit,
    parse,
    read_docx,
    reading,
    require_browser,
    require_node_package,
    require_tool,
    run_in_js,
)

CLEARANCE = "sections/03-clearance.md"
COOPERATION = "sections/05-cooperation-and-assistance.md"
VICTIM_ASSISTANCE = "sections/04-victim-assistance.md"

# (file, older text, newer text): each once in the shipped file.
EDITS = (
    # Words changed in paragraphs: one replaced, some added, some removed.
    (ACTION_6, "article 7 remain the main source", "article 7 continue to be the main source"),
    (CLEARANCE, "Clearance made steady progress.", "Clearance made slow but steady progress."),
    (CLEARANCE, "Croatia and Montenegro were reported", "Croatia was reported"),
    # A list item changed.
    (INTRODUCTION, "- the Cluster Munition Monitor.\n", "- the Cluster Munition Monitor and its country profiles.\n"),
    # A paragraph added, with a footnote of its own (the notes after it are numbered on), and one removed.
    (GENERAL_STATUS, "in September 2020.\n",
     "in September 2020.\n\nThe Presidency will circulate a revised draft after the First Preparatory "
     "Meeting.[^revised]\n"),
    (GENERAL_STATUS, "[^isu]: Coordination Committee minutes, 20 November 2019, items 8.2 and 8.4.\n",
     "[^isu]: Coordination Committee minutes, 20 November 2019, items 8.2 and 8.4.\n"
     "[^revised]: Letter of the President, 28 April 2020.\n[^grid]: Cluster Munition Monitor 2019.\n"),
    (ACTION_6, "Missing reports leave gaps in the picture of implementation. The state of stockpile destruction in "
     "South Africa, for example, was unclear as a result.\n\n", ""),
    # A table cell changed.
    (CLEARANCE, "    indicator: Risk reduction education, marking and fencing in contaminated areas\n"
     "    baseline: Not systematically reported\n    current: Not systematically reported\n",
     "    indicator: Risk reduction education, marking and fencing in contaminated areas\n"
     "    baseline: Not systematically reported\n    current: Reported by four States Parties (2019)\n"),
    # A table row removed.
    (COOPERATION, '  - ref: "5.6"\n    indicator: Use of existing tools and mechanisms, avoiding duplication\n'
     "    baseline: No baseline was set\n    current: Synergies with comparable approaches under other conventions "
     "explored; not otherwise compiled\n    assessment: not-assessed\n", ""),
    # A footnote changed.
    (ACTION_6, "[^followup]: Coordination Committee minutes, 20 November 2019, items 7.3 and 7.5.",
     "[^followup]: Minutes of the Coordination Committee, 20 November 2019, items 7.3 and 7.5."),
    # A part renamed.
    (ACTION_6, "status: final\n", "status: final\ntitle: Reporting and transparency\n"),
    # A narrative table added, with a footnote (defined with the new paragraph's above).
    (GENERAL_STATUS, "## Gaps and challenges\n",
     "| Year | States Parties |\n|---|---|\n| 2018 | 103 |\n| 2019 | 106[^grid] |\n\n## Gaps and challenges\n"),
)


def edit(project: Path, edits: tuple[tuple[str, str, str], ...]) -> None:
    for file, old, new in edits:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {file}: the shipped project changed"
        path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass(frozen=True)
class Drafts:
    """The redline of the newer draft against the older, and plain builds of both."""

    redline_docx: Path
    redline_html: Path
    old_docx: Path
    new_docx: Path
    new_html: Path
    summary: tuple[str, ...]  # the keys of the parts the redline reports changed


def make_drafts(root: Path, edits: tuple[tuple[str, str, str], ...], remove: tuple[str, ...] = (),
                backwards: bool = False) -> Drafts:
    """Copy the shipped project twice under `root`, make the `edits` and removals in the second, and
    write its redline against the first (or, `backwards`, the first's against it) and plain builds."""
    old, new = copy_project(root / "old"), copy_project(root / "new")
    edit(new, edits)
    for file in remove:
        (new / file).unlink()
    if backwards:
        old, new = new, old
    for draft in (old, new):
        built = api.build(draft, draft / "build")
        assert built.written, [str(finding) for finding in built.check.report.findings]
    result = api.redline(new, str(old), out_dir=root / "redline")
    assert result.failed is None and result.written
    changed = tuple(part.key for part in result.summary if part.change or part.words_added or part.words_removed)
    return Drafts(root / "redline" / REDLINE_DOCX_NAME, root / "redline" / REDLINE_HTML_NAME,
                  old / "build" / DOCX_NAME, new / "build" / DOCX_NAME, new / "build" / HTML_NAME, changed)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Drafts:
    """The shipped project edited: its redline against the shipped one."""
    return make_drafts(tmp_path_factory.mktemp("redline"), EDITS, remove=(VICTIM_ASSISTANCE,))


@pytest.fixture(scope="module")
def backwards(tmp_path_factory: pytest.TempPathFactory) -> Drafts:
    """The other way round: the shipped project's redline against the edited one."""
    return make_drafts(tmp_path_factory.mktemp("backwards"), EDITS, remove=(VICTIM_ASSISTANCE,), backwards=True)


@pytest.fixture(params=["forwards", "backwards"])
def either(request: pytest.FixtureRequest) -> Drafts:
    """Each of the two redlines."""
    fixture: Drafts = request.getfixturevalue("drafts" if request.param == "forwards" else "backwards")
    return fixture


# --- pandoc: accept every change, reject every change ---------------------------------------------


def texts(reader: PandocReader) -> list[str]:
    """The non-empty texts pandoc read, in order (see `reading` for the empty ones)."""
    return reading(reader)[0]


def test_the_edits_change_the_parts_they_were_made_in(either: Drafts) -> None:
    assert either.summary == ("introduction", "action-3", "action-4", "action-5", "action-6", "general-status")


@pytest.mark.external
def test_accepting_every_change_gives_the_newer_draft(either: Drafts) -> None:
    assert_same_reading(reading(read_docx(either.redline_docx, track_changes="accept")),
                        reading(read_docx(either.new_docx)))


@pytest.mark.external
def test_rejecting_every_change_gives_the_older_draft(either: Drafts) -> None:
    assert_same_reading(reading(read_docx(either.redline_docx, track_changes="reject")),
                        reading(read_docx(either.old_docx)))


@pytest.mark.external
def test_the_redline_differs_from_both_drafts_until_its_changes_are_accepted_or_rejected(drafts: Drafts) -> None:
    # pandoc's default is to accept; with every change kept as a revision, both drafts' words are there.
    both = read_docx(drafts.redline_docx, track_changes="all")
    old, new = texts(read_docx(drafts.old_docx)), texts(read_docx(drafts.new_docx))
    assert old != new
    shown = " ".join(texts(both))
    for text in ("remain", "continue to be", "Missing reports leave gaps", "revised draft"):
        assert text in shown, text
    assert texts(both) != old and texts(both) != new


# --- rows and tables in the XML --------------------------------------------------------------------


def _row_mark(row: etree._Element) -> str | None:
    marks = [etree.QName(mark).localname for mark in row.xpath("w:trPr/w:ins | w:trPr/w:del", namespaces=NS)]
    assert len(marks) <= 1
    return marks[0] if marks else None


def _inside(run: etree._Element) -> set[str]:
    """The revisions (ins, del) that hold a run."""
    return {etree.QName(parent).localname for parent in run.iterancestors(f"{{{W}}}ins", f"{{{W}}}del")}


def test_a_table_that_comes_or_goes_is_marked_row_by_row(either: Drafts) -> None:
    """Word and pandoc keep a row whose text is gone unless the row itself is marked: a table that
    comes or goes has every row marked, header row included, and its text inside the same mark."""
    with zipfile.ZipFile(either.redline_docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    whole = {"ins": 0, "del": 0}
    for table in body.iter(f"{{{W}}}tbl"):
        rows = table.findall("w:tr", NS)
        for row in rows:
            mark = _row_mark(row)
            if mark is not None:  # a row marked: every run of it inside a mark of the same kind
                assert all(_inside(run) == {mark} for run in row.iter(f"{{{W}}}r")), etree.tostring(row)[:300]
                assert mark == "ins" or not list(row.iter(f"{{{W}}}t"))  # deleted text is w:delText
        runs = list(table.iter(f"{{{W}}}r"))
        for kind in ("ins", "del"):
            if runs and all(_inside(run) == {kind} for run in runs):
                assert [_row_mark(row) for row in rows] == [kind] * len(rows)
                whole[kind] += 1
    # Forwards: the removed part's table goes, the narrative table comes; backwards the other way.
    assert whole == {"ins": 1, "del": 1}


def test_every_footnote_reference_has_its_footnote(either: Drafts) -> None:
    with zipfile.ZipFile(either.redline_docx) as archive:
        body, notes = (etree.fromstring(archive.read(f"word/{name}.xml")) for name in ("document", "footnotes"))
    references = [reference.get(f"{{{W}}}id") for reference in body.iter(f"{{{W}}}footnoteReference")]
    defined = [note.get(f"{{{W}}}id") for note in notes.findall("w:footnote", NS)
               if note.get(f"{{{W}}}type", "normal") == "normal"]
    assert sorted(references, key=int) == sorted(defined, key=int) and len(set(references)) == len(references)


# --- LibreOffice and openxml-audit ---------------------------------------------------------------


@pytest.mark.external
def test_libreoffice_converts_the_redline_to_pdf(drafts: Drafts, tmp_path: Path) -> None:
    pdf = docx_to_pdf(drafts.redline_docx, tmp_path)
    info = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert pages is not None and int(pages.group(1)) >= 9  # the whole newer draft, and what the older one had besides
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # LibreOffice shows tracked changes: the removed part and the added paragraph are both printed.
    assert "Victim assistance" in text and "revised draft" in text


@pytest.mark.external
def test_openxml_audit_finds_nothing_in_the_redline(drafts: Drafts) -> None:
    result = subprocess.run([openxml_audit(), "-f", "office2019", "-o", "json", "-m", "0", str(drafts.redline_docx)],
                            capture_output=True, text=True, timeout=300)
    reports = json.loads(result.stdout)
    findings = [f"{f['type']} {f['part_uri']} {f['path']}: {f['description']}"
                for report in reports for f in report["errors"]]
    assert findings == [], findings[:10]


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.external
def test_the_nu_html_checker_finds_no_error_in_the_redline_page(drafts: Drafts) -> None:
    java = require_tool("java")
    require_node_package("vnu-jar")
    result = run_in_js([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(drafts.redline_html)])
    report = json.loads(result.stderr or result.stdout)
    errors = [f"{m.get('lastLine')}: {m.get('message')}" for m in report["messages"]]
    assert errors == [] and result.returncode == 0, "\n".join(errors) or result.stderr


@pytest.mark.external
def test_axe_finds_no_wcag_2_1_a_or_aa_violation_in_the_redline_page(drafts: Drafts) -> None:
    require_browser()
    require_node_package("axe-core")
    report = node_json("axe-check.mjs", str(drafts.redline_html))
    assert [page["width"] for page in report["pages"]] == [1280, 390]
    problems = [f"at {page['width']} px: {rule['id']} ({rule['help']}) {[node['target'] for node in rule['nodes']][:5]}"
                for page in report["pages"] for rule in page["violations"]]
    assert problems == [], "\n".join(problems)
    assert all(page["passes"] > 10 for page in report["pages"])


def _ids(root: Element) -> list[str]:
    return [element.attrs["id"] for element in root.iter() if "id" in element.attrs]


def test_every_change_is_linked_from_the_summary_and_no_id_repeats(drafts: Drafts) -> None:
    root = parse(drafts.redline_html.read_text(encoding="utf-8"))
    ids = _ids(root)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    summary = root.find("section", class_="redline-summary")
    links = [a.attrs["href"] for a in summary.find_all("a")]
    marks = [element for element in root.iter() if element.tag in ("ins", "del")]
    changes = [element.attrs["id"] for element in marks if "id" in element.attrs]
    assert changes == [f"change-{n}" for n in range(1, len(changes) + 1)] and len(changes) > 20
    # Every change is linked once (a footnote's with the part that marks it), and every link leads to
    # a change or a part.
    linked = [href[1:] for href in links if href.startswith("#change-")]
    assert sorted(linked) == sorted(changes) and len(set(linked)) == len(linked)
    assert all(href[1:] in ids for href in links)
    # Marks without an id are only the part titles, printed twice (contents and heading).
    unlinked = [element for element in marks if "id" not in element.attrs]
    assert unlinked and all({"h2", "nav"} & {parent.tag for parent in element.ancestors()} for element in unlinked)
    # The summary's rows name the parts changed, and only those are linked.
    rows = {row.find("th").text(): row for row in summary.find("tbody").find_all("tr")}
    assert rows["Victim assistance (deleted)"].find_all("a")[0].attrs["href"] == "#action-4"
    assert rows["Universalization"].find("td", class_="change-links").text() == "none"


def test_the_plain_build_of_the_newer_draft_has_no_marks(drafts: Drafts) -> None:
    page = drafts.new_html.read_text(encoding="utf-8")
    assert "<ins" not in page and "<del" not in page and "Changes in this draft" not in page


# --- a chart redrawn -----------------------------------------------------------------------------

NATIONAL = "sections/07-national-implementation.md"


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory: pytest.TempPathFactory) -> Drafts:
    """The shipped project with a chart in part VIII, and the same with one of its figures corrected."""
    root = tmp_path_factory.mktemp("chart")
    old, new = copy_project(root / "old"), copy_project(root / "new")
    add_chart(old, NATIONAL)
    add_chart(new, NATIONAL, data=CHART_DATA.replace("2018,55,", "2018,57,"))
    for draft in (old, new):
        built = api.build(draft, draft / "build")
        assert built.written, [str(finding) for finding in built.check.report.findings]
    result = api.redline(new, str(old), out_dir=root / "redline")
    assert result.failed is None and result.written
    changed = tuple(part.key for part in result.summary if part.figures_changed)
    return Drafts(root / "redline" / REDLINE_DOCX_NAME, root / "redline" / REDLINE_HTML_NAME,
                  old / "build" / DOCX_NAME, new / "build" / DOCX_NAME, new / "build" / HTML_NAME, changed)


def _pictures(docx: Path, track_changes: str = "accept") -> list[str]:
    """The alt text of every picture pandoc reads in `docx` (a chart's: its description and figures)."""
    result = subprocess.run([require_tool("pandoc"), "-f", "docx", "-t", "json", f"--track-changes={track_changes}",
                             str(docx)], capture_output=True, text=True, check=True, timeout=120)
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Image":
                found.append("".join(part.get("c", " ") if part["t"] == "Str" else " " for part in node["c"][1]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(result.stdout)["blocks"])
    return found


def test_a_chart_redrawn_is_its_older_picture_deleted_and_the_newer_inserted(redrawn: Drafts) -> None:
    assert redrawn.summary == ("action-7",)
    with zipfile.ZipFile(redrawn.redline_docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    drawn = [run for run in body.iter(f"{{{W}}}r") if run.find("w:drawing", NS) is not None]
    marked = [_inside(run) for run in drawn]
    assert marked.count({"del"}) == 1 and marked.count({"ins"}) == 1 and marked.count(set()) == len(drawn) - 2
    first = marked.index({"del"})
    assert marked[first + 1] == {"ins"}  # the older picture, then the newer
    for run, kind in ((drawn[first], "del"), (drawn[first + 1], "ins")):
        picture = next(run.iterancestors(f"{{{W}}}p"))
        caption, source = picture.getprevious(), picture.getnext()
        for paragraph in (caption, picture, source):
            # The paragraph mark and every run of caption, picture and source line: one change of one kind.
            assert paragraph.xpath("w:pPr/w:rPr/w:ins | w:pPr/w:rPr/w:del", namespaces=NS)[0].tag == f"{{{W}}}{kind}"
            assert all(_inside(r) == {kind} for r in paragraph.iter(f"{{{W}}}r"))
        assert "".join(caption.itertext()).startswith("Figure ")


@pytest.mark.external
def test_accepting_keeps_the_newer_picture_and_rejecting_the_older(redrawn: Drafts) -> None:
    newer, older = _pictures(redrawn.new_docx), _pictures(redrawn.old_docx)
    assert newer != older and any("2018: 57" in alt for alt in newer)
    assert _pictures(redrawn.redline_docx, "accept") == newer
    assert _pictures(redrawn.redline_docx, "reject") == older
    assert_same_reading(reading(read_docx(redrawn.redline_docx, track_changes="accept")),
                        reading(read_docx(redrawn.new_docx)))
    assert_same_reading(reading(read_docx(redrawn.redline_docx, track_changes="reject")),
                        reading(read_docx(redrawn.old_docx)))


@pytest.mark.external
def test_openxml_audit_and_libreoffice_accept_the_redrawn_chart(redrawn: Drafts, tmp_path: Path) -> None:
    result = subprocess.run([openxml_audit(), "-f", "office2019", "-o", "json", "-m", "0", str(redrawn.redline_docx)],
                            capture_output=True, text=True, timeout=300)
    findings = [f"{f['type']} {f['part_uri']} {f['path']}: {f['description']}"
                for report in json.loads(result.stdout) for f in report["errors"]]
    assert findings == [], findings[:10]
    pdf = docx_to_pdf(redrawn.redline_docx, tmp_path)
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count("National measures reported, 2016-2019") == 2  # both captions, as tracked changes show them


def test_the_page_marks_both_charts_and_links_their_changes(redrawn: Drafts) -> None:
    root = parse(redrawn.redline_html.read_text(encoding="utf-8"))
    ids = _ids(root)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    figures = [figure for figure in root.find_all("figure") if "National measures" in figure.text()]
    assert [figure.attrs["class"] for figure in figures] == ["chart chart-deleted", "chart chart-inserted"]
    assert figures[0].attrs["id"].endswith("-deleted") and not figures[1].attrs["id"].endswith("-deleted")
    for figure, tag, label in ((figures[0], "del", "[deleted: "), (figures[1], "ins", "[inserted: ")):
        caption = figure.find("figcaption")
        mark = caption.find(tag)
        assert mark is not None and label in mark.text() and "Figure" in mark.text()
        assert figure.find("p", class_="chart-source").find(tag) is not None
    summary = root.find("section", class_="redline-summary")
    row = next(row for row in summary.find("tbody").find_all("tr") if "National" in row.find("th").text())
    assert [cell.text() for cell in row.find_all("td", class_="count")][-1] == "1"  # figures changed
    linked = [a.attrs["href"][1:] for a in row.find_all("a")]
    marks = [element.attrs["id"] for figure in figures for element in figure.iter() if element.tag in ("ins", "del")]
    assert marks and set(marks) <= set(linked)


@pytest.mark.external
def test_the_checkers_find_nothing_in_the_page_with_a_redrawn_chart(redrawn: Drafts) -> None:
    java = require_tool("java")
    require_node_package("vnu-jar")
    result = run_in_js([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(redrawn.redline_html)])
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert errors == [] and result.returncode == 0, "\n".join(errors) or result.stderr
    require_browser()
    require_node_package("axe-core")
    report = node_json("axe-check.mjs", str(redrawn.redline_html))
    problems = [f"at {page['width']} px: {rule['id']} ({rule['help']})" for page in report["pages"]
                for rule in page["violations"]]
    assert problems == [], "\n".join(problems)
