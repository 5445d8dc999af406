"""Nothing lost: commands never touch the sources, and a killed or doubled build never leaves a
truncated output behind.

`new` writes sections by design and the preview has tests of its own; every other command is
run here on a copy of the shipped project, also a broken one, and the sources are compared byte
by byte (and by modification time) before and after.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from ccm_review.output import STALE_SECONDS, remove_stale_temporaries, write_atomic
from tests.helpers import DOCX_NAME, HTML_NAME, fingerprint, invoke, sha256

COMMANDS = [
    ["check"], ["check", "--strict"], ["check", "--format", "json"], ["check", "--format", "sarif"],
    ["check", "--format", "github"], ["build"], ["build", "--strict"], ["status"], ["status", "--format", "json"],
    ["schema"],
]
KILLS = 20


@pytest.mark.parametrize("broken", [False, True], ids=["shipped", "broken"])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(command) for command in COMMANDS])
def test_a_command_leaves_the_sources_byte_identical(project: Path, command: list[str], broken: bool) -> None:
    if broken:  # a source the command cannot read must not be "repaired" either
        (project / "sections" / "06-transparency.md").write_bytes(b"---\naction: 6\nstatus: [\n---\n\xff\xfe")
    before = fingerprint(project)
    result = invoke(*command, "--project", project)
    assert result.exit_code in (0, 1), result.output
    assert fingerprint(project) == before


def test_rules_touches_no_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    before = fingerprint(project)
    assert invoke("rules", "--format", "markdown").exit_code == 0
    assert fingerprint(project) == before


# --- a build killed at random moments ----------------------------------------------------------


# The writes take a few milliseconds of a build's second: random kills would almost never land
# in them. This driver widens them (a pause before each fsync and each rename), so that kills
# land while a temporary file is half written, whole but not yet renamed, or between the outputs.
_SLOW_WRITES = """
import os, sys, time
fsync, replace = os.fsync, os.replace
os.fsync = lambda fd: (time.sleep(0.15), fsync(fd))[1]
os.replace = lambda a, b: (time.sleep(0.15), replace(a, b))[1]
from ccm_review.cli import main

sys.exit(main())
"""


def _build_command(project: Path, out: Path, slow_writes: bool = False) -> list[str]:
    program = ["-c", _SLOW_WRITES, "build"] if slow_writes else ["-m", "ccm_review", "build"]
    return [sys.executable, *program, "--project", str(project), "--out", str(out)]


def _digests(out: Path) -> dict[str, str]:
    return {name: sha256(out / name) for name in (DOCX_NAME, HTML_NAME) if (out / name).exists()}


def assert_complete(out: Path) -> None:
    """The outputs in `out`, if any, are whole: the DOCX opens, the HTML ends with </html>."""
    if (out / DOCX_NAME).exists():
        with zipfile.ZipFile(out / DOCX_NAME) as archive:
            assert archive.testzip() is None
        assert docx.Document(str(out / DOCX_NAME)).paragraphs
    if (out / HTML_NAME).exists():
        assert (out / HTML_NAME).read_text(encoding="utf-8").rstrip().endswith("</html>")


def _version(project: Path, number: int) -> None:
    """Make the sources say `number`, so that each version's outputs differ from the others'."""
    path = project / "sections" / "09-conclusions.md"
    text = path.read_text(encoding="utf-8")
    marker = "\n\nThis draft is version "
    path.write_text(text.split(marker)[0].rstrip("\n") + f"{marker}{number}.\n", encoding="utf-8")


def test_a_build_killed_at_random_moments_leaves_old_or_whole_new_outputs(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1588204800"}  # the same sources give the same bytes
    expected: dict[int, dict[str, str]] = {}
    durations: list[float] = []
    for number in (0, 1):  # both versions built whole once: the only outputs a kill may leave
        _version(project, number)
        start = time.perf_counter()
        subprocess.run(_build_command(project, out, slow_writes=True), env=env, check=True, capture_output=True,
                       timeout=60)
        durations.append(time.perf_counter() - start)
        expected[number] = _digests(out)
    assert expected[0] != expected[1]
    chance = random.Random(7)  # reproducible delays
    interrupted_writes = 0
    for kill in range(KILLS):
        _version(project, kill % 2)
        build = subprocess.Popen(_build_command(project, out, slow_writes=True), env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0, max(durations)))
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        assert_complete(out)
        for name, digest in _digests(out).items():
            assert digest in (expected[0][name], expected[1][name]), f"kill {kill}: {name} is neither version"
        interrupted_writes = max(interrupted_writes, len(list(out.glob(".*.tmp"))))
    assert interrupted_writes, "no kill landed while an output was being written: the loop proved nothing"
    # The temporary files killed builds left are removed by the next build once they are stale.
    for leftover in out.glob(".*.tmp"):
        os.utime(leftover, (time.time() - STALE_SECONDS - 1,) * 2)
    subprocess.run(_build_command(project, out), env=env, check=True, capture_output=True, timeout=60)
    assert list(out.glob(".*.tmp")) == []
    assert_complete(out)


def test_two_builds_at_once_into_the_same_directory_both_end_with_whole_files(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(3):
        builds = [subprocess.Popen(_build_command(project, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                  for _ in range(2)]
        for build in builds:
            _, errors = build.communicate(timeout=120)
            assert build.returncode == 0, errors.decode()
        assert_complete(out)
        assert list(out.glob(".*.tmp")) == []


# --- the temporary files of writes that did not finish ------------------------------------------


def test_a_stale_temporary_file_is_removed_and_a_fresh_one_kept(tmp_path: Path) -> None:
    target = tmp_path / "review-document.docx"
    stale = tmp_path / ".review-document.docx.k1ll3d.tmp"
    fresh = tmp_path / ".review-document.docx.wr1t1ng.tmp"  # another build, writing right now
    other = tmp_path / ".review-document.html.k1ll3d.tmp"  # another output's: left to its own write
    for path in (stale, fresh, other):
        path.write_bytes(b"PK\x03\x04 half a file")
    os.utime(stale, (time.time() - STALE_SECONDS - 5,) * 2)
    os.utime(other, (time.time() - STALE_SECONDS - 5,) * 2)
    write_atomic(target, b"whole")
    assert target.read_bytes() == b"whole"
    assert not stale.exists() and fresh.exists() and other.exists()
    assert remove_stale_temporaries(target, now=time.time() + STALE_SECONDS + 1) == [fresh]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "review-document.html"
    target.write_bytes(b"<html>old</html>")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"<html>new</html>")
    assert target.read_bytes() == b"<html>old</html>"
    assert [path.name for path in tmp_path.iterdir()] == ["review-document.html"]
