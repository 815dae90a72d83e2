"""Gigs: generated from active contracts' schedules, added by hand, moved, cancelled, crewed.

Generation is idempotent: a gig is identified by its contract and the date the
schedule gave it (``scheduled_on``), so running it again creates only what is
missing and never touches, moves back or deletes a gig that exists (edited,
cancelled or done). Public holidays and the centre's closure days are skipped;
a gig that already exists on a day later made a closure day is left for the
instructor to cancel.

Audit: every hand-made change writes its own entry. A generation run writes ONE
entry (entity ``gig``, action ``generate``, no entity id) with the range and the
counts, not one per gig: a year of fifty weekly contracts is thousands of gigs,
and each of them is reproducible from the contracts and the calendar.

A gig with approved hours is locked: moving, cancelling and re-staffing it are
refused with :class:`GigLockedError` before anything changes; the store's
triggers (migration 0007) refuse the same whoever asks, and :func:`gig_lock_guard`
turns their refusal into the same sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, Literal

from sqlalchemy import exists, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.locks import GIG_LOCKED
from jobcenter_desktop.db.models import (
    ClosureDay,
    Contract,
    Gig,
    Instructor,
    Participant,
    TimesheetEntry,
)
from jobcenter_desktop.db.records import get, get_editable
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import ContractStatus, GigStatus
from jobcenter_desktop.domain.parsing import parse_weekdays
from jobcenter_desktop.domain.schedule import ScheduleCalendar, occurrences
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

DEFAULT_HORIZON = timedelta(weeks=8)
MAX_DURATION_MINUTES = 24 * 60
# What the store's triggers say when a gig with approved hours would change (migration 0007).
GIG_LOCKED_MARKER = GIG_LOCKED

LABELS = {
    "contract": N_("Contract"),
    "day": N_("Date"),
    "start_time": N_("Start time"),
    "duration_minutes": N_("Duration (minutes)"),
    "status": N_("Status"),
    "cancelled_by": N_("Cancelled by"),
    "cancel_reason": N_("Reason for cancelling"),
    "cancel_billable": N_("Billable"),
    "participants": N_("Participants"),
    "instructors": N_("Instructors"),
}


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True, slots=True)
class GenerationSummary:
    """What one generation run did."""

    created: int
    kept: int
    skipped_closed: int


class GigLockedError(UserError):
    """The gig has approved hours: its day, times, contract, status and crew are locked."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The gig has approved hours, so it cannot be moved, cancelled or re-staffed. "
                "Reopen its hours in the timesheets first and give the reason."
            )
        )


@contextmanager
def gig_lock_guard() -> Iterator[None]:
    """Turn the store's refusal to change a gig with approved hours into the user's sentence."""
    try:
        yield
    except DBAPIError as error:
        if GIG_LOCKED_MARKER in str(error.orig):
            raise GigLockedError() from error
        raise


def has_approved_hours(session: Session, gig_id: int) -> bool:
    """Whether any of the gig's timesheet entries is approved."""
    approved = exists().where(
        TimesheetEntry.gig_id == gig_id, TimesheetEntry.approved_at.isnot(None)
    )
    return bool(session.scalar(select(approved)))


def _has_hours(session: Session, gig_id: int) -> bool:
    return bool(session.scalar(select(exists().where(TimesheetEntry.gig_id == gig_id))))


def refuse_if_approved(session: Session, gig_id: int) -> None:
    """Raise :class:`GigLockedError` when the gig has approved hours."""
    if has_approved_hours(session, gig_id):
        raise GigLockedError()


def default_until(today: date | None = None) -> date:
    """The default planning horizon: eight weeks ahead."""
    return (today or date.today()) + DEFAULT_HORIZON


