"""Bad input of every kind becomes located findings, never a traceback, and a build of it writes nothing.

A project full of garbage is checked in one run, in this process. Then every case of
tests/bad_inputs/cases.yaml: `ccm-review check`, in a process of its own, reports it at its file and
line with the right code, without a traceback and without hanging. The processes run a few at a time
(one per CPU), each with its own timeout.

Each case replaces one file of a copy of the shipped project (a section, document.yaml or a file of
data/). Inputs too big or too odd to keep
in the repository are made by the recipes below; links, directories and pipes by `_install`.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from ruamel.yaml import YAML

from ccm_review import api
from ccm_review.errors import TemplateError
from ccm_review.load.files import MAX_SECTION_BYTES
from tests.helpers import REPO, copy_project, invoke

HERE = Path(__file__).parent / "bad_inputs"
SHIPPED = REPO / "sections"
# A guard against a hang (a pattern that backtracks without end, a pipe read that never ends), not a
# measure of speed: that is `make bench`'s. Five seconds failed the 1 MB line on a machine under load.
SECONDS = 60
DEFAULT_TARGET = "06-transparency.md"
CAN_LINK = hasattr(os, "symlink")  # without symbolic links, the cases that need one are skipped


# --- a project full of garbage, in one run -------------------------------------------------------


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


@pytest.mark.skipif(not CAN_LINK, reason="no symbolic links on this system")
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


# --- the cases of tests/bad_inputs/cases.yaml, each in a process of its own ----------------------


@dataclass(frozen=True)
class Case:
    """One bad input and what `check` must say about it."""

    id: str
    exit: int
    file: str | None = None
    make: str | None = None
    kind: str | None = None
    installed_as: str = DEFAULT_TARGET
    replaces: str = DEFAULT_TARGET
    code: str | None = None
    line: int | None = None
    severity: str = "error"


def _load_cases() -> list[Case]:
    entries = YAML(typ="safe", pure=True).load(HERE / "cases.yaml")
    return [Case(**{("installed_as" if key == "as" else key): value for key, value in entry.items()})
            for entry in entries]


CASES = _load_cases()


# --- recipes -------------------------------------------------------------------------------------


def _shipped(name: str = DEFAULT_TARGET) -> str:
    return (SHIPPED / name).read_text(encoding="utf-8")


def yaml_deep_indentation() -> bytes:
    """A thousand mappings, each indented under the one before."""
    levels = "".join("  " * depth + "level:\n" for depth in range(1, 1001))
    return ("---\naction: 6\nstatus: final\ncoordinators: [Iraq]\nnotes:\n" + levels + "---\nText.\n").encode()


def over_the_size_limit() -> bytes:
    """The shipped section with a comment that takes it just past the limit."""
    text = _shipped().encode("utf-8")
    return text + b"\n<!-- " + b"x" * (MAX_SECTION_BYTES - len(text)) + b" -->\n"


def one_long_line() -> bytes:
    """The shipped section whose first paragraph is a megabyte of prose on one line."""
    front, body = _shipped().split("\n---\n", 1)
    sentence = ("The coordinator followed up outstanding reports State by State and wrote to every "
                "State Party whose initial report was overdue. ")
    line = (sentence * (1_000_000 // len(sentence)))[:1_000_000].rstrip()
    gaps = "## Gaps" + body.split("## Gaps", 1)[1]
    return f"{front}\n---\n## Successes\n\n{line}\n\n{gaps}".encode()


RECIPES: dict[str, Callable[[], bytes]] = {
    "yaml_deep_indentation": yaml_deep_indentation,
    "over_the_size_limit": over_the_size_limit,
    "one_long_line": one_long_line,
}


# --- installing a case ---------------------------------------------------------------------------


def _install(project: Path, case: Case, elsewhere: Path) -> None:
    """Put the case's input into `project`/sections in place of the file it replaces."""
    sections = project / "sections"
    shipped = (sections / case.replaces).read_bytes()
    (sections / case.replaces).unlink()
    target = sections / case.installed_as
    if case.file is not None:
        target.write_bytes((HERE / "files" / case.file).read_bytes())
    elif case.make is not None:
        target.write_bytes(RECIPES[case.make]())
    elif case.kind == "link_outside":
        (elsewhere / "06-transparency.md").write_bytes(shipped)
        target.symlink_to(elsewhere / "06-transparency.md")
    elif case.kind == "broken_link":
        target.symlink_to(elsewhere / "nothing-here.md")
    elif case.kind == "link_loop":
        target.symlink_to(sections / "_loop.md")
        (sections / "_loop.md").symlink_to(target)
    elif case.kind == "link_inside":
        (project / "drafts").mkdir()
        (project / "drafts" / case.installed_as).write_bytes(shipped)
        target.symlink_to(project / "drafts" / case.installed_as)
    elif case.kind == "directory":
        target.mkdir()
        (target / "text.md").write_bytes(shipped)
    elif case.kind == "fifo":
        os.mkfifo(target)
    elif case.kind == "unreadable":
        target.write_bytes(shipped)
        target.chmod(0)
    else:
        raise AssertionError(f"case {case.id}: no file, make or known kind")


