"""Every path and name of a drafting project, in one place: where sources, templates and outputs live.

A project directory is any directory with `sections/` and `templates/` (DESIGN.md). Paths here are
relative to it and written with `/`, as findings print them.
"""

from __future__ import annotations

from pathlib import Path

from ccm_review.errors import ProjectError

SECTIONS_DIR = "sections"
TEMPLATES_DIR = "templates"
BUILD_DIR = "build"
DATA_DIR = "data"  # the ISU's implementation data: one CSV or YAML file a series (optional)
DATA_SUFFIXES = (".csv", ".yaml", ".yml")

DOCUMENT_FILE = f"{SECTIONS_DIR}/document.yaml"
SECTION_SUFFIX = ".md"
# Files the tool never reads as sections: drafts parked with `_`, hidden files, Word's `~$` lock files.
IGNORED_PREFIXES = ("_", ".", "~")

REVIEW_FILE = f"{TEMPLATES_DIR}/review.yaml"
# The action plan catalogue is named by `catalogue:` in review.yaml; projects made before that key
# existed keep their catalogue under this name.
DEFAULT_CATALOGUE = "dap.yaml"  # in templates/
CATALOGUE_FILE = f"{TEMPLATES_DIR}/{DEFAULT_CATALOGUE}"
SCHEMA_FILE = f"{TEMPLATES_DIR}/section.schema.json"
REFERENCE_DOCX = "reference.docx"  # in templates/
PAGE_TEMPLATE = "review.html.j2"  # in templates/

OUTPUT_STEM = "review-document"  # build/review-document.docx, .html ...
REDLINE_STEM = f"{OUTPUT_STEM}-redline"  # build/review-document-redline.docx, .html
# The outputs a project may ask for (the template's `outputs:`, `build --format`), in the order
# they are written; `render` has a writer for each.
FORMATS = ("docx", "html", "akn", "pdf")
DEFAULT_FORMATS = ("docx", "html")


def require_project(project: Path) -> None:
    """Raise ProjectError (exit 2) unless `project` has the folders of a drafting project."""
    missing = [name for name in (SECTIONS_DIR, TEMPLATES_DIR) if not (project / name).is_dir()]
    if missing:
        raise ProjectError(
            f"{project} is not a ccm-review project: {' and '.join(name + '/' for name in missing)} missing",
            hint="run the command in the project directory or pass --project DIR",
        )


def is_ignored(name: str) -> bool:
    """Whether a file of sections/ named `name` is left out (DESIGN.md: never breaks a build)."""
    return name.startswith(IGNORED_PREFIXES)
