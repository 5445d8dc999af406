"""The writers' interface and registry (ccm_review/render/__init__.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from ccm_review import api
from ccm_review.layout.outline import make_outline
from ccm_review.project import DEFAULT_FORMATS, FORMATS
from ccm_review.render import RenderContext, writer, writers


def test_the_registry_names_each_writer_and_the_file_it_writes() -> None:
    assert DEFAULT_FORMATS == ("docx", "html")
    assert FORMATS == ("docx", "html", "akn", "pdf")
    assert [(found.name, found.file_name) for found in writers(FORMATS)] == [
        ("docx", "review-document.docx"), ("html", "review-document.html"), ("akn", "review-document.akn.xml"),
        ("pdf", "review-document.pdf")]
    assert [found.name for found in writers()] == ["docx", "html"]
    assert [found.name for found in writers(("html", "docx"))] == ["docx", "html"]  # registry order


def test_build_writes_what_the_writers_render(project: Path, tmp_path: Path) -> None:
    result = api.build(project, tmp_path / "out")
    assert [path.name for path in result.written] == [found.file_name for found in writers()]
    outline = make_outline(result.check.document, result.check.spec)
    from ccm_review.output import build_time
    context = RenderContext(project / "templates", build_time(result.check.document.masthead.date))
    for found in writers():
        assert (tmp_path / "out" / found.file_name).read_bytes() == found.render(outline, context)


def test_a_writer_is_imported_only_when_it_is_asked_for() -> None:
    code = ("import sys; from ccm_review.render import writer; writer('html'); "
            "print('docx' in sys.modules, 'jinja2' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "True"]


def test_the_same_outline_and_context_give_the_same_bytes(project: Path) -> None:
    result = api.check(project)
    outline = make_outline(result.document, result.spec)
    context = RenderContext(project / "templates", datetime(2020, 4, 30, tzinfo=UTC))
    assert writer("html").render(outline, context) == writer("html").render(outline, context)
    assert writer("docx").render(outline, context) == writer("docx").render(outline, context)
