"""`build --format pdf`: the DOCX printed to PDF/A-2b by LibreOffice, judged by poppler (pdfinfo,
pdffonts, pdftotext, pdftoppm); and what `build` does when LibreOffice is missing, hangs or fails.

The PDF checks run on the shipped project and on the kitchen sink of tests/helpers.py (every
feature, a 30-row table spanning pages, a footnote's text referenced twice). The others need no
LibreOffice: a fake `soffice` on the PATH, or a PATH without any.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.errors import WriterUnavailable
from ccm_review.layout.outline import make_outline
from ccm_review.model.outline import NumberedItem, Outline, Runs
from ccm_review.render import pdf as pdf_writer
from ccm_review.render import writer
from tests.helpers import (
    DOCX_NAME,
    GENERAL_STATUS,
    HTML_NAME,
    copy_project,
    invoke,
    kitchen_sink_section,
    printed_text,
    require_tool,
)

PDF_NAME = writer("pdf").file_name


# --- building and reading the PDF --------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """A project, its outline, and the PDF `build --format pdf` wrote for it."""

    name: str
    project: Path
    outline: Outline
    pdf: Path


def build_pdf(project: Path, name: str) -> Built:
    """Run `ccm-review build --format pdf` on `project` (LibreOffice required) and return what it wrote."""
    require_tool("soffice")
    result = api.check(project)
    assert not result.report.fails(strict=False), [finding.message for finding in result.report.findings]
    outline = make_outline(result.document, result.spec)
    run = invoke("build", "--project", project, "--format", "pdf")
    assert run.exit_code == 0, run.output
    pdf = project / "build" / PDF_NAME
    assert f"wrote {pdf}" in run.stdout
    return Built(name, project, outline, pdf)


def make_project(target: Path, name: str) -> Path:
    """A copy of the shipped project in `target`; for "kitchen-sink" with the kitchen sink as its general status."""
    project = copy_project(target)
    if name == "kitchen-sink":
        (project / GENERAL_STATUS).write_text(kitchen_sink_section(), encoding="utf-8")
    return project


@pytest.fixture(scope="module", params=["shipped", "kitchen-sink"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The PDF of the shipped project, or of the kitchen sink (built once for the module)."""
    return build_pdf(make_project(tmp_path_factory.mktemp(request.param), request.param), request.param)


def poppler(program: str, *args: str | Path) -> str:
    """The standard output of poppler's `program` run with `args`."""
    command = [require_tool(program), *(str(arg) for arg in args)]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    out = poppler("pdfinfo", pdf)
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path) -> str:
    return poppler("pdftotext", "-enc", "UTF-8", pdf, "-")


# --- words: the text as pdftotext gives it, compared word by word --------------------------------

_MARK = re.compile(r"^(\d{1,3}|[a-z])$")  # a footnote number or a table note letter standing alone


def words(text: str) -> list[str]:
    """The words of `text`, each lower-cased and reduced to its letters and digits.

    A line LibreOffice broke at a hyphen (its own or a soft hyphen) is joined again first, so that
    "2015-\\n2020" and "implemen-\\ntation" read as the words typed; punctuation is not compared.
    """
    text = text.replace("\u00ad", "-")
    text = re.sub(r"(?<=\w)-[ \t]*\n\s*(?=\w)", "", text)
    return [token for token in ("".join(char for char in raw if char.isalnum()).casefold()
                                for raw in text.split()) if token]


def _same(found: str, wanted: str) -> bool:
    """A word of the PDF is the word wanted, or the word with a footnote number printed onto it."""
    return found == wanted or (found.startswith(wanted) and found[len(wanted):].isdigit())


JUMP = 400  # the most words a page break puts inside a paragraph: footnotes, page number, next header
JUMPS = 2  # page breaks one paragraph may span


