"""The HTML page as readers get it: built by `api.build`, then checked by independent programs.

The Nu HTML Checker (validity), axe-core in headless Chromium (WCAG 2.1 A and AA) and a probe in
the same browser (requests, scripts, layout at 1280 and 390 px, the names its accessibility tree
gives tables and figures, print to A4) each look at the shipped build, at a build whose sources
try to inject markup, and at a hand-built outline with the link payloads the validators refuse
(CCM032) before a build could render them. The word count needs no browser: the words of the page
equal the total that `check` reports.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ccm_review import api
from ccm_review.layout.outline import make_outline
from ccm_review.model.location import Location
from ccm_review.model.narrative import Link, RawHtml, Text
from ccm_review.model.outline import (
    IndicatorTable,
    NumberedItem,
    Outline,
    PartPlan,
    TableColumn,
    TableNote,
    TableNoteMark,
)
from ccm_review.model.source import Masthead
from ccm_review.render.html.page import render_html
from tests.helpers import (
    REPO,
    VNU_JAR,
    copy_project,
    counted_words,
    node_json,
    require_browser,
    require_node_package,
    require_tool,
    run_in_js,
)

STAMP = datetime(2020, 4, 30, tzinfo=UTC)
SOURCE = "sections/04-victim-assistance.md"
HERE = Location(SOURCE, 1, 1)

# What injected content tries to do: set the title or window.__pwned, cover the page, load things.
NARRATIVE_PAYLOADS = """
## Injected

Script inline: <script>document.title = "PWNED"; window.__pwned = "script";</script> end.

<script>window.__pwned = "block script"</script>

Image: <img src="x" onerror="window.__pwned = 'img'"> and <svg onload="window.__pwned = 'svg'"></svg> end.

