"""Splitting a section file into front matter and narrative."""

from __future__ import annotations

from ccm_review.model.record import Record, set_field

_FENCE = "---"


class Split(Record):
    """The two halves of a section file and the number of lines before each."""

    __slots__ = ("front_matter", "body", "front_matter_offset", "body_offset")  # noqa: RUF023
    front_matter: str
    body: str
    front_matter_offset: int
    body_offset: int

    def __init__(self, front_matter: str, body: str, front_matter_offset: int, body_offset: int) -> None:
        set_field(self, "front_matter", front_matter)
        set_field(self, "body", body)
        set_field(self, "front_matter_offset", front_matter_offset)
        set_field(self, "body_offset", body_offset)


class SplitProblem(Record):
    """Why a file has no usable front matter block; `line` is 1-based."""

    __slots__ = ("message", "line", "hint")  # noqa: RUF023
    message: str
    line: int
    hint: str

    def __init__(self, message: str, line: int, hint: str) -> None:
        set_field(self, "message", message)
        set_field(self, "line", line)
        set_field(self, "hint", hint)


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
