"""The operations behind the commands: the one place that knows the order of the stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ccm_review.analyse.measure import document_words, measure_section
from ccm_review.analyse.readability import measure_readability
from ccm_review.errors import NewSectionRefused, OutputError, ProjectError, UsageError
from ccm_review.load.sections import SECTIONS_DIR, load_document
from ccm_review.model.source import Document
from ccm_review.report import Report, SectionSummary, sort_findings
from ccm_review.spec.template import Spec, load_spec
from ccm_review.validate import validate_document
from ccm_review.validate.settle import settle

if TYPE_CHECKING:
    from ccm_review.tools.status.compute import DraftStatus

TEMPLATES_DIR = "templates"
DOCX_NAME = "review-document.docx"
HTML_NAME = "review-document.html"


@dataclass(frozen=True)
class CheckResult:
    """A loaded, validated project."""

    document: Document
    spec: Spec
    report: Report


@dataclass(frozen=True)
class BuildResult:
    """A build: the check it ran and the files it wrote (none when the check failed)."""

    check: CheckResult
    written: tuple[Path, ...]


@dataclass(frozen=True)
class PreviewPage:
    """A preview: the check it ran and the HTML page, rendered in memory (None when the check failed)."""

    check: CheckResult
    html: str | None


def check(project: Path, strict: bool = False) -> CheckResult:
    """Load the templates and sections of `project`, validate them, and report.

    `strict` is submission mode: besides making warnings fail, it requires every part to be final.
    """
    _require_project(project)
    # 1. The template first: without valid rules nothing else can be judged (exit 2).
    spec = load_spec(project)
    # 2. Every section file into the model; unreadable files become findings.
    document, findings = load_document(project)
    # 3. Every rule over the whole document, collected before anything is reported.
    findings.extend(validate_document(document, spec, strict))
    # 4. The authors' ignore comments and the template's rule settings have the last word.
    findings = settle(findings, document, spec)
    # 5. Findings in file order, with the word counts and readability.
    order = ["sections/document.yaml", *(section.path for section in document.sections)]
    report = Report(
        findings=sort_findings(findings, order),
        sections=tuple(_summarise(document, spec)),
        files=len(document.sections),
        words=document_words(document, spec),
        max_words=spec.max_document_words,
    )
    return CheckResult(document, spec, report)


def build(project: Path, out_dir: Path | None = None, strict: bool = False) -> BuildResult:
    """Check `project` and, when it passes, write the DOCX and the HTML into `out_dir`."""
    result = check(project, strict)
    if result.report.fails(strict):
        return BuildResult(result, ())
    # The renderers are imported here, not at the top, so that `check` stays fast.
    from ccm_review.layout.outline import make_outline
    from ccm_review.output import build_time, write_atomic
    from ccm_review.render.docx.document import render_docx
    from ccm_review.render.html.page import render_html

    outline = make_outline(result.document, result.spec)
    stamp = build_time(result.document.masthead.date)
    docx = render_docx(outline, stamp, project / TEMPLATES_DIR / "reference.docx")
    html = render_html(outline, project / TEMPLATES_DIR, stamp).encode("utf-8")
    target = out_dir if out_dir is not None else project / "build"
    outputs = ((target / DOCX_NAME, docx), (target / HTML_NAME, html))
    for path, data in outputs:
        try:
            write_atomic(path, data)
        except OSError as error:  # a folder that cannot be made or written, a full disk
            raise OutputError(f"cannot write {path}: {error.strerror or error}",
                              hint="choose another folder with --out, or check its permissions") from error
    return BuildResult(result, tuple(path for path, _ in outputs))


def _require_project(project: Path) -> None:
    missing = [name for name in (SECTIONS_DIR, TEMPLATES_DIR) if not (project / name).is_dir()]
    if missing:
        raise ProjectError(
            f"{project} is not a ccm-review project: {' and '.join(name + '/' for name in missing)} missing",
            hint="run the command in the project directory or pass --project DIR",
        )


def _summarise(document: Document, spec: Spec) -> list[SectionSummary]:
    summaries: list[SectionSummary] = []
    for section in document.sections:
        part = spec.part(section.key)
        words = measure_section(section, spec)
        summaries.append(SectionSummary(
            file=section.path,
            action=section.action,
            part=section.part,
            title=section.title or (part.title if part else None),
            status=section.status,
            coordinators=section.coordinators,
            narrative_words=words.narrative,
            max_words=part.max_words if part else None,
            table_rows=len(section.rows or ()),
            table_words=words.table,
            readability=measure_readability(section) if section.meta is not None else None,
        ))
    return summaries


def new_section(project: Path, target: str, force: bool = False) -> Path:
    """Write the scaffold of a new section file for action or part `target`; return its path.

    Refuses (NewSectionRefused, exit 1) to overwrite a file or to give an action or part a
    second file, unless `force`; an unknown `target` cannot run at all (exit 2).
    """
    from ccm_review.output import write_atomic
    from ccm_review.tools.new import find_part, scaffold

    _require_project(project)
    spec = load_spec(project)
    part = find_part(spec, target)
    if part is None:
        choices = ", ".join([str(action.number) for action in spec.actions] + list(spec.other_part_keys))
        raise UsageError(f"'{target}' is neither an action of the {spec.plan_short} nor a part of the template",
                         hint=f"choose one of: {choices}")
    new = scaffold(spec, part)
    path = project / SECTIONS_DIR / new.name
    document, _ = load_document(project)
    existing = next((section.path for section in document.sections if section.key == part.key), None)
    if not force:
        if path.exists():
            raise NewSectionRefused(f"{SECTIONS_DIR}/{new.name} exists already", hint="use --force to replace it")
        if existing is not None:
            raise NewSectionRefused(f"{existing} is already the file of {part.title}",
                                    hint="edit that file, or use --force to write a second one")
    write_atomic(path, new.text.encode("utf-8"))
    return path


def schema(project: Path) -> str:
    """Return the JSON Schema of the front matter under the project's templates."""
    from ccm_review.tools.schema import schema_text

    _require_project(project)
    return schema_text(load_spec(project))


def status(project: Path, today: date) -> DraftStatus:
    """Return where the draft of `project` stands as of `today`."""
    from ccm_review.tools.status.compute import draft_status

    result = check(project)
    return draft_status(project, result.document, result.spec, result.report, today)


def preview_page(project: Path) -> PreviewPage:
    """Check `project` and, when it has no errors, render its HTML page to a string; nothing is written."""
    result = check(project)
    if result.report.fails(strict=False):
        return PreviewPage(result, None)
    # As in `build`, but only the HTML: the preview never loads python-docx.
    from ccm_review.layout.outline import make_outline
    from ccm_review.output import build_time
    from ccm_review.render.html.page import render_html

    outline = make_outline(result.document, result.spec)
    html = render_html(outline, project / TEMPLATES_DIR, build_time(result.document.masthead.date))
    return PreviewPage(result, html)
