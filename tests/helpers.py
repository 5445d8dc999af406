"""What the test files share, typed: the repository's paths, the command line run in-process,
copies of the shipped project, the "kitchen sink" part with every feature, hashes of files, the
external checkers, small HTML parsers, pandoc reading a DOCX back, and the rule table.

Fixtures live in tests/conftest.py; everything here is a plain function, class or constant that a
test file imports by name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import docx
import pytest
from click.testing import CliRunner, Result

from ccm_review.analyse.text import inline_text
from ccm_review.cli import main
from ccm_review.layout.labels import letters, roman
from ccm_review.model.finding import Finding
from ccm_review.model.narrative import Inline
from ccm_review.model.outline import Deleted, Inserted, NoteMark, Runs, TableNoteMark
from ccm_review.render import writer

# --- paths -----------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
DOCX_NAME, HTML_NAME = writer("docx").file_name, writer("html").file_name  # what `build` writes
REDLINE_DOCX_NAME, REDLINE_HTML_NAME = "review-document-redline.docx", "review-document-redline.html"  # `redline`
RULE_FIXTURES = TESTS / "fixtures" / "rules"
EDITORIAL_FIXTURES = TESTS / "fixtures" / "editorial"
JS = TESTS / "js"
NODE_MODULES = JS / "node_modules"

# Files of the shipped project, as findings name them.
INTRODUCTION = "sections/00-introduction.md"
ACTION_6 = "sections/06-transparency.md"
GENERAL_STATUS = "sections/08-general-status.md"
CONCLUSIONS = "sections/09-conclusions.md"
MASTHEAD = "sections/document.yaml"
REVIEW = "templates/review.yaml"
DAP = "templates/dap.yaml"


# --- the shipped project and the command line ----------------------------------------------------


def copy_project(target: Path) -> Path:
    """Copy the shipped project (sections/, templates/ and data/) to `target`, made if missing; return it."""
    for name in ("sections", "templates", "data"):
        shutil.copytree(REPO / name, target / name)
    return target


def with_fixture(project: Path, fixture: str, target: str = ACTION_6) -> Path:
    """Copy tests/fixtures/rules/`fixture` over `target` of `project`; return the project."""
    shutil.copyfile(RULE_FIXTURES / fixture, project / target)
    return project


# The last line of `check`: "no problems in 10 files; 9,876 of 10,700 words".
SUMMARY = re.compile(r"^(no problems|\d+ errors?, \d+ warnings?) in \d+ files?; [\d,]+ of [\d,]+ words$")


def invoke(*args: str | Path) -> Result:
    """Run `ccm-review` with `args` in this process, as click's test runner does."""
    return CliRunner().invoke(main, [str(arg) for arg in args])


# --- the kitchen sink: a part with every feature ----------------------------------------------

# It replaces the general-status part (GENERAL_STATUS) of a copy of the shipped project.
KITCHEN_ROWS = 30


def kitchen_sink_section() -> str:
    """The general-status part with every feature: a 30-row table spanning pages with notes in its cells,
    lists three deep, a quotation, code, links, emphasis, headings at three levels, a narrative table with
    a footnote, a footnote referenced twice."""
    rows = []
    for n in range(1, KITCHEN_ROWS + 1):
        note = "[^row]" if n in (1, 17) else ("[^other]" if n == 29 else "")
        rows.append(
            f'  - indicator: "Indicator {n} of the operation of the Convention, long enough to wrap{note}"\n'
            f'    baseline: "Baseline figure {n} as reported in 2015"\n'
            f'    current: "Current figure {n} as reported in 2020"\n'
            f"    assessment: {('achieved', 'partially-achieved', 'not-achieved', 'not-assessed')[n % 4]}\n")
    front = "---\npart: general-status\nstatus: draft\ncoordinators: [Namibia, Zambia]\ntable:\n" + "".join(rows)
    return front + """---
## Meetings and coordination

States Parties met every year, as the Convention provides.[^meetings] The records are on
[the Convention's website](https://www.clusterconvention.org/) and the ISU answers at
<mailto:info@isu.example>; its `article 7` database has *emphasis*, **strong** and ~~struck~~ text.

The Coordination Committee worked on four themes:

1. universalization, in three regions:
   1. Africa, with:
      - signatories;
      - States not party;
   2. South-East Asia;
2. stockpile destruction.

> "The States Parties are determined to ensure the full realization of the rights of all
> cluster munition victims."[^preamble]

```
report = article7(year=2019)
  print(report)
```

### Funding

The ISU was fully funded in 2019.

### Reporting

Reporting rates fell after 2016.

#### Initial reports

Most initial reports arrived on time.

#### Annual reports

Annual reports were often late.

## Gaps and challenges

| Year | States Parties |
|---|---|
| 2019 | 106[^monitor] |
| 2020 | 110 |

The budget needs a broader base.[^meetings]

[^row]: Row note, as reported by the ISU.
[^other]: Another row note.
[^meetings]: Minutes of the Coordination Committee.
[^preamble]: Preamble of the Convention.
[^monitor]: Cluster Munition Monitor 2019.
"""


