from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_desktop.domain.money import CENT, from_cents, parse_money, round_cents, to_cents


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("0.015", "0.02"),  # half up, not half even
        ("0.025", "0.03"),
        ("-0.005", "-0.01"),
        ("12.3", "12.30"),
        ("12", "12.00"),
        ("1234.5649", "1234.56"),
    ],
)
def test_round_cents_rounds_half_up_to_two_places(value: str, expected: str) -> None:
    result = round_cents(Decimal(value))
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2


def test_cent_is_one_hundredth() -> None:
    assert CENT * 100 == 1


@pytest.mark.parametrize(
    ("value", "cents"),
    [("12.30", 1230), ("0", 0), ("-3.5", -350), ("0.005", 1), ("0.0049", 0), ("1234.56", 123456)],
)
def test_to_cents(value: str, cents: int) -> None:
    assert to_cents(Decimal(value)) == cents


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_to_cents_rejects_non_finite(value: str) -> None:
    with pytest.raises(ValueError):
        to_cents(Decimal(value))


def test_from_cents_has_exactly_two_places() -> None:
    assert str(from_cents(1230)) == "12.30"
    assert str(from_cents(0)) == "0.00"
    assert str(from_cents(-5)) == "-0.05"
    assert str(from_cents(123456789)) == "1234567.89"


@given(st.decimals(places=2, min_value=-(10**12), max_value=10**12))
def test_cents_round_trip(value: Decimal) -> None:
    assert from_cents(to_cents(value)) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_cents_round_trip_from_database(cents: int) -> None:
    assert to_cents(from_cents(cents)) == cents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),
        ("1\u202f234,50", "1234.50"),
        ("1 234,50 €", "1234.50"),
        ("1\u00a0234,50\u00a0€", "1234.50"),  # exactly what format_money prints in Finnish
        ("1 234 567,89", "1234567.89"),
        ("€12", "12.00"),
        ("12 EUR", "12.00"),
        ("12", "12.00"),
        ("0", "0.00"),
        ("-3,5", "-3.50"),
        ("\u22123,50", "-3.50"),  # Unicode minus sign
        ("+7", "7.00"),
        ("  35,00  ", "35.00"),
        ("0,05", "0.05"),
        ("1234", "1234.00"),
        ("-0", "0.00"),
    ],
)
def test_parse_money_accepts(text: str, expected: str) -> None:
    result = parse_money(text)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "12a",
        "1,234",  # three decimals: 1.234 or 1234? Refused rather than guessed.
        "1.234,50",  # two decimal separators
        "1,234.50",
        "1,2,3",
        "12,",
        ",50",
        "1 23,00",  # a thousands group must have three digits
        "12 34",
        "1e3",
        "- 3",
        "--3",
        "NaN",
        "Infinity",
        "€",
        "١٢",  # non-ASCII digits
        "12 €€",
    ],
)
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)
