"""Reading source files as text: UTF-8 (a BOM and CRLF accepted), with clear encoding problems."""

from __future__ import annotations

import codecs
from pathlib import Path

from ccm_review.model.location import Location
from ccm_review.model.record import Record, set_field
from ccm_review.patterns import compile_pattern

MAX_SECTION_BYTES = 1024 * 1024
"""A section file (or document.yaml) larger than this is not read (CCM007): a part is a few
thousand words, about 30 KB; a megabyte is a wrong file, an export with images, or a paste gone wrong."""

# Characters XML 1.0 cannot hold (C0 controls but tab and line ends, U+FFFE, U+FFFF) and C1
# controls, which in a UTF-8 file are the remains of text decoded with the wrong code page.
CONTROL = compile_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_HINTS = {
    "\x0b": "a line break pasted from Word (Shift+Enter): replace it with a space or a new line",
    "\x0c": "a page break: section files have none; delete it",
    "\x1b": "an escape code copied from a terminal: delete it",
}


class EncodingProblem(Record):
    """Why a file cannot be read as text, where, what to do about it, and the rule it breaks.

    `code` is CCM003 for the bytes themselves, CCM007 for a file over the size limit and
    CCM008 for a file that cannot be opened at all.
    """

    __slots__ = ("message", "location", "hint", "code")  # noqa: RUF023
    message: str
    location: Location
    hint: str
    code: str

    def __init__(self, message: str, location: Location, hint: str, code: str = "CCM003") -> None:
        set_field(self, "message", message)
        set_field(self, "location", location)
        set_field(self, "hint", hint)
        set_field(self, "code", code)


def decode_source(data: bytes, file: str) -> str | EncodingProblem:
    """Return the text of `data` with line endings normalised, or why it is not UTF-8 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(data):
        bom = "" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else " (without a byte order mark)"
        return EncodingProblem(
            f"the file is saved as UTF-16{bom}, not UTF-8",
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
            f"the file is not UTF-8 text: byte 0x{data[error.start]:02x} cannot be read{_guess(data[error.start])}",
            _location_of_offset(data, error.start, file),
            "it was probably saved as Latin-1 or Windows-1252: save it again as UTF-8",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control is not None:
        return _control_problem(text, control.start(), file)
    return text


def read_source(path: Path, file: str, max_bytes: int | None = None) -> str | EncodingProblem:
    """Read `path` and decode it as `decode_source` does; `file` names it in messages.

    A file over `max_bytes` is not decoded at all (CCM007), and no more than that is read.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return EncodingProblem(f"the file cannot be read: {reason}", Location(file, 1, 1),
                               "check that the file exists and that you may read it", "CCM008")
    if max_bytes is not None and len(data) > max_bytes:
        return EncodingProblem(
            f"the file is larger than {max_bytes // 1024 // 1024} MB, the limit for a section file; it was not read",
            Location(file, 1, 1),
            "a part is a few thousand words (about 30 KB): check that this is the right file, without images",
            "CCM007",
        )
    return decode_source(data, file)


def _looks_like_utf16(data: bytes) -> bool:
    """Return whether `data` is mostly ASCII saved as UTF-16 without a byte order mark."""
    sample = data[:1000]
    if len(sample) < 4:
        return False
    zeros = sorted((half.count(0) / len(half) for half in (sample[0::2], sample[1::2])), reverse=True)
    return zeros[0] > 0.9 and zeros[1] < 0.1


def _guess(byte: int) -> str:
    """Say what `byte` is in Windows-1252, the usual culprit, when it is a letter or a quote."""
    char = bytes([byte]).decode("cp1252", errors="replace")
    if char == "\ufffd" or not char.isprintable():
        return ""
    return f" (in Windows-1252 it is '{char}')"


def _control_problem(text: str, offset: int, file: str) -> EncodingProblem:
    char = text[offset]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    hint = _CONTROL_HINTS.get(char, "delete it; if the text around it looks garbled, it was pasted from a "
                                    "file in another encoding")
    return EncodingProblem(f"the file holds the control character U+{ord(char):04X}, which a document cannot print",
                           Location(file, line, column), hint)


def _location_of_offset(data: bytes, offset: int, file: str) -> Location:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Location(file, line, column)


class Refusal(Record):
    """Why an entry of sections/ is not read at all (CCM008)."""

    __slots__ = ("message", "hint")  # noqa: RUF023
    message: str
    hint: str

    def __init__(self, message: str, hint: str) -> None:
        set_field(self, "message", message)
        set_field(self, "hint", hint)


def refuse_entry(path: Path, root: Path) -> Refusal | None:
    """Return why `path` is not a regular file of the project `root` (resolved), or None when it is."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return Refusal("the file is a link that leads nowhere (a loop of links)", "replace the link with the file")
    if not target.is_relative_to(root):
        # A link to a file elsewhere could make the document print what nobody drafted.
        return Refusal("the file is a link to a file outside the project",
                       "copy the text into sections/ instead of linking to it")
    if path.is_dir():
        return Refusal("this is a directory named like a section file, not a file",
                       "a part is one .md file: rename the directory (without .md) or move it out of sections/")
    if not path.exists():
        return Refusal("the file is a link to a file that does not exist", "replace the link with the file")
    if not path.is_file():
        return Refusal("this is not a regular file (a pipe, a socket or a device)",
                       "a part is one .md text file: remove this entry from sections/")
    return None
