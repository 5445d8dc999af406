"""The command line: options in, one api call, exit code out.

Each command imports `api` (and through it the loaders and checks) when it runs, so that
`--help`, `--version` and a mistyped option answer at once.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from ccm_review import __version__
from ccm_review.errors import CcmError, UsageError
from ccm_review.report.formats import FORMATS, FORMATTERS, format_text

F = TypeVar("F", bound=Callable[..., Any])

PROJECT_HELP = "The project directory, holding sections/ and templates/ (default: the current directory)."
STRICT_HELP = "Submission mode: warnings fail (exit 1) and every part must have the status final."
FORMAT_HELP = ("How to print findings: text for people, json for tools, github for workflow annotations, "
               "sarif for code-scanning views.")
RULES_FORMAT_HELP = "text for people, json for tools, markdown for docs/rules.md."
NO_CACHE_HELP = ("Neither read nor write the per-user cache of parsed sections (as CCM_REVIEW_NO_CACHE=1 does); "
                 "the result is the same, only slower.")
OUT_HELP = "Where to write the outputs (default: build/ in the project)."
FORCE_HELP = "Replace the file that holds the action or part, whatever its name (never a second file)."
TODAY_HELP = "Count the days to each deadline from this date, YYYY-MM-DD (default: today)."
STATUS_FORMAT_HELP = "text for people (a table on a terminal), json for tools."
PREVIEW_PORT = 8000
PORT_HELP = "The port to serve on, on 127.0.0.1 only (default: 8000; 0 lets the system pick a free one)."
NO_OPEN_HELP = "Do not open the page in the web browser."
BUILT_FROM_HELP = ("The git revision (e.g. the tag of the draft sent out) or project folder the DOCX was built "
                   "from: lines are those of its sources (default: the working tree).")
BUILD_FORMAT_HELP = ("Outputs to write, comma-separated: docx, html, akn (Akoma Ntoso XML), pdf (PDF/A through "
                     "LibreOffice); default: the template's outputs, docx and html.")
AUTHOR_HELP = "Whom the tracked changes are by (default: the body named in document.yaml)."
REDLINE_FORMAT_HELP = "How to print what changed: text for people, json for tools and CI."
PLAN_HELP = "The action plan whose catalogue the project starts from."
KIND_HELP = ("The document: the review of the plan at a Review Conference, or the Progress Report of a "
             "Meeting of States Parties.")
INIT_FORCE_HELP = ("Write into a folder that is not empty: only the missing files are written, "
                   "every file already there is kept and listed.")


def _formats(context: click.Context, parameter: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """--format docx,html,akn,pdf: known names only (exit 2 with the valid ones otherwise)."""
    if value is None:
        return None
    from ccm_review.project import FORMATS

    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or repr(value)}; choose from {', '.join(FORMATS)}"
                                 " (comma-separated)")
    return names


class _Listed(click.Choice[str]):
    """A choice among names that are listed the first time click asks for them (to check a value, to show
    help): the plans and kinds of `init` are folders of the package, and the rule formats live beside the
    rules; listing or importing them when the command line is built cost every `check` the import of
    tools.init."""

    def __init__(self, listing: Callable[[], tuple[str, ...]]) -> None:
        self._listing = listing
        self._names: tuple[str, ...] | None = None
        super().__init__((), case_sensitive=True)

    @property
    def choices(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = self._listing()
        return self._names

    @choices.setter
    def choices(self, names: tuple[str, ...]) -> None:
        # click's __init__ sets the (empty) choices: a listing given later is kept, none is made up.
        self._names = tuple(names) or None


def _plans() -> tuple[str, ...]:
    from ccm_review.tools.init import plans

    return plans()


def _kinds() -> tuple[str, ...]:
    from ccm_review.tools.init import kinds

    return kinds()


def _rule_formats() -> tuple[str, ...]:
    from ccm_review.report.rules import RULE_FORMATTERS

    return tuple(RULE_FORMATTERS)


# One click.Path for every --project and --out: click names each new one through gettext (a search
# of the message catalogues each time), a dozen of them on every run.
_FOLDER = click.Path(file_okay=False, path_type=Path)


def project_option(function: F) -> F:
    """Add the shared --project option."""
    option = click.option("--project", type=_FOLDER, default=Path("."), show_default=False, help=PROJECT_HELP)
    return option(function)


def no_cache_option(function: F) -> F:
    """Add the shared --no-cache option."""
    return click.option("--no-cache", is_flag=True, help=NO_CACHE_HELP)(function)


def strict_option(function: F) -> F:
    """Add the shared --strict option."""
    return click.option("--strict", is_flag=True, help=STRICT_HELP)(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ccm-review")
def main() -> None:
    """Check and assemble the Review Document of the Convention on Cluster Munitions."""


# A short command makes few objects that outlive it, so the collector's default pace (a pass every 700
# new objects) is pure cost: a check made some fifty passes. mypy raises the threshold for the same reason.
# The preview, which lives for hours and rebuilds on every save, goes back to the default.
GC_THRESHOLD = (50_000, 20, 20)
DEFAULT_GC_THRESHOLD = gc.get_threshold()


def run() -> None:
    """The installed `ccm-review` and `python -m ccm_review`: `main`, then leave at once.

    Python's own teardown frees every module and object one by one, which costs a short command about
    as much as its checks (some 25 ms of a `check` here). By the time `main` returns every output is
    written, closed and renamed into place, so the process flushes its two streams and ends with
    `os._exit`, as mypy does. Tests call `main` through click's runner, which this does not change.
    """
    gc.set_threshold(*GC_THRESHOLD)
    try:
        main(prog_name="ccm-review")
        code = 0
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise  # a message to print: leave it to Python
        code = stop.code or 0
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None where the process was started with that descriptor closed
                stream.flush()
    except (OSError, ValueError):  # a closed pipe (`ccm-review check | head`) or stream: Python's own exit
        sys.exit(code)
    os._exit(code)


@main.command()
@click.argument("files", metavar="[FILE]...", nargs=-1, type=click.Path(path_type=Path))
@project_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", help=FORMAT_HELP)
@strict_option
@no_cache_option
def check(files: tuple[Path, ...], project: Path, output_format: str, strict: bool, no_cache: bool) -> None:
    """Check every section against the template: structure, tables, word limits and UN style.

    With FILE... (files of sections/ or data/, as pre-commit passes them), only those files are read and
    checked; the rules that need the whole document are left to a check without FILE.
    """
    _keep_patterns(not no_cache, project)
    from ccm_review import api
    result = api.check(project, strict, files=files, keep=not no_cache)
    click.echo(FORMATTERS[output_format](result.report), nl=False)
    sys.exit(result.report.exit_code(strict))


@main.command()
@project_option
@click.option("--out", type=_FOLDER, default=None, help=OUT_HELP)
@click.option("--format", "formats", default=None, metavar="LIST", callback=_formats, help=BUILD_FORMAT_HELP)
@strict_option
@no_cache_option
def build(project: Path, out: Path | None, formats: tuple[str, ...] | None, strict: bool, no_cache: bool) -> None:
    """Check the sections, then write the Review Document: DOCX and HTML, or the --format you name."""
    _keep_patterns(not no_cache, project)
    from ccm_review import api
    result = api.build(project, out, strict, formats, keep=not no_cache)
    report = result.check.report
    click.echo(format_text(report), nl=False, err=not result.written and not result.unavailable)
    for path in result.written:
        click.echo(f"wrote {path}")
    for reason in result.unavailable:
        click.echo(f"error: {reason.message}", err=True)
        if reason.hint:
            click.echo(f"  hint: {reason.hint}", err=True)
    if not result.written and not result.unavailable:
        click.echo("build stopped: fix the findings above; nothing was written", err=True)
    sys.exit(_unavailable_code(result.unavailable) or report.exit_code(strict))


@main.command()
@click.argument("old")
@click.argument("new", required=False)
@project_option
@click.option("--out", type=_FOLDER, default=None, help=OUT_HELP)
@click.option("--author", default="", help=AUTHOR_HELP)
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text",
              help=REDLINE_FORMAT_HELP)
@no_cache_option
def redline(old: str, new: str | None, project: Path, out: Path | None, author: str, output_format: str,
            no_cache: bool) -> None:
    """Compare two drafts and write the newer one with every change tracked (DOCX and HTML).

    OLD and NEW are git revisions of the drafting repository (a tag such as first-draft, HEAD~3, a
    branch) or project folders; NEW defaults to the working tree.
    """
    _keep_patterns(not no_cache, project)
    from ccm_review import api
    from ccm_review.report.redline import format_redline_json, format_redline_text
    from ccm_review.tools.redline import describe

    result = api.redline(project, old, new, out, author, keep=not no_cache)
    if result.failed is not None:
        failing = result.old if result.failed == old else result.new
        click.echo(format_text(failing.report), nl=False, err=True)
        click.echo(f"redline stopped: {result.failed} has errors; nothing was written", err=True)
        sys.exit(1)
    written = [str(path) for path in result.written]
    if output_format == "json":
        click.echo(format_redline_json(result.summary, old, describe(new), written), nl=False)
    else:
        click.echo(format_redline_text(result.summary, old, describe(new)), nl=False)
        for path in written:
            click.echo(f"wrote {path}")


@main.command()
@click.argument("returned", metavar="RETURNED.docx", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@click.option("--built-from", metavar="REV", default=None, help=BUILT_FROM_HELP)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", help=FORMAT_HELP)
@no_cache_option
def comments(returned: Path, project: Path, built_from: str | None, output_format: str, no_cache: bool) -> None:
    """List a reviewer's comments and tracked changes in a DOCX built by this tool, with their source lines.

    Reads only: neither the DOCX nor the sources are changed.
    """
    _keep_patterns(not no_cache, project)
    from ccm_review import api
    from ccm_review.report.comments import format_comments

    result = api.comments(project, returned, built_from, keep=not no_cache)
    click.echo(format_comments(result.findings, str(returned), output_format, result.comments, result.changes),
               nl=False)


@main.command()
@click.option("--format", "output_format", type=_Listed(_rule_formats), default="text", help=RULES_FORMAT_HELP)
def rules(output_format: str) -> None:
    """List every rule code: its name, default severity, what it reports and an example."""
    from ccm_review.report.rules import RULE_FORMATTERS

    click.echo(RULE_FORMATTERS[output_format](), nl=False)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--plan", type=_Listed(_plans), required=True, help=PLAN_HELP)
@click.option("--kind", type=_Listed(_kinds), default="review", show_default=True, help=KIND_HELP)
@click.option("--force", is_flag=True, help=INIT_FORCE_HELP)
def init(directory: Path, plan: str, kind: str, force: bool) -> None:
    """Start a drafting project in DIRECTORY: templates, the masthead, a README, pre-commit and CI.

    Then `ccm-review new` writes the form of each part, e.g. `ccm-review new introduction`.
    """
    from ccm_review import api
    result = api.init(directory, plan, kind, date.today(), force)
    for path in result.written:
        click.echo(f"wrote {path}")
    for path in result.kept:
        click.echo(f"kept {path} (it exists; not replaced)")
    click.echo(f"next: cd {directory}, run 'ccm-review new' for each part (README.md lists them), then 'make build'")


@main.command()
@click.argument("target", metavar="ACTION|PART")
@project_option
@click.option("--force", is_flag=True, help=FORCE_HELP)
def new(target: str, project: Path, force: bool) -> None:
    """Start the section file of an action (e.g. 4) or part (e.g. introduction)."""
    from ccm_review import api
    new = api.new_section(project, target, force)
    shown = new.path.relative_to(project).as_posix() if new.path.is_relative_to(project) else str(new.path)
    click.echo(shown)
    if new.replaced:
        click.echo(f"replaced the earlier {shown} (its text is gone unless git has it)", err=True)


@main.command()
@project_option
def schema(project: Path) -> None:
    """Print the JSON Schema of a section's front matter (for editors that complete YAML)."""
    from ccm_review import api
    click.echo(api.schema(project), nl=False)


