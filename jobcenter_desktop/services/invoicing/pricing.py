"""Pricing: the draft invoices of a period, from approved, uninvoiced hours and extra lines.

A gig is invoiceable when it is done and all its hours are approved, or when the
customer cancelled it and the cancellation is billable, and no invoice in force bills
it. Approved hours are billed at the terms copied onto them at approval; a billable
cancellation at the contract's terms of now. Per gig (per contract, for the terms
that are charged per visit):

- worker-hours: the participants' billable minutes × the worker hour price;
- instructor-hours: the instructors' billable minutes × the instructor hour price;
- the fixed price per visit, the travel fee per visit;
- the minimum charge per visit: a top-up line when the hours and the visit price
  come to less;
- a billable cancellation: the minimum charge, else the visit price, else the
  planned hours of the planned crew at the worker hour price.

Drafts are never stored: they are priced again each time, so what the preview
shows is what the run issues.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Exists, and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from jobcenter_desktop.db.models import (
    Centre,
    Contract,
    Customer,
    ExtraLine,
    Gig,
    InterestRateRow,
    InvoicedGig,
    TimesheetEntry,
    VatRateRow,
)
from jobcenter_desktop.domain.enums import (
    CustomerType,
    GigStatus,
    InvoiceDetail,
    VatStatus,
    VatTreatment,
)
from jobcenter_desktop.domain.invoices import (
    Line,
    LineKind,
    Totals,
    Unit,
    hours,
    line_net,
    totals,
)
from jobcenter_desktop.domain.money import round_cents
from jobcenter_desktop.domain.timesheets import billable_minutes
from jobcenter_desktop.domain.vat import (
    NOT_LIABLE_REASON,
    InterestRate,
    MissingRateError,
    VatRate,
    interest_on,
    rate_on,
)
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n.translator import Translator, translator_for

ZERO = Decimal("0.00")

DESCRIPTIONS = {
    LineKind.WORKER_HOURS: N_("Work: {title}"),
    LineKind.INSTRUCTOR_HOURS: N_("Instructor: {title}"),
    LineKind.VISIT: N_("Visit: {title}"),
    LineKind.MINIMUM: N_("Minimum charge top-up: {title}"),
    LineKind.TRAVEL: N_("Travel fee: {title}"),
    LineKind.CANCELLATION: N_("Cancelled by the customer: {title}"),
}


@dataclass(frozen=True, slots=True)
class Period:
    """The days of supply an invoice run covers (a month, by default)."""

    start: date
    end: date

    @classmethod
    def month(cls, text: str) -> Period:
        """``YYYY-MM``; raises ValueError for anything else."""
        year_text, _, month_text = text.strip().partition("-")
        if len(year_text) != 4 or len(month_text) != 2:
            raise ValueError(text)
        year, month = int(year_text), int(month_text)
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last))


@dataclass(frozen=True, slots=True)
class Charge:
    """One thing a gig is billed for, before the lines are written (per gig or per month)."""

    kind: LineKind
    contract_number: str
    title: str
    site: str
    day: date
    unit_price: Decimal
    category: VatTreatment
    vat_reason: str
    minutes: int = 0  # hour charges
    count: int = 1  # per-visit charges
    household_work: bool = False

    @property
    def unit(self) -> Unit:
        return Unit.HOUR if self.minutes else Unit.VISIT


@dataclass(frozen=True)
class Rates:
    """The dated tables and the centre's VAT status, read once per run."""

    vat: tuple[VatRate, ...]
    interest: tuple[InterestRate, ...]
    vat_registered: bool

    def vat_of(self, category: VatTreatment, reason: str, day: date) -> tuple[Decimal, str]:
        """The rate and, for 0 %, the reason of a line supplied on ``day``."""
        if not self.vat_registered:
            return Decimal("0"), NOT_LIABLE_REASON
        rate = rate_on(self.vat, category, day)
        return rate, (reason if not rate else "")


def load_rates(session: Session) -> Rates:
    centre = session.scalar(select(Centre).order_by(Centre.id).limit(1))
    return Rates(
        vat=tuple(
            VatRate(row.category, row.valid_from, row.rate)
            for row in session.scalars(select(VatRateRow))
        ),
        interest=tuple(
            InterestRate(row.valid_from, row.consumer, row.business)
            for row in session.scalars(select(InterestRateRow))
        ),
        vat_registered=centre is None or centre.vat_status is VatStatus.REGISTERED,
    )


