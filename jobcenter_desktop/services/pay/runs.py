"""Pay runs: a period's approved, unpaid hours and allowance days, previewed or confirmed.

:func:`preview` reads what a run of the period would pay and writes nothing.
:func:`confirm` backs the file up (``before-pay-run``), then in one transaction that
takes the write lock *before* reading (so two workstations confirming the same period
pay each entry once: the second one finds it paid) numbers the run from the series,
stores its lines, its allowance days and its files, and leaves an audit entry.

What a run pays (``domain.pay``): each participant's approved timesheet entries of
gigs in the period, priced by worked minutes at the hourly pay in force on the gig's
day; the wage and fee bases are paid through the centre, the customer-employed and
"none" are listed with zero pay (their entries are marked paid all the same). An
entry paid once is never paid again: the store's partial unique index and its
triggers refuse it. Work-activity allowances: each attendance day present in the
period not yet paid, at the day's recorded allowance (else :data:`DEFAULT_ALLOWANCE`).

A second run of a period that already has one is an *adjusting* run: it pays the
entries approved (or days recorded) late and the differences of entries re-priced
since (a contract's pay rate corrected), with a reason (given, or one saying so).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.backups import backup_before
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    Attendance,
    Centre,
    Contract,
    Gig,
    Participant,
    PayRate,
    PayRun,
    PayRunAllowance,
    PayRunLine,
    TimesheetEntry,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.db.types import utcnow
from jobcenter_desktop.domain.conflicts import ALLOWANCE_TAX_FREE_CAP
from jobcenter_desktop.domain.enums import AttendanceStatus, PayBasis
from jobcenter_desktop.domain.pay import THROUGH_CENTRE, DatedRate, gig_pay, period_name
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date

REGULAR = "regular"
ADJUSTMENT = "adjustment"
ZERO = Decimal("0.00")
#: A day present's allowance when the day has none recorded (the tax-free cap).
DEFAULT_ALLOWANCE = ALLOWANCE_TAX_FREE_CAP


@dataclass(frozen=True, slots=True)
class Person:
    """A participant as the run's files show them."""

    id: int
    number: str
    name: str
    identity_code: str
    iban: str
    pay_basis: PayBasis


@dataclass(frozen=True, slots=True)
class Line:
    """One approved entry the run pays (or, ``is_difference``, the gap of a re-priced one).

    ``hourly_pay`` is None when no pay is entered for the person; ``gross`` is what the
    centre pays (zero for the customer-employed and "none"); ``earnings`` what the hours
    earn whatever the basis.
    """

    participant_id: int
    entry_id: int
    gig_id: int
    day: date
    minutes: int
    hourly_pay: Decimal | None
    earnings: Decimal
    gross: Decimal
    pay_basis: PayBasis
    is_difference: bool = False


@dataclass(frozen=True, slots=True)
class AllowanceDay:
    participant_id: int
    attendance_id: int
    day: date
    amount: Decimal

    @property
    def tax_free(self) -> Decimal:
        return min(self.amount, ALLOWANCE_TAX_FREE_CAP)

    @property
    def excess(self) -> Decimal:
        return self.amount - self.tax_free


@dataclass(frozen=True, slots=True)
class Debtor:
    """The centre as the payer of the bank transfer file (its default account)."""

    name: str
    iban: str
    bic: str


@dataclass(frozen=True)
class PayRunPlan:
    """What a run of the period pays; ``number`` is None in a preview."""

    start: date
    end: date
    kind: str
    reason: str
    corrects: int | None
    number: int | None
    people: dict[int, Person]
    lines: tuple[Line, ...]
    allowances: tuple[AllowanceDay, ...]
    identity_codes: bool
    pays_wages_itself: bool
    debtor: Debtor | None
    warnings: tuple[str, ...] = field(default=())

    @property
    def period(self) -> str:
        """``2026-11`` for a calendar month, else ``2026-11-01_2026-11-15``."""
        return period_name(self.start, self.end)

    def total(self, basis: PayBasis) -> Decimal:
        return sum((line.gross for line in self.lines if line.pay_basis is basis), ZERO)

    @property
    def wages(self) -> Decimal:
        return self.total(PayBasis.WAGE)

    @property
    def fees(self) -> Decimal:
        return self.total(PayBasis.FEE)

    @property
    def allowance_total(self) -> Decimal:
        return sum((day.amount for day in self.allowances), ZERO)

    @property
    def is_empty(self) -> bool:
        return not self.lines and not self.allowances


@dataclass(frozen=True)
class RunFiles:
    """What a confirmed run keeps of its files: the tables as JSON, the bank file's bytes,
    and the amount the bank file transfers."""

    document: str
    transfers_xml: bytes | None
    transfers: Decimal


#: Makes a run's files from its plan (numbered) inside the confirming transaction; the
#: files layer (``interchange.payroll_export``) gives it, so this service writes no file.
FileMaker = Callable[[PayRunPlan], RunFiles]


