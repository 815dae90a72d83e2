"""Search text for lists: case-insensitive, but Finnish letters stay letters.

In Finnish ``a``/``ä`` and ``o``/``ö`` are different letters (``Sää`` is not
``Saa``), so diacritics are never stripped. Only case, Unicode compatibility
forms and runs of whitespace are folded.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """The searchable form of ``text``: case-folded, NFC-composed, single spaces.

    NFKC first makes full-width letters and ligatures plain; NFC last keeps
    ``ä`` one character even when it was typed or pasted decomposed
    (``a`` + U+0308), so that searching ``a`` never finds ``ä``.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


# Finnish alphabetical order puts å, ä, ö after z, in that order; code points give ä < å.
_FINNISH_ORDER = str.maketrans({"å": "z\uffff1", "ä": "z\uffff2", "ö": "z\uffff3"})


def sort_key(text: str) -> str:
    """A key that sorts text the Finnish way: case-insensitive, ``…z, å, ä, ö``."""
    return fold(text).translate(_FINNISH_ORDER)


def number_order(number: str) -> tuple[int, int, str]:
    """Register numbers in the order people expect: 2 before 10, then non-numeric ones."""
    return (0, int(number), "") if number.isdigit() else (1, 0, number)


def search_text(*parts: str | None) -> str:
    """One folded haystack from a row's searchable fields; empty parts are skipped."""
    folded = (fold(part) for part in parts if part)
    return " ".join(part for part in folded if part)


def matches(haystack_folded: str, query: str) -> bool:
    """True when every word of ``query`` occurs somewhere in the folded haystack.

    A blank query matches everything, so an empty search box shows all rows.
    """
    return all(term in haystack_folded for term in fold(query).split())
