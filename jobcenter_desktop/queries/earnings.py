"""A participant's earnings of a month against the limits of their benefits.

``approved``: the approved timesheet entries of the month's gigs, priced by the person's
worked minutes at the hourly pay in force on each gig's date (``domain.pay``).
``planned``: what is not approved yet: the month's gigs the person is booked on with
no hours recorded (the gig's planned minutes), and hours recorded but not approved
(their worked minutes); cancelled gigs count nothing. ``limit`` is the lowest monthly
or personal limit of the benefits in force in the month; ``remaining`` what is left of
it after approved and planned earnings (never below zero), ``over`` whether they cross it.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    BenefitRule,
    Contract,
    Gig,
    Participant,
    ParticipantBenefit,
    PayRate,
    TimesheetEntry,
    gig_participant,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import benefits as b
from jobcenter_desktop.domain.enums import GigStatus, PayBasis
from jobcenter_desktop.domain.pay import DatedRate, gig_pay
from jobcenter_desktop.i18n import gettext as _

ZERO = Decimal("0.00")
CANCELLED = (GigStatus.CANCELLED_BY_CUSTOMER, GigStatus.CANCELLED_BY_CENTRE)


@dataclass(frozen=True, slots=True)
class MonthEarnings:
    participant_number: str
    name: str
    year: int
    month: int
    pay_basis: PayBasis
    approved: Decimal
    planned: Decimal
    limit: Decimal | None
    remaining: Decimal | None
    over: bool
    over_by: Decimal
    benefits: tuple[b.BenefitForecast, ...]

    @property
    def total(self) -> Decimal:
        return self.approved + self.planned


def participant_by_number(session: Session, number: str) -> Participant:
    """The participant with ``number``; a refusal in a sentence when there is none."""
    participant = session.scalar(
        select(Participant).where(Participant.participant_number == number.strip())
    )
    if participant is None:
        raise UserError(
            _("No participant has the number {number}. Check the number in the register.").format(
                number=number
            )
        )
    return participant


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_earnings(store: Store, participant_number: str, year: int, month: int) -> MonthEarnings:
    """The participant's earnings of ``year``-``month`` against their benefits' limits."""
    with store.read() as session:
        participant = participant_by_number(session, participant_number)
        return participant_month(session, participant, year, month)


def participant_month(
    session: Session, participant: Participant, year: int, month: int
) -> MonthEarnings:
    first, last = month_bounds(year, month)
    rates = [
        DatedRate(row.valid_from, row.hourly_pay)
        for row in session.scalars(select(PayRate).where(PayRate.participant_id == participant.id))
    ]

    def price(day: date, minutes: int, contract_rate: Decimal | None) -> Decimal:
        return gig_pay(
            participant.pay_basis, day, minutes, rates, contract_rate, participant.hourly_pay
        ).earnings

    # Approved earnings of every month of the year up to this one (for the exceedance
    # months), and the entries of this month not approved yet.
    approved_by_month: dict[int, Decimal] = defaultdict(lambda: ZERO)
    planned = ZERO
    recorded_gigs: set[int] = set()
    entries = session.execute(
        select(
            TimesheetEntry.gig_id,
            TimesheetEntry.worked_minutes,
            TimesheetEntry.approved_at,
            Gig.day,
            Contract.pay_rate,
        )
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(
            TimesheetEntry.participant_id == participant.id,
            Gig.day >= date(year, 1, 1),
            Gig.day <= last,
        )
    )
    for gig_id, minutes, approved_at, day, contract_rate in entries:
        if approved_at is not None:
            approved_by_month[day.month] += price(day, minutes, contract_rate)
        elif day >= first:
            planned += price(day, minutes, contract_rate)
        if day >= first:
            recorded_gigs.add(gig_id)
    booked = session.execute(
        select(Gig.id, Gig.day, Gig.duration_minutes, Contract.pay_rate)
        .join(gig_participant, gig_participant.c.gig_id == Gig.id)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(
            gig_participant.c.participant_id == participant.id,
            Gig.day >= first,
            Gig.day <= last,
            Gig.status.not_in(CANCELLED),
        )
    )
    for gig_id, day, minutes, contract_rate in booked:
        if gig_id not in recorded_gigs:
            planned += price(day, minutes, contract_rate)
    approved = approved_by_month[month]

    rules = benefit_rules(session)
    profile = list(
        session.scalars(
            select(ParticipantBenefit).where(ParticipantBenefit.participant_id == participant.id)
        )
    )
    held = held_benefits(profile, rules, first, last)
    before: dict[b.BenefitCode, int] = {}
    for benefit in held:
        if benefit.rule.exceed_months is None:
            continue
        months = []
        for earlier in range(1, month):
            start, end = month_bounds(year, earlier)
            then = [h for h in held_benefits(profile, rules, start, end) if h.code is benefit.code]
            months.append((approved_by_month[earlier], then[0].limit if then else None))
        before[benefit.code] = b.months_over(months)
    total = approved + planned
    forecasts = tuple(b.forecast(held, total, before))
    limit = b.lowest_limit(held)
    over = b.is_over(total, limit)
    return MonthEarnings(
        participant_number=participant.participant_number,
        name=participant.full_name,
        year=year,
        month=month,
        pay_basis=participant.pay_basis,
        approved=approved,
        planned=planned,
        limit=limit,
        remaining=None if limit is None else max(ZERO, limit - total),
        over=over,
        over_by=total - limit if limit is not None and over else ZERO,
        benefits=forecasts,
    )


def benefit_rules(session: Session) -> list[b.BenefitRule]:
    """The catalogue of benefit rules (Settings), all dates."""
    return [
        b.BenefitRule(
            code=row.code,
            kind=row.kind,
            valid_from=row.valid_from,
            year=row.year,
            monthly_limit=row.monthly_limit,
            exceed_months=row.exceed_months,
            reduction_share=row.reduction_share,
            source=row.source,
            confirmed=row.confirmed,
        )
        for row in session.scalars(select(BenefitRule).order_by(BenefitRule.valid_from))
    ]


def held_benefits(
    profile: Iterable[ParticipantBenefit],
    rules: Sequence[b.BenefitRule],
    first: date,
    last: date,
) -> list[b.HeldBenefit]:
    """The benefits in force some day from ``first`` to ``last``, one per benefit (the row
    starting last), each with the rule in force on ``first`` (or the first rule that
    starts in the period)."""
    chosen: dict[b.BenefitCode, ParticipantBenefit] = {}
    for row in profile:
        starts = row.valid_from or date.min
        if starts > last or (row.valid_until is not None and row.valid_until < first):
            continue
        known = chosen.get(row.benefit)
        if known is None or starts > (known.valid_from or date.min):
            chosen[row.benefit] = row
    held = []
    for code in b.BenefitCode:
        found = chosen.get(code)
        if found is None:
            continue
        rule = b.rule_in_force(rules, code, first) or b.rule_in_force(rules, code, last)
        if rule is not None:
            held.append(b.HeldBenefit(rule, found.personal_limit))
    return held