@dataclass(frozen=True)
class Draft:
    """A customer's invoice as it would be issued now (amounts, lines, what it bills)."""

    customer_id: int
    customer_number: str
    customer_name: str
    language: str
    household: bool
    lines: tuple[Line, ...]
    gig_ids: tuple[int, ...]
    extra_line_ids: tuple[int, ...]
    work_share: Decimal | None
    work_sites: tuple[str, ...]
    work_days: tuple[date, ...]
    problems: tuple[str, ...] = field(default=())

    @property
    def totals(self) -> Totals:
        return totals(self.lines)


def _in_force() -> Exists:
    return exists().where(InvoicedGig.gig_id == Gig.id, InvoicedGig.released_by_id.is_(None))


def invoiceable_gigs(
    session: Session, period: Period, customer_ids: Sequence[int] | None
) -> list[Gig]:
    """The period's gigs that can be invoiced now, with their contract, site and entries."""
    done_and_approved = and_(
        Gig.status == GigStatus.DONE,
        exists().where(TimesheetEntry.gig_id == Gig.id),
        ~exists().where(TimesheetEntry.gig_id == Gig.id, TimesheetEntry.approved_at.is_(None)),
    )
    cancelled = and_(Gig.status == GigStatus.CANCELLED_BY_CUSTOMER, Gig.cancel_billable.is_(True))
    query = (
        select(Gig)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(
            Gig.day >= period.start,
            Gig.day <= period.end,
            or_(done_and_approved, cancelled),
            ~_in_force(),
        )
        .options(
            selectinload(Gig.contract).selectinload(Contract.work_site),
            selectinload(Gig.work_site),
        )
        .order_by(Gig.day, Gig.start_time, Gig.id)
    )
    if customer_ids is not None:
        query = query.where(Contract.customer_id.in_(customer_ids))
    return list(session.scalars(query))


def awaiting_approval(session: Session, period: Period, customer_ids: Sequence[int] | None) -> int:
    """How many of the period's done or planned gigs still have hours to record or approve."""
    query = (
        select(Gig.id)
        .join(Contract, Contract.id == Gig.contract_id)
        .where(
            Gig.day >= period.start,
            Gig.day <= period.end,
            Gig.status.in_((GigStatus.DONE, GigStatus.PLANNED)),
            ~_in_force(),
            or_(
                ~exists().where(TimesheetEntry.gig_id == Gig.id),
                exists().where(
                    TimesheetEntry.gig_id == Gig.id, TimesheetEntry.approved_at.is_(None)
                ),
            ),
        )
    )
    if customer_ids is not None:
        query = query.where(Contract.customer_id.in_(customer_ids))
    return len(session.scalars(query).all())


def _entries_by_gig(session: Session, gig_ids: Sequence[int]) -> dict[int, list[TimesheetEntry]]:
    found: dict[int, list[TimesheetEntry]] = defaultdict(list)
    for start in range(0, len(gig_ids), 500):
        chunk = gig_ids[start : start + 500]
        for entry in session.scalars(
            select(TimesheetEntry)
            .where(TimesheetEntry.gig_id.in_(chunk))
            .order_by(TimesheetEntry.id)
        ):
            found[entry.gig_id].append(entry)
    return found


def _site(gig: Gig) -> str:
    site = gig.work_site or gig.contract.work_site
    return "" if site is None else site.name


def gig_charges(
    gig: Gig, entries: Sequence[TimesheetEntry], household_customer: bool
) -> list[Charge]:
    """What ``gig`` is billed for: approved entries at their copied terms, or, for hours not
    yet approved (the timesheet area's preview), at the contract's terms of now."""
    contract = gig.contract
    approved = bool(entries) and all(entry.approved_at is not None for entry in entries)
    first = entries[0] if approved else None
    category = contract.vat_treatment
    if first is not None and first.approved_vat_treatment is not None:
        category = first.approved_vat_treatment

    def charge(kind: LineKind, unit_price: Decimal, minutes: int = 0) -> Charge:
        return Charge(
            kind=kind,
            contract_number=contract.contract_number,
            title=contract.title,
            site=_site(gig),
            day=gig.day,
            unit_price=unit_price,
            category=category,
            vat_reason=contract.vat_reason,
            minutes=minutes,
            household_work=household_customer and contract.household_deduction,
        )

    if gig.status is GigStatus.CANCELLED_BY_CUSTOMER:
        price = contract.minimum_charge or contract.visit_price
        if price is None and contract.worker_hour_price is not None:
            planned = gig.duration_minutes * gig.planned_crew_size
            price = round_cents(contract.worker_hour_price * hours(planned))
        return [charge(LineKind.CANCELLATION, price)] if price else []
    charges: list[Charge] = []
    for kind, instructor in ((LineKind.WORKER_HOURS, False), (LineKind.INSTRUCTOR_HOURS, True)):
        mine = [entry for entry in entries if (entry.instructor_id is not None) == instructor]
        if not mine:
            continue
        if approved:
            price = mine[0].approved_hour_price
            total = sum(entry.billable_minutes for entry in mine)
        else:
            price = contract.instructor_hour_price if instructor else contract.worker_hour_price
            total = sum(
                billable_minutes(entry.worked_minutes, contract.rounding_minutes) for entry in mine
            )
        if price is not None and total:
            charges.append(charge(kind, price, total))
    visit_price = first.approved_visit_price if first is not None else contract.visit_price
    minimum = first.approved_minimum_charge if first is not None else contract.minimum_charge
    travel = first.approved_travel_fee if first is not None else contract.travel_fee
    if visit_price:
        charges.append(charge(LineKind.VISIT, visit_price))
    if minimum:
        so_far = sum((_charge_net(found) for found in charges), ZERO)
        if so_far < minimum:
            charges.append(charge(LineKind.MINIMUM, minimum - so_far))
    if travel:
        charges.append(charge(LineKind.TRAVEL, travel))
    return charges


