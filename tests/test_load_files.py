"""Reading source files as text (ccm_review/load/files.py): UTF-8, with a BOM and any line ends
accepted; another encoding, a byte that cannot be read or a control character named and located;
entries of sections/ that are not regular files of the project refused.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_review.load.files import EncodingProblem, decode_source, refuse_entry
from ccm_review.model.location import Location

FILE = "sections/x.md"


# --- decode_source --------------------------------------------------------------------------------


def test_utf8_is_returned_as_it_is() -> None:
    assert decode_source("Côte d'Ivoire\n".encode(), FILE) == "Côte d'Ivoire\n"


def test_a_utf8_bom_is_dropped_silently() -> None:
    assert decode_source(codecs.BOM_UTF8 + b"---\n", FILE) == "---\n"


@pytest.mark.parametrize("data", [b"a\r\nb\r\n", b"a\rb\r", b"a\nb\n"], ids=["crlf", "cr", "lf"])
def test_line_endings_become_newlines(data: bytes) -> None:
    assert decode_source(data, FILE) == "a\nb\n"


def test_a_bom_and_crlf_are_accepted_silently() -> None:
    text = decode_source(b"\xef\xbb\xbf---\r\nstatus: draft\r\n---\r\n", FILE)
    assert text == "---\nstatus: draft\n---\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_reported_at_the_start(encoding: str) -> None:
    data = ("\ufeff---\n" if encoding != "utf-16" else "---\n").encode(encoding)
    problem = decode_source(data, FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 1, 1)
    assert "UTF-16" in problem.message
    assert "UTF-8" in problem.hint


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(encoding: str) -> None:
    problem = decode_source("---\nstatus: draft\n---\nText.\n".encode(encoding), FILE)
    assert isinstance(problem, EncodingProblem)
    assert "UTF-16 (without a byte order mark)" in problem.message


@pytest.mark.parametrize(("data", "says"), [
    pytest.param("---\nstatus: draft\n".encode("utf-16"), "UTF-16", id="utf-16"),
    pytest.param("---\npart: introduction\n---\nC\u00f4te d'Ivoire\n".encode("cp1252"), "Latin-1", id="latin-1"),
])
def test_files_saved_in_another_encoding_are_named(data: bytes, says: str) -> None:
    problem = decode_source(data, FILE)
    assert isinstance(problem, EncodingProblem)
    assert says in problem.message + problem.hint


def test_latin1_is_reported_at_the_byte_that_cannot_be_read() -> None:
    problem = decode_source("---\nstatus: draft\n---\nCôte d'Ivoire\n".encode("latin-1"), FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 4, 2)
    assert "0xf4" in problem.message
    assert "Latin-1" in problem.hint


def test_a_windows_1252_byte_is_shown_as_the_character_it_was() -> None:
    problem = decode_source("a \u201cquote\u201d".encode("cp1252"), FILE)
    assert isinstance(problem, EncodingProblem)
    assert "byte 0x93 cannot be read (in Windows-1252 it is '\u201c')" in problem.message
    assert problem.location == Location(FILE, 1, 3)


def test_the_column_of_a_bad_byte_counts_characters_not_bytes() -> None:
    problem = decode_source("naïve ".encode() + "café".encode("latin-1"), FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 1, 10)


def test_crlf_and_bom_do_not_shift_the_location_of_a_bad_byte() -> None:
    problem = decode_source(codecs.BOM_UTF8 + b"---\r\nstatus: caf\xe9\r\n", FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 2, 12)


def test_nul_bytes_are_reported_where_they_are() -> None:
    problem = decode_source(b"---\nstatus: dr\x00aft\n", FILE)
    assert isinstance(problem, EncodingProblem)
    assert problem.location == Location(FILE, 2, 11)
    assert "NUL" in problem.message


def test_a_binary_file_with_many_zero_bytes_is_not_taken_for_utf16() -> None:
    problem = decode_source(bytes(range(256)) * 4, FILE)
    assert isinstance(problem, EncodingProblem) and "NUL" in problem.message


@pytest.mark.parametrize(("char", "hint"), [("\x0b", "Word"), ("\x0c", "page break"), ("\x1b", "terminal"),
                                            ("\x85", "encoding"), ("\uffff", "delete it")])
def test_a_control_character_is_located_with_a_hint(char: str, hint: str) -> None:
    problem = decode_source(f"---\nstatus: draft\n---\nab{char}c\n".encode(), FILE)
    assert isinstance(problem, EncodingProblem)
    assert (problem.code, problem.location) == ("CCM003", Location(FILE, 4, 3))
    assert hint in problem.hint


def test_tabs_line_ends_and_a_bom_are_not_control_characters() -> None:
    assert decode_source(codecs.BOM_UTF8 + b"a\tb\r\nc\rd\n", FILE) == "a\tb\nc\nd\n"


# --- refuse_entry ---------------------------------------------------------------------------------


def test_entries_that_are_not_regular_files_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "sections").mkdir(parents=True)
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    entries: dict[str, Callable[[Path], object]] = {
        "file.md": lambda path: path.write_text("x", encoding="utf-8"),
        "dir.md": lambda path: path.mkdir(),
        "out.md": lambda path: path.symlink_to(tmp_path / "outside.md"),
        "none.md": lambda path: path.symlink_to(root / "sections" / "missing.md"),
        "loop.md": lambda path: path.symlink_to(path),
    }
    refusals = {}
    for name, make in entries.items():
        make(root / "sections" / name)
        refusal = refuse_entry(root / "sections" / name, root.resolve())
        refusals[name] = refusal.message if refusal else None
    assert refusals["file.md"] is None
    assert "directory" in str(refusals["dir.md"])
    assert "outside the project" in str(refusals["out.md"])
    assert "does not exist" in str(refusals["none.md"])
    assert "loop" in str(refusals["loop.md"])
