"""The HTML writer: the outline through the ISU's jinja2 page template, one module a job.

`page` loads templates/review.html.j2 and fills it; `context` is what the template sees (the
outline's own objects, with the fragments HTML adds); `runs` turns inline runs into escaped HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.project import OUTPUT_STEM
from ccm_review.render.html.page import render_html

if TYPE_CHECKING:
    from ccm_review.model.outline import Outline
    from ccm_review.render import RenderContext


class HtmlWriter:
    """One self-contained, accessible HTML page."""

    name = "html"
    file_name = f"{OUTPUT_STEM}.html"

    def render(self, outline: Outline, context: RenderContext) -> bytes:
        """Return the HTML page of `outline`, encoded as UTF-8."""
        return render_html(outline, context.templates, context.stamp, context.redline).encode("utf-8")


WRITER = HtmlWriter()
