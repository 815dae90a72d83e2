"""Money: ``Decimal`` in Python, integer cents in the database.

The one rounding rule of the program is half up to the cent (``round_cents``).
Never build money from a float: ``Decimal(0.1)`` is not ten cents.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# Thousands may be grouped with a space, a no-break space (U+00A0, what Babel
# prints for Finnish) or a narrow no-break space (U+202F, what some systems and
# spreadsheets print). Groups must have exactly three digits, so "1 23,00" is
# rejected rather than guessed at.
_GROUP_SEPARATORS = " \u00a0\u202f"
_MONEY_RE = re.compile(
    r"""
    (?P<sign>[-+\u2212]?)
    (?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)
    (?:[.,](?P<fraction>[0-9]{1,2}))?
    """,
    re.VERBOSE,
)
_CURRENCY_MARKS = ("€", "EUR")


def round_cents(value: Decimal) -> Decimal:
    """Round to whole cents, half up (0.005 -> 0.01, -0.005 -> -0.01)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    """The value in integer cents for the database, rounded half up first."""
    if not value.is_finite():
        raise ValueError(f"not a finite amount of money: {value}")
    return int(round_cents(value).scaleb(2))


def from_cents(cents: int) -> Decimal:
    """Integer cents from the database as a Decimal with exactly two places."""
    return Decimal(cents).scaleb(-2)


def parse_money(text: str) -> Decimal:
    """Read an amount as a user types it; the result has exactly two places.

    Accepted: ``12``, ``-3,5``, ``1234,50``, ``1234.50``, ``1 234,50`` and
    ``1 234,50 €`` (spaces, U+00A0 or U+202F between thousands; an optional
    euro sign or ``EUR`` before or after). Both ``,`` and ``.`` are decimal
    separators, so ``1,234`` (three decimals) and ``1.234,50`` are rejected:
    guessing which one the user meant could silently multiply an invoice by a
    thousand.
    """
    cleaned = text.strip()
    for mark in _CURRENCY_MARKS:
        if cleaned.upper().endswith(mark):
            cleaned = cleaned[: -len(mark)].rstrip()
            break
        if cleaned.upper().startswith(mark):
            cleaned = cleaned[len(mark) :].lstrip()
            break
    match = _MONEY_RE.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"not an amount of money: {text!r}")
    whole = match["whole"]
    for separator in _GROUP_SEPARATORS:
        whole = whole.replace(separator, "")
    fraction = match["fraction"] or "0"
    try:
        value = Decimal(f"{whole}.{fraction}").quantize(CENT)
    except InvalidOperation as error:  # more digits than Decimal's precision
        raise ValueError(f"not an amount of money: {text!r}") from error
    if match["sign"] in ("-", "\u2212") and value:
        value = -value
    return value