# --- hashes of files -------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    """The SHA-256 of the bytes of `path`, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_files(project: Path) -> list[Path]:
    """Every file under sections/, templates/ and data/ of `project`, sorted."""
    return [path for name in ("sections", "templates", "data") for path in sorted((project / name).rglob("*"))
            if path.is_file()]


def digest(project: Path) -> dict[str, str]:
    """Every file under sections/ and templates/ with the hash of its bytes."""
    return {path.relative_to(project).as_posix(): sha256(path) for path in source_files(project)}


def fingerprint(project: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under sections/ and templates/: its digest, size and modification time."""
    prints: dict[str, tuple[str, int, int]] = {}
    for path in source_files(project):
        stat = path.stat()
        prints[path.relative_to(project).as_posix()] = (sha256(path), stat.st_size, stat.st_mtime_ns)
    return prints


# --- external checkers -----------------------------------------------------------------------------


def _missing(message: str) -> NoReturn:
    """Skip the test, or fail it under CCM_REQUIRE_EXTERNAL=1."""
    if os.environ.get("CCM_REQUIRE_EXTERNAL") == "1":
        pytest.fail(f"{message}; CCM_REQUIRE_EXTERNAL=1 requires it")
    pytest.skip(message)


def require_tool(name: str) -> str:
    """Return the path of program `name`; skip the test without it, fail under CCM_REQUIRE_EXTERNAL=1."""
    path = shutil.which(name)
    if path is None:
        _missing(f"{name} is not installed (make ci installs it)")
    return path


def require_node_package(name: str) -> Path:
    """Return tests/js/node_modules/`name`; skip without it, fail under CCM_REQUIRE_EXTERNAL=1."""
    path = NODE_MODULES / name
    if not (path / "package.json").is_file():
        _missing(f"npm package {name} is not installed in tests/js (make ci runs npm ci --prefix tests/js)")
    return path


def require_browser() -> None:
    """Skip (or fail) unless node, Debian's chromium and the npm browser driver are present."""
    require_tool("node")
    require_tool("chromium")
    require_node_package("playwright-core")


# The checkers' command lines, shared by the files that judge the DOCX and the HTML.
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"  # the Nu HTML Checker


def openxml_audit() -> str:
    """Return openxml-audit from the test environment (next to this Python), else from PATH."""
    beside = Path(sys.executable).parent / "openxml-audit"
    return str(beside) if beside.is_file() else require_tool("openxml-audit")


def docx_to_pdf(docx: Path, folder: Path) -> Path:
    """Have LibreOffice convert `docx` to a PDF in `folder` (it must succeed); return the PDF."""
    soffice = require_tool("soffice")
    profile = folder / "lo-profile"  # a private profile: two runs sharing one conflict
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   capture_output=True, check=True, timeout=300)
    pdf = folder / (docx.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def run_in_js(command: list[str], timeout: int = 180) -> subprocess.CompletedProcess[str]:
    """Run `command` in tests/js (where the checkers' scripts are), its output as text."""
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=JS, check=False)


def node_json(script: str, *args: str) -> Any:
    """Run the node `script` of tests/js with `args` (it must succeed); return the JSON it prints."""
    result = run_in_js([require_tool("node"), script, *args])
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


# --- text ------------------------------------------------------------------------------------------


def normal(text: str) -> str:
    """`text` with every run of white space made one space."""
    return " ".join(text.split())


