"""Writers: one interface every output implements, and the registry that `api.build` loops over.

A writer is a package or module of `ccm_review.render` exposing `WRITER`, an object with a `name`
(what `build` reports and, later, what `--format` takes), the `file_name` it writes into the
output folder, and `render(outline, context) -> bytes`. The registry names the module of each
writer and imports it only when it is used, so that `check` never loads python-docx or jinja2
and the preview loads only the HTML writer. A new output is one module and one line below.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from ccm_review.model.record import Record, set_field
from ccm_review.project import DEFAULT_FORMATS, FORMATS

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from ccm_review.model.outline import Outline


class RenderContext(Record):
    """What a writer may read besides the outline: the project's templates/ and the build's time stamp.

    A redline (an outline with a newer draft's changes marked) sets `redline`, and `author` names who
    the tracked changes are by (default: the masthead's body).
    """

    __slots__ = ("templates", "stamp", "redline", "author")  # noqa: RUF023
    templates: Path
    stamp: datetime
    redline: bool
    author: str

    def __init__(self, templates: Path, stamp: datetime, redline: bool = False, author: str = "") -> None:
        set_field(self, "templates", templates)
        set_field(self, "stamp", stamp)
        set_field(self, "redline", redline)
        set_field(self, "author", author)


class Writer(Protocol):
    """One output format."""

    @property
    def name(self) -> str:
        """The format's short name, e.g. "docx"."""

    @property
    def file_name(self) -> str:
        """The file written into the output folder, e.g. "review-document.docx"."""

    def render(self, outline: Outline, context: RenderContext) -> bytes:
        """Return the whole output; identical outline and context give identical bytes."""


# The writers in the order `build` writes and reports them: name -> module exposing WRITER.
_MODULES = {
    "docx": "ccm_review.render.docx",
    "html": "ccm_review.render.html",
    "akn": "ccm_review.render.akn",
    "pdf": "ccm_review.render.pdf",
}
assert tuple(_MODULES) == FORMATS, "a writer for every format a project may ask for"


def writer(name: str) -> Writer:
    """Return the writer of format `name` (one of FORMATS), importing it on first use."""
    found: Writer = import_module(_MODULES[name]).WRITER
    return found


def writers(names: tuple[str, ...] = DEFAULT_FORMATS) -> tuple[Writer, ...]:
    """Return the writers of `names`, in registry order."""
    return tuple(writer(name) for name in FORMATS if name in names)