@dataclass(frozen=True)
class Confirmed:
    run_id: int
    plan: PayRunPlan
    files: RunFiles


class NothingToPay(UserError):
    def __init__(self, start: date, end: date) -> None:
        super().__init__(
            _(
                "Nothing to pay for {start}–{end}: every approved hour and attendance day "
                "of the period is paid already. Approve the hours first, or choose another "
                "period."
            ).format(start=format_date(start), end=format_date(end))
        )


def preview(store: Store, start: date, end: date) -> PayRunPlan:
    """What a run of ``start``–``end`` would pay now; nothing is written."""
    _check_period(start, end)
    with store.read() as session:
        return _plan(session, start, end, None, number=None)


def confirm(
    store: Store,
    start: date,
    end: date,
    make_files: FileMaker,
    reason: str | None = None,
) -> Confirmed:
    """Confirm the run of ``start``–``end``: numbered, its entries and days marked paid.

    Raises :class:`NothingToPay` when there is nothing unpaid (no run is made).
    """
    _check_period(start, end)
    if store.path is not None:
        backup_before(store.path, "pay-run", store.backups_dir)
    with store.write() as tx:
        session = tx.session
        number = (session.scalar(select(func.max(PayRun.number))) or 0) + 1
        plan = _plan(session, start, end, reason, number=number)
        if plan.is_empty:
            raise NothingToPay(start, end)
        files = make_files(plan)
        run = PayRun(
            number=number,
            kind=plan.kind,
            reason=plan.reason,
            corrects_run_id=_run_id(session, plan.corrects),
            period_start=start,
            period_end=end,
            confirmed_at=utcnow(),
            confirmed_by=tx.actor,
            wages=plan.wages,
            fees=plan.fees,
            allowances=plan.allowance_total,
            transfers=files.transfers,
            document=files.document,
            transfers_xml=files.transfers_xml,
        )
        session.add(run)
        session.flush()
        session.add_all(
            PayRunLine(
                pay_run_id=run.id,
                participant_id=line.participant_id,
                timesheet_entry_id=line.entry_id,
                gig_id=line.gig_id,
                day=line.day,
                minutes=line.minutes,
                hourly_pay=line.hourly_pay,
                gross=line.gross,
                pay_basis=line.pay_basis,
                is_difference=line.is_difference,
            )
            for line in plan.lines
        )
        session.add_all(
            PayRunAllowance(
                pay_run_id=run.id,
                participant_id=day.participant_id,
                attendance_id=day.attendance_id,
                day=day.day,
                amount=day.amount,
            )
            for day in plan.allowances
        )
        session.flush()
        tx.record("pay_run", run.id, "confirm", None, _audit(plan, files))
        return Confirmed(run.id, plan, files)


def _audit(plan: PayRunPlan, files: RunFiles) -> dict[str, Any]:
    values: dict[str, Any] = {
        "number": plan.number,
        "kind": plan.kind,
        "period_start": plan.start.isoformat(),
        "period_end": plan.end.isoformat(),
        "wages": str(plan.wages),
        "fees": str(plan.fees),
        "allowances": str(plan.allowance_total),
        "transfers": str(files.transfers),
        "entries": len(plan.lines),
        "attendance_days": len(plan.allowances),
    }
    if plan.kind == ADJUSTMENT:
        values["reason"] = plan.reason
        values["corrects"] = plan.corrects
    return values


def _run_id(session: Session, number: int | None) -> int | None:
    if number is None:
        return None
    return session.scalar(select(PayRun.id).where(PayRun.number == number))


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise UserError(
            _(
                "The last day {end} is before the first day {start}. Give the first day first."
            ).format(start=format_date(start), end=format_date(end))
        )


def _plan(
    session: Session, start: date, end: date, reason: str | None, number: int | None
) -> PayRunPlan:
    earlier = session.scalar(
        select(func.max(PayRun.number)).where(
            PayRun.period_start == start, PayRun.period_end == end
        )
    )
    kind = REGULAR if earlier is None else ADJUSTMENT
    given = (reason or "").strip()
    if kind == ADJUSTMENT and not given:
        given = _(
            "Adjusting run {number}: hours approved or re-priced after it and attendance "
            "days recorded after it."
        ).format(number=earlier)
    centre = session.scalar(select(Centre).order_by(Centre.id).limit(1))
    lines = _lines(session, start, end)
    allowances = _allowances(session, start, end)
    wanted = {line.participant_id for line in lines} | {d.participant_id for d in allowances}
    people = _people(session, wanted)
    warnings = [
        _(
            "{name} ({number}) has approved hours but no hourly pay: enter the pay in the "
            "participant's details or with rates set, then make the run."
        ).format(name=people[pid].name, number=people[pid].number)
        for pid in sorted(
            {
                line.participant_id
                for line in lines
                if line.hourly_pay is None and line.pay_basis in THROUGH_CENTRE
            }
        )
    ]
    return PayRunPlan(
        start=start,
        end=end,
        kind=kind,
        reason=given if kind == ADJUSTMENT else "",
        corrects=earlier,
        number=number,
        people=people,
        lines=tuple(lines),
        allowances=tuple(allowances),
        identity_codes=bool(centre is not None and centre.payroll_identity_code),
        pays_wages_itself=bool(centre is not None and centre.pays_wages_itself),
        debtor=_debtor(centre),
        warnings=tuple(warnings),
    )


