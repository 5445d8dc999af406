"""Expected failures that stop a command (exit 2). Anything else is a bug and keeps its traceback."""

from __future__ import annotations

from typing import IO, Any

import click

EXIT_USAGE = 2


class CcmError(click.ClickException):
    """A command could not run: bad usage, a missing directory, an invalid template."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the message (and hint) on standard error."""
        click.echo(f"error: {self.format_message()}", err=True)
        if self.hint:
            click.echo(f"  hint: {self.hint}", err=True)


class UsageError(CcmError):
    """The command was asked for something that does not exist (an unknown action, a bad date)."""


class NewSectionRefused(CcmError):
    """`new` would overwrite a file or give a part a second file (exit 1: a finding, not misuse)."""

    exit_code = 1


class ProjectError(CcmError):
    """The project directory lacks `sections/` or `templates/`, or cannot be read."""


class TemplateError(CcmError):
    """A file of `templates/` is missing or invalid; the message lists every problem found."""


class OutputError(CcmError):
    """An output could not be written."""


class PreviewError(CcmError):
    """The preview server could not start: its port is taken or not allowed."""


class WriterUnavailable(CcmError):
    """An output format cannot be made on this machine (the PDF without LibreOffice); the others are."""
