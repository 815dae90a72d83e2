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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from sqlalchemy import ColumnElement, and_, or_, select
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
    months = load_months(session, [participant.id], year, month, only_profiled=False)
    return months[participant.id].earnings()


@dataclass(frozen=True, slots=True)
class GigEarning:
    """One gig of the month for one person: what it earns, approved or still planned."""

    gig_id: int
    day: date
    amount: Decimal
    approved: bool


@dataclass(frozen=True, slots=True)
class GigForecast:
    """A person's month with one more gig: the forecast line of the crew dialog.

    ``approved`` and ``planned`` leave the gig out (it may already be on the crew);
    ``this_gig`` is its planned minutes at the hourly pay in force on its day.
    ``limit`` is the lowest limit in force (None: reduction rules only); ``over`` whether
    ``total`` crosses it (at the limit exactly is within).
    """

    participant_id: int
    name: str
    year: int
    month: int
    approved: Decimal
    planned: Decimal
    this_gig: Decimal
    limit: Decimal | None
    confirmed: bool
    benefits: tuple[b.BenefitForecast, ...]

    @property
    def exceedance(self) -> tuple[int, int] | None:
        """Over the limit with months a year allowed over it: (allowed, over before)."""
        return b.exceedance(self.benefits)

    @property
    def so_far(self) -> Decimal:
        return self.approved + self.planned

    @property
    def total(self) -> Decimal:
        return self.so_far + self.this_gig

    @property
    def over(self) -> bool:
        return b.is_over(self.total, self.limit)

    @property
    def remaining(self) -> Decimal | None:
        return None if self.limit is None else max(ZERO, self.limit - self.total)


@dataclass(frozen=True)
class PersonMonth:
    """What the forecast knows of one participant's month, loaded once for many gigs.

    ``gigs``: the month's gigs with their earnings (approved entries, entries not yet
    approved at their worked minutes, booked gigs without hours at their planned
    minutes); ``approved_before``: the approved earnings of the year's earlier months.
    """

    participant_id: int
    participant_number: str
    name: str
    year: int
    month: int
    pay_basis: PayBasis
    register_pay: Decimal | None
    rates: tuple[DatedRate, ...]
    gigs: tuple[GigEarning, ...]
    held: tuple[b.HeldBenefit, ...]
    months_over_before: dict[b.BenefitCode, int]

    @property
    def has_profile(self) -> bool:
        return bool(self.held)

    @property
    def has_limit(self) -> bool:
        return b.lowest_limit(self.held) is not None

    def limit_confirmed(self) -> bool:
        """Whether the rule of the lowest limit is a confirmed figure."""
        limit = b.lowest_limit(self.held)
        return all(h.rule.confirmed for h in self.held if h.limit is not None and h.limit == limit)

    def gig_earnings(self, day: date, minutes: int, contract_rate: Decimal | None) -> Decimal:
        """A gig's earnings for this person: ``minutes`` at the hourly pay in force on ``day``."""
        return gig_pay(
            self.pay_basis, day, minutes, self.rates, contract_rate, self.register_pay
        ).earnings

    def sums(self, without_gig: int | None = None) -> tuple[Decimal, Decimal]:
        """Approved and planned earnings of the month, ``without_gig`` left out."""
        approved = planned = ZERO
        for gig in self.gigs:
            if gig.gig_id == without_gig:
                continue
            if gig.approved:
                approved += gig.amount
            else:
                planned += gig.amount
        return approved, planned

    def earnings(self) -> MonthEarnings:
        """The month as ``earnings --json`` gives it."""
        approved, planned = self.sums()
        total = approved + planned
        limit = b.lowest_limit(self.held)
        over = b.is_over(total, limit)
        return MonthEarnings(
            participant_number=self.participant_number,
            name=self.name,
            year=self.year,
            month=self.month,
            pay_basis=self.pay_basis,
            approved=approved,
            planned=planned,
            limit=limit,
            remaining=None if limit is None else max(ZERO, limit - total),
            over=over,
            over_by=total - limit if limit is not None and over else ZERO,
            benefits=tuple(b.forecast(self.held, total, self.months_over_before)),
        )

    def with_gig(
        self, gig_id: int, day: date, minutes: int, contract_rate: Decimal | None
    ) -> GigForecast:
        """The month with the gig on it (counted once, whether it is on the crew or not)."""
        approved, planned = self.sums(without_gig=gig_id)
        this_gig = self.gig_earnings(day, minutes, contract_rate)
        total = approved + planned + this_gig
        return GigForecast(
            participant_id=self.participant_id,
            name=self.name,
            year=self.year,
            month=self.month,
            approved=approved,
            planned=planned,
            this_gig=this_gig,
            limit=b.lowest_limit(self.held),
            confirmed=self.limit_confirmed(),
            benefits=tuple(b.forecast(self.held, total, self.months_over_before)),
        )

    def weeks(self) -> list[tuple[date, Decimal]]:
        """The month's earnings by ISO week (its Monday), approved and planned together."""
        by_week: dict[date, Decimal] = {}
        first, last = month_bounds(self.year, self.month)
        monday = first - timedelta(days=first.weekday())
        while monday <= last:
            by_week[monday] = ZERO
            monday += timedelta(days=7)
        for gig in self.gigs:
            week = gig.day - timedelta(days=gig.day.weekday())
            by_week[week] = by_week.get(week, ZERO) + gig.amount
        return sorted(by_week.items())


