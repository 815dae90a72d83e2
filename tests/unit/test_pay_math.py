"""Pay of a gig: worked minutes × the hourly pay in force on the gig's date, by pay basis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.pay import (
    DatedRate,
    earnings,
    earns_through_centre,
    gig_pay,
    hourly_pay_on,
    rate_on,
)

RAISE = (
    DatedRate(date(2026, 1, 1), Decimal("10.00")),
    DatedRate(date(2026, 11, 16), Decimal("11.50")),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 31), None),  # before any dated rate
        (date(2026, 1, 1), Decimal("10.00")),
        (date(2026, 11, 15), Decimal("10.00")),  # the day before the raise
        (date(2026, 11, 16), Decimal("11.50")),  # the raise's first day
        (date(2026, 11, 30), Decimal("11.50")),
    ],
)
def test_the_rate_in_force_is_the_newest_started_one(day: date, expected: Decimal | None) -> None:
    assert rate_on(RAISE, day) == expected
    assert rate_on(reversed(RAISE), day) == expected  # order of the rows does not matter


@pytest.mark.parametrize(
    ("day", "contract_rate", "register_pay", "expected"),
    [
        (date(2026, 11, 10), None, Decimal("9.00"), Decimal("10.00")),  # dated over register
        (date(2025, 6, 1), None, Decimal("9.00"), Decimal("9.00")),  # register before any dated
        (date(2025, 6, 1), None, None, None),  # no pay entered at all
        (date(2026, 11, 20), Decimal("14.00"), Decimal("9.00"), Decimal("14.00")),  # contract
        (date(2025, 6, 1), Decimal("14.00"), None, Decimal("14.00")),
    ],
)
def test_the_contract_rate_overrides_the_persons(
    day: date, contract_rate: Decimal | None, register_pay: Decimal | None, expected: Decimal | None
) -> None:
    assert hourly_pay_on(day, RAISE, contract_rate, register_pay) == expected


def test_a_raise_mid_month_prices_gigs_before_and_after_at_their_own_rate() -> None:
    before = gig_pay(PayBasis.WAGE, date(2026, 11, 9), 180, RAISE)
    after = gig_pay(PayBasis.WAGE, date(2026, 11, 23), 180, RAISE)
    assert (before.earnings, after.earnings) == (Decimal("30.00"), Decimal("34.50"))


@pytest.mark.parametrize(
    ("minutes", "hourly", "expected"),
    [
        (0, Decimal("10.00"), Decimal("0.00")),
        (60, Decimal("10.00"), Decimal("10.00")),
        (1, Decimal("10.00"), Decimal("0.17")),  # 0.1666… up
        (7, Decimal("10.50"), Decimal("1.23")),  # 1.225 half up
        (173, Decimal("10.00"), Decimal("28.83")),  # 28.8333…
        (20, Decimal("0.01"), Decimal("0.00")),  # 0.00333…
        (30, Decimal("0.01"), Decimal("0.01")),  # 0.005 half up
    ],
)
def test_earnings_are_rounded_to_the_cent_half_up_once(
    minutes: int, hourly: Decimal, expected: Decimal
) -> None:
    assert earnings(minutes, hourly) == expected


def test_worked_minutes_are_priced_not_the_billable_ones() -> None:
    # 2 h 50 min worked, billed rounded up to 3 h: the pay follows the 170 minutes worked.
    worked, billable = 170, 180
    pay = gig_pay(PayBasis.WAGE, date(2026, 11, 9), worked, RAISE)
    assert pay.earnings == Decimal("28.33") != earnings(billable, Decimal("10.00"))


@pytest.mark.parametrize(
    ("basis", "through_centre"),
    [
        (PayBasis.WAGE, True),
        (PayBasis.FEE, True),
        (PayBasis.CUSTOMER_EMPLOYED, False),
        (PayBasis.NONE, False),
    ],
)
def test_each_pay_basis(basis: PayBasis, through_centre: bool) -> None:
    assert earns_through_centre(basis) is through_centre
    with_rate = gig_pay(basis, date(2026, 11, 9), 120, (), Decimal("12.00"))
    # The earnings count for the forecast whenever a pay is entered ...
    assert with_rate.earnings == Decimal("24.00")
    # ... but only WAGE and FEE are paid by the centre.
    assert with_rate.paid_by_centre == (Decimal("24.00") if through_centre else Decimal("0.00"))
    without_rate = gig_pay(basis, date(2026, 11, 9), 120)
    assert (without_rate.hourly_pay, without_rate.earnings, without_rate.paid_by_centre) == (
        None,
        Decimal("0.00"),
        Decimal("0.00"),
    )


def test_negative_minutes_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        earnings(-1, Decimal("10.00"))


@given(
    minutes=st.integers(min_value=0, max_value=24 * 60),
    cents=st.integers(min_value=0, max_value=10_000),
)
def test_earnings_are_whole_cents_within_half_a_cent_of_the_exact_value(
    minutes: int, cents: int
) -> None:
    hourly = Decimal(cents).scaleb(-2)
    result = earnings(minutes, hourly)
    assert result == result.quantize(Decimal("0.01"))
    assert abs(result - Decimal(minutes) * hourly / 60) <= Decimal("0.005")