def follow(pdf: list[str], start: int, wanted: list[str], jumps: int = JUMPS) -> int | None:
    """Match `wanted` word by word from `pdf[start]`: each next word must follow at once (a lone note
    mark may stand between), except at up to `jumps` page breaks; return where the match ends, or None."""
    position = start
    for index, word in enumerate(wanted):
        if position < len(pdf) and _same(pdf[position], word):
            position += 1
            continue
        if position + 1 < len(pdf) and _MARK.match(pdf[position]) and _same(pdf[position + 1], word):
            position += 2
            continue
        if jumps == 0:
            return None
        for target in range(position + 1, min(len(pdf), position + JUMP)):
            if _same(pdf[target], word):
                end = follow(pdf, target + 1, wanted[index + 1:], jumps - 1)
                if end is not None:
                    return end
        return None
    return position


def find_paragraphs(pdf: list[str], paragraphs: list[tuple[int, str]]) -> Iterator[tuple[int, tuple[int, int] | None]]:
    """For each numbered paragraph, in order: where its number and its words are, after the previous one;
    None (and nothing after it) when it is not there."""
    cursor = 0
    for number, text in paragraphs:
        wanted = [str(number), *words(text)]
        span = next(((start, end) for start in range(cursor, len(pdf)) if pdf[start] == wanted[0]
                     and (end := follow(pdf, start + 1, wanted[1:])) is not None), None)
        yield number, span
        if span is None:
            return
        cursor = span[1]


def numbered(outline: Outline) -> list[tuple[int, str]]:
    return [(item.number, printed_text(item.runs)) for part in outline.parts for item in part.items
            if isinstance(item, NumberedItem)]


def note_text(paragraphs: tuple[Runs, ...]) -> str:
    return " ".join(printed_text(paragraph) for paragraph in paragraphs)


def occurrences(pdf: list[str], wanted: list[str]) -> int:
    """How many times `wanted` is in `pdf`, one page break allowed inside (a footnote continued)."""
    return sum(1 for start in range(len(pdf)) if _same(pdf[start], wanted[0])
               and follow(pdf, start + 1, wanted[1:], jumps=1) is not None)