def month_forecasts(
    store: Store, participant_ids: Sequence[int], year: int, month: int
) -> dict[int, PersonMonth]:
    """The month of each participant with a benefit profile in force in it, by id.

    A fixed number of queries whatever the number of people (the people list of the
    planner asks for everyone at once); people without a profile are left out.
    """
    with store.read() as session:
        return load_months(session, participant_ids, year, month)


def load_months(
    session: Session,
    participant_ids: Sequence[int],
    year: int,
    month: int,
    only_profiled: bool = True,
    rules: Sequence[b.BenefitRule] | None = None,
    profiles: Mapping[int, Sequence[ProfileEntry]] | None = None,
) -> dict[int, PersonMonth]:
    """:func:`month_forecasts` in an open session; ``only_profiled=False`` keeps everyone."""
    found = load_many_months(
        session,
        participant_ids,
        [(year, month)],
        only_profiled=only_profiled,
        rules=rules,
        profiles=profiles,
    )
    return found.get((year, month), {})


Month = tuple[int, int]


def load_many_months(
    session: Session,
    participant_ids: Sequence[int],
    months: Iterable[Month],
    only_profiled: bool = True,
    rules: Sequence[b.BenefitRule] | None = None,
    profiles: Mapping[int, Sequence[ProfileEntry]] | None = None,
) -> dict[Month, dict[int, PersonMonth]]:
    """The participants' ``months`` (year, month) at once, by month and participant id.

    One round of queries whatever the number of months (a week across a month end has
    two): at most six, the benefit rules and profiles first (or ``rules`` and
    ``profiles`` as loaded already), then (for the people with a profile) the people,
    their rates, their hours and their bookings. ``only_profiled=False`` keeps everyone;
    otherwise a month leaves out the people with no benefit in force in it.
    """
    wanted = sorted(set(participant_ids))
    asked = sorted(set(months))
    if not wanted or not asked:
        return {}
    bounds = {ym: month_bounds(*ym) for ym in asked}
    if rules is None:
        rules = benefit_rules(session)
    if profiles is None:
        profiles = load_profiles(session, wanted)
    held = {
        (ym, pid): held_benefits(profiles.get(pid, ()), rules, *bounds[ym])
        for ym in asked
        for pid in wanted
    }
    if only_profiled:
        wanted = [pid for pid in wanted if any(held[(ym, pid)] for ym in asked)]
        if not wanted:
            return {}
    # The year's earlier months count only for a rule with exceedance months.
    counting = {
        ym
        for ym in asked
        if any(h.rule.exceed_months is not None for pid in wanted for h in held[(ym, pid)])
    }
    hours_spans = _merged(
        (date(ym[0], 1, 1) if ym in counting else bounds[ym][0], bounds[ym][1]) for ym in asked
    )
    booking_spans = _merged(bounds[ym] for ym in asked)

    people = {
        row.id: row
        for row in session.execute(
            select(
                Participant.id,
                Participant.participant_number,
                Participant.first_name,
                Participant.last_name,
                Participant.pay_basis,
                Participant.hourly_pay,
            ).where(Participant.id.in_(wanted))
        )
    }
    rates: dict[int, list[DatedRate]] = defaultdict(list)
    for pid, valid_from, hourly in session.execute(
        select(PayRate.participant_id, PayRate.valid_from, PayRate.hourly_pay).where(
            PayRate.participant_id.in_(wanted)
        )
    ):
        rates[pid].append(DatedRate(valid_from, hourly))

    def price(pid: int, day: date, minutes: int, contract_rate: Decimal | None) -> Decimal:
        person = people[pid]
        return gig_pay(
            person.pay_basis, day, minutes, rates[pid], contract_rate, person.hourly_pay
        ).earnings

    approved_by_month: dict[int, dict[Month, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    gigs: dict[tuple[Month, int], list[GigEarning]] = defaultdict(list)
    recorded: set[tuple[int, int]] = set()
    entries = session.execute(
        select(
            TimesheetEntry.participant_id,
            TimesheetEntry.gig_id,
            TimesheetEntry.worked_minutes,
            TimesheetEntry.approved_at,
            Gig.day,
            Contract.pay_rate,
        )
        .select_from(Gig)
        .join(TimesheetEntry, TimesheetEntry.gig_id == Gig.id)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(_days_in(hours_spans))
    )
    # Found by the gigs' days (an index) and the people picked here: selecting by person
    # would read their hours of all the years (ten years of a big centre: slow).
    picked = set(wanted)
    asked_set = set(asked)
    for worker, gig_id, minutes, approved_at, day, contract_rate in entries:
        if worker is None or worker not in picked:
            continue
        amount = price(worker, day, minutes, contract_rate)
        ym = (day.year, day.month)
        if approved_at is not None:
            approved_by_month[worker][ym] += amount
        if ym in asked_set:
            gigs[(ym, worker)].append(GigEarning(gig_id, day, amount, approved_at is not None))
            recorded.add((worker, gig_id))
    booked = session.execute(
        select(
            gig_participant.c.participant_id,
            Gig.id,
            Gig.day,
            Gig.duration_minutes,
            Contract.pay_rate,
        )
        .join(gig_participant, gig_participant.c.gig_id == Gig.id)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(_days_in(booking_spans), Gig.status.not_in(CANCELLED))
    )
    for pid, gig_id, day, minutes, contract_rate in booked:
        ym = (day.year, day.month)
        if pid in picked and ym in asked_set and (pid, gig_id) not in recorded:
            gigs[(ym, pid)].append(
                GigEarning(gig_id, day, price(pid, day, minutes, contract_rate), False)
            )

    found: dict[Month, dict[int, PersonMonth]] = {}
    for ym in asked:
        year, month = ym
        of_month: dict[int, PersonMonth] = {}
        for pid in wanted:
            person = people.get(pid)
            mine = held[(ym, pid)]
            if person is None or (only_profiled and not mine):
                continue
            before: dict[b.BenefitCode, int] = {}
            for benefit in mine:
                if benefit.rule.exceed_months is None:
                    continue
                earlier_months = []
                for earlier in range(1, month):
                    start, end = month_bounds(year, earlier)
                    then = [
                        h
                        for h in held_benefits(profiles.get(pid, ()), rules, start, end)
                        if h.code is benefit.code
                    ]
                    earlier_months.append(
                        (approved_by_month[pid][(year, earlier)], then[0].limit if then else None)
                    )
                before[benefit.code] = b.months_over(earlier_months)
            of_month[pid] = PersonMonth(
                participant_id=pid,
                participant_number=person.participant_number,
                name=f"{person.first_name} {person.last_name}",
                year=year,
                month=month,
                pay_basis=person.pay_basis,
                register_pay=person.hourly_pay,
                rates=tuple(rates[pid]),
                gigs=tuple(sorted(gigs[(ym, pid)], key=lambda g: (g.day, g.gig_id))),
                held=tuple(mine),
                months_over_before=before,
            )
        if of_month:
            found[ym] = of_month
    return found


def _merged(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """The periods joined where they touch or overlap, in order."""
    joined: list[tuple[date, date]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1] + timedelta(days=1):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _days_in(spans: Sequence[tuple[date, date]]) -> ColumnElement[bool]:
    """The gigs whose day falls in one of ``spans`` (each a range on the day index)."""
    return or_(*(and_(Gig.day >= start, Gig.day <= end) for start, end in spans))


class ProfileEntry(Protocol):
    """A row of a participant's benefit profile (the ORM row or a :class:`ProfileRow`)."""

    @property
    def benefit(self) -> b.BenefitCode: ...
    @property
    def personal_limit(self) -> Decimal | None: ...
    @property
    def valid_from(self) -> date | None: ...
    @property
    def valid_until(self) -> date | None: ...


@dataclass(frozen=True, slots=True)
class ProfileRow:
    benefit: b.BenefitCode
    personal_limit: Decimal | None
    valid_from: date | None
    valid_until: date | None


def load_profiles(session: Session, participant_ids: Sequence[int]) -> dict[int, list[ProfileRow]]:
    """The participants' benefit profile rows (all dates), by participant id."""
    profiles: dict[int, list[ProfileRow]] = defaultdict(list)
    if participant_ids:
        pb = ParticipantBenefit
        for pid, benefit, limit, valid_from, valid_until in session.execute(
            select(pb.participant_id, pb.benefit, pb.personal_limit, pb.valid_from, pb.valid_until)
            .where(pb.participant_id.in_(sorted(set(participant_ids))))
            .order_by(pb.id)
        ):
            profiles[pid].append(ProfileRow(benefit, limit, valid_from, valid_until))
    return profiles


def gig_pay_rates(session: Session, gig_ids: Iterable[int]) -> dict[int, Decimal | None]:
    """The contracts' own pay rates of the gigs (None: the person's rate applies)."""
    ids = sorted(set(gig_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Gig.id, Contract.pay_rate)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(Gig.id.in_(ids))
    )
    return {gig_id: rate for gig_id, rate in rows}


def benefit_rules(session: Session) -> list[b.BenefitRule]:
    """The catalogue of benefit rules (Settings), all dates."""
    r = BenefitRule
    rows = session.execute(
        select(
            r.code,
            r.kind,
            r.valid_from,
            r.year,
            r.monthly_limit,
            r.exceed_months,
            r.reduction_share,
            r.source,
            r.confirmed,
        ).order_by(r.valid_from)
    )
    return [
        b.BenefitRule(
            code=code,
            kind=kind,
            valid_from=valid_from,
            year=year,
            monthly_limit=limit,
            exceed_months=exceed,
            reduction_share=share,
            source=source,
            confirmed=confirmed,
        )
        for code, kind, valid_from, year, limit, exceed, share, source, confirmed in rows
    ]


def held_benefits(
    profile: Iterable[ProfileEntry],
    rules: Sequence[b.BenefitRule],
    first: date,
    last: date,
) -> list[b.HeldBenefit]:
    """The benefits in force some day from ``first`` to ``last``, one per benefit (the row
    starting last), each with the rule in force on ``first`` (or the first rule that
    starts in the period)."""
    chosen: dict[b.BenefitCode, ProfileEntry] = {}
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
        rule = _rule_of_period(rules, code, first, last)
        if rule is None:
            continue
        held.append(b.HeldBenefit(rule, found.personal_limit))
    return held


def _rule_of_period(
    rules: Sequence[b.BenefitRule], code: b.BenefitCode, first: date, last: date
) -> b.BenefitRule | None:
    """The rule in force on ``first``, or the first one that starts by ``last``."""
    return b.rule_in_force(rules, code, first) or b.rule_in_force(rules, code, last)