def _charge_net(charge: Charge) -> Decimal:
    quantity = hours(charge.minutes) if charge.minutes else Decimal(charge.count)
    return line_net(quantity, charge.unit_price)


def gig_amount(session: Session, gig_id: int) -> Decimal | None:
    """The net a gig is (or will be) billed, for the timesheet area; None for no charge."""
    return gig_amounts(session, [gig_id]).get(gig_id)


def gig_amounts(session: Session, gig_ids: Sequence[int]) -> dict[int, Decimal]:
    """The net each gig is (or will be) billed, in a few queries whatever their number.

    Gigs with no charge are left out: cancelled by the centre, cancelled by the customer
    without a billable cancellation, or nothing priced (no hours, no visit price).
    """
    ids = list(dict.fromkeys(gig_ids))
    gigs: list[Gig] = []
    for start in range(0, len(ids), 500):
        gigs.extend(
            session.scalars(
                select(Gig)
                .where(Gig.id.in_(ids[start : start + 500]))
                .options(
                    selectinload(Gig.contract).selectinload(Contract.work_site),
                    selectinload(Gig.contract).selectinload(Contract.customer),
                    selectinload(Gig.work_site),
                )
            )
        )
    billed = [
        gig
        for gig in gigs
        if not gig.status.is_cancelled
        or (gig.status is GigStatus.CANCELLED_BY_CUSTOMER and gig.cancel_billable)
    ]
    entries = _entries_by_gig(session, [gig.id for gig in billed])
    amounts: dict[int, Decimal] = {}
    for gig in billed:
        household = gig.contract.customer.type is CustomerType.HOUSEHOLD
        charges = gig_charges(gig, entries.get(gig.id, []), household)
        if charges:
            amounts[gig.id] = sum((_charge_net(charge) for charge in charges), ZERO)
    return amounts


def _line(
    charge: Charge, tr: Translator, rates: Rates, count: int = 1, last: date | None = None
) -> Line:
    rate, reason = rates.vat_of(charge.category, charge.vat_reason, charge.day)
    description = tr(DESCRIPTIONS[charge.kind]).format(title=charge.title)
    if count > 1:
        # Only a summary of two or more visits says how many.
        description += " " + tr("({count} visits)").format(count=count)
    quantity = (
        hours(charge.minutes) if charge.minutes else Decimal(charge.count).quantize(Decimal("0.01"))
    )
    return Line(
        kind=charge.kind,
        description=description,
        quantity=quantity,
        unit=charge.unit,
        unit_price=charge.unit_price,
        vat_rate=rate,
        vat_reason=tr(reason) if reason else "",
        day=charge.day if last is None else None,
        period_start=charge.day if last is not None else None,
        period_end=last,
        site=charge.site,
        contract_number=charge.contract_number,
    )


def _lines(
    charges: Sequence[Charge], detail: InvoiceDetail, tr: Translator, rates: Rates
) -> list[Line]:
    if detail is InvoiceDetail.PER_GIG:
        return [_line(charge, tr, rates) for charge in charges]
    groups: dict[tuple[object, ...], list[Charge]] = defaultdict(list)
    for charge in charges:
        rate, reason = rates.vat_of(charge.category, charge.vat_reason, charge.day)
        key = (charge.contract_number, charge.kind, charge.unit_price, rate, reason, charge.site)
        groups[key].append(charge)
    lines = []
    for group in groups.values():
        first = group[0]
        merged = Charge(
            kind=first.kind,
            contract_number=first.contract_number,
            title=first.title,
            site=first.site,
            day=min(charge.day for charge in group),
            unit_price=first.unit_price,
            category=first.category,
            vat_reason=first.vat_reason,
            minutes=sum(charge.minutes for charge in group),
            count=sum(charge.count for charge in group),
            household_work=first.household_work,
        )
        lines.append(
            _line(merged, tr, rates, count=len(group), last=max(charge.day for charge in group))
        )
    return lines


