"""The dated rate tables of Settings as rows to show: VAT rates and late-payment interest.

Each row says whether issued invoices may have used it (``in_use``: the row was in
force on a day an issued invoice covers) and whether it is fixed (``locked``): rows
valid from a day that issued invoices already cover can no longer be changed or
deleted, since a credit note or a reprint must be able to rely on them. New rates are
added with a later valid-from date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import InterestRateRow, Invoice, VatRateRow
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.vat import RATED
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

#: The rate categories by short names, for the table in Settings (the column says "VAT").
CATEGORY_NAMES = {
    VatTreatment.GENERAL: N_("General rate"),
    VatTreatment.FOOD: N_("Food and catering"),
    VatTreatment.REDUCED: N_("Reduced rate"),
}


def category_name(category: VatTreatment) -> str:
    """``Yleinen verokanta``: the short name of a rate category in the user's language."""
    return _(CATEGORY_NAMES[category]) if category in CATEGORY_NAMES else category.label


@dataclass(frozen=True, slots=True)
class VatRateRowView:
    """One row of the VAT table: ``rate`` percent for ``category`` from ``valid_from``."""

    id: int
    category: VatTreatment
    category_label: str
    valid_from: date
    rate: Decimal
    #: in force on a day of supply of an issued invoice
    in_use: bool
    #: valid from a day issued invoices already cover: neither changed nor deleted
    locked: bool


@dataclass(frozen=True, slots=True)
class InterestRateRowView:
    """Late-payment interest (percent a year) from ``valid_from``: consumers and businesses."""

    id: int
    valid_from: date
    consumer: Decimal
    business: Decimal
    #: in force on the issue date of an issued invoice
    in_use: bool
    #: valid from a day on or before the newest issue date: neither changed nor deleted
    locked: bool


def newest_supply_day(session: Session) -> date | None:
    """The last day of supply any issued invoice or credit note covers (None: none issued)."""
    return session.scalar(select(func.max(Invoice.period_end)))


def newest_issue_day(session: Session) -> date | None:
    """The issue date of the newest invoice or credit note (None: none issued)."""
    return session.scalar(select(func.max(Invoice.issue_date)))


def _next_starts(starts: Sequence[date]) -> list[date | None]:
    """For valid-from dates sorted ascending: each row's successor's date (None: the last)."""
    return [None if index + 1 == len(starts) else starts[index + 1] for index in range(len(starts))]


def vat_rates(store: Store) -> list[VatRateRowView]:
    """The VAT table: the rated categories in their order, each by valid-from date."""
    order = {category: number for number, category in enumerate(RATED)}
    with store.read() as session:
        rows = sorted(
            session.scalars(select(VatRateRow)),
            key=lambda row: (order.get(row.category, len(order)), row.valid_from),
        )
        newest = newest_supply_day(session)
        periods = list(session.execute(select(Invoice.period_start, Invoice.period_end).distinct()))
        result = []
        for category in dict.fromkeys(row.category for row in rows):
            mine = [row for row in rows if row.category is category]
            ends = _next_starts([row.valid_from for row in mine])
            for row, next_start in zip(mine, ends, strict=True):
                in_use = any(
                    end >= row.valid_from and (next_start is None or start < next_start)
                    for start, end in periods
                )
                result.append(
                    VatRateRowView(
                        row.id,
                        row.category,
                        category_name(row.category),
                        row.valid_from,
                        row.rate,
                        in_use,
                        newest is not None and row.valid_from <= newest,
                    )
                )
        return result


def interest_rates(store: Store) -> list[InterestRateRowView]:
    """The late-payment interest table by valid-from date."""
    with store.read() as session:
        rows = list(session.scalars(select(InterestRateRow).order_by(InterestRateRow.valid_from)))
        newest = newest_issue_day(session)
        issued = list(session.scalars(select(Invoice.issue_date).distinct()))
        ends = _next_starts([row.valid_from for row in rows])
        return [
            InterestRateRowView(
                row.id,
                row.valid_from,
                row.consumer,
                row.business,
                any(
                    day >= row.valid_from and (next_start is None or day < next_start)
                    for day in issued
                ),
                newest is not None and row.valid_from <= newest,
            )
            for row, next_start in zip(rows, ends, strict=True)
        ]
