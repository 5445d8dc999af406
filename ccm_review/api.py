"""The operations behind the commands: the one place that knows the order of the stages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ccm_review.analyse.analysis import Analysis
from ccm_review.errors import NewSectionRefused, OutputError, UsageError, WriterUnavailable
from ccm_review.load.sections import load_document
from ccm_review.model.record import Record, replace, set_field
from ccm_review.model.source import Document
from ccm_review.project import (
    BUILD_DIR,
    DOCUMENT_FILE,
    REDLINE_STEM,
    SECTIONS_DIR,
    TEMPLATES_DIR,
    NamedFiles,
    named_files,
    require_project,
)
from ccm_review.report import Report, SectionSummary, sort_findings
from ccm_review.spec.rules import DOCUMENT_RULES
from ccm_review.spec.template import Spec, indefinite, load_spec
from ccm_review.validate import validate_document
from ccm_review.validate.settle import settle
from ccm_review.validate.structure import ROW_CODES

if TYPE_CHECKING:
    from ccm_review.layout.change_summary import PartChanges
    from ccm_review.load.cache import SourceCache
    from ccm_review.load.kept import KeptSources
    from ccm_review.model.finding import Finding
    from ccm_review.model.outline import Outline
    from ccm_review.render import RenderContext
    from ccm_review.tools.init import InitResult
    from ccm_review.tools.status.compute import DraftStatus


class CheckResult(Record):
    """A loaded, validated project."""

    __slots__ = ("document", "spec", "report")  # noqa: RUF023
    document: Document
    spec: Spec
    report: Report

    def __init__(self, document: Document, spec: Spec, report: Report) -> None:
        set_field(self, "document", document)
        set_field(self, "spec", spec)
        set_field(self, "report", report)


class BuildResult(Record):
    """A build: the check it ran, the files it wrote (none when the check failed) and the outputs this
    machine could not make (the PDF without LibreOffice), each with why."""

    __slots__ = ("check", "written", "unavailable")  # noqa: RUF023
    check: CheckResult
    written: tuple[Path, ...]
    unavailable: tuple[WriterUnavailable, ...]

    def __init__(self, check: CheckResult, written: tuple[Path, ...],
                 unavailable: tuple[WriterUnavailable, ...] = ()) -> None:
        set_field(self, "check", check)
        set_field(self, "written", written)
        set_field(self, "unavailable", unavailable)


class RedlineResult(Record):
    """A redline: the checks of both drafts, what changed part by part, the files written.

    Nothing is written when a draft has errors (`failed` names it); `summary` is then empty.
    """

    __slots__ = ("old", "new", "summary", "written", "failed")  # noqa: RUF023
    old: CheckResult
    new: CheckResult
    summary: tuple[PartChanges, ...]
    written: tuple[Path, ...]
    failed: str | None

    def __init__(self, old: CheckResult, new: CheckResult, summary: tuple[PartChanges, ...], written: tuple[Path, ...],
                 failed: str | None = None) -> None:
        set_field(self, "old", old)
        set_field(self, "new", new)
        set_field(self, "summary", summary)
        set_field(self, "written", written)
        set_field(self, "failed", failed)

    @property
    def changed(self) -> bool:
        """Whether anything changed between the drafts."""
        return any(part.change or part.paragraphs_changed or part.figures_changed or part.words_added
                   or part.words_removed for part in self.summary)


class PreviewPage(Record):
    """A preview: the check it ran and the HTML page, rendered in memory (None when the check failed)."""

    __slots__ = ("check", "html")
    check: CheckResult
    html: str | None

    def __init__(self, check: CheckResult, html: str | None) -> None:
        set_field(self, "check", check)
        set_field(self, "html", html)


def check(project: Path, strict: bool = False, cache: SourceCache | None = None,
          files: tuple[Path, ...] = (), keep: bool = True, place: str | None = None) -> CheckResult:
    """Load the templates and sections of `project`, validate them, and report.

    `strict` is submission mode: besides making warnings fail, it requires every part to be final.
    A `cache` keeps the templates and the parsed sections between calls (the preview), so that only
    the files that changed are read again. With `keep`, the per-user store on disk (load.store) serves
    the templates and the section files whose bytes an earlier run read, under `place` (by default the
    project's path); it never changes a result. `files` (`check FILE...`) checks only those files: see
    `check_files`.
    """
    require_project(project)
    sources = cache if cache is not None else _kept(project, keep, place)
    if files:
        return check_files(project, named_files(project, files), strict, sources)
    # 1. The template first: without valid rules nothing else can be judged (exit 2).
    spec = sources.spec(project) if sources is not None else load_spec(project)
    # 2. Every section file into the model; unreadable files become findings.
    document, findings = load_document(project, sources)
    # 3. What is read off the sections (words, passages, reading ease), each once for every use.
    analysis = Analysis(document, spec, sources.figures if sources is not None else None)
    # 4. Every rule over the whole document, collected before anything is reported; the checks that read
    #    a section alone run only over the sections whose findings the store did not give.
    findings.extend(validate_document(analysis, strict, sections=False))
    kept = sources.judged(document) if sources is not None else {}
    judged = validate_document(analysis.only([part for part in document.sections if part.path not in kept]),
                               sections=True)
    findings.extend(judged)
    findings.extend(found for file in kept for found in kept[file])
    # 5. What was parsed, read off and judged anew is kept for the next run.
    if sources is not None:
        sources.save(analysis, judged)
    # 6. The authors' ignore comments and the template's rule settings have the last word.
    findings = settle(findings, document, spec)
    # 7. Findings in file order, with the word counts and readability.
    order = [DOCUMENT_FILE, *(section.path for section in document.sections)]
    report = Report(
        findings=sort_findings(findings, order),
        sections=tuple(_summarise(analysis)),
        files=len(document.sections),
        words=analysis.words,
        max_words=spec.max_document_words,
    )
    return CheckResult(document, spec, report)


def check_files(project: Path, named: NamedFiles, strict: bool = False,
                sources: SourceCache | KeptSources | None = None) -> CheckResult:
    """Check only the `named` files of `project`: the findings of the rules of file scope that a full check
    gives for them, no more (the pre-commit hook, fast because no other part is read).

    The rules that need every part (spec.rules.DOCUMENT_RULES) are left to a full check: on a partial view of
    the document they would report wrongly (a part missing, an abbreviation's first use).
    """
    # As `check`, but reading the templates, the masthead, data/ and the named section files only.
    spec = sources.spec(project) if sources is not None else load_spec(project)
    document, findings = load_document(project, sources, only=named.sections)
    analysis = Analysis(document, spec, sources.figures if sources is not None else None)
    deferred = frozenset(DOCUMENT_RULES)
    findings.extend(validate_document(analysis, strict, deferred))
    if sources is not None:
        sources.save(analysis)
    findings = settle(findings, document, spec, unjudged=deferred)
    # Only what was asked about: the masthead's and data/'s findings when they were named.
    wanted = named.sections | named.others
    second = _claimed_earlier(project, document, spec)
    kept = [found for found in findings if found.location is not None and found.location.file in wanted
            and found.code not in deferred and not (found.location.file in second and found.code in ROW_CODES)]
    order = [DOCUMENT_FILE, *(section.path for section in document.sections)]
    report = Report(
        findings=sort_findings(kept, order),
        sections=tuple(_summarise(analysis)),
        files=len(wanted),
        words=analysis.words,
        max_words=spec.max_document_words,
        checked=named.checked,
        deferred=DOCUMENT_RULES,
    )
    return CheckResult(document, spec, report)


def _claimed_earlier(project: Path, document: Document, spec: Spec) -> set[str]:
    """Return the named files whose part a file of sections/ not named, earlier in name order, claims.

    A full check reports such a file's claim (CCM014) and judges none of its rows; so as not to judge them
    here either, the earlier files that may claim the same part are read. Only a file whose front matter
    names that action or part is parsed (normally none), so the cost stays that of reading a few bytes.
    """
    from ccm_review.load.files import refuse_entry
    from ccm_review.load.sections import load_section, section_paths
    from ccm_review.validate.structure import claim

    claims = {section.path: key for section in document.sections if (key := claim(section, spec)) is not None}
    if not claims:
        return set()
    root = project.resolve()
    second: set[str] = set()
    for path in section_paths(project):
        file = f"{SECTIONS_DIR}/{path.name}"
        wanted = {named: key for named, key in claims.items() if file < named and named not in second}
        if file in claims or not wanted or refuse_entry(path, root) is not None:
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # unreadable: it claims nothing (CCM003 or CCM008 in a full check)
        end = text.find("\n---", 3)
        front = text[:end] if end > 0 else text  # the narrative's "action 4" claims nothing
        words = {key.removeprefix("action-") for key in wanted.values()}
        if not any(re.search(rf"(?:^|[{{,\s])(?:action|part)\s*:\s*['\"]?{re.escape(word)}\b", front)
                   for word in words):
            continue
        key = claim(load_section(path, file, document.series)[0], spec)
        second.update(named for named, claimed in wanted.items() if claimed == key)
    return second


def build(project: Path, out_dir: Path | None = None, strict: bool = False,
          formats: tuple[str, ...] | None = None, keep: bool = True) -> BuildResult:
    """Check `project` and, when it passes, write its outputs into `out_dir`: `formats` (names of
    render.FORMATS), by default those the template lists under `outputs` (docx and html). `keep`: see `check`."""
    result = check(project, strict, keep=keep)
    if result.report.fails(strict):
        return BuildResult(result, ())
    # Writers, the outline and the output helpers are imported here, so that `check` stays fast.
    from ccm_review.output import write_atomic
    from ccm_review.patterns import save_patterns
    from ccm_review.render import writers

    outline, context = _lay_out(project, result)
    target = out_dir if out_dir is not None else project / BUILD_DIR
    # Every output is made before any is written: a broken template leaves the old outputs as they were.
    outputs: list[tuple[Path, bytes]] = []
    unavailable: list[WriterUnavailable] = []
    for writer in writers(formats or result.spec.outputs):
        try:
            outputs.append((target / writer.file_name, writer.render(outline, context)))
        except WriterUnavailable as reason:  # the others are still written
            unavailable.append(reason)
    for path, data in outputs:
        _write(path, data, write_atomic)
    if keep:  # the writers' patterns, compiled after the check saved the store
        save_patterns()
    return BuildResult(result, tuple(path for path, _ in outputs), tuple(unavailable))


def preview_page(project: Path, cache: SourceCache | None = None) -> PreviewPage:
    """Check `project` and, when it has no errors, render its HTML page to a string; nothing is written.

    With a `cache`, only the files changed since the last call are read again (see `check`).
    """
    result = check(project, cache=cache)
    if result.report.fails(strict=False):
        return PreviewPage(result, None)
    # As in `build`, but only the HTML: the preview never loads python-docx.
    from ccm_review.render import writer

    outline, context = _lay_out(project, result)
    return PreviewPage(result, writer("html").render(outline, context).decode("utf-8"))


def redline(project: Path, old: str, new: str | None = None, out_dir: Path | None = None,
            author: str = "", keep: bool = True) -> RedlineResult:
    """Compare draft `old` with `new` (git revisions of `project`'s repository or project folders; None is
    the working tree) and write the newer draft with every change tracked, as DOCX and HTML. `keep`: see
    `check`; a revision's entries are filed under the project and the revision, not its temporary folder."""
    from ccm_review.layout.change_summary import summarise
    from ccm_review.layout.redline import redline as mark_changes
    from ccm_review.output import write_atomic
    from ccm_review.patterns import save_patterns
    from ccm_review.render import writers
    from ccm_review.tools.redline import describe, draft

    require_project(project)
    with draft(project, old) as old_project, draft(project, new) as new_project:
        require_project(old_project)
        require_project(new_project)
        before = check(old_project, keep=keep, place=_draft_place(project, old, old_project))
        after = check(new_project, keep=keep, place=_draft_place(project, new, new_project))
        for name, result in ((old, before), (describe(new), after)):
            if result.report.fails(strict=False):
                return RedlineResult(before, after, (), (), failed=name)
        old_outline, _ = _lay_out(old_project, before)
        new_outline, context = _lay_out(new_project, after)
        outline = mark_changes(old_outline, new_outline)
        context = replace(context, redline=True, author=author)
        target = out_dir if out_dir is not None else project / BUILD_DIR
        outputs = [(target / f"{REDLINE_STEM}{Path(writer.file_name).suffix}", writer.render(outline, context))
                   for writer in writers()]
    for path, data in outputs:
        _write(path, data, write_atomic)
    if keep:  # the comparison's and the writers' patterns, compiled after the checks saved the store
        save_patterns()
    return RedlineResult(before, after, summarise(outline), tuple(path for path, _ in outputs))


class CommentsResult(Record):
    """A returned DOCX read back: its comments and tracked changes as findings on the sources."""

    __slots__ = ("findings", "comments", "changes")  # noqa: RUF023
    findings: tuple[Finding, ...]
    comments: int
    changes: int

    def __init__(self, findings: tuple[Finding, ...], comments: int, changes: int) -> None:
        set_field(self, "findings", findings)
        set_field(self, "comments", comments)
        set_field(self, "changes", changes)


def comments(project: Path, returned: Path, built_from: str | None = None, keep: bool = True) -> CommentsResult:
    """Read the comments and tracked changes of `returned` (a DOCX built from `project` and sent back)
    and trace each to the part, paragraph, row or note it is on and to its source line: in the sources
    the DOCX was `built_from` (a git revision or a project folder; default: the working tree). Reads only
    (the sources; the per-user store is used as by `check`, unless `keep` is off)."""
    from ccm_review.load.returned_docx import read_returned
    from ccm_review.tools.comments import review_findings
    from ccm_review.tools.redline import draft

    require_project(project)
    document = read_returned(returned)
    with draft(project, built_from) as sources:
        require_project(sources)
        result = check(sources, keep=keep, place=_draft_place(project, built_from, sources))
        outline = None
        if not result.report.fails(strict=False):
            from ccm_review.layout.outline import make_outline
            outline = make_outline(result.document, result.spec)
    findings = review_findings(document, outline)
    order = [DOCUMENT_FILE, *(section.path for section in result.document.sections)]
    return CommentsResult(sort_findings(findings, order), len(document.comments), len(document.changes))


def _draft_place(project: Path, revision: str | None, folder: Path) -> str | None:
    """Return where the store files a draft's entries: a folder's own path, or for a git revision (extracted
    into a new temporary folder each time) the project's path and the revision, so that they are found again."""
    if revision is None or folder.resolve() == (Path.cwd() / revision).resolve():
        return None
    return f"{project.resolve()}\0revision {revision}"


def _kept(project: Path, keep: bool, place: str | None) -> KeptSources | None:
    """Return the project's sources through the store, unless `keep` is off or the store cannot be used."""
    if not keep:
        return None
    from ccm_review.load.kept import open_kept

    return open_kept(project, place)


def _write(path: Path, data: bytes, write: Callable[[Path, bytes], None]) -> None:
    try:
        write(path, data)
    except OSError as error:  # a folder that cannot be made or written, a full disk
        raise OutputError(f"cannot write {path}: {error.strerror or error}",
                          hint="choose another folder with --out, or check its permissions") from error


def _lay_out(project: Path, result: CheckResult) -> tuple[Outline, RenderContext]:
    """Return the outline of a checked document and what its writers may read besides."""
    from ccm_review.layout.outline import make_outline
    from ccm_review.output import build_time
    from ccm_review.render import RenderContext

    outline = make_outline(result.document, result.spec)
    return outline, RenderContext(project / TEMPLATES_DIR, build_time(result.document.masthead.date))


def _summarise(analysis: Analysis) -> list[SectionSummary]:
    summaries: list[SectionSummary] = []
    for section in analysis.document.sections:
        part = analysis.spec.part(section.key)
        read = analysis.of(section)
        summaries.append(SectionSummary(
            file=section.path,
            action=section.action,
            part=section.part,
            title=section.title or (part.title if part else None),
            status=section.status,
            coordinators=section.coordinators,
            narrative_words=read.words.narrative,
            max_words=part.max_words if part else None,
            table_rows=len(section.rows or ()),
            table_words=read.words.table,
            readability=read.readability if section.meta is not None else None,
        ))
    return summaries


class NewSection(Record):
    """What `new` wrote: the file, and whether it replaced the part's existing file (under --force)."""

    __slots__ = ("path", "replaced")
    path: Path
    replaced: bool

    def __init__(self, path: Path, replaced: bool) -> None:
        set_field(self, "path", path)
        set_field(self, "replaced", replaced)


def new_section(project: Path, target: str, force: bool = False) -> NewSection:
    """Write the scaffold of a new section file for action or part `target`.

    Refuses (NewSectionRefused, exit 1) to overwrite a file or to give an action or part a
    second file; with `force` it replaces the file that holds the action or part, whatever its
    name, and never makes a second one. An unknown `target` cannot run at all (exit 2).
    """
    from ccm_review.output import write_atomic
    from ccm_review.tools.new import find_part, scaffold

    require_project(project)
    spec = load_spec(project)
    part = find_part(spec, target)
    if part is None:
        choices = ", ".join([str(action.number) for action in spec.actions] + list(spec.other_part_keys))
        raise UsageError(f"'{target}' is neither {indefinite(spec.action_term)} of the {spec.plan_short} "
                         "nor a part of the template",
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
                                    hint="edit that file, or use --force to replace it with a new one")
    if existing is not None:
        path = project / existing  # --force: the part's own file, whatever its name; never a second one
    replaced = path.exists()
    write_atomic(path, new.text.encode("utf-8"))
    return NewSection(path, replaced)


def init(directory: Path, plan: str, kind: str, today: date, force: bool = False) -> InitResult:
    """Write a new drafting project for `plan` and `kind` into `directory`; return what was written and kept.

    Refuses (exit 2) a folder that is not empty unless `force`; even then no file is replaced:
    the files already there are kept and listed, only the missing ones are written.
    """
    from ccm_review.output import write_atomic
    from ccm_review.tools.init import InitResult, kind_plans, project_files

    if plan not in kind_plans(kind):
        raise UsageError(f"there is no {kind} template for the plan '{plan}'",
                         hint=f"plans with a {kind} template: {', '.join(kind_plans(kind))}")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a folder", hint="name a new or empty folder")
    present = sorted(entry.name + ("/" if entry.is_dir() else "") for entry in directory.iterdir()) \
        if directory.is_dir() else []
    if present and not force:
        shown = ", ".join(present[:8]) + (f" and {len(present) - 8} more" if len(present) > 8 else "")
        raise UsageError(f"{directory} is not empty: {shown}",
                         hint="name a new or empty folder, or add --force to write only the files that are "
                              "missing (no file is replaced)")
    files = project_files(plan, kind, today)
    written: list[Path] = []
    kept: list[Path] = []
    for planned in files:
        target = directory / planned.path
        if target.exists() or target.is_symlink():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, planned.data)
        written.append(target)
    return InitResult(tuple(written), tuple(kept))


def schema(project: Path) -> str:
    """Return the JSON Schema of the front matter under the project's templates."""
    from ccm_review.tools.schema import schema_text

    require_project(project)
    return schema_text(load_spec(project))


def status(project: Path, today: date, keep: bool = True) -> DraftStatus:
    """Return where the draft of `project` stands as of `today`. `keep`: see `check`."""
    from ccm_review.tools.status.compute import draft_status

    result = check(project, keep=keep)
    return draft_status(project, result.document, result.spec, result.report, today)
