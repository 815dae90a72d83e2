"""Documents made from the store: the data a printed sheet needs, gathered in one place."""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import NotFoundError, UserError
from jobcenter_desktop.db.models import (
    Attendance,
    Centre,
    Contract,
    Customer,
    Gig,
    Instructor,
    Participant,
    TimesheetEntry,
    WorkSite,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.gig_sheet import GigSheet, build_gig_sheet, render_gig_sheet
from jobcenter_desktop.documents.timesheet_pdf import (
    TimesheetLine,
    build_month_timesheet,
    build_week_timesheet,
    render_month_timesheet,
    render_week_timesheet,
)
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.i18n import current_language
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.translator import translator_for
from jobcenter_desktop.queries.gigs import list_gigs


def gig_sheet(store: Store, gig_id: int, language: str | None = None) -> GigSheet:
    """The gig sheet of one gig, in ``language`` or else the customer's invoice language
    (the sheet is the customer's to sign).

    The sheet gets a translator for that language; the program's language stays as it is.
    """
    with store.read() as session:
        found = session.execute(
            select(Gig.day, Contract.task_description, Customer.invoice_language, WorkSite)
            .join(Contract, Contract.id == Gig.contract_id)
            .join(Customer, Customer.id == Contract.customer_id)
            .outerjoin(WorkSite, WorkSite.id == Gig.work_site_id)
            .where(Gig.id == gig_id)
        ).one_or_none()
        centre = session.scalar(select(Centre.legal_name).order_by(Centre.id).limit(1))
    if found is None:
        raise NotFoundError()
    day, task_description, customer_language, site = found
    row = next(g for g in list_gigs(store, day, day) if g.id == gig_id)
    address = ""
    if site is not None:
        address = ", ".join(
            part for part in (site.street, f"{site.postal_code} {site.city}".strip()) if part
        )
    return build_gig_sheet(
        row,
        centre_name=centre or "",
        site_address=address,
        task_description=task_description,
        tr=translator_for(language or customer_language.value),
    )


def gig_sheet_language(store: Store, gig_id: int) -> str:
    """The language a gig sheet prints in unless told otherwise: its customer's."""
    with store.read() as session:
        language = session.scalar(
            select(Customer.invoice_language)
            .join(Contract, Contract.customer_id == Customer.id)
            .join(Gig, Gig.contract_id == Contract.id)
            .where(Gig.id == gig_id)
        )
    if language is None:
        raise NotFoundError()
    return translator_for(language.value).language


def print_gig_sheet(store: Store, gig_id: int, target: Path, language: str | None = None) -> Path:
    """Write the gig sheet of ``gig_id`` as a PDF file; a UserError names a missing gig.

    In ``language`` (fi, sv, en), by default the customer's."""
    try:
        sheet = gig_sheet(store, gig_id, language)
    except NotFoundError:
        raise UserError(
            _(
                "No gig with the number {number}. The gig numbers are in the gig_id "
                "column of `export gigs`."
            ).format(number=gig_id)
        ) from None
    render_gig_sheet(sheet, target)
    return target


def sheet_language(language: str | None = None) -> str:
    """The language of an internal sheet (the week's, a month's): ``language``, by default
    the program's own."""
    return language or current_language()


def _centre_name(session: Session) -> str:
    return session.scalar(select(Centre.legal_name).order_by(Centre.id).limit(1)) or ""


def _lines(
    session: Session, start: date, end: date, *where: ColumnElement[bool]
) -> list[TimesheetLine]:
    """The recorded entries of participants and instructors from ``start`` to ``end``."""
    person = func.coalesce(
        Participant.first_name + " " + Participant.last_name,
        Instructor.first_name + " " + Instructor.last_name,
    )
    query = (
        select(
            Gig.day,
            Customer.name,
            Contract.title,
            WorkSite.name,
            person,
            TimesheetEntry.start_time,
            TimesheetEntry.end_time,
            TimesheetEntry.break_minutes,
            TimesheetEntry.instructor_id.is_not(None),
        )
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(WorkSite, WorkSite.id == Gig.work_site_id)
        .outerjoin(Participant, Participant.id == TimesheetEntry.participant_id)
        .outerjoin(Instructor, Instructor.id == TimesheetEntry.instructor_id)
        .where(Gig.day >= start, Gig.day <= end, *where)
        .order_by(Gig.day, TimesheetEntry.start_time, person)
    )
    return [
        TimesheetLine(day, customer, ", ".join(p for p in (title, site) if p), name, s, e, b, lead)
        for day, customer, title, site, name, s, e, b, lead in session.execute(query)
    ]


def print_week_timesheet(
    store: Store, year: int, week: int, target: Path, language: str | None = None
) -> Path:
    """Write the crew timesheet of ISO week ``week`` with everyone's recorded hours, in
    ``language`` (fi, sv, en; by default the program's)."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise UserError(
            _("There is no week {week} in {year}.").format(week=week, year=year)
        ) from error
    sunday = date.fromisocalendar(year, week, 7)
    with store.read() as session:
        lines = _lines(session, monday, sunday)
        centre = _centre_name(session)
    sheet = build_week_timesheet(
        lines, centre_name=centre, year=year, week=week, tr=translator_for(sheet_language(language))
    )
    render_week_timesheet(sheet, target)
    return target


def print_month_timesheet(
    store: Store,
    participant_number: str,
    year: int,
    month: int,
    target: Path,
    language: str | None = None,
) -> Path:
    """Write one participant's timesheet of a calendar month, for signatures, with their
    work-activity days; in ``language`` (fi, sv, en; by default the program's)."""
    with store.read() as session:
        participant = session.scalar(
            select(Participant).where(Participant.participant_number == participant_number)
        )
        if participant is None:
            raise UserError(
                _("No participant has the number {number}.").format(number=participant_number)
            )
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        lines = _lines(session, first, last, TimesheetEntry.participant_id == participant.id)
        days = session.scalars(
            select(Attendance.day).where(
                Attendance.participant_id == participant.id,
                Attendance.day >= first,
                Attendance.day <= last,
                Attendance.status == AttendanceStatus.PRESENT,
            )
        ).all()
        centre = _centre_name(session)
        name = participant.full_name
    sheet = build_month_timesheet(
        lines,
        centre_name=centre,
        participant=name,
        participant_number=participant_number,
        work_activity_days=days,
        year=year,
        month=month,
        tr=translator_for(sheet_language(language)),
    )
    render_month_timesheet(sheet, target)
    return target