def _debtor(centre: Centre | None) -> Debtor | None:
    if centre is None:
        return None
    account = next((a for a in centre.bank_accounts if a.is_default), None) or next(
        iter(centre.bank_accounts), None
    )
    if account is None:
        return None
    return Debtor(centre.legal_name, account.iban, account.bic)


def _people(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    rows = session.execute(
        select(
            Participant.id,
            Participant.participant_number,
            Participant.first_name,
            Participant.last_name,
            Participant.identity_code,
            Participant.iban,
            Participant.pay_basis,
        ).where(Participant.id.in_(sorted(ids)))
    )
    return {
        pid: Person(pid, number, f"{first} {last}", code or "", iban or "", basis)
        for pid, number, first, last, code, iban, basis in rows
    }


def _lines(session: Session, start: date, end: date) -> list[Line]:
    """The period's approved participant entries, each unpaid one priced, and the gap of
    each paid one whose price has changed since."""
    entries = list(
        session.execute(
            select(
                TimesheetEntry.id,
                TimesheetEntry.participant_id,
                TimesheetEntry.gig_id,
                TimesheetEntry.worked_minutes,
                Gig.day,
                Contract.pay_rate,
                Participant.pay_basis,
                Participant.hourly_pay,
            )
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .join(Contract, Contract.id == Gig.contract_id)
            .join(Participant, Participant.id == TimesheetEntry.participant_id)
            .where(
                TimesheetEntry.approved_at.is_not(None),
                Gig.day >= start,
                Gig.day <= end,
            )
            .order_by(Gig.day, TimesheetEntry.gig_id, TimesheetEntry.id)
        )
    )
    if not entries:
        return []
    ids = sorted({row.participant_id for row in entries})
    rates: dict[int, list[DatedRate]] = defaultdict(list)
    for pid, valid_from, hourly in session.execute(
        select(PayRate.participant_id, PayRate.valid_from, PayRate.hourly_pay).where(
            PayRate.participant_id.in_(ids)
        )
    ):
        rates[pid].append(DatedRate(valid_from, hourly))
    paid = {
        entry: amount
        for entry, amount in session.execute(
            select(PayRunLine.timesheet_entry_id, func.sum(PayRunLine.gross))
            .join(Gig, Gig.id == PayRunLine.gig_id)
            .where(Gig.day >= start, Gig.day <= end)
            .group_by(PayRunLine.timesheet_entry_id)
        )
    }
    lines = []
    for entry_id, worker, gig_id, minutes, day, contract_rate, basis, register in entries:
        assert worker is not None  # joined to the participant
        pid = worker
        pay = gig_pay(basis, day, minutes, rates[pid], contract_rate, register)
        if entry_id not in paid:
            lines.append(
                Line(
                    pid,
                    entry_id,
                    gig_id,
                    day,
                    minutes,
                    pay.hourly_pay,
                    pay.earnings,
                    pay.paid_by_centre,
                    basis,
                )
            )
            continue
        already = _cents(paid[entry_id])
        if pay.paid_by_centre != already:
            lines.append(
                Line(
                    pid,
                    entry_id,
                    gig_id,
                    day,
                    0,
                    pay.hourly_pay,
                    pay.paid_by_centre - already,
                    pay.paid_by_centre - already,
                    basis,
                    is_difference=True,
                )
            )
    return lines


def _cents(value: Any) -> Decimal:
    """A sum of a money column: Decimal euros (SQLAlchemy keeps the column's type)."""
    if isinstance(value, Decimal):
        return value
    return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


def _allowances(session: Session, start: date, end: date) -> list[AllowanceDay]:
    paid = select(PayRunAllowance.attendance_id)
    rows = session.execute(
        select(Attendance.id, Attendance.participant_id, Attendance.day, Attendance.allowance)
        .where(
            Attendance.status == AttendanceStatus.PRESENT,
            Attendance.day >= start,
            Attendance.day <= end,
            Attendance.id.not_in(paid),
        )
        .order_by(Attendance.participant_id, Attendance.day)
    )
    return [
        AllowanceDay(pid, day_id, day, DEFAULT_ALLOWANCE if amount is None else amount)
        for day_id, pid, day, amount in rows
    ]


def run_document(tables: dict[str, Any]) -> str:
    """The run's tables as the JSON it keeps (stable: the same tables give the same text)."""
    return json.dumps(tables, ensure_ascii=False, sort_keys=True)


def lines_by_person(lines: Sequence[Line]) -> dict[int, list[Line]]:
    found: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        found[line.participant_id].append(line)
    return found
