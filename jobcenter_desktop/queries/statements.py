"""The facts of the participants' monthly plain-language statements, read from the store.

One participant's month (``participant_statement``) or the whole centre's
(``month_statements``): the approved gigs of the month as the participant knows them
(day, a place the customer gave: the gig's or the contract's work site, else the
contract's title; never a customer's or another participant's name), the worked
minutes, the earnings before tax priced exactly as ``queries.earnings`` prices the
approved figure, the work-activity days present and their allowance, and the benefit
lines of the participant's own profile. Special-category data (the benefits) goes only
into the participant's own ``StatementFacts``.

The whole month is read in a fixed number of queries, whatever the number of people.
Nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    Attendance,
    Centre,
    Contract,
    Gig,
    Participant,
    ParticipantBenefit,
    PayRate,
    TimesheetEntry,
    WorkSite,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import benefits as b
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.domain.pay import DatedRate, gig_pay
from jobcenter_desktop.domain.pay_statement import (
    BenefitLine,
    LimitLine,
    ReductionLine,
    StatementFacts,
    StatementGig,
)
from jobcenter_desktop.i18n import PRINT_LANGUAGES, current_language
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.earnings import (
    benefit_rules,
    held_benefits,
    month_bounds,
    participant_by_number,
)

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class StatementPage:
    """One participant's statement facts with the number its file is named by."""

    participant_number: str
    facts: StatementFacts


@dataclass(frozen=True, slots=True)
class MonthStatements:
    """The centre's statements of a month, one per participant who worked or attended,
    ordered by name; ``unapproved`` counts the participants with hours recorded in the
    month but not approved yet (those hours are not on any statement)."""

    year: int
    month: int
    pages: tuple[StatementPage, ...]
    unapproved: int = 0


@dataclass
class _Month:
    """What one participant did in the month, gathered from the month's rows."""

    gigs: list[StatementGig] = field(default_factory=list)
    earnings: Decimal = ZERO
    days: int = 0
    allowance: Decimal = ZERO


def statement_language(language: str | None = None) -> str:
    """The language statements are written in: ``language`` if given, else the program's
    (the register keeps no language per participant)."""
    chosen = language or current_language()
    return chosen if chosen in PRINT_LANGUAGES else "fi"


def check_month(year: int, month: int, today: date | None = None) -> None:
    """Refuse a month that has not started yet: it has nothing to state."""
    today = today or date.today()
    if not 1 <= month <= 12:
        raise UserError(
            _("{text} is not a month. Give the month as YYYY-MM, e.g. 2026-11.").format(
                text=f"{year:04d}-{month:02d}"
            )
        )
    if (year, month) > (today.year, today.month):
        raise UserError(
            _(
                "The month {month} has not started yet, so it has no statement. "
                "Give this month or an earlier one."
            ).format(month=f"{month}/{year}")
        )


def participant_statement(
    store: Store,
    participant_number: str,
    year: int,
    month: int,
    language: str | None = None,
    today: date | None = None,
) -> StatementFacts:
    """One participant's statement of ``year``-``month`` (a page even for an empty month)."""
    check_month(year, month, today)
    with store.read() as session:
        participant = participant_by_number(session, participant_number)
        pages = _read_month(
            session,
            year,
            month,
            statement_language(language),
            only=participant,
        )
    return pages[0].facts


def month_statements(
    store: Store,
    year: int,
    month: int,
    language: str | None = None,
    today: date | None = None,
) -> MonthStatements:
    """The statements of everyone who has approved hours or a day present in the month."""
    check_month(year, month, today)
    first, last = month_bounds(year, month)
    with store.read() as session:
        pages = _read_month(session, year, month, statement_language(language))
        unapproved = session.scalar(
            select(func.count(func.distinct(TimesheetEntry.participant_id)))
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .where(
                TimesheetEntry.participant_id.is_not(None),
                TimesheetEntry.approved_at.is_(None),
                Gig.day >= first,
                Gig.day <= last,
            )
        )
    return MonthStatements(year, month, tuple(pages), int(unapproved or 0))


