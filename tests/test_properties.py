"""Properties over generated text: whatever a coordinator types in a narrative or a table cell,
`build` does not raise, what was typed comes back out of the DOCX and the HTML, and the HTML
holds no element or attribute the renderer does not write itself.

The hypothesis profile "ci" (the default) is derandomized, so that every run tries the same
examples; HYPOTHESIS_PROFILE=dev explores new ones.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_review import api
from tests.helpers import DOCX_NAME, HTML_NAME, Page, assert_only_the_renderers_markup, copy_project, docx_text

settings.register_profile("ci", derandomize=True, max_examples=50, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SECTION = "sections/06-transparency.md"
FRONT = """---
action: 6
status: final
coordinators: [Iraq]
table:
  - ref: "6.1"
    indicator: Initial reports within 180 days of entry into force
    baseline: Not systematically assessed
    current: {cell}
    assessment: partially-achieved
  - ref: "6.2"
    indicator: Use of reports for planning
    baseline: Not systematically assessed
    current: Reports are the main source of implementation data
    assessment: partially-achieved
---
"""

# Words in any script, and the punctuation between them that Markdown leaves alone.
WORD = st.text(st.characters(categories=("Lu", "Ll", "Lt", "Lo", "Nd")), min_size=1, max_size=12)
SEPARATOR = st.sampled_from([" ", " ", " ", ", ", "; ", ": ", "? ", "! "])
# What a paste can bring: markup, links, template and field syntax, odd characters.
FRAGMENT = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))", "[y](data:text/html,<b>)", "<javascript:alert(1)>", "{{ 7*7 }}", "{% raw %}",
    "{{", "}}", "{ PAGE }", "<w:fldSimple w:instr=\"PAGE\"/>", "MERGEFIELD", "DDEAUTO", "&#0;", "&lt;", "&amp;",
    "](", "[^1]", "[^1]: note", "\n> ", "\n- ", "\n1. ", "\n# ", "\n## ", "\n| a | b |\n|---|---|\n| c | d |\n",
    "```", "~~~", "***", "<!--", "-->", "\t", "  \n", "\\", "*", "_", "`", "~~", "<", ">", "\"", "'", "\u2028",
    "\u00a0", "\u200b", "\u202e", "\U0001f600", "e\u0301", "TODO", "UN", "3", "80%", "8 June 2020",
])
SOUP = st.lists(st.one_of(FRAGMENT, WORD, SEPARATOR, st.text(max_size=5)), max_size=40).map("".join)


def sentence(words: list[str], separators: list[str]) -> str:
    """Join `words` with `separators` (cycled) into one line."""
    line = words[0]
    for index, word in enumerate(words[1:]):
        line += separators[index % len(separators)] + word
    return line


PLAIN = st.builds(sentence, st.lists(WORD, min_size=1, max_size=60), st.lists(SEPARATOR, min_size=1, max_size=5))
CELL = st.builds(sentence, st.lists(WORD, min_size=1, max_size=15), st.lists(SEPARATOR, min_size=1, max_size=3))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped project that every example rewrites one section of."""
    return copy_project(tmp_path_factory.mktemp("properties"))


def write_section(project: Path, cell: str, first: str, second: str) -> None:
    """Give action 6 the `cell` as its first 'current' cell and `first` and `second` as its two paragraphs."""
    body = f"## Successes\n\n{first}\n\n## Gaps and challenges\n\n{second}\n"
    text = FRONT.format(cell=json.dumps(cell, ensure_ascii=False)) + body
    (project / SECTION).write_text(text, encoding="utf-8")


def build(project: Path) -> api.BuildResult:
    out = project / "build"
    shutil.rmtree(out, ignore_errors=True)
    return api.build(project, out)


@given(cell=CELL, first=PLAIN, second=PLAIN)
def test_typed_text_comes_back_out_of_both_outputs(workspace: Path, cell: str, first: str, second: str) -> None:
    write_section(workspace, cell, first, second)
    result = build(workspace)
    errors = [f for f in result.check.report.findings if f.severity == "error"]
    assert result.written, errors
    out = workspace / "build"
    printed = docx_text(out / DOCX_NAME)
    page = Page((out / HTML_NAME).read_text(encoding="utf-8"))
    assert_only_the_renderers_markup(page)
    for typed in (cell, first, second):
        plain = " ".join(typed.split())
        assert plain in printed, plain
        assert plain in page.text, plain


@given(cell=SOUP, first=SOUP, second=SOUP)
def test_no_paste_makes_build_raise_or_leak_markup(workspace: Path, cell: str, first: str, second: str) -> None:
    write_section(workspace, cell, first, second)
    result = build(workspace)  # a finding is fine; an exception is a bug
    if result.written:
        out = workspace / "build"
        assert_only_the_renderers_markup(Page((out / HTML_NAME).read_text(encoding="utf-8")))
        assert docx.Document(str(out / DOCX_NAME)).paragraphs
