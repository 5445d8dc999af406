"""load/store.py and load/kept.py: the per-user store of parsed templates and sections.

A run with the store warm gives exactly what a run without it gives; an edit, a change in data/ or
templates/ is seen; a damaged entry, an unsafe or unwritable folder, another version are misses and
the command still works; nothing is written inside the project; a file whose bytes were seen before
is not parsed again.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.load import sections, store
from ccm_review.load.cache import SourceCache
from ccm_review.load.kept import open_kept
from ccm_review.load.store import Store, default_dir, digest, open_store
from ccm_review.model.finding import Finding
from ccm_review.model.source import Masthead, Section
from ccm_review.patterns import FILE_NAME as PATTERNS_FILE
from ccm_review.spec.template import Spec
from tests.helpers import (
    ACTION_6,
    EDITORIAL_FIXTURES,
    GENERAL_STATUS,
    RULE_FIXTURES,
    copy_project,
    fingerprint,
    invoke,
    kitchen_sink_section,
)

Parsed = list[str]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Parsed:
    """The section files parsed while the test runs, in order (load_section counted)."""
    files: Parsed = []
    real = sections.load_section

    def counting(path: Path, file: str, series: tuple[object, ...] = ()) -> tuple[Section, list[Finding]]:
        files.append(file)
        return real(path, file, series)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "load_section", counting)
    return files


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of this test's own, not yet made (outside the project: one inside it is not used)."""
    folder = tmp_path_factory.mktemp("cache") / "ccm-review"
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(folder))
    return folder


def _outputs(project: Path, *extra: str) -> tuple[str, str]:
    """The check's text and JSON, as the command prints them."""
    text = invoke("check", "--project", project, *extra)
    as_json = invoke("check", "--project", project, "--format", "json", *extra)
    assert text.exception is None or isinstance(text.exception, SystemExit)
    return text.output, as_json.output


def _section_files(project: Path) -> list[str]:
    return sorted(f"sections/{path.name}" for path in (project / "sections").glob("*.md"))


