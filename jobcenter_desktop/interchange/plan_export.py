"""The plan and the hours of a date range as CSV or Excel files, for scripts and payroll.

``gigs``: one row a gig, its crew's participant numbers comma-separated.
``timesheets``: one row a participant's timesheet entry, in the columns the
timesheet import reads (so an exported file imports back), plus the worked and
billable minutes and whether the entry is approved. Instructors' entries are
not in it: the import takes participants' hours only.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from sqlalchemy import select

from jobcenter_desktop.db.models import Contract, Customer, Gig, Participant, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.interchange.exporting import check_export_path
from jobcenter_desktop.interchange.tabular import write_table
from jobcenter_desktop.interchange.timesheet_import import HEADERS as TIMESHEET_IMPORT_HEADERS
from jobcenter_desktop.queries.gigs import list_gigs

GIG_HEADERS = (
    "gig_id",
    "date",
    "start",
    "duration_minutes",
    "contract_number",
    "customer_number",
    "status",
    "participants",
)
TIMESHEET_HEADERS = (*TIMESHEET_IMPORT_HEADERS, "worked_minutes", "billable_minutes", "approved")
PLANS = ("gigs", "timesheets")


def _clock(value: time) -> str:
    return value.strftime("%H:%M")


def export_gigs(store: Store, start: date, end: date, path: Path) -> int:
    """Write the gigs from ``start`` to ``end`` (both included) to ``path``; returns the count."""
    gigs = list_gigs(store, start, end)
    with store.read() as session:
        customers = dict(
            session.execute(
                select(Contract.id, Customer.customer_number).join(
                    Customer, Customer.id == Contract.customer_id
                )
            ).all()
        )
    rows = [
        (
            str(gig.id),
            gig.day.isoformat(),
            _clock(gig.start_time),
            str(gig.duration_minutes),
            gig.contract_number,
            customers.get(gig.contract_id, ""),
            gig.status.value,
            ",".join(gig.participant_numbers),
        )
        for gig in gigs
    ]
    write_table(path, GIG_HEADERS, rows)
    return len(rows)


def export_timesheets(store: Store, start: date, end: date, path: Path) -> int:
    """Write the participants' entries of gigs from ``start`` to ``end`` to ``path``."""
    query = (
        select(
            Gig.day,
            Contract.contract_number,
            Participant.participant_number,
            TimesheetEntry.start_time,
            TimesheetEntry.end_time,
            TimesheetEntry.break_minutes,
            TimesheetEntry.worked_minutes,
            TimesheetEntry.billable_minutes,
            TimesheetEntry.approved_at,
        )
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Participant, Participant.id == TimesheetEntry.participant_id)
        .where(Gig.day >= start, Gig.day <= end)
        .order_by(Gig.day, Contract.contract_number, TimesheetEntry.start_time, Participant.id)
    )
    with store.read() as session:
        rows = [
            (
                day.isoformat(),
                contract_number,
                participant_number,
                _clock(begin),
                _clock(finish),
                str(pause),
                str(worked),
                str(billable),
                "yes" if approved_at is not None else "no",
            )
            for (
                day,
                contract_number,
                participant_number,
                begin,
                finish,
                pause,
                worked,
                billable,
                approved_at,
            ) in session.execute(query)
        ]
    write_table(path, TIMESHEET_HEADERS, rows)
    return len(rows)


def export_plan(store: Store, what: str, start: date, end: date, path: Path) -> int:
    """``gigs`` or ``timesheets`` from ``start`` to ``end``; returns the number of rows."""
    check_export_path(path)
    if what == "gigs":
        return export_gigs(store, start, end, path)
    if what == "timesheets":
        return export_timesheets(store, start, end, path)
    raise ValueError(what)
