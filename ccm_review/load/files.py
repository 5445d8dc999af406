"""Reading source files as text: UTF-8 (a BOM and CRLF accepted), with clear encoding problems."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from ccm_review.model import Location


@dataclass(frozen=True)
class EncodingProblem:
    """Why a file is not UTF-8 text, where, and what to do about it."""

    message: str
    location: Location
    hint: str


def decode_source(data: bytes, file: str) -> str | EncodingProblem:
    """Return the text of `data` with line endings normalised, or why it is not UTF-8 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingProblem(
            "the file is saved as UTF-16, not UTF-8",
            Location(file, 1, 1),
            "save it again as 'UTF-8' (in Notepad: Save as > Encoding: UTF-8)",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        offset = data.index(b"\x00")
        return EncodingProblem(
            "the file holds NUL bytes: it is a binary file, not text",
            _location_of_offset(data, offset, file),
            "section files are plain text (.md) saved as UTF-8; export Word documents as text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return EncodingProblem(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)",
            _location_of_offset(data, error.start, file),
            "it was probably saved as Latin-1 or Windows-1252: save it again as UTF-8",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, file: str) -> str | EncodingProblem:
    """Read `path` and decode it as `decode_source` does; `file` names it in messages."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return EncodingProblem(f"the file cannot be read: {reason}", Location(file, 1, 1),
                               "check that the file exists and that you may read it")
    return decode_source(data, file)


def _location_of_offset(data: bytes, offset: int, file: str) -> Location:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Location(file, line, column)
