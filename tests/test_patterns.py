"""ccm_review.patterns: every pattern the package compiles is re.compile's, whether made anew or from the
store's file; a damaged or foreign file is ignored; the store off writes nothing; the file is replaced
whole, and only when a pattern was added."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_review import patterns
from ccm_review.patterns import FILE_NAME, compile_pattern, keep_patterns, save_patterns
from tests.helpers import REPO

pytestmark = pytest.mark.skipif(not patterns._USABLE, reason="a Python whose compiler the module does not know")

CHANGED = "sections/04-victim-assistance.md"


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module as a fresh process finds it, with the store in a folder of the test's own (not in the
    `project` fixture's folder: the store refuses a folder inside the project)."""
    folder = tmp_path_factory.mktemp("store")
    folder.chmod(0o700)
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(folder))
    monkeypatch.delenv("CCM_REVIEW_NO_CACHE", raising=False)
    _restart(monkeypatch)
    monkeypatch.setattr(patterns, "_project", tmp_path_factory.mktemp("project"))  # as the command line says
    return folder


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process compiled and read, as a new process would."""
    monkeypatch.setattr(patterns, "_on", True)
    monkeypatch.setattr(patterns, "_entries", None)
    monkeypatch.setattr(patterns, "_used", {})
    monkeypatch.setattr(patterns, "_added", False)
    monkeypatch.setattr(patterns, "_folder", None)
    monkeypatch.setattr(patterns, "_made", {})


def assert_same(made: re.Pattern[str], source: str, flags: int) -> None:
    expected = re.compile(source, flags)
    # A Pattern's == compares its source, flags and opcodes; the groups are compared besides.
    assert made == expected
    assert (made.groups, dict(made.groupindex)) == (expected.groups, dict(expected.groupindex))


def _file_bytes(entries: object) -> bytes:
    data = marshal.dumps(entries)
    return patterns._MAGIC + patterns._digest(data) + data


SAMPLES = [(r"(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)", 0), (r"per\s*cent|%", re.IGNORECASE),
           (r"^(\s*)(- +)?([^\s:#][^:#]*?)\s*:(\s|$)", re.MULTILINE), (r"\u201c[^\u201d]*\u201d", 0)]


# --- every pattern of the package ------------------------------------------------------------------

_COLLECT = """
import importlib, json, pkgutil, re, sys
from pathlib import Path
import ccm_review
from ccm_review import patterns
project, out = Path(sys.argv[1]), Path(sys.argv[2])
patterns.keep_patterns(True, project)  # as the command line does before it imports api
from ccm_review import api
api.check(project)
api.check(project, files=(project / sys.argv[3],))
api.build(project, out, formats=("docx", "html", "akn"))
ran = list(patterns._used)
for module in pkgutil.walk_packages(ccm_review.__path__, "ccm_review."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
made = {id(pattern) for pattern in patterns._made.values()}
loose = [f"{name}.{attr}" for name, module in list(sys.modules.items()) if name.startswith("ccm_review")
         for attr, value in vars(module).items()
         for pattern in (value if isinstance(value, tuple) else (value,))
         if isinstance(pattern, re.Pattern) and id(pattern) not in made]
print(json.dumps({"ran": ran, "keys": list(patterns._used), "loose": loose}))
"""


def _collect(project: Path, folder: Path, out: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[str]]:
    """Run a check, a check FILE and a build in a process of their own, then import every module of the package;
    return what the runs compiled through the module, what the process compiled through it in all, and the
    patterns any module of the package holds that the module did not make."""
    env = {**os.environ, "CCM_REVIEW_CACHE_DIR": str(folder)}
    result = subprocess.run([sys.executable, "-c", _COLLECT, str(project), str(out), CHANGED], env=env,
                            capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    return ([(source, flags) for source, flags in found["ran"]], [(source, flags) for source, flags in found["keys"]],
            found["loose"])


def test_every_pattern_of_check_and_build_is_re_compile_made_anew_and_from_the_file(
        project: Path, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran, keys, loose = _collect(project, store, tmp_path / "out")
    assert loose == []  # every pattern a module keeps came through compile_pattern
    assert len(ran) > 50 and len(keys) > len(ran)  # the preview's patterns, among others, by the imports
    # What the process wrote at the save points of check and build: every pattern they compiled, re.compile's.
    kept = marshal.loads((store / FILE_NAME).read_bytes()[len(patterns._MAGIC) + patterns._DIGEST_SIZE:])
    assert set(kept) == set(ran)
    for source, flags in ran:
        assert_same(patterns._sre.compile(source, *kept[source, flags]), source, flags)
    # In this process: a miss compiles each anew; after a save, a new process takes each from the file.
    (store / FILE_NAME).unlink()
    for source, flags in keys:
        assert_same(compile_pattern(source, flags), source, flags)
    assert patterns._added
    save_patterns(store)
    _restart(monkeypatch)
    for source, flags in keys:
        assert_same(compile_pattern(source, flags), source, flags)
    assert not patterns._added  # nothing compiled anew: all of them came from the file


def test_a_fresh_check_after_a_save_compiles_no_pattern_anew(project: Path, store: Path) -> None:
    # The misses counted from before `api` is imported: its modules compile their patterns when imported.
    script = ("import sys; from pathlib import Path; from ccm_review import patterns\n"
              "missed = []; compile = patterns._compile\n"
              "patterns._compile = lambda key, entries: missed.append(key) or compile(key, entries)\n"
              "patterns.keep_patterns(True, Path(sys.argv[1]))  # as the command line does\n"
              "from ccm_review import api\n"
              "api.check(Path(sys.argv[1])); print(len(missed), len(patterns._used))")
    env = {**os.environ, "CCM_REVIEW_CACHE_DIR": str(store)}

    def run() -> tuple[int, int]:
        out = subprocess.run([sys.executable, "-c", script, str(project)], env=env, capture_output=True, text=True,
                             check=True).stdout.split()
        return int(out[0]), int(out[1])

    missed, used = run()
    assert missed == used > 50  # the first run compiles every pattern
    (project / CHANGED).write_text((project / CHANGED).read_text(encoding="utf-8") + "\nOne more sentence.\n",
                                   encoding="utf-8")
    missed, used = run()
    assert (missed, used > 50) == (0, True)


def test_no_module_but_patterns_calls_re_compile() -> None:
    calls = [f"{path.relative_to(REPO)}:{number}" for path in sorted((REPO / "ccm_review").rglob("*.py"))
             if path.name != "patterns.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "re.compile(" in line]
    assert calls == []


# --- a file that does not fit ----------------------------------------------------------------------

def _valid_file(store: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Write the file of SAMPLES as a run would; return its bytes (the module restarted)."""
    for source, flags in SAMPLES:
        compile_pattern(source, flags)
    save_patterns(store)
    _restart(monkeypatch)
    return (store / FILE_NAME).read_bytes()


def _unfit(kind: str) -> object:
    """Entries that a damaged or foreign file could hold for SAMPLES[0]."""
    source, flags = SAMPLES[0]
    entries: dict[tuple[str, int], tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]] = {}
    patterns._compile((source, flags), entries)
    flags_kept, code, groups, groupindex, indexgroup = entries[source, flags]
    entry = {
        "not a tuple": "entry",
        "too short": (flags_kept, code),
        "flags not a number": ("flags", code, groups, groupindex, indexgroup),
        "code _sre refuses": (flags_kept, [255, 0, 1], groups, groupindex, indexgroup),
        "code cut short": (flags_kept, code[:-3], groups, groupindex, indexgroup),
        "a number no opcode is": (flags_kept, [2**40, *code], groups, groupindex, indexgroup),
        "a group missing": (flags_kept, code, groups, groupindex, (None, "day")),
    }
    return [1, 2, 3] if kind == "not a mapping" else {(source, flags): entry[kind]}


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other format", "digest wrong"])
def test_a_damaged_file_is_ignored(store: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    data = _valid_file(store, monkeypatch)
    damaged = {"garbage": os.urandom(len(data)), "truncated": data[:len(data) // 2], "empty": b"",
               "other format": b"ccm-review store 1\n" + data[len(patterns._MAGIC):],
               "digest wrong": data[:len(patterns._MAGIC)] + bytes(patterns._DIGEST_SIZE)
               + data[len(patterns._MAGIC) + patterns._DIGEST_SIZE:]}[damage]
    (store / FILE_NAME).write_bytes(damaged)
    for source, flags in SAMPLES:
        assert_same(compile_pattern(source, flags), source, flags)
    assert patterns._added  # compiled anew, and kept for the next save


@pytest.mark.parametrize("kind", ["not a mapping", "not a tuple", "too short", "flags not a number",
                                  "code _sre refuses", "code cut short", "a number no opcode is", "a group missing"])
def test_a_file_of_entries_that_do_not_fit_is_ignored(store: Path, kind: str) -> None:
    (store / FILE_NAME).write_bytes(_file_bytes(_unfit(kind)))
    source, flags = SAMPLES[0]
    assert_same(compile_pattern(source, flags), source, flags)
    assert patterns._added


def test_the_file_of_another_python_is_not_read(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _valid_file(store, monkeypatch)
    (store / FILE_NAME).rename(store / FILE_NAME.replace(f"{sys.hexversion:x}", "30c00f0"))
    assert data  # the file was there, under this Python's name
    compile_pattern(*SAMPLES[0])
    assert patterns._added


def test_the_file_is_not_read_from_a_folder_others_may_write_to(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(store)
    store.chmod(0o777)
    try:
        source, flags = SAMPLES[0]
        assert_same(compile_pattern(source, flags), source, flags)
    finally:
        store.chmod(0o700)


def test_anything_unexpected_is_plain_re_compile(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_compiler", object())  # a compiler without the function this module calls
    source, flags = SAMPLES[1]
    assert_same(compile_pattern(source, flags), source, flags)
    assert not patterns._added and not patterns._on  # from now on re.compile, as on another Python
    assert compile_pattern(r"\d+ of \d+") is re.compile(r"\d+ of \d+")  # re's own cache: re.compile made it
    with pytest.raises(re.error):
        compile_pattern("(unclosed")


# --- the store off -------------------------------------------------------------------------------

def test_the_file_is_not_read_from_a_folder_inside_the_project(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file committed to the project, where a CI job's cache folder may point: as the store's entries, it is
    # never read there, since anyone could plant a pattern that never matches (and so hides every finding).
    _plant(store)
    monkeypatch.setattr(patterns, "_project", store.parent)
    source, flags = SAMPLES[0]
    assert_same(compile_pattern(source, flags), source, flags)


def test_without_a_project_the_file_is_neither_read_nor_written(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(store)
    planted = (store / FILE_NAME).read_bytes()
    monkeypatch.setattr(patterns, "_project", None)  # the package used as a library, not through the command line
    source, flags = SAMPLES[0]
    assert_same(compile_pattern(source, flags), source, flags)
    save_patterns(store)
    assert (store / FILE_NAME).read_bytes() == planted


def test_a_run_whose_own_patterns_pass_the_size_writes_no_file(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_BYTES", 1000)
    compile_pattern("|".join(f"word{number}" for number in range(2000)))
    save_patterns(store)
    assert not (store / FILE_NAME).exists()


def _plant(store: Path) -> None:
    """Write a file whose entry for SAMPLES[0] holds another pattern's code: read, it would give a pattern
    that differs from re.compile's."""
    entries: dict[tuple[str, int], object] = {}
    patterns._compile((r"planted", 0), entries)
    source, flags = SAMPLES[0]
    entries[source, flags] = entries.pop((r"planted", 0))
    (store / FILE_NAME).write_bytes(_file_bytes(entries))
    # The test is honest: read, the file does give a pattern other than re.compile's.
    assert patterns._sre.compile(source, *entries[source, flags]) != re.compile(source, flags)


def test_with_the_store_turned_off_the_file_is_neither_read_nor_written(store: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(store)
    planted = (store / FILE_NAME).read_bytes()
    keep_patterns(False)
    for source, flags in SAMPLES:
        assert_same(compile_pattern(source, flags), source, flags)
    save_patterns(store)
    assert (store / FILE_NAME).read_bytes() == planted


def test_turned_on_again_the_file_is_read_and_kept_whole(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _valid_file(store, monkeypatch)
    keep_patterns(False)
    compile_pattern(r"while off")
    keep_patterns(True)
    compile_pattern(r"while on")
    save_patterns(store)
    kept = marshal.loads((store / FILE_NAME).read_bytes()[len(patterns._MAGIC) + patterns._DIGEST_SIZE:])
    assert set(kept) == {*SAMPLES, (r"while on", 0)}


def test_under_ccm_review_no_cache_nothing_is_written(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(store)
    monkeypatch.setenv("CCM_REVIEW_NO_CACHE", "1")
    source, flags = SAMPLES[0]
    assert_same(compile_pattern(source, flags), source, flags)  # not read either
    (store / FILE_NAME).unlink()
    save_patterns(store)
    assert list(store.iterdir()) == []


def test_without_a_folder_for_the_store_nothing_is_written(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ccm_review.load.store

    monkeypatch.setattr(ccm_review.load.store, "default_dir", lambda: None)
    compile_pattern(*SAMPLES[0])
    save_patterns(store)
    assert list(store.iterdir()) == []


_CLI = """
import re, sys
from ccm_review.cli import main
try:
    main(sys.argv[1:], prog_name="ccm-review")
except SystemExit:
    pass
from ccm_review.validate.editorial.common import TOKEN
print(TOKEN == re.compile(TOKEN.pattern))
"""


@pytest.mark.parametrize("no_cache", [True, False])
def test_check_no_cache_neither_reads_nor_writes_the_file(project: Path, store: Path, no_cache: bool) -> None:
    # A planted entry for the pattern of editorial.common.TOKEN: a process that read the file would use it.
    entries: dict[tuple[str, int], object] = {}
    patterns._compile((r"planted", 0), entries)
    (store / FILE_NAME).write_bytes(_file_bytes({(r"\S+", 0): entries[r"planted", 0]}))
    planted = (store / FILE_NAME).read_bytes()
    env = {**os.environ, "CCM_REVIEW_CACHE_DIR": str(store)}
    command = [sys.executable, "-c", _CLI, "check", "--project", str(project), *(["--no-cache"] * no_cache)]
    printed = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert printed.splitlines()[-1] == str(no_cache)  # re.compile's pattern only when the file was not read
    assert ((store / FILE_NAME).read_bytes() == planted) is no_cache  # written only without --no-cache


# --- writing ---------------------------------------------------------------------------------------

def test_the_file_is_written_only_when_a_pattern_was_added(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _valid_file(store, monkeypatch)
    before = os.stat(store / FILE_NAME)
    for source, flags in SAMPLES:
        compile_pattern(source, flags)
    save_patterns(store)
    after = os.stat(store / FILE_NAME)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    compile_pattern(r"a new one")
    save_patterns()  # into the folder of the last save, as build does after its writers
    assert os.stat(store / FILE_NAME).st_ino != before.st_ino
    _restart(monkeypatch)
    compile_pattern(r"a new one")
    assert not patterns._added


def test_the_file_is_replaced_whole_never_written_in_place(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _valid_file(store, monkeypatch)
    compile_pattern(r"one more")

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    save_patterns(store)
    # The old file as it was, and no temporary file left beside it.
    assert (store / FILE_NAME).read_bytes() == data
    assert [path.name for path in store.iterdir()] == [FILE_NAME]


def test_past_its_limit_the_file_keeps_the_patterns_of_the_last_run(store: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for source, flags in SAMPLES:
        compile_pattern(source, flags)
    save_patterns(store)
    _restart(monkeypatch)
    monkeypatch.setattr(patterns, "MAX_ENTRIES", 4)
    compile_pattern(*SAMPLES[0])  # used again
    compile_pattern(r"new in this run")  # five entries: past the limit
    save_patterns(store)
    kept = marshal.loads((store / FILE_NAME).read_bytes()[len(patterns._MAGIC) + patterns._DIGEST_SIZE:])
    assert list(kept) == [SAMPLES[0], (r"new in this run", 0)]


def test_past_its_size_the_file_keeps_the_patterns_of_the_last_run(store: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    words = "|".join(f"word{number}" for number in range(2000))  # a long list of a template
    compile_pattern(words)
    save_patterns(store)
    size = (store / FILE_NAME).stat().st_size
    _restart(monkeypatch)
    monkeypatch.setattr(patterns, "MAX_BYTES", size // 2)
    compile_pattern(r"short")
    save_patterns(store)
    kept = marshal.loads((store / FILE_NAME).read_bytes()[len(patterns._MAGIC) + patterns._DIGEST_SIZE:])
    assert list(kept) == [(r"short", 0)]