# --- a PNG read with the standard library --------------------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit grey or RGB(A) PNG, not interlaced."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, idat = 8, {}, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        position += 12 + length
    width, height, bit_depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    assert (bit_depth, interlace) == (8, 0)
    raw, stride, rows = zlib.decompress(idat), width * channels, []
    previous = bytes(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                line[x] = (line[x] + nearest[2]) & 0xFF
        rows.append(bytes(line))
        previous = bytes(line)
    return width, height, rows


# --- the PDF judged by poppler --------------------------------------------------------------------


@pytest.mark.external
def test_build_format_pdf_writes_the_pdf_and_nothing_else(built: Built) -> None:
    assert sorted(path.name for path in built.pdf.parent.iterdir()) == [PDF_NAME]
    assert built.pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.external
def test_the_pdf_is_tagged_pdfa_2_with_the_masthead_title(built: Built) -> None:
    info = pdf_info(built.pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == built.outline.masthead.title
    assert "(A4)" in info["Page size"]
    meta = poppler("pdfinfo", "-meta", built.pdf)
    assert re.search(r"pdfaid:part(>\s*|=[\"'])2\b", meta), meta
    assert re.search(r"pdfaid:conformance(>\s*|=[\"'])B\b", meta), meta


@pytest.mark.external
def test_every_font_is_embedded(built: Built) -> None:
    lines = poppler("pdffonts", built.pdf).splitlines()
    rule = next(index for index, line in enumerate(lines) if line.startswith("---"))
    fonts = [line.split() for line in lines[rule + 1:] if line.strip()]
    assert fonts, "pdffonts lists no font"
    # name type [encoding] emb sub uni object ID: emb is the fifth field from the end.
    assert [font[0] for font in fonts if font[-5] != "yes"] == [], "\n".join(lines)


@pytest.mark.external
def test_every_numbered_paragraph_is_in_the_text_in_order_with_its_number(built: Built) -> None:
    pdf = words(pdf_text(built.pdf))
    paragraphs = numbered(built.outline)
    found = list(find_paragraphs(pdf, paragraphs))
    missing = [number for number, span in found if span is None]
    assert missing == [] and len(found) == len(paragraphs), f"{built.name}: paragraph {missing} not found in order"
    assert [number for number, _ in found] == list(range(1, len(paragraphs) + 1))


@pytest.mark.external
def test_the_paragraph_check_fails_when_a_paragraph_is_missing(built: Built) -> None:
    """The comparison above is strict enough: cut one paragraph's words out of the text, and it fails there."""
    pdf = words(pdf_text(built.pdf))
    paragraphs = numbered(built.outline)
    spans = dict(find_paragraphs(pdf, paragraphs))
    for number in (2, len(paragraphs) // 2, len(paragraphs)):
        span = spans[number]
        assert span is not None
        cut = pdf[:span[0]] + pdf[span[1]:]
        found = dict(find_paragraphs(cut, paragraphs))
        assert found.get(number) is None, f"paragraph {number} found although cut out"
        reworded = [*pdf[:span[1] - 3], "notaword", *pdf[span[1] - 2:]]  # one word of it changed
        assert dict(find_paragraphs(reworded, paragraphs)).get(number) is None


@pytest.mark.external
def test_every_footnote_text_is_in_the_pdf(built: Built) -> None:
    pdf = words(pdf_text(built.pdf))
    wanted = Counter(" ".join(words(note_text(note.paragraphs))) for note in built.outline.notes)
    assert wanted
    short = {text: (count, occurrences(pdf, text.split())) for text, count in wanted.items()
             if occurrences(pdf, text.split()) < count}
    assert short == {}, f"{built.name}: footnotes (wanted, found): {short}"
    if built.name == "kitchen-sink":
        assert wanted["minutes of the coordination committee"] == 2


@pytest.mark.external
def test_page_one_renders_to_a_picture_that_is_not_blank(built: Built, tmp_path: Path) -> None:
    poppler("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", built.pdf, tmp_path / "page-1")
    picture = tmp_path / "page-1.png"
    assert picture.is_file()
    width, height, rows = png_pixels(picture.read_bytes())
    assert abs(height / width - 297 / 210) < 0.01 and 400 < width < 420  # A4 at 50 dpi
    dark = sum(1 for row in rows for value in row if value < 128)
    total = sum(len(row) for row in rows)
    assert 0.001 < dark / total < 0.5, f"{dark} of {total} samples dark"


@pytest.mark.external
def test_two_builds_give_the_same_text_and_pages(built: Built, tmp_path: Path) -> None:
    first_text, first_pages = pdf_text(built.pdf), pdf_info(built.pdf)["Pages"]
    again = build_pdf(make_project(tmp_path / "again", built.name), built.name)
    assert pdf_text(again.pdf) == first_text
    assert pdf_info(again.pdf)["Pages"] == first_pages


# --- without LibreOffice, or with one that hangs or fails ------------------------------------------


def outputs(project: Path) -> list[str]:
    """The files in the project's build/, sorted (temporary files included)."""
    build = project / "build"
    return sorted(path.name for path in build.iterdir()) if build.is_dir() else []


def leftovers(temporary: Path) -> list[str]:
    """What the PDF writer left in the temporary folder (its own folders are named ccm-review-pdf-*)."""
    return sorted(path.name for path in temporary.iterdir() if path.name.startswith("ccm-review-pdf-"))


def test_without_libreoffice_the_pdf_is_refused_plainly_and_the_other_outputs_are_written(project: Path,
                                                                                           tmp_path: Path) -> None:
    """A PATH with no soffice or libreoffice, in a process of its own."""
    empty, temporary = tmp_path / "bin", tmp_path / "tmp"
    empty.mkdir()
    temporary.mkdir()
    env = {**os.environ, "PATH": str(empty), "TMPDIR": str(temporary)}
    result = subprocess.run([sys.executable, "-m", "ccm_review", "build", "--project", str(project),
                             "--format", "docx,html,pdf"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "error: the PDF needs LibreOffice, which is not installed" in result.stderr
    assert "Traceback" not in result.stderr
    assert outputs(project) == [DOCX_NAME, HTML_NAME]
    assert f"wrote {project / 'build' / DOCX_NAME}" in result.stdout
    assert leftovers(temporary) == []


def test_without_libreoffice_in_process_build_reports_it_and_writes_the_rest(project: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_writer, "libreoffice", lambda: None)
    result = invoke("build", "--project", project, "--format", "docx,html,pdf")
    assert result.exit_code == 2
    assert "LibreOffice" in result.stderr and "hint:" in result.stderr
    assert outputs(project) == [DOCX_NAME, HTML_NAME]


def _fake_soffice(folder: Path, body: str) -> Path:
    """A program named soffice in `folder` that runs `body` (sh)."""
    folder.mkdir(exist_ok=True)
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def _alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie waiting to be reaped does not)."""
    if not Path("/proc").is_dir():  # no procfs: ask the kernel (a zombie then counts as running)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.fixture
def hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A LibreOffice that never finishes, on the PATH: like the real one, a script whose work is done by a
    child process (the real soffice starts oosplash, which starts soffice.bin). Yields the file the child's
    process id is written to; the child is ended afterwards if the build left it running."""
    pid_file = tmp_path / "child.pid"
    _fake_soffice(tmp_path / "bin", f'/bin/sleep 120 &\necho $! > "{pid_file}"\nwait')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(pdf_writer, "TIME_LIMIT", 2)
    yield pid_file
    if pid_file.is_file() and _alive(pid := int(pid_file.read_text())):
        os.kill(pid, signal.SIGKILL)


def test_a_hanging_libreoffice_is_stopped_at_the_time_limit_and_the_other_outputs_are_written(
        project: Path, hanging: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    started = time.monotonic()
    result = api.build(project, formats=("docx", "html", "pdf"))
    took = time.monotonic() - started
    assert [reason.message for reason in result.unavailable] == [
        "LibreOffice did not finish the PDF within 2 seconds"]
    assert all(isinstance(reason, WriterUnavailable) for reason in result.unavailable)
    assert [path.name for path in result.written] == [DOCX_NAME, HTML_NAME]
    assert outputs(project) == [DOCX_NAME, HTML_NAME]
    assert took < 30
    # Nothing of LibreOffice's is left: neither its process nor its temporary folder.
    pid = int(hanging.read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid), "the hanging LibreOffice's child process was left running"
    assert leftovers(temporary) == []


def test_a_hanging_libreoffice_gives_exit_2_on_the_command_line(project: Path, hanging: Path) -> None:
    result = invoke("build", "--project", project, "--format", "docx,html,pdf")
    assert result.exit_code == 2
    assert "error: LibreOffice did not finish the PDF within 2 seconds" in result.stderr
    assert outputs(project) == [DOCX_NAME, HTML_NAME]


def test_a_failing_libreoffice_is_reported_with_what_it_said(project: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded" >&2\nexit 1')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = invoke("build", "--project", project, "--format", "docx,html,pdf")
    assert result.exit_code == 2
    assert "error: LibreOffice could not make the PDF: Error: source file could not be loaded" in result.stderr
    assert outputs(project) == [DOCX_NAME, HTML_NAME]


def test_an_unknown_format_is_refused_with_the_valid_ones(project: Path) -> None:
    result = invoke("build", "--project", project, "--format", "nope")
    assert result.exit_code == 2
    assert "unknown format nope; choose from docx, html, akn, pdf" in result.stderr
    assert outputs(project) == []


def _no_pdf_writer() -> str:
    raise AssertionError("the PDF writer was called")


def test_the_default_build_never_calls_the_pdf_writer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_writer, "libreoffice", _no_pdf_writer)
    result = api.build(project)
    assert [path.name for path in result.written] == [DOCX_NAME, HTML_NAME]
    assert result.unavailable == ()
    run = invoke("build", "--project", project)
    assert run.exit_code == 0, run.output


def test_a_plain_build_on_a_machine_without_libreoffice_writes_docx_and_html(project: Path, tmp_path: Path) -> None:
    """What `make build` runs, with a PATH that has no LibreOffice."""
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run([sys.executable, "-m", "ccm_review", "build", "--project", str(project)],
                            capture_output=True, text=True, env={**os.environ, "PATH": str(empty)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert outputs(project) == [DOCX_NAME, HTML_NAME]
    assert "LibreOffice" not in result.stdout + result.stderr
