"""The benefit guard: a month's earnings against limits, exceedance months, reductions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jobcenter_desktop.domain.benefits import (
    BenefitCode,
    BenefitRule,
    HeldBenefit,
    RuleKind,
    exceedance,
    forecast,
    forecast_benefit,
    lowest_limit,
    months_over,
    reduction_effect,
    rule_in_force,
)

KELA = BenefitRule(
    BenefitCode.KELA_DISABILITY_PENSION,
    RuleKind.MONTHLY_LIMIT,
    date(2024, 1, 1),
    2024,
    monthly_limit=Decimal("976.59"),
)
KELA_2026 = BenefitRule(
    BenefitCode.KELA_DISABILITY_PENSION,
    RuleKind.MONTHLY_LIMIT,
    date(2026, 1, 1),
    2026,
    monthly_limit=Decimal("976.59"),
    confirmed=False,
)
EARNINGS_RELATED = BenefitRule(
    BenefitCode.EARNINGS_RELATED_PENSION, RuleKind.PERSONAL_LIMIT, date(2024, 1, 1), 2024
)
UNEMPLOYMENT = BenefitRule(
    BenefitCode.UNEMPLOYMENT_BENEFIT,
    RuleKind.REDUCTION,
    date(2024, 4, 1),
    2024,
    reduction_share=Decimal("50"),
)
HOUSING = BenefitRule(
    BenefitCode.HOUSING_ALLOWANCE,
    RuleKind.REDUCTION,
    date(2024, 4, 1),
    2024,
    reduction_share=Decimal("100"),
)


@pytest.mark.parametrize(
    ("earned", "over", "remaining", "over_by"),
    [
        (Decimal("0.00"), False, Decimal("976.59"), Decimal("0.00")),
        (Decimal("642.00"), False, Decimal("334.59"), Decimal("0.00")),
        (Decimal("976.58"), False, Decimal("0.01"), Decimal("0.00")),
        (Decimal("976.59"), False, Decimal("0.00"), Decimal("0.00")),  # at the limit exactly
        (Decimal("976.60"), True, Decimal("0.00"), Decimal("0.01")),  # one cent over
        (Decimal("1200.00"), True, Decimal("0.00"), Decimal("223.41")),
    ],
)
def test_a_monthly_limit(earned: Decimal, over: bool, remaining: Decimal, over_by: Decimal) -> None:
    result = forecast_benefit(HeldBenefit(KELA), earned)
    assert (result.limit, result.over, result.remaining, result.over_by) == (
        Decimal("976.59"),
        over,
        remaining,
        over_by,
    )
    assert result.reduction is None
    assert result.beyond_allowed_months is over  # no exceedance months: over is over


@pytest.mark.parametrize(
    ("before", "over_now", "uses", "beyond"),
    [
        (0, True, True, False),
        (1, True, True, False),
        (2, True, False, True),  # both allowed months used already
        (3, True, False, True),
        (0, False, False, False),  # within the limit: no month used
        (2, False, False, False),
    ],
)
def test_the_exceedance_months_rule(before: int, over_now: bool, uses: bool, beyond: bool) -> None:
    rule = BenefitRule(
        BenefitCode.KELA_DISABILITY_PENSION,
        RuleKind.MONTHLY_LIMIT,
        date(2024, 1, 1),
        2024,
        monthly_limit=Decimal("1000.00"),
        exceed_months=2,
    )
    earned = Decimal("1000.01") if over_now else Decimal("1000.00")
    result = forecast_benefit(HeldBenefit(rule), earned, before)
    assert (result.over, result.uses_allowed_month, result.beyond_allowed_months) == (
        over_now,
        uses,
        beyond,
    )
    assert (result.allowed_months, result.months_over_before) == (2, before)


def test_months_over_counts_only_months_above_their_own_limit() -> None:
    months = [
        (Decimal("1000.00"), Decimal("1000.00")),  # at the limit
        (Decimal("1000.01"), Decimal("1000.00")),  # over
        (Decimal("1200.00"), Decimal("1300.00")),  # a higher limit that month
        (Decimal("50.00"), None),  # no limit that month
        (Decimal("2000.00"), Decimal("976.59")),
    ]
    assert months_over(months) == 2


@pytest.mark.parametrize(
    ("personal", "earned", "over", "remaining"),
    [
        (Decimal("1250.00"), Decimal("1250.00"), False, Decimal("0.00")),
        (Decimal("1250.00"), Decimal("1250.01"), True, Decimal("0.00")),
        (Decimal("1250.00"), Decimal("682.00"), False, Decimal("568.00")),
    ],
)
def test_a_personal_limit(
    personal: Decimal, earned: Decimal, over: bool, remaining: Decimal
) -> None:
    result = forecast_benefit(HeldBenefit(EARNINGS_RELATED, personal), earned)
    assert (result.limit, result.over, result.remaining) == (personal, over, remaining)


@pytest.mark.parametrize(
    ("rule", "earned", "effect"),
    [
        (UNEMPLOYMENT, Decimal("682.00"), Decimal("341.00")),
        (UNEMPLOYMENT, Decimal("0.01"), Decimal("0.01")),  # 0.005 half up
        (UNEMPLOYMENT, Decimal("100.03"), Decimal("50.02")),  # 50.015 half up
        (HOUSING, Decimal("682.00"), Decimal("682.00")),  # all earnings count
        (HOUSING, Decimal("0.00"), Decimal("0.00")),
    ],
)
def test_a_reduction_is_an_effect_in_euros_not_a_limit(
    rule: BenefitRule, earned: Decimal, effect: Decimal
) -> None:
    result = forecast_benefit(HeldBenefit(rule), earned)
    assert (
        result.reduction == effect == reduction_effect(earned, rule.reduction_share or Decimal(0))
    )
    assert (result.limit, result.remaining, result.over) == (None, None, False)


def test_the_lowest_limit_of_several_benefits() -> None:
    held = [
        HeldBenefit(KELA),
        HeldBenefit(EARNINGS_RELATED, Decimal("800.00")),
        HeldBenefit(HOUSING),
    ]
    assert lowest_limit(held) == Decimal("800.00")
    assert lowest_limit([HeldBenefit(HOUSING)]) is None
    assert lowest_limit([]) is None
    results = forecast(held, Decimal("900.00"), {BenefitCode.KELA_DISABILITY_PENSION: 1})
    assert [r.over for r in results] == [False, True, False]
    assert results[0].months_over_before == 1


def test_an_unconfirmed_rule_says_so_with_its_year() -> None:
    result = forecast_benefit(HeldBenefit(KELA_2026), Decimal("10.00"))
    assert (result.confirmed, result.year) == (False, 2026)


def test_the_rule_in_force_is_picked_by_date() -> None:
    rules = [KELA_2026, KELA, UNEMPLOYMENT]
    assert rule_in_force(rules, BenefitCode.KELA_DISABILITY_PENSION, date(2025, 6, 1)) is KELA
    assert rule_in_force(rules, BenefitCode.KELA_DISABILITY_PENSION, date(2026, 1, 1)) is KELA_2026
    assert rule_in_force(rules, BenefitCode.UNEMPLOYMENT_BENEFIT, date(2024, 3, 31)) is None
    assert rule_in_force(rules, BenefitCode.HOUSING_ALLOWANCE, date(2026, 1, 1)) is None


@pytest.mark.parametrize("personal", [Decimal("150.00"), Decimal("976.59"), Decimal("1250.00")])
def test_the_personal_limit_is_the_figure_typed(personal: Decimal) -> None:
    """The pension provider's letter gives the limit (the law's Kela floor is in it)."""
    held = HeldBenefit(EARNINGS_RELATED, personal)
    assert held.limit == personal
    result = forecast_benefit(held, personal + Decimal("0.01"))
    assert (result.limit, result.over, result.over_by) == (personal, True, Decimal("0.01"))
    assert not forecast_benefit(held, personal).over  # at the limit exactly: within


def _monthly(limit: str, months: int | None) -> HeldBenefit:
    rule = BenefitRule(
        BenefitCode.KELA_DISABILITY_PENSION,
        RuleKind.MONTHLY_LIMIT,
        date(2026, 1, 1),
        2026,
        monthly_limit=Decimal(limit),
        exceed_months=months,
    )
    return HeldBenefit(rule)


def test_the_months_allowed_over_the_crossed_limits() -> None:
    over_with_months = forecast_benefit(_monthly("100.00", 3), Decimal("150.00"), 1)
    over_without = forecast_benefit(
        HeldBenefit(EARNINGS_RELATED, Decimal("120.00")), Decimal("150.00")
    )
    within = forecast_benefit(HeldBenefit(EARNINGS_RELATED, Decimal("200.00")), Decimal("150.00"))
    tighter = forecast_benefit(_monthly("140.00", 2), Decimal("150.00"), 2)
    assert exceedance([over_with_months]) == (3, 1)
    assert exceedance([over_with_months, within]) == (3, 1)  # a limit not crossed: no matter
    assert exceedance([over_with_months, over_without]) is None  # one crossed allows none
    assert exceedance([over_with_months, tighter]) == (2, 2)  # the one with fewest left
    assert exceedance([within]) is None
    assert exceedance([]) is None
