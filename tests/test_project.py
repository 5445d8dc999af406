"""The paths and names of a drafting project (ccm_review/project.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_review.errors import ProjectError
from ccm_review.project import (
    CATALOGUE_FILE,
    DOCUMENT_FILE,
    PAGE_TEMPLATE,
    REFERENCE_DOCX,
    REVIEW_FILE,
    SCHEMA_FILE,
    TEMPLATES_DIR,
    is_ignored,
    require_project,
)
from tests.helpers import REPO


def test_every_named_file_exists_in_the_shipped_project() -> None:
    for name in (DOCUMENT_FILE, REVIEW_FILE, CATALOGUE_FILE, SCHEMA_FILE,
                 f"{TEMPLATES_DIR}/{REFERENCE_DOCX}", f"{TEMPLATES_DIR}/{PAGE_TEMPLATE}"):
        assert (REPO / name).is_file(), name


@pytest.mark.parametrize(("name", "ignored"), [
    ("_04-draft.md", True), (".04.md.swp", True), ("~$04-victims.md", True), ("04-victim-assistance.md", False)])
def test_drafts_hidden_files_and_lock_files_are_ignored(name: str, ignored: bool) -> None:
    assert is_ignored(name) is ignored


def test_a_folder_without_sections_and_templates_is_no_project(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    with pytest.raises(ProjectError, match="templates/ missing"):
        require_project(tmp_path)
    (tmp_path / "templates").mkdir()
    require_project(tmp_path)
