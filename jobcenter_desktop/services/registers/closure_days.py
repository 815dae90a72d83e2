"""The centre's own closure days (staff training, summer break): no gigs are generated on them.

Public holidays come from the calendar (``domain.schedule``) and are not stored.
Adding a closure day does not cancel gigs that already exist on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from jobcenter_desktop.db.models import ClosureDay
from jobcenter_desktop.db.records import delete
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

LABELS = {"day": N_("Closure day"), "reason": N_("Reason")}


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True, slots=True)
class ClosureDayRow:
    id: int
    day: date
    reason: str


def add_closure_day(store: Store, day: date, reason: str = "") -> int:
    """Mark ``day`` closed; returns the closure day's id."""
    with store.write() as tx:
        taken = tx.session.scalar(
            select(func.count()).select_from(ClosureDay).where(ClosureDay.day == day)
        )
        checker = v.Checker()
        if taken:
            checker.add("day", label("day"), _("the day is already a closure day"))
        checker.raise_if_any()
        row = ClosureDay(day=day, reason=reason.strip())
        tx.session.add(row)
        tx.session.flush()
        tx.record("closure_day", row.id, "create", None, snapshot(row))
        return row.id


def remove_closure_day(store: Store, closure_day_id: int) -> None:
    """Open the day again (gigs are generated on it from the next run on)."""
    delete(store, ClosureDay, closure_day_id)


def list_closure_days(
    store: Store, start: date | None = None, end: date | None = None
) -> list[ClosureDayRow]:
    """The closure days, earliest first, optionally only those in ``[start, end]``."""
    query = select(ClosureDay.id, ClosureDay.day, ClosureDay.reason).order_by(ClosureDay.day)
    if start is not None:
        query = query.where(ClosureDay.day >= start)
    if end is not None:
        query = query.where(ClosureDay.day <= end)
    with store.read() as session:
        return [ClosureDayRow(*row) for row in session.execute(query)]
