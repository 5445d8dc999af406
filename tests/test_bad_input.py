"""Malformed input of every kind becomes located findings in one run, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.errors import TemplateError
from tests.helpers import invoke

GARBAGE = {
    "a-nested-yaml.md": "---\nx: " + "[" * 2000 + "]" * 2000 + "\n---\n",
    "b-nested-markdown.md": "---\naction: 1\nstatus: draft\n---\n" + ">" * 3000 + " deep\n" + "- " * 500 + "x\n",
    "c-huge-number.md": "---\naction: 99999999999999999999999\nstatus: draft\n---\n",
    "d-wrong-types.md": "---\naction: 1.5\nstatus: [a]\ncoordinators: x\ntable: {a: 1}\n---\n",
    "e-odd-rows.md": "---\naction: 2\nstatus: draft\ncoordinators: [1, null]\ntable:\n  - 5\n  - ref: \"2.1\"\n"
                     "    indicator: [x]\n    assessment: null\n---\n[^x]: [^x]\n\ntext [^x]\n",
    "f-control-characters.md": "---\r\npart: conclusion\r\nstatus: draft\r\n---\r\n\x0b\x0c\x1b weird \u202e text\r\n",
    "g-complex-key.md": "---\n? [a, b]\n: c\n---\n",
    "h-tagged-key.md": "---\n!!binary abc: 1\n---\n",
    "i-directive.md": "---\n%YAML 1.1\n---\n",
    "j-links.md": "---\naction: 3\nstatus: draft\n---\n[x](<javascript:alert(1)>) [y](data:text/html,hi) "
                  "![i](http://x/y.png) <http://ok> `code` ~~s~~\n\n    code\n\n| a |\n|---|\n| b |\n",
}


@pytest.fixture
def garbage_project(project: Path) -> Path:
    for name, text in GARBAGE.items():
        (project / "sections" / name).write_text(text, encoding="utf-8", newline="")
    (project / "sections" / "k-binary.md").write_bytes(bytes(range(256)) * 4)
    latin1 = "---\npart: introduction\n---\nCôte d'Ivoire\n".encode("latin-1")
    (project / "sections" / "l-latin1.md").write_bytes(latin1)
    return project


def test_a_project_full_of_garbage_is_reported_without_a_traceback(garbage_project: Path) -> None:
    result = invoke("check", "--project", garbage_project)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for name in [*GARBAGE, "k-binary.md", "l-latin1.md"]:
        assert f"sections/{name}:" in result.output, name


def test_a_build_of_garbage_writes_nothing(garbage_project: Path) -> None:
    result = api.build(garbage_project, garbage_project / "build")
    assert result.written == ()
    assert not (garbage_project / "build").exists()


def test_a_tagged_key_is_refused(project: Path) -> None:
    (project / "sections" / "h.md").write_text(GARBAGE["h-tagged-key.md"], encoding="utf-8")
    findings = [f for f in api.check(project).report.findings if f.location and f.location.file == "sections/h.md"]
    assert [(f.code, f.location.line) for f in findings if f.location] == [("CCM001", 2)]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_a_link_to_a_file_outside_the_project_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    outside.write_text("---\npart: introduction\nstatus: draft\n---\nNot drafted here.\n", encoding="utf-8")
    (project / "sections" / "00-introduction.md").unlink()
    (project / "sections" / "00-introduction.md").symlink_to(outside)
    findings = api.check(project).report.findings
    assert ("CCM008", "sections/00-introduction.md") in [(f.code, f.location.file) for f in findings if f.location]
    assert api.build(project, project / "build").written == ()


def test_a_caption_with_an_unknown_field_stops_with_its_line(project: Path) -> None:
    review = project / "templates" / "review.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace('caption: "Action {number}: {title}"', 'caption: "Action {nmber}"'),
                      encoding="utf-8")
    line = next(i for i, row in enumerate(review.read_text(encoding="utf-8").splitlines(), 1) if "caption:" in row)
    with pytest.raises(TemplateError, match=rf"templates/review.yaml:{line}:\d+: the caption"):
        api.check(project)
