"""Splitting a section file into front matter and narrative."""

from __future__ import annotations

from dataclasses import dataclass

_FENCE = "---"


@dataclass(frozen=True)
class Split:
    """The two halves of a section file and the number of lines before each."""

    front_matter: str
    body: str
    front_matter_offset: int
    body_offset: int


@dataclass(frozen=True)
class SplitProblem:
    """Why a file has no usable front matter block; `line` is 1-based."""

    message: str
    line: int
    hint: str


def split_front_matter(text: str) -> Split | SplitProblem:
    """Split `text` at its `---` fences, or say why it cannot be."""
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return SplitProblem("the file is empty", 1, "start the file with a front matter block between '---' lines")
    if lines[first].rstrip() != _FENCE:
        return SplitProblem(
            "the file does not start with front matter",
            first + 1,
            "the first line must be '---', then the front matter (action:, status: ...), then '---'",
        )
    for index in range(first + 1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            return Split("\n".join(lines[first + 1:index]), "\n".join(lines[index + 1:]), first + 1, index + 1)
    return SplitProblem(
        "the front matter is not closed",
        first + 1,
        "add a line with '---' after the front matter, before the narrative",
    )
