"""The confirmed pay runs, newest first, as rows for ``pay-runs list`` and the window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import PayRun, PayRunAllowance, PayRunLine
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.pay import period_name
from jobcenter_desktop.i18n import gettext as _


@dataclass(frozen=True, slots=True)
class PayRunRow:
    id: int
    number: int
    kind: str
    reason: str
    corrects: int | None
    period_start: date
    period_end: date
    confirmed_at: datetime
    confirmed_by: str
    wages: Decimal
    fees: Decimal
    allowances: Decimal
    transfers: Decimal
    entries: int
    attendance_days: int
    has_transfer_file: bool


def list_pay_runs(store: Store) -> list[PayRunRow]:
    """Every confirmed run, newest (highest number) first."""
    corrected = aliased(PayRun)
    entries = (
        select(func.count(PayRunLine.id))
        .where(PayRunLine.pay_run_id == PayRun.id)
        .scalar_subquery()
    )
    days = (
        select(func.count(PayRunAllowance.id))
        .where(PayRunAllowance.pay_run_id == PayRun.id)
        .scalar_subquery()
    )
    with store.read() as session:
        rows = session.execute(
            select(
                PayRun.id,
                PayRun.number,
                PayRun.kind,
                PayRun.reason,
                corrected.number,
                PayRun.period_start,
                PayRun.period_end,
                PayRun.confirmed_at,
                PayRun.confirmed_by,
                PayRun.wages,
                PayRun.fees,
                PayRun.allowances,
                PayRun.transfers,
                entries,
                days,
                PayRun.transfers_xml.is_not(None),
            )
            .outerjoin(corrected, corrected.id == PayRun.corrects_run_id)
            .order_by(PayRun.number.desc())
        )
        return [
            PayRunRow(
                id=row[0],
                number=row[1],
                kind=row[2],
                reason=row[3],
                corrects=row[4],
                period_start=row[5],
                period_end=row[6],
                confirmed_at=row[7],
                confirmed_by=row[8],
                wages=row[9],
                fees=row[10],
                allowances=row[11],
                transfers=row[12],
                entries=int(row[13] or 0),
                attendance_days=int(row[14] or 0),
                has_transfer_file=bool(row[15]),
            )
            for row in rows
        ]


@dataclass(frozen=True, slots=True)
class SavedRun:
    """What a confirmed run kept of its files: the tables (JSON) and the bank file."""

    number: int
    period_start: date
    period_end: date
    document: str
    transfers_xml: bytes | None

    @property
    def period(self) -> str:
        return period_name(self.period_start, self.period_end)


def saved_run(store: Store, number: int) -> SavedRun:
    """Confirmed run ``number``'s kept files; a sentence when there is no such run."""
    with store.read() as session:
        row = session.execute(
            select(
                PayRun.number,
                PayRun.period_start,
                PayRun.period_end,
                PayRun.document,
                PayRun.transfers_xml,
            ).where(PayRun.number == number)
        ).one_or_none()
    if row is None:
        raise UserError(
            _("There is no pay run {number}. See the confirmed runs with pay-runs list.").format(
                number=number
            )
        )
    return SavedRun(row[0], row[1], row[2], row[3], row[4])