def _read_month(
    session: Session,
    year: int,
    month: int,
    language: str,
    only: Participant | None = None,
) -> list[StatementPage]:
    first, last = month_bounds(year, month)
    months: dict[int, _Month] = defaultdict(_Month)

    def mine(column: Any) -> list[ColumnElement[bool]]:
        return [] if only is None else [column == only.id]

    # The month's approved hours with the pay a contract may set and the place to show.
    gig_site = aliased(WorkSite)
    contract_site = aliased(WorkSite)
    entries = session.execute(
        select(
            TimesheetEntry.participant_id,
            Gig.day,
            TimesheetEntry.worked_minutes,
            Contract.pay_rate,
            gig_site.name,
            contract_site.name,
            Contract.title,
        )
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .join(Contract, Contract.id == Gig.contract_id)
        .outerjoin(gig_site, gig_site.id == Gig.work_site_id)
        .outerjoin(contract_site, contract_site.id == Contract.work_site_id)
        .where(
            TimesheetEntry.participant_id.is_not(None),
            TimesheetEntry.approved_at.is_not(None),
            Gig.day >= first,
            Gig.day <= last,
            *mine(TimesheetEntry.participant_id),
        )
        .order_by(Gig.day, Gig.start_time, Gig.id)
    ).all()
    present = session.execute(
        select(Attendance.participant_id, func.count(), func.sum(Attendance.allowance))
        .where(
            Attendance.status == AttendanceStatus.PRESENT,
            Attendance.day >= first,
            Attendance.day <= last,
            *mine(Attendance.participant_id),
        )
        .group_by(Attendance.participant_id)
    ).all()

    ids = {row[0] for row in entries if row[0] is not None} | {row[0] for row in present}
    if only is not None:
        ids.add(only.id)
    if not ids:
        return []
    people = {
        person.id: person
        for person in session.scalars(select(Participant).where(Participant.id.in_(ids)))
    }
    rates: dict[int, list[DatedRate]] = defaultdict(list)
    for rate in session.scalars(select(PayRate).where(PayRate.participant_id.in_(ids))):
        rates[rate.participant_id].append(DatedRate(rate.valid_from, rate.hourly_pay))
    profiles: dict[int, list[ParticipantBenefit]] = defaultdict(list)
    for benefit in session.scalars(
        select(ParticipantBenefit).where(ParticipantBenefit.participant_id.in_(ids))
    ):
        profiles[benefit.participant_id].append(benefit)
    rules = benefit_rules(session)
    centre = session.scalar(select(Centre.legal_name).order_by(Centre.id).limit(1)) or ""

    for entry_person, day, minutes, contract_rate, gig_place, contract_place, title in entries:
        if entry_person is None:  # never: the query keeps participants' entries only
            continue
        person_id = entry_person
        person = people[person_id]
        # The same pricing as ``queries.earnings``' approved figure, gig by gig.
        pay = gig_pay(
            person.pay_basis,
            day,
            minutes,
            rates[person_id],
            contract_rate,
            person.hourly_pay,
        )
        row = months[person_id]
        row.earnings += pay.earnings
        row.gigs.append(StatementGig(day, gig_place or contract_place or title, minutes))
    for present_person, days, allowance in present:
        row = months[int(present_person)]
        row.days = int(days)
        row.allowance = Decimal(allowance or 0).quantize(ZERO)

    pages = []
    for person in sorted(
        people.values(), key=lambda p: (p.last_name, p.first_name, p.participant_number)
    ):
        row = months[person.id]
        held = held_benefits(profiles[person.id], rules, first, last)
        pages.append(
            StatementPage(
                person.participant_number,
                StatementFacts(
                    centre_name=centre,
                    first_name=person.first_name,
                    full_name=person.full_name,
                    year=year,
                    month=month,
                    gigs=row.gigs,
                    earnings=row.earnings,
                    pay_basis=person.pay_basis,
                    allowance_days=row.days,
                    allowance=row.allowance,
                    benefits=benefit_lines(held, row.earnings),
                    language=language,
                ),
            )
        )
    return pages


def benefit_lines(held: Sequence[b.HeldBenefit], earnings: Decimal) -> tuple[BenefitLine, ...]:
    """The statement's line for each benefit held: a limit against the month's approved
    earnings, or the reduction they cause; a benefit whose personal limit is not recorded
    is said to be affected without a figure."""
    lines: list[BenefitLine] = []
    for item in b.forecast(held, earnings):
        if item.limit is not None:
            lines.append(LimitLine(item.code.value, item.limit, earnings))
        else:
            lines.append(ReductionLine(item.code.value, item.reduction))
    return tuple(lines)


def statement_file_name(participant_number: str, year: int, month: int) -> str:
    """``statement-1001-2026-11.pdf``: the number kept to letters, digits, ``-`` and ``_``."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in participant_number.strip())
    return f"statement-{safe}-{year:04d}-{month:02d}.pdf"


def batch_file_name(year: int, month: int) -> str:
    """``statements-2026-11.pdf``: the whole centre's statements, one page each."""
    return f"statements-{year:04d}-{month:02d}.pdf"