Template: {{ 7*7 }} and {% if true %}yes{% endif %} and {# comment #} end.

Style: <span style="position:fixed;inset:0;background:red">covered</span> end.

<div style="position:fixed;inset:0;background:red" onclick="window.__pwned = 'div'">block html</div>

Anchor: <a href="javascript:window.__pwned = 'a'">raw anchor</a> end.
"""
CELL_PAYLOAD = "<script>window.__pwned = 'cell'</script> <img src=x onerror=window.__pwned=1> {{ 7*7 }} {% if x %}"
SHOWN_AS_TEXT = ('<script>document.title = "PWNED"; window.__pwned = "script";</script>',
                 "<img src=\"x\" onerror=\"window.__pwned = 'img'\">", "{{ 7*7 }}", "{% if true %}yes{% endif %}",
                 '<span style="position:fixed;inset:0;background:red">', "<script>window.__pwned = 'cell'</script>")
LINK_PAYLOADS = ("javascript:window.__pwned='js'", "JavaScript:window.__pwned='JS'", " javascript:window.__pwned=1",
                 "java\tscript:window.__pwned=1", "data:text/html,<script>window.__pwned='data'</script>",
                 "data:image/svg+xml,<svg onload=window.__pwned=1>", "vbscript:msgbox(1)", "file:///etc/passwd",
                 "//evil.example/")


# --- the pages under test ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pages:
    """The HTML files under test, and what a reader should see in them."""

    shipped: Path
    injected: Path
    links: Path
    title: str

    @property
    def all(self) -> tuple[Path, ...]:
        return (self.shipped, self.injected, self.links)


def _inject(project: Path) -> None:
    section = project / "sections" / "04-victim-assistance.md"
    text = section.read_text(encoding="utf-8")
    front, separator, body = text.partition("\n---\n## ")
    assert separator, "the victim assistance section changed shape: update the payload test"
    front = front.replace("    baseline: Not systematically reported",
                          f"    baseline: {json.dumps(CELL_PAYLOAD)}", 1)
    assert CELL_PAYLOAD[:8] in front
    section.write_text(front + separator + body + NARRATIVE_PAYLOADS, encoding="utf-8")


def _links_outline() -> Outline:
    """A hand-built outline with the links the validators refuse, which a build never renders."""
    good = (Link("https://www.clusterconvention.org/", (Text("the Convention"),), HERE),
            Link("mailto:isu@example.org", (Text("the ISU"),), HERE), Link("#para-1", (Text("para. 1"),), HERE))
    items = tuple(NumberedItem(n, (Text("Payload "), Link(href, (Text(f"link {n}"),), HERE), Text(" end.")))
                  for n, href in enumerate(LINK_PAYLOADS, start=1))
    see = (Text("See "), good[0], Text(", "), good[1], Text(" and "), good[2], Text(" "))
    items += (NumberedItem(len(items) + 1, (*see, RawHtml("<a href='javascript:x'>", HERE))),)
    columns = (TableColumn("ref", "DAP item", 40.0), TableColumn("indicator", "Indicator", 60.0))
    rows = (((Text("4.1"),), (Link("javascript:window.__pwned='cell'", (Text("cell"),), HERE),
                              TableNoteMark("a"))),)
    notes = (TableNote("a", ((Link("data:text/html,x", (Text("note"),), HERE),),)),)
    table = IndicatorTable(1, "Action 4: Victim assistance", columns, rows, notes)
    part = PartPlan("action-4", "action-4", "I", "Victim assistance", SOURCE, table, items)
    masthead = Masthead(body="Convention on Cluster Munitions", symbol="CCM/TEST/1", date="2020-04-30",
                        title="Link payloads")
    return Outline(masthead, (part,), ())


def _built_html(project: Path, out: Path) -> Path:
    # Not strict: the shipped sections are drafts, and the injected ones carry warnings (CCM031).
    result = api.build(project, out, strict=False)
    assert result.written, [str(finding) for finding in result.check.report.findings]
    return next(path for path in result.written if path.suffix == ".html")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    root = tmp_path_factory.mktemp("html-pages")
    shipped = _built_html(REPO, root / "shipped")
    project = copy_project(root / "project")  # as the `project` fixture does, once for the module
    _inject(project)
    findings = api.check(project).report.findings
    # Markup in sources is a warning (CCM031: shown as text), never an error: the build goes on.
    assert {finding.code for finding in findings if finding.severity == "error"} == set()
    assert "CCM031" in {finding.code for finding in findings}
    injected = _built_html(project, root / "injected")
    links = root / "links" / "review-document.html"
    links.parent.mkdir()
    links.write_text(render_html(_links_outline(), REPO / "templates", STAMP), encoding="utf-8")
    masthead = api.check(REPO).document.masthead
    return Pages(shipped, injected, links, f"{masthead.symbol} \u2013 {masthead.title}")


# Two pages that prove the probe can see what it reports absent: a script that runs and a
# request that leaves (no policy), and a policy that blocks both and reports it.
_CONTROL_OPEN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>open</title></head>
<body><script>window.__pwned = "control";</script><img src="http://127.0.0.1:9/probe.png" alt=""></body></html>
"""
_CONTROL_CSP = _CONTROL_OPEN.replace("<title>open", "<meta http-equiv=\"Content-Security-Policy\" content=\""
                                     "default-src 'none'; style-src 'unsafe-inline'\"><title>csp")


Probe = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def probe(pages: Pages, tmp_path_factory: pytest.TempPathFactory) -> Probe:
    """What headless Chromium saw on each page, by name ("shipped", ..., "control-open")."""
    require_browser()
    root = tmp_path_factory.mktemp("probe")
    controls = []
    for name, text in (("control-open", _CONTROL_OPEN), ("control-csp", _CONTROL_CSP)):
        (root / name).mkdir()
        controls.append(root / name / f"{name}.html")
        controls[-1].write_text(text, encoding="utf-8")
    named = dict(zip(("shipped", "injected", "links"), pages.all, strict=True))
    named |= {path.stem: path for path in controls}
    # The pages share a file name: each gets its own copy so screenshots do not overwrite.
    files = []
    for name, path in named.items():
        files.append(root / "pages" / f"{name}.html")
        files[-1].parent.mkdir(exist_ok=True)
        shutil.copyfile(path, files[-1])
    out = node_json("page-probe.mjs", str(root / "shots"), *map(str, files))
    return {Path(entry["file"]).stem: entry for entry in out["pages"]}


# --- independent checkers --------------------------------------------------------------------------


@pytest.mark.external
def test_the_nu_html_checker_finds_no_error_in_any_page(pages: Pages) -> None:
    java = require_tool("java")
    require_node_package("vnu-jar")
    # One JVM for every page: its start-up is most of the time.
    result = run_in_js([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages.all)])
    report = json.loads(result.stderr or result.stdout)
    errors = [f"{Path(m.get('url', '')).parent.name}:{m.get('lastLine')}: {m.get('message')}"
              for m in report["messages"]]
    assert errors == [] and result.returncode == 0, "\n".join(errors) or result.stderr


