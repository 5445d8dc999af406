"""pandoc, an independent reader, reads a DOCX back: its JSON flattened for the tests to compare.

Shared by tests/test_readback.py (every source text comes back, in order) and
tests/test_docx_checkers.py (headings, paragraphs, code, notes and list labels as a reader sees
them).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from ccm_review.layout.labels import letters, roman
from tests.conftest import require_tool

_BLOCKS = ("Para", "Plain", "Header", "CodeBlock", "OrderedList", "BulletList", "Table", "BlockQuote", "Div")
_LIST_LABELS = {
    "Decimal": lambda n: f"{n}.",
    "LowerAlpha": lambda n: f"({letters(n)})",
    "LowerRoman": lambda n: f"({roman(n).lower()})",
    "DefaultStyle": lambda n: f"{n}.",
}


def normal(text: str) -> str:
    """`text` with every run of white space made one space."""
    return " ".join(text.split())


class PandocReader:
    """pandoc's JSON flattened: headers, paragraphs and cells in order; notes; list labels.

    `body` holds ("para", text), ("header", level, text) and ("code", text) entries; `notes` the
    text of each note in reference order; `labels` the label of every list item ("1.", "(a)",
    bullets); `numbers` the numbers of decimal lists (the paragraph numbering).

    With `marks=False` a superscript counts only at the start of a paragraph, where it is the
    letter of a table note ("a Source ..."); inside text it is a note mark, not a word.
    """

    def __init__(self, marks: bool = True) -> None:
        self.marks = marks
        self.body: list[tuple[Any, ...]] = []
        self.notes: list[str] = []
        self.labels: list[str] = []
        self.numbers: list[int] = []

    @property
    def texts(self) -> list[str]:
        """The text of every entry of `body`, in order."""
        return [entry[-1] for entry in self.body]

    def blocks(self, blocks: list[Any], into: list[tuple[Any, ...]]) -> None:
        for block in blocks:
            self.block(block, into)

    def block(self, block: dict[str, Any], into: list[tuple[Any, ...]]) -> None:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            into.append(("para", self.inlines(content)))
        elif kind == "Header":
            into.append(("header", content[0], self.inlines(content[2])))
        elif kind == "CodeBlock":
            into.append(("code", content[1]))  # lines and their indentation kept
        elif kind == "OrderedList":
            (start, style, _), items = content
            for number, item in enumerate(items, start=start):
                self.labels.append(_LIST_LABELS[style["t"]](number))
                if style["t"] == "Decimal":
                    self.numbers.append(number)
                self.blocks(item, into)
        elif kind == "BulletList":
            for item in content:
                self.labels.append("\u2022")
                self.blocks(item, into)
        else:
            self._nested(content, into)

    def _nested(self, content: Any, into: list[tuple[Any, ...]]) -> None:
        """Walk any other block (tables, their captions, quotes, divs) down to its paragraphs."""
        if isinstance(content, dict) and "t" in content:
            if content["t"] in _BLOCKS:
                self.block(content, into)
            elif "c" in content:
                self._nested(content["c"], into)
        elif isinstance(content, list):
            for child in content:
                self._nested(child, into)

    def inlines(self, inlines: list[dict[str, Any]]) -> str:
        parts: list[str] = []
        for inline in inlines:
            kind, content = inline["t"], inline.get("c")
            if kind == "Str":
                parts.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif kind == "Note":
                note: list[tuple[Any, ...]] = []
                self.blocks(content, note)
                self.notes.append(normal(" ".join(entry[-1] for entry in note)))
            elif kind == "Superscript" and not self.marks:
                parts.append("" if parts else self.inlines(content))
            elif kind in ("Emph", "Strong", "Strikeout", "Underline", "SmallCaps", "Superscript", "Subscript"):
                parts.append(self.inlines(content))
            elif kind in ("Link", "Span", "Quoted"):
                parts.append(self.inlines(content[1]))
            elif kind == "Code":
                parts.append(content[1])
        return normal("".join(parts))


def read_docx(docx: Path, marks: bool = True) -> PandocReader:
    """Have pandoc read `docx` (the test skips, or fails under CCM_REQUIRE_EXTERNAL, without it)."""
    pandoc = require_tool("pandoc")
    result = subprocess.run([pandoc, "-f", "docx", "-t", "json", str(docx)],
                            capture_output=True, text=True, check=True, timeout=120)
    reader = PandocReader(marks)
    reader.blocks(json.loads(result.stdout)["blocks"], reader.body)
    return reader
