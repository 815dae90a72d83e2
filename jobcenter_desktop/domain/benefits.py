"""The benefit guard: a month's earnings against the limits of the benefits a person receives.

Three kinds of rules (FINNISH-RULES.md, "Benefit limits"), kept as dated rows:

- a monthly earnings limit (Kela disability pension / rehabilitation subsidy), optionally
  with a number of calendar months a year in which it may be exceeded;
- a personal limit typed per person (earnings-related disability pension: the euro
  amount from the pension provider's letter, which already applies the law's floor of
  "always at least the Kela limit": the figure typed is the limit);
- a reduction (unemployment benefit: each euro earned reduces the benefit by 50 cents;
  housing allowance: all earnings count), shown as the effect in euros, not a limit.

Earnings at the limit exactly are within it; one cent more is over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from jobcenter_desktop.domain.money import round_cents
from jobcenter_desktop.i18n import N_, gettext

ZERO = Decimal("0.00")


class BenefitCode(StrEnum):
    KELA_DISABILITY_PENSION = "kela_disability_pension"
    EARNINGS_RELATED_PENSION = "earnings_related_pension"
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"
    HOUSING_ALLOWANCE = "housing_allowance"

    @property
    def label(self) -> str:
        return gettext(_LABELS[self])


class RuleKind(StrEnum):
    MONTHLY_LIMIT = "monthly_limit"
    PERSONAL_LIMIT = "personal_limit"
    REDUCTION = "reduction"


_LABELS = {
    BenefitCode.KELA_DISABILITY_PENSION: N_("Kela disability pension or rehabilitation subsidy"),
    BenefitCode.EARNINGS_RELATED_PENSION: N_("Earnings-related disability pension"),
    BenefitCode.UNEMPLOYMENT_BENEFIT: N_("Unemployment benefit"),
    BenefitCode.HOUSING_ALLOWANCE: N_("General housing allowance"),
}


@dataclass(frozen=True)
class BenefitRule:
    """One dated row of the catalogue kept in Settings.

    ``reduction_share`` is a percentage (50 means each euro earned counts 50 cents).
    ``confirmed`` is False where the figure is carried over from an earlier year.
    """

    code: BenefitCode
    kind: RuleKind
    valid_from: date
    year: int
    monthly_limit: Decimal | None = None
    exceed_months: int | None = None
    reduction_share: Decimal | None = None
    source: str = ""
    confirmed: bool = True

    @property
    def takes_personal_limit(self) -> bool:
        return self.kind is RuleKind.PERSONAL_LIMIT


@dataclass(frozen=True)
class HeldBenefit:
    """A benefit a person receives, with the rule in force and their personal limit."""

    rule: BenefitRule
    personal_limit: Decimal | None = None

    @property
    def code(self) -> BenefitCode:
        return self.rule.code

    @property
    def limit(self) -> Decimal | None:
        """The monthly euro limit, or None for a reduction rule (or a missing personal one)."""
        if self.rule.kind is RuleKind.MONTHLY_LIMIT:
            return self.rule.monthly_limit
        if self.rule.kind is RuleKind.PERSONAL_LIMIT:
            return self.personal_limit
        return None


@dataclass(frozen=True)
class BenefitForecast:
    """One benefit against a month's earnings.

    For a limit: ``limit``, ``remaining`` (never below zero), ``over`` and ``over_by``.
    With an exceedance-months rule: ``months_over_before`` (months of the calendar year
    already over), and whether this month would use one of the allowed months
    (``uses_allowed_month``) or goes beyond them (``beyond_allowed_months``).
    For a reduction: ``reduction`` is the effect in euros (earnings × share).
    """

    code: BenefitCode
    kind: RuleKind
    earnings: Decimal
    limit: Decimal | None
    remaining: Decimal | None
    over: bool
    over_by: Decimal
    allowed_months: int | None
    months_over_before: int
    uses_allowed_month: bool
    beyond_allowed_months: bool
    reduction: Decimal | None
    confirmed: bool
    year: int


def is_over(earnings: Decimal, limit: Decimal | None) -> bool:
    """Over the limit: more than it, by a cent or more; at the limit exactly is within."""
    return limit is not None and earnings > limit


def months_over(months: Iterable[tuple[Decimal, Decimal | None]]) -> int:
    """How many of the (earnings, limit) months were over their limit."""
    return sum(1 for earned, limit in months if is_over(earned, limit))


def reduction_effect(earnings: Decimal, share: Decimal) -> Decimal:
    """The euros a reduction rule takes: ``earnings`` × ``share`` percent, to the cent."""
    return round_cents(earnings * share / 100)


def forecast_benefit(
    held: HeldBenefit, earnings: Decimal, months_over_before: int = 0
) -> BenefitForecast:
    """``held`` against the month's ``earnings`` (approved and planned together)."""
    rule = held.rule
    limit = held.limit
    over = is_over(earnings, limit)
    allowed = rule.exceed_months if limit is not None else None
    uses_allowed = over and allowed is not None and months_over_before < allowed
    reduction = None
    if rule.kind is RuleKind.REDUCTION and rule.reduction_share is not None:
        reduction = reduction_effect(earnings, rule.reduction_share)
    return BenefitForecast(
        code=rule.code,
        kind=rule.kind,
        earnings=earnings,
        limit=limit,
        remaining=None if limit is None else max(ZERO, limit - earnings),
        over=over,
        over_by=ZERO if limit is None or not over else earnings - limit,
        allowed_months=allowed,
        months_over_before=months_over_before if limit is not None else 0,
        uses_allowed_month=uses_allowed,
        beyond_allowed_months=over and not uses_allowed,
        reduction=reduction,
        confirmed=rule.confirmed,
        year=rule.year,
    )


def forecast(
    benefits: Sequence[HeldBenefit],
    earnings: Decimal,
    months_over_before: dict[BenefitCode, int] | None = None,
) -> list[BenefitForecast]:
    """Every held benefit against the month's ``earnings``."""
    before = months_over_before or {}
    return [forecast_benefit(b, earnings, before.get(b.code, 0)) for b in benefits]


def exceedance(forecasts: Iterable[BenefitForecast]) -> tuple[int, int] | None:
    """The months a year the crossed limits may be exceeded: (allowed, over before) of the
    crossed limit with the fewest months left, when every crossed limit's rule allows
    some; None when no limit is crossed or a crossed one allows none."""
    crossed = [f for f in forecasts if f.over]
    if not crossed or any(f.allowed_months is None for f in crossed):
        return None
    tightest = min(crossed, key=lambda f: (f.allowed_months or 0) - f.months_over_before)
    assert tightest.allowed_months is not None
    return tightest.allowed_months, tightest.months_over_before


def lowest_limit(benefits: Iterable[HeldBenefit]) -> Decimal | None:
    """The lowest monthly or personal limit among ``benefits``; None when none has one."""
    limits = [b.limit for b in benefits if b.limit is not None]
    return min(limits) if limits else None


def rule_in_force(rules: Iterable[BenefitRule], code: BenefitCode, day: date) -> BenefitRule | None:
    """The newest rule of ``code`` valid on ``day``."""
    best: BenefitRule | None = None
    for rule in rules:
        if (
            rule.code is code
            and rule.valid_from <= day
            and (best is None or rule.valid_from > best.valid_from)
        ):
            best = rule
    return best