def generate_gigs(store: Store, until: date, today: date | None = None) -> GenerationSummary:
    """Create the missing gigs of every active contract from ``today`` to ``until``.

    Only active, non-archived contracts with a start time and a duration take part,
    each within its own validity. Existing gigs are kept as they are.
    """
    start = today or date.today()
    with store.write() as tx:
        session = tx.session
        contracts = list(
            session.scalars(
                select(Contract)
                .where(
                    Contract.status == ContractStatus.ACTIVE,
                    Contract.archived_at.is_(None),
                    Contract.start_time.isnot(None),
                    Contract.duration_minutes.isnot(None),
                    Contract.valid_from <= until,
                    Contract.valid_to.is_(None) | (Contract.valid_to >= start),
                )
                .order_by(Contract.id)
            )
        )
        existing = {
            (contract_id, day)
            for contract_id, day in session.execute(
                select(Gig.contract_id, Gig.scheduled_on).where(
                    Gig.scheduled_on >= start, Gig.scheduled_on <= until
                )
            )
        }
        closures = {
            day: reason
            for day, reason in session.execute(
                select(ClosureDay.day, ClosureDay.reason).where(
                    ClosureDay.day >= start, ClosureDay.day <= until
                )
            )
        }
        calendar = ScheduleCalendar(closures)
        new_rows: list[dict[str, Any]] = []
        kept = skipped = 0
        for contract in contracts:
            days = occurrences(
                parse_weekdays(contract.weekdays),
                contract.every_weeks,
                contract.valid_from,
                contract.valid_to,
                start,
                until,
                _never_closed,
            )
            for day in days:
                if (contract.id, day) in existing:
                    kept += 1
                elif calendar.closed(day):
                    skipped += 1
                else:
                    new_rows.append(_generated(contract, day))
        if new_rows:
            session.execute(insert(Gig), new_rows)
        summary = GenerationSummary(len(new_rows), kept, skipped)
        tx.record(
            "gig",
            None,
            "generate",
            None,
            {
                "from": start.isoformat(),
                "until": until.isoformat(),
                "created": summary.created,
                "kept": summary.kept,
                "skipped_closed": summary.skipped_closed,
            },
        )
    return summary


def _never_closed(_day: date) -> bool:
    return False


def _generated(contract: Contract, day: date) -> dict[str, Any]:
    return {
        "contract_id": contract.id,
        "scheduled_on": day,
        "day": day,
        "start_time": contract.start_time,
        "duration_minutes": contract.duration_minutes,
        "work_site_id": contract.work_site_id,
        "planned_crew_size": contract.planned_crew_size,
        "status": GigStatus.PLANNED,
        "cancel_reason": "",
        "cancel_billable": False,
        "note": "",
        "edited": False,
    }


def _check_when(checker: v.Checker, contract: Contract, day: date, duration_minutes: int) -> None:
    if day < contract.valid_from or (contract.valid_to is not None and day > contract.valid_to):
        checker.add("day", label("day"), _("is outside the contract's validity"))
    if not 0 < duration_minutes <= MAX_DURATION_MINUTES:
        checker.add(
            "duration_minutes",
            label("duration_minutes"),
            _("must be between 1 and {limit} minutes").format(limit=MAX_DURATION_MINUTES),
        )


def add_gig(
    store: Store,
    contract_id: int,
    day: date,
    start_time: time,
    duration_minutes: int,
    note: str = "",
) -> int:
    """Add a one-off gig by hand for a contract; returns its id."""
    with store.write() as tx:
        checker = v.Checker()
        contract = get_editable(tx.session, Contract, contract_id)
        if contract.status is ContractStatus.ENDED:
            checker.add("contract", label("contract"), _("the contract has ended"))
        _check_when(checker, contract, day, duration_minutes)
        checker.raise_if_any()
        gig = Gig(
            contract_id=contract.id,
            scheduled_on=None,
            day=day,
            start_time=start_time,
            duration_minutes=duration_minutes,
            work_site_id=contract.work_site_id,
            planned_crew_size=contract.planned_crew_size,
            status=GigStatus.PLANNED,
            cancel_reason="",
            cancel_billable=False,
            note=note.strip(),
            edited=True,
        )
        tx.session.add(gig)
        tx.session.flush()
        tx.record("gig", gig.id, "create", None, gig_snapshot(gig))
        return gig.id


def move_gig(store: Store, gig_id: int, day: date, start_time: time, duration_minutes: int) -> None:
    """Move a planned gig to another day or time; regeneration will leave it there.

    A gig with approved hours is refused with :class:`GigLockedError`.
    """
    with gig_lock_guard(), store.write() as tx:
        gig = get(tx.session, Gig, gig_id)
        refuse_if_approved(tx.session, gig.id)
        before = gig_snapshot(gig)
        checker = v.Checker()
        if gig.status is not GigStatus.PLANNED:
            checker.add("status", label("status"), _("only a planned gig can be moved"))
        _check_when(checker, gig.contract, day, duration_minutes)
        checker.raise_if_any()
        gig.day = day
        gig.start_time = start_time
        gig.duration_minutes = duration_minutes
        gig.edited = True
        _audit(tx, gig, "move", before)


