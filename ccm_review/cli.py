"""The command line: options in, one api call, exit code out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ccm_review import __version__, api
from ccm_review.report import FORMATS, FORMATTERS, format_text
from ccm_review.rules import RULE_FORMATTERS

F = TypeVar("F", bound=Callable[..., Any])

PROJECT_HELP = "The project directory, holding sections/ and templates/ (default: the current directory)."
STRICT_HELP = "Submission mode: warnings fail (exit 1) and every part must have the status final."
FORMAT_HELP = ("How to print findings: text for people, json for tools, github for workflow annotations, "
               "sarif for code-scanning views.")
RULES_FORMAT_HELP = "text for people, json for tools, markdown for docs/rules.md."
OUT_HELP = "Where to write the outputs (default: build/ in the project)."


def project_option(function: F) -> F:
    """Add the shared --project option."""
    option = click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                          show_default=False, help=PROJECT_HELP)
    return option(function)


def strict_option(function: F) -> F:
    """Add the shared --strict option."""
    return click.option("--strict", is_flag=True, help=STRICT_HELP)(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ccm-review")
def main() -> None:
    """Check and assemble the Review Document of the Convention on Cluster Munitions."""


@main.command()
@project_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", help=FORMAT_HELP)
@strict_option
def check(project: Path, output_format: str, strict: bool) -> None:
    """Check every section against the template: structure, tables, word limits and UN style."""
    result = api.check(project, strict)
    click.echo(FORMATTERS[output_format](result.report), nl=False)
    sys.exit(result.report.exit_code(strict))


@main.command()
@project_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help=OUT_HELP)
@strict_option
def build(project: Path, out: Path | None, strict: bool) -> None:
    """Check the sections, then write the DOCX and HTML Review Document."""
    result = api.build(project, out, strict)
    report = result.check.report
    click.echo(format_text(report), nl=False, err=not result.written)
    for path in result.written:
        click.echo(f"wrote {path}")
    if not result.written:
        click.echo("build stopped: fix the findings above; nothing was written", err=True)
    sys.exit(report.exit_code(strict))


@main.command()
@click.option("--format", "output_format", type=click.Choice(tuple(RULE_FORMATTERS)), default="text",
              help=RULES_FORMAT_HELP)
def rules(output_format: str) -> None:
    """List every rule code: its name, default severity, what it reports and an example."""
    click.echo(RULE_FORMATTERS[output_format](), nl=False)
