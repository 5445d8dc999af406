"""Shared fixtures: a copy of the shipped project, its templates loaded, a small action 6 loaded.

Helpers that are not fixtures are in tests/helpers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_review.load.sections import load_section
from ccm_review.model.source import Section
from ccm_review.spec.template import Spec, load_spec
from tests.helpers import RULE_FIXTURES, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the shipped project (sections/ and templates/)."""
    return copy_project(tmp_path)


@pytest.fixture
def transparency(project: Path) -> tuple[Section, Spec]:
    """The small action 6 fixture, loaded, with the shipped spec."""
    path = project / "sections" / "06-transparency.md"
    path.write_bytes((RULE_FIXTURES / "CCM002-pass.md").read_bytes())
    section, findings = load_section(path, "sections/06-transparency.md")
    assert findings == []
    return section, load_spec(project)


@pytest.fixture
def spec(project: Path) -> Spec:
    """The templates of the copy of the shipped project, loaded."""
    return load_spec(project)
