"""The DOCX writer: the outline through python-docx (hot loops in plain lxml), one module a job.

`document` orders the work; `masthead`, `tables`, `notes`, `numbering` and `runs` write their
pieces into the `body`; `styles` and `reference` read templates/reference.docx; `package` sets
the page, header, footer and properties and writes reproducible bytes; `xml` holds the lxml
helpers the others share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.project import OUTPUT_STEM, REFERENCE_DOCX
from ccm_review.render.docx.document import render_docx

if TYPE_CHECKING:
    from ccm_review.model.outline import Outline
    from ccm_review.render import RenderContext


class DocxWriter:
    """A Word document with real numbering, footnotes and styles from the reference document."""

    name = "docx"
    file_name = f"{OUTPUT_STEM}.docx"

    def render(self, outline: Outline, context: RenderContext) -> bytes:
        """Return the DOCX bytes of `outline`."""
        return render_docx(outline, context.stamp, context.templates / REFERENCE_DOCX, context.author)


WRITER = DocxWriter()
