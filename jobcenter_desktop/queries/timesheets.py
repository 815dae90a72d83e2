"""Read models of the timesheets area: one gig's sheet, and a week of gigs for the list.

``gig_timesheet`` gives the recorded entries of a gig, or, before anything is
recorded, one row per planned person (participants first, then instructors)
with the planned start and end and no break: the sheet is prefilled from the
plan. ``week_timesheets`` sums up the gigs of a date range in four queries
whatever the number of gigs (gigs, crew counts twice, entry totals), all
selected by the indexed day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import (
    Contract,
    Customer,
    Gig,
    Invoice,
    InvoicedGig,
    TimesheetEntry,
    WorkSite,
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.domain.gig_times import end_on_start_day


class Approval(StrEnum):
    """How much of a gig's recorded hours is approved."""

    NONE = "none"
    PARTLY = "partly"
    ALL = "all"


class SheetState(StrEnum):
    """Where a gig's timesheet is, in the order of the work."""

    NOT_RECORDED = "not_recorded"
    RECORDED = "recorded"
    DONE = "done"
    APPROVED = "approved"
    INVOICED = "invoiced"
    CANCELLED = "cancelled"


def approval_of(entry_count: int, approved_count: int) -> Approval:
    if entry_count == 0 or approved_count == 0:
        return Approval.NONE
    return Approval.ALL if approved_count >= entry_count else Approval.PARTLY


def sheet_state(
    status: GigStatus, entry_count: int, approval: Approval, invoiced: bool = False
) -> SheetState:
    """The state shown in the list: cancelled, invoiced, approved, done, recorded or not
    recorded."""
    if status.is_cancelled:
        return SheetState.CANCELLED
    if invoiced:
        return SheetState.INVOICED
    if approval is Approval.ALL:
        return SheetState.APPROVED
    if status is GigStatus.DONE:
        return SheetState.DONE
    return SheetState.RECORDED if entry_count else SheetState.NOT_RECORDED


def planned_end(start: time, duration_minutes: int) -> time:
    """The planned end time; a plan past midnight ends at 23.59 (a shift is one day)."""
    return end_on_start_day(date.min, start, duration_minutes)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One person's hours on the gig: a recorded entry, or the plan before recording."""

    participant_id: int | None
    instructor_id: int | None
    name: str
    is_instructor: bool
    #: whether the person is on the gig's planned crew
    planned: bool
    start: time
    end: time
    break_minutes: int
    worked_minutes: int | None
    billable_minutes: int | None
    note: str
    unplanned_reason: str
    approved_at: datetime | None
    approved_by: str
    #: False for a row prefilled from the plan
    recorded: bool


@dataclass(frozen=True, slots=True)
class GigTimesheet:
    gig_id: int
    customer_name: str
    contract_title: str
    site_name: str
    day: date
    planned_start: time
    planned_end: time
    status: GigStatus
    cancel_reason: str
    rounding_minutes: int
    feedback_score: int | None
    feedback_comment: str
    rows: tuple[SheetRow, ...]
    #: the number of the invoice in force that bills the gig, if one does
    invoice_number: int | None = None

    @property
    def entry_count(self) -> int:
        return sum(1 for row in self.rows if row.recorded)

    @property
    def approval(self) -> Approval:
        return approval_of(
            self.entry_count, sum(1 for row in self.rows if row.approved_at is not None)
        )

    @property
    def state(self) -> SheetState:
        return sheet_state(
            self.status, self.entry_count, self.approval, self.invoice_number is not None
        )

    @property
    def approved_at(self) -> datetime | None:
        """When the entries were approved (the latest approval), if any was."""
        stamps = [row.approved_at for row in self.rows if row.approved_at is not None]
        return max(stamps) if stamps else None

    @property
    def approved_by(self) -> str:
        latest = self.approved_at
        return next((row.approved_by for row in self.rows if row.approved_at == latest), "")


def _name(first: str, last: str) -> str:
    return f"{first} {last}"


def gig_timesheet(store: Store, gig_id: int) -> GigTimesheet:
    """The gig's timesheet: its recorded entries, or rows prefilled from the plan.

    Raises ``NotFoundError`` (a ``UserError``) when the gig does not exist.
    """
    with store.read() as session:
        gig = get(session, Gig, gig_id)
        contract = gig.contract
        site = gig.work_site
        crew_participants = {p.id for p in gig.participants}
        crew_instructors = {i.id for i in gig.instructors}
        end = planned_end(gig.start_time, gig.duration_minutes)
        entries = list(
            session.scalars(
                select(TimesheetEntry)
                .where(TimesheetEntry.gig_id == gig.id)
                .order_by(TimesheetEntry.id)
            )
        )
        rows: list[SheetRow] = []
        for entry in entries:
            if entry.participant is not None:
                person = entry.participant
                name = _name(person.first_name, person.last_name)
                planned = person.id in crew_participants
            else:
                assert entry.instructor is not None
                name = _name(entry.instructor.first_name, entry.instructor.last_name)
                planned = entry.instructor.id in crew_instructors
            rows.append(
                SheetRow(
                    entry.participant_id,
                    entry.instructor_id,
                    name,
                    entry.instructor_id is not None,
                    planned,
                    entry.start_time,
                    entry.end_time,
                    entry.break_minutes,
                    entry.worked_minutes,
                    entry.billable_minutes,
                    entry.note,
                    entry.unplanned_reason,
                    entry.approved_at,
                    entry.approved_by,
                    True,
                )
            )
        if not entries:
            people = [
                (p.id, None, _name(p.first_name, p.last_name), False)
                for p in sorted(gig.participants, key=lambda p: (p.last_name, p.first_name, p.id))
            ] + [
                (None, i.id, _name(i.first_name, i.last_name), True)
                for i in sorted(gig.instructors, key=lambda i: (i.last_name, i.first_name, i.id))
            ]
            rows = [
                SheetRow(
                    participant_id,
                    instructor_id,
                    name,
                    is_instructor,
                    True,
                    gig.start_time,
                    end,
                    0,
                    None,
                    None,
                    "",
                    "",
                    None,
                    "",
                    False,
                )
                for participant_id, instructor_id, name, is_instructor in people
            ]
        return GigTimesheet(
            gig.id,
            contract.customer.name,
            contract.title,
            site.name if site is not None else "",
            gig.day,
            gig.start_time,
            end,
            gig.status,
            gig.cancel_reason,
            contract.rounding_minutes,
            gig.feedback_score,
            gig.feedback_comment,
            tuple(rows),
            invoice_numbers(session, [gig.id]).get(gig.id),
        )


