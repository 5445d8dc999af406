"""Splitting a section file into front matter and narrative (ccm_review/load/frontmatter.py)."""

from __future__ import annotations

import pytest

from ccm_review.load.frontmatter import Split, SplitProblem, split_front_matter


def test_front_matter_and_body_are_split_at_the_fences() -> None:
    split = split_front_matter("---\naction: 4\n---\n## Successes\n")
    assert split == Split("action: 4", "## Successes\n", front_matter_offset=1, body_offset=3)


def test_blank_lines_before_the_front_matter_shift_the_offsets() -> None:
    split = split_front_matter("\n\n---\naction: 4\n---\nText")
    assert isinstance(split, Split)
    assert (split.front_matter_offset, split.body_offset) == (3, 5)


def test_front_matter_may_end_with_dots_and_fences_may_have_trailing_spaces() -> None:
    split = split_front_matter("---  \naction: 4\n...\nText")
    assert split == Split("action: 4", "Text", 1, 3)


def test_a_later_thematic_break_stays_in_the_body() -> None:
    split = split_front_matter("---\naction: 4\n---\nOne\n\n---\n\nTwo")
    assert isinstance(split, Split)
    assert split.body == "One\n\n---\n\nTwo"


@pytest.mark.parametrize("text, line, says", [
    ("", 1, "empty"),
    ("  \n\n", 1, "empty"),
    ("## Successes\n", 1, "does not start with front matter"),
    ("\n\n## Successes\n---\n", 3, "does not start with front matter"),
    ("---\naction: 4\n## Successes\n", 1, "not closed"),
    ("\n---\naction: 4\n", 2, "not closed"),
])
def test_missing_front_matter_is_located(text: str, line: int, says: str) -> None:
    problem = split_front_matter(text)
    assert isinstance(problem, SplitProblem)
    assert problem.line == line
    assert says in problem.message
    assert problem.hint