def printed_text(runs: Runs) -> str:
    """The text of outline runs as `inline_text` gives it: note marks are not words. A plain outline's
    runs only: a redline's insertions and deletions have no one text."""
    inlines: list[Inline] = []
    for run in runs:
        assert not isinstance(run, (Inserted, Deleted)), "printed_text reads a plain outline, not a redline"
        if not isinstance(run, (NoteMark, TableNoteMark)):
            inlines.append(run)
    return inline_text(inlines)


def listing(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """The findings one per line, for assertion messages."""
    return "\n".join(f"  {f.location}: {f.severity}: {f.message} [{f.code}] hint={f.hint!r}" for f in findings) \
        or "  (no findings)"


# --- the rule table --------------------------------------------------------------------------------

# The default severity of every rule code below CCM040, as the README's rule table and docs/rules.md
# give it (CCM034, headings that start at '#', and CCM035, ignore comments, are content rules;
# CCM017, a part not final under --strict, a structure rule; CCM036-CCM039, the content checks of
# assessments, source dates, repeated sources and counts of action points, editorial judgement).
# The editorial rules (CCM040 and up) all warn by default and have their own fixtures:
# tests/test_validate_editorial.py.
SEVERITY = {
    "CCM001": "error", "CCM002": "error", "CCM003": "error", "CCM004": "error", "CCM005": "error",
    "CCM006": "error", "CCM007": "error", "CCM008": "error", "CCM009": "error", "CCM010": "error",
    "CCM011": "error", "CCM012": "error", "CCM013": "warning",
    "CCM014": "error", "CCM015": "warning", "CCM016": "warning", "CCM017": "warning", "CCM018": "warning",
    "CCM020": "error",
    "CCM021": "error", "CCM022": "error", "CCM023": "warning", "CCM030": "warning", "CCM031": "warning",
    "CCM032": "error", "CCM033": "warning", "CCM034": "warning", "CCM035": "warning",
    "CCM036": "warning", "CCM037": "warning", "CCM038": "warning", "CCM039": "warning",
}


# --- HTML: what the renderer may write ------------------------------------------------------------

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})

# Every element and attribute the renderer and templates/review.html.j2 may write; anything else
# in the page came from a source file and was not escaped.
ELEMENTS = frozenset({
    "html", "head", "meta", "title", "style", "body", "header", "main", "nav", "section", "div", "h1", "h2", "h3",
    "h4", "h5", "p", "span", "a", "em", "strong", "s", "code", "pre", "br", "hr", "sup", "ol", "ul", "li", "blockquote",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
    # a chart: its figure, the inline SVG drawing and the table of its figures
    "figure", "figcaption", "details", "summary", "svg", "desc", "line", "rect", "polyline", "circle", "text",
})
ATTRIBUTES = frozenset({
    "lang", "charset", "http-equiv", "name", "content", "class", "id", "href", "rel", "aria-label", "data-count",
    "data-label", "scope", "value", "style", "role", "tabindex",
    "aria-labelledby", "viewbox", "xmlns", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height",
    "points", "fill", "stroke", "stroke-width", "text-anchor", "font-size",
})
SAFE_HREF = ("#", "http://", "https://", "mailto:")


