"""`ccm-review comments` (ccm_review/tools/comments.py, load/returned_docx.py, layout/anchors.py): a reviewer's
comments and tracked changes in a returned DOCX, traced to their part, paragraph, row or note and source line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from ccm_review import api
from ccm_review.model.location import Location
from tests.helpers import DOCX_NAME, digest, invoke, require_tool

TRANSPARENCY = "sections/06-transparency.md"


def _built(project: Path) -> Path:
    result = api.build(project)
    assert result.written
    return project / "build" / DOCX_NAME


def _line(project: Path, location: Location | None) -> str:
    assert location is not None
    return (project / location.file).read_text(encoding="utf-8").split("\n")[location.line - 1]


def _comment_on_paragraph_and_cell(built: Path, target: Path) -> None:
    document = docx.Document(str(built))
    paragraph = next(p for p in document.paragraphs if "main source of information" in p.text)
    document.add_comment(paragraph.runs[0], text="Please cite the 2019 figure.", author="Jane Doe", initials="JD")
    table = next(t for t in document.tables if "6.1" in t.rows[1].cells[0].text)
    document.add_comment(table.rows[1].cells[3].paragraphs[0].runs[0], text="Which reports?", author="Ana")
    document.save(str(target))


def _edit_part(path: Path, name: str, change: Callable[[str], str]) -> None:
    with zipfile.ZipFile(path) as package:
        parts = {item.filename: package.read(item.filename) for item in package.infolist()}
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for item, data in parts.items():
            package.writestr(item, data)


def test_comments_on_a_paragraph_and_a_cell_come_back_on_their_source_lines(project: Path, tmp_path: Path) -> None:
    returned = tmp_path / "returned.docx"
    _comment_on_paragraph_and_cell(_built(project), returned)
    found = api.comments(project, returned).findings
    assert [f.code for f in found] == ["CCM060", "CCM060"]
    cell, paragraph = sorted(found, key=lambda f: f.location.line if f.location else 0)
    assert paragraph.location is not None and paragraph.location.file == TRANSPARENCY
    assert "main source of information" in _line(project, paragraph.location)
    assert "Please cite the 2019 figure." in paragraph.message and "Jane Doe" in paragraph.message
    assert re.search(r"para\. \d+ of Transparency measures", paragraph.message)
    assert cell.location is not None and _line(project, cell.location).lstrip().startswith("current:")
    assert "row 1, column '2RC (2020)'" in cell.message and "Which reports?" in cell.message
    assert cell.hint is not None and "reports still outstanding" in cell.hint


_NOTE_COMMENT = ('<w:comment w:id="7" w:author="Rev" w:date="2020-03-02T10:00:00Z"><w:p><w:r><w:t>Source?</w:t>'
                 '</w:r></w:p></w:comment>')


def _comment_in_a_footnote(path: Path) -> None:
    """Add comment 7 ("Source?") around the first run of the first footnote, as Word writes comments in notes."""
    _edit_part(path, "word/footnotes.xml", _comment_first_note)
    with zipfile.ZipFile(path) as package:
        has_comments = "word/comments.xml" in package.namelist()
    if has_comments:
        _edit_part(path, "word/comments.xml", lambda xml: xml.replace("</w:comments>", _NOTE_COMMENT + "</w:comments>"))
    else:  # python-docx made no comments part: a bare one will do (the reader needs no relationship)
        with zipfile.ZipFile(path, "a") as package:
            package.writestr("word/comments.xml", '<w:comments xmlns:w="http://schemas.openxmlformats.org/'
                             'wordprocessingml/2006/main">' + _NOTE_COMMENT + "</w:comments>")


def test_a_comment_in_a_footnote_and_a_tracked_change_come_back(project: Path, tmp_path: Path) -> None:
    returned = tmp_path / "returned.docx"
    shutil.copy(_built(project), returned)

    def with_change(xml: str) -> str:
        return xml.replace("main source of information", 'main source</w:t></w:r><w:ins w:id="900" w:author="Rev" '
                           'w:date="2020-03-02T10:00:00Z"><w:r><w:t xml:space="preserve"> and best</w:t></w:r></w:ins>'
                           '<w:r><w:t xml:space="preserve"> of information', 1)

    _edit_part(returned, "word/document.xml", with_change)
    _comment_in_a_footnote(returned)
    found = api.comments(project, returned).findings
    change = next(f for f in found if f.code == "CCM061")
    assert "Rev (2020-03-02) inserted \u201cand best\u201d" in change.message
    assert "main source" in _line(project, change.location)
    note = next(f for f in found if f.code == "CCM060")
    assert re.search(r"\(note \d+\)", note.message) and "Source?" in note.message
    assert _line(project, note.location).startswith("[^")


def _comment_first_note(xml: str) -> str:
    """Put comment 7 around the first text run of the first real footnote (ids 0 and -1 are separators)."""
    match = re.search(r'<w:footnote w:id="[1-9]\d*"[^>]*>', xml)
    assert match is not None
    start = xml.index("<w:r><w:t>", match.end())  # the note's text, after its number
    end = xml.index("</w:r>", start) + len("</w:r>")
    return (xml[:start] + '<w:commentRangeStart w:id="7"/>' + xml[start:end] + '<w:commentRangeEnd w:id="7"/>'
            '<w:r><w:commentReference w:id="7"/></w:r>' + xml[end:])


def _change_in_second_note(xml: str) -> str:
    """A reviewer's tracked insertion at the start of the second footnote's text."""
    match = re.search(r'<w:footnote w:id="2"[^>]*>', xml)
    assert match is not None
    start = xml.index("<w:r><w:t>", match.end())
    return (xml[:start] + '<w:ins w:id="901" w:author="Rev" w:date="2020-03-02T10:00:00Z"><w:r>'
            '<w:t xml:space="preserve">See also </w:t></w:r></w:ins>' + xml[start:])


@pytest.mark.external
def test_anchors_and_comments_survive_a_libreoffice_re_save(project: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    returned = tmp_path / "returned.docx"
    _comment_on_paragraph_and_cell(_built(project), returned)
    _edit_part(returned, "word/footnotes.xml", _change_in_second_note)
    out = tmp_path / "resaved"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out), str(returned)],
                   check=True, capture_output=True, timeout=180)
    before = api.comments(project, returned).findings
    after = api.comments(project, out / "returned.docx").findings
    assert [(f.code, f.location) for f in after] == [(f.code, f.location) for f in before]
    assert sorted(f.code for f in after) == ["CCM060", "CCM060", "CCM061"]
    note = next(f for f in after if f.code == "CCM061")
    assert "(note 2)" in note.message and _line(project, note.location).startswith("[^")
    # LibreOffice 7.4 drops a comment inside a footnote when it opens a DOCX, so that one cannot make
    # the round trip (test_a_comment_in_a_footnote_... reads it from Word's markup); a change can.


def test_a_comment_on_the_masthead_points_to_document_yaml(project: Path, tmp_path: Path) -> None:
    document = docx.Document(str(_built(project)))
    title = next(p for p in document.paragraphs if p.text.startswith("Review Document"))
    document.add_comment(title.runs[0], text="Title to be agreed.", author="Jane Doe")
    returned = tmp_path / "returned.docx"
    document.save(str(returned))
    [found] = api.comments(project, returned).findings
    assert found.code == "CCM062" and "on the masthead" in found.message
    assert found.location == Location("sections/document.yaml", 1, 1)


def test_a_document_this_tool_did_not_build_still_lists_its_comments(project: Path, tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("A paragraph from elsewhere.")
    document.add_comment(paragraph.runs[0], text="Not ours.", author="X")
    returned = tmp_path / "other.docx"
    document.save(str(returned))
    result = invoke("comments", returned, "--project", project)
    assert result.exit_code == 0, result.output
    assert "Not ours." in result.output and "no ccm-review anchors" in result.output
    assert "[CCM062]" in result.output and "1 comment and 0 tracked changes" in result.output


@pytest.mark.parametrize(("content", "says"), [
    (b"not a zip at all", "is not a readable .docx file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password-protected"),
])
def test_a_file_that_is_no_word_document_is_refused_plainly(project: Path, tmp_path: Path, content: bytes,
                                                             says: str) -> None:
    returned = tmp_path / "returned.docx"
    returned.write_bytes(content)
    result = invoke("comments", returned, "--project", project)
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output


def test_a_zip_without_a_document_is_refused(project: Path, tmp_path: Path) -> None:
    returned = tmp_path / "returned.docx"
    with zipfile.ZipFile(returned, "w") as package:
        package.writestr("hello.txt", "hi")
    result = invoke("comments", returned, "--project", project)
    assert result.exit_code == 2 and "not a Word document" in result.output


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_every_format_lists_the_comments_and_nothing_is_written(project: Path, tmp_path: Path,
                                                                 output_format: str) -> None:
    returned = tmp_path / "returned.docx"
    _comment_on_paragraph_and_cell(_built(project), returned)
    before, returned_bytes = digest(project), returned.read_bytes()
    result = invoke("comments", returned, "--project", project, "--format", output_format)
    assert result.exit_code == 0, result.output
    assert digest(project) == before and returned.read_bytes() == returned_bytes
    if output_format == "json":
        payload = json.loads(result.output)
        assert payload["summary"] == {"comments": 2, "changes": 0, "mapped": 2, "unmapped": 0}
        assert {f["file"] for f in payload["findings"]} == {TRANSPARENCY}
    elif output_format == "sarif":
        results = json.loads(result.output)["runs"][0]["results"]
        assert [r["level"] for r in results] == ["note", "note"]
    elif output_format == "github":
        assert result.output.count("::notice file=sections/06-transparency.md") == 2
    else:
        assert result.output.count(f"{TRANSPARENCY}:") == 2


def test_comments_are_traced_in_the_sources_the_draft_was_built_from(project: Path, tmp_path: Path) -> None:
    git = require_tool("git")
    for args in (["init", "-q"], ["config", "user.email", "isu@example.org"], ["config", "user.name", "ISU"],
                 ["add", "-A"], ["commit", "-qm", "draft"], ["tag", "first-draft"]):
        subprocess.run([git, "-C", str(project), *args], check=True, capture_output=True)
    returned = tmp_path / "returned.docx"
    _comment_on_paragraph_and_cell(_built(project), returned)
    # After the draft went out, a paragraph is added at the top of the part: positions move.
    path = project / TRANSPARENCY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Successes\n", "## Successes\n\nA new first paragraph.\n", 1), encoding="utf-8")
    at_tag = [f for f in api.comments(project, returned, "first-draft").findings if "Jane Doe" in f.message]
    assert at_tag and at_tag[0].location is not None
    assert at_tag[0].location.line == text.split("\n").index(next(
        line for line in text.split("\n") if "main source of information" in line)) + 1
    # Traced in the working tree instead, the same place now holds the new paragraph: hence --built-from.
    now = [f for f in api.comments(project, returned).findings if "Jane Doe" in f.message]
    assert _line(project, now[0].location).startswith("A new first paragraph")
