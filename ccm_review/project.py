"""Every path and name of a drafting project, in one place: where sources, templates and outputs live.

A project directory is any directory with `sections/` and `templates/` (DESIGN.md). Paths here are
relative to it and written with `/`, as findings print them.
"""

from __future__ import annotations

from pathlib import Path

from ccm_review.errors import ProjectError, UsageError
from ccm_review.model.record import Record, set_field

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


class NamedFiles(Record):
    """The files `check FILE...` was given, as project paths: the section files to read, the other sources
    whose findings to report (document.yaml, data/ files), and those the project ignores (never read)."""

    # A record, not a dataclass: making the dataclass's methods took about 1 ms of every run's import.
    __slots__ = ("sections", "others", "ignored")  # noqa: RUF023
    sections: frozenset[str]
    others: frozenset[str]
    ignored: tuple[str, ...]

    def __init__(self, sections: frozenset[str], others: frozenset[str], ignored: tuple[str, ...]) -> None:
        set_field(self, "sections", sections)
        set_field(self, "others", others)
        set_field(self, "ignored", ignored)

    @property
    def checked(self) -> tuple[str, ...]:
        """Every file checked, in name order."""
        return tuple(sorted(self.sections | self.others))


def named_files(project: Path, paths: tuple[Path, ...]) -> NamedFiles:
    """Return the files of `project` that `paths` name (relative to the current directory, or absolute, as
    pre-commit passes them); raise UsageError (exit 2) for a missing file or one outside sections/ and data/."""
    root = project.resolve()
    sections: set[str] = set()
    others: set[str] = set()
    ignored: list[str] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file", hint="name files of the project's sections/ (or data/), "
                             "or run 'ccm-review check' without files to check the whole project")
        # The folder is resolved, not the file: a section that is a link is still that section (CCM008 judges it).
        folder = path.absolute().parent.resolve()
        where = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else None
        file = f"{where}/{path.name}"
        if file == DOCUMENT_FILE or (where == DATA_DIR and path.suffix in DATA_SUFFIXES):
            others.add(file)
        elif where == SECTIONS_DIR:
            # As in a full check: backups, lock files and parked drafts are not part of the document.
            if path.suffix == SECTION_SUFFIX and not is_ignored(path.name):
                sections.add(file)
            else:
                ignored.append(file)
        else:
            raise UsageError(f"{path} is not a file of the project's {SECTIONS_DIR}/ or {DATA_DIR}/ ({root})",
                             hint="check FILE... reads section files, sections/document.yaml and data/ files; "
                                  "pass --project DIR when the project is not the current directory")
    return NamedFiles(frozenset(sections), frozenset(others), tuple(sorted(ignored)))
