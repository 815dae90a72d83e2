from __future__ import annotations

import pytest

from jobcenter_desktop.domain.search import fold, matches, search_text


def test_fold_is_case_insensitive_for_finnish_letters() -> None:
    assert fold("Å") == fold("å")
    assert fold("Ä") == fold("ä")
    assert fold("Ö") == fold("ö")
    assert fold("ÄÄNEKOSKI") == "äänekoski"


def test_fold_keeps_finnish_letters_distinct() -> None:
    assert fold("ä") != fold("a")
    assert fold("ö") != fold("o")
    assert fold("å") != fold("a")
    assert not matches(fold("Sää"), "saa")
    assert not matches(fold("Pöytä"), "poyta")


def test_fold_composes_decomposed_letters() -> None:
    decomposed = "A\u0308a\u0308nekoski"  # Ä and ä typed as a + combining diaeresis
    assert fold(decomposed) == "äänekoski"
    assert not matches(fold(decomposed), "a")


def test_fold_collapses_whitespace() -> None:
    assert fold("  Matti \t\n Meikäläinen\u00a0Oy ") == "matti meikäläinen oy"


def test_search_text_skips_empty_parts() -> None:
    assert search_text("Matti", None, "", "  ", "ÄÄNEKOSKI") == "matti äänekoski"
    assert search_text() == ""


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("äänekoski", True),
        ("ÄÄNEKOSKI", True),
        ("Äänekoski", True),
        ("ääne", True),
        ("matti äänekoski", True),  # every word, in any order
        ("äänekoski matti", True),
        ("matti helsinki", False),  # all words must occur
        ("aanekoski", False),
        ("", True),  # an empty search box shows everything
        ("   ", True),
        ("0737546-2", True),
    ],
)
def test_matches(query: str, found: bool) -> None:
    haystack = search_text("Matti Meikäläinen", "ÄÄNEKOSKI", "0737546-2")
    assert matches(haystack, query) is found


def test_matches_swedish_letter() -> None:
    assert matches(search_text("Åland"), "å")
    assert matches(search_text("åland"), "ÅLAND")


def test_sort_key_follows_the_finnish_alphabet() -> None:
    from jobcenter_desktop.domain.search import sort_key

    names = ["Öberg", "Ahonen", "ämmälä", "Åström", "Zetterberg", "aalto"]
    assert sorted(names, key=sort_key) == [
        "aalto",
        "Ahonen",
        "Zetterberg",
        "Åström",
        "ämmälä",
        "Öberg",
    ]
