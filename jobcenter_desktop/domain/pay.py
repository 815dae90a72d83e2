"""Pay for gigs: the hourly pay in force on a day and the earnings of one person's gig.

Earnings of a gig are the person's *worked* minutes (not the billable, rounded ones)
times the hourly pay in force on the gig's date, rounded to the cent (half up) once
per person per gig. The hourly pay in force is, in this order:

1. the contract's own pay rate (heavier work), when the contract has one;
2. the person's dated rate: the newest one valid from the gig's date or earlier, so a
   raise from a date leaves earlier gigs as they were;
3. the hourly pay typed in the participant register (the rate before any dated one).

The pay basis decides who pays: WAGE and FEE earn through the centre; CUSTOMER_EMPLOYED
and NONE earn nothing through the centre, but when a pay is entered for them (e.g. a
per-contract rate) their earnings still count for the benefit forecast.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.money import round_cents

MINUTES_PER_HOUR = 60
ZERO = Decimal("0.00")
#: The bases whose earnings the centre pays (as wages, or as fees through an invoicing service).
THROUGH_CENTRE = frozenset({PayBasis.WAGE, PayBasis.FEE})


@dataclass(frozen=True)
class DatedRate:
    """A person's hourly pay from ``valid_from`` until the next rate's date."""

    valid_from: date
    hourly_pay: Decimal


@dataclass(frozen=True)
class GigPay:
    """One person's pay for one gig.

    ``earnings`` count for the benefit forecast whatever the basis; ``paid_by_centre``
    is what the centre's pay run pays (zero for the customer-employed and "none").
    ``hourly_pay`` is None when no pay is entered for the person at all.
    """

    minutes: int
    hourly_pay: Decimal | None
    earnings: Decimal
    paid_by_centre: Decimal


def earns_through_centre(basis: PayBasis) -> bool:
    return basis in THROUGH_CENTRE


def rate_on(rates: Iterable[DatedRate], day: date) -> Decimal | None:
    """The newest dated rate valid on ``day``; None when none has started yet."""
    best: DatedRate | None = None
    for rate in rates:
        if rate.valid_from <= day and (best is None or rate.valid_from > best.valid_from):
            best = rate
    return None if best is None else best.hourly_pay


def hourly_pay_on(
    day: date,
    rates: Iterable[DatedRate] = (),
    contract_rate: Decimal | None = None,
    register_pay: Decimal | None = None,
) -> Decimal | None:
    """The hourly pay in force on ``day``: the contract's, the dated one, the register's."""
    if contract_rate is not None:
        return contract_rate
    dated = rate_on(rates, day)
    return dated if dated is not None else register_pay


def earnings(minutes: int, hourly_pay: Decimal) -> Decimal:
    """``minutes`` of work at ``hourly_pay``, rounded to the cent half up (once)."""
    if minutes < 0:
        raise ValueError(f"minutes cannot be negative: {minutes}")
    return round_cents(Decimal(minutes) * hourly_pay / MINUTES_PER_HOUR)


def gig_pay(
    basis: PayBasis,
    day: date,
    minutes: int,
    rates: Iterable[DatedRate] = (),
    contract_rate: Decimal | None = None,
    register_pay: Decimal | None = None,
) -> GigPay:
    """A person's pay for ``minutes`` worked (or planned) on a gig on ``day``."""
    hourly = hourly_pay_on(day, rates, contract_rate, register_pay)
    earned = ZERO if hourly is None else earnings(minutes, hourly)
    paid = earned if earns_through_centre(basis) else ZERO
    return GigPay(minutes=minutes, hourly_pay=hourly, earnings=earned, paid_by_centre=paid)


def period_name(start: date, end: date) -> str:
    """A pay run's period in file names: ``2026-11`` for a calendar month, else
    ``2026-11-01_2026-11-15``."""
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last):
        return f"{start:%Y-%m}"
    return f"{start.isoformat()}_{end.isoformat()}"