def invoice_numbers(session: Session, gig_ids: Sequence[int]) -> dict[int, int]:
    """The number of the invoice in force that bills each of ``gig_ids`` (the invoiced ones)."""
    found: dict[int, int] = {}
    for start in range(0, len(gig_ids), 500):
        query = (
            select(InvoicedGig.gig_id, Invoice.number)
            .join(Invoice, Invoice.id == InvoicedGig.invoice_id)
            .where(
                InvoicedGig.gig_id.in_(gig_ids[start : start + 500]),
                InvoicedGig.released_by_id.is_(None),
            )
        )
        found.update({gig_id: number for gig_id, number in session.execute(query)})
    return found


@dataclass(frozen=True, slots=True)
class WeekGigRow:
    """One gig in the timesheets list."""

    id: int
    day: date
    start_time: time
    end_time: time
    customer_name: str
    contract_title: str
    site_name: str
    crew_count: int
    status: GigStatus
    entry_count: int
    approved_count: int
    worked_minutes: int
    invoice_number: int | None = None

    @property
    def approval(self) -> Approval:
        return approval_of(self.entry_count, self.approved_count)

    @property
    def state(self) -> SheetState:
        return sheet_state(
            self.status, self.entry_count, self.approval, self.invoice_number is not None
        )


def week_timesheets(store: Store, start: date, end: date) -> list[WeekGigRow]:
    """The gigs from ``start`` to ``end`` (both included) with their timesheet totals."""
    in_range = (Gig.day >= start) & (Gig.day <= end)
    gigs = (
        select(
            Gig.id,
            Gig.day,
            Gig.start_time,
            Gig.duration_minutes,
            Customer.name,
            Contract.title,
            WorkSite.name,
            Gig.status,
            Invoice.number,
        )
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(WorkSite, WorkSite.id == Gig.work_site_id)
        .outerjoin(
            InvoicedGig, (InvoicedGig.gig_id == Gig.id) & InvoicedGig.released_by_id.is_(None)
        )
        .outerjoin(Invoice, Invoice.id == InvoicedGig.invoice_id)
        .where(in_range)
        .order_by(Gig.day, Gig.start_time, Customer.name, Gig.id)
    )
    crew: Counter[int] = Counter()
    totals: dict[int, tuple[int, int, int]] = {}
    with store.read() as session:
        for table in (gig_participant, gig_instructor):
            counts = (
                select(table.c.gig_id, func.count())
                .join(Gig, Gig.id == table.c.gig_id)
                .where(in_range)
                .group_by(table.c.gig_id)
            )
            for gig_id, count in session.execute(counts):
                crew[gig_id] += int(count)
        entries = (
            select(
                TimesheetEntry.gig_id,
                func.count(),
                func.count(TimesheetEntry.approved_at),
                func.coalesce(func.sum(TimesheetEntry.worked_minutes), 0),
            )
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .where(in_range)
            .group_by(TimesheetEntry.gig_id)
        )
        for gig_id, count, approved, worked in session.execute(entries):
            totals[gig_id] = (int(count), int(approved), int(worked))
        return [
            WeekGigRow(
                gig_id,
                day,
                start_time,
                planned_end(start_time, duration),
                customer,
                title,
                site or "",
                crew[gig_id],
                status,
                *totals.get(gig_id, (0, 0, 0)),
                invoice_number,
            )
            for (
                gig_id,
                day,
                start_time,
                duration,
                customer,
                title,
                site,
                status,
                invoice_number,
            ) in session.execute(gigs)
        ]


@dataclass(frozen=True, slots=True)
class WeekApproval:
    """What approving a week's done gigs would do: which gigs, how many entries."""

    gig_ids: tuple[int, ...]
    entry_count: int
    #: gigs of the week with unapproved entries that are not marked done (left as they are)
    not_done_count: int
    #: gigs of the week (not cancelled) with no hours recorded at all
    unrecorded_count: int = 0


def week_approval(rows: list[WeekGigRow]) -> WeekApproval:
    """The done gigs of a week's list that still have unapproved entries."""
    pending = [row for row in rows if row.entry_count > row.approved_count]
    done = [row for row in pending if row.status is GigStatus.DONE]
    return WeekApproval(
        tuple(row.id for row in done),
        sum(row.entry_count - row.approved_count for row in done),
        sum(1 for row in pending if row.status is GigStatus.PLANNED),
        sum(1 for row in rows if row.state is SheetState.NOT_RECORDED),
    )
