"""Opening templates/reference.docx: a Word document, or a TemplateError saying what it is instead."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import TYPE_CHECKING

import docx
from docx.opc.exceptions import OpcError
from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]  # lxml ships no stubs

from ccm_review.errors import TemplateError

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocxDocument

_MAIN_PART = "word/document.xml"
# What a zip without a Word document may be instead, by a part only that format has.
_FOREIGN = (
    ("xl/workbook.xml", "a spreadsheet (.xlsx)"),
    ("ppt/presentation.xml", "a presentation (.pptx)"),
    ("content.xml", "an OpenDocument file (save it as .docx)"),
)
_HINT = "save the reference document from Word as a .docx, or run scripts/make-reference-docx.py"

# What python-docx and zipfile raise on a broken package (truncated zip, bad XML, missing parts).
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, XMLSyntaxError, OpcError,
           NotImplementedError)


def open_reference(path: Path) -> DocxDocument:
    """Return the reference document at `path`, opened by python-docx; raise TemplateError if it is none."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TemplateError(f"{path}: cannot be read ({error.strerror or error})", hint=_HINT) from None
    _check_package(path, data)
    try:
        return docx.Document(io.BytesIO(data))
    except _BROKEN as error:
        reason = re.sub(r"file '[^']*' ", "", str(error)).strip() or type(error).__name__
        raise TemplateError(f"{path}: not a usable Word document ({_short(reason)})", hint=_HINT) from None


def _check_package(path: Path, data: bytes) -> None:
    """Refuse what is plainly not a .docx before python-docx tries it: the reasons are clearer."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            try:
                broken = archive.testzip()
            except (zlib.error, EOFError, ValueError, NotImplementedError):
                broken = "?"
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise TemplateError(f"{path}: not a Word document (.docx): not a zip archive", hint=_HINT) from None
    if broken is not None:
        raise TemplateError(f"{path}: a damaged zip archive (entry {broken} cannot be read)", hint=_HINT)
    if _MAIN_PART in names:
        return
    for marker, kind in _FOREIGN:
        if marker in names:
            raise TemplateError(f"{path}: {kind}, not a Word document", hint=_HINT)
    raise TemplateError(f"{path}: not a Word document (.docx): the zip has no {_MAIN_PART}", hint=_HINT)


def _short(reason: str) -> str:
    return reason if len(reason) <= 160 else reason[:157] + "..."
