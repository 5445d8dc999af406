"""Sentences of running text: where one ends, and the full stops that end none."""

from __future__ import annotations

import pytest

from ccm_review.analyse.prose import sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan was adopted. It has seven actions.", ["The plan was adopted.", "It has seven actions."]),
    ("Some States, e.g. Chile, reported. Others did not.", ["Some States, e.g. Chile, reported.", "Others did not."]),
    ("See para. 9 of the report.", ["See para. 9 of the report."]),
    ("J. Smith chaired it. He reported.", ["J. Smith chaired it.", "He reported."]),
    ("No. 5 was met. Two were not.", ["No. 5 was met.", "Two were not."]),  # the text's first word
    ("(E.g. Chile.) Others did not.", ["(E.g. Chile.)", "Others did not."]),  # an opening mark before it
], ids=["two", "e-g", "para", "initial", "at-the-start", "opening-mark"])
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize("length", [31, 32, 33, 127, 128, 129, 600])
def test_a_word_of_any_length_before_a_full_stop_is_read_whole(length: int) -> None:
    # The word before a full stop is read from a few characters back, then further: a long word must be
    # read whole, and one that merely ends like an abbreviation ("...x e.g.") is no abbreviation.
    long = "x" * length
    assert split(f"Some {long}e.g. Others did not.") == [f"Some {long}e.g.", "Others did not."]
    assert split(f"{long}e.g. Others did not.") == [f"{long}e.g.", "Others did not."]
    assert split(f"Some {long} e.g. Chile. Others did not.") == [f"Some {long} e.g. Chile.", "Others did not."]
