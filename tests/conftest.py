"""Shared fixtures: a copy of the shipped project, its templates loaded, a small action 6 loaded; the
per-user store of parsed sections in a folder of the session's own (never the home directory).

Helpers that are not fixtures are in tests/helpers.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ccm_review.load.sections import load_section
from ccm_review.model.source import Section
from ccm_review.spec.template import Spec, load_spec
from tests.helpers import RULE_FIXTURES, copy_project


@pytest.fixture(autouse=True, scope="session")
def _session_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the store (load.store) at a folder of this session, for the commands run in-process and as processes."""
    folder = tmp_path_factory.mktemp("store")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CCM_REVIEW_CACHE_DIR", str(folder / "ccm-review"))
        patch.delenv("CCM_REVIEW_NO_CACHE", raising=False)
        yield folder / "ccm-review"


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