@pytest.mark.external
def test_axe_finds_no_wcag_2_1_a_or_aa_violation_on_desktop_or_phone(pages: Pages) -> None:
    require_browser()
    require_node_package("axe-core")
    report = node_json("axe-check.mjs", *map(str, pages.all))
    assert report["tags"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    assert [(Path(page["file"]), page["width"]) for page in report["pages"]] == [
        (path, width) for path in pages.all for width in (1280, 390)]
    problems = [f"{Path(page['file']).parent.name} at {page['width']} px: {rule['id']} ({rule['help']}) "
                f"{[node['target'] for node in rule['nodes']][:5]}"
                for page in report["pages"] for rule in page["violations"]]
    assert problems == [], "\n".join(problems)
    assert all(page["passes"] > 10 for page in report["pages"])  # axe really ran its rules


# --- what the browser saw ----------------------------------------------------------------------------


@pytest.mark.external
def test_the_page_requests_nothing_but_itself(probe: Probe) -> None:
    for name in ("shipped", "injected", "links"):
        page = probe[name]
        assert set(page["requests"]) == {page["url"]}, name
        assert page["errors"] == [] and page["console"] == [], name
    # The recorder sees a request that leaves the file, even one the policy then blocks: the
    # pages above did not even try.
    assert "http://127.0.0.1:9/probe.png" in probe["control-open"]["requests"]
    assert "http://127.0.0.1:9/probe.png" in probe["control-csp"]["requests"]
    assert {violation["directive"] for violation in probe["control-csp"]["csp"]} >= {"img-src"}


@pytest.mark.external
def test_no_script_from_injected_content_runs_and_the_policy_never_had_to_block(pages: Pages, probe: Probe) -> None:
    for name in ("shipped", "injected", "links"):
        page = probe[name]
        assert page["probe"], "the probe's own script did not run: its readings mean nothing"
        assert page["pwned"] is None, (name, page["pwned"])
        assert page["csp"] == [], (name, page["csp"])  # escaped text: nothing for the policy to stop
        dom = page["dom"]
        assert (dom["scripts"], dom["images"], dom["embedded"], dom["handlers"], dom["styles"]) == (0, 0, 0, [], [])
        assert all(re.match(r"#|https?://|mailto:", href) for href in dom["hrefs"]), dom["hrefs"]
    assert probe["shipped"]["title"] == probe["injected"]["title"] == pages.title
    assert probe["links"]["title"] == "CCM/TEST/1 \u2013 Link payloads"
    visible = probe["injected"]["text"]
    for payload in SHOWN_AS_TEXT:
        assert payload in visible, payload
    template = next(line for line in visible.splitlines() if "Template: " in line).split("Template: ")[1]
    assert template == "{{ 7*7 }} and {% if true %}yes{% endif %} and {# comment #} end."
    links = probe["links"]
    assert {href for href in links["dom"]["hrefs"] if not href.startswith("#")} == {
        "https://www.clusterconvention.org/", "mailto:isu@example.org"}
    for n in range(1, len(LINK_PAYLOADS) + 1):
        assert f"Payload link {n} end." in links["text"]
    # The probe does notice a script that runs, and a policy that has to block one.
    assert probe["control-open"]["pwned"] == "control"
    assert probe["control-csp"]["pwned"] is None
    assert {violation["directive"] for violation in probe["control-csp"]["csp"]} >= {"script-src-elem"}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.external
def test_screenshots_at_1280_and_390_px_and_a_phone_never_scrolls_sideways(probe: Probe) -> None:
    for name in ("shipped", "injected", "links"):
        widths = probe[name]["widths"]
        assert _png_size(Path(widths["1280"]["png"])) == (1280, 1600)
        assert _png_size(Path(widths["390"]["png"])) == (390, 1400)
        assert widths["1280"]["scrollWidth"] <= 1280, name
        assert widths["390"]["scrollWidth"] <= 390, name


@pytest.mark.external
def test_a_screen_reader_names_each_table_and_figure_by_its_label_then_its_title(probe: Probe) -> None:
    # The caption prints "Table 1" over its title; Chromium's accessibility tree, which screen
    # readers read, must still give one name, "Table 1, Action 1: ...", at either width.
    result = api.check(REPO)
    outline = make_outline(result.document, result.spec)
    expected = sorted([("table", part.table.name) for part in outline.parts if part.table is not None]
                      + [("figure", chart.name) for part in outline.parts for chart in part.charts])
    assert ("table", "Table 1, Action 1: Universalization") in expected and any(
        role == "figure" for role, _ in expected)
    for width in ("1280", "390"):
        names = sorted((role, name) for role, name in probe["shipped"]["widths"][width]["names"])
        assert names == expected, width


@pytest.mark.external
def test_a_caption_shows_its_label_over_its_title_above_what_it_names(probe: Probe) -> None:
    result = api.check(REPO)
    outline = make_outline(result.document, result.spec)
    ids = [f"table-{part.table.number}-caption" for part in outline.parts if part.table is not None]
    ids += [f"figure-{chart.number}-caption" for part in outline.parts for chart in part.charts]
    for width in ("1280", "390"):
        captions = probe["shipped"]["widths"][width]["captions"]
        assert sorted(caption["id"] for caption in captions) == sorted(ids), width
        for caption in captions:
            where = f"{caption['id']} at {width} px"
            assert caption["titleTop"] >= caption["labelBottom"], where  # two lines, the label first
            assert (caption["labelWeight"], caption["titleWeight"]) == ("400", "700"), where
            assert caption["commaWidth"] == 0, where  # said, not seen
            assert caption["captionBottom"] <= caption["namedTop"], where


@pytest.mark.external
def test_the_print_is_a4_with_header_rows_repeated_rows_whole_and_web_addresses_shown(probe: Probe) -> None:
    for name in ("shipped", "injected", "links"):
        page = probe[name]
        pdf = Path(page["pdf"]).read_bytes()
        assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000, name
        boxes = {tuple(round(float(v)) for v in box.split())
                 for box in re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf)}
        assert boxes == {(0, 0, 595, 842)}, boxes  # A4 in points
        assert page["print"]["thead"] == ["table-header-group"] and page["print"]["rows"] == ["avoid"]
    printed = {link["href"]: link["after"] for link in probe["links"]["print"]["links"]}
    assert printed["https://www.clusterconvention.org/"] == '" <https://www.clusterconvention.org/>"'
    assert printed["mailto:isu@example.org"] == '" <mailto:isu@example.org>"'
    assert printed["#para-1"] == "none"
    assert {after for href, after in printed.items() if href.startswith("#")} == {"none"}


# --- words (no browser) ------------------------------------------------------------------------------

def test_the_words_of_the_page_are_the_total_that_check_reports() -> None:
    result = api.check(REPO)
    page = render_html(make_outline(result.document, result.spec), REPO / "templates", STAMP)
    assert counted_words(page) == result.report.words > 1000


def test_the_count_leaves_out_exactly_the_numbers_labels_and_back_links() -> None:
    page = ('<body><header data-count="no">Masthead words</header><p><a data-count="no">12.</a> Two words'
            '<sup data-count="no"><a>3</a></sup></p><ol><li><span>a</span> Note text '
            '<a data-count="no">\u21a9</a></li></ol><table><tr><th>Cell</th><td>Next</td></tr></table></body>')
    assert counted_words(page) == 7  # "Two words", "a Note text", "Cell", "Next"