def _entries(folder: Path) -> list[Path]:
    """The store's entries: every file but the compiled patterns (ccm_review.patterns), which a run adds
    whenever it compiles a pattern the file lacks, depending on what earlier tests of this process compiled."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name != PATTERNS_FILE)


PROJECTS: dict[str, Callable[[Path], None]] = {
    "shipped": lambda project: None,
    "CCM011 row of another action": lambda project: shutil.copyfile(RULE_FIXTURES / "CCM011-fail.md",
                                                                   project / ACTION_6),
    "CCM001 broken YAML": lambda project: shutil.copyfile(RULE_FIXTURES / "CCM001-fail.md", project / ACTION_6),
    "CCM009 nested too deep": lambda project: shutil.copyfile(RULE_FIXTURES / "CCM009-fail.md", project / ACTION_6),
    "CCM003 not UTF-8": lambda project: (project / ACTION_6).write_bytes(b"---\naction: 6\n---\nQu\xe9\n"),
    "kitchen sink": lambda project: (project / GENERAL_STATUS).write_text(kitchen_sink_section(), encoding="utf-8"),
}


@pytest.mark.parametrize("name", list(PROJECTS))
def test_a_warm_check_prints_what_a_check_without_the_store_prints(name: str, tmp_path: Path, cache_dir: Path,
                                                                    parsed: Parsed) -> None:
    project = copy_project(tmp_path / "project")
    PROJECTS[name](project)
    without = _outputs(project, "--no-cache")
    assert not cache_dir.exists()
    cold = _outputs(project)
    parsed.clear()
    warm = _outputs(project)
    assert cold == without
    assert warm == without
    assert parsed == []  # both warm runs took every section from the store
    assert "CCM" in without[0] or name == "shipped"


def test_a_warm_build_writes_the_same_bytes(tmp_path: Path, cache_dir: Path, parsed: Parsed,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1588204800")
    project = copy_project(tmp_path / "project")
    (project / GENERAL_STATUS).write_text(kitchen_sink_section(), encoding="utf-8")
    runs = {"without": ("--no-cache",), "cold": (), "warm": ()}
    for run, extra in runs.items():
        parsed.clear()
        result = invoke("build", "--project", project, "--out", tmp_path / run, *extra)
        assert result.exit_code == 0, result.output
    assert parsed == []
    for name in ("review-document.docx", "review-document.html"):
        assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "without" / name).read_bytes()
        assert (tmp_path / "cold" / name).read_bytes() == (tmp_path / "without" / name).read_bytes()


def test_an_edited_section_alone_is_parsed_again_and_its_new_finding_reported(project: Path, cache_dir: Path,
                                                                                parsed: Parsed) -> None:
    api.check(project)
    parsed.clear()
    path = project / ACTION_6
    path.write_text(path.read_text(encoding="utf-8") + "\nThe figures are TODO.\n", encoding="utf-8")
    result = api.check(project)
    assert parsed == [ACTION_6]
    assert any(found.code == "CCM030" and found.location is not None and found.location.file == ACTION_6
               for found in result.report.findings)
    assert result.report == api.check(project, keep=False).report


def test_an_edit_replaces_the_files_entry_rather_than_adding_one(project: Path, cache_dir: Path) -> None:
    api.check(project)
    before = _entries(cache_dir)
    path = project / ACTION_6
    for number in range(3):
        path.write_text(path.read_text(encoding="utf-8") + f"\nA paragraph added, {number + 1}.\n", encoding="utf-8")
        api.check(project)
    after = _entries(cache_dir)
    assert [entry.name for entry in after] == [entry.name for entry in before]
    assert len(before) == len(_section_files(project)) + 2  # every section, the masthead and the templates


def test_a_change_in_data_parses_every_section_again(project: Path, cache_dir: Path, parsed: Parsed) -> None:
    warm = api.check(project)
    assert not any(found.code == "CCM073" for found in warm.report.findings)
    data = project / "data" / "states-parties.csv"
    data.write_text("\n".join(data.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    parsed.clear()
    result = api.check(project)
    assert sorted(parsed) == _section_files(project)
    # The references to the year now missing are reported, as without the store.
    assert any(found.code == "CCM073" for found in result.report.findings)
    assert result.report == api.check(project, keep=False).report


def test_a_change_in_templates_parses_every_section_again(project: Path, cache_dir: Path, parsed: Parsed) -> None:
    api.check(project)
    review = project / "templates" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("max_words: 10700", "max_words: 1000", 1),
                      encoding="utf-8")
    parsed.clear()
    result = api.check(project)
    assert sorted(parsed) == _section_files(project)
    assert result.spec.max_document_words == 1000
    assert any(found.code == "CCM022" for found in result.report.findings)
    assert result.report == api.check(project, keep=False).report


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "another key"])
def test_a_damaged_entry_is_a_miss(damage: str, project: Path, cache_dir: Path, parsed: Parsed) -> None:
    expected = api.check(project, keep=False).report
    api.check(project)
    for entry in _entries(cache_dir):
        data = entry.read_bytes()
        entry.write_bytes({"garbage": b"not a pickle at all" * 10, "truncated": data[:len(data) // 2],
                           "empty": b"", "another key": data[:19] + bytes(32) + data[51:]}[damage])
    parsed.clear()
    assert api.check(project).report == expected
    assert sorted(parsed) == _section_files(project)
    parsed.clear()
    assert api.check(project).report == expected  # written afresh
    assert parsed == []


def test_an_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    kept = Store(tmp_path / "entries")
    key = digest(b"sections/x.md", b"bytes")
    kept.put("sections/x.md", key, ("not", "a section"))
    assert kept.get("sections/x.md", key) == ("not", "a section")
    sources = open_kept(tmp_path / "project")
    assert sources is not None
    sources.store = kept
    sources._section_key = lambda path, file: key  # type: ignore[method-assign]
    path = tmp_path / "x.md"
    path.write_text("---\naction: 6\n---\nText.\n", encoding="utf-8")
    section, _ = sources.section(path, "sections/x.md", ())
    assert section.action == 6
    assert sources.parsed == ["sections/x.md"]


def test_another_version_of_the_package_misses(project: Path, cache_dir: Path, parsed: Parsed,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    api.check(project)
    monkeypatch.setattr(store, "_SALT", b"ccm-review 99.0.0\0python 3.11\0")
    parsed.clear()
    api.check(project)
    assert sorted(parsed) == _section_files(project)


def test_other_code_of_the_package_misses(project: Path, cache_dir: Path, parsed: Parsed,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # A rule changed without a new version number (a branch checked out, an install from git).
    api.check(project)
    assert store._code_digest is not None
    monkeypatch.setattr(store, "_code_digest", digest(store._code_digest))
    parsed.clear()
    api.check(project)
    assert sorted(parsed) == _section_files(project)


def test_the_code_digest_reads_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    before = store._code()
    monkeypatch.setattr(store, "_CODE", tuple(name for name in store._CODE if name != "validate"))
    assert store._code() != before


def test_a_code_file_written_anew_changes_the_stamp_and_bytecode_does_not(tmp_path: Path) -> None:
    # The code is stamped by each file's size and modification time, not read: a checkout or an edit
    # writes the file again. Bytecode that Python writes beside it must not count.
    (tmp_path / "rules").mkdir()
    rule = tmp_path / "rules" / "dates.py"
    rule.write_text("PATTERN = 'a'\n", encoding="utf-8")

    def stamp() -> bytes:
        hasher = store.blake2b(digest_size=16)
        store._stamp_folder(hasher, str(tmp_path), "validate")
        return hasher.digest()

    before = stamp()
    (tmp_path / "rules" / "__pycache__").mkdir()
    (tmp_path / "rules" / "__pycache__" / "dates.cpython-311.pyc").write_bytes(b"compiled")
    assert stamp() == before
    rule.write_text("PATTERN = 'b'\n", encoding="utf-8")  # the same size, written anew
    os.utime(rule, ns=(rule.stat().st_atime_ns, rule.stat().st_mtime_ns + 1_000_000))
    assert stamp() != before


def test_a_folder_others_may_write_to_is_not_used(project: Path, cache_dir: Path, parsed: Parsed) -> None:
    cache_dir.mkdir(parents=True)
    cache_dir.chmod(0o777)
    expected = api.check(project, keep=False).report
    assert open_store(project) is None
    assert api.check(project).report == expected
    assert _entries(cache_dir) == []


def test_a_folder_of_another_user_is_not_used(project: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir.mkdir(parents=True, mode=0o700)
    assert open_store(project) is not None
    owner = cache_dir.stat().st_uid
    monkeypatch.setattr(store.os, "getuid", lambda: owner + 1)
    assert open_store(project) is None
    assert invoke("check", "--project", project).exit_code == 0
    assert _entries(cache_dir) == []


def test_a_link_is_not_used_as_the_folder(project: Path, tmp_path_factory: pytest.TempPathFactory,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    real = elsewhere / "real"
    real.mkdir(mode=0o700)
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(real))
    assert open_store(project) is not None
    (elsewhere / "link").symlink_to(real)
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(elsewhere / "link"))
    assert open_store(project) is None


def test_a_folder_that_cannot_be_made_or_written_costs_nothing_but_time(
        project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = tmp_path_factory.mktemp("elsewhere")
    expected = api.check(project, keep=False).report
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    assert open_store(project) is None
    assert api.check(project).report == expected
    # A folder that can be made, but no entry written in it.
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(tmp_path / "full"))

    real_open = os.open

    def full_disk(path: str, flags: int, mode: int = 0o777) -> int:
        if ".new-" in os.fspath(path):
            raise OSError(28, "No space left on device")
        return real_open(path, flags, mode)

    assert open_store(project) is not None
    monkeypatch.setattr(store.os, "open", full_disk)
    assert api.check(project).report == expected
    assert (tmp_path / "full").is_dir()
    assert _entries(tmp_path / "full") == []


def test_nothing_is_written_inside_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    before = fingerprint(project)
    names = sorted(path.relative_to(project) for path in project.rglob("*"))
    # Even when asked to: a store inside the project could be committed, and a pickle runs code.
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(project / ".cache"))
    assert open_store(project) is None
    api.check(project)
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(tmp_path / "store"))
    api.check(project)
    api.check(project)
    assert sorted(path.relative_to(project) for path in project.rglob("*")) == names
    assert fingerprint(project) == before
    assert _entries(tmp_path / "store") != []


@pytest.mark.parametrize("command", ["status", "comments"])
def test_status_and_comments_use_the_store_unless_told_not_to(project: Path, cache_dir: Path, tmp_path: Path,
                                                             command: str) -> None:
    assert invoke("build", "--project", project, "--out", tmp_path / "out", "--no-cache").exit_code == 0
    arguments = [command, "--project", project, "--format", "json"]
    if command == "comments":
        arguments.insert(1, tmp_path / "out" / "review-document.docx")
    without = invoke(*arguments, "--no-cache")
    assert without.exit_code == 0, without.output
    assert not cache_dir.exists()
    with_store = invoke(*arguments)
    assert with_store.exit_code == 0
    assert _entries(cache_dir) != []
    assert with_store.output == without.output


def test_the_store_is_made_private_to_the_user(project: Path, cache_dir: Path) -> None:
    api.check(project)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    for folder in cache_dir.iterdir():
        assert folder.stat().st_mode & 0o777 == 0o700
        assert all(entry.stat().st_mode & 0o077 == 0 for entry in folder.iterdir())


def test_no_cache_and_the_variable_turn_the_store_off(project: Path, cache_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke("check", "--project", project, "--no-cache").exit_code == 0
    assert invoke("build", "--project", project, "--out", project.parent / "out", "--no-cache").exit_code == 0
    assert not cache_dir.exists()
    monkeypatch.setenv("CCM_REVIEW_NO_CACHE", "1")
    assert invoke("check", "--project", project).exit_code == 0
    assert not cache_dir.exists()
    monkeypatch.setenv("CCM_REVIEW_NO_CACHE", "0")
    assert invoke("check", "--project", project).exit_code == 0
    assert _entries(cache_dir) != []


def test_where_the_store_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCM_REVIEW_CACHE_DIR", str(tmp_path / "named"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_dir() == tmp_path / "named"
    monkeypatch.delenv("CCM_REVIEW_CACHE_DIR")
    assert default_dir() == tmp_path / "xdg" / "ccm-review"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")  # the XDG specification ignores it
    assert default_dir() == tmp_path / "home" / ".cache" / "ccm-review"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_dir() == tmp_path / "home" / ".cache" / "ccm-review"


def test_without_a_home_folder_the_store_is_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A user the system cannot name a home folder for (no HOME, no entry in its database): Path.home()
    # raises, which must turn the store off, not stop the check.
    monkeypatch.delenv("CCM_REVIEW_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert default_dir() is None
    assert open_store(project) is None
    result = invoke("check", "--project", project)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_check_files_warm_gives_what_it_gives_cold(project: Path, cache_dir: Path, parsed: Parsed,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copyfile(RULE_FIXTURES / "CCM011-fail.md", project / ACTION_6)
    monkeypatch.chdir(project)
    without = _outputs(project, ACTION_6, "--no-cache")
    cold = _outputs(project, ACTION_6)
    parsed.clear()
    warm = _outputs(project, ACTION_6)
    assert cold == warm == without
    assert "CCM011" in warm[0]
    assert parsed == []


def test_the_preview_reads_the_store_on_its_first_load(project: Path, cache_dir: Path, parsed: Parsed) -> None:
    api.check(project)
    cache = SourceCache()
    parsed.clear()
    page = api.preview_page(project, cache)
    assert parsed == [] and cache.parsed == []
    assert page == api.preview_page(project, SourceCache(keep=False))
    # An edit: that file alone is parsed again, by the preview as by the next command.
    path = project / ACTION_6
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    assert api.preview_page(project, cache) == api.preview_page(project, SourceCache(keep=False))
    assert cache.parsed == [ACTION_6]
    parsed.clear()
    api.check(project)
    assert parsed == []


def test_an_entry_is_its_key_and_a_pickle_of_the_model(project: Path, cache_dir: Path) -> None:
    api.check(project)
    kept = open_store(project)
    assert kept is not None
    values = [pickle.loads(entry.read_bytes()[19 + 32:]) for entry in kept.folder.iterdir()]
    assert sum(isinstance(value, Spec) for value in values) == 1
    assert sum(isinstance(value, tuple) and isinstance(value[0], Masthead) for value in values) == 1
    assert sorted(value[0].path for value in values if isinstance(value, tuple) and isinstance(value[0], Section)) \
        == _section_files(project)


def test_a_redline_files_a_revision_under_the_project_not_its_temporary_folder(
        tmp_path: Path, cache_dir: Path, parsed: Parsed, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_tools_redline import TAG, make_repository

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1588204800")
    project = copy_project(tmp_path / "drafting")
    make_repository(project, project)
    path = project / ACTION_6
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    first = api.redline(project, TAG, out_dir=tmp_path / "first")
    assert sorted(parsed) == sorted(_section_files(project) * 2)  # both drafts, cold
    parsed.clear()
    second = api.redline(project, TAG, out_dir=tmp_path / "second")
    assert parsed == []  # the tag's files were extracted to another temporary folder, and found all the same
    assert second.summary == first.summary
    for name in first.written:
        assert (tmp_path / "second" / name.name).read_bytes() == name.read_bytes()
    parsed.clear()
    without = api.redline(project, TAG, out_dir=tmp_path / "without", keep=False)
    assert without.summary == first.summary
    assert sorted(parsed) == sorted(_section_files(project) * 2)


# --- the findings of file scope kept with each section --------------------------------------------


def test_every_fixture_judged_beside_kept_parts_gives_the_findings_of_a_check_without_the_store(
        project: Path, cache_dir: Path, parsed: Parsed) -> None:
    from tests.test_api import CHECK_FILE_CASES

    # Every shipped part given findings of its own, so that kept findings are compared too.
    for file in _section_files(project):
        with (project / file).open("a", encoding="utf-8") as stream:
            stream.write("\n3 States reported TODO.\n")
    api.check(project)
    for fixture, target in CHECK_FILE_CASES:
        shutil.copyfile(RULE_FIXTURES.parent / fixture, project / target)
        parsed.clear()
        fresh = api.check(project)  # the fixture judged anew, the other parts' findings from the store
        assert set(parsed) <= {target}, fixture  # (none when the fixture has the bytes of the one before)
        kept = api.check(project)  # every part's findings from the store
        assert fresh.report == kept.report == api.check(project, keep=False).report, fixture
    # Submission mode adds a check over every part (CCM017): not one of those whose findings are kept.
    assert api.check(project, strict=True).report == api.check(project, strict=True, keep=False).report


def test_a_new_masthead_judges_every_part_again(project: Path, cache_dir: Path) -> None:
    before = api.check(project)
    assert not any(found.code == "CCM076" for found in before.report.findings)
    masthead = project / "sections" / "document.yaml"
    text = masthead.read_text(encoding="utf-8")
    assert "\ndate: 2020-" in text
    masthead.write_text(text.replace("\ndate: 2020-", "\ndate: 2017-", 1), encoding="utf-8")
    after = api.check(project)
    # Figures of 2018 and 2019 are now dated after the document: reported in the parts kept in the store.
    assert any(found.code == "CCM076" and found.location is not None and found.location.file.startswith("sections/0")
               for found in after.report.findings)
    assert after.report == api.check(project, keep=False).report


def test_the_masthead_is_read_from_the_store_until_it_changes(project: Path, cache_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ccm_review.load import document

    read: list[str] = []
    real = document.load_masthead
    monkeypatch.setattr(document, "load_masthead", lambda *args: read.append(args[1]) or real(*args))
    first = api.check(project)
    second = api.check(project)
    assert read == ["sections/document.yaml"]
    assert second.document.masthead == first.document.masthead
    masthead = project / "sections" / "document.yaml"
    masthead.write_text(masthead.read_text(encoding="utf-8") + "job_number: TODO\n", encoding="utf-8")
    third = api.check(project)
    assert read == ["sections/document.yaml"] * 2
    assert third.document.masthead.job_number == "TODO"
    assert third.report == api.check(project, keep=False).report


def test_the_section_checks_and_the_others_are_every_check_once(project: Path) -> None:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.load.sections import load_document
    from ccm_review.spec.template import load_spec
    from ccm_review.validate import validate_document

    shutil.copyfile(EDITORIAL_FIXTURES / "CCM043-fail.md", project / ACTION_6)
    for file in _section_files(project):
        with (project / file).open("a", encoding="utf-8") as stream:
            stream.write("\n3 States reported TODO on June 8, 2020.\n")
    document, _ = load_document(project)
    analysis = Analysis(document, load_spec(project))
    for strict in (False, True):
        every = validate_document(analysis, strict)
        split = validate_document(analysis, strict, sections=True) + validate_document(analysis, strict, sections=False)
        assert sorted(map(repr, split)) == sorted(map(repr, every))
        assert {found.code for found in every} >= {"CCM030", "CCM040", "CCM042", "CCM043"}
