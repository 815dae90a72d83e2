"""VAT by the date of supply: the dated rate table and the reason texts of no-VAT sales.

The rates are data (a table with valid-from dates, editable in Settings); this module
holds the seed values of FINNISH-RULES.md and the pure lookup. A contract's
``VatTreatment`` names a rate category (general, food, reduced) or no VAT (exempt,
outside the scope); the rate of a line is the category's rate on the day of supply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.i18n import N_

ZERO = Decimal("0")

#: The legal reason printed when the centre itself is not liable for VAT (translated on
#: the document: "Myyjä ei ole arvonlisäverovelvollinen (AVL 3 §)").
NOT_LIABLE_REASON = N_("The seller is not liable for VAT (VAT Act, section 3)")


@dataclass(frozen=True, slots=True)
class VatRate:
    """One row of the rate table: ``rate`` percent for ``category`` from ``valid_from`` on."""

    category: VatTreatment
    valid_from: date
    rate: Decimal


#: The seed of the rate table (FINNISH-RULES.md "VAT rates by date of supply").
SEED_RATES: tuple[VatRate, ...] = (
    VatRate(VatTreatment.GENERAL, date(2013, 1, 1), Decimal("24")),
    VatRate(VatTreatment.GENERAL, date(2024, 9, 1), Decimal("25.5")),
    VatRate(VatTreatment.FOOD, date(2013, 1, 1), Decimal("14")),
    VatRate(VatTreatment.FOOD, date(2026, 1, 1), Decimal("13.5")),
    VatRate(VatTreatment.REDUCED, date(2013, 1, 1), Decimal("10")),
    VatRate(VatTreatment.REDUCED, date(2025, 1, 1), Decimal("14")),
    VatRate(VatTreatment.REDUCED, date(2026, 1, 1), Decimal("13.5")),
)

RATED = (VatTreatment.GENERAL, VatTreatment.FOOD, VatTreatment.REDUCED)


class MissingRateError(LookupError):
    """The table has no rate for the category on the day (the table starts later)."""

    def __init__(self, category: VatTreatment, day: date) -> None:
        super().__init__(f"no VAT rate for {category.value} on {day.isoformat()}")
        self.category = category
        self.day = day


def rate_on(table: Iterable[VatRate], category: VatTreatment, day: date) -> Decimal:
    """The rate of ``category`` on ``day``: the row with the latest ``valid_from`` <= day.

    Exempt and out-of-scope sales have rate 0. Raises :class:`MissingRateError` when a
    rated category has no row that early.
    """
    if category not in RATED:
        return ZERO
    best: VatRate | None = None
    for row in table:
        if (
            row.category is category
            and row.valid_from <= day
            and (best is None or row.valid_from > best.valid_from)
        ):
            best = row
    if best is None:
        raise MissingRateError(category, day)
    return best.rate


@dataclass(frozen=True, slots=True)
class InterestRate:
    """Late-payment interest from ``valid_from`` (percent a year): consumers and businesses."""

    valid_from: date
    consumer: Decimal
    business: Decimal


#: FINNISH-RULES.md "Late payment": reference rate + 7 (consumers) / + 8 (businesses).
SEED_INTEREST: tuple[InterestRate, ...] = (
    InterestRate(date(2026, 1, 1), Decimal("9.5"), Decimal("10.5")),
)


def interest_on(table: Iterable[InterestRate], day: date) -> InterestRate | None:
    """The late-payment interest row in force on ``day``, or None when the table starts later."""
    best: InterestRate | None = None
    for row in table:
        if row.valid_from <= day and (best is None or row.valid_from > best.valid_from):
            best = row
    return best
