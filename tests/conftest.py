"""Shared fixtures: a copy of the shipped project, and the rule for external checkers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def require_tool(name: str) -> str:
    """Return the path of program `name`; skip the test without it, fail under CCM_REQUIRE_EXTERNAL=1."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (make ci installs it)"
        if os.environ.get("CCM_REQUIRE_EXTERNAL") == "1":
            pytest.fail(f"{message}; CCM_REQUIRE_EXTERNAL=1 requires it")
        pytest.skip(message)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the shipped project (sections/ and templates/)."""
    for name in ("sections", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path
