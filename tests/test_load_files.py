"""Unit tests of what the bad-input suite and the benchmark found: each a small fact about one function."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.load.files import EncodingProblem, decode_source, refuse_entry
from ccm_review.load.friendly import diagnose
from ccm_review.load.markdown import MAX_NESTING, parse_narrative
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.location import Location

FILE = "sections/x.md"


# --- files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(encoding: str) -> None:
    problem = decode_source("---\nstatus: draft\n---\nText.\n".encode(encoding), FILE)
    assert isinstance(problem, EncodingProblem)
    assert "UTF-16 (without a byte order mark)" in problem.message


def test_a_binary_file_with_many_zero_bytes_is_not_taken_for_utf16() -> None:
    problem = decode_source(bytes(range(256)) * 4, FILE)
    assert isinstance(problem, EncodingProblem) and "NUL" in problem.message


def test_a_windows_1252_byte_is_shown_as_the_character_it_was() -> None:
    problem = decode_source("a \u201cquote\u201d".encode("cp1252"), FILE)
    assert isinstance(problem, EncodingProblem)
    assert "byte 0x93 cannot be read (in Windows-1252 it is '\u201c')" in problem.message
    assert problem.location == Location(FILE, 1, 3)


@pytest.mark.parametrize(("char", "hint"), [("\x0b", "Word"), ("\x0c", "page break"), ("\x1b", "terminal"),
                                            ("\x85", "encoding"), ("\uffff", "delete it")])
def test_a_control_character_is_located_with_a_hint(char: str, hint: str) -> None:
    problem = decode_source(f"---\nstatus: draft\n---\nab{char}c\n".encode(), FILE)
    assert isinstance(problem, EncodingProblem)
    assert (problem.code, problem.location) == ("CCM003", Location(FILE, 4, 3))
    assert hint in problem.hint


def test_tabs_line_ends_and_a_bom_are_not_control_characters() -> None:
    assert decode_source(codecs.BOM_UTF8 + b"a\tb\r\nc\rd\n", FILE) == "a\tb\nc\nd\n"


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


# --- YAML ---------------------------------------------------------------------------------------


def test_apostrophes_in_plain_values_do_not_count_as_quotes_when_measuring_depth() -> None:
    # A catalogue line such as `summary: support affected States' capacity}` once left a quote
    # "open", so that every later bracket deepened the count: 33 such lines made the template fail.
    text = "\n".join(f"- {{ref: '{n}.1', summary: supports States' capacity}}" for n in range(40))
    assert diagnose(text) is None
    assert not isinstance(parse_yaml(text, FILE), YamlProblem)


def test_quotes_that_open_a_value_still_hide_brackets() -> None:
    assert diagnose("a: '" + "[" * 40 + "'\nb: \"" + "{" * 40 + "\"\n") is None
    assert diagnose("a: " + "[" * 40 + "]" * 40 + "\n") is not None


@pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system [ls]\n", "a: !things {b: 1}\n",
                                  "!!omap\n- a: 1\n"])
def test_a_tag_on_a_list_or_mapping_is_refused(text: str) -> None:
    problem = parse_yaml(text, FILE)
    assert isinstance(problem, YamlProblem) and "tag" in problem.message


@pytest.mark.parametrize("escape", ["\\0", "\\x0b", "\\u001b", "\\e"])
def test_a_control_character_written_as_an_escape_is_refused(escape: str) -> None:
    problem = parse_yaml(f'a: "x{escape}y"\n', FILE)
    assert isinstance(problem, YamlProblem) and "control character" in problem.message


def test_a_directive_is_refused_in_plain_words() -> None:
    problem = parse_yaml("%YAML 1.1\na: 1\n", FILE, line_offset=1)
    assert isinstance(problem, YamlProblem)
    assert problem.location == Location(FILE, 2, 1) and "directive" in problem.message


# --- Markdown -----------------------------------------------------------------------------------


def test_nesting_up_to_the_limit_is_read_and_one_more_is_located() -> None:
    assert parse_narrative("> " * MAX_NESTING + "deep\n", FILE, 10).too_deep is None
    deeper = parse_narrative("Intro.\n\n" + "> " * (MAX_NESTING + 1) + "deep\n", FILE, 10)
    assert deeper.too_deep == Location(FILE, 13, 1)


def test_text_after_a_deep_list_is_not_silently_lost(project: Path) -> None:
    # markdown-it stops reading at its own nesting limit and drops the rest of the file.
    path = project / "sections" / "09-conclusions.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n## ", "\n" + "- " * 30 + "x\n\n## ", 1),
                    encoding="utf-8")
    codes = [f.code for f in api.check(project).report.findings if f.severity == "error"]
    assert codes == ["CCM009"]
    assert api.build(project, project / "build").written == ()