class Page(HTMLParser):
    """The elements, attributes, links and text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: list[str] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "href":
                self.hrefs.append(value or "")

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def assert_only_the_renderers_markup(page: Page) -> None:
    """The page holds no element, attribute or link the renderer does not write itself."""
    assert page.elements <= ELEMENTS, page.elements - ELEMENTS
    assert page.attributes <= ATTRIBUTES, page.attributes - ATTRIBUTES
    assert all(href.startswith(SAFE_HREF) for href in page.hrefs), page.hrefs


# --- HTML: a small DOM built with the standard library's parser -----------------------------------


@dataclass
class Element:
    """An element of a parsed page, with its parent and children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self) -> list[Element]:
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found.append(child)
                found.extend(child.iter())
        return found

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        attrs = {name.rstrip("_"): value for name, value in attrs.items()}
        return [element for element in self.iter()
                if (tag is None or element.tag == tag)
                and all(element.attrs.get(name) == value for name, value in attrs.items())]

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def ancestors(self) -> list[Element]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {name: value or "" for name, value in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> Element:
    """The page as a tree of elements; it must be a whole HTML5 document with every element closed."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    assert builder.doctype.lower() == "doctype html"
    return builder.root


# --- HTML: the words of a page -----------------------------------------------------------------------

_INLINE = {"a", "abbr", "b", "code", "em", "i", "s", "small", "span", "strong", "sub", "sup"}


class _CountedText(HTMLParser):
    """The text of <body> that is words of the document: data-count="no" subtrees left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INLINE:
            self.parts.append(" ")  # a block ends a word, as in a word processor
        if tag not in VOID:
            self._open.append((tag, dict(attrs).get("data-count") == "no"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            opened, _ = self._open.pop()
            assert opened == tag, f"</{tag}> closes <{opened}>"
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        in_body = any(tag == "body" for tag, _ in self._open)
        if in_body and not any(excluded for _, excluded in self._open):
            self.parts.append(data)


def counted_words(page: str) -> int:
    """Return the words of the page as the document counts them."""
    parser = _CountedText()
    parser.feed(page)
    parser.close()
    return len("".join(parser.parts).split())


# --- DOCX ------------------------------------------------------------------------------------------

# The WordprocessingML namespaces, for reading a DOCX's XML.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


def docx_text(path: Path) -> str:
    """The text of the DOCX's paragraphs and table cells (python-docx's reading), white space made one."""
    document = docx.Document(str(path))
    chunks = [paragraph.text for paragraph in document.paragraphs]
    chunks += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(chunks).split())


# --- pandoc, an independent reader, reads a DOCX back ------------------------------------------------
# Its JSON flattened for the tests to compare: tests/test_render_readback.py (every source text comes
# back, in order) and tests/test_render_docx_checkers.py (headings, paragraphs, code, notes and list
# labels as a reader sees them).

_BLOCKS = ("Para", "Plain", "Header", "CodeBlock", "OrderedList", "BulletList", "Table", "BlockQuote", "Div")
_LIST_LABELS: dict[str, Callable[[int], str]] = {
    "Decimal": lambda n: f"{n}.",
    "LowerAlpha": lambda n: f"({letters(n)})",
    "LowerRoman": lambda n: f"({roman(n).lower()})",
    "DefaultStyle": lambda n: f"{n}.",
}


class PandocReader:
    """pandoc's JSON flattened: headers, paragraphs and cells in order; notes; list labels.

    `body` holds ("para", text), ("header", level, text) and ("code", text) entries; `notes` the
    text of each note in reference order; `labels` the label of every list item ("1.", "(a)",
    bullets); `numbers` the numbers of decimal lists (the paragraph numbering).

    With `marks=False` a superscript counts only at the start of a paragraph, where it is the
    letter of a table note ("a Source ..."); inside text it is a note mark, not a word.
    """

    def __init__(self, marks: bool = True) -> None:
        self.marks = marks
        self.body: list[tuple[Any, ...]] = []
        self.notes: list[str] = []
        self.labels: list[str] = []
        self.numbers: list[int] = []

    @property
    def texts(self) -> list[str]:
        """The text of every entry of `body`, in order."""
        return [entry[-1] for entry in self.body]

    def blocks(self, blocks: list[Any], into: list[tuple[Any, ...]]) -> None:
        for block in blocks:
            self.block(block, into)

    def block(self, block: dict[str, Any], into: list[tuple[Any, ...]]) -> None:
        kind: str = block["t"]
        content: Any = block.get("c")
        if kind in ("Para", "Plain"):
            into.append(("para", self.inlines(content)))
        elif kind == "Header":
            into.append(("header", content[0], self.inlines(content[2])))
        elif kind == "CodeBlock":
            into.append(("code", content[1]))  # lines and their indentation kept
        elif kind == "OrderedList":
            (start, style, _), items = content
            for number, item in enumerate(items, start=start):
                self.labels.append(_LIST_LABELS[style["t"]](number))
                if style["t"] == "Decimal":
                    self.numbers.append(number)
                self.blocks(item, into)
        elif kind == "BulletList":
            for item in content:
                self.labels.append("\u2022")
                self.blocks(item, into)
        else:
            self._nested(content, into)

    def _nested(self, content: Any, into: list[tuple[Any, ...]]) -> None:
        """Walk any other block (tables, their captions, quotes, divs) down to its paragraphs."""
        if isinstance(content, dict) and "t" in content:
            if content["t"] in _BLOCKS:
                self.block(content, into)
            elif "c" in content:
                self._nested(content["c"], into)
        elif isinstance(content, list):
            for child in content:
                self._nested(child, into)

    def inlines(self, inlines: list[dict[str, Any]]) -> str:
        parts: list[str] = []
        for inline in inlines:
            kind: str = inline["t"]
            content: Any = inline.get("c")
            if kind == "Str":
                parts.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif kind == "Note":
                note: list[tuple[Any, ...]] = []
                self.blocks(content, note)
                self.notes.append(normal(" ".join(entry[-1] for entry in note)))
            elif kind == "Superscript" and not self.marks:
                parts.append("" if parts else self.inlines(content))
            elif kind in ("Emph", "Strong", "Strikeout", "Underline", "SmallCaps", "Superscript", "Subscript"):
                parts.append(self.inlines(content))
            elif kind in ("Link", "Span", "Quoted"):
                parts.append(self.inlines(content[1]))
            elif kind == "Code":
                parts.append(content[1])
        return normal("".join(parts))


def read_docx(path: Path, marks: bool = True, track_changes: str = "accept") -> PandocReader:
    """Have pandoc read the DOCX at `path` (the test skips, or fails under CCM_REQUIRE_EXTERNAL, without it);
    `track_changes` (accept or reject) is what pandoc does with the document's tracked changes."""
    pandoc = require_tool("pandoc")
    result = subprocess.run([pandoc, "-f", "docx", "-t", "json", f"--track-changes={track_changes}", str(path)],
                            capture_output=True, text=True, check=True, timeout=120)
    reader = PandocReader(marks)
    reader.blocks(json.loads(result.stdout)["blocks"], reader.body)
    return reader


# What a redline must read as, its tracked changes accepted or rejected: tests/test_render_redline_checkers.py
# and tests/test_properties_redline.py.
Reading = tuple[list[str], list[str]]


def reading(reader: PandocReader) -> Reading:
    """The non-empty paragraphs, headings and cells pandoc read, in order, and the notes.

    pandoc leaves an empty paragraph where it accepts or rejects the revision of a paragraph mark
    (the text goes, the paragraph stays), and an empty row where it rejects a row's (an added row's
    cells then hold no text; a removed row's, accepted, none either): those are left out.
    """
    return [text for text in reader.texts if text], reader.notes


def assert_same_reading(got: Reading, expected: Reading) -> None:
    """`got` reads as `expected`; else fail naming the first paragraph or note that differs."""
    for what, mine, theirs in (("paragraph", got[0], expected[0]), ("note", got[1], expected[1])):
        if mine != theirs:
            first = next((index for index, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
                         min(len(mine), len(theirs)))
            pytest.fail(f"{what} {first} differs: {mine[first:first + 2]} != {theirs[first:first + 2]}")


# A series of the tests' own and a chart of it, so that tests of charts do not hang on the shipped draft's.
CHART_SERIES = "test-figures"
CHART_DATA = ("year,value,source,date\n2016,40,Implementation Support Unit (2016),\n"
              "2018,55,Cluster Munition Monitor 2018,\n2019,61,Cluster Munition Monitor 2019,\n")


def add_chart(project: Path, file: str, title: str = "National measures reported, 2016-2019", kind: str = "line",
              data: str = CHART_DATA) -> None:
    """Write data/test-figures.csv (`data`) and draw it in a chart of the part in `file` (which has none yet)."""
    (project / "data").mkdir(exist_ok=True)
    (project / "data" / f"{CHART_SERIES}.csv").write_text(data, encoding="utf-8")
    path = project / file
    lines = path.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)  # the line that closes the front matter
    assert "charts:" not in lines[:end], f"{file} has charts already"
    lines[end:end] = ["charts:", f"  - series: {CHART_SERIES}", f"    kind: {kind}", f"    title: {title}",
                      "    description: The measures reported rose from 40 in 2016 to 61 in 2019."]
    path.write_text("\n".join(lines), encoding="utf-8")
