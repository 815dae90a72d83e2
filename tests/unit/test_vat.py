"""VAT by the date of supply (domain/vat.py): the seed table of FINNISH-RULES.md, the
lookup's edges, no-VAT categories and the late-payment interest table."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.vat import (
    RATED,
    SEED_INTEREST,
    SEED_RATES,
    InterestRate,
    MissingRateError,
    VatRate,
    interest_on,
    rate_on,
)

GENERAL, FOOD, REDUCED = VatTreatment.GENERAL, VatTreatment.FOOD, VatTreatment.REDUCED


@pytest.mark.parametrize(
    ("category", "day", "rate"),
    [
        # general: 24 % until 31.8.2024, 25.5 % from 1.9.2024
        (GENERAL, date(2013, 1, 1), "24"),
        (GENERAL, date(2024, 8, 31), "24"),
        (GENERAL, date(2024, 9, 1), "25.5"),
        (GENERAL, date(2025, 1, 1), "25.5"),
        (GENERAL, date(2026, 1, 1), "25.5"),
        # food: 14 % until 31.12.2025, 13.5 % from 1.1.2026
        (FOOD, date(2024, 9, 1), "14"),
        (FOOD, date(2025, 12, 31), "14"),
        (FOOD, date(2026, 1, 1), "13.5"),
        # the old 10 % group: 10 % -> 14 % (2025) -> 13.5 % (2026)
        (REDUCED, date(2024, 12, 31), "10"),
        (REDUCED, date(2025, 1, 1), "14"),
        (REDUCED, date(2025, 12, 31), "14"),
        (REDUCED, date(2026, 1, 1), "13.5"),
        (REDUCED, date(2099, 12, 31), "13.5"),
    ],
)
def test_the_seed_table_gives_the_rate_of_the_day_of_supply(
    category: VatTreatment, day: date, rate: str
) -> None:
    assert rate_on(SEED_RATES, category, day) == Decimal(rate)


@pytest.mark.parametrize("category", [VatTreatment.EXEMPT, VatTreatment.OUTSIDE])
def test_exempt_and_out_of_scope_sales_have_no_vat_whatever_the_table(
    category: VatTreatment,
) -> None:
    assert rate_on(SEED_RATES, category, date(2026, 5, 1)) == Decimal("0")
    # Not even an empty table, or a day before every row, raises for them.
    assert rate_on((), category, date(1990, 1, 1)) == Decimal("0")


def test_a_day_before_the_table_starts_has_no_rate() -> None:
    with pytest.raises(MissingRateError) as error:
        rate_on(SEED_RATES, GENERAL, date(2012, 12, 31))
    assert (error.value.category, error.value.day) == (GENERAL, date(2012, 12, 31))
    assert "general" in str(error.value) and "2012-12-31" in str(error.value)
    assert isinstance(error.value, LookupError)


def test_an_empty_table_or_another_category_s_rows_give_no_rate() -> None:
    with pytest.raises(MissingRateError):
        rate_on((), FOOD, date(2026, 1, 1))
    only_general = [VatRate(GENERAL, date(2020, 1, 1), Decimal("24"))]
    with pytest.raises(MissingRateError):
        rate_on(only_general, FOOD, date(2026, 1, 1))


def test_the_order_of_the_rows_does_not_matter() -> None:
    rows = [
        VatRate(GENERAL, date(2026, 1, 1), Decimal("26")),
        VatRate(GENERAL, date(2013, 1, 1), Decimal("24")),
        VatRate(GENERAL, date(2024, 9, 1), Decimal("25.5")),
    ]
    assert rate_on(rows, GENERAL, date(2025, 6, 1)) == Decimal("25.5")
    assert rate_on(reversed(rows), GENERAL, date(2026, 1, 1)) == Decimal("26")
    # A generator is read once: the lookup must not need the table twice.
    assert rate_on(iter(rows), GENERAL, date(2024, 8, 31)) == Decimal("24")


def test_a_zero_rate_row_is_a_rate_not_a_gap() -> None:
    rows = [
        VatRate(REDUCED, date(2020, 1, 1), Decimal("10")),
        VatRate(REDUCED, date(2021, 1, 1), Decimal("0")),
    ]
    assert rate_on(rows, REDUCED, date(2021, 6, 1)) == Decimal("0")


def test_the_seed_table_covers_every_rated_category_from_2013() -> None:
    for category in RATED:
        assert rate_on(SEED_RATES, category, date(2013, 1, 1)) > 0
    assert {row.category for row in SEED_RATES} == set(RATED)
    assert len({(row.category, row.valid_from) for row in SEED_RATES}) == len(SEED_RATES)


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
            st.decimals(min_value=0, max_value=100, places=2),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda pair: pair[0],
    ),
    st.dates(min_value=date(1999, 1, 1), max_value=date(2031, 12, 31)),
)
def test_the_rate_is_that_of_the_latest_row_not_after_the_day(
    rows: list[tuple[date, Decimal]], day: date
) -> None:
    table = [VatRate(GENERAL, start, rate) for start, rate in rows]
    earlier = [(start, rate) for start, rate in rows if start <= day]
    if not earlier:
        with pytest.raises(MissingRateError):
            rate_on(table, GENERAL, day)
        return
    assert rate_on(table, GENERAL, day) == max(earlier)[1]
    # The rate holds until the day before the next row.
    start = max(earlier)[0]
    following = [other for other, _rate in rows if other > start]
    last_day = min(following) - timedelta(days=1) if following else date(2031, 12, 31)
    assert rate_on(table, GENERAL, last_day) == max(earlier)[1]


def test_interest_is_the_row_in_force_on_the_day() -> None:
    table = [
        InterestRate(date(2025, 7, 1), Decimal("10"), Decimal("11")),
        InterestRate(date(2026, 1, 1), Decimal("9.5"), Decimal("10.5")),
    ]
    assert interest_on(table, date(2025, 6, 30)) is None
    assert interest_on(table, date(2025, 7, 1)) == table[0]
    assert interest_on(table, date(2025, 12, 31)) == table[0]
    assert interest_on(reversed(table), date(2026, 1, 1)) == table[1]
    assert interest_on((), date(2026, 1, 1)) is None


def test_the_seed_interest_is_the_first_half_of_2026() -> None:
    row = interest_on(SEED_INTEREST, date(2026, 6, 30))
    assert row is not None
    # FINNISH-RULES.md: reference rate + 7 points for consumers, + 8 for businesses.
    assert (row.consumer, row.business) == (Decimal("9.5"), Decimal("10.5"))
    assert row.business - row.consumer == Decimal("1")
    assert interest_on(SEED_INTEREST, date(2025, 12, 31)) is None
