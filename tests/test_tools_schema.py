"""The JSON Schema editors use for a section's front matter (ccm_review/tools/schema.py), and
`ccm-review schema`.
"""

from __future__ import annotations

import jsonschema
import pytest

from ccm_review.load.sections import load_document
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.project import SCHEMA_FILE
from ccm_review.spec.template import load_spec
from ccm_review.tools.schema import schema_text, section_schema
from tests.helpers import REPO, invoke


def _plain(node: MetaNode | None) -> object:
    """The front matter as plain Python data, for jsonschema."""
    if isinstance(node, MetaMap):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, MetaList):
        return [_plain(item) for item in node.items]
    assert isinstance(node, MetaScalar) or node is None
    return node.value if node else None


def test_the_shipped_schema_is_the_one_the_templates_give() -> None:
    assert (REPO / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(load_spec(REPO))


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(section_schema(load_spec(REPO)))


def test_every_shipped_section_validates_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(section_schema(load_spec(REPO)))
    document, _ = load_document(REPO)
    for section in document.sections:
        errors = [error.message for error in validator.iter_errors(_plain(section.meta))]
        assert errors == [], section.path


@pytest.mark.parametrize(("front_matter", "complaint"), [
    pytest.param("action: 4\nstatus: draft\ncoordinators: [Spain]\ntable:\n  - {ref: '5.1', indicator: x, "
                 "assessment: achieved}\n", "'5.1' is not one of", id="ref-of-another-action"),
    pytest.param("part: introduction\nstatus: drafty\n", "'drafty' is not one of", id="unknown-status"),
    pytest.param("part: introduction\nstatus: draft\ncolour: red\n", "Additional properties", id="unknown-key"),
    pytest.param("action: 4\nstatus: draft\n", "'coordinators' is a required property", id="action-needs-table"),
    pytest.param("action: 4\npart: introduction\nstatus: draft\ncoordinators: [x]\ntable: [{ref: '4.1', "
                 "indicator: x, assessment: achieved}]\n", "is not valid under any of", id="action-and-part"),
])
def test_the_schema_rejects_what_check_rejects(front_matter: str, complaint: str) -> None:
    validator = jsonschema.Draft202012Validator(section_schema(load_spec(REPO)))
    node = parse_yaml(front_matter, "x.md")
    assert not isinstance(node, YamlProblem), node
    data = _plain(node)
    messages = [error.message for error in validator.iter_errors(data)]
    messages += [sub.message for error in validator.iter_errors(data) for sub in error.context or ()]
    assert any(complaint in message for message in messages), messages


# --- the command ----------------------------------------------------------------------------------


def test_schema_prints_the_shipped_schema() -> None:
    result = invoke("schema", "--project", str(REPO))
    assert result.exit_code == 0
    assert result.output == (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