@main.command()
@project_option
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text",
              help=STATUS_FORMAT_HELP)
@click.option("--today", default=None, metavar="YYYY-MM-DD", help=TODAY_HELP)
@no_cache_option
def status(project: Path, output_format: str, today: str | None, no_cache: bool) -> None:
    """Show where the draft stands: words, items, findings and deadlines of every part."""
    _keep_patterns(not no_cache, project)
    from ccm_review import api
    from ccm_review.tools.status import show as status_report

    result = api.status(project, _parse_day(today), keep=not no_cache)
    if output_format == "json":
        click.echo(status_report.format_json(result), nl=False)
    elif sys.stdout.isatty():
        status_report.print_rich(result)
    else:
        import shutil

        # Piped: as wide as the terminal would be (COLUMNS, else 80), so that a log or an e-mail reads well.
        click.echo(status_report.format_text(result, shutil.get_terminal_size().columns), nl=False)


@main.command()
@project_option
@click.option("--port", type=click.IntRange(0, 65535), default=PREVIEW_PORT, help=PORT_HELP)
@click.option("--no-open", is_flag=True, help=NO_OPEN_HELP)
@no_cache_option
def preview(project: Path, port: int, no_open: bool, no_cache: bool) -> None:
    """Show the HTML document in the browser, rebuilt as you save; the findings while it has errors."""
    _keep_patterns(not no_cache, project)
    from ccm_review.tools.preview.server import serve

    gc.set_threshold(*DEFAULT_GC_THRESHOLD)  # a process that lives for hours: the collector's usual pace
    sys.exit(serve(project, port, open_browser=not no_open, log=click.echo, keep=not no_cache))


def _keep_patterns(keep: bool, project: Path) -> None:
    """Tell ccm_review.patterns the project of this run, inside which the store's compiled patterns are never
    read (as the store's entries are not), and under --no-cache to keep off: called before `api` is imported,
    since its modules compile their patterns when imported."""
    from ccm_review.patterns import keep_patterns

    keep_patterns(keep, project)


def _unavailable_code(unavailable: tuple[CcmError, ...]) -> int:
    """Exit 2 when an output asked for could not be made, else 0."""
    return max((reason.exit_code for reason in unavailable), default=0)


def _parse_day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today '{text}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2020-03-01") from None