def _extra(row: ExtraLine, tr: Translator, rates: Rates) -> Line:
    rate, reason = rates.vat_of(row.vat_treatment, row.vat_reason, row.day)
    return Line(
        kind=row.kind,
        description=row.description,
        quantity=row.quantity,
        unit=row.unit,
        unit_price=row.unit_price,
        vat_rate=rate,
        vat_reason=tr(reason) if reason else "",
        day=row.day,
    )


def drafts(
    session: Session,
    period: Period,
    customer_ids: Sequence[int] | None = None,
    *,
    rates: Rates | None = None,
    prepayment_register: bool | None = None,
) -> list[Draft]:
    """A draft for every customer with invoiceable work or extra lines in ``period``.

    Raises :class:`MissingRateError` when the VAT table has no rate for a day.
    """
    rates = rates or load_rates(session)
    if prepayment_register is None:
        centre = session.scalar(select(Centre).order_by(Centre.id).limit(1))
        prepayment_register = bool(centre and centre.prepayment_register)
    gigs = invoiceable_gigs(session, period, customer_ids)
    entries = _entries_by_gig(session, [gig.id for gig in gigs])
    by_customer: dict[int, list[Gig]] = defaultdict(list)
    for gig in gigs:
        by_customer[gig.contract.customer_id].append(gig)
    extra_query = select(ExtraLine).where(
        ExtraLine.invoice_id.is_(None), ExtraLine.day <= period.end
    )
    if customer_ids is not None:
        extra_query = extra_query.where(ExtraLine.customer_id.in_(customer_ids))
    extras: dict[int, list[ExtraLine]] = defaultdict(list)
    for row in session.scalars(extra_query.order_by(ExtraLine.day, ExtraLine.id)):
        extras[row.customer_id].append(row)
    wanted = set(by_customer) | set(extras)
    customers = {
        row.id: row for row in session.scalars(select(Customer).where(Customer.id.in_(wanted)))
    }
    result = []
    for customer in sorted(customers.values(), key=lambda c: c.customer_number):
        result.append(
            _draft(
                customer,
                by_customer.get(customer.id, []),
                entries,
                extras.get(customer.id, []),
                rates,
                prepayment_register,
            )
        )
    return [draft for draft in result if draft.lines]


def _draft(
    customer: Customer,
    gigs: Sequence[Gig],
    entries: dict[int, list[TimesheetEntry]],
    extras: Iterable[ExtraLine],
    rates: Rates,
    prepayment_register: bool,
) -> Draft:
    tr = translator_for(customer.invoice_language.value)
    household = customer.type is CustomerType.HOUSEHOLD
    charges: list[Charge] = []
    billed: list[int] = []
    for gig in gigs:
        found = gig_charges(gig, entries.get(gig.id, []), household)
        if found:
            charges.extend(found)
            billed.append(gig.id)
    lines = _lines(charges, customer.invoice_detail, tr, rates)
    extra_rows = list(extras)
    lines.extend(_extra(row, tr, rates) for row in extra_rows)
    work_share = None
    sites: tuple[str, ...] = ()
    days: tuple[date, ...] = ()
    work = [charge for charge in charges if charge.household_work and charge.kind.is_work]
    if household and prepayment_register and work:
        eligible = {charge.contract_number for charge in work}
        work_lines = [
            line for line in lines if line.kind.is_work and line.contract_number in eligible
        ]
        work_share = totals(work_lines).total
        sites = tuple(dict.fromkeys(charge.site for charge in work if charge.site))
        days = tuple(sorted({charge.day for charge in work}))
    return Draft(
        customer_id=customer.id,
        customer_number=customer.customer_number,
        customer_name=customer.name,
        language=tr.language,
        household=household,
        lines=tuple(lines),
        gig_ids=tuple(billed),
        extra_line_ids=tuple(row.id for row in extra_rows),
        work_share=work_share,
        work_sites=sites,
        work_days=days,
    )


__all__ = [
    "Charge",
    "Draft",
    "MissingRateError",
    "Period",
    "Rates",
    "awaiting_approval",
    "drafts",
    "gig_amount",
    "gig_amounts",
    "gig_charges",
    "interest_on",
    "invoiceable_gigs",
    "load_rates",
]
