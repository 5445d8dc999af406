"""YAML text into located MetaNode trees (ccm_review/load/yaml.py): libyaml and the pure parser read alike,
and what is not plain data is refused at its line.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.resolver import VersionedResolver

from ccm_review.load.frontmatter import Split, split_front_matter
from ccm_review.load.yaml import YamlProblem, _needs_pure_parser, parse_yaml
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaScalar
from tests.helpers import REPO, RULE_FIXTURES, TESTS

FILE = "sections/x.md"


# --- parse_yaml ------------------------------------------------------------------------------------


def test_yaml_mapping_keeps_keys_in_order_with_their_lines_after_the_offset() -> None:
    node = parse_yaml("action: 4\nstatus: draft\n", FILE, line_offset=1)
    assert isinstance(node, MetaMap)
    assert [entry.key for entry in node.entries] == ["action", "status"]
    assert node.location == Location(FILE, 2, 1)
    status = node.entry("status")
    assert status is not None
    assert status.key_location == Location(FILE, 3, 1)
    assert status.value == MetaScalar("draft", "str", Location(FILE, 3, 9))


def test_yaml_nested_values_have_their_own_locations() -> None:
    node = parse_yaml('table:\n  - ref: "4.1"\n    indicator: x\n', FILE, line_offset=1)
    assert isinstance(node, MetaMap)
    table = node.get("table")
    assert isinstance(table, MetaList)
    row = table.items[0]
    assert isinstance(row, MetaMap)
    assert row.location == Location(FILE, 3, 5)
    assert row.get("ref") == MetaScalar("4.1", "str", Location(FILE, 3, 10))
    assert row.get("indicator") == MetaScalar("x", "str", Location(FILE, 4, 16))


@pytest.mark.parametrize("text, value, kind", [
    ('"4"', "4", "str"),
    ("4", 4, "int"),
    ("1_000", 1000, "int"),
    ("4.5", 4.5, "float"),
    ("true", True, "bool"),
    ("yes", "yes", "str"),  # YAML 1.2: no Norway problem
    ("~", None, "null"),
    ("2020-04-30", "2020-04-30", "date"),
    ("Mexico, Spain", "Mexico, Spain", "str"),
])
def test_yaml_scalars_keep_their_kind(text: str, value: str | int | float | bool | None, kind: str) -> None:
    node = parse_yaml(f"key: {text}", FILE)
    assert isinstance(node, MetaMap)
    assert node.get("key") == MetaScalar(value, kind, Location(FILE, 1, 6))


def shipped_yaml_texts() -> list[tuple[str, str]]:
    """Every well-meant YAML text: templates, document.yaml, front matter of the sections and fixtures."""
    root = REPO
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in sorted(
        [*root.glob("templates/*.yaml"), root / "sections" / "document.yaml", *root.glob("tests/fixtures/*/*.yaml")])]
    for path in sorted([*root.glob("sections/*.md"), *root.glob("tests/fixtures/*/*.md")]):
        split = split_front_matter(path.read_text(encoding="utf-8"))
        if isinstance(split, Split):
            texts.append((str(path), split.front_matter))
    cases = root / "tests" / "bad_inputs" / "cases.yaml"
    texts.append((str(cases), cases.read_text(encoding="utf-8")))
    return texts


def bad_input_yaml_texts() -> list[tuple[str, str]]:
    """The YAML of every bad input that is UTF-8 text: whole .yaml files, the front matter of .md files."""
    texts = []
    for path in sorted((TESTS / "bad_inputs" / "files").iterdir()):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # a binary or another encoding: no YAML parser ever sees it
        if path.suffix == ".yaml":
            texts.append((str(path), text))
            continue
        split = split_front_matter(text)
        if isinstance(split, Split):
            texts.append((str(path), split.front_matter))
    return texts


def yaml_texts() -> list[tuple[str, str]]:
    """Every YAML text the project ships or the tests use: templates, front matter, fixtures, bad inputs."""
    return shipped_yaml_texts() + bad_input_yaml_texts()


def test_libyaml_is_there_to_read_yaml_fast() -> None:
    from ruamel.yaml import main

    assert getattr(main, "CParser", None) is not None, "ruamel.yaml.clib is a dependency: reinstall the package"


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, y]\nc:\n  - d: 2020-04-30\n    e: ~\n", "action: 4\nstatus:\n", "k: 'it''s'\nl: \"\\u00e9\"\n",
    "t: |\n  line\n\n  more\nu: >-\n  folded\n  text\n", "k: caf\u00e9 \u2013 d\u00e9j\u00e0\n  vu\nn: 0x1F\n",
])
def test_libyaml_and_the_pure_parser_give_the_same_tree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_yaml(text, FILE, line_offset=3)
    monkeypatch.setattr("ccm_review.load.yaml._needs_pure_parser", lambda text: True)
    assert fast == parse_yaml(text, FILE, line_offset=3)


def test_every_shipped_and_test_yaml_reads_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = yaml_texts()
    assert len(texts) > 40
    fast = [parse_yaml(text, name) for name, text in texts]
    monkeypatch.setattr("ccm_review.load.yaml._needs_pure_parser", lambda text: True)
    assert fast == [parse_yaml(text, name) for name, text in texts]


def test_the_fixed_yaml_version_tags_every_scalar_as_ruamels_own_resolver_does(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # load/yaml.py tells ruamel's resolver the version (1.2) instead of letting it ask for each scalar; a
    # "yes", "0o17" or "1:20" would be tagged otherwise under another version, so every text is compared.
    texts = yaml_texts()
    ours = [parse_yaml(text, name) for name, text in texts]
    monkeypatch.setattr("ccm_review.load.yaml._Resolver", VersionedResolver)
    monkeypatch.setattr("ccm_review.load.yaml._idle", {})  # YAML objects made with the other resolver
    assert ours == [parse_yaml(text, name) for name, text in texts]
    generated = "\n".join(f"k{index}: {value}" for index, value in enumerate(
        ["yes", "No", "on", "0o17", "017", "1:20", "0x1F", "1_000", ".inf", "~", "null", "2020-04-30", "1e3", "+12"]))
    theirs = parse_yaml(generated, FILE)
    monkeypatch.undo()
    assert parse_yaml(generated, FILE) == theirs


def test_shipped_and_test_yaml_takes_the_libyaml_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The speed libyaml brings is lost without a sound if _needs_pure_parser sends everything to the pure parser.
    texts = shipped_yaml_texts()
    assert len(texts) > 40
    pure = [name for name, text in texts if _needs_pure_parser(text)]
    assert set(pure) <= {str(RULE_FIXTURES / "CCM001-tab-fail.md")}
    read = {name: parse_yaml(text, name) for name, text in texts}
    readable = [(name, text) for name, text in texts if not isinstance(read[name], YamlProblem)]
    assert len(readable) > 40

    def refuse(text: str) -> None:
        raise AssertionError("the pure parser was asked to read well-formed YAML")

    monkeypatch.setattr("ccm_review.load.yaml._compose_pure", refuse)
    assert [parse_yaml(text, name) for name, text in readable] == [read[name] for name, _ in readable]


# Pieces of YAML, valid and not: generated texts put them together at random.
_YAML_PIECES = st.sampled_from([
    "a", "b: ", "key: value\n", "  - item\n", "- ", "-", ":", ": ", " ", "  ", "\n", "\t", "\r", "'", '"', "[",
    "]", "{", "}", ",", "#", "|", ">", "|-", ">+", "|2", "?", "@", "`", "%", "*x", "&a ", "!x ", "!!str ", "<<: ",
    "1", "-1", ".5", "1e3", "+1", "0o7", "0x1F", "1_0", "yes", "true", "False", "~", "null", "2020-01-01", "...",
    "---", "=", "\\", "\\n", "\u00e9", "\u00a0", "\u2028", "\ufeff",
])


@settings(max_examples=3000, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(_YAML_PIECES, max_size=25).map("".join))
def test_libyaml_never_reads_a_text_otherwise_than_the_pure_parser(text: str) -> None:
    # Where they would differ (tabs, anchors, separators, ...) the text goes to the pure parser.
    fast = parse_yaml(text, FILE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ccm_review.load.yaml._needs_pure_parser", lambda text: True)
        assert fast == parse_yaml(text, FILE)


def test_without_libyaml_the_pure_parser_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyPy, or a platform without a ruamel.yaml.clib wheel: slower, never different.
    texts = yaml_texts()
    fast = [parse_yaml(text, name) for name, text in texts]
    monkeypatch.setattr("ruamel.yaml.main.CParser", None)
    monkeypatch.setattr("ccm_review.load.yaml._idle", {})
    assert [parse_yaml(text, name) for name, text in texts] == fast


def test_a_text_that_failed_does_not_change_how_the_next_is_read() -> None:
    # The YAML objects are used again: the anchor of a text that stopped on an error must not be known later.
    # ruamel resets its state after an error; the object that stopped is dropped all the same.
    from ccm_review.load import yaml as yaml_module

    alone = parse_yaml("c: *x\n", FILE)
    assert isinstance(alone, YamlProblem) and "x" in alone.message
    assert isinstance(parse_yaml("k: R&D\n", FILE), MetaMap)  # an "&": the pure parser, which composes it
    before = yaml_module._idle.get(True)
    assert before is not None
    assert isinstance(parse_yaml("a: &x 1\nb: [\n", FILE), YamlProblem)
    assert yaml_module._idle.get(True) is not before
    assert parse_yaml("c: *x\n", FILE) == alone
    assert isinstance(parse_yaml("d: 1\n", FILE), MetaMap)


def test_the_yaml_objects_are_used_again_and_keep_nothing_per_document() -> None:
    from ccm_review.load import yaml as yaml_module

    parse_yaml("a: 1\n", FILE)
    parse_yaml("b: &c 2\n", FILE)  # an anchor: the pure parser
    kept = dict(yaml_module._idle)
    assert set(kept) == {False, True}
    for _ in range(3):
        parse_yaml("a: 1\n", FILE)
        parse_yaml("b: &c 2\n", FILE)
    assert yaml_module._idle == kept
    assert all(not yaml.doc_infos for yaml in kept.values())


def test_a_reused_anchor_is_refused_without_a_python_warning(recwarn: pytest.WarningsRecorder) -> None:
    problem = parse_yaml("status: &a final\nx: &a 1\n", FILE)
    assert isinstance(problem, YamlProblem) and "anchors" in problem.message
    assert [str(warning.message) for warning in recwarn] == []


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: 2\n", "anchors"),  # libyaml's nodes forget their anchor: the pure parser sees it
    ("a: &x 1\nb: *x\n", "anchors"),
    ("a: !!python/object:os.system x\n", "tag"),
])
def test_what_libyaml_would_hide_is_still_refused(text: str, message: str) -> None:
    problem = parse_yaml(text, FILE)
    assert isinstance(problem, YamlProblem) and message in problem.message


def test_a_yaml_directive_never_reaches_a_parser() -> None:
    # libyaml ignores `%YAML 1.1`, under which the pure parser reads `yes` as true: both are spared.
    problem = parse_yaml("%YAML 1.1\n---\nanswer: yes\n", FILE)
    assert isinstance(problem, YamlProblem) and "directive" in problem.message


@pytest.mark.parametrize("text", ["", "# a comment only\n"])
def test_yaml_without_content_is_none(text: str) -> None:
    assert parse_yaml(text, FILE) is None


def test_yaml_error_is_located_in_the_file() -> None:
    problem = parse_yaml("status: draft\nindicator: Rate: 80 per cent\n", FILE, line_offset=1)
    assert isinstance(problem, YamlProblem)
    assert problem.location == Location(FILE, 3, 16)
    assert "mapping values" in problem.message
    assert problem.hint and "quotes" in problem.hint


def test_yaml_tab_indentation_gets_a_hint() -> None:
    problem = parse_yaml("coordinators:\n\t- Iraq\n", FILE, line_offset=1)
    assert isinstance(problem, YamlProblem)
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert problem.message == "the line is indented with a tab"
    assert problem.hint and "spaces" in problem.hint


def test_yaml_duplicate_key_is_refused_at_the_second_key() -> None:
    problem = parse_yaml("status: draft\nstatus: final\n", FILE)
    assert isinstance(problem, YamlProblem)
    assert "duplicate key 'status'" in problem.message
    assert problem.location == Location(FILE, 2, 1)


@pytest.mark.parametrize("text, says", [
    ("coordinators: &c [Iraq]\nother: *c\n", "anchors"),
    ("a: {<<: {b: 1}}\n", "merge keys"),
    ("a: !custom x\n", "tag"),
    ("a: !!python/object:os.system x\n", "tag"),
])
def test_yaml_constructs_beyond_plain_data_are_refused(text: str, says: str) -> None:
    problem = parse_yaml(text, FILE)
    assert isinstance(problem, YamlProblem)
    assert says in problem.message


def test_yaml_scalar_aliases_are_refused_like_the_others() -> None:
    assert isinstance(parse_yaml("status: &s draft\nother: *s\n", FILE), YamlProblem)


@pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system [ls]\n", "a: !things {b: 1}\n",
                                  "!!omap\n- a: 1\n"])
def test_a_tag_on_a_list_or_mapping_is_refused(text: str) -> None:
    problem = parse_yaml(text, FILE)
    assert isinstance(problem, YamlProblem) and "tag" in problem.message


@pytest.mark.parametrize("escape", ["\\0", "\\x0b", "\\u001b", "\\e"])
def test_a_control_character_written_as_an_escape_is_refused(escape: str) -> None:
    problem = parse_yaml(f'a: "x{escape}y"\n', FILE)
    assert isinstance(problem, YamlProblem) and "control character" in problem.message


def test_a_directive_after_a_byte_order_mark_is_refused_too() -> None:
    # Reading a file takes off one mark; after a second the parser still reads the directive (YAML 1.1: "Yes"
    # would be true), so the version load/yaml.py tells the resolver would be wrong.
    problem = parse_yaml("\ufeff%YAML 1.1\n---\nsession: Yes\n", FILE)
    assert isinstance(problem, YamlProblem) and "directive" in problem.message


def test_a_directive_is_refused_in_plain_words() -> None:
    problem = parse_yaml("%YAML 1.1\na: 1\n", FILE, line_offset=1)
    assert isinstance(problem, YamlProblem)
    assert problem.location == Location(FILE, 2, 1) and "directive" in problem.message
