"""What a source file may hold that would act in a reader's browser or in Word: markup, event
handlers, script and data links, template syntax and field codes. It is printed as the text it
is, or refused; it never runs. (tests/test_render_html_browser.py shows in Chromium that no script runs.)
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from ccm_review import api
from ccm_review.layout.outline import make_outline
from ccm_review.output import build_time
from ccm_review.render.docx.document import render_docx
from ccm_review.render.html.page import render_html
from tests.helpers import DOCX_NAME, HTML_NAME, Page, assert_only_the_renderers_markup, docx_text

SECTION = "sections/06-transparency.md"

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)" onclick="alert(2)">click</a>',
    "<iframe src=https://example.org></iframe>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '"><script>alert(3)</script>',
    "<meta http-equiv=refresh content=0;url=https://example.org>",
]
TEMPLATE_SYNTAX = ["{{ 7*191 }}", "{% for x in range(3) %}x{% endfor %}", "{{ config }}", "{# hidden #}",
                   "${7*7}", "{{ range(99999999) | list }}"]
FIELD_CODES = [
    "{ PAGE }",
    '<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>',
    "{{MERGEFIELD FirstName}}",
    '{ DDEAUTO c:\\\\Windows\\\\System32\\\\cmd.exe "/k calc.exe" }',
    "DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe /k calc",
    "<w:instrText>HYPERLINK \"javascript:alert(1)\"</w:instrText>",
]
BAD_LINKS = [
    "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))",
    "[c](java&#115;cript:alert(1))",
    "[d](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[f](vbscript:msgbox(1))",
    "[g](file:///etc/passwd)",
    "[h][ref]\n\n[ref]: javascript:alert(1)",
]


def with_narrative(project: Path, paragraphs: list[str], cell: str = "Reports are the main source") -> None:
    """Give action 6 the narrative `paragraphs` (each its own paragraph) and `cell` as a table cell."""
    path = project / SECTION
    front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    front = re.sub(r"(    current: )Reports are the main source[^\n]*", lambda m: m.group(1) + _quoted(cell), front)
    body = "## Successes\n\n" + "\n\n".join(paragraphs) + "\n\n## Gaps and challenges\n\nNone.\n"
    path.write_text(f"{front}\n---\n{body}", encoding="utf-8")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def built(project: Path) -> tuple[Page, str, Path]:
    result = api.build(project, project / "build")
    assert result.written, [str(f) for f in result.check.report.findings if f.severity == "error"]
    html = (project / "build" / HTML_NAME).read_text(encoding="utf-8")
    return Page(html), docx_text(project / "build" / DOCX_NAME), project / "build" / DOCX_NAME


def docx_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


def test_markup_and_event_handlers_are_printed_as_text(project: Path) -> None:
    with_narrative(project, [f"Pasted: {markup} end." for markup in MARKUP], cell="<b onmouseover=alert(1)>bold</b>")
    page, printed, _ = built(project)
    assert_only_the_renderers_markup(page)
    for markup in [*MARKUP, "<b onmouseover=alert(1)>bold</b>"]:
        assert markup in page.text, markup
        assert markup in printed, markup
    assert "script" not in page.elements and "img" not in page.elements


def test_template_syntax_is_printed_as_it_is_not_evaluated(project: Path) -> None:
    with_narrative(project, [f"Template: {syntax} end." for syntax in TEMPLATE_SYNTAX], cell="{{ 6*7007 }}")
    page, printed, _ = built(project)
    for syntax in [*TEMPLATE_SYNTAX, "{{ 6*7007 }}"]:
        assert syntax in page.text, syntax
        assert syntax in printed, syntax
    assert "1337" not in page.text + printed and "42042" not in page.text + printed


def test_field_code_look_alikes_are_text_and_the_only_field_is_the_renderers_page_number(project: Path) -> None:
    with_narrative(project, [f"Field: {code} end." for code in FIELD_CODES], cell="{ PAGE } and { DDEAUTO x }")
    page, printed, path = built(project)
    for code in [*FIELD_CODES, "{ PAGE } and { DDEAUTO x }"]:
        typed = code.replace("\\\\", "\\")
        assert typed in printed, typed
        assert typed in page.text, typed
    parts = docx_parts(path)
    assert not any("<w:fldSimple" in xml for xml in parts.values())
    instructions = [text for xml in parts.values() for text in re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)]
    assert [text.strip() for text in instructions] == ["PAGE"] * len(instructions) and instructions
    fields = [name for name, xml in parts.items() if "w:fldChar" in xml]
    assert all(name.startswith(("word/header", "word/footer")) for name in fields), fields


@pytest.mark.parametrize("link", BAD_LINKS)
@pytest.mark.parametrize("where", ["narrative", "footnote", "cell"])
def test_a_script_or_data_link_stops_the_build(project: Path, link: str, where: str) -> None:
    first, *definitions = link.split("\n\n")  # a reference link and its definition, a paragraph of its own
    if where == "narrative":
        with_narrative(project, [f"See {first} now.", *definitions])
    elif where == "footnote":
        with_narrative(project, ["See the note.[^n]", f"[^n]: See {first}.", *definitions])
    else:
        if definitions:
            pytest.skip("a reference definition cannot live in a cell")
        with_narrative(project, ["Text."], cell=f"See {link}")
    result = api.build(project, project / "build")
    codes = {f.code for f in result.check.report.findings if f.severity == "error"}
    assert "CCM032" in codes, result.check.report.findings
    assert result.written == ()


def test_the_renderers_drop_a_script_link_even_past_the_checks(project: Path) -> None:
    # Defence in depth: render a document whose links were never validated.
    with_narrative(project, [f"See {link} now." for link in BAD_LINKS if "\n" not in link] +
                   ["[ok](https://example.org/a?b=c&d=e) [mail](mailto:isu@example.org)"],
                   cell="[x](javascript:alert(1)) [y](data:text/html,hi)")
    result = api.check(project)
    outline = make_outline(result.document, result.spec)
    stamp = build_time(result.document.masthead.date)
    docx_bytes = render_docx(outline, stamp, project / "templates" / "reference.docx")
    html = render_html(outline, project / "templates", stamp)
    page = Page(html)
    assert_only_the_renderers_markup(page)
    assert "https://example.org/a?b=c&d=e" in page.hrefs
    path = project / "unchecked.docx"
    path.write_bytes(docx_bytes)
    targets = [target for name, xml in docx_parts(path).items() if name.endswith(".rels")
               for target in re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', xml)]
    assert targets and all(target.startswith(("http://", "https://", "mailto:")) for target in targets), targets
    assert "javascript:alert(1)" in docx_text(path)  # the text stays, as text
    assert docx.Document(str(path)).paragraphs
