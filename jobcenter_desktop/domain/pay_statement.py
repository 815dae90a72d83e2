"""The facts of a participant's monthly plain-language statement (selkokielinen tiedote).

Plain values only: the pay and benefit services compute them, the document
(``documents/pay_statement.py``) words and prints them. Nothing here reads the store,
and there is deliberately no field for the personal identity code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.money import round_cents

#: The work-activity allowance is tax-free up to this much a day (FINNISH-RULES.md).
ALLOWANCE_TAX_FREE_PER_DAY = Decimal("12.00")
ZERO = Decimal("0.00")


class StatementGig(NamedTuple):
    """One gig of the month as the participant knows it: the day, the place, the time worked."""

    day: date
    place: str
    minutes: int


@dataclass(frozen=True)
class LimitLine:
    """A monthly earnings limit (Kela pension, a personal pension limit) and this month's
    earnings counted against it.

    ``benefit`` is a benefit code (``kela_disability_pension``, ``earnings_related_pension``,
    …); an unknown code is worded as "a benefit".
    """

    benefit: str
    limit: Decimal
    earnings: Decimal

    @property
    def remaining(self) -> Decimal:
        """What can still be earned this month without crossing the limit (never negative)."""
        return max(self.limit - self.earnings, ZERO)

    @property
    def over(self) -> Decimal:
        """How much the earnings are above the limit (zero at the limit or under it)."""
        return max(self.earnings - self.limit, ZERO)

    @property
    def is_over(self) -> bool:
        # At the limit exactly is within it; one cent more is over.
        return self.earnings > self.limit


@dataclass(frozen=True)
class ReductionLine:
    """A benefit that earnings reduce (unemployment benefit, housing allowance): the effect
    in euros this month, or ``None`` when it cannot be told from the earnings alone."""

    benefit: str
    amount: Decimal | None

    @classmethod
    def from_share(cls, benefit: str, earnings: Decimal, share_percent: Decimal) -> ReductionLine:
        """Each euro earned reduces the benefit by ``share_percent`` cents (50 → half)."""
        return cls(benefit, round_cents(earnings * share_percent / Decimal(100)))


BenefitLine = LimitLine | ReductionLine


@dataclass(frozen=True)
class StatementFacts:
    """Everything one participant's statement for one month says, before it is worded."""

    centre_name: str
    first_name: str
    full_name: str
    year: int
    month: int
    gigs: Sequence[StatementGig]
    earnings: Decimal
    pay_basis: PayBasis
    allowance_days: int = 0
    allowance: Decimal = ZERO
    benefits: Sequence[BenefitLine] = field(default=())
    language: str = "fi"
    allowance_tax_free_per_day: Decimal = ALLOWANCE_TAX_FREE_PER_DAY

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1–12, not {self.month}")
        if self.allowance_days < 0:
            raise ValueError("allowance_days must not be negative")
        gigs = tuple(StatementGig(*gig) for gig in self.gigs)
        if any(gig.minutes < 0 for gig in gigs):
            raise ValueError("a gig's worked minutes must not be negative")
        # Frozen, so lists given by a caller are stored as tuples (hashable, unchangeable).
        object.__setattr__(self, "gigs", tuple(sorted(gigs, key=lambda gig: gig.day)))
        object.__setattr__(self, "benefits", tuple(self.benefits))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def total_minutes(self) -> int:
        return sum(gig.minutes for gig in self.gigs)

    @property
    def allowance_is_tax_free(self) -> bool:
        """Whether the whole allowance is within the tax-free daily cap."""
        return self.allowance <= self.allowance_tax_free_per_day * self.allowance_days


__all__ = [
    "ALLOWANCE_TAX_FREE_PER_DAY",
    "BenefitLine",
    "LimitLine",
    "ReductionLine",
    "StatementFacts",
    "StatementGig",
]
