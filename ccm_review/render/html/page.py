"""The outline of a validated document -> one self-contained HTML page, through jinja2.

The look (markup and CSS) lives in templates/review.html.j2; this module only prepares its
declared context (`context`) and turns template problems into TemplateError.
"""

from __future__ import annotations

import contextlib
import traceback
from datetime import datetime
from pathlib import Path

import jinja2

from ccm_review.errors import TemplateError
from ccm_review.model.outline import Outline
from ccm_review.project import PAGE_TEMPLATE, TEMPLATES_DIR
from ccm_review.render.html.context import make_page


def render_html(outline: Outline, templates_dir: Path, stamp: datetime, redline: bool = False) -> str:
    """Return the HTML page of the document; identical input gives identical text."""
    template = _load_template(templates_dir)
    context = make_page(outline, stamp, redline)
    try:
        return template.render(context)
    except jinja2.TemplateError as error:
        raise TemplateError(_describe(error, templates_dir)) from error


def _environment(templates_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        # default=True: escaping stays on whatever the template file is called (.j2 included).
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml", "j2"), default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )


class _BestEffortCache(jinja2.FileSystemBytecodeCache):
    """jinja2's cache of compiled templates, which a build never fails for.

    Compiling the page template takes longer than filling it; the compiled code is kept, keyed
    by the template's checksum, in jinja2's per-user directory of the system's temporary files
    (created private to the user; jinja2 refuses one that is not).
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # A full or read-only disk costs the next build a compilation, nothing more.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _BestEffortCache(pattern="ccm-review-%s.cache")
    except (OSError, RuntimeError):  # no private directory can be had: compile every time
        return None


def _load_template(templates_dir: Path) -> jinja2.Template:
    if not (templates_dir / PAGE_TEMPLATE).is_file():
        raise TemplateError(f"{TEMPLATES_DIR}/{PAGE_TEMPLATE} is missing",
                            hint="restore it from the ccm-review repository")
    try:
        return _environment(templates_dir).get_template(PAGE_TEMPLATE)
    except jinja2.TemplateError as error:
        raise TemplateError(_describe(error, templates_dir)) from error


def _describe(error: jinja2.TemplateError, templates_dir: Path) -> str:
    """Return "templates/<file>:<line>: <problem>" for a template error, as precisely as known."""
    line: int | None
    if isinstance(error, jinja2.TemplateSyntaxError):
        name, line = error.name or PAGE_TEMPLATE, error.lineno
    else:
        name, line = _failing_template_line(error, templates_dir)
    where = f"{TEMPLATES_DIR}/{name}:{line}" if line else f"{TEMPLATES_DIR}/{name}"
    return f"{where}: {error.message or type(error).__name__}"


def _failing_template_line(error: BaseException, templates_dir: Path) -> tuple[str, int | None]:
    # jinja2 rewrites tracebacks so that template frames carry the template's file and line.
    root = templates_dir.resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.is_absolute() and path.resolve().is_relative_to(root):
            return path.resolve().relative_to(root).as_posix(), frame.lineno
    return PAGE_TEMPLATE, None

