"""Shared fixtures: a copy of the shipped project. Helpers that are not fixtures are in tests/helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the shipped project (sections/ and templates/)."""
    return copy_project(tmp_path)