def _impossible(case: Case) -> str | None:
    """Why `case` cannot be run on this system, if it cannot."""
    if case.kind in ("link_outside", "broken_link", "link_loop", "link_inside") and not CAN_LINK:
        return "no symbolic links on this system"
    if case.kind == "fifo" and not hasattr(os, "mkfifo"):
        return "no named pipes on this system"
    if case.kind == "unreadable" and hasattr(os, "geteuid") and os.geteuid() == 0:
        # root reads a file whatever its mode (CI runs as root); the in-process test below
        # simulates the refusal instead.
        return "running as root: chmod 000 does not stop root from reading; see test_an_unreadable_file_*"
    return None


@dataclass(frozen=True)
class Checked:
    """What one run of `check` on a case printed, and how it ended."""

    returncode: int | None  # None: killed after SECONDS
    output: str


def run_check(project: Path) -> Checked:
    """Run `python -m ccm_review check` on `project` in its own process, for SECONDS at most."""
    try:
        result = subprocess.run([sys.executable, "-m", "ccm_review", "check", "--project", str(project)],
                                capture_output=True, text=True, encoding="utf-8", timeout=SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return Checked(None, "")
    return Checked(result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checked]:
    """Every case checked, a few processes at a time (each still its own process with its own timeout)."""
    runs: dict[str, Path] = {}
    for case in CASES:
        if _impossible(case) is None:
            project = copy_project(tmp_path_factory.mktemp(case.id))
            _install(project, case, tmp_path_factory.mktemp("elsewhere"))
            runs[case.id] = project
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(runs, pool.map(run_check, runs.values()), strict=True))


# --- the tests -----------------------------------------------------------------------------------


def test_the_suite_has_forty_cases_or_more_and_every_input_is_used() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)
    used = {case.file for case in CASES if case.file}
    assert {path.name for path in (HERE / "files").iterdir()} == used
    assert {case.make for case in CASES if case.make} == set(RECIPES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_check_reports_the_bad_input_at_its_line(case: Case, checked: dict[str, Checked]) -> None:
    reason = _impossible(case)
    if reason is not None:
        pytest.skip(reason)
    result = checked[case.id]
    assert result.returncode is not None, f"check still ran after {SECONDS} s: a hang"
    assert "Traceback" not in result.output, result.output
    assert result.returncode == case.exit, result.output
    if case.code is None:
        assert "error:" not in result.output, result.output
    else:
        where = re.escape(f"{posixpath.normpath(f'sections/{case.installed_as}')}:{case.line}:")
        assert re.search(rf"^{where}\d+: {case.severity}: .*\[{case.code}\]$", result.output, re.MULTILINE), \
            result.output
        if case.severity != "error":
            assert "error:" not in result.output, result.output


LOADED = [case for case in CASES if case.code in ("CCM006", "CCM009", "CCM010", "CCM021", "CCM070", "CCM071", "CCM077")]


@pytest.mark.parametrize("case", LOADED, ids=[case.id for case in LOADED])
def test_a_build_of_a_bad_but_readable_input_writes_nothing(
    project: Path, case: Case, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Sections that were read (unlike unreadable ones) reach the renderers' door: it must stay shut.
    _install(project, case, tmp_path_factory.mktemp("elsewhere"))
    result = api.build(project, project / "build")
    assert result.written == ()
    assert not (project / "build").exists()


def test_an_unreadable_file_is_reported_even_as_root(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 stops everyone but root; the refusal the system would give is simulated here.
    target = project / "sections" / DEFAULT_TARGET
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    findings = api.check(project).report.findings
    found = [f for f in findings if f.location and f.location.file == f"sections/{DEFAULT_TARGET}"]
    assert [(f.code, f.location.line if f.location else None) for f in found if f.severity == "error"] == \
        [("CCM008", 1)]
    assert "Permission denied" in found[0].message


def test_the_size_limit_is_checked_before_the_file_is_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file of several gigabytes must not be read into memory to be refused.
    target = project / "sections" / DEFAULT_TARGET
    target.write_bytes(over_the_size_limit() + b"x" * 10_000_000)
    read: list[int] = []
    real_open = Path.open

    class Counting:
        def __init__(self, stream: BinaryIO) -> None:
            self.stream = stream

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def read(self, size: int = -1) -> bytes:
            data = self.stream.read(size)
            read.append(len(data))
            return data

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        stream = real_open(self, *args, **kwargs)
        return Counting(stream) if self == target else stream

    monkeypatch.setattr(Path, "open", counting_open)
    assert [f.code for f in api.check(project).report.findings if f.severity == "error"] == ["CCM007"]
    assert sum(read) == MAX_SECTION_BYTES + 1


def test_the_limits_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    limits = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    assert "1 MB" in limits and "CCM007" in limits and "8 levels" in limits