def cancel_gig(
    store: Store,
    gig_id: int,
    by: Literal["customer", "centre"],
    reason: str,
    billable: bool = False,
) -> None:
    """Cancel a planned gig, by the customer (billable or not) or by the centre.

    A gig with approved hours is refused with :class:`GigLockedError`.
    """
    with gig_lock_guard(), store.write() as tx:
        gig = get(tx.session, Gig, gig_id)
        refuse_if_approved(tx.session, gig.id)
        before = gig_snapshot(gig)
        checker = v.Checker()
        if gig.status is GigStatus.DONE:
            checker.add("status", label("status"), _("a done gig cannot be cancelled"))
        elif gig.status.is_cancelled:
            checker.add("status", label("status"), _("the gig is already cancelled"))
        elif _has_hours(tx.session, gig.id):
            # Hours on a cancelled gig could never be approved, nor removed.
            checker.add(
                "status",
                label("status"),
                _("the gig has recorded hours; remove them in the timesheets before cancelling"),
            )
        if by not in ("customer", "centre"):
            checker.add("cancelled_by", label("cancelled_by"), _("choose one of the options"))
        text = checker.require("cancel_reason", label("cancel_reason"), reason)
        if billable and by != "customer":
            checker.add(
                "cancel_billable",
                label("cancel_billable"),
                _("only a cancellation by the customer can be billed"),
            )
        checker.raise_if_any()
        gig.status = (
            GigStatus.CANCELLED_BY_CUSTOMER if by == "customer" else GigStatus.CANCELLED_BY_CENTRE
        )
        gig.cancel_reason = text or ""
        gig.cancel_billable = billable
        gig.edited = True
        _audit(tx, gig, "cancel", before)


def assign(
    store: Store, gig_id: int, participant_ids: Sequence[int], instructor_ids: Sequence[int]
) -> None:
    """Replace the gig's crew: its participants and instructor(s).

    A gig with approved hours is refused with :class:`GigLockedError`.
    """
    with gig_lock_guard(), store.write() as tx:
        assign_in(tx, gig_id, participant_ids, instructor_ids)


def assign_in(
    tx: Transaction, gig_id: int, participant_ids: Sequence[int], instructor_ids: Sequence[int]
) -> Gig:
    """:func:`assign` inside the caller's transaction; returns the gig."""
    gig = get(tx.session, Gig, gig_id)
    refuse_if_approved(tx.session, gig.id)
    before = gig_snapshot(gig)
    checker = v.Checker()
    if gig.status.is_cancelled:
        checker.add("status", label("status"), _("the gig is cancelled"))
    participants = _choose(tx.session, Participant, participant_ids, checker, "participants")
    instructors = _choose(tx.session, Instructor, instructor_ids, checker, "instructors")
    checker.raise_if_any()
    gig.participants = participants
    gig.instructors = instructors
    _audit(tx, gig, "assign", before)
    return gig


def _choose(
    session: Session,
    model: type[Participant] | type[Instructor],
    ids: Sequence[int],
    checker: v.Checker,
    key: str,
) -> list[Any]:
    wanted = list(dict.fromkeys(ids))
    found: list[Any] = list(session.scalars(select(model).where(model.id.in_(wanted))))
    rows = {row.id: row for row in found}
    if len(rows) != len(wanted):
        checker.add(key, label(key), _("choose one of the options"))
    elif any(row.archived_at is not None for row in rows.values()):
        checker.add(key, label(key), _("an archived person cannot be assigned"))
    return [rows[i] for i in wanted if i in rows]


def _audit(tx: Transaction, gig: Gig, action: str, before: dict[str, Any]) -> None:
    tx.session.flush()
    tx.record("gig", gig.id, action, before, gig_snapshot(gig))


def gig_snapshot(gig: Gig) -> dict[str, Any]:
    values = snapshot(gig)
    values["participants"] = [p.id for p in gig.participants]
    values["instructors"] = [i.id for i in gig.instructors]
    return values
